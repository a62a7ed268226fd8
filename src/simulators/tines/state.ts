/** The Tines store: teams, folders and TEXT credentials. */
import { z } from 'zod';
import type { SameType } from '../same-type';
import { seededAt } from '../seed-time';


export const tinesTeamSchema = z.strictObject({
  id: z.number().int(),
  name: z.string(),
  slug: z.string(),
});

export const tinesFolderSchema = z.strictObject({
  id: z.number().int(),
  team_id: z.number().int(),
  name: z.string(),
});

export const tinesCredentialSchema = z.strictObject({
  id: z.number().int(),
  name: z.string(),
  mode: z.string().default('TEXT'),
  /** The secret value (never returned by the API). */
  value: z.string(),
  team_id: z.number().int(),
  folder_id: z.number().int().nullable().default(null),
  read_access: z.enum(['TEAM', 'GLOBAL', 'SPECIFIC_TEAMS']).default('TEAM'),
  shared_team_slugs: z.array(z.string()).default([]),
  slug: z.string(),
  created_at: z.string().default(seededAt),
  updated_at: z.string().default(seededAt),
  description: z.string().default(''),
  allowed_hosts: z.array(z.string()).default([]),
  metadata: z.record(z.string(), z.unknown()).default({}),
  /** A test credential attached through `live_credential_id`. */
  test_credential: z
    .strictObject({ value: z.string(), created_at: z.string(), updated_at: z.string() })
    .nullable()
    .default(null),
});

export const tinesStateSchema = z
  .strictObject({
    teams: z.array(tinesTeamSchema),
    folders: z.array(tinesFolderSchema).default([]),
    credentials: z.array(tinesCredentialSchema).default([]),
    next_credential_id: z.number().int().optional(),
  })
  .transform((s) => ({
    ...s,
    next_credential_id: Math.max(s.next_credential_id ?? 1, ...s.credentials.map((c) => c.id + 1)),
  }));

/** A Tines team. */
export interface TinesTeam {
  id: number;
  name: string;
  slug: string;
}

/** A Tines folder of a team. */
export interface TinesFolder {
  id: number;
  team_id: number;
  name: string;
}

/** The test credential attached to a live one through `live_credential_id`. */
export interface TinesTestCredential {
  value: string;
  created_at: string;
  updated_at: string;
}

/** A Tines TEXT credential in the simulator's store (the value in clear: the simulator is a test fixture). */
export interface TinesStoredCredential {
  id: number;
  name: string;
  mode: string;
  /** The secret value (never returned by the API). */
  value: string;
  team_id: number;
  folder_id: number | null;
  read_access: 'TEAM' | 'GLOBAL' | 'SPECIFIC_TEAMS';
  shared_team_slugs: string[];
  slug: string;
  created_at: string;
  updated_at: string;
  description: string;
  allowed_hosts: string[];
  metadata: Record<string, unknown>;
  test_credential: TinesTestCredential | null;
}

/** The Tines simulator's store, as `snapshot()` returns it. */
export interface TinesState {
  teams: TinesTeam[];
  folders: TinesFolder[];
  credentials: TinesStoredCredential[];
  next_credential_id: number;
}

/** A credential in a seed: what is left out takes its default. */
export interface TinesSeedCredential {
  id: number;
  name: string;
  /** @default 'TEXT' */
  mode?: string;
  value: string;
  team_id: number;
  folder_id?: number | null;
  /** @default 'TEAM' */
  read_access?: 'TEAM' | 'GLOBAL' | 'SPECIFIC_TEAMS';
  shared_team_slugs?: string[];
  slug: string;
  created_at?: string;
  updated_at?: string;
  description?: string;
  allowed_hosts?: string[];
  metadata?: Record<string, unknown>;
  test_credential?: TinesTestCredential | null;
}

/** Seed data of the Tines simulator (also the format of its part of a state file). */
export interface TinesSeed {
  teams: TinesTeam[];
  folders?: TinesFolder[];
  credentials?: TinesSeedCredential[];
  /** @default one more than the highest credential id */
  next_credential_id?: number;
}

const tinesTypesMatchSchema: [
  SameType<TinesState, z.output<typeof tinesStateSchema>>,
  SameType<TinesSeed, z.input<typeof tinesStateSchema>>,
] = [true, true];
void tinesTypesMatchSchema;

/** ASSUMED seed (DOCUMENTED: team 2, from the sample request). */
export const DEFAULT_TINES_SEED: TinesSeed = {
  teams: [
    { id: 1, name: 'Platform', slug: 'platform' },
    { id: 2, name: 'Security', slug: 'security' },
  ],
  folders: [
    { id: 1, team_id: 2, name: 'API credentials' },
    { id: 2, team_id: 1, name: 'Shared' },
  ],
};
