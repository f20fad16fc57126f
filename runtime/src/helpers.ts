// Helpers that lowered bodies call through `$sl`: the iteration protocols that a for-of or a
// for-in needs once its body is split across states.

/** A for-of in progress: the iterator, its cached `next` method, and the current value. */
export class IteratorStepper<T = unknown> {
  value: T = undefined as T;
  private readonly next: () => IteratorResult<T>;

  constructor(readonly iterator: Iterator<T>) {
    const next = iterator.next;
    this.next = next;
  }

  /** IteratorStep: advances; false when done. A non-object result is a TypeError, as natively. */
  step(): boolean {
    const result = this.next.call(this.iterator);
    if (result === null || (typeof result !== "object" && typeof result !== "function")) {
      throw new TypeError(`Iterator result ${String(result)} is not an object`);
    }
    if (result.done) return false;
    this.value = result.value;
    return true;
  }
}

/** GetIterator(iterable, sync) for a for-of. */
export function iterate<T>(iterable: Iterable<T>): IteratorStepper<T> {
  const method = (iterable as { [Symbol.iterator]?: () => Iterator<T> })?.[Symbol.iterator];
  if (typeof method !== "function") throw new TypeError(`${describe(iterable)} is not iterable`);
  const iterator = method.call(iterable);
  if (iterator === null || (typeof iterator !== "object" && typeof iterator !== "function")) {
    throw new TypeError("Result of the Symbol.iterator method is not an object");
  }
  return new IteratorStepper(iterator);
}

/**
 * IteratorClose: calls `return()` when a for-of is left early. On a throw completion errors
 * from `return()` are swallowed (the original error wins); otherwise they propagate, and a
 * non-object result is a TypeError.
 */
export function closeIterator(stepper: IteratorStepper, throwing: boolean): void {
  const iterator = stepper.iterator;
  let result: unknown;
  try {
    const method = (iterator as { return?: () => unknown }).return;
    if (method === undefined || method === null) return;
    result = method.call(iterator);
  } catch (error) {
    if (throwing) return;
    throw error;
  }
  if (throwing) return;
  if (result === null || (typeof result !== "object" && typeof result !== "function")) {
    throw new TypeError(`Iterator result ${String(result)} is not an object`);
  }
}

/** A for-in in progress: keys taken when the loop starts, skipping ones deleted since. */
export class ForInKeys {
  key = "";
  private index = 0;

  constructor(private readonly object: object, private readonly keys: string[]) {}

  next(): boolean {
    while (this.index < this.keys.length) {
      const key = this.keys[this.index++]!;
      if (key in this.object) {
        this.key = key;
        return true;
      }
    }
    return false;
  }
}

/** The keys a native for-in over `object` visits, in its order. */
export function forIn(object: unknown): ForInKeys {
  const keys: string[] = [];
  if (object === null || object === undefined) return new ForInKeys({}, keys);
  const target = Object(object) as object;
  for (const key in target) keys.push(key);
  return new ForInKeys(target, keys);
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (typeof value === "function") return value.name || "function";
  return typeof value === "object" ? "object" : String(value);
}
