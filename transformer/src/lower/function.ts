// Lowers one coroutine: runs the analyses, lowers its parameters and body to IR, computes
// liveness, and builds the state enum, the machine class and the wrapper that replaces it.
// Any construct we cannot lower yet ends here with a diagnostic and the function untouched.

import { analyzeLiveness } from "../analysis/liveness.js";
import { NameAllocator, planHoisting, RESERVED_MEMBER_NAMES } from "../analysis/hoisting.js";
import { needsArgumentsAliasing } from "../analysis/arguments-aliasing.js";
import { findOuterPrivateName } from "../analysis/private-names.js";
import { analyzeScopes } from "../analysis/scopes.js";
import { findScopingLimit } from "../analysis/scoping-limits.js";
import { SuspendAnalysis } from "../analysis/suspends.js";
import { planTdzChecks } from "../analysis/tdz.js";
import { createDiagnostic, Diagnostics } from "../diagnostics.js";
import { buildMachineClass, buildResumeInterface, buildSloppyResume, buildSpecCall, buildStateEnum, type MachineParameter } from "../emit/machine-class.js";
import { ResumeEmitter } from "../emit/resume-method.js";
import { buildStateReport } from "../emit/state-report.js";
import { numberStates } from "../emit/states.js";
import type { FunctionReport } from "../api-types.js";
import { IRBuilder } from "../ir/builder.js";
import { formatIR } from "../ir/listing.js";
import { isAsync, type CoroutineNode } from "../select.js";
import type { PreemptSettings } from "../options.js";
import type { TS, TsApi } from "../ts-api.js";
import { LoweringContext, Unsupported } from "./context.js";
import { emitReturn } from "./jumps.js";
import { canFallThrough, lowerStatements } from "./statements.js";
import { lowerExpression } from "./expressions.js";
import { bindingNameToTarget, visitExpression } from "./rewrite.js";

export interface LowerFunctionInput {
  readonly ts: TsApi;
  readonly node: CoroutineNode;
  /** `F$Machine` and `F$State`, unique in the file. */
  readonly machineName: string;
  readonly enumName: string;
  readonly displayName: string;
  readonly runtimeName: string;
  readonly inlineStates: boolean;
  readonly globalRuntime: boolean;
  readonly mode: "spec" | "task";
  /** Pre-emption check points for this function, or undefined when off. */
  readonly preempt: PreemptSettings | undefined;
  /** The class a method belongs to, to type `this`. */
  readonly thisType: TS.TypeNode | undefined;
  /**
   * Where the machine can use the enclosing classes' `#x`: `"inPlace"` when its declarations
   * land inside a class body already (a function nested in a method: it stays there, in the
   * scope of the locals it captures); `{ host }` when they land outside the nearest class,
   * named `host` (a method: the machine becomes its static member); undefined when no class
   * encloses the function, or the nearest one is anonymous and would need the member.
   */
  readonly privateNames: "inPlace" | { readonly host: string } | undefined;
  /** Sloppy-mode code: `resume` must not be a class method (class bodies are strict). */
  readonly sloppy?: boolean;
}

export interface LoweredFunction {
  /** The enum (unless states are inlined) and the machine class, for the enclosing scope. */
  readonly declarations: TS.Statement[];
  /**
   * For a body that uses private names: `static #F$Machine = class …` and its set-up, to put
   * at the start of the enclosing class (the machine class is then not in `declarations`).
   */
  readonly classMembers: TS.ClassElement[];
  /** The wrapper that takes the original function's place (an object-literal generator method becomes a property, an anonymous generator expression a set-up call). */
  readonly replacement: TS.Node;
  /** What inspect() reports of the function; computed on demand. */
  readonly report: () => FunctionReport;
}

export function lowerFunction(input: LowerFunctionInput): LoweredFunction | { diagnostic: TS.Diagnostic } {
  try {
    return lowerFunctionOrThrow(input);
  } catch (error) {
    if (error instanceof Unsupported) return { diagnostic: error.diagnostic };
    throw error;
  }
}

