/**
 * Fuzzed bad configurations, in-process against the provider server (the RPCs Terraform calls, with
 * DynamicValues encoded as Terraform encodes them): ValidateResourceConfig and PlanResourceChange for
 * each of the four resource types, with arbitrary strings (empty, blank, huge, control characters),
 * wrong-kind values that still fit the msgpack type (bad emails, CIDRs, dates, enums, ids), unknowns,
 * and nulls in required attributes; a quarter of the plans are updates from an arbitrary prior state.
 *
 * Every answer must be either valid or carry diagnostics — never a thrown exception, never the
 * server's "Unexpected provider error" (a bug caught by its last-resort guard) — and every error
 * diagnostic must point at an attribute or name one in its text. A value the schema must refuse
 * (from each attribute's known-bad list) must produce an error on that very attribute.
 */
import fc from 'fast-check';
import type { Simulators } from '../../src/simulators';
import { Logger } from '../../src/tfplugin/logging';
import type { Block } from '../../src/tfplugin/schema/attribute';
import { blockType } from '../../src/tfplugin/schema/attribute';
import { ProviderServer } from '../../src/tfplugin/server/provider-server';
import { decodeMsgpack, encodeMsgpack } from '../../src/tfplugin/values/msgpack';
import type { TfValue } from '../../src/tfplugin/values/types';
import type { Connections } from '../../src/vendors/connections';
import { credformProvider } from '../../src/vendors/provider';
import { startTestSimulators } from '../support/simulators';
import { configOf, dynamic, dynamicValue, nastyString, priorOf, proposedCreate, proposedUpdate, type FuzzedConfig } from './fuzz-values';

/** Per resource type, per attribute: values its schema must refuse. */
const BAD: Record<string, Record<string, TfValue[]>> = {
  credform_dx_credential: {
    connection_id: [0, -1, 1.5, -1e300],
    label: [''],
    settings_json: ['', 'not json', '[1,2]', '"text"', '{', 'null', '{"a":'],
    secrets_wo: [{}, { '': 'x' }],
    secrets: [{}, { '': 'x' }],
    secrets_wo_version: [-1, 0.5],
    expiration_date: ['', '2026-02-30', '31-12-2026', '2026-1-1', 'tomorrow', '2026-12-31T00:00:00Z'],
  },
  credform_apinizer_credential: {
    project_name: ['', '   ', 'a/b'],
    username: ['', '  ', ' lead', 'trail '],
    email: ['', 'no-at', 'a@b', 'a b@c.d', '@example.com'],
    full_name: ['', '  '],
    role_names: [['  '], ['']],
    ip_list: [['10.0.0.0/33'], ['abc'], ['1.2.3.4/'], ['::1/129'], ['1.2.3.4/8/9'], ['999.1.1.1']],
    expire_date: ['', '2024-12-31', '2024-13-01T00:00:00Z', '2024-02-30T00:00:00Z', '2024-12-31T24:00:00Z', '2024-12-31T23:59:59+02:00'],
    password_wo: ['', '  '],
    password: ['', '  '],
    password_wo_version: [1.5],
  },
  credform_ox_connector_credentials: {
    connector_id: ['', '  '],
    credentials_type: ['', 'Nope', 'token', 'UserPassword '],
    credentials_name: ['', '  '],
    host_url: ['  '],
    credentials_secrets_wo: [{ nope: 'x' }, { password: '' }],
    credentials_secrets: [{ nope: 'x' }, { token: '' }],
    credentials_secrets_wo_version: [1.5],
  },
  credform_tines_text_credential: {
    name: ['', '  '],
    team_id: [0, -3, 2.5],
    value_wo: ['', ' '],
    value: ['', ' '],
    value_wo_version: [0.5],
    folder_id: [0, -1, 1.5],
    read_access: ['', 'EVERYONE', 'team'],
    shared_team_slugs: [[], ['  ']],
    allowed_hosts: [['https://x.example.com'], ['a..b'], ['x.example.com:443'], ['has space.com'], ['x.example.com/path'], ['']],
    live_credential_id: [0, -1],
  },
};

const TYPES = Object.keys(BAD);
const RUNS_PER_TYPE = 260; // × 4 types: over 1,000 configurations, each validated and planned

