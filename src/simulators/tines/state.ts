/** The Tines store: teams, folders and TEXT credentials. */
import { z } from 'zod';
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

export type TinesSeed = z.input<typeof tinesStateSchema>;
export type TinesState = z.output<typeof tinesStateSchema>;
export type TinesCredential = z.output<typeof tinesCredentialSchema>;

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
