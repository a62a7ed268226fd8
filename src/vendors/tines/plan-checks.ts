/**
 * What can be checked against Tines before anything changes, so a pull-request plan already shows
 * it: the team exists, the name is free in it (every page of the team's credentials), the shared
 * team slugs name teams, and a live credential exists in the same team. Each check runs only when
 * its inputs are known and changing; values not known yet are judged at apply by Tines itself.
 */
import type { Diagnostics } from '../../tfplugin/diagnostics';
import type { PlanRequest, State } from '../../tfplugin/resource';
import { readKnownModel } from '../../tfplugin/schema/model';
import { isWhollyKnown } from '../../tfplugin/schema/validate';
import { valuesEqual } from '../../tfplugin/values/equal';
import { createdRecently } from '../adoption';
import type { TinesClient } from './client';
import type { TinesDirectory } from './directory';
import { reportError } from './errors';
import { createFields, idText, matchesSent } from './mapping';
import { textCredentialAttributes, type TextCredentialModel } from './schema';

export interface PlanCheckInput {
  readonly api: TinesClient;
  readonly directory: TinesDirectory;
  readonly req: PlanRequest<unknown>;
  /** Credential ids that are this resource's own (its current id; the one a replacement destroys). */
  readonly ownIds: readonly string[];
  readonly valueAttribute: string;
}

/** What a create sends besides the value (`createFields`): all must be known to compare. */
const SENT = ['name', 'team_id', 'folder_id', 'read_access', 'shared_team_slugs', 'description', 'metadata', 'allowed_hosts'] as const;

/**
 * The plan's wholly known values as the model; what is not known yet (another resource's ID, a set
 * with an element to come) reads as null, as not set: Tines judges it at apply.
 */
export async function checkAgainstTines({ api, directory, req, ownIds, valueAttribute }: PlanCheckInput): Promise<void> {
  const { plan, priorState: prior, diagnostics: diags, signal } = req;
  const changing = (name: string) => prior === null || !valuesEqual(plan[name] ?? null, prior[name] ?? null);
  const known = readKnownModel(textCredentialAttributes, plan);
  const teamId = known.team_id ?? undefined;
  const name = known.name ?? undefined;
  const liveId = known.live_credential_id ?? undefined;

  try {
    let teamName: string | undefined;
    if (teamId !== undefined && (changing('team_id') || changing('name'))) {
      const team = await directory.team(teamId, signal);
      if (!team) {
        diags.addAttributeError(['team_id'], 'Tines team not found', `Tines has no team with ID ${teamId} (GET /api/v1/teams/${teamId} answered 404). Use the ID of an existing team: it is in the team's URL in Tines.`);
        return;
      }
      teamName = team.name;
    }

    // On the raw plan: the slugs known so far are checked even while others are still to come.
    const slugs = plan.shared_team_slugs;
    if (Array.isArray(slugs) && changing('shared_team_slugs')) {
      await checkSlugs(directory, slugs.filter((s): s is string => typeof s === 'string'), diags, signal);
    }

    if (liveId !== undefined && changing('live_credential_id')) {
      const live = await api.getCredential(liveId, signal);
      if (!live) {
        diags.addAttributeError(['live_credential_id'], 'Live credential not found', `Tines has no credential with ID ${liveId} to attach this test credential to.`);
      } else if (teamId !== undefined && live.team_id !== teamId) {
        diags.addAttributeError(['team_id'], 'Test credential in another team', `The live credential ${liveId} ("${live.name}") is in team ${live.team_id}; its test credential must name the same team (team_id = ${live.team_id}).`);
      }
      return; // a test credential takes the live credential's name: no name of its own to check
    }

    if (teamId !== undefined && name !== undefined && liveId === undefined && (changing('name') || changing('team_id'))) {
      const taken = (await directory.credentialsOf(teamId, signal)).find((c) => c.name === name && !ownIds.includes(idText(c.id)));
      // A first create finding a recent credential with exactly its settings: one an interrupted
      // apply left behind, adopted at apply (see ../adoption.ts).
      const leftBehind =
        taken &&
        prior === null &&
        SENT.every((k) => isWhollyKnown(plan[k] ?? null)) &&
        matchesSent(taken, createFields(known, '')) &&
        createdRecently(taken.created_at);
      if (taken && leftBehind) {
        diags.addAttributeWarning(
          ['name'],
          'Credential with this name and these settings already exists',
          `Team ${teamName ? `"${teamName}" (${teamId})` : teamId} already has a credential named "${name}" (ID ${taken.id}, created ${taken.created_at}) with exactly the configured settings, most likely made by an apply that was interrupted before it could record it. The apply adopts it and sends it the configured value, instead of failing on the taken name.`,
        );
      } else if (taken) {
        diags.addAttributeError(
          ['name'],
          'Credential name already taken',
          `Team ${teamName ? `"${teamName}" (${teamId})` : teamId} already has a credential named "${name}" (ID ${taken.id}). Names are unique within a team: choose another name, or bring the existing credential under Terraform with \`terraform import <resource address> ${taken.id}\`.`,
        );
      }
    }
  } catch (e) {
    reportError(diags, e, { action: 'check', subject: `credential "${name ?? '?'}" in team ${teamId ?? '?'}`, valueAttribute });
  }
}

async function checkSlugs(directory: TinesDirectory, slugs: string[], diags: Diagnostics, signal: AbortSignal): Promise<void> {
  const teams = await directory.teamList(signal);
  const existing = new Set(teams.map((t) => t.slug));
  const missing = slugs.filter((s) => !existing.has(s));
  if (missing.length > 0) {
    diags.addAttributeError(
      ['shared_team_slugs'],
      'Unknown team slug',
      `No Tines team has the slug ${missing.map((s) => `"${s}"`).join(', ')}. Existing slugs: ${[...existing].sort().map((s) => `"${s}"`).join(', ') || 'none'}.`,
    );
  }
}