interface Diag {
  severity: number;
  summary: string;
  detail: string;
  attribute?: { steps: Array<{ attribute_name?: string }> };
}

const server = new ProviderServer(credformProvider({}), new Logger('test', {}));
const schemas = server.getProviderSchema() as { resource_schemas: Record<string, unknown> };
const blocks: Record<string, Block> = Object.fromEntries(
  credformProvider({}).resources.map((r) => [r.typeName, r.schema.block]),
);

const namedInText = new Set<string>();
const counts = { validate: 0, plan: 0, errors: 0, withAttribute: 0, namedInText: 0, validOnly: 0 };

/** The checks every answer must pass; returns the error diagnostics. */
function checkAnswer(typeName: string, what: string, answer: unknown): Diag[] {
  const block = blocks[typeName]!;
  const diags = ((answer as { diagnostics?: Diag[] }).diagnostics ?? []) as Diag[];
  const errors = diags.filter((d) => d.severity === 1);
  for (const d of diags) {
    if (d.summary === 'Unexpected provider error') throw new Error(`${typeName} ${what}: ${d.summary}: ${d.detail}`);
  }
  for (const e of errors) {
    counts.errors += 1;
    if (e.attribute?.steps?.length) {
      counts.withAttribute += 1;
      continue;
    }
    const text = `${e.summary} ${e.detail}`;
    const named = Object.keys(block.attributes).some((name) => new RegExp(`(^|[^\\w])${name}([^\\w]|$)`).test(text));
    if (!named) throw new Error(`${typeName} ${what}: error names no attribute: ${e.summary}: ${e.detail}`);
    counts.namedInText += 1;
    namedInText.add(e.summary);
  }
  return errors;
}

function firstStep(d: Diag): string | undefined {
  return d.attribute?.steps?.[0]?.attribute_name;
}

async function validateAndPlan(typeName: string, fuzzed: FuzzedConfig, prior: Record<string, TfValue> | null, writeOnly: boolean, srv = server): Promise<void> {
  const block = blocks[typeName]!;
  const config = dynamic(block, fuzzed.config);
  const validate = await srv.validateResourceConfig({ type_name: typeName, config, client_capabilities: { deferral_allowed: false, write_only_attributes_allowed: writeOnly } });
  counts.validate += 1;
  const errors = checkAnswer(typeName, 'validate', validate);
  for (const name of fuzzed.bad) {
    if (!errors.some((e) => firstStep(e) === name)) {
      throw new Error(`${typeName} validate: the bad value of ${name} (${JSON.stringify(fuzzed.config[name])}) got no error on it; errors: ${JSON.stringify(errors)}`);
    }
  }
  if (errors.length === 0) counts.validOnly += 1;

  const proposed = prior ? proposedUpdate(block, prior, fuzzed.config) : proposedCreate(block, fuzzed.config);
  const plan = (await srv.planResourceChange({
    type_name: typeName,
    config,
    prior_state: dynamic(block, prior),
    proposed_new_state: dynamic(block, proposed),
    prior_private: prior ? Buffer.from(JSON.stringify({ secret_fingerprint: 'scrypt$8192$8$1$c2FsdA==$aGFzaA==' })) : Buffer.alloc(0),
  })) as { planned_state?: { msgpack?: Uint8Array }; diagnostics?: Diag[] };
  counts.plan += 1;
  const planErrors = checkAnswer(typeName, 'plan', plan);
  if (planErrors.length === 0) {
    // A plan without errors must be a value of the schema's type that Terraform can read.
    expect(plan.planned_state?.msgpack).toBeDefined();
    decodeMsgpack(plan.planned_state!.msgpack!, blockType(block));
  }
}

afterAll(() => {
  // eslint-disable-next-line no-console
  console.log(`config fuzz: ${JSON.stringify(counts)}; errors naming the field in their text only: ${JSON.stringify([...namedInText])}`);
});

test('the schemas served are the ones fuzzed', () => {
  expect(Object.keys(schemas.resource_schemas).sort()).toEqual([...TYPES].sort());
});

