/**
 * credform as a user gets it: the packed package (`npm pack` of the build) installed with npm into a
 * new app beside cdktf, cdktn and constructs, and no @types at all. The app's TypeScript uses every
 * construct of `credform` (with cdktf's App), constructs of `credform/cdktn` (with cdktn's App),
 * ES-module imports of all three entry points, and `credform/testing`; it type-checks with
 * `strict`, no `skipLibCheck` and `module`/`moduleResolution` `nodenext` on TypeScript 5.9 and 7
 * (with the default lib and with ES2022 alone), and with `node10` resolution on 5.9 (cdktf's project
 * template). A wrong prop must fail to compile, so the types are known to be checked at all. The
 * compiled app then runs with plain node: both flavors synthesize with their own CDK's App, and the
 * simulators start.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { packCredform } from '../support/packed-package';

const run = promisify(execFile);

/** The CDK releases the app installs: the ones credform is developed against. */
const APP_DEPENDENCIES = ['cdktf@0.21', 'cdktn@0.24', 'constructs@10.7', 'typescript@5.9'];

let work: string;
let appDir: string;
let packedFiles: string[];
let tsc5: string;
let tsc7: string;
let typesInstalled: string[];

const npmEnv = { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' };

async function npmInstall(dir: string, specs: string[]): Promise<void> {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: `consumer-${dir.split('/').pop()}`, version: '1.0.0', private: true }, null, 2));
  // --prefer-offline: from npm's cache when it has them (a second run needs no network).
  await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', ...specs], { cwd: dir, env: npmEnv, maxBuffer: 16 << 20 });
}

interface Result {
  readonly code: number;
  readonly output: string;
}

async function node(args: string[], cwd: string): Promise<Result> {
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  delete env.NODE_PATH;
  try {
    const { stdout, stderr } = await run(process.execPath, args, { cwd, env, maxBuffer: 16 << 20 });
    return { code: 0, output: stdout + stderr };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof err.code === 'number' ? err.code : 1, output: `${err.stdout ?? ''}${err.stderr ?? ''}` };
  }
}

/** `tsc -p <config>` with the compiler at `tscBin` (a package's bin/tsc: TypeScript 7's starts the native compiler). */
const tsc = (tscBin: string, config: string, ...args: string[]) => node([tscBin, '-p', config, ...args], appDir);

