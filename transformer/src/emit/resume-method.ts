// buildX: turns a function's IR into the machine's `resume` method: field loads, a dispatch
// over `state` (a loop only when some code dispatches again), one `case` per state that can be
// entered, with its source comment, and the catch dispatcher that routes an exception to the
// handler of the state that threw. Short states are copied to the jumps into them (threading).
//
// Invariants (emit/):
//  1. Only emit/ builds statements and classes; it never consults the type checker.
//  2. Every state case ends in a jump, a suspension, a return or a throw, or falls into the
//     next case after setting `state` to it (left out where the switch runs once).
//  3. A suspension stores exactly the variables live where it resumes (liveness.ts).
//  4. A state treated as entered only on resume (fields loaded in its case, `this.state` not
//     stored again) is never the target of a jump: asserted once all cases are built.

import type { Liveness } from "../analysis/liveness.js";
import { Completion, type FunctionIR, type Label, type Op, type TryRegion, type Unwind } from "../ir/ir.js";
import type { LoweringContext, PlaceholderJump } from "../lower/context.js";
import type { TS } from "../ts-api.js";
import { assert, unreachable } from "../util/assert.js";
import { canFallThrough, findEntryOnlyStates, isCopyable, namesDeclaredInCases, stateSuspends } from "./case-facts.js";
import type { State, StateTable } from "./states.js";

export interface ResumeEmitOptions {
  /** Name of the state enum; states are written `Enum.Name` … */
  readonly stateEnum: string;
  /** … or, when inlined (compiling to JS), `3 /* Enum.Name *\/` as TypeScript prints const enums. */
  readonly inlineStates: boolean;
  /** The runtime is `globalThis.stackless` (a value), so its types are not nameable. */
  readonly globalRuntime: boolean;
  /** Check points passed between two reads of the clock (the `spin` countdown's start). */
  readonly checkPointBudget: number;
}

/** Where code is emitted: the case it sits in, and what is known there. */
interface Site {
  /** The case the code sits in (a copied state's code sits in another state's case). */
  readonly caseState: State;
  /** The code ends its case: falling off it enters the next case. */
  readonly tail: boolean;
  /** The states copied into this case on the way here (jump threading), outermost first. */
  readonly copied: readonly State[];
  /** The state `this.state` is known to hold here (the case's own, when entered only on resume). */
  readonly stored: State | undefined;
}

/** Copies nest at most this deep (a loop head copied into its back edge, its exit into the head). */
const COPY_DEPTH = 2;
/** Above this many per-case field loads per field, every field is loaded on entry instead. */
const CASE_LOADS_PER_FIELD = 3;

export class ResumeEmitter {
  private readonly f: TS.NodeFactory;
  private readonly ts: LoweringContext["ts"];
  private readonly completions = new Map<TryRegion, Set<Completion>>();
  private readonly entryOnly: Set<State>;
  /** States `resume` can be entered in: Start and every resume point's. */
  private readonly resumable: Set<State>;
  /** States some code sets the local `state` to (or records as a finally's jump target). */
  private readonly localTargets = new Set<State>();
  /** States a suspension resumed at without storing `this.state` (it already held them). */
  private readonly storesSkipped = new Set<State>();
  private readonly copyable = new Map<State, boolean>();
  /** Task mode: the only mode whose resume points unwind on Cancel. */
  private readonly isTaskMode: boolean;
  /** Fields loaded into their locals on entry to `resume` … */
  private readonly entryLoads = new Set<string>();
  /** … and at the top of the case of an entry-only state (planFieldLoads). */
  private readonly caseLoads = new Map<State, string[]>();
  /** Some code dispatches again (`continue`), so the switch needs its `for (;;)`. */
  private dispatchesAgain = false;
  /** The switch runs once: no loop, no local `state` (set before the cases are built again). */
  private dispatchOnce = false;

