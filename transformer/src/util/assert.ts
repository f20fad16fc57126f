// Assertions for our own invariants. A failure is a bug in stackless, never a user error:
// user errors are diagnostics (diagnostics.ts).

export class InternalError extends Error {
  override name = "StacklessInternalError";
}

export function assert(condition: unknown, why: string): asserts condition {
  if (!condition) throw new InternalError(`stackless internal error: ${why}`);
}

export function unreachable(value: never, what = "value"): never {
  throw new InternalError(`stackless internal error: unexpected ${what} ${String(value)}`);
}
