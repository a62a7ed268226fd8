/**
 * The Apinizer store: projects (each with its environments and credentials), the roles that exist,
 * the users who may get a token from `/apiops/auth/token`, and the tokens issued.
 */
import { z } from 'zod';

export const apinizerEnvironmentSchema = z.strictObject({
  name: z.string().min(1),
  /** When set, every deployment to this environment fails with this reason (HTTP status stays 200). */
  failure: z.string().nullable().default(null),
});

export const apinizerCredentialSchema = z.strictObject({
  username: z.string().min(1),
  email: z.string(),
  fullName: z.string(),
  description: z.string().nullable().default(null),
  password: z.string(),
  roleNameList: z.array(z.string()).default([]),
  enabled: z.boolean().default(true),
  ipList: z.array(z.string()).default([]),
  expireDate: z.string().nullable().default(null),
  /** Environments the last write deployed to successfully. */
  deployedTo: z.array(z.string()).default([]),
});

export const apinizerProjectSchema = z.strictObject({
  name: z.string().min(1),
  environments: z.array(apinizerEnvironmentSchema).default([]),
  credentials: z.array(apinizerCredentialSchema).default([]),
});

export const apinizerStateSchema = z.strictObject({
  projects: z.array(apinizerProjectSchema),
  /** Role names that exist in the system (there is no public endpoint to list them). */
  roles: z.array(z.string()).default([]),
  /** Manager users for the client-credentials grant. */
  users: z.array(z.strictObject({ clientId: z.string().min(1), clientSecret: z.string().min(1) })).default([]),
  issuedTokens: z.array(z.strictObject({ token: z.string(), expiresAt: z.number() })).default([]),
});

export type ApinizerSeed = z.input<typeof apinizerStateSchema>;
export type ApinizerState = z.output<typeof apinizerStateSchema>;
export type ApinizerProject = z.output<typeof apinizerProjectSchema>;
export type ApinizerCredential = z.output<typeof apinizerCredentialSchema>;

/** Seed: DOCUMENTED names (MyProject, API_USER, DEVELOPER, production, staging); the rest ASSUMED. */
export const DEFAULT_APINIZER_SEED: ApinizerSeed = {
  projects: [
    { name: 'MyProject', environments: [{ name: 'production' }, { name: 'staging' }] },
    { name: 'OtherProject', environments: [{ name: 'production' }] },
  ],
  roles: ['API_USER', 'DEVELOPER'],
  users: [{ clientId: 'admin', clientSecret: 'admin-secret' }],
};