  constructor(
    private readonly ctx: LoweringContext,
    private readonly ir: FunctionIR,
    private readonly table: StateTable,
    private readonly liveness: Liveness,
    private readonly options: ResumeEmitOptions,
  ) {
    this.f = ctx.f;
    this.ts = ctx.ts;
    for (const op of ir.ops) {
      if (op.kind !== "through") continue;
      const set = this.completions.get(op.region) ?? new Set<Completion>();
      set.add(op.completion);
      this.completions.set(op.region, set);
    }
    for (const jump of ctx.jumpPlaceholders.values()) {
      if (jump.kind === "br") continue;
      const set = this.completions.get(jump.region) ?? new Set<Completion>();
      set.add(jump.kind === "through" ? Completion.Jump : Completion.Return);
      this.completions.set(jump.region, set);
    }
    for (const op of ir.ops) {
      const region = op.kind === "receive" ? op.unwind?.region : op.kind === "delegate" ? op.region : undefined;
      if (!region) continue;
      const set = this.completions.get(region) ?? new Set<Completion>();
      set.add(Completion.Return);
      this.completions.set(region, set);
    }
    // A return that ends an inner finally passes on to the enclosing one.
    for (const region of [...ir.regions].reverse()) {
      if (!this.completions.get(region)?.has(Completion.Return) || !region.outerFinally) continue;
      const outer = this.completions.get(region.outerFinally) ?? new Set<Completion>();
      outer.add(Completion.Return);
      this.completions.set(region.outerFinally, outer);
    }
    this.isTaskMode = ctx.abruptResume?.resumeKind === 3;
    this.entryOnly = findEntryOnlyStates(ir, table);
    this.resumable = new Set([table.states[0]!]);
    for (const op of ir.ops) {
      if (op.kind === "await" || op.kind === "yield" || op.kind === "checkpoint" || op.kind === "delegate") this.resumable.add(table.stateOf(op.resume));
    }
  }

  /**
   * Per built `resume` method: the fields whose value at the first resume is never read (not live
   * at Start and not read by closures). buildMachineClass starts those at `0` instead of
   * `undefined`: V8 picks a field's representation from its first store, and a field that starts
   * as `undefined` and then holds numbers is tagged, so every double stored into it allocates a
   * heap number (measured: a ready-await loop summing into a field, 8.1 → 4.4 ns per await).
   */
  fieldsUnreadAtStart(fields: readonly string[]): ReadonlySet<string> {
    // A field's entry load is only read where the variable is live at Start: elsewhere every path
    // from Start assigns the local before reading it. Field-only variables are read by closures.
    return new Set(fields.filter((name) => !this.liveness.liveAtStart.has(name) && !this.ctx.vars.get(name)?.fieldOnly));
  }

  /** The `resume(kind, input)` method declaration. */
  buildResumeMethod(fields: readonly string[], locals: readonly string[]): TS.MethodDeclaration {
    const f = this.f;
    const names = this.ctx.internal;
    const body: TS.Statement[] = [];
    this.planFieldLoads(fields);
    let cases = this.table.states.map((state) => ({ state, clause: this.buildCase(state) }));
    if (!this.dispatchesAgain && this.ir.regions.length === 0) {
      // No `continue` and no catch dispatcher: every case ends in a return, a throw or the next
      // case, so the switch runs once. Built again without the loop and the local `state`, which
      // nothing would read (smaller code: V8 inlines `resume` into the driver within a bytecode
      // budget shared by all the machine classes a call site sees).
      this.dispatchOnce = true;
      this.localTargets.clear();
      this.storesSkipped.clear();
      cases = this.table.states.map((state) => ({ state, clause: this.buildCase(state) }));
      assert(!this.dispatchesAgain, "a switch that dispatches once has no continue");
    }
    body.push(...this.buildLocals(fields, locals));
    if (this.ctx.usesMachineAlias) {
      body.push(f.createVariableStatement(undefined, f.createVariableDeclarationList(
        [f.createVariableDeclaration(names.machine, undefined, undefined, f.createThis())], this.ts.NodeFlags.Const)));
    }
    // A state left with no way in (every jump to it was threaded) loses its case; its number stays.
    const reachable = (state: State) => this.resumable.has(state) || this.localTargets.has(state)
      || this.ir.regions.some((region) => region.catchLabel !== undefined && this.table.stateOf(region.catchLabel) === state
        || region.finallyLabel !== undefined && this.table.stateOf(region.finallyLabel) === state);
    const kept = cases.filter(({ state }) => reachable(state)).map(({ clause }) => clause);
    const switchOn = this.dispatchOnce ? f.createPropertyAccessExpression(f.createThis(), "state") : f.createIdentifier(names.state);
    const dispatch: TS.Statement = f.createSwitchStatement(switchOn, f.createCaseBlock(kept));
    const loopBody = this.ir.regions.length > 0 ? this.buildTryDispatch(dispatch) : dispatch;
    // Skipping a store of `this.state`, and loading fields in a case, are sound only if no code
    // jumps to that state.
    for (const state of [...this.storesSkipped, ...this.caseLoads.keys()]) {
      assert(!this.localTargets.has(state), `state ${state.name} is jumped to, yet it is treated as entered only on resume`);
    }
    if (!this.dispatchOnce) {
      body.push(f.createForStatement(undefined, undefined, undefined, f.createBlock([loopBody], true)));
    } else if (this.options.inlineStates) {
      // Compiling to JavaScript: nothing after the switch, which only a state no case has gets
      // past (no emitted code stores one); every byte counts against V8's inlining budget.
      body.push(loopBody);
    } else {
      // TypeScript output must not seem to fall off the end of `resume`.
      const error = f.createNewExpression(f.createPropertyAccessExpression(f.createIdentifier(this.ctx.runtimeName), "CoroutineStateError"), undefined,
        [f.createStringLiteral(`${this.options.stateEnum}: no such state`)]);
      body.push(loopBody, f.createThrowStatement(error));
    }
    // With the global runtime `$sl` is a value, not a namespace: its types are plain numbers.
    const runtimeType = (name: string) => this.options.globalRuntime
      ? f.createKeywordTypeNode(this.ts.SyntaxKind.NumberKeyword)
      : f.createTypeReferenceNode(f.createQualifiedName(f.createIdentifier(this.ctx.runtimeName), name));
    const method = f.createMethodDeclaration(
      undefined, undefined, "resume", undefined, undefined,
      [
        f.createParameterDeclaration(undefined, undefined, names.kind, undefined, runtimeType("ResumeKind")),
        f.createParameterDeclaration(undefined, undefined, names.input, undefined, f.createKeywordTypeNode(this.ts.SyntaxKind.AnyKeyword)),
      ],
      runtimeType("Step"),
      f.createBlock(body, true),
    );
    return method;
  }

