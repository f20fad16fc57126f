// Async generators (and one async function with `for await`) written twice: natively, and as
// the machine the transformer emits for them. `yield v` is `return this.yield(v)` (the driver
// awaits v), `await x` is `return this.await(x)`, a `return v` statement awaits v in the body
// before its return completion, `yield*` drives `$sl.delegateAsync`, `for await` drives
// `$sl.asyncIterate`. Completion records t1/t2: 0 normal, 1 throw, 2 return, 3 jump.

import * as $sl from "../../runtime/src/index.js";
import type { Log } from "./trace.js";

// ---------------------------------------------------------------------------------------------
// [source]
//     async function* flow(log, p) {
//       log("start");
//       const a = await p;                     // Await0
//       log("a", a);
//       try {
//         const b = yield a;                   // Yield0
//         log("b", b);
//         const c = yield p;                   // Yield1 (awaits p)
//         log("c", c);
//         yield Promise.reject(new Error("bad yield"));   // Yield2 (throws here)
//         log("unreachable");
//       } catch (e) {
//         log("caught", e);
//         yield "from catch";                  // Yield3
//       } finally {
//         log("finally");
//         const f = yield "from finally";      // Yield4
//         log("finally got", f);
//       }
//       log("after");
//       return p;                              // Await1
//     }

export async function* flowNative(log: Log, p: unknown): AsyncGenerator<unknown, unknown, unknown> {
  log("start");
  const a = await p;
  log("a", a);
  try {
    const b = yield a;
    log("b", b);
    const c = yield p;
    log("c", c);
    yield Promise.reject(new Error("bad yield"));
    log("unreachable");
  } catch (e) {
    log("caught", e);
    yield "from catch";
  } finally {
    log("finally");
    const f = yield "from finally";
    log("finally got", f);
  }
  log("after");
  return p;
}

const enum Flow$State {
  Start,
  Await0,
  Try0,
  Yield0,
  Yield1,
  Yield2,
  Catch0,
  Yield3,
  Finally0,
  Yield4,
  TryExit0,
  Await1,
}

