// Lifecycle cross product (tokio task_combinations style): when the cancel comes × how deep the
// stack is × what the `finally` blocks do × who observes the task. Each combination asserts the
// result and the counters of every machine on the stack.

import { describe, expect, it } from "vitest";
import { Cancelled, Executor, currentTask, type Waker } from "../../runtime/src/index.js";
import { Gate, counters, probe, reportSink, seq, settle, type Counters } from "./helpers.js";

const whens = ["before-poll", "during-poll", "while-waiting", "in-finally", "after-completion"] as const;
const depths = [1, 3] as const;
const finallies = ["plain", "awaits", "throws"] as const;
const observers = ["join", "native", "none"] as const;
type When = (typeof whens)[number];
type FinallyPlan = (typeof finallies)[number];

/** A body gate whose first poll cancels the polling task: a cancel requested during the poll. */
class CancelOnPoll extends Gate {
  poll(waker: Waker) {
    if (this.polls === 0) currentTask()!.cancel();
    return super.poll(waker);
  }
}

interface Level {
  c: Counters;
  finallyGate: Gate | undefined;
  finallyError: Error | undefined;
}

function build(depth: number, plan: FinallyPlan, bodyGate: Gate) {
  const levels: Level[] = [];
  let awaited: unknown = bodyGate;
  for (let i = 0; i < depth; i++) {
    const level: Level = {
      c: counters(),
      finallyGate: plan === "awaits" ? new Gate(`finally${i}`) : undefined,
      finallyError: plan === "throws" ? new Error(`finally${i}`) : undefined,
    };
    levels.push(level);
    awaited = probe(level.c, awaited, { awaitInFinally: level.finallyGate, throwInFinally: level.finallyError }, `L${i}`);
  }
  return { root: awaited, levels }; // levels[0] is the innermost
}

const openFinallies = (levels: Level[]) => levels.forEach((l) => l.finallyGate?.open());

describe("task lifecycle cross product", () => {
  for (const when of whens)
    for (const depth of depths)
      for (const plan of finallies)
        for (const observer of observers) {
          if (when === "in-finally" && plan !== "awaits") continue; // needs a finally that waits
          it(`cancel ${when}, depth ${depth}, finally ${plan}, observed by ${observer}`, async () => {
            const sink = reportSink();
            const executor = new Executor({ onUnobservedError: sink.onUnobservedError });
            const bodyGate = when === "during-poll" ? new CancelOnPoll("body") : new Gate("body");
            const { root, levels } = build(depth, plan, bodyGate);
            const task = executor.spawn(root);
            const joiner = observer === "join" ? executor.spawn(seq([task])) : null;
            const joined = joiner?.then((v) => ({ v: (v as unknown[])[0] }), (e) => ({ e }) as { v?: unknown; e?: unknown });
            const outcome = (observer === "native" ? task.then((v) => ({ v }), (e) => ({ e })) : null) as Promise<{ v?: unknown; e?: unknown }> | null;

            // 1. Drive the task to the point where the cancel comes.
            if (when === "before-poll") expect(task.cancel()).toBe(true);
            await settle();
            if (when === "while-waiting") expect(task.cancel()).toBe(true);
            if (when === "in-finally") {
              bodyGate.open("v");
              await settle();
              expect(levels[0]!.c.finalizes).toBe(1);
              expect(task.cancel()).toBe(true);
            }
            if (when === "after-completion") {
              bodyGate.open("v");
              openFinallies(levels);
              await settle();
              expect(task.isFinished).toBe(true);
              expect(task.cancel()).toBe(false);
            }
            await settle();
            openFinallies(levels);
            await settle();
            await settle();
            expect(task.isFinished).toBe(true);

            // 2. The result the observer sees.
            type Settled = { v?: unknown; e?: unknown };
            const result: Settled = await task.then((v): Settled => ({ v }), (e): Settled => ({ e }));
            if (outcome !== null) expect(await outcome).toEqual(result);
            if (joined !== undefined) expect(await joined).toEqual(result);
            const inner = levels[0]!;
            const outer = levels[depth - 1]!;
            if (when === "after-completion") {
              if (plan === "throws") expect(result.e).toBe(outer.finallyError);
              else expect(result.v).toBe("v");
            } else {
              expect(result.e).toBeInstanceOf(Cancelled);
              const cause = (result.e as Error).cause;
              expect(cause).toBe(plan === "throws" && when !== "before-poll" ? inner.finallyError : undefined);
            }

            // 3. What ran on each level.
            for (const [i, level] of levels.entries()) {
              const c = level.c;
              if (when === "before-poll") {
                expect(c).toMatchObject({ starts: 0, finalizes: 0 });
                continue;
              }
              expect(c.starts).toBe(1);
              expect(c.finalizes).toBe(1); // every pending finally ran exactly once
              // An outer body completes only if its child returned (a throwing finally below makes it throw).
              const bodyRan = (when === "after-completion" && (i === 0 || plan !== "throws")) || (when === "in-finally" && i === 0);
              expect(c.bodyDone).toBe(bodyRan ? 1 : 0);
              // A cancel arriving at an await inside a finally ends that finally (a return completion there).
              expect(c.finallyDone).toBe(when === "in-finally" && i === 0 ? 0 : 1);
            }
            if (when === "while-waiting" || when === "during-poll") {
              expect(bodyGate.drops).toBe(1);
              expect(bodyGate.wakers.size).toBe(0);
            }
            if (when !== "before-poll") {
              // innermost finally first, outermost last
              const log = levels.flatMap((l) => l.c.log.filter((x) => x.endsWith(":finally")));
              expect(log).toEqual(levels.map((_, i) => `L${i}:finally`));
            }

            // 4. Reports: a cancellation is never reported; an unobserved failure is, once.
            await settle();
            const failedUnobserved = observer === "none" && when === "after-completion" && plan === "throws";
            expect(sink.errors).toEqual(failedUnobserved ? [outer.finallyError] : []);
          });
        }
});
