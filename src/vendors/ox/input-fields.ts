/**
 * OX's `CredentialsInput`, split in two: the fields that are not secret (the `credentials_input`
 * object, kept in state) and the secret ones (the keys of `credentials_secrets_wo` /
 * `credentials_secrets`, never in state with the write-only attribute). Terraform names are
 * snake_case; each one is mapped EXPLICITLY to OX's camelCase path here, the only place that knows
 * both spellings (OX mixes `hostURL`, `SSHKey` and `access_token`, so no automatic rule fits).
 */
import { z } from 'zod';
import { T, type TfType } from '../../tfplugin/values/types';

type Scalar = { readonly kind: 'string' | 'int' | 'bool'; readonly ox: string; readonly description: string };
type Group = { readonly kind: 'object'; readonly ox: string; readonly description: string; readonly fields: Fields };
type InputField = Scalar | Group;
type Json = Record<string, unknown>;
type Fields = Readonly<Record<string, InputField>>;

const str = (ox: string, description: string): Scalar => ({ kind: 'string', ox, description });
const int = (ox: string, description: string): Scalar => ({ kind: 'int', ox, description });
const bool = (ox: string, description: string): Scalar => ({ kind: 'bool', ox, description });
const group = (ox: string, description: string, fields: Fields): Group => ({ kind: 'object', ox, description, fields });

/** DOCUMENTED (the addCredentials example): every non-secret `credentialsInput` field. */
export const INPUT_FIELDS = {
  name: str('name', 'User name (UserPassword, UserPasswordAndTenant, TokenAndUser, ...).'),
  client_id: str('clientId', 'Client or application ID.'),
  tenant: str('tenant', 'Tenant (e.g. Jira site).'),
  project_id: str('projectId', 'Project ID.'),
  api_url: str('apiUrl', 'API URL of the connected service.'),
  organization_id: str('organizationId', 'Organization ID.'),
  aws_role_arn: str('awsRoleArn', 'ARN of the AWS role to assume.'),
  aws_external_id: str('awsExternalId', 'External ID of the AWS role trust policy.'),
  aws_access_key: str('awsAccessKey', 'AWS access key ID (its secret goes in `aws_access_secret`).'),
  subscription_id: str('subscriptionId', 'Azure subscription ID.'),
  tenant_id: str('tenantId', 'Azure tenant ID.'),
  installation_id: int('installationId', 'GitHub App installation ID.'),
  app_id: str('appId', 'Application ID (e.g. GitHub App ID).'),
  deployment_name: str('deploymentName', 'Deployment name (Azure OpenAI).'),
  git_username: str('gitUsername', 'Git user name.'),
  webhook_url: str('webhookUrl', 'Webhook URL.'),
  host_url: str('hostURL', 'Host URL inside `credentialsInput` (some connectors read it there).'),
  broker_username: str('brokerUsername', 'User name on the OX broker.'),
  broker_ssh_public_key: str('brokerSSHPublicKey', 'Public SSH key for the OX broker.'),
  broker_enabled: bool('brokerEnabled', 'Connect through the OX broker.'),
  is_cert_checks_disabled: bool('isCertChecksDisabled', 'Certificate checks flag inside `credentialsInput`.'),
  optional_fields: group('optionalFields', 'Optional connector settings (`optionalFields`); the SSH key is a secret: `ssh_key`.', {
    repo_search_query: str('RepoSearchQuery', 'Repository search query.'),
    config: str('Config', 'Connector configuration text.'),
    build_issue_to_cloud: bool('buildIssueToCloud', 'Build issue to cloud.'),
  }),
  idp_token: group('idpToken', 'Identity-provider token metadata; the tokens are secrets: `idp_access_token`, `idp_refresh_token`.', {
    token_type: str('token_type', 'Token type.'),
    expires_in: int('expires_in', 'Lifetime in seconds.'),
    created_at: int('created_at', 'Creation time, Unix seconds.'),
    scope: str('scope', 'Scope.'),
  }),
  installation_token: group('installationToken', 'GitHub App installation token metadata; the token is a secret: `installation_token`.', {
    created_at: str('createdAt', 'Creation time.'),
    expires_at: str('expiresAt', 'Expiry time.'),
  }),
  extra_optional_creds: group('extraOptionalCreds', 'Extra optional credentials; the Atlassian API key is a secret: `atlassian_api_key`.', {
    atlassian: group('atlassian', 'Atlassian organization.', {
      organization_id: str('organizationId', 'Atlassian organization ID.'),
    }),
  }),
} satisfies Fields;