  /**
   * Where each field is loaded into its local: in the case of a state entered only on resume,
   * the fields live there are loaded at the top of that case (`x = this.x;`); the fields live
   * where some other state resumes are loaded once on entry. A case loads only what it needs
   * (measured: 6% fewer instructions per ready await than loading every field on entry). When
   * the per-case loads would be many (CASE_LOADS_PER_FIELD times the fields), all load on entry.
   */
  private planFieldLoads(fields: readonly string[]): void {
    const isField = new Set(fields);
    const liveAt = new Map<State, Set<string>>();
    const addLive = (state: State, names: Iterable<string>) => {
      const set = liveAt.get(state) ?? new Set<string>();
      for (const name of names) if (isField.has(name)) set.add(name);
      liveAt.set(state, set);
    };
    addLive(this.table.states[0]!, this.liveness.liveAtStart);
    for (const [label, live] of this.liveness.liveAtResume) addLive(this.table.stateOf(label), live);
    // A declaration emitted straight into a case (a nested machine's `const enum`, a class) is
    // scoped to the whole switch: a load there would assign it, so its name loads on entry.
    const shadowed = namesDeclaredInCases(this.ts, this.ir);
    let perCase = 0;
    for (const [state, live] of liveAt) {
      if (this.entryOnly.has(state) && ![...live].some((name) => shadowed.has(name))) {
        this.caseLoads.set(state, fields.filter((name) => live.has(name)));
        perCase += live.size;
      } else for (const name of live) this.entryLoads.add(name);
    }
    if (perCase > CASE_LOADS_PER_FIELD * fields.length) {
      this.caseLoads.clear();
      for (const name of fields) this.entryLoads.add(name);
    }
  }

  /** `let state = this.state, x: T = this.x, …, t0: any, y!: T;` */
  private buildLocals(fields: readonly string[], locals: readonly string[]): TS.Statement[] {
    const f = this.f;
    const declarations: TS.VariableDeclaration[] = this.dispatchOnce ? [] : [
      f.createVariableDeclaration(this.ctx.internal.state, undefined, f.createKeywordTypeNode(this.ts.SyntaxKind.NumberKeyword),
        f.createPropertyAccessExpression(f.createThis(), "state")),
    ];
    // Locals are `any`: TypeScript's narrowing does not follow control across states, and the
    // fields (declared with the source's types) document what each one holds.
    const any = () => f.createKeywordTypeNode(this.ts.SyntaxKind.AnyKeyword);
    if (this.ir.ops.some((op) => op.kind === "checkpoint")) {
      declarations.push(f.createVariableDeclaration(this.ctx.internal.spin, undefined, f.createKeywordTypeNode(this.ts.SyntaxKind.NumberKeyword),
        f.createNumericLiteral(this.options.checkPointBudget)));
    }
    for (const name of fields) {
      const load = this.entryLoads.has(name) ? f.createPropertyAccessExpression(f.createThis(), name) : undefined;
      declarations.push(f.createVariableDeclaration(name, undefined, any(), load));
    }
    for (const name of locals) {
      declarations.push(f.createVariableDeclaration(name, undefined, any(), undefined));
    }
    return declarations.length === 0 ? [] : [f.createVariableStatement(undefined, f.createVariableDeclarationList(declarations, this.ts.NodeFlags.Let))];
  }

  typeOf(name: string): TS.TypeNode {
    const v = this.ctx.vars.get(name);
    return v?.type ?? this.f.createKeywordTypeNode(this.ts.SyntaxKind.AnyKeyword);
  }