class Flow$Machine extends $sl.Machine<unknown> {
  t1!: any;
  t2!: any;
  constructor(
    readonly log: Log,
    readonly p: unknown,
  ) {
    super();
  }
  resume(kind: $sl.ResumeKind, input: any): $sl.Step {
    let state: number = this.state,
      log: any = this.log,
      p: any = this.p,
      t0: any,
      t1: any = this.t1,
      t2: any = this.t2,
      a: any,
      b: any,
      c: any,
      e: any,
      f: any;
    dispatch: for (;;) {
      try {
        switch (state) {
          // flow(log, p) @ 1:1
          case Flow$State.Start:
            log("start");
            this.state = Flow$State.Await0;
            return this.await(p);
          // await p @ 3:13
          case Flow$State.Await0:
            if (kind === 1 /* ResumeKind.Throw */) throw input;
            a = input;
            log("a", a);
            state = Flow$State.Try0;
          // try @ 5:3
          case Flow$State.Try0:
            this.state = Flow$State.Yield0;
            return this.yield(a);
          // yield a @ 6:15
          case Flow$State.Yield0:
            if (kind === 1 /* ResumeKind.Throw */) throw input;
            if (kind === 2 /* ResumeKind.Return */) {
              t1 = 2;
              t2 = input;
              state = Flow$State.Finally0;
              continue dispatch;
            }
            b = input;
            log("b", b);
            this.state = Flow$State.Yield1;
            return this.yield(p);
          // yield p @ 8:15
          case Flow$State.Yield1:
            if (kind === 1 /* ResumeKind.Throw */) throw input;
            if (kind === 2 /* ResumeKind.Return */) {
              t1 = 2;
              t2 = input;
              state = Flow$State.Finally0;
              continue dispatch;
            }
            c = input;
            log("c", c);
            this.state = Flow$State.Yield2;
            return this.yield(Promise.reject(new Error("bad yield")));
          // yield Promise.reject(new Error("bad yield")) @ 10:5
          case Flow$State.Yield2:
            if (kind === 1 /* ResumeKind.Throw */) throw input;
            if (kind === 2 /* ResumeKind.Return */) {
              t1 = 2;
              t2 = input;
              state = Flow$State.Finally0;
              continue dispatch;
            }
            log("unreachable");
            t1 = 0;
            state = Flow$State.Finally0;
            continue;
          // catch (e) @ 12:5
          case Flow$State.Catch0:
            e = t0;
            log("caught", e);
            this.state = Flow$State.Yield3;
            return this.yield("from catch");
          // yield "from catch" @ 14:5
          case Flow$State.Yield3:
            if (kind === 1 /* ResumeKind.Throw */) throw input;
            if (kind === 2 /* ResumeKind.Return */) {
              t1 = 2;
              t2 = input;
              state = Flow$State.Finally0;
              continue dispatch;
            }
            t1 = 0;
            state = Flow$State.Finally0;
          // finally @ 15:5
          case Flow$State.Finally0:
            log("finally");
            this.t1 = t1;
            this.t2 = t2;
            this.state = Flow$State.Yield4;
            return this.yield("from finally");
          // yield "from finally" @ 17:15
          case Flow$State.Yield4:
            if (kind === 1 /* ResumeKind.Throw */) throw input;
            if (kind === 2 /* ResumeKind.Return */) return this.done(input);
            f = input;
            log("finally got", f);
            if (t1 === 1) throw t2;
            if (t1 === 2) return this.done(t2);
            state = Flow$State.TryExit0;
          // log("after") @ 20:3
          case Flow$State.TryExit0:
            log("after");
            this.state = Flow$State.Await1;
            return this.await(p);
          // return p @ 21:3
          case Flow$State.Await1:
            if (kind === 1 /* ResumeKind.Throw */) throw input;
            return this.done(input);
        }
      } catch (error) {
        if (state >= Flow$State.Try0 && state < Flow$State.Catch0) {
          t0 = error;
          state = Flow$State.Catch0;
        } else if (state >= Flow$State.Catch0 && state < Flow$State.Finally0) {
          t1 = 1;
          t2 = error;
          state = Flow$State.Finally0;
        } else throw error;
      }
    }
  }
}

export function flow(log: Log, p: unknown): AsyncGenerator<unknown, unknown, unknown> {
  return $sl.asyncGenerator(new Flow$Machine(log, p), flow);
}
$sl.asyncGeneratorFunction(flow);

// ---------------------------------------------------------------------------------------------
// [source]
//     async function* early(log, p) {
//       try {
//         log("try");
//         return p;                            // Await0: awaited before the finally runs
//       } finally {
//         log("finally");
//         yield "in finally";                  // Yield0
//       }
//     }

export async function* earlyNative(log: Log, p: unknown): AsyncGenerator<unknown, unknown, unknown> {
  try {
    log("try");
    return p;
  } finally {
    log("finally");
    yield "in finally";
  }
}

const enum Early$State {
  Start,
  Await0,
  Finally0,
  Yield0,
}

class Early$Machine extends $sl.Machine<unknown> {
  t1!: any;
  t2!: any;
  constructor(
    readonly log: Log,
    readonly p: unknown,
  ) {
    super();
  }
  resume(kind: $sl.ResumeKind, input: any): $sl.Step {
    let state: number = this.state,
      log: any = this.log,
      p: any = this.p,
      t1: any = this.t1,
      t2: any = this.t2;
    dispatch: for (;;) {
      try {
        switch (state) {
          // early(log, p) @ 1:1
          case Early$State.Start:
            log("try");
            this.state = Early$State.Await0;
            return this.await(p);
          // return p @ 4:5
          case Early$State.Await0:
            if (kind === 1 /* ResumeKind.Throw */) throw input;
            t1 = 2;
            t2 = input;
            state = Early$State.Finally0;
          // finally @ 5:5
          case Early$State.Finally0:
            log("finally");
            this.t1 = t1;
            this.t2 = t2;
            this.state = Early$State.Yield0;
            return this.yield("in finally");
          // yield "in finally" @ 7:5
          case Early$State.Yield0:
            if (kind === 1 /* ResumeKind.Throw */) throw input;
            if (kind === 2 /* ResumeKind.Return */) return this.done(input);
            if (t1 === 1) throw t2;
            return this.done(t2);
        }
      } catch (error) {
        if (state >= Early$State.Start && state < Early$State.Finally0) {
          t1 = 1;
          t2 = error;
          state = Early$State.Finally0;
        } else throw error;
      }
    }
  }
}

