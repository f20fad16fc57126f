// Liveness of machine variables over the IR: which locals hold a value that is still needed
// after a suspension. Those (and only those) become fields, and each suspension stores just the
// ones live where it resumes; everything else stays a JS local inside `resume`.
//
// Rules:
//  1. The CFG has an edge per fall-through, jump, branch, finally continuation, and from every
//     op inside a try (catch) block to its catch (finally) handler: a throw can happen anywhere.
//  2. A `.stmt` op uses every machine variable it names and defines none: it is opaque, so we
//     over-approximate (a variable it assigns stays live above it).
//  3. The handler's own temps (the caught error, the completion record) are written by the
//     dispatcher, so they are not live along exception edges.

import type { FunctionIR, Label, Op } from "../ir/ir.js";
import type { TS, TsApi } from "../ts-api.js";

export interface Liveness {
  /** Variables live where the machine resumes after each suspension, by resume label. */
  readonly liveAtResume: Map<Label, Set<string>>;
  /** Variables live at the start (parameters and captured `this`/`arguments`). */
  readonly liveAtStart: Set<string>;
  /** Every variable that is live at some resume point: the machine's fields. */
  readonly fields: Set<string>;
  /**
   * What each suspension must store: the variables live where it resumes that may have been
   * assigned since the machine last resumed (the others still equal their field).
   */
  readonly storesAt: Map<Label, Set<string>>;
}

export function analyzeLiveness(ts: TsApi, ir: FunctionIR, variables: ReadonlySet<string>): Liveness {
  const { ops } = ir;
  const n = ops.length;
  const uses: Set<string>[] = [];
  const defs: Set<string>[] = [];
  const writes: Set<string>[] = [];
  for (const op of ops) {
    const [u, d] = useDef(ts, op, variables);
    uses.push(u);
    defs.push(d);
    writes.push(nestedWrites(ts, op, variables));
  }
  const successors = buildSuccessors(ir);
  const exceptional = buildExceptionEdges(ir);

  const liveIn: Set<string>[] = ops.map(() => new Set());
  for (let changed = true; changed; ) {
    changed = false;
    for (let i = n - 1; i >= 0; i--) {
      const out = new Set<string>();
      for (const s of successors[i]!) for (const v of liveIn[s] ?? []) out.add(v);
      for (const { target, excluded } of exceptional[i]!) for (const v of liveIn[target] ?? []) if (!excluded.has(v)) out.add(v);
      const next = new Set(uses[i]);
      for (const v of out) if (!defs[i]!.has(v)) next.add(v);
      if (next.size !== liveIn[i]!.size) {
        liveIn[i] = next;
        changed = true;
      }
    }
  }

  const liveAtResume = new Map<Label, Set<string>>();
  const fields = new Set<string>();
  for (const op of ops) {
    if (op.kind !== "await" && op.kind !== "checkpoint" && op.kind !== "yield" && op.kind !== "delegate") continue;
    const live = liveIn[ir.labels[op.resume]!.position] ?? new Set<string>();
    liveAtResume.set(op.resume, live);
    live.forEach((v) => fields.add(v));
  }
  const liveAtStart = liveIn[0] ?? new Set<string>();
  liveAtStart.forEach((v) => fields.add(v));

  const dirty = analyzeDirty(ir, successors, exceptional, defs.map((d, i) => new Set([...d, ...writes[i]!])), uses);
  const storesAt = new Map<Label, Set<string>>();
  ops.forEach((op, i) => {
    if (op.kind !== "await" && op.kind !== "checkpoint" && op.kind !== "yield" && op.kind !== "delegate") return;
    const live = liveAtResume.get(op.resume)!;
    storesAt.set(op.resume, new Set([...live].filter((v) => dirty[i]!.has(v))));
  });
  return { liveAtResume, liveAtStart, fields, storesAt };
}