  /** A state as written in code: `Enum.Name`, or `3 /* Name *\/` when inlined. */
  stateRef(state: State): TS.Expression {
    const f = this.f;
    if (!this.options.inlineStates) return f.createPropertyAccessExpression(f.createIdentifier(this.options.stateEnum), state.name);
    const literal = f.createNumericLiteral(state.id);
    this.ts.addSyntheticTrailingComment(literal, this.ts.SyntaxKind.MultiLineCommentTrivia, ` ${this.options.stateEnum}.${state.name} `, false);
    return literal;
  }

  private labelRef(label: Label): TS.Expression {
    return this.stateRef(this.table.stateOf(label));
  }

  private buildCase(state: State): TS.CaseClause {
    const site: Site = { caseState: state, tail: true, copied: [], stored: this.entryOnly.has(state) ? state : undefined };
    const f = this.f;
    const loads = (this.caseLoads.get(state) ?? []).map((name) =>
      f.createExpressionStatement(f.createAssignment(f.createIdentifier(name), f.createPropertyAccessExpression(f.createThis(), name))));
    const { statements, fallsThrough } = this.buildStateOps(state, site);
    statements.unshift(...loads);
    if (fallsThrough) {
      const next = this.table.states[state.id + 1];
      // Falling off the last state: the body ended, as `return;` would.
      if (!next || next.start < 0) statements.push(this.buildReturn(undefined));
      // Falling into a short state copies it too: its case may then go, one less to dispatch over.
      else if (this.canCopyInto(next, site)) statements.push(...this.copyOf(next, site, true));
      else statements.push(...this.setStateIfRead(next));
    }
    const clause = this.f.createCaseClause(this.stateRef(state), statements);
    const comment = stateComment(this.ts, state, this.ctx.fn);
    if (comment) this.ts.addSyntheticLeadingComment(clause, this.ts.SyntaxKind.SingleLineCommentTrivia, ` ${comment}`, true);
    if (state.origin) this.ts.setSourceMapRange(clause, state.origin);
    return clause;
  }

  /** The code of `state`'s ops, emitted at `site` (its own case, or a copy in another one). */
  private buildStateOps(state: State, site: Site): { statements: TS.Statement[]; fallsThrough: boolean } {
    const statements: TS.Statement[] = [];
    const ops = this.ir.ops;
    let fallsThrough = true;
    for (let i = state.start; i < state.end; i++) {
      const op = ops[i]!;
      const isLast = i === state.end - 1 || ops.slice(i + 1, state.end).every((o) => o.kind === "mark");
      statements.push(...this.buildOp(op, site, isLast));
      fallsThrough = canFallThrough(op);
      if (!fallsThrough) break; // anything after is unreachable
    }
    return { statements, fallsThrough };
  }

  private buildOp(op: Op, site: Site, isLast: boolean): TS.Statement[] {
    const f = this.f;
    const positioned = <T extends TS.Node>(node: T, origin: TS.Node | undefined): T => (origin ? this.ts.setTextRange(node, origin) : node);
    switch (op.kind) {
      case "mark":
        return [];
      case "stmt":
        return this.substitutePlaceholders(op.node);
      case "assign":
        return [positioned(f.createExpressionStatement(this.ctx.assignExpr(op.target, op.value)), op.origin)];
      case "br":
        return this.jump(op.label, site, isLast);
      case "brtrue":
      case "brfalse": {
        const condition = op.kind === "brtrue" ? op.condition : negate(this.ts, op.condition);
        const taken = this.jump(op.label, { ...site, tail: false }, false);
        return [positioned(f.createIfStatement(condition, f.createBlock(taken, taken.length > 2)), op.origin)];
      }
      case "await":
        return this.suspendAt(op.resume, "await", op.value, op.origin, site);
      case "checkpoint":
        return this.buildCheckPoint(op);
      case "yield":
        return this.suspendAt(op.resume, "yield", op.value, op.origin, site);
      case "delegate":
        return this.buildDelegate(op);
      case "receive":
        return this.buildReceive(op.target, op.unwind, op.throws !== false);
      case "return":
        return [positioned(this.buildReturn(op.value), op.origin)];
      case "throw":
        return [positioned(f.createThrowStatement(op.value), op.origin)];
      case "through":
        return op.completion === Completion.Return
          ? this.throughReturn(op.region, op.value)
          : this.throughJump(op.region, op.target);
      case "endfinally":
        return this.buildEndFinally(op.region);
      default:
        return unreachable(op, "op");
    }
  }

  /** `state = S.L` (the local the dispatch switches on; every write to it goes through here). */
  private setState(target: State): TS.Statement {
    this.localTargets.add(target);
    return this.f.createExpressionStatement(this.f.createAssignment(this.f.createIdentifier(this.ctx.internal.state), this.stateRef(target)));
  }