export function early(log: Log, p: unknown): AsyncGenerator<unknown, unknown, unknown> {
  return $sl.asyncGenerator(new Early$Machine(log, p), early);
}
$sl.asyncGeneratorFunction(early);

// ---------------------------------------------------------------------------------------------
// [source]
//     async function* outerAsync(log, inner) {
//       log("outer start");
//       try {
//         const r = yield* inner;              // Delegate0
//         log("outer got", r);
//       } finally {
//         log("outer finally");
//       }
//       return "outer done";                   // Await0
//     }

export async function* outerAsyncNative(log: Log, inner: unknown): AsyncGenerator<unknown, unknown, unknown> {
  log("outer start");
  try {
    const r = yield* inner as AsyncIterable<unknown>;
    log("outer got", r);
  } finally {
    log("outer finally");
  }
  return "outer done";
}

const enum OuterAsync$State {
  Start,
  Try0,
  Delegate0,
  Finally0,
  TryExit0,
  Await0,
}

class OuterAsync$Machine extends $sl.Machine<unknown> {
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
          // outerAsync(log, inner) @ 1:1
          case OuterAsync$State.Start:
            log("outer start");
            state = OuterAsync$State.Try0;
          // try @ 3:3
          case OuterAsync$State.Try0:
            t0 = $sl.delegateAsync(inner);
            state = OuterAsync$State.Delegate0;
          // yield* inner @ 4:15
          case OuterAsync$State.Delegate0:
            switch (t0.step(kind, input)) {
              case 0 /* DelegateStep.Yield */:
                this.t0 = t0;
                this.state = OuterAsync$State.Delegate0;
                return this.yieldDelegated(t0.yielded);
              case 3 /* DelegateStep.Await */:
                this.t0 = t0;
                this.state = OuterAsync$State.Delegate0;
                return this.await(t0.awaited);
              case 2 /* DelegateStep.Return */:
                t1 = 2;
                t2 = t0.value;
                state = OuterAsync$State.Finally0;
                continue dispatch;
            }
            r = t0.value;
            log("outer got", r);
            t1 = 0;
            state = OuterAsync$State.Finally0;
          // finally @ 6:5
          case OuterAsync$State.Finally0:
            log("outer finally");
            if (t1 === 1) throw t2;
            if (t1 === 2) return this.done(t2);
            state = OuterAsync$State.TryExit0;
          // return "outer done" @ 9:3
          case OuterAsync$State.TryExit0:
            this.state = OuterAsync$State.Await0;
            return this.await("outer done");
          // return "outer done" @ 9:3
          case OuterAsync$State.Await0:
            if (kind === 1 /* ResumeKind.Throw */) throw input;
            return this.done(input);
        }
      } catch (error) {
        if (state >= OuterAsync$State.Try0 && state < OuterAsync$State.Finally0) {
          t1 = 1;
          t2 = error;
          state = OuterAsync$State.Finally0;
        } else throw error;
      }
    }
  }
}

export function outerAsync(log: Log, inner: unknown): AsyncGenerator<unknown, unknown, unknown> {
  return $sl.asyncGenerator(new OuterAsync$Machine(log, inner), outerAsync);
}
$sl.asyncGeneratorFunction(outerAsync);

// ---------------------------------------------------------------------------------------------
// [source]
//     async function* relay(log, source) {
//       log("relay start");
//       for await (const x of source) {        // LoopHead0 / Await0
//         log("relay got", x);
//         if (x === "stop") break;
//         const sent = yield x;                // Yield0
//         if (sent === "boom") throw new Error("boom in body");
//         if (sent === "ret") return "returned early";   // Await1
//       }                                      // Finally0 / Await2: close the iterator
//       log("relay end");
//       return "relay done";                   // Await3
//     }

