import { formatPath } from '../diagnostics';

/**
 * The one error the value codecs throw: it names where in the value the problem is, so that the
 * server can turn it into a diagnostic pointing at the attribute.
 */

/**
 * One step of a value path: an object attribute (string), a list/set/tuple index (number) or a map
 * key (`{ key }`). Structurally the same as `PathStep` in ../diagnostics.
 */
export type ValuePathStep = string | number | { readonly key: string };
export type ValuePath = readonly ValuePathStep[];

export class ValueError extends Error {
  override readonly name = 'ValueError';
  /** Where the problem is: [] for the value as a whole. */
  readonly path: ValuePathStep[];
  /** The problem without the path. `message` is `reason` preceded by the path when there is one. */
  readonly reason: string;

  constructor(path: ValuePath, reason: string) {
    super(path.length ? `${formatValuePath(path)}: ${reason}` : reason);
    this.path = path.slice();
    this.reason = reason;
  }
}

/** The path as a Terraform user writes it: `settings["jira_user"]`, `ip_list[2].port`. */
export const formatValuePath: (path: ValuePath) => string = formatPath;
