/**
 * Shared by the OX tests: the seed page's addCredentials example as an `OxConnectorCredentials`
 * construct, direct GraphQL calls standing in for "someone using the OX UI", and readers of the
 * simulator's store and of the provider's log.
 */
import { TerraformStack, Testing } from 'cdktf';
import { CredformProvider, OxConnectorCredentials, OxCredentials, Secret, type OxCredentialsInputProps } from '../../../src/constructs';
import type { Simulators } from '../../../src/simulators';
import type { OxFixtures } from '../../support/live';

/** The seed example's `credentialsInput` exactly as the page shows it. */
export const SEED_CREDENTIALS_INPUT = {
  name: 'SomeName',
  password: 'example',
  token: 'example',
  clientId: 'example',
  secretKey: 'example',
  awsRoleArn: 'example',
  awsExternalId: 'example',
  awsAccessKey: 'example',
  awsAccessSecret: 'example',
  tenant: 'example',
  idpToken: { access_token: 'example', token_type: 'example', expires_in: 42, created_at: 42, refresh_token: 'example', scope: 'example' },
  projectId: 'example',
  installationId: 42,
  installationToken: { token: 'example', createdAt: 'example', expiresAt: 'example' },
  apiAccessKey: 'example',
  apiSecretKey: 'example',
  clientSecret: 'example',
  subscriptionId: 'example',
  tenantId: 'example',
  organizationId: 'example',
  apiKey: 'example',
  optionalFields: { SSHKey: 'example', RepoSearchQuery: 'example', Config: 'example', buildIssueToCloud: true },
  extraOptionalCreds: { atlassian: { organizationId: 'example', apiKey: 'example' } },
  apiUrl: 'example',
  deploymentName: 'example',
  appId: '30966426',
  gitPassword: 'example',
  gitUsername: 'example',
  webhookUrl: 'example',
  hostURL: 'example',
  brokerUsername: 'example',
  brokerPassword: 'example',
  brokerSSHPublicKey: 'example',
  brokerEnabled: true,
  isCertChecksDisabled: true,
};

/** Each secret of the example comes from its own environment variable of the Terraform run. */
export const SEED_SECRET_ENV = {
  password: 'OX_SEED_PASSWORD',
  token: 'OX_SEED_TOKEN',
  secretKey: 'OX_SEED_SECRET_KEY',
  awsAccessSecret: 'OX_SEED_AWS_ACCESS_SECRET',
  idpAccessToken: 'OX_SEED_IDP_ACCESS_TOKEN',
  idpRefreshToken: 'OX_SEED_IDP_REFRESH_TOKEN',
  installationToken: 'OX_SEED_INSTALLATION_TOKEN',
  apiAccessKey: 'OX_SEED_API_ACCESS_KEY',
  apiSecretKey: 'OX_SEED_API_SECRET_KEY',
  clientSecret: 'OX_SEED_CLIENT_SECRET',
  apiKey: 'OX_SEED_API_KEY',
  sshKey: 'OX_SEED_SSH_KEY',
  atlassianApiKey: 'OX_SEED_ATLASSIAN_API_KEY',
  gitPassword: 'OX_SEED_GIT_PASSWORD',
  brokerPassword: 'OX_SEED_BROKER_PASSWORD',
} as const;

/** The environment for the example: the password is `password`, every other secret "example" as on the page. */
export function seedSecretEnv(password: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [field, variable] of Object.entries(SEED_SECRET_ENV)) env[variable] = field === 'password' ? password : 'example';
  return env;
}

export interface SeedExampleOptions {
  readonly credentialsName?: string;
  readonly secretsVersion?: number;
}

/** The seed example as a construct in a stack (provider configured from the environment). */
export function seedExampleStack(options: SeedExampleOptions = {}): TerraformStack {
  const stack = new TerraformStack(Testing.app(), 'ox');
  new CredformProvider(stack, 'credform', { installProvider: false });
  const secrets = Object.fromEntries(Object.entries(SEED_SECRET_ENV).map(([field, variable]) => [field, Secret.fromEnv(stack, variable)]));
  new OxConnectorCredentials(stack, 'seed_example', {
    connectorId: '2',
    credentialsName: options.credentialsName ?? 'example',
    hostUrl: 'example',
    isCertChecksDisabled: true,
    secretsVersion: options.secretsVersion,
    credentials: OxCredentials.of('UserPassword', {
      input: {
        name: 'SomeName',
        clientId: 'example',
        awsRoleArn: 'example',
        awsExternalId: 'example',
        awsAccessKey: 'example',
        tenant: 'example',
        idpToken: { tokenType: 'example', expiresIn: 42, createdAt: 42, scope: 'example' },
        projectId: 'example',
        installationId: 42,
        installationToken: { createdAt: 'example', expiresAt: 'example' },
        subscriptionId: 'example',
        tenantId: 'example',
        organizationId: 'example',
        optionalFields: { repoSearchQuery: 'example', config: 'example', buildIssueToCloud: true },
        extraOptionalCreds: { atlassian: { organizationId: 'example' } },
        apiUrl: 'example',
        deploymentName: 'example',
        appId: '30966426',
        gitUsername: 'example',
        webhookUrl: 'example',
        hostUrl: 'example',
        brokerUsername: 'example',
        brokerSshPublicKey: 'example',
        brokerEnabled: true,
        isCertChecksDisabled: true,
      },
      secrets,
    }),
  });
  return stack;
}

