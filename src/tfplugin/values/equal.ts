/** Structural equality of known values; an unknown is equal to nothing, not even another unknown. */
import { DynamicValueOf, PreciseNumber, Unknown, type TfValue } from './types';

export function valuesEqual(a: TfValue | undefined, b: TfValue | undefined): boolean {
  if (a instanceof Unknown || b instanceof Unknown) return false;
  if (a === b) return true;
  if (a === null || b === null || a === undefined || b === undefined) return false;
  if (typeof a === 'number' || typeof a === 'bigint' || a instanceof PreciseNumber) {
    return (typeof b === 'number' || typeof b === 'bigint' || b instanceof PreciseNumber) && String(a) === String(b);
  }
  if (typeof a !== 'object' || typeof b !== 'object') return false;
  if (a instanceof DynamicValueOf || b instanceof DynamicValueOf) {
    return a instanceof DynamicValueOf && b instanceof DynamicValueOf && valuesEqual(a.value, b.value);
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((v, i) => valuesEqual(v, b[i]));
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b as object);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => valuesEqual((a as Record<string, TfValue>)[k], (b as Record<string, TfValue>)[k]));
}
