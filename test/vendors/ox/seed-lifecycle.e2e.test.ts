/**
 * The seed page's addCredentials example, as an OxConnectorCredentials construct synthesized by
 * cdktf, applied by the real terraform against the OX simulator — and, with the CREDFORM_LIVE_OX_*
 * variables set, the tenant's own credentials against an OX tenant (test/support/live.ts,
 * docs/live-tests.md): create (verified), rename (replaced, new verified before old removed),
 * rotation without a version bump, version bump, removal outside Terraform, import, credentials OX
 * cannot verify, destroy. After every apply a second plan is empty; the secret never shows. OX is
 * read back through credform's client and the provider's log; the input OX stores (secrets
 * included) and what it held from moment to moment are asserted on the simulator only.
 */
import { canary } from '../../support/canary';
import { credformTerraform } from '../../support/credform-terraform';
import { describeTargets } from '../../support/live';
import type { TerraformDir } from '../../support/terraform';
import {
  LIVE_SECRET_ENV,
  SEED_CREDENTIALS_INPUT,
  SEED_EXAMPLE_ADDRESS,
  liveExampleJson,
  providerEvents,
  removeOutsideTerraform,
  seedExampleJson,
  seedSecretEnv,
  stored,
  watchCredentialSets,
  type SeedExampleOptions,
} from './support';

