// Helpers that lowered bodies call through `$sl`: the iteration protocols that a for-of or a
// for-in needs once its body is split across states, and the abstract operations of a
// destructuring pattern that is split (RequireObjectCoercible, ToPropertyKey, CopyDataProperties,
// an iterator that stays open across elements).

/**
 * `call(fn, thisArg, ...args)` calls `fn` with `thisArg` as a method call does, for a call that
 * lowering split (the method read before an await in its arguments). `fn.call(thisArg, …)`
 * would look up `call` on `fn` (an own `call`, a patched Function.prototype.call or a Proxy
 * would see it); this is Function.prototype.call captured at load time, called on `fn`.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const call: (fn: any, thisArg: unknown, ...args: any[]) => any = Function.prototype.call.bind(Function.prototype.call);

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
    const result = call(this.next, this.iterator);
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
  return new IteratorStepper(getIterator(iterable));
}

function getIterator<T>(iterable: Iterable<T>): Iterator<T> {
  const method = (iterable as { [Symbol.iterator]?: () => Iterator<T> })?.[Symbol.iterator];
  if (typeof method !== "function") throw new TypeError(`${describe(iterable)} is not iterable`);
  return iteratorFrom(iterable, method);
}

/** Calls the `Symbol.iterator` method already read from `iterable`; its result must be an object. */
function iteratorFrom<T>(iterable: unknown, method: () => Iterator<T>): Iterator<T> {
  const iterator = call(method, iterable);
  if (iterator === null || (typeof iterator !== "object" && typeof iterator !== "function")) {
    throw new TypeError("Result of the Symbol.iterator method is not an object");
  }
  return iterator;
}

/**
 * IteratorClose: calls `return()` when a for-of is left early. On a throw completion errors
 * from `return()` are swallowed (the original error wins); otherwise they propagate, and a
 * non-object result is a TypeError.
 */
export function closeIterator(stepper: IteratorStepper, throwing: boolean): void {
  iteratorClose(stepper.iterator, throwing);
}

