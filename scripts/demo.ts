/**
 * `npm run demo`: the quickstart, deployed with the real cdktn or cdktf CLI against the four vendor
 * simulators, offline. cdktn (cdktn-cli, `credform/cdktn`, examples/cdktn) on Node ≥ 24, where
 * cdktf-cli 0.21 cannot start; cdktf (cdktf-cli, `credform`, examples/quickstart) on Node 20 and 22.
 * CREDFORM_DEMO_CDK=cdktn or =cdktf chooses. Deploy, show what each vendor now holds (read back
 * through its API), change a label and rotate a secret (showing the plan and the pull-request
 * summary), apply, destroy.
 * The project it works in is a temporary directory, removed at the end (also when a step fails or
 * on Ctrl-C); CREDFORM_DEMO_KEEP=1 keeps it, to look at cdk.tf.json, the state or the provider.
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { startSimulators, type Simulators } from '../src/simulators';

const root = join(__dirname, '..');
const bin = (name: string) => join(root, 'node_modules', '.bin', name);
const bold = (s: string) => (process.stdout.isTTY ? `\x1b[1m${s}\x1b[0m` : s);

function step(title: string): void {
  console.log(`\n${bold(`▶ ${title}`)}`);
}

// Terraform's init advice and the ephemeral secret's open/close lines say nothing new on every run.
const NOISE = [
  /ephemeral\.credform_env_secret\.[a-z0-9_]+: (Opening|Closing)/,
  /You may now begin working with Terraform|any changes that are required for your infrastructure|should now work\.|If you ever set or change modules|rerun this command to reinitialize|commands will detect it and remind you/,
];

/** The CLI's output, indented, without colours when not on a terminal, without the noise above. */
function show(text: string): void {
  const plain = process.stdout.isTTY ? text : text.replace(/\x1b\[[0-9;]*m/g, '');
  const lines = plain.split('\n').filter((l) => l.trim() !== '' && !NOISE.some((re) => re.test(l)));
  if (lines.length) process.stdout.write(lines.map((l) => `    ${l}`).join('\n') + '\n');
}

function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, quiet = false): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let pending = '';
    const onData = (d: Buffer) => {
      out += d;
      if (quiet) return;
      pending += d.toString();
      const cut = pending.lastIndexOf('\n');
      if (cut >= 0) {
        show(pending.slice(0, cut));
        pending = pending.slice(cut + 1);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('close', (code) => {
      if (!quiet && pending) show(pending);
      resolve({ code: code ?? 1, out });
    });
  });
}

async function must(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, quiet = false): Promise<string> {
  const r = await run(cmd, args, cwd, env, quiet);
  if (r.code !== 0) {
    if (quiet) process.stdout.write(r.out);
    throw new Error(`${cmd} ${args.join(' ')} failed with exit code ${r.code}`);
  }
  return r.out;
}

async function getJson(url: string, headers: Record<string, string>, init: RequestInit = {}): Promise<any> {
  const res = await fetch(url, { ...init, headers: { ...headers, ...(init.headers as Record<string, string>) } });
  return res.json();
}

