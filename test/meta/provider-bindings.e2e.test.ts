/**
 * The provider from the other CDK languages today (docs/other-languages.md): their users generate
 * bindings from the provider's schema with `cdktf get` / `cdktn get`, the provider coming from a
 * local mirror (`credform install --dir`) that Terraform searches. The generator
 * is the same for every language (TypeScript first, jsii-pacmak after it for the others), so this
 * runs it for TypeScript, offline, with the real CLIs: every resource, data source (and, with cdktn,
 * ephemeral resource) the provider serves gets a binding, write-only attributes come out as
 * settable props, and a small app on the bindings type-checks, synthesizes, and passes
 * `terraform validate` against the provider.
 *
 * cdktf-cli 0.21 runs on this process's Node (skipped on Node 24+, where it cannot start); cdktn-cli
 * 0.24 on a Node ≥ 22.19 (Node 24 from the npm registry when this process is older).
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { recordDir } from '../support/canary';
import { testWithCdktfCli } from '../support/cdktf';
import { nodeForCdktn } from '../support/cdktn';
import { CREDFORM_BIN, REPO_ROOT } from '../support/provider-build';
import { collect, type RunResult } from '../support/terraform';

const VERSION = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')).version as string;
const ADDRESS = 'registry.terraform.io/credform/credform';
const BIN = join(REPO_ROOT, 'node_modules', '.bin');

type Cdk = 'cdktf' | 'cdktn';

interface Project {
  readonly cdk: Cdk;
  readonly dir: string;
  readonly env: NodeJS.ProcessEnv;
  run(command: string, args: string[], cwd?: string): Promise<RunResult>;
  ok(command: string, args: string[], cwd?: string): Promise<RunResult>;
}

/**
 * Where the provider is put, the two ways docs/other-languages.md gives: a mirror directory named in
 * a CLI configuration (`provider_installation`), or `~/.terraform.d/plugins`, a directory Terraform
 * searches on its own when the CLI configuration has no `provider_installation` (HOME is then a
 * directory of the test's).
 */
type MirrorIn = 'cli-config' | 'home';

/** A new project directory with the provider in a mirror where Terraform finds it. */
function project(cdk: Cdk, mirrorIn: MirrorIn, nodeBinDir?: string): Project {
  const dir = mkdtempSync(join(tmpdir(), `credform-bindings-${cdk}-`));
  recordDir(dir);
  const home = join(dir, 'home');
  const mirror = mirrorIn === 'home' ? join(home, '.terraform.d', 'plugins') : join(dir, 'mirror');
  const installed = execFileSync(process.execPath, [CREDFORM_BIN, 'install', '--dir', mirror], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  expect(installed.trim()).toBe(`${ADDRESS} ${VERSION}`);
  writeFileSync(
    join(dir, '.terraformrc'),
    mirrorIn === 'home'
      ? ''
      : `provider_installation {\n  filesystem_mirror {\n    path    = ${JSON.stringify(mirror)}\n    include = ["${ADDRESS}"]\n  }\n  direct {\n    exclude = ["${ADDRESS}"]\n  }\n}\n`,
  );
  writeFileSync(
    join(dir, 'cdktf.json'),
    JSON.stringify(
      {
        language: 'typescript',
        app: `${join(BIN, 'tsx')} main.ts`,
        terraformProviders: [`credform/credform@~> ${VERSION}`],
        // cdktn checks the features a stack uses against the Terraform it targets (default >=1.5.7):
        // write-only attributes need 1.11. cdktf 0.21 ignores the key.
        targetVersions: { terraform: '>=1.11.0' },
        sendCrashReports: 'false',
      },
      null,
      2,
    ),
  );
  // cdktf/cdktn, constructs and typescript for the type check and the synth: the repository's.
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...(nodeBinDir ? { PATH: `${nodeBinDir}:${process.env.PATH ?? ''}` } : {}),
    ...(mirrorIn === 'home' ? { HOME: home, XDG_DATA_HOME: join(home, '.local', 'share'), XDG_CACHE_HOME: join(home, '.cache') } : {}),
    TF_CLI_CONFIG_FILE: join(dir, '.terraformrc'),
    CHECKPOINT_DISABLE: '1',
    TF_IN_AUTOMATION: '1',
    CI: '1',
    FORCE_COLOR: '0',
    NO_COLOR: '1',
  };
  delete env.TF_LOG;
  const run = (command: string, args: string[], cwd = dir) =>
    collect(spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] }), `${command} ${args.join(' ')} in ${cwd}`);
  const ok = async (command: string, args: string[], cwd = dir) => {
    const r = await run(command, args, cwd);
    if (r.code !== 0) throw new Error(`${command} ${args.join(' ')} exited ${r.code}\n${r.stdout}\n${r.stderr}`);
    return r;
  };
  return { cdk, dir, env, run, ok };
}