export async function* relayNative(log: Log, source: unknown): AsyncGenerator<unknown, unknown, unknown> {
  log("relay start");
  for await (const x of source as AsyncIterable<unknown>) {
    log("relay got", x);
    if (x === "stop") break;
    const sent = yield x;
    if (sent === "boom") throw new Error("boom in body");
    if (sent === "ret") return "returned early";
  }
  log("relay end");
  return "relay done";
}

const enum Relay$State {
  Start,
  LoopHead0,
  Await0,
  Try0,
  Yield0,
  Await1,
  Finally0,
  Await2,
  Closed0,
  LoopExit0,
  Await3,
}

class Relay$Machine extends $sl.Machine<unknown> {
  t0!: any;
  t1!: any;
  t2!: any;
  constructor(
    readonly log: Log,
    readonly source: unknown,
  ) {
    super();
  }
  resume(kind: $sl.ResumeKind, input: any): $sl.Step {
    let state: number = this.state,
      log: any = this.log,
      source: any = this.source,
      t0: any = this.t0,
      t1: any = this.t1,
      t2: any = this.t2,
      x: any,
      sent: any;
    dispatch: for (;;) {
      try {
        switch (state) {
          // relay(log, source) @ 1:1
          case Relay$State.Start:
            log("relay start");
            t0 = $sl.asyncIterate(source);
            state = Relay$State.LoopHead0;
          // for await (const x of source) @ 3:3
          case Relay$State.LoopHead0:
            this.t0 = t0;
            this.state = Relay$State.Await0;
            return this.await(t0.next());
          // for await (const x of source) @ 3:3
          case Relay$State.Await0:
            if (kind === 1 /* ResumeKind.Throw */) throw input;
            if (!t0.settle(input)) {
              state = Relay$State.LoopExit0;
              continue;
            }
            state = Relay$State.Try0;
          // for await (const x of source) @ 3:3
          case Relay$State.Try0:
            x = t0.value;
            log("relay got", x);
            if (x === "stop") {
              t1 = 3;
              t2 = Relay$State.LoopExit0;
              state = Relay$State.Finally0;
              continue dispatch;
            }
            this.state = Relay$State.Yield0;
            return this.yield(x);
          // yield x @ 6:18
          case Relay$State.Yield0:
            if (kind === 1 /* ResumeKind.Throw */) throw input;
            if (kind === 2 /* ResumeKind.Return */) {
              t1 = 2;
              t2 = input;
              state = Relay$State.Finally0;
              continue dispatch;
            }
            sent = input;
            if (sent === "boom") throw new Error("boom in body");
            if (sent === "ret") {
              this.state = Relay$State.Await1;
              return this.await("returned early");
            }
            state = Relay$State.LoopHead0;
            continue;
          // return "returned early" @ 8:25
          case Relay$State.Await1:
            if (kind === 1 /* ResumeKind.Throw */) throw input;
            t1 = 2;
            t2 = input;
            state = Relay$State.Finally0;
          // for await (const x of source) @ 3:3
          case Relay$State.Finally0:
            if (t0.close(t1 === 1)) {
              this.t1 = t1;
              this.t2 = t2;
              this.state = Relay$State.Await2;
              return this.await(t0.closing);
            }
            state = Relay$State.Closed0;
            continue;
          // for await (const x of source) @ 3:3
          case Relay$State.Await2:
            t0.closed(kind, input);
            state = Relay$State.Closed0;
          // for await (const x of source) @ 3:3
          case Relay$State.Closed0:
            if (t1 === 1) throw t2;
            if (t1 === 2) return this.done(t2);
            if (t1 === 3) {
              state = t2;
              continue;
            }
            state = Relay$State.LoopExit0;
          // log("relay end") @ 10:3
          case Relay$State.LoopExit0:
            log("relay end");
            this.state = Relay$State.Await3;
            return this.await("relay done");
          // return "relay done" @ 11:3
          case Relay$State.Await3:
            if (kind === 1 /* ResumeKind.Throw */) throw input;
            return this.done(input);
        }
      } catch (error) {
        if (state >= Relay$State.Try0 && state < Relay$State.Finally0) {
          t1 = 1;
          t2 = error;
          state = Relay$State.Finally0;
        } else throw error;
      }
    }
  }
}

