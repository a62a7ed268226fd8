/**
 * `credform_ox_connector_credentials`: config -> `AddCredentialsInput` -> addCredentials + verify ->
 * state. OX cannot change credentials, so there is no real update: every change is planned as a
 * replacement (see schema.ts), and a rotated write-only secret is made one here, in `modifyPlan`.
 */
import type { ResourceType } from '../../tfplugin/resource';
import { readModel, writeModel } from '../../tfplugin/schema/model';
import { clientFor, type Connections } from '../connections';
import { beginSecretRecord, planSecretRotation, recordSecretApplied } from '../secret-rotation';
import { clientFactory, log } from './client-factory';
import { addCredentials, removeCredentials, removeSuperseded, verifyOrRemove } from './create-flow';
import { reportError } from './errors';
import { desiredFrom, resourceId, stateAfterCreate, stateAfterRead, type StoredCredentials } from './mapping';
import { checkPlan } from './plan-checks';
import {
  OX_CONNECTOR_CREDENTIALS_TYPE,
  SECRET_ATTRIBUTES,
  connectorCredentialsAttributes as attributes,
  connectorCredentialsBlock,
  connectorCredentialsDescription,
  connectorCredentialsValidators,
} from './schema';
import { oxVendor } from './vendor';

/** Private-state key: the credentials a replacement plan replaces (read by the create re-plan). */
const REPLACES = 'ox_replaces_credentials_id';

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

export const oxConnectorCredentials: ResourceType<Connections> = {
  typeName: OX_CONNECTOR_CREDENTIALS_TYPE,
  schema: {
    version: 0,
    description: connectorCredentialsDescription,
    block: connectorCredentialsBlock,
    configValidators: connectorCredentialsValidators,
  },

  async modifyPlan(req) {
    if (await planSecretRotation(req, SECRET_ATTRIBUTES, req.providerData?.secretCheckKey(oxVendor.id))) {
      // Terraform drops a replacement path whose value did not change, and a write-only value is
      // always null in plan and state: the revision going unknown is what makes it a replacement.
      req.requiresReplace.add(SECRET_ATTRIBUTES.writeOnly);
      req.requiresReplace.add(SECRET_ATTRIBUTES.revision);
    }
    const prior = req.priorState;
    const replacing = prior !== null && req.requiresReplace.size > 0;
    // Terraform plans the new object of a replacement again with no prior state but this private
    // state: it tells that plan which existing credentials are on their way out.
    const replaces = str(req.priorPrivate[REPLACES]);
    if (prior !== null && replacing) req.plannedPrivate[REPLACES] = readModel(attributes, prior).credentials_id;
    else delete req.plannedPrivate[REPLACES];
    if (prior !== null && !replacing) return; // nothing will be added
    await checkPlan(req, replacing, replaces);
  },

  async create(req) {
    const catalog = clientFor(clientFactory, req);
    if (!catalog) return;
    const planned = readModel(attributes, req.plan);
    beginSecretRecord(req, SECRET_ATTRIBUTES, req.providerData?.secretCheckKey(oxVendor.id));
    const d = desiredFrom(req.config);
    const superseded: StoredCredentials[] = [];
    const added = await addCredentials(catalog, d, req.providerData, req.diagnostics, log, superseded);
    if (!added) return;
    const state = writeModel(attributes, stateAfterCreate(planned, d, added));
    await recordSecretApplied(req, state, SECRET_ATTRIBUTES, true, req.providerData?.secretCheckKey(oxVendor.id));
    if (!(await verifyOrRemove(catalog, d, added, req.diagnostics, log, () => (req.state = state)))) return;
    req.state = state;
    await removeSuperseded(catalog, d, added, superseded, req.diagnostics, log);
  },

  async read(req) {
    const catalog = clientFor(clientFactory, req);
    if (!catalog) return;
    const state = readModel(attributes, req.state!);
    const { connector_id: connectorId, credentials_id: credentialsId, credentials_type: type } = state;
    try {
      // The scan reads every entry (after an import the type is not known yet: it does not matter).
      const connector = connectorId === null ? undefined : await catalog.connector(connectorId, type ? [type] : []);
      const found = credentialsId === null ? undefined : connector?.credentials.find((c) => c.credentialsId === credentialsId);
      if (!found) log.info('ox: credentials gone', { connector_id: connectorId, credentials_id: credentialsId });
      req.state = found ? writeModel(attributes, stateAfterRead(state, found)) : null;
    } catch (e) {
      reportError(req.diagnostics, e, { action: 'read', subject: `credentials ${credentialsId} on connector ${connectorId}` });
    }
  },

  /** Reached only by state-only changes (everything OX holds forces replacement): nothing to send. */
  async update(req) {
    const plan = readModel(attributes, req.plan);
    const prior = readModel(attributes, req.priorState);
    // What the plan leaves to be known after apply (the computed values) stays as it was.
    const state = writeModel(attributes, {
      ...plan,
      host_url: plan.host_url ?? prior.host_url,
      is_cert_checks_disabled: plan.is_cert_checks_disabled ?? prior.is_cert_checks_disabled,
      credentials_secrets_revision: plan.credentials_secrets_revision ?? prior.credentials_secrets_revision,
      credentials_id: plan.credentials_id ?? prior.credentials_id,
      id: plan.id ?? prior.id,
    });
    await recordSecretApplied(req, state, SECRET_ATTRIBUTES, false, req.providerData?.secretCheckKey(oxVendor.id));
    req.state = state;
  },

  async delete(req) {
    const catalog = clientFor(clientFactory, req);
    if (!catalog) return;
    const { connector_id: connectorId, credentials_id: credentialsId, credentials_type: type } = readModel(attributes, req.priorState);
    if (connectorId === null || credentialsId === null) return; // nothing names credentials in OX
    try {
      await removeCredentials(catalog, connectorId, credentialsId, type ?? undefined, log);
    } catch (e) {
      reportError(req.diagnostics, e, { action: 'delete', subject: `credentials ${credentialsId} on connector ${connectorId}` });
    }
  },

  importState(req) {
    const cut = req.id.lastIndexOf('/');
    const connectorId = req.id.slice(0, cut);
    const credentialsId = req.id.slice(cut + 1);
    if (cut <= 0 || credentialsId === '') {
      req.diagnostics.addError('Invalid import ID', `Expected \`<connector_id>/<credentials_id>\`, e.g. \`2/65f0c3a1b2c4d5e6f7a8b9c0\`; got ${JSON.stringify(req.id)}.`);
      return;
    }
    req.state = writeModel(attributes, { id: resourceId(connectorId, credentialsId), connector_id: connectorId, credentials_id: credentialsId });
  },
};