/** What each vendor holds, read back through its own API (not from Terraform state). */
async function showVendors(sims: Simulators): Promise<void> {
  const dx = await getJson(`${sims.dx.url}/api/connections/123/credentials.list`, { Authorization: `Bearer ${sims.dx.token}` });
  console.log(`    DX connection 123:        ${dx.credentials.map((c: any) => `#${c.id} "${c.label}" (${c.type})`).join(', ') || '(none)'}`);
  const ap = await getJson(`${sims.apinizer.url}/apiops/projects/MyProject/credentials/`, { Authorization: `Bearer ${sims.apinizer.token}` });
  console.log(`    Apinizer MyProject:       ${ap.resultList.map((c: any) => `${c.username} <${c.email}> roles=${c.roleNameList.join('+')}`).join(', ') || '(none)'}`);
  const ox = await getJson(`${sims.ox.url}/api/apollo-gateway`, { Authorization: sims.ox.token, 'Content-Type': 'application/json' }, {
    method: 'POST',
    body: JSON.stringify({ query: '{ getConnectorsByFamily { connectors { connector { id name credentials { __typename ... on UserPasswordCredentials { credentialsId credentialsName } } } } } }' }),
  });
  const oxConnector = ox.data.getConnectorsByFamily.flatMap((f: any) => f.connectors).find((c: any) => c.connector.id === '2');
  console.log(`    OX connector 2:           ${(oxConnector?.connector.credentials ?? []).map((c: any) => `${c.credentialsId} "${c.credentialsName}"`).join(', ') || '(none)'}`);
  const tines = await getJson(`${sims.tines.url}/api/v1/user_credentials?team_id=2`, { Authorization: `Bearer ${sims.tines.token}` });
  console.log(`    Tines team 2:             ${tines.user_credentials.map((c: any) => `#${c.id} "${c.name}" (${c.mode})`).join(', ') || '(none)'}`);
}

const keepProject = process.env.CREDFORM_DEMO_KEEP === '1';

type Cdk = 'cdktf' | 'cdktn';

/** What the demo runs for each CDK: its CLI, the app, and what the app imports besides credform. */
const FLAVORS: Record<Cdk, { cliPackage: string; app: string; libraries: string[] }> = {
  cdktf: { cliPackage: 'cdktf-cli', app: join(root, 'examples', 'quickstart', 'main.ts'), libraries: ['cdktf', 'constructs'] },
  cdktn: { cliPackage: 'cdktn-cli', app: join(root, 'examples', 'cdktn', 'main.ts'), libraries: ['cdktn', 'constructs'] },
};

const nodeVersion = process.versions.node.split('.').map(Number) as [number, number, number];
/** cdktf-cli 0.21's terminal library has native builds up to Node 22's ABI only. */
const cdktfCliStarts = nodeVersion[0] < 24;
/** cdktn-cli 0.24 needs Node ≥ 22.19 (its engines field; its undici calls APIs of that release). */
const cdktnCliStarts = nodeVersion[0] > 22 || (nodeVersion[0] === 22 && nodeVersion[1] >= 19);

/** The CDK to use and why, or what is wrong with CREDFORM_DEMO_CDK. */
function chooseCdk(): { cdk: Cdk; why: string } | { error: string; code: number } {
  const asked = process.env.CREDFORM_DEMO_CDK;
  if (asked === undefined || asked === '') {
    return cdktfCliStarts
      ? { cdk: 'cdktf', why: 'chosen as the default below Node 24 (CREDFORM_DEMO_CDK=cdktn chooses cdktn, on Node ≥ 22.19)' }
      : { cdk: 'cdktn', why: 'chosen because this is Node ≥ 24, where cdktf-cli 0.21 cannot start' };
  }
  if (asked !== 'cdktf' && asked !== 'cdktn') return { error: `CREDFORM_DEMO_CDK must be cdktn or cdktf, not ${JSON.stringify(asked)}`, code: 2 };
  if (asked === 'cdktn' && !cdktnCliStarts) return { error: `CREDFORM_DEMO_CDK=cdktn: cdktn-cli 0.24 needs Node ≥ 22.19, and this is Node ${process.version}; run the demo with a later Node, or with cdktf`, code: 1 };
  if (asked === 'cdktf' && !cdktfCliStarts) return { error: `CREDFORM_DEMO_CDK=cdktf: cdktf-cli 0.21 cannot start on Node ${process.version} (its terminal library has native builds up to Node 22 only); run the demo with Node 20 or 22, or with cdktn`, code: 1 };
  return { cdk: asked, why: `chosen by CREDFORM_DEMO_CDK=${asked}` };
}

const versionOf = (pkg: string): string => JSON.parse(readFileSync(join(root, 'node_modules', pkg, 'package.json'), 'utf8')).version;

/** Removes the demo's project directory (its node_modules holds symlinks: rm removes them, never what they point to). */
function removeProject(project: string): void {
  if (keepProject) {
    console.log(`\n    The project is kept (CREDFORM_DEMO_KEEP=1): ${project}`);
    return;
  }
  rmSync(project, { recursive: true, force: true });
}

async function main(): Promise<number> {
  const choice = chooseCdk();
  if ('error' in choice) {
    console.error(`demo: ${choice.error}`);
    return choice.code;
  }
  const { cdk, why } = choice;
  const flavor = FLAVORS[cdk];
  const cli = bin(cdk);
  console.log(`credform demo with ${cdk} ${versionOf(cdk)} (${flavor.cliPackage} ${versionOf(flavor.cliPackage)}, constructs from ${cdk === 'cdktn' ? 'credform/cdktn' : 'credform'}) on Node ${process.version}`);
  console.log(`    ${why}`);

  step('Starting the DX, Apinizer, OX Security and Tines simulators on 127.0.0.1');
  const sims = await startSimulators({ host: '127.0.0.1' });
  const project = mkdtempSync(join(tmpdir(), 'credform-demo-'));
  const onSignal = (signal: NodeJS.Signals) => {
    removeProject(project);
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    // A project as a user has it: the app, cdktf.json (cdktn-cli reads it too), and credform
    // installed in node_modules.
    mkdirSync(join(project, 'node_modules'));
    symlinkSync(root, join(project, 'node_modules', 'credform'));
    for (const dep of flavor.libraries) symlinkSync(join(root, 'node_modules', dep), join(project, 'node_modules', dep));
    cpSync(flavor.app, join(project, 'main.ts'));
    writeFileSync(join(project, 'cdktf.json'), JSON.stringify({ language: 'typescript', app: `${bin('tsx')} main.ts`, output: 'cdktf.out', sendCrashReports: 'false', terraformProviders: [] }, null, 2));
    writeFileSync(join(project, '.terraformrc'), '');
    console.log(`    project: ${project} (${keepProject ? 'kept at the end: CREDFORM_DEMO_KEEP=1' : 'removed at the end; CREDFORM_DEMO_KEEP=1 keeps it'})`);

    const env: NodeJS.ProcessEnv = {
      ...process.env,
      // This Node first: the CLI, the app and terraform's provider processes all run on it.
      PATH: `${dirname(process.execPath)}:${process.env.PATH ?? ''}`,
      CI: '1',
      CHECKPOINT_DISABLE: '1',
      TF_CLI_CONFIG_FILE: join(project, '.terraformrc'),
      ...sims.providerEnv(),
      // The credentials' own secrets, read by the provider at plan/apply time (Secret.fromEnv).
      JIRA_API_TOKEN: 'ATATT3xFakeExampleToken000000000000000123abc=',
      APINIZER_API_USER_PASSWORD: 'SecurePassword123!',
      OX_CONNECTOR_PASSWORD: 'example-password',
      TINES_TEXT_CREDENTIAL: 'bar',
    };
    delete env.TF_LOG;

    step(`${cdk} deploy: first deploy of a fresh app (the provider is installed at synth, offline)`);
    await must(cli, ['deploy', '--auto-approve'], project, env);

    step('What the vendors now hold (read back through their APIs)');
    await showVendors(sims);

    step('Change: a new DX label in the code, and a rotated Jira API token in the environment');
    const main = join(project, 'main.ts');
    writeFileSync(main, readFileSync(main, 'utf8').replace("label: 'Automation user — myfakecompany'", "label: 'Automation user — myfakecompany (rotated)'"));
    env.JIRA_API_TOKEN = 'ATATT3xRotatedExampleToken0000000000000456def=';

    step(`${cdk} diff: the plan (the secret shows as rotating, never its value)`);
    await must(cli, ['diff'], project, env);

    step('credform plan-summary: what a pull request would show');
    await run(process.execPath, [join(root, 'bin', 'credform.js'), 'plan-summary', project], project, env);

    step(`${cdk} deploy: apply the change`);
    await must(cli, ['deploy', '--auto-approve'], project, env);
    await showVendors(sims);

    step(`${cdk} destroy`);
    await must(cli, ['destroy', '--auto-approve'], project, env);
    await showVendors(sims);

    step('Done: deployed, changed, rotated and destroyed four credentials, offline.');
    return 0;
  } finally {
    await sims.stop();
    removeProject(project);
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`\ndemo failed: ${err instanceof Error ? err.message : err}`);
    process.exit(1);
  },
);
