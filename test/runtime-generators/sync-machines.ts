// Sync generators written twice: natively, and as the machine the transformer emits for them
// (the `switch (state)` in `resume`, locals copied in and saved before each suspension, try
// regions resolved in the `catch` by state ranges, completion records t1/t2 for `finally`:
// 0 normal, 1 throw, 2 return, 3 jump). Each lowered wrapper goes through `$sl.generator`.

import * as $sl from "../../runtime/src/index.js";
import type { Log } from "./trace.js";

// ---------------------------------------------------------------------------------------------
// [source]
//     function* guarded(log) {
//       log("body");
//       try {
//         const a = yield 1;              // Yield0
//         log("a", a);
//         yield 2;                        // Yield1
//         log("body end");
//       } catch (e) {
//         log("caught", e);
//         yield "from catch";             // Yield2
//       } finally {
//         log("finally");
//         const f = yield "from finally"; // Yield3
//         log("finally got", f);
//       }
//       log("after");
//       return "ret";
//     }

export function* guardedNative(log: Log): Generator<unknown, string, unknown> {
  log("body");
  try {
    const a = yield 1;
    log("a", a);
    yield 2;
    log("body end");
  } catch (e) {
    log("caught", e);
    yield "from catch";
  } finally {
    log("finally");
    const f = yield "from finally";
    log("finally got", f);
  }
  log("after");
  return "ret";
}

const enum Guarded$State {
  Start,
  Yield0,
  Yield1,
  Catch0,
  Yield2,
  Finally0,
  Yield3,
  TryExit0,
}

class Guarded$Machine extends $sl.Machine<string> {
  t0!: any;
  t1!: any;
  t2!: any;
  constructor(readonly log: Log) {
    super();
  }
  resume(kind: $sl.ResumeKind, input: any): $sl.Step {
    let state: number = this.state,
      log: any = this.log,
      t0: any = this.t0,
      t1: any = this.t1,
      t2: any = this.t2,
      a: any,
      e: any,
      f: any;
    dispatch: for (;;) {
      try {
        switch (state) {
          // guarded(log) @ 1:1
          case Guarded$State.Start:
            log("body");
            this.state = Guarded$State.Yield0;
            return this.yield(1);
          // yield 1 @ 4:15
          case Guarded$State.Yield0:
            if (kind === 1 /* ResumeKind.Throw */) throw input;
            if (kind === 2 /* ResumeKind.Return */) {
              t1 = 2;
              t2 = input;
              state = Guarded$State.Finally0;
              continue dispatch;
            }
            a = input;
            log("a", a);
            this.state = Guarded$State.Yield1;
            return this.yield(2);
          // yield 2 @ 6:5
          case Guarded$State.Yield1:
            if (kind === 1 /* ResumeKind.Throw */) throw input;
            if (kind === 2 /* ResumeKind.Return */) {
              t1 = 2;
              t2 = input;
              state = Guarded$State.Finally0;
              continue dispatch;
            }
            log("body end");
            t1 = 0;
            state = Guarded$State.Finally0;
            continue;
          // catch (e) @ 8:5
          case Guarded$State.Catch0:
            e = t0;
            log("caught", e);
            this.state = Guarded$State.Yield2;
            return this.yield("from catch");
          // yield "from catch" @ 10:5
          case Guarded$State.Yield2:
            if (kind === 1 /* ResumeKind.Throw */) throw input;
            if (kind === 2 /* ResumeKind.Return */) {
              t1 = 2;
              t2 = input;
              state = Guarded$State.Finally0;
              continue dispatch;
            }
            t1 = 0;
            state = Guarded$State.Finally0;
          // finally @ 11:5
          case Guarded$State.Finally0:
            log("finally");
            this.t1 = t1;
            this.t2 = t2;
            this.state = Guarded$State.Yield3;
            return this.yield("from finally");
          // yield "from finally" @ 13:15
          case Guarded$State.Yield3:
            if (kind === 1 /* ResumeKind.Throw */) throw input;
            if (kind === 2 /* ResumeKind.Return */) return this.done(input);
            f = input;
            log("finally got", f);
            if (t1 === 1) throw t2;
            if (t1 === 2) return this.done(t2);
            state = Guarded$State.TryExit0;
          // log("after") @ 16:3
          case Guarded$State.TryExit0:
            log("after");
            return this.done("ret");
        }
      } catch (error) {
        if (state >= Guarded$State.Yield0 && state < Guarded$State.Catch0) {
          t0 = error;
          state = Guarded$State.Catch0;
        } else if (state >= Guarded$State.Catch0 && state < Guarded$State.Finally0) {
          t1 = 1;
          t2 = error;
          state = Guarded$State.Finally0;
        } else throw error;
      }
    }
  }
}

export function guarded(log: Log): Generator<unknown, string, unknown> {
  return $sl.generator(new Guarded$Machine(log), guarded);
}
$sl.generatorFunction(guarded);

// ---------------------------------------------------------------------------------------------
// [source]
//     function* range(from, to) {          // `this` and the parameters bound at call time
//       log("range starts");
//       for (let i = from; i < to; i += this.step) {
//         const sent = yield i;            // Yield0
//         if (sent === "skip") i += this.step;
//       }
//       return to;
//     }

export function* rangeNative(this: { step: number; log: Log }, from: number, to: number): Generator<number, number, unknown> {
  this.log("range starts");
  for (let i = from; i < to; i += this.step) {
    const sent = yield i;
    if (sent === "skip") i += this.step;
  }
  return to;
}

const enum Range$State {
  Start,
  LoopHead0,
  Yield0,
}