  /** `state = S.L`, left out where the switch dispatches once and nothing reads the local. */
  private setStateIfRead(target: State): TS.Statement[] {
    if (!this.dispatchOnce) return [this.setState(target)];
    this.localTargets.add(target);
    return [];
  }

  /**
   * `state = S.L; continue;` — or just `state = S.L;` when L is the next case, or `state = S.L;`
   * followed by a copy of L's code when L is short and ends in a terminator (jump threading):
   * one dispatch less, and a loop's back edge tests and suspends in the case it starts from.
   * Where there is a catch dispatcher, `state` is set first, so it routes a throw from the copy
   * as one from L; without one the local is only read by the switch, which the copy bypasses.
   */
  private jump(label: Label, site: Site, isLast: boolean): TS.Statement[] {
    const target = this.table.stateOf(label);
    const tail = site.tail && isLast;
    if (this.canCopyInto(target, site) && (tail || this.isTaskMode || !stateSuspends(this.ir, target))) return this.copyOf(target, site, tail);
    if (tail && target.id === site.caseState.id + 1) return this.setStateIfRead(target);
    return [this.setState(target), this.continueDispatch()];
  }

  /** `target`'s code copied to `site` (see jump), after `state = S.L` where a catch dispatcher reads it. */
  private copyOf(target: State, site: Site, tail: boolean): TS.Statement[] {
    const copy = this.buildStateOps(target, { ...site, tail, copied: [...site.copied, target] });
    assert(!copy.fallsThrough, "a copied state ends in a terminator");
    return this.ir.regions.length > 0 ? [this.setState(target), ...copy.statements] : copy.statements;
  }

  /**
   * Whether `target`'s code may be copied to `site` instead of dispatching to it: it is copyable
   * (case-facts.ts), and not already being copied or the case itself (copying stops after
   * COPY_DEPTH states, so loops are not unrolled).
   */
  private canCopyInto(target: State, site: Site): boolean {
    if (target === site.caseState || site.copied.length >= COPY_DEPTH || site.copied.includes(target)) return false;
    let copyable = this.copyable.get(target);
    if (copyable === undefined) {
      copyable = isCopyable(this.ts, this.ir, target, this.ctx.jumpPlaceholders);
      this.copyable.set(target, copyable);
    }
    return copyable;
  }

  /** Stores what is live at `resume`, sets the state, and returns `this[method](value)`. */
  private suspendAt(resume: Label, method: "await" | "yield" | "yieldDelegated", value: TS.Expression, origin: TS.Node | undefined, site: Site | undefined): TS.Statement[] {
    const f = this.f;
    const statements: TS.Statement[] = [];
    for (const name of this.liveness.storesAt.get(resume) ?? []) {
      if (this.isEntryConstant(name)) continue;
      statements.push(f.createExpressionStatement(f.createAssignment(f.createPropertyAccessExpression(f.createThis(), name), f.createIdentifier(name))));
    }
    const resumeState = this.table.stateOf(resume);
    if (site?.stored === resumeState) this.storesSkipped.add(resumeState);
    else statements.push(f.createExpressionStatement(f.createAssignment(f.createPropertyAccessExpression(f.createThis(), "state"), this.stateRef(resumeState))));
    const call = f.createCallExpression(f.createPropertyAccessExpression(f.createThis(), method), undefined, [value]);
    statements.push(origin ? this.ts.setTextRange(f.createReturnStatement(call), origin) : f.createReturnStatement(call));
    return statements;
  }

  /**
   * One turn of a `yield*` (runtime/src/delegate.ts), at its own state:
   * `switch (d.step(kind, input)) { case 0: …yieldDelegated; case 3: …await; case 2: return d.value }`
   * then the expression's value is `d.value`.
   */
  private buildDelegate(op: Extract<Op, { kind: "delegate" }>): TS.Statement[] {
    const f = this.f;
    const names = this.ctx.internal;
    const d = () => this.ctx.varRef(op.delegate);
    const member = (name: string) => f.createPropertyAccessExpression(d(), name);
    const tag = (value: number, name: string) => {
      const literal = f.createNumericLiteral(value);
      this.ts.addSyntheticTrailingComment(literal, this.ts.SyntaxKind.MultiLineCommentTrivia, ` DelegateStep.${name} `, false);
      return literal;
    };
    const onReturn = op.region ? this.throughReturn(op.region, member("value")) : [this.buildReturn(member("value"))];
    const step = f.createCallExpression(member("step"), undefined, [f.createIdentifier(names.kind), f.createIdentifier(names.input)]);
    const statements: TS.Statement[] = [
      this.ts.setTextRange(f.createSwitchStatement(step, f.createCaseBlock([
        f.createCaseClause(tag(0, "Yield"), this.suspendAt(op.resume, "yieldDelegated", member("yielded"), undefined, undefined)),
        f.createCaseClause(tag(3, "Await"), this.suspendAt(op.resume, "await", member("awaited"), undefined, undefined)),
        f.createCaseClause(tag(2, "Return"), onReturn),
      ])), op.origin),
    ];
    if (op.target) statements.push(f.createExpressionStatement(this.ctx.assignExpr(op.target, member("value"))));
    return statements;
  }