// Every construct of `credform`, with cdktf. No Node or DOM global is used: the app is checked with lib ES2022 alone too.
const MAIN_TS = `
import { App, TerraformStack, TerraformVariable } from 'cdktf';
import {
  ApinizerCredential,
  CredformProvider,
  CredformResource,
  DxCredential,
  OX_CREDENTIALS_TYPES,
  OxConnectorCredentials,
  OxCredentials,
  Secret,
  TINES_READ_ACCESS,
  TinesTextCredential,
  type ApinizerCredentialProps,
  type CredformProviderProps,
  type DxCredentialProps,
  type OxConnectorCredentialsProps,
  type OxCredentialsType,
  type SecretInput,
  type TinesReadAccess,
  type TinesTextCredentialProps,
} from 'credform';

const app = new App({ outdir: 'cdktf.out' });
const stack = new TerraformStack(app, 'credentials');
const providerProps: CredformProviderProps = { dx: { baseUrl: 'https://acme.getdx.net' }, tines: { timeoutSeconds: 10 } };
const provider = new CredformProvider(stack, 'credform', providerProps);
const eu = new CredformProvider(stack, 'eu', { alias: 'eu', tines: { baseUrl: 'https://eu.tines.example' } });

const jira = DxCredential.jiraCloud(stack, 'jira', { connectionId: 123, jiraUser: 'dx@example.net', apiToken: Secret.fromEnv(stack, 'JIRA_API_TOKEN') });
const dxProps: DxCredentialProps = { connectionId: 124, secrets: { token: Secret.fromVariable(stack, 'github_token') }, settings: { org: 'acme' } };
new DxCredential(stack, 'github', dxProps);

const apinizerProps: ApinizerCredentialProps = {
  projectName: 'MyProject',
  username: 'api-user',
  email: 'api@example.com',
  fullName: 'API User',
  roleNames: ['API_USER'],
  password: Secret.fromEnv(stack, 'APINIZER_PASSWORD'),
};
const apinizer = new ApinizerCredential(stack, 'api_user', apinizerProps);

const type: OxCredentialsType = OX_CREDENTIALS_TYPES[0];
const oxProps: OxConnectorCredentialsProps = {
  connectorId: '2',
  credentialsName: 'gitlab',
  credentials: OxCredentials.userPassword({ name: 'ox-bot', password: Secret.fromEnv(stack, 'OX_PASSWORD') }),
};
new OxConnectorCredentials(stack, 'gitlab', oxProps);
const others = [
  OxCredentials.token({ token: Secret.fromEnv(stack, 'OX_TOKEN') }),
  OxCredentials.apiKey({ apiKey: Secret.fromEnv(stack, 'OX_API_KEY_SECRET') }),
  OxCredentials.clientIdSecretKey({ clientId: 'id', secretKey: Secret.fromEnv(stack, 'OX_SECRET_KEY') }),
  OxCredentials.of(type, { input: { name: 'bot', optionalFields: { repoSearchQuery: 'acme' } }, secrets: { password: Secret.fromEnv(stack, 'OX_OTHER') } }),
];

const access: TinesReadAccess = TINES_READ_ACCESS[0];
const value: SecretInput = Secret.fromAttribute(new TerraformVariable(stack, 'webhook', { type: 'string', sensitive: true }).stringValue);
const tinesProps: TinesTextCredentialProps = { name: 'webhook secret', teamId: 2, value, readAccess: access, provider: eu };
const webhook = new TinesTextCredential(stack, 'webhook_secret', tinesProps);
new TinesTextCredential(stack, 'test_webhook', { name: 'webhook test', teamId: 2, value: Secret.unsafeLiteral('not-a-secret'), liveCredentialId: webhook.credentialId });

const all: CredformResource[] = [jira, apinizer, webhook];
const attributes: (string | number)[] = [jira.credentialId, jira.secretsRevision, apinizer.passwordRevision, webhook.valueRevision, provider.alias ?? '', CredformProvider.VERSION, others.length, all.length];
void attributes;
app.synth();
`;

// credform/cdktn with cdktn's own App and stack; between them the constructs use every part of the
// CDK the source does (Token, Fn, Annotations, TerraformVariable, ref, custom synthesis).
const CDKTN_TS = `
import { App, TerraformStack, TerraformVariable } from 'cdktn';
import { ApinizerCredential, CredformProvider, DxCredential, OxConnectorCredentials, OxCredentials, Secret, TinesTextCredential } from 'credform/cdktn';

const app = new App({ outdir: 'cdktn.out' });
const stack = new TerraformStack(app, 'credentials');
new CredformProvider(stack, 'credform');
DxCredential.jiraCloud(stack, 'jira', { connectionId: 123, label: 'Automation user', jiraUser: 'dx@example.net', apiToken: Secret.fromEnv(stack, 'JIRA_API_TOKEN') });
const user = new TerraformVariable(stack, 'github_user', { type: 'string' });
new DxCredential(stack, 'github', { connectionId: 124, settings: { user: user.stringValue }, secrets: { token: Secret.fromVariable(stack, 'github_token') } });
new ApinizerCredential(stack, 'api_user', { projectName: 'MyProject', username: 'api-user', email: 'api@example.com', fullName: 'API User', password: Secret.fromEnv(stack, 'APINIZER_PASSWORD') });
new OxConnectorCredentials(stack, 'gitlab', { connectorId: '2', credentialsName: 'gitlab', credentials: OxCredentials.token({ token: Secret.fromEnv(stack, 'OX_TOKEN') }) });
new TinesTextCredential(stack, 'webhook', { name: 'webhook signing secret', teamId: 2, value: Secret.fromEnv(stack, 'WEBHOOK_SECRET') });
new TinesTextCredential(stack, 'demo', { name: 'demo', teamId: 2, value: Secret.unsafeLiteral('not-a-secret') });
app.synth();
`;

