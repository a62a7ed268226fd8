/**
 * Lookups the plan-time checks make (does the team exist, which names does it hold, which team slugs
 * exist), cached for the life of one provider process. Terraform starts one process per plan or
 * apply and plans every resource in it, so ten credentials in one team cost one listing, not ten.
 *
 * What makes this safe: entries only live as long as one command; a write this process makes to a
 * team's credentials (create, update, delete) drops that team's listing, so a re-plan during apply
 * never judges a name against a listing older than its own writes; a failed lookup is not kept.
 */
import type { TinesClient, TinesCredential, TinesTeam } from './client';

export class TinesDirectory {
  private readonly teams = new Map<number, Promise<TinesTeam | null>>();
  private readonly credentials = new Map<number, Promise<TinesCredential[]>>();
  private allTeams: Promise<TinesTeam[]> | undefined;

  constructor(private readonly api: TinesClient) {}

  /** The team, or null when Tines has none with that id. */
  team(id: number, signal?: AbortSignal): Promise<TinesTeam | null> {
    return this.cached(this.teams, id, () => this.api.getTeam(id, signal));
  }

  /** Every team (for checking `shared_team_slugs`). */
  teamList(signal?: AbortSignal): Promise<TinesTeam[]> {
    if (!this.allTeams) {
      const p = this.api.listTeams(signal);
      this.allTeams = p;
      p.catch(() => {
        if (this.allTeams === p) this.allTeams = undefined;
      });
    }
    return this.allTeams;
  }

  /** Every credential of a team, all pages. */
  credentialsOf(teamId: number, signal?: AbortSignal): Promise<TinesCredential[]> {
    return this.cached(this.credentials, teamId, () => this.api.listCredentials(teamId, signal));
  }

  /** Called after this process wrote to a team's credentials. */
  forget(teamId: number): void {
    this.credentials.delete(teamId);
  }

  private cached<K, V>(map: Map<K, Promise<V>>, key: K, load: () => Promise<V>): Promise<V> {
    const hit = map.get(key);
    if (hit) return hit;
    const p = load();
    map.set(key, p);
    p.catch(() => {
      if (map.get(key) === p) map.delete(key);
    });
    return p;
  }
}