/**
 * The secret `credentialsInput` fields: Terraform key -> OX path. DOCUMENTED fields; which of them
 * are secret is our judgement (tokens, passwords, private keys, API keys and secrets).
 */
export const SECRET_FIELDS = {
  password: ['password'],
  token: ['token'],
  secret_key: ['secretKey'],
  client_secret: ['clientSecret'],
  api_key: ['apiKey'],
  aws_access_secret: ['awsAccessSecret'],
  api_access_key: ['apiAccessKey'],
  api_secret_key: ['apiSecretKey'],
  git_password: ['gitPassword'],
  broker_password: ['brokerPassword'],
  idp_access_token: ['idpToken', 'access_token'],
  idp_refresh_token: ['idpToken', 'refresh_token'],
  installation_token: ['installationToken', 'token'],
  ssh_key: ['optionalFields', 'SSHKey'],
  atlassian_api_key: ['extraOptionalCreds', 'atlassian', 'apiKey'],
} as const satisfies Readonly<Record<string, readonly string[]>>;

export type SecretKey = keyof typeof SECRET_FIELDS;
export const SECRET_KEYS = Object.keys(SECRET_FIELDS) as SecretKey[];

const notEmpty = z.string().min(1, 'must not be empty');

function zodOf(field: InputField): z.ZodType {
  switch (field.kind) {
    case 'string':
      return notEmpty;
    case 'int':
      return z.number().int('must be a whole number');
    case 'bool':
      return z.boolean();
    case 'object':
      return objectZod(field.fields);
  }
}

/** Every field optional (null or absent); unknown keys refused, so a typo names itself. */
function objectZod(fields: Fields): z.ZodType<Json> {
  return z.strictObject(Object.fromEntries(Object.entries(fields).map(([k, f]) => [k, zodOf(f).nullish()])));
}

function tfTypeOf(field: InputField): TfType {
  switch (field.kind) {
    case 'string':
      return T.string;
    case 'int':
      return T.number;
    case 'bool':
      return T.bool;
    case 'object':
      return objectTfType(field.fields);
  }
}

/** An object type whose attributes may all be left out in configuration. */
function objectTfType(fields: Fields): TfType {
  const names = Object.keys(fields);
  return T.object(Object.fromEntries(names.map((k) => [k, tfTypeOf(fields[k]!)])), names);
}

export const credentialsInputZod = objectZod(INPUT_FIELDS);
export const credentialsInputType = objectTfType(INPUT_FIELDS);

export const credentialsSecretsZod = z.record(z.string(), notEmpty).superRefine((map, ctx) => {
  for (const key of Object.keys(map)) {
    if (!(key in SECRET_FIELDS)) {
      ctx.addIssue({ code: 'custom', path: [key], message: `${JSON.stringify(key)} is not a known secret field; use one of: ${SECRET_KEYS.join(', ')}` });
    }
  }
});

function inputToOx(fields: Fields, value: Json): Json {
  const out: Json = {};
  for (const [name, field] of Object.entries(fields)) {
    const v = value[name];
    if (v === null || v === undefined) continue;
    if (field.kind === 'object') {
      const inner = inputToOx(field.fields, v as Json);
      if (Object.keys(inner).length) out[field.ox] = inner;
    } else out[field.ox] = v;
  }
  return out;
}

/** OX's `credentialsInput` from the plain `credentials_input` object and the secret map. */
export function toOxCredentialsInput(input: Json | null, secrets: Readonly<Record<string, string>> | null): Json {
  const out = inputToOx(INPUT_FIELDS, input ?? {});
  for (const [key, value] of Object.entries(secrets ?? {})) {
    const path = SECRET_FIELDS[key as SecretKey];
    if (!path) continue; // refused by validation before we get here
    let holder = out;
    for (const step of path.slice(0, -1)) holder = (holder[step] ??= {}) as Json;
    holder[path[path.length - 1]!] = value;
  }
  return out;
}

/** Every non-secret field as `[terraform path, OX path]`, e.g. `optional_fields.config` -> `optionalFields.Config`. */
export function inputFieldPaths(fields: Fields = INPUT_FIELDS, tf = '', ox = ''): [string, string][] {
  return Object.entries(fields).flatMap(([name, f]): [string, string][] =>
    f.kind === 'object' ? inputFieldPaths(f.fields, `${tf}${name}.`, `${ox}${f.ox}.`) : [[`${tf}${name}`, `${ox}${f.ox}`]],
  );
}
