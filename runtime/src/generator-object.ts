// Building blocks the two generator drivers share to make their objects look native: private
// state stamped onto an object of any prototype, the once-only setup mark on a lowered
// generator function, and prototype-method descriptors. Internal: not re-exported by index.ts.

/**
 * Gives any object the private fields of a subclass: a base constructor that returns `target`,
 * so `new (class extends Stamp { #x })(target)` installs `#x` on `target` itself. Private fields
 * are invisible to reflection (`Reflect.ownKeys`, proxies), as a native generator's internal
 * slots are.
 */
export class Stamp {
  constructor(target: object) {
    return target;
  }
}

/** Marks functions that a `*Function` setup has already prepared, so setup happens once. */
class SetUpMark extends Stamp {
  #setUp = true;

  static has(fn: object): boolean {
    return #setUp in fn;
  }
}

/**
 * Prepares `fn` once: sets its [[Prototype]] to `functionPrototype` (%GeneratorFunction.prototype%
 * or %AsyncGeneratorFunction.prototype%) and `fn.prototype` to a fresh object inheriting from
 * `instancePrototype` with the driver's methods as own non-enumerable properties.
 */
export function setUpGeneratorFunction(
  fn: Function,
  functionPrototype: object,
  instancePrototype: object,
  methods: PropertyDescriptorMap,
  name?: string,
): void {
  // An anonymous generator expression is lowered as a named function (it must refer to
  // itself): `name` restores the name it would have had.
  if (name !== undefined) Object.defineProperty(fn, "name", { value: name, configurable: true });
  if (SetUpMark.has(fn)) return;
  Object.setPrototypeOf(fn, functionPrototype);
  // A lowered method has no own `prototype` (it is not a constructor); a native generator
  // method has one, writable and neither enumerable nor configurable.
  Object.defineProperty(fn, "prototype", {
    value: Object.create(instancePrototype, methods),
    writable: true,
    enumerable: false,
    configurable: false,
  });
  new SetUpMark(fn);
}

/** True once `setUpGeneratorFunction` has prepared `fn`. */
export function isSetUp(fn: Function): boolean {
  return SetUpMark.has(fn);
}

/** Property descriptors that install `methods` the way built-in prototype methods are: non-enumerable. */
export function methodDescriptors(methods: object): PropertyDescriptorMap {
  const descriptors = Object.getOwnPropertyDescriptors(methods);
  for (const key of Object.keys(descriptors)) descriptors[key]!.enumerable = false;
  return descriptors;
}

/**
 * The [[Prototype]] for a new generator object of `fn`: `fn.prototype` read at call time, as
 * OrdinaryCreateFromConstructor does, or `fallback` when that is not an object.
 */
export function instancePrototypeOf(fn: Function, fallback: object): object {
  const prototype = (fn as { prototype?: unknown }).prototype;
  return prototype !== null && (typeof prototype === "object" || typeof prototype === "function") ? prototype : fallback;
}

/** Names a receiver in "incompatible receiver" errors, roughly as V8 does. */
export function describeReceiver(value: unknown): string {
  if (value === null || (typeof value !== "object" && typeof value !== "function"))
    return typeof value === "symbol" ? value.toString() : String(value);
  return typeof value === "function" ? `function ${value.name}` : "#<Object>";
}
