/**
 * Seed data: what the simulators hold at start. A seed file is one JSON object with an optional
 * part per vendor, each in that vendor's store format (see docs/simulators.md); a vendor left out
 * gets its default seed.
 */
import * as fs from 'node:fs';
import { z } from 'zod';
import { apinizerStateSchema, type ApinizerSeed } from './apinizer/state';
import { dxStateSchema, type DxSeed } from './dx/state';
import { oxStateSchema, type OxSeed } from './ox/state';
import type { VendorName } from './store-file';
import { tinesStateSchema, type TinesSeed } from './tines/state';

export interface SeedData {
  readonly dx?: DxSeed;
  readonly apinizer?: ApinizerSeed;
  readonly ox?: OxSeed;
  readonly tines?: TinesSeed;
}

const vendorSchemas: Record<VendorName, z.ZodType> = {
  dx: dxStateSchema,
  apinizer: apinizerStateSchema,
  ox: oxStateSchema,
  tines: tinesStateSchema,
};

/** Checks a seed (every part against its vendor's schema) and returns it; throws naming the bad field. */
export function parseSeed(value: unknown, source = 'seed'): SeedData {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`${source}: expected a JSON object with optional "dx", "apinizer", "ox", "tines" parts`);
  }
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!(key in vendorSchemas)) throw new Error(`${source}: unknown part "${key}" (expected dx, apinizer, ox, tines)`);
  }
  for (const [vendor, schema] of Object.entries(vendorSchemas)) {
    if (record[vendor] === undefined) continue;
    const result = schema.safeParse(record[vendor]);
    if (!result.success) throw new Error(`${source}: invalid "${vendor}" part:\n${z.prettifyError(result.error)}`);
  }
  return record as SeedData;
}

export function loadSeedFile(filePath: string): SeedData {
  return parseSeed(readJsonFile(filePath, 'seed file'), `seed file ${filePath}`);
}

export function readJsonFile(filePath: string, what: string): unknown {
  let source: string;
  try {
    source = fs.readFileSync(filePath, 'utf8');
  } catch (err) {
    throw new Error(`cannot read ${what} ${filePath}: ${(err as Error).message}`);
  }
  try {
    return JSON.parse(source) as unknown;
  } catch (err) {
    throw new Error(`${what} ${filePath} is not valid JSON: ${(err as Error).message}`);
  }
}
