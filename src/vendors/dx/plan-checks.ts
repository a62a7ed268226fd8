/**
 * Plan-time checks against DX, so a pull-request plan already shows what apply would hit: the
 * connection exists, it can take this credential (a single-credential connection that already holds
 * another cannot), and a connector whose keys DX publishes (Jira Cloud) gets them.
 */
import type { PlanRequest } from '../../tfplugin/resource';
import { readKnownModel, readModel } from '../../tfplugin/schema/model';
import { toPlain } from '../../tfplugin/schema/validate';
import { Unknown, type TfValue } from '../../tfplugin/values/types';
import type { Connections } from '../connections';
import type { DxClient, DxConnection } from './client';
import { dxContext, reportError } from './errors';
import { parseJsonObject } from './json-settings';
import { KNOWN_CONNECTOR_FIELDS, SECRET_ATTRIBUTES, dxCredentialAttributes } from './schema';

const describe = (c: DxConnection) => `${c.id} (${c.type} "${c.name}")`;

export async function checkConnection(req: PlanRequest<Connections>, client: DxClient): Promise<void> {
  const configured = readKnownModel(dxCredentialAttributes, req.config).connection_id;
  if (configured === null) return; // unknown until apply: checked by DX then
  const diags = req.diagnostics;
  let connections: DxConnection[];
  try {
    connections = await client.listConnections();
  } catch (e) {
    reportError(diags, e, dxContext('plan', configured));
    return;
  }
  const connection = connections.find((c) => c.id === configured);
  if (!connection) {
    const known = connections.slice(0, 10).map(describe).join(', ');
    diags.addAttributeError(
      ['connection_id'],
      'DX connection not found',
      `DX has no connection with id ${configured}${known ? `; it has ${known}${connections.length > 10 ? ', …' : ''}` : ''}. Look the id up with the \`credform_dx_connections\` data source (by type and name) instead of writing it by hand.`,
    );
    return;
  }
  if (connection.disabled_at) {
    diags.addAttributeWarning(['connection_id'], 'DX connection is disabled', `Connection ${describe(connection)} was disabled at ${connection.disabled_at}: DX will not sync with this credential until it is enabled again.`);
  }
  if (!connection.supports_multiple_credentials) await checkSingleCredential(req, client, connection);
  checkKnownFields(req, connection);
}

async function checkSingleCredential(req: PlanRequest<Connections>, client: DxClient, connection: DxConnection): Promise<void> {
  const prior = req.priorState && readModel(dxCredentialAttributes, req.priorState);
  const own = prior && prior.connection_id === connection.id ? prior.credential_id : undefined;
  let others: number[];
  try {
    others = (await client.listCredentials(connection.id)).map((c) => c.id).filter((id) => id !== own);
  } catch (e) {
    reportError(req.diagnostics, e, dxContext('plan', connection.id));
    return;
  }
  if (others.length === 0) return;
  req.diagnostics.addAttributeError(
    ['connection_id'],
    'DX connection takes a single credential',
    `Connection ${describe(connection)} does not support multiple credentials (supports_multiple_credentials is false) and already holds credential ${others.join(', ')}. Import it instead (terraform import <address> ${connection.id}/${others[0]}), or delete it first.`,
  );
}

/** Keys DX documents for this connector; only judged where the configuration is already known. */
function checkKnownFields(req: PlanRequest<Connections>, connection: DxConnection): void {
  const known = KNOWN_CONNECTOR_FIELDS[connection.type];
  if (!known) return;
  const settingsText = req.config.settings_json;
  const settings = typeof settingsText === 'string' ? parseJsonObject(settingsText) : settingsText === null ? parseJsonObject('{}') : undefined;
  if (settings?.ok) {
    const missing = known.settings.filter((k) => typeof settings.value[k] !== 'string' || settings.value[k] === '');
    if (missing.length) {
      req.diagnostics.addAttributeError(['settings_json'], `${known.name} settings incomplete`, `Connection ${describe(connection)} is ${known.name}, whose credentials need ${listKeys(missing)} in settings_json (a non-empty string), e.g. jsonencode({ ${missing[0]} = "..." }).`);
    }
  }
  const attr = req.config[SECRET_ATTRIBUTES.writeOnly] != null ? SECRET_ATTRIBUTES.writeOnly : SECRET_ATTRIBUTES.sensitive;
  const secrets: TfValue = req.config[attr] ?? null;
  if (secrets === null || secrets instanceof Unknown) return;
  const keys = Object.keys(toPlain(secrets) as Record<string, unknown>);
  const missing = known.secrets.filter((k) => !keys.includes(k));
  if (missing.length) {
    req.diagnostics.addAttributeError([attr], `${known.name} secrets incomplete`, `Connection ${describe(connection)} is ${known.name}, whose credentials need ${listKeys(missing)} in ${attr}, e.g. { ${missing[0]} = ... }.`);
  }
}

const listKeys = (keys: readonly string[]) => keys.map((k) => `\`${k}\``).join(' and ');