  /**
   * `if (--spin < 0) { spin = N; if ($sl.checkpoint()) { stores; this.state = S.Preempt0; return this.preempt(); } }`:
   * the fast path is a decrement and a compare of a JS local; the clock is read once per N.
   */
  private buildCheckPoint(op: Extract<Op, { kind: "checkpoint" }>): TS.Statement[] {
    const f = this.f;
    const ts = this.ts;
    const spin = () => f.createIdentifier(this.ctx.internal.spin);
    const suspend: TS.Statement[] = [];
    for (const name of this.liveness.storesAt.get(op.resume) ?? []) {
      if (this.isEntryConstant(name)) continue;
      suspend.push(f.createExpressionStatement(f.createAssignment(f.createPropertyAccessExpression(f.createThis(), name), f.createIdentifier(name))));
    }
    suspend.push(f.createExpressionStatement(f.createAssignment(f.createPropertyAccessExpression(f.createThis(), "state"), this.labelRef(op.resume))));
    suspend.push(f.createReturnStatement(f.createCallExpression(f.createPropertyAccessExpression(f.createThis(), "preempt"), undefined, [])));
    const spent = f.createCallExpression(f.createPropertyAccessExpression(f.createIdentifier(this.ctx.runtimeName), "checkpoint"), undefined, []);
    const slow = f.createBlock([
      f.createExpressionStatement(f.createAssignment(spin(), f.createNumericLiteral(this.options.checkPointBudget))),
      f.createIfStatement(spent, f.createBlock(suspend, true)),
    ], true);
    if (op.spent) return slow.statements.map((s) => ts.setTextRange(s, op.origin));
    const countdown = f.createBinaryExpression(f.createPrefixUnaryExpression(ts.SyntaxKind.MinusMinusToken, spin()), ts.SyntaxKind.LessThanToken, f.createNumericLiteral(0));
    return [ts.setTextRange(f.createIfStatement(countdown, slow), op.origin)];
  }

  /** Parameters that are never reassigned are in their field from the constructor on. */
  private isEntryConstant(name: string): boolean {
    const v = this.ctx.vars.get(name);
    return !!v?.isParam && !v.binding?.written;
  }

  /** `if (kind === 1 /* Throw *\/) throw input; t0 = input;` */
  private buildReceive(target: string | undefined, unwind: Unwind | undefined, throws: boolean): TS.Statement[] {
    const f = this.f;
    const names = this.ctx.internal;
    const kindIs = (value: number, name: string) => {
      const literal = f.createNumericLiteral(value);
      this.ts.addSyntheticTrailingComment(literal, this.ts.SyntaxKind.MultiLineCommentTrivia, ` ResumeKind.${name} `, false);
      return f.createStrictEquality(f.createIdentifier(names.kind), literal);
    };
    const statements: TS.Statement[] = [];
    const rethrow = f.createIfStatement(kindIs(1, "Throw"), f.createThrowStatement(f.createIdentifier(names.input)));
    if (unwind) {
      const value = unwind.withValue ? f.createIdentifier(names.input) : undefined;
      const leave = unwind.region ? this.throughReturn(unwind.region, value) : [this.buildReturn(value)];
      if (throws) {
        // A resume point is resumed with Next, Throw or its unwind kind (the task driver never
        // sends Return, the generator drivers never Cancel): past Next and Throw it is the unwind.
        const next = f.createNumericLiteral(0);
        this.ts.addSyntheticTrailingComment(next, this.ts.SyntaxKind.MultiLineCommentTrivia, " ResumeKind.Next ", false);
        this.ts.addSyntheticTrailingComment(rethrow, this.ts.SyntaxKind.SingleLineCommentTrivia, unwind.resumeKind === 3 ? " else Cancel" : " else Return", true);
        statements.push(f.createIfStatement(f.createStrictInequality(f.createIdentifier(names.kind), next), f.createBlock([rethrow, ...leave], true)));
      } else {
        statements.push(f.createIfStatement(kindIs(unwind.resumeKind, unwind.resumeKind === 3 ? "Cancel" : "Return"), f.createBlock(leave, true)));
      }
    } else if (throws) statements.push(rethrow);
    if (target) statements.push(f.createExpressionStatement(this.ctx.assignExpr(target, f.createIdentifier(names.input))));
    return statements;
  }