describe.each(TYPES)('%s', (typeName) => {
  const block = blocks[typeName]!;

  test(`${RUNS_PER_TYPE} fuzzed configurations: validate and plan (create, or update from a fuzzed prior) end in diagnostics naming the field, or are valid`, async () => {
    await fc.assert(
      fc.asyncProperty(configOf(block, BAD[typeName]!), fc.option(priorOf(block), { freq: 3 }), fc.boolean(), async (fuzzed, prior, writeOnly) => {
        await validateAndPlan(typeName, fuzzed, prior, writeOnly);
      }),
      { numRuns: RUNS_PER_TYPE, seed: 20261123, endOnFailure: true },
    );
  });
});

/** Valid configurations whose free-text fields hold anything a user may write there (the other direction). */
const text = nastyString.filter((v) => v.trim() !== '' && v.trim() === v);
const VALID: Record<string, fc.Arbitrary<Record<string, TfValue>>> = {
  credform_dx_credential: fc.record({ label: text, user: fc.string() }).map(({ label, user }) => ({ connection_id: 123, label, settings_json: JSON.stringify({ jira_user: user }), secrets_wo: { api_token: 'a-token' } })),
  credform_apinizer_credential: fc.record({ full_name: text, description: fc.option(nastyString, { nil: null }) }).map((v) => ({ project_name: 'MyProject', username: 'api-user', email: 'user@example.com', ...v, role_names: ['API_USER'], enabled: true, ip_list: ['10.0.0.0/8'], password_wo: 'a-password' })),
  credform_ox_connector_credentials: fc.record({ credentials_name: text, name: text }).map(({ credentials_name, name }) => ({ connector_id: '2', credentials_type: 'UserPassword', credentials_name, credentials_input: { name }, credentials_secrets_wo: { password: 'a-password' } })),
  credform_tines_text_credential: fc.record({ name: text, description: nastyString, metadata: fc.dictionary(fc.string(), nastyString, { maxKeys: 3 }) }).map((v) => ({ ...v, team_id: 2, value_wo: 'a-value', read_access: 'TEAM', allowed_hosts: ['api.example.com'] })),
};

test.each(TYPES)('%s: 40 valid configurations with fuzzed free text validate and plan without an error', async (typeName) => {
  const block = blocks[typeName]!;
  await fc.assert(
    fc.asyncProperty(VALID[typeName]!, async (partial) => {
      const full = Object.fromEntries(Object.keys(block.attributes).map((k) => [k, partial[k] ?? null])) as Record<string, TfValue>;
      const config = dynamic(block, full);
      const validate = (await server.validateResourceConfig({ type_name: typeName, config, client_capabilities: { deferral_allowed: false, write_only_attributes_allowed: true } })) as { diagnostics: Diag[] };
      expect(validate.diagnostics.filter((d) => d.severity === 1)).toEqual([]);
      const plan = (await server.planResourceChange({ type_name: typeName, config, prior_state: dynamic(block, null), proposed_new_state: dynamic(block, proposedCreate(block, full)), prior_private: Buffer.alloc(0) })) as { diagnostics: Diag[] };
      expect(plan.diagnostics.filter((d) => d.severity === 1)).toEqual([]);
      counts.validOnly += 1;
    }),
    { numRuns: 40, seed: 5, endOnFailure: true },
  );
});

describe('with the provider configured against the simulators (plan-time vendor checks run on fuzzed values)', () => {
  let sims: Simulators;
  let configured: ProviderServer<Connections>;
  beforeAll(async () => {
    const started = await startTestSimulators();
    sims = started.sims;
    configured = new ProviderServer(credformProvider(started.env), new Logger('test', {}));
    const providerBlock = credformProvider({}).schema.block;
    const res = (await configured.configureProvider({ config: dynamicValue(encodeMsgpack({}, blockType(providerBlock))), terraform_version: '1.11.4' })) as { diagnostics: Diag[] };
    expect(res.diagnostics).toEqual([]);
  });
  afterAll(async () => {
    await sims?.stop();
  });

  test.each(TYPES)('%s: 60 fuzzed creates planned against the vendors', async (typeName) => {
    await fc.assert(
      fc.asyncProperty(configOf(blocks[typeName]!, BAD[typeName]!), async (fuzzed) => {
        await validateAndPlan(typeName, fuzzed, null, true, configured);
      }),
      { numRuns: 60, seed: 7, endOnFailure: true },
    );
  });
});
