/**
 * How a message names the construct it is about: `[stack/credential] text`, the form cdktf gives
 * each validation error at synth (props problems recorded with `addPropsValidation`). Warnings
 * (`Annotations`) are recorded on the construct itself, and carry its path already. Nothing else in
 * credform's constructs forms a construct path.
 */
import { Node, type IConstruct } from 'constructs';

/** `[path] text`, for a message about `construct` that is not reported through synth's validations (e.g. an error thrown at once). */
export function atConstruct(construct: IConstruct, text: string): string {
  return `[${Node.of(construct).path}] ${text}`;
}
