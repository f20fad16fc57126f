// Random lifecycles (fast-check): a stack of probes with random body/finally behaviour, gates
// opened or failed in random order and a cancel at a random moment. Whatever happens, every
// started probe runs its finally exactly once, and the task settles with what JavaScript
// semantics say (computed by a small model), or with Cancelled if the cancel came first.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Cancelled, Executor } from "../../runtime/src/index.js";
import { Gate, counters, probe, settle, type Counters } from "./helpers.js";

interface LevelPlan {
  throwInBody: boolean;
  awaitInFinally: boolean;
  throwInFinally: boolean;
}

const levelPlan: fc.Arbitrary<LevelPlan> = fc.record({ throwInBody: fc.boolean(), awaitInFinally: fc.boolean(), throwInFinally: fc.boolean() });
type Action = { kind: "open-body"; fail: boolean } | { kind: "open-finally"; level: number; fail: boolean } | { kind: "cancel" };
const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({ kind: fc.constant("open-body" as const), fail: fc.boolean() }),
  fc.record({ kind: fc.constant("open-finally" as const), level: fc.nat(3), fail: fc.boolean() }),
  fc.record({ kind: fc.constant("cancel" as const) }),
);

type Completion = { ok: true; value: unknown } | { ok: false; error: unknown };

/** What the stack settles with when nothing is cancelled: JS completion semantics, innermost first. */
function model(plans: LevelPlan[], errors: Errors, body: Completion, finallyOutcomes: Completion[]): Completion {
  let completion = body;
  plans.forEach((plan, i) => {
    if (completion.ok && plan.throwInBody) completion = { ok: false, error: errors.body[i] };
    if (plan.awaitInFinally && !finallyOutcomes[i]!.ok) completion = finallyOutcomes[i]!; // a throw in finally replaces
    else if (plan.throwInFinally) completion = { ok: false, error: errors.fin[i] };
  });
  return completion;
}

interface Errors {
  body: Error[];
  fin: Error[];
}

describe("random task lifecycles", () => {
  it("every started probe finalizes once; the result follows JS semantics or is Cancelled", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(levelPlan, { minLength: 1, maxLength: 4 }), fc.array(action, { maxLength: 8 }), async (plans, actions) => {
        const executor = new Executor({ onUnobservedError: () => {} });
        const errors: Errors = { body: plans.map((_, i) => new Error(`body${i}`)), fin: plans.map((_, i) => new Error(`fin${i}`)) };
        const bodyGate = new Gate("body");
        const finallyGates = plans.map((p, i) => (p.awaitInFinally ? new Gate(`finally${i}`) : undefined));
        const finallyOutcomes: Completion[] = plans.map(() => ({ ok: true, value: undefined }));
        const cs: Counters[] = plans.map(() => counters());
        let root: unknown = bodyGate;
        plans.forEach((plan, i) => {
          root = probe(cs[i]!, root, {
            throwInBody: plan.throwInBody ? errors.body[i] : undefined,
            awaitInFinally: finallyGates[i],
            throwInFinally: plan.throwInFinally ? errors.fin[i] : undefined,
          });
        });
        const task = executor.spawn(root);
        const result = task.then((v) => ({ ok: true, value: v }) as Completion, (e) => ({ ok: false, error: e }) as Completion);
        let body: Completion = { ok: true, value: "v" };
        let bodyOpened = false;
        let cancelledFirst = false;
        await settle();
        const openBody = (fail: boolean) => {
          if (bodyOpened) return;
          bodyOpened = true;
          body = fail ? { ok: false, error: new Error("gate") } : { ok: true, value: "v" };
          if (body.ok) bodyGate.open(body.value);
          else bodyGate.fail(body.error);
        };
        const opened = new Set<Gate>();
        const openFinally = (i: number, fail: boolean) => {
          const gate = finallyGates[i];
          if (gate === undefined || opened.has(gate)) return;
          opened.add(gate);
          if (fail) {
            finallyOutcomes[i] = { ok: false, error: new Error(`finally-gate${i}`) };
            gate.fail((finallyOutcomes[i] as { error: unknown }).error);
          } else gate.open();
        };
        for (const a of actions) {
          if (a.kind === "open-body") openBody(a.fail);
          else if (a.kind === "open-finally") openFinally(a.level % plans.length, a.fail);
          else if (!task.isFinished && !task.isCancelled) {
            task.cancel();
            cancelledFirst = true;
          }
          await settle();
        }
        openBody(false);
        for (let i = 0; i < plans.length; i++) openFinally(i, false);
        for (let i = 0; i < 4 && !task.isFinished; i++) await settle();
        expect(task.isFinished).toBe(true);

        const settled = await result;
        if (cancelledFirst) {
          expect((settled as { error: unknown }).error).toBeInstanceOf(Cancelled);
        } else {
          const expected = model(plans, errors, body, finallyOutcomes);
          expect(settled).toEqual(expected);
        }
        cs.forEach((c) => expect(c.finalizes).toBe(c.starts));
        expect(cs.every((c) => c.starts <= 1)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