/**
 * Forward "may have been assigned since the last resume" sets, at the entry of each op. Every
 * `resume` call starts clean (locals were just loaded from the fields). Opaque `.stmt` ops may
 * assign anything they name (rule 2), and a handler's own temps are dirty on entry.
 */
function analyzeDirty(ir: FunctionIR, successors: number[][], exceptional: { target: number; excluded: Set<string> }[][], defs: Set<string>[], uses: Set<string>[]): Set<string>[] {
  const { ops } = ir;
  const dirtyIn: Set<string>[] = ops.map(() => new Set());
  const handlerTemps = new Map<number, string[]>();
  for (const region of ir.regions) {
    if (region.catchLabel !== undefined) handlerTemps.set(ir.labels[region.catchLabel]!.position, [region.errorTemp!]);
    if (region.finallyLabel !== undefined) handlerTemps.set(ir.labels[region.finallyLabel]!.position, [region.completionKind!, region.completionValue!]);
  }
  // Await resumes start clean. A check point's resume state is reached only by resuming too.
  // (A yield*'s state is also entered by falling into it, so it does not start clean.)
  const resumeLabels = ops.flatMap((op) => (op.kind === "await" || op.kind === "checkpoint" || op.kind === "yield" ? [op.resume] : []));
  const resumePoints = new Set(resumeLabels.map((label) => ir.labels[label]!.position));
  for (let changed = true; changed; ) {
    changed = false;
    ops.forEach((op, i) => {
      const out = resumePoints.has(i) ? new Set<string>() : new Set(dirtyIn[i]);
      defs[i]!.forEach((v) => out.add(v));
      if (op.kind === "stmt") uses[i]!.forEach((v) => out.add(v));
      const flow = (target: number, extra: readonly string[] = []) => {
        const into = dirtyIn[target];
        if (!into) return;
        for (const v of [...out, ...extra]) if (!into.has(v)) { into.add(v); changed = true; }
      };
      if (op.kind !== "await" && op.kind !== "yield") successors[i]!.forEach((s) => flow(s, handlerTemps.get(s)));
      exceptional[i]!.forEach(({ target }) => flow(target, handlerTemps.get(target)));
    });
  }
  return dirtyIn;
}

function buildSuccessors(ir: FunctionIR): number[][] {
  const { ops, labels } = ir;
  const at = (label: Label) => labels[label]!.position;
  return ops.map((op, i) => {
    const next = i + 1 < ops.length ? [i + 1] : [];
    switch (op.kind) {
      case "br":
        return [at(op.label)];
      case "brtrue":
      case "brfalse":
        return [...next, at(op.label)];
      case "return":
      case "throw":
        return [];
      case "through":
        return [at(op.region.finallyLabel!)];
      case "endfinally": {
        const targets = op.region.jumpTargets.map(at);
        if (op.region.outerFinally) targets.push(at(op.region.outerFinally.finallyLabel!));
        return [...next, ...targets];
      }
      case "stmt":
        return [...next, ...op.jumps.map(at)];
      case "receive":
        return op.unwind?.region ? [...next, at(op.unwind.region.finallyLabel!)] : next;
      case "delegate":
        return op.region ? [...next, at(op.region.finallyLabel!)] : next;
      default:
        return next;
    }
  });
}

function buildExceptionEdges(ir: FunctionIR): { target: number; excluded: Set<string> }[][] {
  const edges: { target: number; excluded: Set<string> }[][] = ir.ops.map(() => []);
  const at = (label: Label | undefined) => (label === undefined ? undefined : ir.labels[label]!.position);
  for (const region of ir.regions) {
    const tryStart = at(region.tryLabel)!;
    const catchStart = at(region.catchLabel);
    const finallyStart = at(region.finallyLabel);
    const end = at(region.endLabel)!;
    const completion = new Set([region.completionKind, region.completionValue].filter((v): v is string => !!v));
    const tryEnd = catchStart ?? finallyStart ?? end;
    const tryHandler = catchStart ?? finallyStart;
    if (tryHandler !== undefined) {
      const excluded = catchStart !== undefined ? new Set([region.errorTemp!]) : completion;
      for (let i = tryStart; i < tryEnd; i++) edges[i]!.push({ target: tryHandler, excluded });
    }
    if (catchStart !== undefined && finallyStart !== undefined) {
      for (let i = catchStart; i < finallyStart; i++) edges[i]!.push({ target: finallyStart, excluded: completion });
    }
  }
  return edges;
}