// An ES module importing each entry point by name: Node must find the names in the CommonJS files.
const ESM_MTS = `
import { App, TerraformStack } from 'cdktn';
import { DxCredential as CdktfDxCredential } from 'credform';
import { CredformProvider, DxCredential, Secret } from 'credform/cdktn';
import { startSimulators, DEFAULT_DX_SEED } from 'credform/testing';

const app = new App({ outdir: 'esm.out' });
const stack = new TerraformStack(app, 'esm');
new CredformProvider(stack, 'credform', { installProvider: false });
new DxCredential(stack, 'dx', { connectionId: 123, secrets: { api_token: Secret.fromEnv(stack, 'TOKEN') } });
if (typeof CdktfDxCredential !== 'function' || typeof startSimulators !== 'function' || DEFAULT_DX_SEED.connections.length === 0) {
  throw new Error('named imports are missing');
}
app.synth();
`;

// credform/testing: the simulators start, answer, and stop.
const SIMS_TS = `
import { startSimulators, type DxState, type FaultOptions, type Simulators } from 'credform/testing';

async function main(): Promise<void> {
  const faults: FaultOptions = { latencyMs: 0, rules: [{ pathPattern: '^/nothing$', serverErrorShare: 1 }] };
  const sims: Simulators = await startSimulators({ rateLimits: false });
  try {
    sims.tines.setFaults(faults);
    const dx: DxState = sims.dx.snapshot();
    const env = sims.providerEnv();
    if (dx.connections.length === 0 || !env.DX_BASE_URL || !sims.connectionInfo().ox.url.startsWith('http')) throw new Error('simulators are empty');
  } finally {
    await sims.stop();
  }
}
main().then(
  () => undefined,
  (e: unknown) => {
    throw e;
  },
);
`;

// Must not compile: a number prop given a string, and a required prop missing.
const BAD_TS = `
import { App, TerraformStack } from 'cdktf';
import { DxCredential, Secret, TinesTextCredential } from 'credform';

const stack = new TerraformStack(new App(), 'bad');
new TinesTextCredential(stack, 'webhook', { name: 'webhook', teamId: '2', value: Secret.fromEnv(stack, 'X') });
DxCredential.jiraCloud(stack, 'jira', { connectionId: 123, jiraUser: 'dx@example.net' });
`;

// No `types`: whatever @types the app has would be loaded, and it has none (see beforeAll).
const STRICT = { strict: true, skipLibCheck: false, noEmit: true };

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'credform-consumer-'));
  const packed = packCredform(work);
  packedFiles = packed.files;
  appDir = join(work, 'app');
  // Two installs at once: the app, and TypeScript 7 on its own (one node_modules holds one `typescript`).
  await Promise.all([npmInstall(appDir, [packed.tarball, ...APP_DEPENDENCIES]), npmInstall(join(work, 'ts7'), ['typescript@7'])]);
  // npm hoists @types/node into the app: @grpc/grpc-js (the provider's) depends on protobufjs 7,
  // which depends on it. An app with a strict layout (pnpm) or another package set has none: remove
  // it, so that nothing here can lean on Node's types.
  typesInstalled = readdirSync(join(appDir, 'node_modules', '@types'));
  rmSync(join(appDir, 'node_modules', '@types'), { recursive: true, force: true });
  tsc5 = join(appDir, 'node_modules', 'typescript', 'bin', 'tsc');
  tsc7 = join(work, 'ts7', 'node_modules', 'typescript', 'bin', 'tsc');

  writeFileSync(join(appDir, 'main.ts'), MAIN_TS);
  writeFileSync(join(appDir, 'cdktn.ts'), CDKTN_TS);
  writeFileSync(join(appDir, 'esm.mts'), ESM_MTS);
  writeFileSync(join(appDir, 'sims.ts'), SIMS_TS);
  writeFileSync(join(appDir, 'bad.ts'), BAD_TS);
  const sources = ['main.ts', 'cdktn.ts', 'esm.mts', 'sims.ts'];
  const config = (name: string, compilerOptions: Record<string, unknown>, files = sources) =>
    writeFileSync(join(appDir, name), JSON.stringify({ compilerOptions: { ...STRICT, module: 'nodenext', moduleResolution: 'nodenext', ...compilerOptions }, files }, null, 2));
  config('tsconfig.json', {});
  config('tsconfig.es2022.json', { lib: ['ES2022'] });
  config('tsconfig.node10.json', { module: 'commonjs', moduleResolution: 'node10', target: 'ES2022' }, ['main.ts', 'cdktn.ts', 'sims.ts']);
  config('tsconfig.bad.json', {}, ['bad.ts']);
  config('tsconfig.emit.json', { noEmit: false, outDir: 'dist' });
}, 240_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

