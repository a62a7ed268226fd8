/** Our collected diagnostics in the protocol's shape. */
import type { AttributePath, Diagnostic } from '../diagnostics';

const SEVERITY = { error: 1, warning: 2 } as const;

export function pathToProto(path: AttributePath): { steps: object[] } {
  return {
    steps: path.map((step) =>
      typeof step === 'string'
        ? { attribute_name: step }
        : typeof step === 'number'
          ? { element_key_int: step }
          : { element_key_string: step.key },
    ),
  };
}

export function diagnosticsToProto(items: readonly Diagnostic[]): object[] {
  return items.map((d) => ({
    severity: SEVERITY[d.severity],
    summary: d.summary,
    detail: d.detail ?? '',
    ...(d.path && d.path.length ? { attribute: pathToProto(d.path) } : {}),
  }));
}
