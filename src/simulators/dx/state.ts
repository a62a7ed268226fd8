/**
 * The DX store: connections and credentials. The same schema reads a seed (defaults filled in) and
 * a state file (everything present).
 */
import { z } from 'zod';
import { seededAt } from '../seed-time';
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

export type DxSeed = z.input<typeof dxStateSchema>;
export type DxState = z.output<typeof dxStateSchema>;
export type DxConnection = z.output<typeof dxConnectionSchema>;
export type DxCredential = z.output<typeof dxCredentialSchema>;

/** ASSUMED seed (DOCUMENTED: connection 123 is the examples' Jira Cloud connection). */
export const DEFAULT_DX_SEED: DxSeed = {
  connections: [
    { id: 123, type: 'jira_cloud', name: 'Jira Cloud', supports_multiple_credentials: true },
    { id: 124, type: 'github', name: 'GitHub', supports_multiple_credentials: false },
    { id: 125, type: 'linear', name: 'Linear', supports_multiple_credentials: true },
  ],
};