function lowerFunctionOrThrow(input: LowerFunctionInput): LoweredFunction {
  const { ts, node } = input;
  const f = ts.factory;
  const functionKind = node.asteriskToken ? (isAsync(ts, node) ? "async-generator" : "generator") : "async";
  const isGenerator = functionKind !== "async";
  if (isGenerator && input.mode === "task") throw new Unsupported(createDiagnostic(ts, Diagnostics.GeneratorNotLoweredYet, node.asteriskToken, [input.displayName]));
  // A generator object's prototype is its function's `prototype`: the wrapper must name itself.
  const functionRef = isGenerator ? generatorFunctionRef(ts, node) : undefined;
  if (isGenerator && !functionRef) throw new Unsupported(createDiagnostic(ts, Diagnostics.GeneratorNotLoweredYet, node.asteriskToken, [input.displayName]));
  // 1. Analyses: suspension points, scopes, the hoisting plan, names.
  const suspends = new SuspendAnalysis(ts, {
    calls: !!input.preempt?.calls,
    loops: !!input.preempt?.loops,
    returnsAwait: !!node.asteriskToken && isAsync(ts, node),
  });
  const limit = findScopingLimit(ts, node, !!input.sloppy);
  if (limit) throw new Unsupported(createDiagnostic(ts, limit.template, limit.node, limit.args));
  // Seen syntactically, before lowering: the lowering paths that split an expression do not
  // all pass its `#x` through rewrite.ts, which records the uses it sees.
  const outerPrivateName = findOuterPrivateName(ts, node);
  if (outerPrivateName && !input.privateNames) {
    const at = outerPrivateName.pos >= 0 ? outerPrivateName : node;
    throw new Unsupported(createDiagnostic(ts, Diagnostics.PrivateNameNotLoweredYet, at, [outerPrivateName.text]));
  }
  const scopes = analyzeScopes(ts, node);
  const names = new NameAllocator(scopes.names, RESERVED_MEMBER_NAMES);
  // A sloppy function's parameters stay aliased to `arguments` where that can be seen.
  const aliasParameters = !!input.sloppy && needsArgumentsAliasing(ts, node, scopes);
  const plan = planHoisting(ts, node, scopes, suspends, names, { aliasParameters });
  const internal = {
    state: names.claimInternal("state"), kind: names.claimInternal("kind"), input: names.claimInternal("input"),
    error: names.claimInternal("error"), machine: names.claimInternal("machine"),
    spin: names.claimInternal("spin"),
  };
  const b = new IRBuilder();
  const ctx = new LoweringContext(ts, node, b, suspends, scopes, plan, names, internal, input.runtimeName);
  const runtime = (name: string) => f.createPropertyAccessExpression(f.createIdentifier(input.runtimeName), name);
  ctx.privateHost = input.privateNames === undefined ? undefined : input.privateNames === "inPlace" ? "(in place)" : input.privateNames.host;
  // Task mode: a cancelled task unwinds each machine from its await through its finally blocks.
  if (input.mode === "task") ctx.abruptResume = { resumeKind: 3, withValue: false };
  ctx.tdz = planTdzChecks(ts, node, plan);
  ctx.functionKind = functionKind;

  // 2. Parameters: every one is a machine variable; defaults and destructuring run first, at
  //    call time, inside the machine (so a throw rejects instead of throwing synchronously).
  const start = b.defineLabel("Start", node);
  b.markLabel(start);
  const parameterNames: { param: TS.ParameterDeclaration; name: string; wrapperName: string }[] = [];
  if (plan.parameterEnv) {
    // The parameters stay the wrapper's (aliased to its `arguments`): the machine reaches them
    // through one accessor object, an entry value like `arguments` (see buildParameterAccessors).
    ctx.vars.set(plan.parameterEnv.name, { binding: undefined, name: plan.parameterEnv.name, fieldOnly: false, type: undefined, env: undefined, isParam: true, isTemp: false });
  }
  node.parameters.forEach((parameter, index) => {
    if (ts.isIdentifier(parameter.name) && parameter.name.text === "this") return;
    if (plan.parameterEnv) return;
    if (isGenerator) {
      // A generator binds its parameters when called (a throw there is synchronous): the
      // wrapper keeps the parameter list, and the machine receives every name it bound.
      for (const id of boundNames(ts, parameter.name)) {
        const hoisted = ctx.hoistedOf(id)!;
        const name = ctx.declareHoisted({ ...hoisted, type: ts.isIdentifier(parameter.name) ? parameterType(ts, parameter) : undefined }, true);
        parameterNames.push({ param: parameter, name, wrapperName: id.text });
      }
      return;
    }
    let name: string;
    let wrapperName: string;
    if (ts.isIdentifier(parameter.name)) {
      const hoisted = ctx.hoistedOf(parameter.name)!;
      name = ctx.declareHoisted({ ...hoisted, type: parameterType(ts, parameter) }, true);
      wrapperName = parameter.name.text;
      // A default is a write: the parameter is no longer its entry value.
      if (parameter.initializer && hoisted.binding) hoisted.binding.written = true;
    } else {
      // `{ a, b }: T` arrives as `arg0: T` and is destructured into hoisted names.
      name = wrapperName = names.claim(`arg${index}`);
      ctx.vars.set(name, { binding: undefined, name, fieldOnly: false, type: parameterType(ts, parameter), env: undefined, isParam: true, isTemp: false });
      markPatternWritten(ts, ctx, parameter.name);
    }
    parameterNames.push({ param: parameter, name, wrapperName });
    if (parameter.initializer) {
      const test = f.createStrictEquality(ctx.varRef(name), f.createVoidZero());
      const assign = f.createExpressionStatement(f.createAssignment(ctx.varRef(name), visitExpression(ctx, parameter.initializer)));
      b.emitOp({ kind: "stmt", node: ts.setTextRange(f.createIfStatement(test, assign), parameter), jumps: [], returns: false });
    }
    if (!ts.isIdentifier(parameter.name)) {
      const pattern = bindingNameToTarget(ctx, parameter.name);
      b.emitOp({ kind: "stmt", node: ts.setTextRange(f.createExpressionStatement(f.createAssignment(pattern, ctx.varRef(name))), parameter), jumps: [], returns: false });
    }
  });

  // 3. The body.
  ctx.enterTdz(node); // the body's own `let`s that can be read early start uninitialized
  const body = node.body!;
  if (ts.isBlock(body)) lowerStatements(ctx, withoutPrologue(ts, body.statements));
  else emitReturn(ctx, lowerExpression(ctx, body), body);
  if (canFallThrough(b.lastOp())) emitReturn(ctx, undefined);
  for (const checkPoint of ctx.checkPointResumes) {
    b.markLabel(checkPoint.resume);
    const unwind = ctx.abruptResume && { ...ctx.abruptResume, region: checkPoint.region };
    b.emitOp({ kind: "receive", target: undefined, unwind, throws: false });
    b.emitOp({ kind: "br", label: checkPoint.continuation });
  }
  for (const trampoline of ctx.trampolines) {
    b.markLabel(trampoline.label);
    b.emitOp({ kind: "through", region: trampoline.region, completion: 3, target: trampoline.target });
  }
  const ir = b.finish();

  // 4. Liveness decides fields; states get numbers.
  const variables = new Set([...ctx.vars.values()].filter((v) => !v.fieldOnly).map((v) => v.name));
  const liveness = analyzeLiveness(ts, ir, variables);
  const table = numberStates(ir, []);
  const emitter = new ResumeEmitter(ctx, ir, table, liveness, { stateEnum: input.enumName, inlineStates: input.inlineStates, globalRuntime: input.globalRuntime, checkPointBudget: input.preempt?.budget ?? 0 });

  // 5. The machine: constructor parameters are the entry values that are needed later.
  const constructorParams: MachineParameter[] = [];
  const entry: { name: string; argument: TS.Expression }[] = [];
  if (ctx.thisVar) entry.push({ name: ctx.thisVar, argument: f.createThis() });
  if (ctx.argumentsVar) entry.push({ name: ctx.argumentsVar, argument: f.createIdentifier("arguments") });
  if (ctx.newTargetVar) entry.push({ name: ctx.newTargetVar, argument: f.createMetaProperty(ts.SyntaxKind.NewKeyword, f.createIdentifier("target")) });
  if (ctx.superVar) {
    const key = f.createParameterDeclaration(undefined, undefined, "key", undefined, f.createTypeReferenceNode("PropertyKey"));
    const read = f.createElementAccessExpression(f.createSuper(), f.createAsExpression(f.createIdentifier("key"), f.createKeywordTypeNode(ts.SyntaxKind.NeverKeyword)));
    entry.push({ name: ctx.superVar, argument: f.createArrowFunction(undefined, undefined, [key], undefined, undefined, read) });
  }
  if (ctx.superSetVar) {
    const params = [
      f.createParameterDeclaration(undefined, undefined, "key", undefined, f.createTypeReferenceNode("PropertyKey")),
      f.createParameterDeclaration(undefined, undefined, "value", undefined, f.createKeywordTypeNode(ts.SyntaxKind.AnyKeyword)),
    ];
    const write = f.createParenthesizedExpression(f.createAssignment(
      f.createElementAccessExpression(f.createSuper(), f.createAsExpression(f.createIdentifier("key"), f.createKeywordTypeNode(ts.SyntaxKind.NeverKeyword))),
      f.createAsExpression(f.createIdentifier("value"), f.createKeywordTypeNode(ts.SyntaxKind.NeverKeyword))));
    entry.push({ name: ctx.superSetVar, argument: f.createArrowFunction(undefined, undefined, params, undefined, undefined, write) });
  }
  if (plan.parameterEnv) {
    // TypeScript's `this:` parameter is a type annotation, not a parameter: no accessor.
    const aliased = plan.parameterEnv.bindings.filter((b) => b.name !== "this");
    entry.push({ name: plan.parameterEnv.name, argument: buildParameterAccessors(ts, aliased.map((b) => ({ key: plan.hoisted.get(b)!.name, name: b.name }))) });
  }
  for (const { name, wrapperName } of parameterNames) entry.push({ name, argument: f.createIdentifier(wrapperName) });
  for (const [binding, hoisted] of plan.hoisted) {
    if (binding.kind === "self" && ctx.vars.has(hoisted.name)) entry.push({ name: hoisted.name, argument: f.createIdentifier(binding.name) });
  }
  for (const { name, argument } of entry) {
    const v = ctx.vars.get(name)!;
    if (!liveness.fields.has(name) && !v.fieldOnly) continue;
    const type = name === ctx.thisVar ? input.thisType : v.type;
    constructorParams.push({ name, type, argument, readonly: !v.fieldOnly && !v.binding?.written });
  }
  const constructorNames = new Set(constructorParams.map((p) => p.name));
  const fieldNames = [...ctx.vars.values()].filter((v) => !v.fieldOnly && liveness.fields.has(v.name)).map((v) => v.name);
  const otherFields = [...ctx.vars.values()]
    .filter((v) => !constructorNames.has(v.name) && (v.fieldOnly || liveness.fields.has(v.name)))
    .map((v) => ({ name: v.name, type: emitter.typeOf(v.name) }));
  const locals = [...ctx.vars.values()].filter((v) => !v.fieldOnly && !liveness.fields.has(v.name)).map((v) => v.name);
  const resume = emitter.buildResumeMethod(fieldNames, locals);
  const machine = buildMachineClass(ts, {
    name: input.machineName,
    runtimeName: input.runtimeName,
    typeParameters: collectTypeParameters(ts, node),
    base: input.mode === "task" ? "Coroutine" : "Machine",
    declareFields: !input.inlineStates,
    returnType: isGenerator ? undefined : promisedType(ts, node.type),
    parameters: constructorParams,
    fields: otherFields,
    resume,
    unreadAtStart: emitter.fieldsUnreadAtStart(otherFields.map((field) => field.name)),
    sloppy: input.sloppy,
  });
  ts.setSourceMapRange(machine, node);
  // A body using `#x` whose declarations would land outside the class gets its machine as a
  // static member of the class: `static #F$Machine = class F$Machine …`, created with
  // `new C.#F$Machine(…)`. (Sloppy code is never inside a class: class bodies are strict.)
  const host = typeof input.privateNames === "object" && (ctx.usesPrivateNames || !!outerPrivateName) && !input.sloppy ? input.privateNames.host : undefined;
  const insideClass = host !== undefined;
  const machineRef: TS.Expression = host !== undefined
    ? f.createPropertyAccessExpression(f.createIdentifier(host), f.createPrivateIdentifier(`#${input.machineName}`))
    : f.createIdentifier(input.machineName);
  const classMembers: TS.ClassElement[] = insideClass ? buildMachineMembers(ts, machine, machineRef, runtime("nameResume"), input.displayName) : [];
  const declarations: TS.Statement[] = [...(input.inlineStates ? [] : [buildStateEnum(ts, input.enumName, table.states)]), ...(insideClass ? [] : [machine])];
  if (input.sloppy) {
    declarations.splice(declarations.indexOf(machine), 0, buildResumeInterface(ts, input.machineName, collectTypeParameters(ts, node), resume));
    declarations.push(buildSloppyResume(ts, input.machineName, collectTypeParameters(ts, node), resume));
  }
  // Stack traces name the original function: `at FetchTwo$Machine.fetchTwo [as resume]`.
  if (!insideClass) {
    declarations.push(f.createExpressionStatement(f.createCallExpression(runtime("nameResume"), undefined,
      [f.createIdentifier(input.machineName), f.createStringLiteral(input.displayName)])));
  }
  if (isGenerator && ts.isFunctionDeclaration(node)) {
    // `g.prototype` and `Object.getPrototypeOf(g)` are right before the first call too.
    declarations.push(f.createExpressionStatement(f.createCallExpression(
      runtime(functionKind === "generator" ? "generatorFunction" : "asyncGeneratorFunction"), undefined, [functionRef!.reference])));
  }

  // 6. The wrapper keeps the signature (defaults become `= undefined` so `length` is kept).
  const args = constructorParams.map((p) => p.argument);
  const machineInstance = f.createNewExpression(machineRef, undefined, args);
  const call = input.mode === "task"
    ? machineInstance
    : isGenerator
      ? f.createCallExpression(runtime(functionKind === "generator" ? "generator" : "asyncGenerator"), undefined, [machineInstance, functionRef!.reference])
      : buildSpecCall(ts, input.runtimeName, machineRef, args);
  // A task-mode function returns its (lazy, PromiseLike) machine, not a Promise.
  const returnType = input.mode === "task" ? coroutineType(ts, input.runtimeName, node.type) : node.type;
  let replacement: TS.Node = buildWrapper(ts, node, call, new Map(parameterNames.map((p) => [p.param, p.wrapperName])), returnType, isGenerator, functionRef?.ownName);
  if (functionRef?.restoreName !== undefined) {
    // `$sl.generatorFunction(function anonymous$3() {…}, "")`: set up at once, with its own name back.
    replacement = f.createCallExpression(runtime(functionKind === "generator" ? "generatorFunction" : "asyncGeneratorFunction"), undefined,
      [replacement as TS.Expression, f.createStringLiteral(functionRef.restoreName)]);
  }

  // Built only when asked for (inspect): the IR listing alone was 4.5% of a whole tsc emit.
  const report = (): FunctionReport => ({
    name: input.displayName,
    machine: input.machineName,
    stateEnum: input.enumName,
    kind: functionKind,
    mode: input.mode,
    states: buildStateReport(ts, ir, table, node),
    fields: [...constructorNames, ...otherFields.map((o) => o.name)],
    ir: formatIR(ts, ir, node.getSourceFile()),
    ...lineAndColumn(node),
  });
  return { declarations, classMembers, replacement, report };
}