/** Terraform wraps diagnostics at 80 columns. */
const flat = (text: string): string => text.replace(/^[│╷╵]\s?/gm, '').replace(/\s+/g, ' ');
const literal = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describeTargets('ox', 'the OX seed example through terraform', (t) => {
  const fx = t.fixtures;
  const password1 = fx.secret;
  const password2 = fx.rotatedSecret;
  const NAME = t.name('example');
  const RENAMED = t.name('example-renamed');
  let tf: TerraformDir;

  function writeConfig(options: SeedExampleOptions): string {
    const { text, config } = t.live ? liveExampleJson(fx, options) : seedExampleJson(options);
    tf.write('main.tf.json', config);
    return text;
  }

  /** The environment of a terraform run: every secret of the example from its own variable. */
  const secretEnv = (secret: string): Record<string, string> => (t.live ? { [LIVE_SECRET_ENV]: secret } : seedSecretEnv(secret));

  async function expectConverged(password: string): Promise<void> {
    const again = await tf.run(['plan', '-detailed-exitcode'], secretEnv(password));
    expect({ code: again.code, stderr: again.stderr }).toEqual({ code: 0, stderr: '' });
  }

  /** One credential on the connector, a new one (not `oldId`), holding `password` (the simulator's store says which). */
  async function expectReplaced(oldId: string | null | undefined, password: string): Promise<void> {
    const now = await held();
    expect(now).toHaveLength(1);
    expect(now[0]!.credentialsId).not.toBe(oldId);
    if (t.sims) {
      expect(stored(t.sims)).toHaveLength(1);
      expect(stored(t.sims)[0]!.input.password).toBe(password);
    }
  }

  const stateOf = async () => (await tf.resources()).find((r) => r.address === SEED_EXAMPLE_ADDRESS)!.values;

  /** This run's credentials on the connector (on the simulator: all of them), as credform's client reads them. */
  async function held() {
    const connector = (await t.api.connectors([fx.credentialsType])).find((c) => c.id === fx.connectorId);
    return (connector?.credentials ?? []).filter((c) => t.owns(c.credentialsName));
  }

  beforeAll(async () => {
    tf = await credformTerraform('credform-ox-seed-', t.env);
  });

  t.test('create: the example input reaches OX exactly, is verified, and the secret is in no plan, state, log or cdk.tf.json', async () => {
    const synthesized = writeConfig({ credentialsName: NAME });
    expect(synthesized).not.toContain(password1);

    const plan = await tf.ok(['plan', '-out=create.tfplan'], secretEnv(password1));
    expect(plan.stdout).toContain('1 to add, 0 to change, 0 to destroy');
    const planJson = (await tf.ok(['show', '-json', 'create.tfplan'])).stdout;
    tf.write('create.tfplan.json', planJson);
    expect(plan.stdout + planJson).not.toContain(password1);

    const apply = await tf.ok(['apply', '-auto-approve'], { ...secretEnv(password1), TF_LOG: 'trace' });
    expect(apply.stdout + apply.stderr).not.toContain(password1);
    expect(apply.stderr).toContain('ox: credentials verified'); // the trace log is really there

    const now = await held();
    expect(now).toHaveLength(1);
    const id = now[0]!.credentialsId!;
    expect(now[0]).toMatchObject({ credentialsType: fx.credentialsType, credentialsName: NAME, ...(fx.hostUrl ? { hostURL: fx.hostUrl } : {}) });
    if (t.sims) {
      const [creds] = stored(t.sims);
      expect(stored(t.sims)).toHaveLength(1);
      expect(creds).toMatchObject({ credentialsId: id, credentialsType: 'UserPassword', credentialsName: 'example', hostURL: 'example', isCertChecksDisabled: true });
      expect(creds!.input).toEqual({ ...SEED_CREDENTIALS_INPUT, password: password1 });
    }
    expect(providerEvents(apply.stderr)).toEqual([
      ['added', id],
      ['verified', id],
    ]);

    const state = await stateOf();
    expect(state).toMatchObject({ id: `${fx.connectorId}/${id}`, credentials_id: id, credentials_secrets_wo: null, credentials_secrets_revision: 1 });
    expect(tf.read('terraform.tfstate')).not.toContain(password1);
    await expectConverged(password1);
  });

  t.test('rename: replaced, the new credentials added and verified before the old ones are removed', async () => {
    const [old] = await held();
    writeConfig({ credentialsName: RENAMED });
    const plan = await tf.ok(['plan'], secretEnv(password1));
    expect(plan.stdout).toContain('+/- create replacement and then destroy');
    expect(plan.stdout).toMatch(new RegExp(`~ credentials_name += "${literal(NAME)}" -> "${literal(RENAMED)}" # forces replacement`));

    const applyLogged = () => tf.ok(['apply', '-auto-approve'], { ...secretEnv(password1), TF_LOG: 'debug' });
    let apply: Awaited<ReturnType<typeof applyLogged>>;
    let sets: string[][] = [];
    if (t.sims) {
      t.sims.ox.setFaults({ latencyMs: 150, writesOnly: true }); // holds each mutation long enough to be seen
      ({ result: apply, sets } = await watchCredentialSets(t.sims, applyLogged));
      t.sims.ox.setFaults(undefined);
    } else apply = await applyLogged();

    const held2 = await held();
    expect(held2).toHaveLength(1);
    const now = held2[0]!;
    expect(now).toMatchObject({ credentialsName: RENAMED });
    expect(now.credentialsId).not.toBe(old!.credentialsId);
    if (t.sims) {
      expect(stored(t.sims)).toHaveLength(1);
      // What OX held over time: old, old + new, new. Never nothing.
      expect(sets).toEqual([[old!.credentialsId], [old!.credentialsId, now.credentialsId].sort(), [now.credentialsId]]);
    }
    // The order credform did it in, from its log (live too): add and verify the new, then remove the old.
    expect(providerEvents(apply.stderr)).toEqual([
      ['added', now.credentialsId],
      ['verified', now.credentialsId],
      ['removed', old!.credentialsId],
    ]);
    await expectConverged(password1);
  });

  t.test('a rotated secret without a version bump is planned as a replacement and converges', async () => {
    const [old] = await held();
    const plan = await tf.run(['plan', '-detailed-exitcode'], secretEnv(password2));
    expect(plan.code).toBe(2);
    expect(plan.stdout).toMatch(/~ credentials_secrets_revision += 1 -> \(known after apply\) # forces replacement/);
    expect(plan.stdout).toContain('1 to add, 0 to change, 1 to destroy');
    expect(plan.stdout).not.toContain(password2);

    await tf.ok(['apply', '-auto-approve'], secretEnv(password2));
    await expectReplaced(old!.credentialsId, password2);
    expect(tf.read('terraform.tfstate')).not.toContain(password2);
    await expectConverged(password2);
  });

  t.test('bumping credentials_secrets_wo_version sends the same secret again as new credentials', async () => {
    const [old] = await held();
    writeConfig({ credentialsName: RENAMED, secretsVersion: 2 });
    const plan = await tf.ok(['plan'], secretEnv(password2));
    expect(plan.stdout).toMatch(/\+ credentials_secrets_wo_version += 2 # forces replacement/);
    await tf.ok(['apply', '-auto-approve'], secretEnv(password2));
    await expectReplaced(old!.credentialsId, password2);
    await expectConverged(password2);
  });

  t.test('credentials removed outside Terraform are planned for re-creation', async () => {
    const [gone] = await held();
    await removeOutsideTerraform({ ox: t.endpoint }, fx.connectorId, gone!.credentialsId!);
    expect(await held()).toEqual([]);
    const plan = await tf.run(['plan', '-detailed-exitcode'], secretEnv(password2));
    expect(plan.code).toBe(2);
    expect(plan.stdout).toContain(`${SEED_EXAMPLE_ADDRESS} will be created`);
    await tf.ok(['apply', '-auto-approve'], secretEnv(password2));
    const now = await held();
    expect(now).toHaveLength(1);
    if (t.sims) expect(stored(t.sims)).toHaveLength(1);
    expect((await stateOf()).credentials_id).toBe(now[0]!.credentialsId);
    await expectConverged(password2);
  });

  t.test('import by <connector_id>/<credentials_id>; the next apply sends the configured secrets, then converges', async () => {
    const [existing] = await held();
    await tf.ok(['state', 'rm', SEED_EXAMPLE_ADDRESS]);
    await tf.ok(['import', SEED_EXAMPLE_ADDRESS, `${fx.connectorId}/${existing!.credentialsId}`], secretEnv(password1));
    expect(await stateOf()).toMatchObject({
      id: `${fx.connectorId}/${existing!.credentialsId}`,
      credentials_type: fx.credentialsType,
      credentials_name: RENAMED,
      ...(t.live ? {} : { host_url: 'example', is_cert_checks_disabled: true }),
    });
    // No fingerprint exists for imported credentials (OX never shows secrets): the secrets are sent.
    const plan = await tf.run(['plan', '-detailed-exitcode'], secretEnv(password1));
    expect(plan.code).toBe(2);
    expect(plan.stdout).toContain('+/- create replacement and then destroy');
    await tf.ok(['apply', '-auto-approve'], secretEnv(password1));
    await expectReplaced(existing!.credentialsId, password1);
    await expectConverged(password1);
  });

  t.liveOnly("credentials OX cannot verify are removed again; the apply fails with OX's validationMessage; the old ones stay, in OX and in state", 'checks.e2e.test.ts "credentials OX cannot verify are removed again"', async () => {
    const [kept] = await held();
    // Refused by the simulator's `invalid` convention, and by a real connector because its source refuses it.
    const r = await tf.run(['apply', '-auto-approve'], secretEnv(`invalid-${canary('ox-refused')}`));
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('OX rejected the credentials');
    expect(flat(r.stderr)).toContain('OX could not verify them:');
    expect(flat(r.stderr)).toContain('were removed again: nothing changed in OX');
    expect((await held()).map((c) => c.credentialsId)).toEqual([kept!.credentialsId]);
    expect((await stateOf()).credentials_id).toBe(kept!.credentialsId);
    await expectConverged(password1);
  });

  t.test('destroy removes the credentials from the connector', async () => {
    await tf.ok(['destroy', '-auto-approve'], secretEnv(password1));
    expect(await held()).toEqual([]);
    if (t.sims) expect(stored(t.sims)).toEqual([]);
    expect(await tf.resources()).toEqual([]);
  });
});
