/**
 * The test-wide canary scanner (test/support/canary-scan.ts, after every test file) covers what a
 * secret could leak into at its worst: terraform's TF_LOG=trace output on stderr and in a
 * TF_LOG_PATH file (the provider's own log lines included), error messages, and vendor error
 * bodies that echo the secret back.
 *
 * 1. A positive control: a canary deliberately put where terraform prints and traces it is found
 *    by the scanner in the recorded stderr, stdout and the trace log file.
 * 2. All four resource types applied at TF_LOG=trace with canary secrets: the provider's trace lines
 *    are there, the canaries are not (and the after-file scan agrees).
 * 3. Every vendor's create answered by an error body that quotes the submitted secret (raw, JSON-,
 *    URL- and HTML-escaped): a relay in front of each simulator rewrites the answer. The apply fails
 *    with each vendor's words in the diagnostic, the secret replaced by "[redacted]".
 * 4. The same through answers that are not HTTP errors but still reach a diagnostic: DX's
 *    `ok: false` on a 2xx, an Apinizer deployment result whose failure message quotes the password,
 *    an OX verification whose `validationMessage` quotes the token.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_OX_SEED, type Simulators } from '../../src/simulators';
import { canary, recordDir, resetCanaryScan, scanForCanaries } from '../support/canary';
import { credformTerraform } from '../support/credform-terraform';
import { startTestSimulators } from '../support/simulators';
import { SECRET_ENV, fleetHcl, graphQlOperation, startRelay, type Relay, type RelayDecision } from './support';

let sims: Simulators;
let env: Record<string, string>;
beforeAll(async () => {
  ({ sims, env } = await startTestSimulators());
});
afterAll(async () => {
  await sims?.stop();
});

test('positive control: a canary in a provider log line at TF_LOG=trace is found in stdout, stderr, the TF_LOG_PATH file and the state', async () => {
  // The provider logs the OX connector id ("ox: credentials added"), which is no secret: an OX
  // connector whose id is a canary puts it in a provider log line, in the plan and in the state.
  const leaked = canary('control');
  const control = await startTestSimulators({
    seed: { ox: { ...DEFAULT_OX_SEED, connectors: [...DEFAULT_OX_SEED.connectors, { id: leaked, name: 'control', displayName: 'Control', family: 'sourceControl', credentialsTypes: ['Token'] }] } },
  });
  try {
    const tf = await credformTerraform('credform-rel-control-', { ...control.env, OX_TOKEN_VALUE: 'not-a-canary-token' });
    tf.write(
      'main.tf',
      `ephemeral "credform_env_secret" "t" {\n  name = "OX_TOKEN_VALUE"\n}\nresource "credform_ox_connector_credentials" "c" {\n  connector_id = "${leaked}"\n  credentials_type = "Token"\n  credentials_name = "control"\n  credentials_secrets_wo = { token = ephemeral.credform_env_secret.t.value }\n}\n`,
    );
    // Trace to stderr, then (a second create, by -replace) to a TF_LOG_PATH file.
    await tf.ok(['apply', '-auto-approve'], { TF_LOG: 'trace' });
    await tf.ok(['apply', '-auto-approve', '-replace=credform_ox_connector_credentials.c'], { TF_LOG: 'trace', TF_LOG_PATH: join(tf.dir, 'terraform-trace.log') });
    const findings = scanForCanaries().filter((f) => f.startsWith(leaked));
    expect(findings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/found in terraform .*apply.*\(stdout\)$/),
        expect.stringMatching(/found in terraform .*apply.*\(stderr\)$/),
        expect.stringMatching(/terraform-trace\.log$/),
        expect.stringMatching(/terraform\.tfstate$/),
      ]),
    );
    expect(readFileSync(join(tf.dir, 'terraform-trace.log'), 'utf8')).toMatch(new RegExp(`provider\\.terraform-provider-credform.*ox: credentials added.*${leaked}`));
  } finally {
    await control.sims.stop();
    // The control leaked on purpose: forget what was recorded so far, so the after-file scan judges the tests below.
    resetCanaryScan();
  }
});

test('all four resource types at TF_LOG=trace: the provider logs its HTTP calls, and no canary is anywhere', async () => {
  const secret = canary('trace');
  const tf = await credformTerraform('credform-rel-trace-', { ...env, [SECRET_ENV]: secret });
  tf.write('main.tf', fleetHcl({ perVendor: 2, prefix: 'trace' }));
  const logFile = join(tf.dir, 'terraform-trace.log');
  const apply = await tf.ok(['apply', '-auto-approve'], { TF_LOG: 'trace', TF_LOG_PATH: logFile });
  const log = readFileSync(logFile, 'utf8');
  // Provider lines are in the trace: its HTTP events and the OX flow's log lines.
  expect(log).toMatch(/provider\.terraform-provider-credform/);
  expect(log).toContain('ox http');
  expect(log).toContain('ox: credentials added');
  expect(log.length).toBeGreaterThan(100_000);
  expect(apply.stderr.length + apply.stdout.length).toBeGreaterThan(0);
  await tf.ok(['destroy', '-auto-approve'], { TF_LOG: 'trace', TF_LOG_PATH: join(tf.dir, 'terraform-destroy-trace.log') });
  recordDir(tf.dir);
  expect(scanForCanaries()).toEqual([]);
});

/** The forms a vendor may quote a value in: raw, JSON-escaped (with "\/"), URL-encoded, HTML-escaped. */
function quotedForms(secret: string): string {
  const json = JSON.stringify(secret).slice(1, -1).replace(/\//g, '\\/');
  const html = secret.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  return `raw=${secret} json=${json} url=${encodeURIComponent(secret)} html=${html}`;
}

test("vendor error bodies that echo the submitted secret: each vendor's words reach the diagnostic, the secret does not", async () => {
  const base = canary('echo');
  // Characters that change in every encoding, around the canary the scanner looks for.
  const secret = `${base}/"<&> x`;
  const secretOf = (vendor: string, i: number) => `${secret}-${vendor}-${i}`;
  const relays: Record<'dx' | 'apinizer' | 'ox' | 'tines', Relay> = {} as never;
  const refuse = (body: unknown, status: number): RelayDecision => ({ status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  relays.dx = await startRelay(sims.dx.url, (x) =>
    /credentials\.create$/.test(x.path)
      ? refuse({ ok: false, error: 'Invalid credentials', display_message: `DX rejected ${quotedForms(secretOf('dx', 0))}`, raw_message: x.requestBody }, 422)
      : 'pass',
  );
  relays.apinizer = await startRelay(sims.apinizer.url, (x) =>
    x.method === 'POST' && /\/credentials\/?$/.test(x.path)
      ? refuse({ error: 'validation_failed', error_description: `Apinizer rejected ${quotedForms(secretOf('apinizer', 0))}`, validation_errors: [{ field: 'password', message: `weak password: ${x.requestBody}` }] }, 400)
      : 'pass',
  );
  relays.ox = await startRelay(sims.ox.url, (x) =>
    graphQlOperation(x.requestBody) === 'AddCredentials'
      ? refuse({ errors: [{ message: `OX rejected ${quotedForms(secretOf('ox', 0))} in ${x.requestBody}`, path: ['addCredentials'], extensions: { code: 'BAD_USER_INPUT' } }], data: null }, 200)
      : 'pass',
  );
  relays.tines = await startRelay(sims.tines.url, (x) =>
    x.method === 'POST' && x.path === '/api/v1/user_credentials'
      ? refuse({ errors: [{ message: 'Validation failed', details: `Value ${quotedForms(secretOf('tines', 0))} is not allowed` }] }, 422)
      : 'pass',
  );
  try {
    const tf = await credformTerraform('credform-rel-echo-', {
      ...env,
      DX_BASE_URL: relays.dx.url,
      APINIZER_BASE_URL: relays.apinizer.url,
      OX_BASE_URL: relays.ox.url,
      TINES_BASE_URL: relays.tines.url,
      [SECRET_ENV]: secret,
    });
    tf.write('main.tf', fleetHcl({ perVendor: 1, prefix: 'echo' }));
    const logFile = join(tf.dir, 'terraform-echo-trace.log');
    const apply = await tf.run(['apply', '-auto-approve'], { TF_LOG: 'trace', TF_LOG_PATH: logFile });
    expect(apply.code).toBe(1);
    const text = apply.stderr.replace(/[│╷╵]/g, ' ').replace(/\s+/g, ' ');
    // The vendors' words are there, with the secret in every form replaced.
    expect(text).toContain('DX rejected raw=[redacted] json=[redacted] url=[redacted] html=[redacted]');
    expect(text).toContain('Apinizer rejected raw=[redacted] json=[redacted] url=[redacted] html=[redacted]');
    expect(text).toContain('OX rejected raw=[redacted] json=[redacted] url=[redacted] html=[redacted]');
    expect(text).toContain('Value raw=[redacted] json=[redacted] url=[redacted] html=[redacted] is not allowed');
    expect(text).not.toContain(base);
    expect(existsSync(logFile) && readFileSync(logFile, 'utf8').includes(base)).toBe(false);
    // The relays really answered every create with the echo (the vendors stored them; the provider was told no).
    expect(text.match(/rejected raw=\[redacted\]/g)?.length).toBe(3);
    recordDir(tf.dir);
    expect(scanForCanaries()).toEqual([]);
  } finally {
    for (const r of Object.values(relays)) await r.stop();
  }
});

test('2xx answers that carry an error or a message quoting the secret: DX ok:false, Apinizer deployment failure, OX validationMessage', async () => {
  const base = canary('echo-2xx');
  const secret = `${base}/"<&> y`;
  const secretOf = (vendor: string) => `${secret}-${vendor}-0`;
  const answer = (body: unknown): RelayDecision => ({ status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const relays = {
    dx: await startRelay(sims.dx.url, (x) =>
      /credentials\.create$/.test(x.path) ? answer({ ok: false, error: 'Invalid credentials', display_message: `DX says ${quotedForms(secretOf('dx'))}`, raw_message: x.requestBody }) : 'pass',
    ),
    apinizer: await startRelay(sims.apinizer.url, (x) =>
      x.method === 'POST' && /\/credentials\/?$/.test(x.path)
        ? answer({ success: true, deploymentResult: { success: false, message: `Deployment completed with errors for ${x.requestBody}`, environmentResults: [{ environmentName: 'production', success: false, message: `Apinizer deploy ${quotedForms(secretOf('apinizer'))}` }] } })
        : 'pass',
    ),
    ox: await startRelay(sims.ox.url, (x) =>
      graphQlOperation(x.requestBody) === 'VerifySingleConnectorCredentials'
        ? answer({ data: { verifySingleConnectorCredentials: { credentialsAreValid: false, noReposFound: false, validationMessage: `OX verify ${quotedForms(secretOf('ox'))}` } } })
        : 'pass',
    ),
  };
  try {
    const tf = await credformTerraform('credform-rel-echo2xx-', { ...env, DX_BASE_URL: relays.dx.url, APINIZER_BASE_URL: relays.apinizer.url, OX_BASE_URL: relays.ox.url, [SECRET_ENV]: secret });
    tf.write('main.tf', fleetHcl({ perVendor: 1, prefix: 'echo2xx' }).replace(/resource "credform_tines_text_credential"[\s\S]*$/, ''));
    const logFile = join(tf.dir, 'terraform-echo2xx-trace.log');
    const apply = await tf.run(['apply', '-auto-approve'], { TF_LOG: 'trace', TF_LOG_PATH: logFile });
    expect(apply.code).toBe(1);
    const text = apply.stderr.replace(/[│╷╵]/g, ' ').replace(/\s+/g, ' ');
    expect(text).toContain('DX says raw=[redacted] json=[redacted] url=[redacted] html=[redacted]');
    expect(text).toContain('Apinizer deploy raw=[redacted] json=[redacted] url=[redacted] html=[redacted]');
    expect(text).toContain('OX verify raw=[redacted] json=[redacted] url=[redacted] html=[redacted]');
    expect(text).not.toContain(base);
    expect(readFileSync(logFile, 'utf8').includes(base)).toBe(false);
    recordDir(tf.dir);
    expect(scanForCanaries()).toEqual([]);
    // The Apinizer credential exists (only its deployment "failed"): clean up.
    await tf.run(['destroy', '-auto-approve']);
  } finally {
    for (const r of Object.values(relays)) await r.stop();
  }
});