/** 1-based line and column of the function's first token. */
function lineAndColumn(node: TS.Node): { line: number; column: number } {
  const file = node.getSourceFile();
  const position = file.getLineAndCharacterOfPosition(node.getStart(file));
  return { line: position.line + 1, column: position.character + 1 };
}

/** `static #F$Machine = class F$Machine … { … };` and `static { $sl.nameResume(C.#F$Machine, "m"); }` */
function buildMachineMembers(ts: TsApi, machine: TS.ClassDeclaration, machineRef: TS.Expression, nameResume: TS.Expression, displayName: string): TS.ClassElement[] {
  const f = ts.factory;
  const expression = f.createClassExpression(undefined, machine.name, machine.typeParameters, machine.heritageClauses, machine.members);
  const name = (machineRef as TS.PropertyAccessExpression).name as TS.PrivateIdentifier;
  const field = f.createPropertyDeclaration([f.createModifier(ts.SyntaxKind.StaticKeyword)], name, undefined, undefined, expression);
  const setUp = f.createClassStaticBlockDeclaration(f.createBlock([
    f.createExpressionStatement(f.createCallExpression(nameResume, undefined, [machineRef, f.createStringLiteral(displayName)])),
  ], true));
  return [field, setUp];
}

// [source]                                   [wrapper, when the parameters alias `arguments`]
//      async function f(a) {                       function f(a) {
//        arguments[0] = 2; return a;                 return $sl.spec(new F$Machine(arguments,
//      }                                               { get a() { return a; }, set a(value) { a = value; } }));
//                                                  }
// The machine reads and writes `_params.a`, which is the wrapper's `a`, which its mapped
// `arguments` aliases: both directions and the `arguments.length` limit come from the engine.
// Copying `a` into the machine (the common case) would lose both directions.
/** `{ get a() { return a; }, set a(value) { a = value; } }` for each aliased parameter (keyed by its machine name). */
function buildParameterAccessors(ts: TsApi, parameters: readonly { key: string; name: string }[]): TS.Expression {
  const f = ts.factory;
  let value = "value";
  while (parameters.some((p) => p.name === value)) value += "_";
  const members = parameters.flatMap(({ key, name }) => [
    f.createGetAccessorDeclaration(undefined, key, [], undefined, f.createBlock([f.createReturnStatement(f.createIdentifier(name))], false)),
    f.createSetAccessorDeclaration(undefined, key, [f.createParameterDeclaration(undefined, undefined, value)],
      f.createBlock([f.createExpressionStatement(f.createAssignment(f.createIdentifier(name), f.createIdentifier(value)))], false)),
  ]);
  return f.createObjectLiteralExpression(members, false);
}

