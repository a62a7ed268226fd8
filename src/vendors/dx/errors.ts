/**
 * DX errors as diagnostics a user can act on. Verification failures carry DX's own words
 * (`display_message`, `raw_message`); the documented codes get a sentence saying what to do.
 */
import type { Diagnostics } from '../../tfplugin/diagnostics';
import { AmbiguousRequestError, VendorHttpError, isHttpLayerError } from '../http';
import type { ErrorContext } from '../vendor';

/** DX's verification failures: the connector refused the credential, nothing was stored or changed. */
export const VERIFICATION_ERRORS = ['Invalid credentials', 'Invalid permissions', 'Duplicate secrets', 'Duplicate settings'] as const;

const VERIFICATION_HINTS: Record<string, string> = {
  'Invalid credentials': 'The connector rejected the secret: check the values in `secrets_wo` (or `secrets`).',
  'Invalid permissions': 'The secret is valid but lacks scopes or permissions the connector needs: grant them, or use another token.',
  'Duplicate secrets': 'Another credential on this connection already holds these secrets: import that one instead, or use other secrets.',
  'Duplicate settings': 'Another credential on this connection already has these settings: import that one instead, or change `settings_json`.',
};

export type DxOperation = 'create' | 'update' | 'delete' | 'read' | 'plan' | 'import';

export interface DxErrorContext extends ErrorContext {
  readonly action: DxOperation;
  readonly connectionId?: number;
  readonly credentialId?: number;
}

/** The context of a call about one credential (or, without `credentialId`, about a connection). */
export function dxContext(action: DxOperation, connectionId?: number, credentialId?: number): DxErrorContext {
  const subject = connectionId === undefined ? 'DX connections' : credentialId === undefined ? `DX connection ${connectionId}` : `DX credential ${connectionId}/${credentialId}`;
  return { action, subject, ...(connectionId !== undefined ? { connectionId } : {}), ...(credentialId !== undefined ? { credentialId } : {}) };
}

const AFTERMATH: Record<DxOperation, string> = {
  create: 'Nothing was created.',
  update: 'The Terraform state was left unchanged.',
  delete: 'The credential was not deleted.',
  read: 'The credential could not be refreshed.',
  plan: 'The plan could not check the connection.',
  import: 'Nothing was imported.',
};

/** A DX error code from any error of the HTTP layer (undefined for other errors). */
export function dxErrorCode(error: unknown): string | undefined {
  return error instanceof VendorHttpError ? error.code : undefined;
}

function bodyText(error: VendorHttpError, key: string): string | undefined {
  const body = error.body as Record<string, unknown> | undefined;
  const v = body && typeof body === 'object' ? body[key] : undefined;
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** Adds the diagnostic for a failed DX call: DX's words, then what to do (and `ctx.extra`). */
export function reportError(diags: Diagnostics, error: unknown, ctx: DxErrorContext): void {
  const after = ctx.extra ? `${AFTERMATH[ctx.action]} ${ctx.extra}` : AFTERMATH[ctx.action];
  if (error instanceof VendorHttpError && error.code) {
    const code = error.code;
    const display = bodyText(error, 'display_message');
    const raw = bodyText(error, 'raw_message');
    if ((VERIFICATION_ERRORS as readonly string[]).includes(code)) {
      const lines = [
        `DX verified the credential with the connector and refused it: ${code}.`,
        `DX says: ${display ?? '(no display_message)'}`,
        ...(raw ? [`Connector's message (raw_message): ${raw}`] : []),
        '',
        VERIFICATION_HINTS[code]!,
        ctx.action === 'create' ? 'DX stored nothing, and nothing was added to the Terraform state.' : 'Neither the credential in DX nor the Terraform state was changed.',
        ...(ctx.extra ? [ctx.extra] : []),
      ];
      const summary = `DX refused the credential: ${code}`;
      if (code === 'Duplicate settings') diags.addAttributeError(['settings_json'], summary, lines.join('\n'));
      else diags.addError(summary, lines.join('\n'));
      return;
    }
    switch (code) {
      case 'not_authed':
        diags.addError(
          'DX rejected the API token (not_authed)',
          `DX answered not_authed: the request did not carry a valid API key. Check the token in the DX_API_TOKEN environment variable of the Terraform run (or \`token\` in the provider's \`dx\` block), and that it belongs to this DX instance. ${after}`,
        );
        return;
      case 'connection_not_found':
        diags.addAttributeError(
          ['connection_id'],
          'DX connection not found',
          `DX answered connection_not_found: it has no connection with id ${ctx.connectionId ?? '?'}. Look the id up with the \`credform_dx_connections\` data source (by type and name) instead of writing it by hand. ${after}`,
        );
        return;
      case 'credential_not_found':
        diags.addError(
          'DX credential not found',
          `DX answered credential_not_found: credential ${ctx.credentialId ?? '?'} no longer exists on connection ${ctx.connectionId ?? '?'}, probably deleted outside Terraform. Run \`terraform plan\` (with refresh, the default): the refresh removes it from state and the plan creates it again. ${after}`,
        );
        return;
      case 'invalid_json':
        diags.addError(
          'DX could not parse the request (invalid_json)',
          `DX answered invalid_json to a request credform sent as well-formed JSON. Something between Terraform and DX (a proxy, a gateway) may be altering request bodies: check proxy_url / HTTPS_PROXY. If nothing is, please report this as a credform bug with TF_LOG=debug output. ${after}`,
        );
        return;
      case 'multiple_credentials_not_supported':
        diags.addAttributeError(
          ['connection_id'],
          'DX connection takes a single credential',
          `DX answered multiple_credentials_not_supported: ${display ?? 'this connection supports only one credential'}. Import the existing credential instead (terraform import <address> ${ctx.connectionId ?? '<connection_id>'}/<credential_id>), or delete it first. ${after}`,
        );
        return;
    }
    diags.addError(
      `DX API error: ${code}`,
      `DX answered HTTP ${error.status} with error "${code}"${display ? `: ${display}` : ''}${raw ? ` (${raw})` : ''}. ${after}`,
    );
    return;
  }
  if (error instanceof AmbiguousRequestError) {
    diags.addError('DX request outcome unknown', `${error.message}\n${after}`);
    return;
  }
  if (isHttpLayerError(error)) {
    diags.addError('Cannot complete the DX request', `${error.message}\n${after}`);
    return;
  }
  throw error;
}