export function relay(log: Log, source: unknown): AsyncGenerator<unknown, unknown, unknown> {
  return $sl.asyncGenerator(new Relay$Machine(log, source), relay);
}
$sl.asyncGeneratorFunction(relay);

// ---------------------------------------------------------------------------------------------
// [source]
//     async function collect(log, source, stopAt) {
//       const out = [];
//       for await (const x of source) {        // LoopHead0 / Await0
//         out.push(x);
//         if (x === "throw") throw new Error("thrown in body");
//         if (x === stopAt) break;
//       }                                      // Finally0 / Await1
//       log("collected", out);
//       return out;
//     }

export async function collectNative(log: Log, source: unknown, stopAt: unknown): Promise<unknown[]> {
  const out: unknown[] = [];
  for await (const x of source as AsyncIterable<unknown>) {
    out.push(x);
    if (x === "throw") throw new Error("thrown in body");
    if (x === stopAt) break;
  }
  log("collected", out);
  return out;
}

const enum Collect$State {
  Start,
  LoopHead0,
  Await0,
  Try0,
  Finally0,
  Await1,
  Closed0,
  LoopExit0,
}

class Collect$Machine extends $sl.Machine<unknown[]> {
  out!: any;
  t0!: any;
  t1!: any;
  t2!: any;
  constructor(
    readonly log: Log,
    readonly source: unknown,
    readonly stopAt: unknown,
  ) {
    super();
  }
  resume(kind: $sl.ResumeKind, input: any): $sl.Step {
    let state: number = this.state,
      log: any = this.log,
      source: any = this.source,
      stopAt: any = this.stopAt,
      out: any = this.out,
      t0: any = this.t0,
      t1: any = this.t1,
      t2: any = this.t2,
      x: any;
    dispatch: for (;;) {
      try {
        switch (state) {
          // collect(log, source, stopAt) @ 1:1
          case Collect$State.Start:
            out = [];
            t0 = $sl.asyncIterate(source);
            state = Collect$State.LoopHead0;
          // for await (const x of source) @ 3:3
          case Collect$State.LoopHead0:
            this.out = out;
            this.t0 = t0;
            this.state = Collect$State.Await0;
            return this.await(t0.next());
          // for await (const x of source) @ 3:3
          case Collect$State.Await0:
            if (kind === 1 /* ResumeKind.Throw */) throw input;
            if (!t0.settle(input)) {
              state = Collect$State.LoopExit0;
              continue;
            }
            state = Collect$State.Try0;
          // for await (const x of source) @ 3:3
          case Collect$State.Try0:
            x = t0.value;
            out.push(x);
            if (x === "throw") throw new Error("thrown in body");
            if (x === stopAt) {
              t1 = 3;
              t2 = Collect$State.LoopExit0;
              state = Collect$State.Finally0;
              continue dispatch;
            }
            state = Collect$State.LoopHead0;
            continue;
          // for await (const x of source) @ 3:3
          case Collect$State.Finally0:
            if (t0.close(t1 === 1)) {
              this.t1 = t1;
              this.t2 = t2;
              this.state = Collect$State.Await1;
              return this.await(t0.closing);
            }
            state = Collect$State.Closed0;
            continue;
          // for await (const x of source) @ 3:3
          case Collect$State.Await1:
            t0.closed(kind, input);
            state = Collect$State.Closed0;
          // for await (const x of source) @ 3:3
          case Collect$State.Closed0:
            if (t1 === 1) throw t2;
            if (t1 === 3) {
              state = t2;
              continue;
            }
            state = Collect$State.LoopExit0;
          // log("collected", out) @ 8:3
          case Collect$State.LoopExit0:
            log("collected", out);
            return this.done(out);
        }
      } catch (error) {
        if (state >= Collect$State.Try0 && state < Collect$State.Finally0) {
          t1 = 1;
          t2 = error;
          state = Collect$State.Finally0;
        } else throw error;
      }
    }
  }
}

export function collect(log: Log, source: unknown, stopAt: unknown): Promise<unknown[]> {
  return $sl.spec(new Collect$Machine(log, source, stopAt));
}
