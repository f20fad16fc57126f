// Hand-written producer/consumer machines for the channel tests, in the emitted shape.

import { Coroutine, ResumeKind, Step, type Receiver, type Sender } from "../../runtime/src/index.js";

const enum Produce$State {
  Start,
  Await0,
}

/**
 * [source]
 *     async function produce(tx, items, log) {
 *       try { for (const x of items) { await tx.send(x); log.push(`sent ${x}`); } }
 *       finally { if (close) tx.close(); }
 *     }
 */
export class Produce$Machine<T extends {} | null> extends Coroutine<number> {
  i = 0;
  constructor(
    readonly tx: Sender<T>,
    readonly items: T[],
    readonly log: string[] = [],
    readonly close = true,
  ) {
    super();
  }

  resume(kind: ResumeKind, input: unknown): Step {
    switch (this.state) {
      case Produce$State.Start:
        if (this.items.length === 0) break;
        this.state = Produce$State.Await0;
        return this.await(this.tx.send(this.items[0]!));
      case Produce$State.Await0: // await tx.send(x)
        if (kind !== ResumeKind.Next) {
          if (this.close) this.tx.close(); // the finally
          if (kind === ResumeKind.Throw) throw input;
          return this.done();
        }
        this.log.push(`sent ${String(this.items[this.i])}`);
        if (++this.i < this.items.length) return this.await(this.tx.send(this.items[this.i]!));
        break;
    }
    if (this.close) this.tx.close();
    return this.done(this.i);
  }
}

const enum Consume$State {
  Start,
  Await0,
}

/**
 * [source]
 *     async function consume(rx, log) {
 *       const out = [];
 *       for (let v = await rx.recv(); v !== undefined; v = await rx.recv()) { out.push(v); log.push(`got ${v}`); }
 *       return out;
 *     }
 */
export class Consume$Machine<T> extends Coroutine<T[]> {
  out: T[] = [];
  constructor(
    readonly rx: Receiver<T>,
    readonly log: string[] = [],
  ) {
    super();
  }

  resume(kind: ResumeKind, input: unknown): Step {
    switch (this.state) {
      case Consume$State.Start:
        this.state = Consume$State.Await0;
        return this.await(this.rx.recv());
      case Consume$State.Await0: // v = await rx.recv()
        if (kind === ResumeKind.Throw) throw input;
        if (kind === ResumeKind.Cancel) return this.done();
        if (input === undefined) return this.done(this.out);
        this.out.push(input as T);
        this.log.push(`got ${String(input)}`);
        return this.await(this.rx.recv());
    }
    return this.done();
  }
}

const enum PingPong$State {
  Start,
  Await0,
  Await1,
}

/**
 * [source]
 *     async function player(inbox, outbox, rounds, serve) {
 *       for (let i = 0; i < rounds; i++) {
 *         if (serve) await outbox.send(i);
 *         const v = await inbox.recv();            // Await1
 *         if (!serve) await outbox.send(v);        // Await0
 *       }
 *     }
 */
export class PingPong$Machine extends Coroutine<number> {
  i = 0;
  constructor(
    readonly inbox: Receiver<number>,
    readonly outbox: Sender<number>,
    readonly rounds: number,
    readonly serve: boolean,
  ) {
    super();
  }

  resume(kind: ResumeKind, input: unknown): Step {
    if (kind === ResumeKind.Throw) throw input;
    if (kind === ResumeKind.Cancel) return this.done();
    for (;;) {
      switch (this.state) {
        case PingPong$State.Start: // loop head
          if (this.i >= this.rounds) return this.done(this.i);
          if (this.serve) {
            this.state = PingPong$State.Await0;
            return this.await(this.outbox.send(this.i));
          }
          this.state = PingPong$State.Await1;
          return this.await(this.inbox.recv());
        case PingPong$State.Await0: // after a send
          if (this.serve) {
            this.state = PingPong$State.Await1;
            return this.await(this.inbox.recv());
          }
          this.i++;
          this.state = PingPong$State.Start;
          continue;
        case PingPong$State.Await1: // after a recv
          if (this.serve) {
            this.i++;
            this.state = PingPong$State.Start;
            continue;
          }
          this.state = PingPong$State.Await0;
          return this.await(this.outbox.send(input as number));
      }
      return this.done();
    }
  }
}
