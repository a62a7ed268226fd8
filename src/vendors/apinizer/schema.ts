/**
 * `credform_apinizer_credential`: the single source of truth for its shape. The provider's schema,
 * `terraform validate`, the `ApinizerCredential` construct's synth-time checks and the reference docs
 * are all derived from this file. It imports nothing heavier than zod, so constructs may use it.
 */
import { isIP } from 'node:net';
import { z } from 'zod';
import { attribute, type Attribute, type Block } from '../../tfplugin/schema/attribute';
import { exactlyOneOf, requiresAlso, type ConfigValidator } from '../../tfplugin/schema/config-validators';
import type { Model } from '../../tfplugin/schema/model';
import { requiresReplace, useStateForUnknown } from '../../tfplugin/schema/plan-modifiers';
import type { SecretAttributes } from '../secret-rotation';

export const APINIZER_CREDENTIAL_TYPE = 'credform_apinizer_credential';

/** The password is handled by the shared write-only rotation mechanism (`secret-rotation.ts`). */
export const SECRET_ATTRIBUTES: SecretAttributes = {
  writeOnly: 'password_wo',
  version: 'password_wo_version',
  sensitive: 'password',
  revision: 'password_revision',
};


const notBlank = (what: string) => z.string().refine((s) => s.trim() !== '', `${what} must not be empty`);

/**
 * Apinizer names the project and the credential in URL paths (`/projects/{projectName}/credentials/{username}/`):
 * a name a path cannot carry as one segment would create fine and then never be found or deleted.
 */
const pathSegment = (schema: z.ZodType<string>) =>
  schema
    .refine((s) => !s.includes('/') && !s.includes('\\'), 'must not contain "/" or "\\": Apinizer names it in URL paths')
    .refine((s) => s !== '.' && s !== '..', 'must not be "." or "..": Apinizer names it in URL paths')
    .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), 'must not contain control characters');
const projectName = pathSegment(notBlank('the project name'));
const username = pathSegment(notBlank('the username').refine((s) => s.trim() === s, 'must not start or end with spaces'));

/** Same rule as most mail systems: something@domain.tld, no spaces. */
export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** An IPv4/IPv6 address, or a CIDR range with a prefix length that fits the family. */
export function isIpOrCidr(value: string): boolean {
  const parts = value.split('/');
  if (parts.length > 2) return false;
  const family = isIP(parts[0] ?? '');
  if (family === 0) return false;
  if (parts.length === 1) return true;
  const prefix = parts[1]!;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/** The documented format, "YYYY-MM-DDTHH:mm:ss.sssZ" (milliseconds optional), and a real calendar date. */
export const EXPIRE_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,3})?Z$/;

export function isUtcIsoDate(value: string): boolean {
  const m = EXPIRE_DATE_PATTERN.exec(value);
  if (!m) return false;
  const [, y, mo, d, h, mi, s] = m.map(Number);
  const date = new Date(Date.UTC(y!, mo! - 1, d!, h!, mi!, s!));
  return date.getUTCMonth() === mo! - 1 && date.getUTCDate() === d! && h! < 24 && mi! < 60 && s! < 60;
}

const deploymentEntry = z.object({
  environment_name: z.string(),
  success: z.boolean(),
  message: z.string(),
});

