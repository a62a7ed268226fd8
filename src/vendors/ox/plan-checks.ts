/**
 * What a plan that adds credentials checks with OX before anything changes, so that a pull-request
 * plan already shows it: the connector exists and accepts the credentials type, credentials with this
 * name that the apply would supersede, and a connector that holds a single set and already has one.
 * Everything here is a diagnostic; the plan itself is not changed.
 */
import type { PlanRequest } from '../../tfplugin/resource';
import type { ObjectValue } from '../../tfplugin/schema/config-validators';
import { readModel } from '../../tfplugin/schema/model';
import { Unknown } from '../../tfplugin/values/types';
import { clientFor, type Connections } from '../connections';
import { clientFactory } from './client-factory';
import { SINGLE_CREDENTIALS_HINT, holdsOneOnly } from './create-flow';
import { reportError } from './errors';
import { leftBehind, naturalKeyAttributes } from './mapping';

/** The natural key as far as the configuration knows it at plan: a value not known yet reads as null. */
function knownKey(config: ObjectValue) {
  const known = Object.fromEntries(Object.keys(naturalKeyAttributes).map((k) => [k, config[k] instanceof Unknown ? null : (config[k] ?? null)]));
  return readModel(naturalKeyAttributes, known);
}

/**
 * `replacing`: the plan replaces existing credentials (only the warning about a single-set connector
 * is said then). `replaces`: the id of the credentials a replacement replaces, which are on their
 * way out and so neither left behind nor in the way.
 */
export async function checkPlan(req: PlanRequest<Connections>, replacing: boolean, replaces: string | undefined): Promise<void> {
  const key = knownKey(req.config);
  const connectorId = key.connector_id;
  const type = key.credentials_type;
  if (connectorId === null || type === null) return; // not known yet: checked at apply
  // A type its own attribute refuses is reported by validation; OX would only refuse the document.
  if (!naturalKeyAttributes.credentials_type.schema.safeParse(type).success) return;
  const catalog = req.providerData ? clientFor(clientFactory, req) : undefined; // provider configuration not known yet: checked at apply
  if (!catalog) return;
  let connector;
  try {
    connector = await catalog.connector(connectorId, [type]);
  } catch (e) {
    reportError(req.diagnostics, e, { action: 'plan', subject: `connector ${connectorId}` });
    return;
  }
  if (replacing) {
    // Warnings of the replacement's own create plan are not shown by Terraform: say it here.
    if (connector && holdsOneOnly(connector, type)) req.diagnostics.addWarning('Replacing the only credentials of an OX connector', SINGLE_CREDENTIALS_HINT(connectorId));
    return;
  }
  if (!connector) {
    const list = [...(await catalog.connectors([])).values()].map((c) => `${c.id} (${c.displayName ?? c.name ?? '?'})`).join(', ');
    req.diagnostics.addAttributeError(['connector_id'], 'Unknown OX connector', `OX has no connector with ID ${JSON.stringify(connectorId)}. Connectors: ${list || 'none'}.`);
    return;
  }
  const label = `${connectorId} (${connector.displayName ?? connector.name ?? connectorId})`;
  if (!connector.credentialsTypes.includes(type)) {
    req.diagnostics.addAttributeError(['credentials_type'], 'Credentials type not supported by the connector', `OX connector ${label} does not accept ${type} credentials (connector_id = ${JSON.stringify(connectorId)}); it accepts: ${connector.credentialsTypes.join(', ') || 'none'}.`);
    return;
  }
  // Credentials an interrupted apply left behind are superseded at apply (see create-flow.ts): say
  // so in the plan, since OX names are not unique and a reviewer should see which ones go.
  const name = key.credentials_name;
  if (name !== null) {
    const k = { connectorId, type, name, hostUrl: key.host_url ?? undefined, certChecksDisabled: key.is_cert_checks_disabled ?? undefined };
    const left = leftBehind(connector, k, (id) => id === replaces);
    if (left.length > 0) {
      req.diagnostics.addAttributeWarning(['credentials_name'], 'OX credentials with this name already exist', `OX connector ${label} already holds ${type} credentials named ${JSON.stringify(name)} (${left.map((c) => c.credentialsId).join(', ')}). ${left.length === 1 ? 'The apply adds the configured credentials, verifies them, then removes that set (credentials an apply that was interrupted left behind), so that one set remains. If another resource of this configuration holds it, give this one another credentials_name.' : 'The apply fails rather than add one more set: remove the extra ones in OX, or choose another credentials_name.'}`);
    }
  }
  // A warning, not an error: the holder may be on its way out in this very apply (a replacement
  // without create_before_destroy, or an object deposed by a failed one), which this plan cannot see.
  const others = connector.credentials.filter((c) => c.credentialsId && c.credentialsId !== replaces);
  if (holdsOneOnly(connector, type) && others.length > 0) {
    req.diagnostics.addAttributeWarning(['connector_id'], 'The OX connector already holds credentials', `OX connector ${label} holds a single set of ${type} credentials and already has ${others.map((c) => `${JSON.stringify(c.credentialsName ?? '')} (${c.credentialsId})`).join(', ')}: OX will refuse new ones unless these are removed first. ${SINGLE_CREDENTIALS_HINT(connectorId)}`);
  }
}