test('the app has no @types at all, and the package holds every entry point', () => {
  // Only @types/node came with the install (transitively); anything else would need a look.
  expect(typesInstalled.filter((t) => t !== 'node')).toEqual([]);
  expect(existsSync(join(appDir, 'node_modules', '@types'))).toBe(false);
  for (const file of ['lib/index.js', 'lib/credform.d.ts', 'lib/cdktn/index.js', 'lib/cdktn/index.d.ts', 'lib/simulators/index.js', 'lib/testing.d.ts', 'bin/credform.js', 'package.json']) {
    expect(packedFiles).toContain(file);
  }
  expect(packedFiles.some((f) => f.startsWith('lib/provider-bundle/'))).toBe(true);
});

describe.each([
  ['TypeScript 5.9', () => tsc5, /^Version 5\.9\./],
  ['TypeScript 7', () => tsc7, /^Version 7\./],
])('%s', (_name, compiler, version) => {
  test('is the compiler it claims to be', async () => {
    const r = await node([compiler(), '--version'], appDir);
    expect(r.output.trim()).toMatch(version);
  });

  test('type-checks the app: strict, no skipLibCheck, nodenext, no @types/node (default lib, then ES2022 alone)', async () => {
    for (const config of ['tsconfig.json', 'tsconfig.es2022.json']) {
      const r = await tsc(compiler(), config);
      expect({ config, ...r }).toEqual({ config, code: 0, output: '' });
    }
  });

  test('refuses a wrong prop (the types are checked, not `any`)', async () => {
    const r = await tsc(compiler(), 'tsconfig.bad.json');
    expect(r.code).not.toBe(0);
    expect(r.output).toMatch(/bad\.ts\(6,\d+\): error TS2322: Type 'string' is not assignable to type 'number'/);
    // 5.9 says TS2345 (argument not assignable), 7 says TS2741 (property missing).
    expect(r.output).toMatch(/bad\.ts\(7,\d+\): error TS2(345|741): .*apiToken/s);
  });
});

test('TypeScript 5.9 with moduleResolution node10 (cdktf\'s project template) finds the types of all three entry points', async () => {
  const r = await tsc(tsc5, 'tsconfig.node10.json');
  expect(r).toEqual({ code: 0, output: '' });
});