function iteratorClose(iterator: Iterator<unknown>, throwing: boolean): void {
  let result: unknown;
  try {
    const method = (iterator as { return?: () => unknown }).return;
    if (method === undefined || method === null) return;
    result = call(method, iterator);
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

/**
 * The value a hoisted `let`/`const`/`class` binding holds before its declaration runs, for
 * bindings that can be observed in their temporal dead zone. Typed `any` so that a field of
 * any declared type can hold it; nothing outside lowered code ever sees it.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const uninitialized: any = Object.freeze({ uninitialized: true });

/** A read of a TDZ-checked binding: its value, or the ReferenceError V8 throws natively. */
export function tdzRead<T>(value: T, name: string): T {
  if (value === uninitialized) throw new ReferenceError(`Cannot access '${name}' before initialization`);
  return value;
}

/**
 * `x = value` on a TDZ-checked binding: `old` is x read before `value` was evaluated (a
 * binding cannot leave or enter its TDZ while an expression runs), so the throw comes after
 * the right-hand side, as natively.
 */
export function tdzWrite<T>(old: unknown, value: T, name: string): T {
  if (old === uninitialized) throw new ReferenceError(`Cannot access '${name}' before initialization`);
  return value;
}

/**
 * A TDZ-checked binding as a destructuring or for-in/of target (`[x] = v` before `let x` ran):
 * an assignment target whose PutValue checks the binding, so the ReferenceError comes when the
 * element is written (after its value was read), as natively. `read` and `write` reach the binding.
 */
export function tdzTarget<T>(read: () => unknown, write: (value: T) => void, name: string): { value: T } {
  return {
    set value(value: T) {
      if (read() === uninitialized) throw new ReferenceError(`Cannot access '${name}' before initialization`);
      write(value);
    },
  } as { value: T };
}

// ---- super references ------------------------------------------------------------------------
// A lowered method reaches `super[key]` through two accessors its wrapper makes (a reader and a
// writer, see lower/function.ts). These helpers are the forms that need the key more than once:
// it is evaluated once by the caller and passed to both (V8 converts it at each access, too).

/** `super[key]` read by a lowered method. */
export type SuperGet = (key: PropertyKey) => any; // eslint-disable-line @typescript-eslint/no-explicit-any
/** `super[key] = value` by a lowered method; returns `value`. */
export type SuperSet = (key: PropertyKey, value: any) => any; // eslint-disable-line @typescript-eslint/no-explicit-any

/** `super[key] op= v`: reads once, then `apply(old)` evaluates `v` and combines. */
export function superCompound(get: SuperGet, set: SuperSet, key: any, apply: (old: any) => unknown): any { // eslint-disable-line @typescript-eslint/no-explicit-any
  return set(key, apply(get(key)));
}

/** `super[key] ||= v` (`&&=`, `??=`): `value()` runs and is written only when not short-circuited. */
export function superLogical(get: SuperGet, set: SuperSet, key: any, operator: "||" | "&&" | "??", value: () => unknown): any { // eslint-disable-line @typescript-eslint/no-explicit-any
  const old = get(key);
  const skip = operator === "||" ? old : operator === "&&" ? !old : old !== null && old !== undefined;
  return skip ? old : set(key, value());
}

/** `super[key]++` and friends: ToNumeric once, write old ± 1, give the old (postfix) or new value. */
export function superUpdate(get: SuperGet, set: SuperSet, key: any, increment: boolean, prefix: boolean): any { // eslint-disable-line @typescript-eslint/no-explicit-any
  let value = get(key);
  const old = increment ? value++ : value--;
  set(key, value);
  return prefix ? value : old;
}

/** `super[key]` as a destructuring or for-in/of target: writing `.value` writes the property. */
export function superTarget(set: SuperSet, key: any): { value: unknown } { // eslint-disable-line @typescript-eslint/no-explicit-any
  return {
    set value(value: unknown) {
      set(key, value);
    },
  } as { value: unknown };
}

/** `super.tag\`…\``: the tag read through the super reader, called with the method's `this`. */
export function superTag(tag: any, thisArg: unknown): (strings: TemplateStringsArray, ...values: unknown[]) => any { // eslint-disable-line @typescript-eslint/no-explicit-any
  return (strings, ...values) => call(tag, thisArg, strings, ...values);
}

/** `delete super[key]`: the key was evaluated (the argument); then the ReferenceError V8 throws. */
export function superDelete(_key?: unknown): never {
  throw new ReferenceError("Unsupported reference to 'super'");
}

// ---- destructuring ---------------------------------------------------------------------------

/**
 * RequireObjectCoercible for an object pattern: the value, or a TypeError for null and
 * undefined before any key is evaluated. V8 words it from the source text, which the compiler
 * passes when it can print it as V8 does: `source` (the text of the destructured expression)
 * and `key` (the pattern's first literal key); a key without a source is V8's "reading" form
 * (a pattern whose first property has a default, or a nested pattern).
 */
export function coercible<T>(value: T, source?: string, key?: string): T {
  if (value !== null && value !== undefined) return value;
  const is = String(value);
  if (key !== undefined && source === undefined) throw new TypeError(`Cannot read properties of ${is} (reading '${key}')`);
  if (key !== undefined) throw new TypeError(`Cannot destructure property '${key}' of '${source}' as it is ${is}.`);
  throw new TypeError(`Cannot destructure '${source ?? is}' as it is ${is}.`);
}

/** ToPropertyKey: a computed key of a pattern is converted once, right after it is evaluated. */
export function toPropertyKey(key: unknown): PropertyKey {
  if (typeof key === "string" || typeof key === "symbol") return key;
  if (typeof key !== "object" && typeof key !== "function") return String(key);
  // ToPrimitive(key, string) may give a symbol, which String() would describe instead: let a
  // computed property name do the conversion.
  return Reflect.ownKeys({ [key as unknown as PropertyKey]: 0 })[0]!;
}

/**
 * The object of a rest property (`{ a, ...rest } = o`): CopyDataProperties into a fresh object,
 * skipping the keys the pattern named before it. Keys are compared after ToPropertyKey.
 */
export function restOf(source: unknown, excluded: readonly unknown[]): Record<PropertyKey, unknown> {
  const rest: Record<PropertyKey, unknown> = {};
  if (source === null || source === undefined) return rest;
  const from = Object(source) as Record<PropertyKey, unknown>;
  const skip = excluded.map((key) => (typeof key === "symbol" ? key : String(key)));
  for (const key of Reflect.ownKeys(from)) {
    if (skip.includes(key)) continue;
    const descriptor = Reflect.getOwnPropertyDescriptor(from, key);
    if (descriptor === undefined || !descriptor.enumerable) continue;
    // CreateDataProperty: a `__proto__` key (or a setter on Object.prototype) must not be invoked.
    Object.defineProperty(rest, key, { value: from[key], writable: true, enumerable: true, configurable: true });
  }
  return rest;
}

/**
 * The iterator record of an array pattern whose elements are split across states: one
 * IteratorStepValue per element or elision, `rest()` for a rest element, and `close()` for the
 * IteratorClose the pattern owes when it finishes (or is left abruptly) before the iterator is done.
 */
export class PatternIterator {
  /** [[Done]]: set once the iterator finished or one of its steps threw. */
  done = false;
  private readonly next: () => IteratorResult<unknown>;

  constructor(readonly iterator: Iterator<unknown>) {
    this.next = iterator.next;
  }

  /** The next value, or undefined once the iterator is done. */
  step(): unknown {
    if (this.done) return undefined;
    // An abrupt next(), done or value leaves the record done: no IteratorClose follows.
    this.done = true;
    const result = call(this.next, this.iterator);
    if (result === null || (typeof result !== "object" && typeof result !== "function")) {
      throw new TypeError(`Iterator result ${String(result)} is not an object`);
    }
    if (result.done) return undefined;
    const value = result.value;
    this.done = false;
    return value;
  }

  /** The remaining values, as an array (the iterator is done afterwards). */
  rest(): unknown[] {
    const values: unknown[] = [];
    while (!this.done) {
      const value = this.step();
      if (!this.done) values.push(value);
    }
    return values;
  }

  /** IteratorClose unless done; on a throw completion errors from `return()` are ignored. */
  close(throwing: boolean): void {
    if (this.done) return;
    this.done = true;
    iteratorClose(this.iterator, throwing);
  }
}

/**
 * GetIterator for an array pattern. A value that is not iterable is a TypeError worded as V8
 * words it: `message` when the compiler knows V8's text for the source (`value is not
 * iterable`); `null` when V8 has no text and describes the value (`object null is not
 * iterable (cannot …)`); left out, the value as a literal source would read (`5 is not iterable`).
 */
export function destructure(iterable: unknown, message?: string | null): PatternIterator {
  const method = (iterable as { [Symbol.iterator]?: unknown } | null | undefined)?.[Symbol.iterator];
  if (typeof method !== "function") {
    if (message === undefined) throw new TypeError(`${describe(iterable)} is not iterable`);
    throw new TypeError(message ?? `${describeForIteration(iterable)} is not iterable (cannot read property Symbol(Symbol.iterator))`);
  }
  return new PatternIterator(iteratorFrom(iterable, method as () => Iterator<unknown>));
}

/** How V8 names a value it cannot iterate: `object null`, `undefined`, `number 5`, `object`. */
function describeForIteration(value: unknown): string {
  if (value === null) return "object null";
  switch (typeof value) {
    case "undefined": return "undefined";
    case "number": case "boolean": return `${typeof value} ${String(value)}`;
    default: return typeof value;
  }
}
