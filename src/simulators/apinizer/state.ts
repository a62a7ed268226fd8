/**
 * The Apinizer store: projects (each with its environments and credentials), the roles that exist,
 * the users who may get a token from `/apiops/auth/token`, and the tokens issued.
 */
import { z } from 'zod';
import type { SameType } from '../same-type';

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

/** An Apinizer environment in the simulator's store. */
export interface ApinizerStoredEnvironment {
  name: string;
  /** When set, every deployment to this environment fails with this reason (HTTP status stays 200). */
  failure: string | null;
}

/** An Apinizer API credential in the simulator's store (the password in clear: the simulator is a test fixture). */
export interface ApinizerStoredCredential {
  username: string;
  email: string;
  fullName: string;
  description: string | null;
  password: string;
  roleNameList: string[];
  enabled: boolean;
  ipList: string[];
  expireDate: string | null;
  /** Environments the last write deployed to successfully. */
  deployedTo: string[];
}

/** An Apinizer project in the simulator's store. */
export interface ApinizerStoredProject {
  name: string;
  environments: ApinizerStoredEnvironment[];
  credentials: ApinizerStoredCredential[];
}

/** A manager user for the client-credentials grant of `/apiops/auth/token`. */
export interface ApinizerManagerUser {
  clientId: string;
  clientSecret: string;
}

/** A token `/apiops/auth/token` issued, with its expiry in epoch milliseconds. */
export interface ApinizerIssuedToken {
  token: string;
  expiresAt: number;
}

/** The Apinizer simulator's store, as `snapshot()` returns it. */
export interface ApinizerState {
  projects: ApinizerStoredProject[];
  /** Role names that exist in the system (there is no public endpoint to list them). */
  roles: string[];
  users: ApinizerManagerUser[];
  issuedTokens: ApinizerIssuedToken[];
}

/** An environment in a seed. */
export interface ApinizerSeedEnvironment {
  name: string;
  /** @default null (deployments succeed) */
  failure?: string | null;
}

/** A credential in a seed: what is left out takes its default. */
export interface ApinizerSeedCredential {
  username: string;
  email: string;
  fullName: string;
  description?: string | null;
  password: string;
  roleNameList?: string[];
  /** @default true */
  enabled?: boolean;
  ipList?: string[];
  expireDate?: string | null;
  deployedTo?: string[];
}

/** A project in a seed. */
export interface ApinizerSeedProject {
  name: string;
  environments?: ApinizerSeedEnvironment[];
  credentials?: ApinizerSeedCredential[];
}

/** Seed data of the Apinizer simulator (also the format of its part of a state file). */
export interface ApinizerSeed {
  projects: ApinizerSeedProject[];
  roles?: string[];
  users?: ApinizerManagerUser[];
  issuedTokens?: ApinizerIssuedToken[];
}

const apinizerTypesMatchSchema: [
  SameType<ApinizerState, z.output<typeof apinizerStateSchema>>,
  SameType<ApinizerSeed, z.input<typeof apinizerStateSchema>>,
] = [true, true];
void apinizerTypesMatchSchema;

/** Seed: DOCUMENTED names (MyProject, API_USER, DEVELOPER, production, staging); the rest ASSUMED. */
export const DEFAULT_APINIZER_SEED: ApinizerSeed = {
  projects: [
    { name: 'MyProject', environments: [{ name: 'production' }, { name: 'staging' }] },
    { name: 'OtherProject', environments: [{ name: 'production' }] },
  ],
  roles: ['API_USER', 'DEVELOPER'],
  users: [{ clientId: 'admin', clientSecret: 'admin-secret' }],
};
