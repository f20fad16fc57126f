// The spec-mode generator driver: turns a machine into an object that behaves as the native
// generator object the lowered `function*` would have returned (prototype chain, brand,
// `next`/`throw`/`return`, newborn / running / completed states).
//
// Emitted shape (design.md §3):
//     function g(a) { return $sl.generator(new G$Machine(this, a), g); }
//     $sl.generatorFunction(g);                       // once, where `g` is defined
//
// Where the methods live: native generator objects and `g.prototype` have no own properties,
// and `next` comes from %GeneratorPrototype%, whose native `next` rejects any object that is not
// a native generator. So `g.prototype` gets own, non-enumerable `next`, `return` and `throw`
// (the one observable difference: `Object.getOwnPropertyNames(g.prototype)` lists them; pinned
// in test/runtime-generators/identity.test.ts), its [[Prototype]] stays %GeneratorPrototype%,
// and the driver state lives in private fields stamped onto the instance, which reflection
// cannot see. (An intermediate prototype would break `getPrototypeOf(g.prototype)`; methods on
// each instance would show as own keys and cost three stores per call.)
//
// Invariants:
//  1. A machine is resumed only from SuspendedStart (with `Next`) or SuspendedYield; the driver,
//     not the machine, answers for newborn, running and completed generators (spec 27.5.3).
//  2. While `resume` runs the status is Running, so a re-entrant `next`/`throw`/`return` throws
//     a TypeError and never reaches the machine.
//  3. A finished generator drops its machine, so its locals can be collected.

import { describeReceiver, instancePrototypeOf, isSetUp, methodDescriptors, setUpGeneratorFunction, Stamp } from "./generator-object.js";
import { Machine, ResumeKind, Step } from "./protocol.js";

/** %GeneratorFunction.prototype%, the [[Prototype]] of every native generator function. */
const GeneratorFunctionPrototype: object = Object.getPrototypeOf(function* () {});
/** %GeneratorPrototype% (%GeneratorFunction.prototype.prototype%). */
const GeneratorPrototype: object = Object.getPrototypeOf(function* () {}.prototype);

const enum GeneratorStatus {
  SuspendedStart,
  SuspendedYield,
  Running,
  Completed,
}

/**
 * The driver state of one generator object. One class for every generator, so the hot path
 * stays monomorphic even when a call site sees generators of many functions (whose objects
 * all have different maps, as their prototypes differ).
 */
class GeneratorDriver {
  machine: Machine | undefined;
  status: GeneratorStatus;

  constructor(machine: Machine) {
    this.machine = machine;
    this.status = GeneratorStatus.SuspendedStart;
  }

  /** GeneratorResume / GeneratorResumeAbrupt for one consumer call (spec 27.5.3.3-4). */
  resume(kind: ResumeKind, input: unknown): IteratorResult<unknown> {
    switch (this.status) {
      case GeneratorStatus.Running:
        throw new TypeError("Generator is already running");
      case GeneratorStatus.Completed:
        if (kind === ResumeKind.Throw) throw input;
        return { value: kind === ResumeKind.Return ? input : undefined, done: true };
      case GeneratorStatus.SuspendedStart:
        // A newborn generator completes without running its body on return() and throw().
        if (kind !== ResumeKind.Next) {
          this.finish();
          if (kind === ResumeKind.Throw) throw input;
          return { value: input, done: true };
        }
    }
    const machine = this.machine!;
    this.status = GeneratorStatus.Running;
    let step: Step;
    try {
      step = machine.resume(kind, input);
      // A spent check point cannot give the host a turn from a synchronous next(): go on.
      while (step === Step.Preempt) step = machine.resume(ResumeKind.Next, undefined);
    } catch (error) {
      this.finish();
      throw error;
    }
    switch (step) {
      case Step.Yield:
        this.status = GeneratorStatus.SuspendedYield;
        return { value: machine.value, done: false };
      case Step.YieldDelegated:
        this.status = GeneratorStatus.SuspendedYield;
        return machine.value as IteratorResult<unknown>;
      case Step.Return: {
        const value = machine.value;
        this.finish();
        return { value, done: true };
      }
      default:
        this.finish();
        throw new TypeError(`stackless: a generator's machine returned step ${step}`);
    }
  }

  private finish(): void {
    this.status = GeneratorStatus.Completed;
    this.machine = undefined;
  }
}

/**
 * Stamps the one private field, the driver, onto a generator object: a single define per
 * object and a single (possibly megamorphic) private load per call.
 */
class GeneratorObject extends Stamp {
  #driver: GeneratorDriver;

  constructor(target: object, driver: GeneratorDriver) {
    super(target);
    this.#driver = driver;
  }

  /** The driver of `generator`, or the TypeError native methods throw for a foreign receiver. */
  static driverOf(generator: unknown, method: string): GeneratorDriver {
    try {
      return (generator as GeneratorObject).#driver;
    } catch {
      throw new TypeError(`${method} method called on incompatible receiver ${describeReceiver(generator)}`);
    }
  }
}

const driverOf = GeneratorObject.driverOf;

/**
 * The generator methods every lowered generator shares, as own non-enumerable properties of
 * each `g.prototype` (names and lengths as on %GeneratorPrototype%).
 */
const generatorMethods = {
  next(value: unknown): IteratorResult<unknown> {
    return driverOf(this, "next").resume(ResumeKind.Next, value);
  },
  return(value: unknown): IteratorResult<unknown> {
    return driverOf(this, "return").resume(ResumeKind.Return, value);
  },
  throw(exception: unknown): IteratorResult<unknown> {
    return driverOf(this, "throw").resume(ResumeKind.Throw, exception);
  },
};
const generatorMethodDescriptors = methodDescriptors(generatorMethods);

/**
 * Used when `g.prototype` is not an object at call time: natively the object then inherits
 * from %GeneratorPrototype% directly (OrdinaryCreateFromConstructor); ours must still find
 * the shared methods.
 */
const fallbackGeneratorPrototype: object = Object.create(GeneratorPrototype, generatorMethodDescriptors);

/**
 * Makes a lowered generator's wrapper look like the native generator function: its
 * [[Prototype]] becomes %GeneratorFunction.prototype% and `fn.prototype` a fresh object
 * inheriting from %GeneratorPrototype%. Idempotent; returns `fn`.
 *
 * @example
 * function count(n) { return $sl.generator(new Count$Machine(this, n), count); }
 * $sl.generatorFunction(count);
 * [...count(3)];   // as with the native `function* count(n)`
 */
export function generatorFunction<F extends Function>(fn: F, name?: string): F {
  setUpGeneratorFunction(fn, GeneratorFunctionPrototype, GeneratorPrototype, generatorMethodDescriptors, name);
  return fn;
}

/**
 * Wraps `machine` in a generator object of the lowered generator function `fn` (its
 * [[Prototype]] is `fn.prototype`, read now, as natively). The body runs on the first `next`.
 */
export function generator<T = unknown, TReturn = unknown, TNext = unknown>(machine: Machine, fn: Function): Generator<T, TReturn, TNext> {
  if (!isSetUp(fn)) generatorFunction(fn);
  const target = Object.create(instancePrototypeOf(fn, fallbackGeneratorPrototype)) as object;
  return new GeneratorObject(target, new GeneratorDriver(machine)) as unknown as Generator<T, TReturn, TNext>;
}