class Range$Machine extends $sl.Machine<number> {
  i!: any;
  constructor(
    readonly self: { step: number; log: Log },
    readonly from: number,
    readonly to: number,
  ) {
    super();
  }
  resume(kind: $sl.ResumeKind, input: any): $sl.Step {
    let state: number = this.state,
      self: any = this.self,
      from: any = this.from,
      to: any = this.to,
      i: any = this.i,
      sent: any;
    for (;;) {
      switch (state) {
        // range(from, to) @ 1:1
        case Range$State.Start:
          self.log("range starts");
          i = from;
          state = Range$State.LoopHead0;
        // for (let i = from; i < to; i += this.step) @ 3:3
        case Range$State.LoopHead0:
          if (!(i < to)) return this.done(to);
          this.i = i;
          this.state = Range$State.Yield0;
          return this.yield(i);
        // yield i @ 4:18
        case Range$State.Yield0:
          if (kind === 1 /* ResumeKind.Throw */) throw input;
          if (kind === 2 /* ResumeKind.Return */) return this.done(input);
          sent = input;
          if (sent === "skip") i += self.step;
          i += self.step;
          state = Range$State.LoopHead0;
          continue;
      }
    }
  }
}

export function range(this: { step: number; log: Log }, from: number, to: number): Generator<number, number, unknown> {
  return $sl.generator(new Range$Machine(this, from, to), range);
}
$sl.generatorFunction(range);

// ---------------------------------------------------------------------------------------------
// [source]
//     function* outer(log, inner) {
//       log("outer start");
//       try {
//         const r = yield* inner;          // Delegate0
//         log("outer got", r);
//       } finally {
//         log("outer finally");
//       }
//       return "outer done";
//     }

export function* outerNative(log: Log, inner: unknown): Generator<unknown, string, unknown> {
  log("outer start");
  try {
    const r = yield* inner as Iterable<unknown>;
    log("outer got", r);
  } finally {
    log("outer finally");
  }
  return "outer done";
}

const enum Outer$State {
  Start,
  Try0,
  Delegate0,
  Finally0,
  TryExit0,
}

class Outer$Machine extends $sl.Machine<string> {
  t0!: any;
  constructor(
    readonly log: Log,
    readonly inner: unknown,
  ) {
    super();
  }
  resume(kind: $sl.ResumeKind, input: any): $sl.Step {
    let state: number = this.state,
      log: any = this.log,
      inner: any = this.inner,
      t0: any = this.t0,
      t1: any,
      t2: any,
      r: any;
    dispatch: for (;;) {
      try {
        switch (state) {
          // outer(log, inner) @ 1:1
          case Outer$State.Start:
            log("outer start");
            state = Outer$State.Try0;
          // try @ 3:3
          case Outer$State.Try0:
            t0 = $sl.delegate(inner);
            state = Outer$State.Delegate0;
          // yield* inner @ 4:15
          case Outer$State.Delegate0:
            switch (t0.step(kind, input)) {
              case 0 /* DelegateStep.Yield */:
                this.t0 = t0;
                this.state = Outer$State.Delegate0;
                return this.yieldDelegated(t0.yielded);
              case 2 /* DelegateStep.Return */:
                t1 = 2;
                t2 = t0.value;
                state = Outer$State.Finally0;
                continue dispatch;
            }
            r = t0.value;
            log("outer got", r);
            t1 = 0;
            state = Outer$State.Finally0;
          // finally @ 6:5
          case Outer$State.Finally0:
            log("outer finally");
            if (t1 === 1) throw t2;
            if (t1 === 2) return this.done(t2);
            state = Outer$State.TryExit0;
          // return "outer done" @ 9:3
          case Outer$State.TryExit0:
            return this.done("outer done");
        }
      } catch (error) {
        if (state >= Outer$State.Try0 && state < Outer$State.Finally0) {
          t1 = 1;
          t2 = error;
          state = Outer$State.Finally0;
        } else throw error;
      }
    }
  }
}

export function outer(log: Log, inner: unknown): Generator<unknown, string, unknown> {
  return $sl.generator(new Outer$Machine(log, inner), outer);
}
$sl.generatorFunction(outer);

// ---------------------------------------------------------------------------------------------
// [source]
//     function* reenter(holder) {
//       yield 1;                           // Yield0
//       holder.log("inner next", holder.generator.next());
//       return 2;
//     }

export interface Holder {
  generator?: Generator<unknown, unknown, unknown>;
  log: Log;
}

export function* reenterNative(holder: Holder): Generator<unknown, unknown, unknown> {
  yield 1;
  holder.log("inner next", holder.generator!.next());
  return 2;
}

const enum Reenter$State {
  Start,
  Yield0,
}

class Reenter$Machine extends $sl.Machine<number> {
  constructor(readonly holder: Holder) {
    super();
  }
  resume(kind: $sl.ResumeKind, input: any): $sl.Step {
    const state: number = this.state,
      holder: any = this.holder;
    switch (state) {
      // reenter(holder) @ 1:1
      case Reenter$State.Start:
        this.state = Reenter$State.Yield0;
        return this.yield(1);
      // yield 1 @ 2:3
      case Reenter$State.Yield0:
        if (kind === 1 /* ResumeKind.Throw */) throw input;
        if (kind === 2 /* ResumeKind.Return */) return this.done(input);
        holder.log("inner next", holder.generator.next());
        return this.done(2);
    }
    return this.done(undefined);
  }
}

export function reenter(holder: Holder): Generator<unknown, unknown, unknown> {
  return $sl.generator(new Reenter$Machine(holder), reenter);
}
$sl.generatorFunction(reenter);
