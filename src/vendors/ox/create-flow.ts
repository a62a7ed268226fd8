/**
 * Adding credentials so that nothing is left half-made:
 * 1. credentials with this name and type that are there already (left behind by an interrupted
 *    apply, or the ones a create_before_destroy replacement replaces: at apply the two look the
 *    same) are noted, to be superseded in step 4;
 * 2. `addCredentials`, through the shared create-or-recover mechanism (create-recovery.ts): what is
 *    under the name before the add is never taken for the new credentials, and if the answer is lost
 *    the new ones are found and adopted when there is exactly one set;
 * 3. `verifySingleConnectorCredentials`; credentials OX cannot verify are removed again and the
 *    apply fails with OX's `validationMessage`;
 * 4. the credentials noted in step 1 are superseded: removed once the new ones are verified (see
 *    ../adoption.ts). OX cannot change a secret, so adopting them would keep a secret that may not be
 *    the configured one.
 */
import type { Diagnostics } from '../../tfplugin/diagnostics';
import type { Logger } from '../../tfplugin/logging';
import type { Connections } from '../connections';
import { createOrRecover } from '../create-or-recover';
import type { OxCatalog } from './catalog';
import { createRecovery } from './create-recovery';
import type { OxConnector } from './documents';
import { describeOxError, isNotFound, reportError } from './errors';
import { leftBehind, type Desired, type StoredCredentials } from './mapping';

/** Steps 1 and 2; `superseded` receives the credentials noted in step 1. */
export async function addCredentials(
  catalog: OxCatalog,
  d: Desired,
  connections: Connections | undefined,
  diags: Diagnostics,
  log: Logger,
  superseded: StoredCredentials[],
): Promise<StoredCredentials | undefined> {
  let connector: OxConnector | undefined;
  try {
    connector = await catalog.connector(d.connectorId, [d.type]);
  } catch (e) {
    reportError(diags, e, { action: 'prepare', subject: `connector ${d.connectorId}`, path: ['connector_id'] });
    return undefined;
  }
  const left = leftBehind(connector, d, (id) => catalog.isClaimed(id));
  if (left.length > 1) {
    diags.addAttributeError(['credentials_name'], 'Several OX credentials with this name already exist', `Connector ${d.connectorId} already holds ${left.length} sets of ${d.type} credentials named ${JSON.stringify(d.name)} (${left.map((c) => c.credentialsId).join(', ')}) that no Terraform resource of this run holds, so adding another would only make one more. Remove the extra ones in OX and import the one to keep with \`terraform import <resource address> ${d.connectorId}/<credentials_id>\`, or choose another credentials_name.`);
    return undefined;
  }
  superseded.push(...left);
  const full = !!connector && holdsOneOnly(connector, d.type) && connector.credentials.some((c) => c.credentialsId);
  const created = await createOrRecover(createRecovery(catalog, d, full ? SINGLE_CREDENTIALS_HINT(d.connectorId) : undefined), connections, diags);
  if (!created) return undefined;
  const added = created.value;
  catalog.claim(added.credentialsId);
  if (created.via === 'lost-answer') log.info('ox: adopted credentials after a lost answer', { connector_id: d.connectorId, credentials_id: added.credentialsId });
  log.info('ox: credentials added', { connector_id: d.connectorId, credentials_id: added.credentialsId });
  return added;
}

/**
 * Verifies the added credentials. On failure they are removed again and false is returned; if even
 * that fails, `keep` is called so that Terraform records them (tainted) and removes them next time.
 */
export async function verifyOrRemove(
  catalog: OxCatalog,
  d: Desired,
  added: StoredCredentials,
  diags: Diagnostics,
  log: Logger,
  keep: () => void,
): Promise<boolean> {
  let failure: string;
  try {
    const v = await catalog.client.verifyCredentials(d.connectorId, added.credentialsId, Object.values(d.secrets));
    log.info('ox: credentials verified', { connector_id: d.connectorId, credentials_id: added.credentialsId, valid: v.credentialsAreValid });
    if (v.credentialsAreValid) {
      if (v.noReposFound) {
        diags.addWarning('OX found no repositories', `OX verified the credentials ${JSON.stringify(d.name)} on connector ${d.connectorId} but found no repositories they can reach.${v.validationMessage ? ` OX said: ${v.validationMessage}` : ''}`);
      }
      return true;
    }
    failure = `OX could not verify them: ${v.validationMessage ?? '(OX gave no validationMessage)'}`;
  } catch (e) {
    failure = `Verifying them failed: ${describeOxError(e)}`;
  }
  const where = `credentials ${JSON.stringify(d.name)} (${d.type}) on connector ${d.connectorId}`;
  try {
    await removeCredentials(catalog, d.connectorId, added.credentialsId, d.type, log);
    diags.addError('OX rejected the credentials', `${failure}\n\nThe new ${where} were removed again: nothing changed in OX. Correct the credentials and apply again.`);
  } catch (e) {
    keep();
    diags.addError('OX rejected the credentials', `${failure}\n\nThe new ${where} (${added.credentialsId}) could not be removed again: ${describeOxError(e)}\nThey are kept in state as tainted, so the next apply removes them.`);
  }
  return false;
}

/**
 * Step 4: removes the credentials the new ones supersede. A failure is a warning: the new credentials
 * are in place and recorded; the old ones are named so that they can be removed by hand.
 */
export async function removeSuperseded(catalog: OxCatalog, d: Desired, added: StoredCredentials, superseded: readonly StoredCredentials[], diags: Diagnostics, log: Logger): Promise<void> {
  for (const old of superseded) {
    const id = old.credentialsId;
    try {
      await removeCredentials(catalog, d.connectorId, id, d.type, log);
    } catch (e) {
      diags.addWarning('OX credentials not superseded', `The new ${d.type} credentials named ${JSON.stringify(d.name)} (${added.credentialsId}) are in place, but the earlier set with that name (${id}) could not be removed: ${describeOxError(e)}\n\nRemove it in OX.`);
      continue;
    }
    diags.addWarning(
      'OX credentials superseded',
      `Connector ${d.connectorId} held ${d.type} credentials named ${JSON.stringify(d.name)} (${id}) that no Terraform resource of this run holds: the set this replacement replaces, or one an apply that was interrupted added without recording it. OX cannot change secrets, so the configured ones were added as ${added.credentialsId}, verified, and ${id} was removed.`,
    );
  }
}

/** Removes credentials by id; credentials (or a connector) already gone count as removed. */
export async function removeCredentials(catalog: OxCatalog, connectorId: string, credentialsId: string, type: string | undefined, log: Logger): Promise<void> {
  const types = await catalog.knownTypes(type);
  try {
    const connector = await catalog.client.removeCredentials(connectorId, credentialsId, types);
    await catalog.remember(connector);
    log.info('ox: credentials removed', { connector_id: connectorId, credentials_id: credentialsId });
  } catch (e) {
    if (!isNotFound(e)) throw e;
    log.info('ox: credentials already gone', { connector_id: connectorId, credentials_id: credentialsId });
  }
}

/** True when the connector keeps a single set of credentials of this type. */
export function holdsOneOnly(connector: OxConnector, type: string): boolean {
  return connector.enableMultiCredentials === false || connector.disabledMultiCredentialsTypes.includes(type);
}

export const SINGLE_CREDENTIALS_HINT = (connectorId: string): string =>
  `Connector ${connectorId} holds a single set of credentials of this type, so new ones cannot be added while the old ones exist. ` +
  'To replace them, set `lifecycle { create_before_destroy = false }` (OxConnectorCredentials: `createBeforeDestroy: false`) so the old ones are removed first.';