/** Names bound by a destructuring parameter are written at Start, not entry constants. */
function markPatternWritten(ts: TsApi, ctx: LoweringContext, pattern: TS.BindingName): void {
  if (ts.isIdentifier(pattern)) {
    const hoisted = ctx.hoistedOf(pattern);
    if (hoisted?.binding) hoisted.binding.written = true;
    return;
  }
  for (const element of pattern.elements) if (!ts.isOmittedExpression(element)) markPatternWritten(ts, ctx, element.name);
}

function withoutPrologue(ts: TsApi, statements: readonly TS.Statement[]): TS.Statement[] {
  let i = 0;
  while (i < statements.length && ts.isExpressionStatement(statements[i]!) && ts.isStringLiteral((statements[i] as TS.ExpressionStatement).expression)) i++;
  return statements.slice(i);
}

function parameterType(ts: TsApi, parameter: TS.ParameterDeclaration): TS.TypeNode | undefined {
  if (!parameter.type) return undefined;
  if (parameter.dotDotDotToken) return parameter.type;
  if (parameter.questionToken || parameter.initializer) {
    return ts.factory.createUnionTypeNode([parameter.type, ts.factory.createKeywordTypeNode(ts.SyntaxKind.UndefinedKeyword)]);
  }
  return parameter.type;
}

