/**
 * Creating a vendor object so that an interrupted or ambiguous create neither doubles it nor leaves
 * it unmanaged — one mechanism for every vendor, fed by the vendor's hooks (its folder's
 * `create-recovery.ts`): "find by natural key" and "matches what was sent".
 *
 * 1. Where the natural key is not unique (DX settings, OX names), what it holds is listed before the
 *    create is sent, so that an object already there is never taken for the new one.
 * 2. Left behind by an interrupted apply (see ./adoption.ts): an object under the natural key with
 *    exactly the configured settings is adopted — looked for before sending where the vendor would
 *    make a duplicate, or when the vendor refuses the create because the key is taken.
 * 3. The create's answer is lost (connection dropped after sending, a gateway timeout): the natural
 *    key is looked up again. Exactly one new object matching what was sent is the one made: adopted.
 *    None at all: the create did not happen. Others: reported, never adopted.
 */
import type { Diagnostics } from '../tfplugin/diagnostics';
import { now } from '../clock';
import type { Connections } from './connections';
import { adoptedBefore, recordAdoption } from './adoption';
import { AmbiguousRequestError } from './http';
import type { Vendor } from './vendor';

export interface CreateRecovery<T> {
  readonly vendor: Vendor;
  /** What is being created, for messages: `credential "ci" in team 2`. */
  readonly subject: string;
  /** `credential` (default), or `credentials` where the vendor says so (OX). */
  readonly noun?: string;
  /** The attribute a "key taken by something else" error points at (`name`, `username`). */
  readonly keyAttribute: string;
  /** The vendor's id of an object; adoption is recorded by it. */
  idOf(found: T): string;
  /** The id `terraform import` takes for an object, for messages telling the user to import it. */
  importId(found: T): string;
  /** Sends the create. Throws the vendor's error; `AmbiguousRequestError` when the answer was lost. */
  send(): Promise<T>;
  /** The objects under the natural key now (the name in the team, the username in the project, …). */
  findByNaturalKey(): Promise<readonly T[]>;
  /** True when `found` holds exactly what was sent. `sentAt`: when the create was sent (ms, on the clock). */
  matchesSent(found: T, sentAt: number): boolean;
  /** List the natural key before sending (step 1): where it is not unique. */
  readonly listsBefore?: boolean;
  /** Step 2, where the vendor allows adopting (OX, which cannot change a secret, supersedes instead). */
  readonly leftBehind?: LeftBehind<T>;
  /** Reports a failed call in the vendor's words; `extra` is one more sentence. */
  report(diags: Diagnostics, error: unknown, extra?: string): void;
  /** One more sentence for the warning after a lost answer (what was lost with it). */
  readonly lostAnswerNote?: string;
}

export interface LeftBehind<T> {
  /** Look before sending, or when a refusal says the key is taken (the predicate tells). */
  readonly when: 'before-create' | ((refusal: unknown) => boolean);
  /** Whether an object under the key qualifies: exactly the configured settings, made recently, … */
  qualifies(found: T): boolean;
  /** Makes it this resource's (sends it the configured secret); reports its own errors; undefined if it failed. */
  adopt(found: T): Promise<T | undefined>;
  /** What adopting did, for the warning: `the configured value was sent to it`. */
  readonly how: string;
  /** When the object was created, for the warning. */
  createdAt?(found: T): string | null | undefined;
}

export interface Created<T> {
  readonly value: T;
  /** How it was obtained: the create's answer, a lookup after a lost answer, or adoption at create. */
  readonly via: 'answer' | 'lost-answer' | 'left-behind';
}