export const credentialAttributes = {
  project_name: attribute.required(projectName, {
    description: 'Apinizer project that holds the credential (e.g. `MyProject`). Checked during plan: the project must exist and be visible to the token. Changing it replaces the credential.',
    planModifiers: [requiresReplace()],
  }),
  username: attribute.required(username, {
    description: 'Username of the credential, unique across all credentials. Checked during plan: a new username must be free. Apinizer cannot rename a credential, so changing it replaces the credential.',
    planModifiers: [requiresReplace()],
  }),
  email: attribute.required(z.string().regex(EMAIL_PATTERN, 'must be an email address such as user@example.com'), {
    description: 'Email address of the credential holder. Updated in place.',
  }),
  full_name: attribute.required(notBlank('the full name'), {
    description: 'Full name of the credential holder; must not be empty. Updated in place.',
  }),
  description: attribute.optional(z.string(), {
    description: 'Free-text description. Updated in place; omitted means none (`null`).',
  }),
  role_names: attribute.withDefault(z.array(notBlank('a role name')), [], {
    description: 'Names of roles assigned to the credential (e.g. `API_USER`). Each must exist in Apinizer; there is no API to list roles, so an unknown name is reported by Apinizer at apply. Updated in place.',
  }),
  enabled: attribute.withDefault(z.boolean(), true, {
    description: 'Whether the credential can authenticate. Updated in place.',
  }),
  ip_list: attribute.withDefault(z.array(z.string().refine(isIpOrCidr, 'must be an IPv4/IPv6 address or a CIDR range such as 10.0.0.0/8')), [], {
    description: 'Addresses allowed to use the credential: IPv4/IPv6 addresses or CIDR ranges (`192.168.1.100`, `10.0.0.0/8`, `2001:db8::/32`). Empty means no restriction. Updated in place.',
  }),
  expire_date: attribute.optional(
    z.string().refine(isUtcIsoDate, 'must be an ISO 8601 UTC date-time such as 2024-12-31T23:59:59.000Z'),
    {
      description: 'When the credential stops working, in ISO 8601 UTC (`2024-12-31T23:59:59.000Z`); omitted or `null` means never. Updated in place.',
    },
  ),
  password_wo: attribute.optional(notBlank('the password'), {
    description: 'Password of the credential, write-only (Terraform 1.11+): never stored in plan or state. A change is detected without a version bump (a salted scrypt fingerprint is kept in private state) and applied with the change-password call. Exactly one of `password_wo` and `password` must be set.',
    writeOnly: true,
    sensitive: true,
  }),
  password_wo_version: attribute.optional(z.number().int(), {
    description: 'Optional number to bump to force the write-only password to be sent again (for parity with other providers; a changed `password_wo` is detected without it). Only with `password_wo`.',
  }),
  password: attribute.optional(notBlank('the password'), {
    description: 'Password for Terraform older than 1.11, which has no write-only attributes. Sensitive, but Terraform keeps it in state: prefer `password_wo`.',
    sensitive: true,
  }),
  password_revision: attribute.computed(z.number(), {
    description: 'Counts the passwords sent to Apinizer; a plan shows it as (known after apply) when the password is about to be sent, never the password itself.',
    planModifiers: [useStateForUnknown()],
  }),
  id: attribute.computed(z.string(), {
    description: 'Import id, `<project_name>/<username>`.',
    planModifiers: [useStateForUnknown()],
  }),
  deployment: attribute.computed(z.array(deploymentEntry), {
    description: 'Outcome of the last deployment per environment (`environment_name`, `success`, `message`), as Apinizer reported it after the last write. When an environment failed, the next plan shows an update that deploys again.',
  }),
} satisfies Record<string, Attribute>;

export type CredentialAttributeName = keyof typeof credentialAttributes;

/** A credential's configuration, plan or state, typed from its attributes. */
export type CredentialModel = Model<typeof credentialAttributes>;

export const credentialBlock: Block = { attributes: credentialAttributes };

export const credentialConfigValidators: readonly ConfigValidator[] = [
  exactlyOneOf(SECRET_ATTRIBUTES.writeOnly, SECRET_ATTRIBUTES.sensitive),
  requiresAlso(SECRET_ATTRIBUTES.version, SECRET_ATTRIBUTES.writeOnly),
];

export const CREDENTIAL_DESCRIPTION =
  'An Apinizer API credential (a username and password with roles, IP restrictions and an expiry) in a project, deployed by Apinizer to every environment of the project. Created with POST, changed in place with PUT (full replace) or, for a password change alone, PATCH; a failed environment deployment is an error and the next apply deploys again.';

/** `<project>/<username>`: the project name cannot contain "/", so the first one separates them. */
export function credentialId(project: string, user: string): string {
  return `${project}/${user}`;
}

export function parseCredentialId(id: string): { project: string; username: string } | undefined {
  const at = id.indexOf('/');
  if (at <= 0 || at === id.length - 1) return undefined;
  return { project: id.slice(0, at), username: id.slice(at + 1) };
}
