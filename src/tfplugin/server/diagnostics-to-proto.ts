/** Our collected diagnostics in the protocol's shape. */
import type { AttributePath, Diagnostic } from '../diagnostics';
import type { AttributePath as ProtoAttributePath, Diagnostic as ProtoDiagnostic } from '../protocol/types';

const SEVERITY = { error: 1, warning: 2 } as const;

export function pathToProto(path: AttributePath): ProtoAttributePath {
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

export function diagnosticsToProto(items: readonly Diagnostic[]): ProtoDiagnostic[] {
  return items.map((d) => ({
    severity: SEVERITY[d.severity],
    summary: d.summary,
    detail: d.detail ?? '',
    ...(d.path && d.path.length ? { attribute: pathToProto(d.path) } : {}),
  }));
}