const pascal = (snake: string) => snake.replace(/(^|_)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());
const camel = (snake: string) => snake.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** The app: a provider, a Tines credential whose write-only value comes from the ephemeral env secret, OX credentials with nested inputs, the DX data source. */
function mainTs(cdk: Cdk): string {
  const ephemeral =
    cdk === 'cdktn'
      ? `import { EphemeralCredformEnvSecret } from './.gen/providers/credform/ephemeral-credform-env-secret';
const webhook = new EphemeralCredformEnvSecret(stack, 'webhook_secret', { name: 'WEBHOOK_SECRET' }).value;
const oxPassword = new EphemeralCredformEnvSecret(stack, 'ox_password', { name: 'OX_CONNECTOR_PASSWORD' }).value;`
      : `// cdktf 0.21 generates no ephemeral resources: the block is raw configuration, its value a \${…} reference (as in any language).
stack.addOverride('ephemeral.credform_env_secret.webhook_secret', { name: 'WEBHOOK_SECRET' });
stack.addOverride('ephemeral.credform_env_secret.ox_password', { name: 'OX_CONNECTOR_PASSWORD' });
const webhook = '\${ephemeral.credform_env_secret.webhook_secret.value}';
const oxPassword = '\${ephemeral.credform_env_secret.ox_password.value}';`;
  return `import { App, TerraformOutput, TerraformStack } from '${cdk}';
import { CredformProvider } from './.gen/providers/credform/provider';
import { DataCredformDxConnections } from './.gen/providers/credform/data-credform-dx-connections';
import { OxConnectorCredentials } from './.gen/providers/credform/ox-connector-credentials';
import { TinesTextCredential } from './.gen/providers/credform/tines-text-credential';

const app = new App({ outdir: 'cdktf.out' });
const stack = new TerraformStack(app, 'bindings');
new CredformProvider(stack, 'credform', { tines: { baseUrl: 'https://acme.tines.com', timeoutSeconds: 10 } });
${ephemeral}
new TinesTextCredential(stack, 'webhook', { name: 'webhook signing secret', teamId: 2, valueWo: webhook });
new OxConnectorCredentials(stack, 'gitlab', {
  connectorId: '2',
  credentialsType: 'UserPassword',
  credentialsName: 'ox-bot',
  credentialsInput: { name: 'ox-bot', optionalFields: { repoSearchQuery: 'acme' } },
  credentialsSecretsWo: { password: oxPassword },
  lifecycle: { createBeforeDestroy: true },
});
const jira = new DataCredformDxConnections(stack, 'jira', { type: 'jira_cloud' });
new TerraformOutput(stack, 'jira_connection_ids', { value: jira.ids });
app.synth();
`;
}

const TSCONFIG = { compilerOptions: { strict: true, target: 'ES2022', lib: ['ES2022'], module: 'commonjs', moduleResolution: 'node', types: [], noEmit: true }, files: ['main.ts'] };

interface ProviderSchema {
  resource_schemas: Record<string, { block: { attributes?: Record<string, { write_only?: boolean }> } }>;
  data_source_schemas: Record<string, unknown>;
  ephemeral_resource_schemas?: Record<string, unknown>;
}