  private buildReturn(value: TS.Expression | undefined): TS.Statement {
    const f = this.f;
    return f.createReturnStatement(f.createCallExpression(f.createPropertyAccessExpression(f.createThis(), "done"), undefined, value ? [value] : []));
  }

  private record(region: TryRegion, completion: Completion, value: TS.Expression | undefined): TS.Statement[] {
    const f = this.f;
    const statements = [f.createExpressionStatement(this.ctx.assignExpr(region.completionKind!, f.createNumericLiteral(completion)))];
    if (value) statements.push(f.createExpressionStatement(this.ctx.assignExpr(region.completionValue!, value)));
    return statements;
  }

  /** `t1 = 2; t2 = value;` then go to the finally (`go` is a plain jump, or a pending one). */
  private throughReturn(region: TryRegion, value: TS.Expression | undefined, go = this.goTo): TS.Statement[] {
    return [...this.record(region, Completion.Return, value ?? this.f.createVoidZero()), ...go(this.table.stateOf(region.finallyLabel!))];
  }

  private throughJump(region: TryRegion, target: Label, go = this.goTo): TS.Statement[] {
    this.localTargets.add(this.table.stateOf(target)); // the finally's end jumps there
    return [...this.record(region, Completion.Jump, this.labelRef(target)), ...go(this.table.stateOf(region.finallyLabel!))];
  }

  /** `state = S.X; continue;` */
  private readonly goTo = (target: State): TS.Statement[] => [this.setState(target), this.continueDispatch()];

  /** `continue;`: dispatch again on the local `state`. */
  private continueDispatch(): TS.Statement {
    this.dispatchesAgain = true;
    return this.f.createContinueStatement();
  }

  /** Resumes the completion a finally block was entered with; a normal one falls through. */
  private buildEndFinally(region: TryRegion): TS.Statement[] {
    const f = this.f;
    const ts = this.ts;
    const kinds = this.completions.get(region) ?? new Set();
    const kindRef = () => this.ctx.varRef(region.completionKind!);
    const valueRef = () => this.ctx.varRef(region.completionValue!);
    const is = (c: Completion) => f.createStrictEquality(kindRef(), f.createNumericLiteral(c));
    const statements: TS.Statement[] = [f.createIfStatement(is(Completion.Throw), f.createThrowStatement(valueRef()))];
    if (kinds.has(Completion.Return)) {
      const outer = region.outerFinally;
      const onReturn = outer ? this.throughReturn(outer, valueRef()) : [this.buildReturn(valueRef())];
      statements.push(f.createIfStatement(is(Completion.Return), f.createBlock(onReturn, false)));
    }
    if (kinds.has(Completion.Jump)) {
      const go = [
        f.createExpressionStatement(f.createAssignment(f.createIdentifier(this.ctx.internal.state), valueRef())),
        this.continueDispatch(),
      ];
      statements.push(f.createIfStatement(is(Completion.Jump), f.createBlock(go, false)));
    }
    void ts;
    return statements;
  }

  /** `for (;;) { try { switch … } catch (error) { route to the handler or rethrow } }` */
  private buildTryDispatch(dispatch: TS.Statement): TS.Statement {
    const f = this.f;
    const ts = this.ts;
    const names = this.ctx.internal;
    const error = () => f.createIdentifier(names.error);
    const stateId = () => f.createIdentifier(names.state);
    const inRange = (from: Label, to: Label) => f.createLogicalAnd(
      f.createBinaryExpression(stateId(), ts.SyntaxKind.GreaterThanEqualsToken, this.labelRef(from)),
      f.createBinaryExpression(stateId(), ts.SyntaxKind.LessThanToken, this.labelRef(to)),
    );
    let handler: TS.Statement = f.createThrowStatement(error());
    // Innermost regions are created last; test them first by folding outward-in.
    for (const region of this.ir.regions) {
      const tryEnd = region.catchLabel ?? region.finallyLabel ?? region.endLabel;
      if (region.catchLabel !== undefined && region.finallyLabel !== undefined) {
        handler = f.createIfStatement(inRange(region.catchLabel, region.finallyLabel),
          f.createBlock([...this.record(region, Completion.Throw, error()), this.setState(this.table.stateOf(region.finallyLabel))], true), handler);
      }
      if (region.catchLabel !== undefined) {
        handler = f.createIfStatement(inRange(region.tryLabel, tryEnd), f.createBlock([
          f.createExpressionStatement(this.ctx.assignExpr(region.errorTemp!, error())),
          this.setState(this.table.stateOf(region.catchLabel)),
        ], true), handler);
      } else if (region.finallyLabel !== undefined) {
        handler = f.createIfStatement(inRange(region.tryLabel, tryEnd),
          f.createBlock([...this.record(region, Completion.Throw, error()), this.setState(this.table.stateOf(region.finallyLabel))], true), handler);
      }
    }
    return f.createTryStatement(
      f.createBlock([dispatch], true),
      f.createCatchClause(names.error, f.createBlock([handler], true)),
      undefined,
    );
  }

