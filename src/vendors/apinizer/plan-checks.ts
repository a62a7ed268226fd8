/**
 * What can be checked against Apinizer before anything changes, so that a pull-request plan already
 * shows it: the project exists (the list call answers 404 otherwise) and a new username is free.
 *
 * A taken username is not always someone else's: when Terraform replaces this very resource (a
 * changed attribute that forces replacement, `-replace`), it deletes the old credential before it
 * creates the new one. The first planning call marks the object it may replace in planned private
 * state, which Terraform hands to the second call that plans the replacement (prior state null).
 * A tainted resource gets no such first call; it is recognised by a credential that has exactly the
 * configured settings (see `docs/vendors/apinizer.md`).
 */
import type { PlanRequest } from '../../tfplugin/resource';
import type { Connections } from '../connections';
import type { ApinizerClient } from './client';
import { credentialContext, importHint, reportError } from './errors';
import { desiredOf, sameSettings } from './mapping';
import { credentialAttributes, credentialId } from './schema';

/** Private-state key: the id of the object the planned create replaces. Never stored after apply. */
export const REPLACING = 'replacing';

export async function checkCreate(req: PlanRequest<Connections>, client: ApinizerClient): Promise<void> {
  const desired = desiredOf(req.plan);
  const project = typeof req.config.project_name === 'string' ? req.config.project_name : undefined;
  const username = typeof req.config.username === 'string' ? req.config.username : undefined;
  if (project === undefined || username === undefined) return; // not known yet: checked at apply
  // A value its own attribute refuses is reported by validation; it must not reach a URL path.
  if (!credentialAttributes.project_name.schema.safeParse(project).success || !credentialAttributes.username.schema.safeParse(username).success) return;
  const replacing = req.priorPrivate[REPLACING];
  delete req.plannedPrivate[REPLACING];

  let existing;
  try {
    existing = (await client.listCredentials(project, req.signal)).find((c) => c.username === username);
  } catch (error) {
    // A missing project (404) becomes an error on `project_name`, in the plan.
    reportError(req.diagnostics, error, credentialContext('plan', project, username));
    return;
  }
  if (!existing || replacing === credentialId(project, username)) return;
  if (desired && sameSettings(existing, desired)) {
    req.diagnostics.addAttributeWarning(
      ['username'],
      'A credential with this username and these exact settings already exists',
      `Project ${project} already has credential ${JSON.stringify(username)} with exactly the configured settings. credform assumes it is the object this plan replaces (a tainted resource, which Terraform deletes before creating it again) or one an interrupted apply left behind: if it is still there at apply, it is adopted (the configured password is sent to it) instead of failing as a duplicate. ${importHint(project, username)}`,
    );
    return;
  }
  req.diagnostics.addAttributeError(
    ['username'],
    'Username already taken',
    `Project ${project} already has a credential named ${JSON.stringify(username)}, and Apinizer usernames must be unique. Choose another username. ${importHint(project, username)} If this resource is tainted (an earlier apply created the credential but a deployment failed), run terraform untaint <resource address>: the next apply then deploys it again in place.`,
  );
}