function useDef(ts: TsApi, op: Op, variables: ReadonlySet<string>): [Set<string>, Set<string>] {
  const uses = new Set<string>();
  const defs = new Set<string>();
  const read = (node: TS.Node | undefined) => node && collectNames(ts, node, variables, uses);
  switch (op.kind) {
    case "assign":
      read(op.value);
      if (variables.has(op.target)) defs.add(op.target);
      break;
    case "stmt":
      read(op.node);
      break;
    case "brtrue":
    case "brfalse":
      read(op.condition);
      break;
    case "await":
    case "yield":
      read(op.value);
      break;
    case "delegate":
      uses.add(op.delegate);
      if (op.target && variables.has(op.target)) defs.add(op.target);
      break;
    case "receive":
      if (op.target && variables.has(op.target)) defs.add(op.target);
      break;
    case "return":
      read(op.value);
      break;
    case "throw":
      read(op.value);
      break;
    case "through":
      if (op.completion === 2) read(op.value);
      for (const v of [op.region.completionKind, op.region.completionValue]) if (v && variables.has(v)) defs.add(v);
      break;
    case "endfinally":
      for (const v of [op.region.completionKind, op.region.completionValue]) if (v && variables.has(v)) uses.add(v);
      if (op.region.outerFinally) {
        // A return passing on to the outer finally writes its record.
      }
      break;
  }
  return [uses, defs];
}

/**
 * Variables an op assigns inside its expressions (`f(v = 2)`, `await ++v`): not definitions
 * for liveness (the op does not kill them), but they make the local differ from its field.
 */
function nestedWrites(ts: TsApi, op: Op, variables: ReadonlySet<string>): Set<string> {
  const out = new Set<string>();
  const visit = (node: TS.Node): void => {
    if (ts.isFunctionLike(node)) return;
    if (ts.isBinaryExpression(node) && node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && node.operatorToken.kind <= ts.SyntaxKind.LastAssignment) {
      collectNames(ts, node.left, variables, out);
    } else if ((ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) &&
      (node.operator === ts.SyntaxKind.PlusPlusToken || node.operator === ts.SyntaxKind.MinusMinusToken)) {
      collectNames(ts, node.operand, variables, out);
    }
    ts.forEachChild(node, visit);
  };
  for (const child of opExpressions(op)) visit(child);
  return out;
}

function opExpressions(op: Op): TS.Node[] {
  switch (op.kind) {
    case "assign": return [op.value];
    case "brtrue": case "brfalse": return [op.condition];
    case "await": return [op.value];
    case "yield": return [op.value];
    case "return": return op.value ? [op.value] : [];
    case "throw": return [op.value];
    case "through": return op.completion === 2 && op.value ? [op.value] : [];
    default: return [];
  }
}

/** Adds every machine variable named in `node` to `into` (property names excluded). */
function collectNames(ts: TsApi, node: TS.Node, variables: ReadonlySet<string>, into: Set<string>): void {
  if (ts.isIdentifier(node)) {
    if (variables.has(node.text)) into.add(node.text);
    return;
  }
  if (ts.isPropertyAccessExpression(node)) return collectNames(ts, node.expression, variables, into);
  if (ts.isPropertyAssignment(node)) {
    if (ts.isComputedPropertyName(node.name)) collectNames(ts, node.name, variables, into);
    return collectNames(ts, node.initializer, variables, into);
  }
  ts.forEachChild(node, (child) => collectNames(ts, child, variables, into));
}