  /**
   * Replaces the placeholders rewrite.ts left for jumps out of plain code. Each jump leaves the
   * statement by a labeled `break`; what the jump does (record a completion, set the state)
   * runs only once the statement is left, after its own `finally` blocks ran, because one of
   * them may still throw (that throw belongs to this state) or jump elsewhere (which cancels
   * this jump, as in JavaScript):
   *
   *     done: { jump1: { jump0: { …stmt: `t1 = v; break jump0;`… break done; } t0 = 2; state = S.Finally0; continue; } state = S.X; continue; }
   */
  private substitutePlaceholders(node: TS.Statement): TS.Statement[] {
    const placeholders = this.ctx.jumpPlaceholders;
    if (placeholders.size === 0) return [node];
    const ts = this.ts;
    const f = this.f;
    const exits: { label: string; code: TS.Statement[] }[] = [];
    const visit = (n: TS.Node): TS.Node => {
      const jump = placeholders.get(n);
      if (jump) {
        const label = this.ctx.names.claimInternal("jump");
        const { early, code } = this.placeholderStatements(jump);
        exits.push({ label, code });
        return f.createBlock([...early, f.createBreakStatement(label)], false);
      }
      return ts.visitEachChild(n, visit, undefined);
    };
    const visited = visit(node) as TS.Statement;
    if (exits.length === 0) return [node];
    const done = this.ctx.names.claimInternal("done");
    let block: TS.Statement = f.createBlock([...(ts.isBlock(visited) ? visited.statements : [visited]), f.createBreakStatement(done)], true);
    for (const exit of exits) block = f.createBlock([f.createLabeledStatement(exit.label, block), ...exit.code], true);
    return [f.createLabeledStatement(done, block)];
  }

  /**
   * What a jump out of plain code does: `early` runs where the jump is (evaluating a returned
   * value before the statement's `finally` blocks), `code` once the statement is left.
   */
  private placeholderStatements(jump: PlaceholderJump): { early: TS.Statement[]; code: TS.Statement[] } {
    const f = this.f;
    switch (jump.kind) {
      case "br":
        return { early: [], code: this.goTo(this.table.stateOf(jump.label)) };
      case "through":
        return { early: [], code: this.throughJump(jump.region, jump.target) };
      case "return-through": {
        const value = f.createExpressionStatement(this.ctx.assignExpr(jump.region.completionValue!, jump.value ?? f.createVoidZero()));
        const record = f.createExpressionStatement(this.ctx.assignExpr(jump.region.completionKind!, f.createNumericLiteral(Completion.Return)));
        return { early: [value], code: [record, ...this.goTo(this.table.stateOf(jump.region.finallyLabel!))] };
      }
    }
  }
}

/** `fetchTwo(get, retries)`: how the Start state reads. */
function startComment(ts: LoweringContext["ts"], fn: TS.Node): string | undefined {
  if (!ts.isFunctionLike(fn)) return undefined;
  const name = fn.name && (ts.isIdentifier(fn.name) || ts.isPrivateIdentifier(fn.name)) ? fn.name.text : "anonymous";
  const params = fn.parameters.map((p) => (ts.isIdentifier(p.name) ? p.name.text : "…")).join(", ");
  return `${name}(${params})`;
}

function negate(ts: LoweringContext["ts"], condition: TS.Expression): TS.Expression {
  if (ts.isPrefixUnaryExpression(condition) && condition.operator === ts.SyntaxKind.ExclamationToken) return condition.operand;
  return ts.factory.createLogicalNot(condition);
}

/** `await get(a) @ 4:17`: the source text a state stands for, on one line. */
export function stateComment(ts: LoweringContext["ts"], state: State, fn: TS.Node): string | undefined {
  const origin = ts.getParseTreeNode(state.label.kind === "Start" ? fn : state.origin) ?? (state.label.kind === "Start" ? fn : undefined);
  if (!origin || origin.pos < 0) return undefined;
  const file = origin.getSourceFile();
  if (!file) return undefined;
  const start = origin.getStart(file);
  let text = file.text.slice(start, origin.end).split("\n")[0]!.trim();
  if (state.label.kind === "Start") text = startComment(ts, origin) ?? text;
  if (text.length > 60) text = `${text.slice(0, 57)}…`;
  const { line, character } = file.getLineAndCharacterOfPosition(start);
  return `${text} @ ${line + 1}:${character + 1}`;
}