describe('the compiled app, run with plain node', () => {
  beforeAll(async () => {
    const r = await tsc(tsc5, 'tsconfig.emit.json');
    expect(r).toEqual({ code: 0, output: '' });
  }, 120_000);

  const stackJson = (outdir: string) => JSON.parse(readFileSync(join(appDir, outdir, 'stacks', 'credentials', 'cdk.tf.json'), 'utf8'));

  test('credform/cdktn synthesizes with cdktn\'s App: our resources in cdk.tf.json, the provider and its lock entry beside it', async () => {
    const r = await node(['dist/cdktn.js'], appDir);
    expect(r).toMatchObject({ code: 0 });
    const stack = stackJson('cdktn.out');
    expect(stack.terraform.required_providers.credform.source).toBe('credform/credform');
    expect(Object.keys(stack.provider)).toEqual(['credform']);
    expect(stack.resource.credform_dx_credential.jira).toMatchObject({ connection_id: 123, label: 'Automation user', secrets_wo: { api_token: '${ephemeral.credform_env_secret.env_jira_api_token.value}' } });
    expect(stack.resource.credform_tines_text_credential.webhook).toMatchObject({ name: 'webhook signing secret', team_id: 2, value_wo: '${ephemeral.credform_env_secret.env_webhook_secret.value}' });
    expect(Object.keys(stack.ephemeral.credform_env_secret).sort()).toEqual(['env_apinizer_password', 'env_jira_api_token', 'env_ox_token', 'env_webhook_secret']);
    expect(Object.keys(stack.resource).sort()).toEqual(['credform_apinizer_credential', 'credform_dx_credential', 'credform_ox_connector_credentials', 'credform_tines_text_credential']);
    // Fn.jsonencode for settings holding a token; an ephemeral, sensitive variable for Secret.fromVariable.
    expect(stack.resource.credform_dx_credential.github.settings_json).toBe('${jsonencode({"user" = var.github_user})}');
    expect(stack.variable.github_token).toMatchObject({ sensitive: true, ephemeral: true });
    expect(stack.resource.credform_ox_connector_credentials.gitlab.lifecycle).toEqual({ create_before_destroy: true });
    // Annotations: the literal secret is warned about in the manifest.
    const manifest = JSON.parse(readFileSync(join(appDir, 'cdktn.out', 'manifest.json'), 'utf8'));
    expect(JSON.stringify(manifest.stacks.credentials.annotations)).toContain('a literal secret is written into cdk.tf.json');
    // cdktn's App made it (cdktf's would write its own version).
    const cdktnVersion = JSON.parse(readFileSync(join(appDir, 'node_modules', 'cdktn', 'package.json'), 'utf8')).version;
    expect(stack['//'].metadata.version).toBe(cdktnVersion);
    const stackDir = join(appDir, 'cdktn.out', 'stacks', 'credentials');
    expect(readdirSync(join(stackDir, 'terraform.d', 'plugins', 'registry.terraform.io', 'credform', 'credform'))).toEqual(['0.1.0']);
    expect(readFileSync(join(stackDir, '.terraform.lock.hcl'), 'utf8')).toContain('provider "registry.terraform.io/credform/credform"');
  });

  test('credform synthesizes with cdktf\'s App: every construct in cdk.tf.json', async () => {
    const r = await node(['dist/main.js'], appDir);
    expect(r).toMatchObject({ code: 0 });
    const stack = stackJson('cdktf.out');
    expect(Object.keys(stack.resource).sort()).toEqual([
      'credform_apinizer_credential',
      'credform_dx_credential',
      'credform_ox_connector_credentials',
      'credform_tines_text_credential',
    ]);
    expect(Object.keys(stack.resource.credform_dx_credential).sort()).toEqual(['github', 'jira']);
    expect(stack.resource.credform_tines_text_credential.webhook_secret.provider).toBe('credform.eu');
    expect(stack['//'].metadata.version).toBe(JSON.parse(readFileSync(join(appDir, 'node_modules', 'cdktf', 'package.json'), 'utf8')).version);
  });

  test('an ES module imports all three entry points by name', async () => {
    const r = await node(['dist/esm.mjs'], appDir);
    expect(r).toMatchObject({ code: 0 });
    expect(JSON.parse(readFileSync(join(appDir, 'esm.out', 'stacks', 'esm', 'cdk.tf.json'), 'utf8')).resource.credform_dx_credential.dx.connection_id).toBe(123);
  });

  test('credform/testing starts the simulators', async () => {
    const r = await node(['dist/sims.js'], appDir);
    expect(r).toEqual({ code: 0, output: '' });
  });
});