/** `Promise<T>` → `T`, so the machine's `done(value)` is typed. */
function promisedType(ts: TsApi, type: TS.TypeNode | undefined): TS.TypeNode | undefined {
  if (type && ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName) && type.typeName.text === "Promise" && type.typeArguments?.length === 1) {
    return type.typeArguments[0];
  }
  return undefined;
}

/** The function's own type parameters: the machine class takes the same. */
function collectTypeParameters(ts: TsApi, node: CoroutineNode): readonly TS.TypeParameterDeclaration[] | undefined {
  void ts;
  return node.typeParameters;
}

/** `Promise<T>` → `$sl.Coroutine<T>` for a task-mode wrapper; anything else is dropped. */
function coroutineType(ts: TsApi, runtimeName: string, type: TS.TypeNode | undefined): TS.TypeNode | undefined {
  const inner = promisedType(ts, type);
  if (!inner) return undefined;
  return ts.factory.createTypeReferenceNode(ts.factory.createQualifiedName(ts.factory.createIdentifier(runtimeName), "Coroutine"), [inner]);
}

/**
 * How a lowered generator refers to its own function object: its name, the name a `const`
 * gives it (which then becomes its own name: the same `name` it would infer), or `C.prototype.m`
 * / `C.m` for a method of a named class. Undefined when there is none (not lowered yet).
 */