async function generateCheckAndSynth(p: Project, cli: string): Promise<void> {
  await p.ok(cli, ['get']);
  const gen = join(p.dir, '.gen', 'providers', 'credform');
  const source = (dir: string) => readFileSync(join(gen, dir, 'index.ts'), 'utf8');
  expect(source('provider')).toContain('export class CredformProvider extends');

  writeFileSync(join(p.dir, 'main.ts'), mainTs(p.cdk));
  writeFileSync(join(p.dir, 'tsconfig.json'), JSON.stringify(TSCONFIG, null, 2));
  await p.ok(process.execPath, [join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json']);
  await p.ok(cli, ['synth']);

  const stackDir = join(p.dir, 'cdktf.out', 'stacks', 'bindings');
  const tf = JSON.parse(readFileSync(join(stackDir, 'cdk.tf.json'), 'utf8'));
  expect(tf.terraform.required_providers.credform).toEqual({ source: 'credform/credform', version: VERSION });
  expect(tf.provider.credform).toEqual([{ tines: { base_url: 'https://acme.tines.com', timeout_seconds: 10 } }]);
  expect(tf.ephemeral.credform_env_secret.webhook_secret).toMatchObject({ name: 'WEBHOOK_SECRET' });
  const tines = tf.resource.credform_tines_text_credential.webhook;
  expect(tines.value_wo).toBe('${ephemeral.credform_env_secret.webhook_secret.value}');
  expect(tines).not.toHaveProperty('value');
  const ox = tf.resource.credform_ox_connector_credentials.gitlab;
  expect(ox.credentials_input).toEqual({ name: 'ox-bot', optional_fields: { repo_search_query: 'acme' } });
  expect(ox.credentials_secrets_wo).toEqual({ password: '${ephemeral.credform_env_secret.ox_password.value}' });
  expect(tf.data.credform_dx_connections.jira).toMatchObject({ type: 'jira_cloud' });

  // The provider accepts it: write-only attributes fed by ephemeral values, the nested inputs.
  await p.ok('terraform', ['init', '-input=false', '-no-color'], stackDir);
  await p.ok('terraform', ['validate', '-no-color'], stackDir);

  // Every type the provider serves has its binding; every write-only attribute is a prop of it.
  const schema = JSON.parse((await p.ok('terraform', ['providers', 'schema', '-json'], stackDir)).stdout).provider_schemas[ADDRESS] as ProviderSchema;
  const local = (type: string) => type.replace(/^credform_/, '');
  const resources = Object.keys(schema.resource_schemas);
  expect(resources.length).toBeGreaterThanOrEqual(4);
  for (const type of resources) {
    const code = source(local(type).replace(/_/g, '-'));
    expect(code).toContain(`export class ${pascal(local(type))} extends ${p.cdk}.TerraformResource`);
    const writeOnly = Object.entries(schema.resource_schemas[type]!.block.attributes ?? {}).filter(([, a]) => a.write_only).map(([n]) => n);
    expect(writeOnly.length).toBeGreaterThan(0);
    for (const name of writeOnly) {
      expect({ type, name, declared: code.includes(`readonly ${camel(name)}?: `) }).toEqual({ type, name, declared: true });
      // cdktn marks them so that the value is never read back; cdktf 0.21 passes them like any attribute.
      if (p.cdk === 'cdktn') expect(code).toMatch(new RegExp(`${name}: this\\.markWriteOnlyAttribute\\(`));
    }
  }
  const dataSources = Object.keys(schema.data_source_schemas);
  expect(dataSources).toContain('credform_dx_connections');
  for (const type of dataSources) expect(source(`data-${type.replace(/_/g, '-')}`)).toContain(`export class Data${pascal(type)} extends ${p.cdk}.TerraformDataSource`);
  const ephemerals = Object.keys(schema.ephemeral_resource_schemas ?? {});
  expect(ephemerals).toContain('credform_env_secret');
  for (const type of ephemerals) {
    const dir = join(gen, `ephemeral-${type.replace(/_/g, '-')}`);
    if (p.cdk === 'cdktn') expect(readFileSync(join(dir, 'index.ts'), 'utf8')).toContain(`export class Ephemeral${pascal(type)} extends cdktn.TerraformEphemeralResource`);
    // cdktf 0.21's generator knows no ephemeral resources (docs/other-languages.md gives the override).
    else expect(existsSync(dir)).toBe(false);
  }
}

describe('bindings generated from the provider schema', () => {
  testWithCdktfCli(
    'cdktf get (cdktf-cli 0.21), the provider in a mirror named in the CLI configuration: TypeScript bindings that type-check, synthesize and validate',
    async () => {
      await generateCheckAndSynth(project('cdktf', 'cli-config'), join(BIN, 'cdktf'));
    },
    180_000,
  );

  const cdktnNode = nodeForCdktn();
  (cdktnNode ? test : test.skip)(
    'cdktn get (cdktn-cli 0.24), the provider in ~/.terraform.d/plugins: TypeScript bindings, ephemeral resources included, that type-check, synthesize and validate',
    async () => {
      await generateCheckAndSynth(project('cdktn', 'home', cdktnNode!.bin), join(BIN, 'cdktn'));
    },
    180_000,
  );
});