export async function createOrRecover<T>(r: CreateRecovery<T>, connections: Connections | undefined, diags: Diagnostics): Promise<Created<T> | undefined> {
  const name = r.vendor.displayName;
  const noun = r.noun ?? 'credential';
  const adoptable = (found: T) => !adoptedBefore(connections, r.vendor.id, r.idOf(found));

  const adoptLeftBehind = async (left: LeftBehind<T>, found: T, instead: string): Promise<Created<T> | undefined> => {
    const adopted = await left.adopt(found);
    if (adopted === undefined) return undefined;
    recordAdoption(connections, r.vendor.id, r.idOf(found));
    const created = left.createdAt?.(found);
    diags.addWarning(
      `${name} ${noun} adopted`,
      `${name} already holds the ${r.subject} (ID ${r.importId(found)}${created ? `, created ${created}` : ''}) with exactly the configured settings, most likely made by an apply that was interrupted before it could record it. It was adopted instead of ${instead}, and ${left.how}.`,
    );
    return { value: adopted, via: 'left-behind' };
  };
  const pickLeftBehind = (left: LeftBehind<T>, found: readonly T[]) => {
    const candidates = found.filter((c) => left.qualifies(c) && adoptable(c));
    return candidates.length === 1 ? candidates[0] : undefined;
  };

  let before: ReadonlySet<string> = new Set();
  const left = r.leftBehind;
  if (r.listsBefore || left?.when === 'before-create') {
    let existing: readonly T[];
    try {
      existing = await r.findByNaturalKey();
    } catch (e) {
      r.report(diags, e);
      return undefined;
    }
    before = new Set(existing.map(r.idOf));
    const found = left?.when === 'before-create' ? pickLeftBehind(left, existing) : undefined;
    if (left && found !== undefined) return adoptLeftBehind(left, found, 'creating a duplicate');
  }

  const sentAt = now();
  try {
    return { value: await r.send(), via: 'answer' };
  } catch (e) {
    if (e instanceof AmbiguousRequestError) return recoverLostAnswer(r, e, before, sentAt, adoptable, connections, diags);
    if (left && typeof left.when === 'function' && left.when(e)) {
      const holders = await r.findByNaturalKey().catch((): readonly T[] => []);
      const found = pickLeftBehind(left, holders);
      if (found !== undefined) return adoptLeftBehind(left, found, 'failing on the taken key');
      const holder = holders[0];
      r.report(diags, e, holder === undefined ? undefined : `The ${noun} holding it has ID ${r.importId(holder)}.`);
      return undefined;
    }
    r.report(diags, e);
    return undefined;
  }
}

async function recoverLostAnswer<T>(
  r: CreateRecovery<T>,
  lost: AmbiguousRequestError,
  before: ReadonlySet<string>,
  sentAt: number,
  adoptable: (found: T) => boolean,
  connections: Connections | undefined,
  diags: Diagnostics,
): Promise<Created<T> | undefined> {
  const name = r.vendor.displayName;
  const noun = r.noun ?? 'credential';
  const what = `${name}'s answer to the create of the ${r.subject} was lost (${lost.detail})`;
  let now: readonly T[];
  try {
    now = await r.findByNaturalKey();
  } catch (e) {
    diags.addError(
      `${name} create outcome unknown`,
      `${what}, and looking it up afterwards failed too. Check ${name} for it: if it exists, import it (\`terraform import <resource address> <id>\`); otherwise run terraform apply again.`,
    );
    r.report(diags, e);
    return undefined;
  }
  const fresh = now.filter((c) => !before.has(r.idOf(c)) && adoptable(c));
  const matching = fresh.filter((c) => r.matchesSent(c, sentAt));
  if (matching.length === 1) {
    const made = matching[0]!;
    recordAdoption(connections, r.vendor.id, r.idOf(made));
    diags.addWarning(
      `${name} create answer lost; ${noun} adopted`,
      `${what}. Looking it up found the ${r.subject} it made (ID ${r.importId(made)}) with exactly what was sent, so it was recorded in state instead of creating another.${r.lostAnswerNote ? ` ${r.lostAnswerNote}` : ''}`,
    );
    return { value: made, via: 'lost-answer' };
  }
  if (matching.length > 1) {
    diags.addError(
      `${name} create outcome ambiguous`,
      `${what}, and ${matching.length} new ${noun}s match it (${matching.map((c) => r.importId(c)).join(', ')}): another writer is creating the same ${noun}. Import the right one (\`terraform import <resource address> <id>\`) and delete the others in ${name}.`,
    );
    return undefined;
  }
  if (fresh.length === 0) {
    diags.addError(`${name} create did not happen`, `${what}, and looking it up afterwards found no ${r.subject}: nothing was created and nothing was stored. Run terraform apply again.`);
    return undefined;
  }
  diags.addAttributeError(
    [r.keyAttribute],
    `${name} create outcome unknown`,
    `${what}. Afterwards ${name} holds ${fresh.map((c) => r.importId(c)).join(', ')} under the same ${r.keyAttribute}, which does not match what was sent, so it was not adopted. If it is the one this apply made, import it: \`terraform import <resource address> ${r.importId(fresh[0]!)}\`.`,
  );
  return undefined;
}
