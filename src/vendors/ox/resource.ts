/**
 * `credform_ox_connector_credentials`: config -> `AddCredentialsInput` -> addCredentials + verify ->
 * state. OX cannot change credentials, so there is no real update: every change is planned as a
 * replacement (see schema.ts), and a rotated write-only secret is made one here, in `modifyPlan`.
 */
import type { ResourceType, State } from '../../tfplugin/resource';
import { Unknown } from '../../tfplugin/values/types';
import { clientFor, type Connections } from '../connections';
import { beginSecretRecord, planSecretRotation, recordSecretApplied } from '../secret-rotation';
import { clientFactory, log } from './client-factory';
import { SINGLE_CREDENTIALS_HINT, addCredentials, holdsOneOnly, removeCredentials, removeSuperseded, verifyOrRemove } from './create-flow';
import type { OxCredentials } from './documents';
import { addOxError } from './errors';
import { desiredFrom, leftBehind, resourceId, stateAfterCreate, stateAfterRead } from './mapping';
import {
  OX_CONNECTOR_CREDENTIALS_TYPE,
  SECRETS_ATTRIBUTES,
  connectorCredentialsBlock,
  connectorCredentialsDescription,
  connectorCredentialsValidators,
} from './schema';

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
    if (await planSecretRotation(req, SECRETS_ATTRIBUTES, req.providerData?.secretCheckKey('ox'))) {
      // Terraform drops a replacement path whose value did not change, and a write-only value is
      // always null in plan and state: the revision going unknown is what makes it a replacement.
      req.requiresReplace.add(SECRETS_ATTRIBUTES.writeOnly);
      req.requiresReplace.add(SECRETS_ATTRIBUTES.revision);
    }
    const replacing = req.priorState !== null && req.requiresReplace.size > 0;
    // Terraform plans the new object of a replacement again with no prior state but this private
    // state: it tells that plan which existing credentials are on their way out.
    const replaces = str(req.priorPrivate[REPLACES]);
    if (replacing) req.plannedPrivate[REPLACES] = req.priorState!.credentials_id;
    else delete req.plannedPrivate[REPLACES];
    if (req.priorState !== null && !replacing) return; // nothing will be added

    const connectorId = str(req.config.connector_id);
    const type = str(req.config.credentials_type);
    if (connectorId === undefined || type === undefined) return; // not known yet: checked at apply
    // A type its own attribute refuses is reported by validation; OX would only refuse the document.
    if (!connectorCredentialsBlock.attributes.credentials_type!.schema.safeParse(type).success) return;
    const catalog = req.providerData ? clientFor(clientFactory, req) : undefined; // provider configuration not known yet: checked at apply
    if (!catalog) return;
    let connector;
    try {
      connector = await catalog.connector(connectorId, [type]);
    } catch (e) {
      addOxError(req.diagnostics, 'Cannot check the OX connector during plan', e);
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
    const name = str(req.config.credentials_name);
    if (name !== undefined) {
      const left = leftBehind(connector, { ...desiredFrom(req.config), name }, (id) => id === replaces);
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
  },

  async create(req) {
    const catalog = clientFor(clientFactory, req);
    if (!catalog) return;
    beginSecretRecord(req, SECRETS_ATTRIBUTES, req.providerData?.secretCheckKey('ox'));
    const d = desiredFrom(req.config);
    const superseded: OxCredentials[] = [];
    const added = await addCredentials(catalog, d, req.diagnostics, log, superseded);
    if (!added) return;
    const state = stateAfterCreate(req.plan, d, added);
    await recordSecretApplied(req, state, SECRETS_ATTRIBUTES, true, req.providerData?.secretCheckKey('ox'));
    if (!(await verifyOrRemove(catalog, d, added, req.diagnostics, log, () => (req.state = state)))) return;
    req.state = state;
    await removeSuperseded(catalog, d, added, superseded, req.diagnostics, log);
  },

  async read(req) {
    const state = req.state!;
    const catalog = clientFor(clientFactory, req);
    if (!catalog) return;
    const connectorId = String(state.connector_id);
    const stateType = str(state.credentials_type);
    try {
      // The scan reads every entry (after an import the type is not known yet: it does not matter).
      const connector = await catalog.connector(connectorId, stateType ? [stateType] : []);
      const found = connector?.credentials.find((c) => c.credentialsId === state.credentials_id);
      if (!found) log.info('ox: credentials gone', { connector_id: connectorId, credentials_id: state.credentials_id });
      req.state = found ? stateAfterRead(state, found) : null;
    } catch (e) {
      addOxError(req.diagnostics, 'Cannot read the OX credentials', e);
    }
  },

  /** Reached only by state-only changes (everything OX holds forces replacement): nothing to send. */
  async update(req) {
    const state: State = { ...req.plan };
    for (const [k, v] of Object.entries(state)) if (v instanceof Unknown) state[k] = req.priorState[k] ?? null;
    await recordSecretApplied(req, state, SECRETS_ATTRIBUTES, false, req.providerData?.secretCheckKey('ox'));
    req.state = state;
  },

  async delete(req) {
    const catalog = clientFor(clientFactory, req);
    if (!catalog) return;
    const { connector_id, credentials_id, credentials_type } = req.priorState;
    try {
      await removeCredentials(catalog, String(connector_id), String(credentials_id), String(credentials_type), log);
    } catch (e) {
      addOxError(req.diagnostics, 'OX did not remove the credentials', e);
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
    req.state = { id: resourceId(connectorId, credentialsId), connector_id: connectorId, credentials_id: credentialsId };
  },
};