function generatorFunctionRef(ts: TsApi, node: CoroutineNode): { reference: TS.Expression; ownName?: string; restoreName?: string } | undefined {
  const f = ts.factory;
  if ((ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node)) && node.name) return { reference: f.createIdentifier(node.name.text) };
  if (ts.isFunctionExpression(node) && ts.isVariableDeclaration(node.parent) && ts.isIdentifier(node.parent.name)) {
    return { reference: f.createIdentifier(node.parent.name.text), ownName: node.parent.name.text };
  }
  if (ts.isFunctionExpression(node)) {
    // Anonymous elsewhere: named for itself, its `name` restored by the set-up call (buildWrapper).
    const ownName = `anonymous$${node.pos >= 0 ? node.getSourceFile().getLineAndCharacterOfPosition(node.getStart()).line + 1 : 0}`;
    return { reference: f.createIdentifier(ownName), ownName, restoreName: inferredName(ts, node) };
  }
  // An object literal's generator method becomes `m: function m() {…}` (see buildWrapper),
  // which names itself; a method using `super` cannot (a function has no home object).
  if (ts.isMethodDeclaration(node) && ts.isObjectLiteralExpression(node.parent) && ts.isIdentifier(node.name) && !usesSuper(ts, node)) {
    return { reference: f.createIdentifier(node.name.text), ownName: node.name.text };
  }
  if (ts.isMethodDeclaration(node) && ts.isClassDeclaration(node.parent) && node.parent.name && (ts.isIdentifier(node.name) || ts.isStringLiteral(node.name))) {
    const isStatic = ts.getModifiers(node)?.some((m) => m.kind === ts.SyntaxKind.StaticKeyword);
    const owner = isStatic ? f.createIdentifier(node.parent.name.text) : f.createPropertyAccessExpression(f.createIdentifier(node.parent.name.text), "prototype");
    return { reference: ts.isIdentifier(node.name) ? f.createPropertyAccessExpression(owner, node.name.text) : f.createElementAccessExpression(owner, f.createStringLiteral(node.name.text)) };
  }
  return undefined;
}

