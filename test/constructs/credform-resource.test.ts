/**
 * The resource base: one validation pass, run by the base right after `super` (the schema's findings,
 * then the construct's own), and every construct's bad prop reported once, naming it, echoing the
 * value given (never a secret's), a missing one as "is required".
 */
import { TerraformStack, Testing } from 'cdktf';
import { Node, type Construct } from 'constructs';
import { z } from 'zod';
import { ApinizerCredential, CredformProvider, CredformResource, DxCredential, OxConnectorCredentials, OxCredentials, Secret, TinesTextCredential, type PropsIssue } from '../../src/constructs';
import { PropsValidation } from '../../src/constructs/validate-props';
import { attribute, type Block } from '../../src/tfplugin/schema/attribute';
import { synthErrors } from '../support/synth-errors';

const block: Block = {
  attributes: {
    name: attribute.required(z.string().min(1, 'must not be empty'), { description: 'n' }),
    size: attribute.optional(z.number().int('must be a whole number'), { description: 's' }),
  },
};

class Thing extends CredformResource {
  constructor(scope: Construct, id: string, props: { name?: string; size?: number; issues?: PropsIssue[] }) {
    super(scope, id, { resourceType: 'credform_test_thing', schema: block, attributes: { name: props.name, size: props.size }, issues: props.issues });
  }
}

function stack(): TerraformStack {
  const s = new TerraformStack(Testing.app(), 'test');
  new CredformProvider(s, 'credform', { installProvider: false });
  return s;
}

/** How many props validations were recorded on each construct path. */
function propsValidationsByPath(build: (s: TerraformStack) => void): Record<string, number> {
  const spy = jest.spyOn(Node.prototype, 'addValidation');
  try {
    build(stack());
    const counts: Record<string, number> = {};
    spy.mock.contexts.forEach((node, i) => {
      if (spy.mock.calls[i]![0] instanceof PropsValidation) counts[(node as Node).path] = (counts[(node as Node).path] ?? 0) + 1;
    });
    return counts;
  } finally {
    spy.mockRestore();
  }
}

describe('the base runs one validation pass', () => {
  test('the schema\'s findings, then the construct\'s own, in one validation of the construct', () => {
    const s = stack();
    const t = new Thing(s, 't', { name: '', size: 1.5, issues: [{ field: 'other', message: 'is wrong', value: 'x' }] });
    expect(t.node.validate()).toEqual(['name: must not be empty (got "")', 'size: must be a whole number (got 1.5)', 'other: is wrong (got "x")']);
    expect(synthErrors(s)).toEqual(['[test/t] name: must not be empty (got "")', '[test/t] size: must be a whole number (got 1.5)', '[test/t] other: is wrong (got "x")']);
  });

  test('no validation at all for good props', () => {
    expect(propsValidationsByPath((s) => new Thing(s, 't', { name: 'ok', size: 1 }))).toEqual({});
  });

  test('each credform construct records one props validation, holding all its problems', () => {
    const counts = propsValidationsByPath((s) => {
      new Thing(s, 'thing', { size: 0.5, issues: [{ field: 'other', message: 'is wrong' }] });
      new DxCredential(s, 'dx', { connectionId: 0, label: '', secrets: {}, secretsVersion: -1 });
      new ApinizerCredential(s, 'apinizer', { projectName: '', username: '', email: 'x', fullName: '', password: Secret.fromEnv(s, 'PW'), useWriteOnly: false });
      new OxConnectorCredentials(s, 'ox', { connectorId: '', credentialsName: '', credentials: OxCredentials.of('Passkey' as never), writeOnlySecrets: false, secretsVersion: 1 });
      new TinesTextCredential(s, 'tines', { name: ' ', teamId: 0, value: '', readAccess: 'SPECIFIC_TEAMS', useWriteOnly: false, valueVersion: 1 });
    });
    expect(counts).toEqual({ 'test/thing': 1, 'test/dx': 1, 'test/apinizer': 1, 'test/ox': 1, 'test/tines': 1 });
  });
});

