/**
 * Adding credentials so that nothing is left half-made:
 * 1. note which credentials the connector holds before (so that, with create_before_destroy and the
 *    same name, the old credentials are never mistaken for the new ones);
 * 2. `addCredentials`; if its answer is lost, look for credentials that appeared with this name and
 *    type and adopt them when there is exactly one;
 * 3. `verifySingleConnectorCredentials`; credentials OX cannot verify are removed again and the
 *    apply fails with OX's `validationMessage`;
 * 4. credentials with this name and type that were there before (left behind by an interrupted
 *    apply, or the ones a create_before_destroy replacement replaces: at apply the two look the
 *    same) are superseded: removed once the new ones are verified (see ../adoption.ts). OX cannot
 *    change a secret, so adopting them would keep a secret that may not be the configured one.
 */
import type { Diagnostics } from '../../tfplugin/diagnostics';
import type { Logger } from '../../tfplugin/logging';
import type { AmbiguousRequestError } from '../http';
import type { OxCatalog } from './catalog';
import type { OxConnector, OxCredentials } from './documents';
import { addOxError, describeOxError, isAmbiguous, isNotFound } from './errors';
import { addCredentialsInput, credentialsIds, leftBehind, newCredentials, type Desired } from './mapping';

export type AddedCredentials = OxCredentials & { readonly credentialsId: string };

/** `superseded` receives the credentials with this name and type that were there before (step 4). */
export async function addCredentials(catalog: OxCatalog, d: Desired, diags: Diagnostics, log: Logger, superseded?: OxCredentials[]): Promise<AddedCredentials | undefined> {
  let before: Set<string>;
  let single = false;
  try {
    const connector = await catalog.connector(d.connectorId, [d.type]);
    before = credentialsIds(connector);
    single = !!connector && holdsOneOnly(connector, d.type);
    if (superseded && connector) {
      const left = leftBehind(connector, d, (id) => catalog.isClaimed(id));
      if (left.length > 1) {
        diags.addAttributeError(['credentials_name'], 'Several OX credentials with this name already exist', `Connector ${d.connectorId} already holds ${left.length} sets of ${d.type} credentials named ${JSON.stringify(d.name)} (${left.map((c) => c.credentialsId).join(', ')}) that no Terraform resource of this run holds, so adding another would only make one more. Remove the extra ones in OX and import the one to keep with \`terraform import <resource address> ${d.connectorId}/<credentials_id>\`, or choose another credentials_name.`);
        return undefined;
      }
      superseded.push(...left);
    }
  } catch (e) {
    addOxError(diags, 'Cannot read the OX connector before adding credentials', e, ['connector_id']);
    return undefined;
  }
  const types = await catalog.knownTypes(d.type);
  let added: AddedCredentials | undefined;
  try {
    const connector = await catalog.client.addCredentials(addCredentialsInput(d), types, Object.values(d.secrets));
    await catalog.remember(connector);
    added = lastNew(connector, d, before, catalog);
    // An answer that could not read the new entry (OX filed it under another union member): read it all.
    added ??= lastNew(await catalog.connector(d.connectorId, [d.type], true), d, before, catalog);
    if (!added) {
      diags.addError('Cannot find the credentials OX added', `OX accepted addCredentials for connector ${d.connectorId}, but its answer lists no new credentials named ${JSON.stringify(d.name)} of type ${d.type}. Check the connector in OX and import the credentials if they exist.`);
      return undefined;
    }
  } catch (e) {
    if (!isAmbiguous(e)) {
      const hint = single && before.size > 0 ? `\n\n${SINGLE_CREDENTIALS_HINT(d.connectorId)}` : '';
      diags.addError('OX did not add the credentials', `${describeOxError(e)}${hint}`);
      return undefined;
    }
    added = await adoptAfterLostAnswer(catalog, d, before, e, diags, log);
    if (!added) return undefined;
  }
  catalog.claim(added.credentialsId);
  log.info('ox: credentials added', { connector_id: d.connectorId, credentials_id: added.credentialsId });
  return added;
}

/** OX appends added credentials: among the new entries with this name and type, the last is ours. */
function lastNew(connector: OxConnector | undefined, d: Desired, before: ReadonlySet<string>, catalog: OxCatalog): AddedCredentials | undefined {
  const found = connector ? newCredentials(connector, d, before, (id) => catalog.isClaimed(id)) : [];
  return found[found.length - 1] as AddedCredentials | undefined;
}

/** The answer to addCredentials was lost: the credentials may or may not exist. */
async function adoptAfterLostAnswer(
  catalog: OxCatalog,
  d: Desired,
  before: ReadonlySet<string>,
  lost: AmbiguousRequestError,
  diags: Diagnostics,
  log: Logger,
): Promise<AddedCredentials | undefined> {
  const what = `OX's answer to addCredentials was lost (${lost.detail})`;
  let found: OxCredentials[];
  try {
    const connector = await catalog.connector(d.connectorId, [d.type], true);
    found = connector ? newCredentials(connector, d, before, (id) => catalog.isClaimed(id)) : [];
  } catch (e) {
    diags.addError('OX credentials in an unknown state', `${what}, and looking them up failed: ${describeOxError(e)}\n\nCheck connector ${d.connectorId} in OX for credentials named ${JSON.stringify(d.name)}; import them if they exist, or run apply again if not.`);
    return undefined;
  }
  if (found.length === 1) {
    const adopted = found[0] as AddedCredentials;
    log.info('ox: adopted credentials after a lost answer', { connector_id: d.connectorId, credentials_id: adopted.credentialsId });
    diags.addWarning('Adopted credentials after a lost answer', `${what}; OX holds exactly one new set of credentials named ${JSON.stringify(d.name)} (${adopted.credentialsId}), so it is the one this apply created.`);
    return adopted;
  }
  if (found.length === 0) {
    diags.addError('OX did not add the credentials', `${what}, and connector ${d.connectorId} holds no new credentials named ${JSON.stringify(d.name)}: nothing was created. Run apply again.`);
  } else {
    diags.addError('Several new OX credentials with the same name', `${what}, and connector ${d.connectorId} now holds ${found.length} new credentials named ${JSON.stringify(d.name)} (${found.map((c) => c.credentialsId).join(', ')}), so which one is this resource's cannot be told. Remove the extra ones in OX and import the one to keep with \`terraform import\`.`);
  }
  return undefined;
}

/**
 * Verifies the added credentials. On failure they are removed again and false is returned; if even
 * that fails, `keep` is called so that Terraform records them (tainted) and removes them next time.
 */
export async function verifyOrRemove(
  catalog: OxCatalog,
  d: Desired,
  added: AddedCredentials,
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
export async function removeSuperseded(catalog: OxCatalog, d: Desired, added: AddedCredentials, superseded: readonly OxCredentials[], diags: Diagnostics, log: Logger): Promise<void> {
  for (const old of superseded) {
    const id = old.credentialsId!;
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
export async function removeCredentials(catalog: OxCatalog, connectorId: string, credentialsId: string, type: string, log: Logger): Promise<void> {
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