/** The `name` an anonymous function expression gets from where it stands (or ""). */
function inferredName(ts: TsApi, node: TS.Expression): string {
  let holder: TS.Node = node.parent;
  while (ts.isParenthesizedExpression(holder) || ts.isAsExpression(holder) || ts.isSatisfiesExpression(holder)) holder = holder.parent;
  if ((ts.isPropertyAssignment(holder) || ts.isPropertyDeclaration(holder)) && (ts.isIdentifier(holder.name) || ts.isStringLiteral(holder.name))) return holder.name.text;
  if (ts.isBinaryExpression(holder) && holder.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(holder.left)) return holder.left.text;
  if ((ts.isParameter(holder) || ts.isBindingElement(holder)) && ts.isIdentifier(holder.name)) return holder.name.text;
  return "";
}

function usesSuper(ts: TsApi, node: TS.Node): boolean {
  let found = false;
  const visit = (child: TS.Node): void => {
    if (found) return;
    if (child.kind === ts.SyntaxKind.SuperKeyword) found = true;
    else if (!(ts.isFunctionLike(child) && !ts.isArrowFunction(child))) ts.forEachChild(child, visit);
  };
  ts.forEachChild(node, visit);
  return found;
}

/** The identifiers a parameter binds (`a`, or every name in `{ a, b: [c] }`). */
function boundNames(ts: TsApi, name: TS.BindingName): TS.Identifier[] {
  if (ts.isIdentifier(name)) return [name];
  return name.elements.flatMap((element) => (ts.isOmittedExpression(element) ? [] : boundNames(ts, element.name)));
}