describe('every bad prop is reported once, naming it and echoing the value (never a secret\'s); a missing one "is required"', () => {
  /** Constructs with one mistake each (or two missing props), all in one stack, and what synth must say of each. */
  const CASES: [string, (s: TerraformStack, id: string) => void, string[]][] = [
    ['dx-missing', (s, id) => new DxCredential(s, id, {} as never), ['connectionId: is required', 'secrets: is required']],
    [
      'dx-version',
      (s, id) => new DxCredential(s, id, { connectionId: 1, secrets: { t: '${var.t}' }, secretsVersion: 1.5, useWriteOnly: false }),
      ['secretsVersion: only applies with useWriteOnly; Terraform diffs the sensitive `secrets` attribute itself (got 1.5)'],
    ],
    ['apinizer-missing', (s, id) => new ApinizerCredential(s, id, { projectName: 'P', username: 'u', email: 'u@example.com', fullName: 'U' } as never), ['password: is required']],
    [
      'apinizer-version',
      (s, id) => new ApinizerCredential(s, id, { projectName: 'P', username: 'v', email: 'u@example.com', fullName: 'U', password: '${var.p}', passwordVersion: 1.5, useWriteOnly: false }),
      ['passwordVersion: only applies with useWriteOnly (the write-only password); remove it or set useWriteOnly: true (got 1.5)'],
    ],
    [
      'ox-missing',
      (s, id) => new OxConnectorCredentials(s, id, { connectorId: '2', credentialsName: 'n' } as never),
      ['credentials: is required: OxCredentials.token(...), .userPassword(...), .apiKey(...), .clientIdSecretKey(...) or .of(type, ...)'],
    ],
    [
      'ox-version',
      (s, id) => new OxConnectorCredentials(s, id, { connectorId: '2', credentialsName: 'n', credentials: OxCredentials.token({ token: '${var.t}' }), writeOnlySecrets: false, secretsVersion: 1.5 }),
      ['secretsVersion: only applies to write-only secrets (writeOnlySecrets: true) (got 1.5)'],
    ],
    // Named as written (camelCase), not as the attribute's key; a secret: not echoed.
    [
      'ox-blank-secret',
      (s, id) => new OxConnectorCredentials(s, id, { connectorId: '2', credentialsName: 'n', credentials: OxCredentials.clientIdSecretKey({ clientId: 'c', secretKey: '' }) }),
      ['credentials.secrets.secretKey: must not be empty'],
    ],
    ['tines-missing', (s, id) => new TinesTextCredential(s, id, { teamId: 2 } as never), ['name: is required', 'value: is required']],
    ['tines-blank-value', (s, id) => new TinesTextCredential(s, id, { name: 'n', teamId: 2, value: Secret.unsafeLiteral(' ') }), ['value: must not be empty']],
    [
      'tines-version',
      (s, id) => new TinesTextCredential(s, id, { name: 'n', teamId: 2, value: '${var.v}', useWriteOnly: false, valueVersion: 1.5 }),
      ['valueVersion: only applies to the write-only value (useWriteOnly: true) (got 1.5)'],
    ],
    [
      'tines-live-folder',
      (s, id) => new TinesTextCredential(s, id, { name: 'n', teamId: 2, value: '${var.v}', liveCredentialId: 3, folderId: 0 }),
      ['folderId: cannot be set with liveCredentialId: a test credential takes it from its live credential (got 0)'],
    ],
    [
      'tines-live-access',
      (s, id) => new TinesTextCredential(s, id, { name: 'n', teamId: 2, value: '${var.v}', liveCredentialId: 3, readAccess: 'SPECIFIC_TEAMS', sharedTeamSlugs: [] }),
      [
        'readAccess: cannot be set with liveCredentialId: a test credential takes it from its live credential (got "SPECIFIC_TEAMS")',
        'sharedTeamSlugs: cannot be set with liveCredentialId: a test credential takes it from its live credential (got [])',
      ],
    ],
  ];

  let errors: string[];
  beforeAll(() => {
    const s = stack();
    for (const [id, make] of CASES) make(s, id);
    errors = synthErrors(s);
  });

  test.each(CASES)('%s', (id, _make, expected) => {
    const prefix = `[test/${id}] `;
    expect(errors.filter((l) => l.startsWith(prefix)).map((l) => l.slice(prefix.length))).toEqual(expected);
  });

  test('no construct reports a prop twice, in the whole synth', () => {
    const props = errors.map((l) => l.slice(0, l.indexOf(': ')));
    expect(props).toHaveLength(CASES.reduce((n, [, , lines]) => n + lines.length, 0));
    expect(new Set(props).size).toBe(props.length);
  });
});
