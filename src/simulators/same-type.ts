/**
 * The store and fault types of `credform/testing` are spelled out as interfaces, so that its public
 * API names no zod schema; each is checked at compile time against its schema with this.
 */

/** `true` when A and B are the same type (optional and readonly alike), `false` otherwise. */
export type SameType<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
