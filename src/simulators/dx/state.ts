/**
 * The DX store: connections and credentials. The same schema reads a seed (defaults filled in) and
 * a state file (everything present).
 */
import { z } from 'zod';
import { seededAt } from '../seed-time';
import type { SameType } from '../same-type';
import { DEFAULT_CONNECTION_STATE, FIRST_CREDENTIAL_ID } from './assumptions';

const jsonObject = z.record(z.string(), z.unknown());

export const dxConnectionSchema = z.strictObject({
  id: z.number().int(),
  /** Connector type string, snake_case: `jira_cloud`, `github`. */
  type: z.string().min(1),
  name: z.string(),
  state: z.string().default(DEFAULT_CONNECTION_STATE),
  disabled_at: z.string().nullable().default(null),
  last_synced_at: z.string().nullable().default(null),
  created_at: z.string().default(seededAt),
  supports_multiple_credentials: z.boolean().default(true),
});

export const dxCredentialSchema = z.strictObject({
  id: z.number().int(),
  connection_id: z.number().int(),
  type: z.string(),
  label: z.string(),
  settings: jsonObject.default({}),
  secrets: jsonObject.default({}),
  created_at: z.string().default(seededAt),
  disabled_at: z.string().nullable().default(null),
  expiration_date: z.string().nullable().default(null),
  /** Set by credentials.delete (a soft delete); the row then leaves the lists. */
  deleted_at: z.string().nullable().default(null),
});

export const dxStateSchema = z
  .strictObject({
    connections: z.array(dxConnectionSchema),
    credentials: z.array(dxCredentialSchema).default([]),
    next_credential_id: z.number().int().optional(),
  })
  .transform((s) => ({
    ...s,
    next_credential_id: Math.max(s.next_credential_id ?? FIRST_CREDENTIAL_ID, ...s.credentials.map((c) => c.id + 1)),
  }));

/** A DX connection in the simulator's store. */
export interface DxStoredConnection {
  id: number;
  /** Connector type string, snake_case: `jira_cloud`, `github`. */
  type: string;
  name: string;
  state: string;
  disabled_at: string | null;
  last_synced_at: string | null;
  created_at: string;
  supports_multiple_credentials: boolean;
}

/** A DX credential in the simulator's store (secrets in clear: the simulator is a test fixture). */
export interface DxStoredCredential {
  id: number;
  connection_id: number;
  type: string;
  label: string;
  settings: Record<string, unknown>;
  secrets: Record<string, unknown>;
  created_at: string;
  disabled_at: string | null;
  expiration_date: string | null;
  /** Set by credentials.delete (a soft delete); the row then leaves the lists. */
  deleted_at: string | null;
}

/** The DX simulator's store, as `snapshot()` returns it. */
export interface DxState {
  connections: DxStoredConnection[];
  credentials: DxStoredCredential[];
  next_credential_id: number;
}

/** A connection in a seed: what is left out takes its default. */
export interface DxSeedConnection {
  id: number;
  type: string;
  name: string;
  /** @default 'active' (see the simulator's assumptions) */
  state?: string;
  disabled_at?: string | null;
  last_synced_at?: string | null;
  /** @default a month before the simulator starts */
  created_at?: string;
  /** @default true */
  supports_multiple_credentials?: boolean;
}

/** A credential in a seed: what is left out takes its default. */
export interface DxSeedCredential {
  id: number;
  connection_id: number;
  type: string;
  label: string;
  settings?: Record<string, unknown>;
  secrets?: Record<string, unknown>;
  created_at?: string;
  disabled_at?: string | null;
  expiration_date?: string | null;
  deleted_at?: string | null;
}

/** Seed data of the DX simulator (also the format of its part of a state file). */
export interface DxSeed {
  connections: DxSeedConnection[];
  credentials?: DxSeedCredential[];
  /** @default one more than the highest credential id */
  next_credential_id?: number;
}

const dxTypesMatchSchema: [
  SameType<DxState, z.output<typeof dxStateSchema>>,
  SameType<DxSeed, z.input<typeof dxStateSchema>>,
] = [true, true];
void dxTypesMatchSchema;

/** ASSUMED seed (DOCUMENTED: connection 123 is the examples' Jira Cloud connection). */
export const DEFAULT_DX_SEED: DxSeed = {
  connections: [
    { id: 123, type: 'jira_cloud', name: 'Jira Cloud', supports_multiple_credentials: true },
    { id: 124, type: 'github', name: 'GitHub', supports_multiple_credentials: false },
    { id: 125, type: 'linear', name: 'Linear', supports_multiple_credentials: true },
  ],
};