function buildWrapper(ts: TsApi, node: CoroutineNode, specCall: TS.Expression, wrapperNames: Map<TS.ParameterDeclaration, string>, returnType: TS.TypeNode | undefined, isGenerator = false, ownName?: string): CoroutineNode {
  const f = ts.factory;
  const modifiers = ts.canHaveModifiers(node) ? ts.getModifiers(node)?.filter((m) => m.kind !== ts.SyntaxKind.AsyncKeyword) : undefined;
  const decorators = ts.canHaveDecorators(node) ? ts.getDecorators(node) : undefined;
  const allModifiers = [...(decorators ?? []), ...(modifiers ?? [])];
  const parameters = isGenerator ? node.parameters : node.parameters.map((p) => {
    const name = ts.isIdentifier(p.name) ? p.name : f.createIdentifier(wrapperNames.get(p)!);
    if (!p.initializer) return name === p.name ? p : f.updateParameterDeclaration(p, p.modifiers, p.dotDotDotToken, name, p.questionToken, p.type, undefined);
    const type = p.type ? f.createUnionTypeNode([p.type, f.createKeywordTypeNode(ts.SyntaxKind.UndefinedKeyword)]) : undefined;
    return f.updateParameterDeclaration(p, p.modifiers, p.dotDotDotToken, name, undefined, type, f.createIdentifier("undefined"));
  });
  const block = () => ts.setTextRange(f.createBlock([ts.setTextRange(f.createReturnStatement(specCall), node.body!)], true), node.body!);
  let wrapper: CoroutineNode;
  if (ts.isFunctionDeclaration(node)) {
    wrapper = f.updateFunctionDeclaration(node, allModifiers as TS.ModifierLike[], undefined, node.name, node.typeParameters, parameters, returnType, block());
  } else if (ts.isFunctionExpression(node)) {
    wrapper = f.updateFunctionExpression(node, modifiers as TS.Modifier[] | undefined, undefined, ownName ? f.createIdentifier(ownName) : node.name, node.typeParameters, parameters, returnType, block());
  } else if (ts.isArrowFunction(node)) {
    wrapper = f.updateArrowFunction(node, modifiers as TS.Modifier[] | undefined, node.typeParameters, parameters, returnType, node.equalsGreaterThanToken, specCall);
  } else {
    if (isGenerator && ownName && ts.isObjectLiteralExpression(node.parent)) {
      // `*m() {…}` → `m: function m() {…}`: the wrapper needs a name for its own function object.
      const expression = f.createFunctionExpression(modifiers as TS.Modifier[] | undefined, undefined, ownName, node.typeParameters, parameters, returnType, block());
      return ts.setTextRange(f.createPropertyAssignment(node.name, ts.setTextRange(expression, node)), node) as unknown as CoroutineNode;
    }
    wrapper = f.updateMethodDeclaration(node, allModifiers as TS.ModifierLike[], undefined, node.name, node.questionToken, node.typeParameters, parameters, returnType, block());
  }
  return wrapper;
}