export const SEED_EXAMPLE_ADDRESS = 'credform_ox_connector_credentials.seed_example';

/** `cdk.tf.json` of the example, minus the `terraform` block the test directory already has. */
export function seedExampleJson(options: SeedExampleOptions = {}): { text: string; config: Record<string, unknown> } {
  return synthesized(seedExampleStack(options));
}

/** The variable the live example's one secret comes from. */
export const LIVE_SECRET_ENV = 'OX_LIVE_SECRET';

/**
 * A live tenant's credentials (test/support/live.ts) at the seed example's address: the seed's
 * input would not verify against a real connector, so type, input and secret are the tenant's.
 */
export function liveExampleJson(fx: OxFixtures, options: SeedExampleOptions = {}): { text: string; config: Record<string, unknown> } {
  const stack = new TerraformStack(Testing.app(), 'ox');
  new CredformProvider(stack, 'credform', { installProvider: false });
  new OxConnectorCredentials(stack, 'seed_example', {
    connectorId: fx.connectorId,
    credentialsName: options.credentialsName ?? 'example',
    ...(fx.hostUrl ? { hostUrl: fx.hostUrl } : {}),
    secretsVersion: options.secretsVersion,
    credentials: OxCredentials.of(fx.credentialsType, { input: fx.input as OxCredentialsInputProps, secrets: { [fx.secretField]: Secret.fromEnv(stack, LIVE_SECRET_ENV) } }),
  });
  return synthesized(stack);
}

function synthesized(stack: TerraformStack): { text: string; config: Record<string, unknown> } {
  const text = Testing.synth(stack, true); // with the validations `cdktf synth` runs
  const config = JSON.parse(text) as Record<string, unknown>;
  delete config.terraform;
  return { text, config };
}

export interface StoredCredentials {
  credentialsId: string;
  credentialsName: string | null;
  credentialsType: string;
  hostURL: string | null;
  isCertChecksDisabled: boolean;
  input: Record<string, unknown>;
}

/** The credentials the simulated OX holds on a connector. */
export function stored(sims: Simulators, connectorId = '2'): StoredCredentials[] {
  const connector = sims.ox.snapshot().connectors.find((c) => c.id === connectorId);
  return (connector?.credentials ?? []) as StoredCredentials[];
}

/** Where a direct GraphQL call goes: the simulators, or a live target's `{ ox: endpoint }`. */
export type OxEndpoint = { readonly ox: { readonly url: string; readonly token: string } };

/** A GraphQL call made directly to the simulator (what a person in the OX UI would do). */
export async function oxGraphQl(sims: OxEndpoint, query: string, variables: Record<string, unknown>): Promise<Record<string, any>> {
  const res = await fetch(`${sims.ox.url}/api/apollo-gateway`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: sims.ox.token },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: Record<string, any>; errors?: unknown[] };
  if (body.errors) throw new Error(`OX simulator: ${JSON.stringify(body.errors)}`);
  return body.data!;
}

export async function removeOutsideTerraform(sims: OxEndpoint, connectorID: string, credentialsId: string): Promise<void> {
  await oxGraphQl(sims, 'mutation R($i: RemoveCredentialsInput!) { removeCredentials(removeCredentialsInput: $i) { connector { id } } }', {
    i: { connectorID, credentialsId },
  });
}

export async function addOutsideTerraform(sims: Simulators, input: Record<string, unknown>): Promise<string> {
  const before = new Set(stored(sims, String(input.connectorID)).map((c) => c.credentialsId));
  await oxGraphQl(sims, 'mutation A($i: AddCredentialsInput!) { addCredentials(addCredentialsInput: $i) { connector { id } } }', { i: input });
  return stored(sims, String(input.connectorID)).find((c) => !before.has(c.credentialsId))!.credentialsId;
}

/** The provider's `ox: credentials …` log lines (TF_LOG=debug or finer), in order: [event, credentials_id]. */
export function providerEvents(terraformStderr: string): [string, string][] {
  const out: [string, string][] = [];
  for (const line of terraformStderr.split('\n')) {
    const m = /ox: credentials (added|verified|removed|gone|already gone)\b.*?credentials_id=(\w+)/.exec(line);
    if (m) out.push([m[1]!, m[2]!]);
  }
  return out;
}

/** Records the distinct sets of credentials ids the simulator holds on a connector while `during` runs. */
export async function watchCredentialSets<T>(sims: Simulators, during: () => Promise<T>, connectorId = '2'): Promise<{ result: T; sets: string[][] }> {
  const sets: string[][] = [];
  const sample = () => {
    const ids = stored(sims, connectorId).map((c) => c.credentialsId).sort();
    const last = sets[sets.length - 1];
    if (!last || last.join() !== ids.join()) sets.push(ids);
  };
  sample();
  const timer = setInterval(sample, 5);
  try {
    const result = await during();
    sample();
    return { result, sets };
  } finally {
    clearInterval(timer);
  }
}
