// The state of lowering one coroutine: the IR builder, the analyses, the hoisting plan, the
// names `resume` uses, and the stacks of jump targets and try regions.

import type { HoistedVar, HoistingPlan, NameAllocator, ScopeEnv } from "../analysis/hoisting.js";
import type { ScopeInfo } from "../analysis/scopes.js";
import type { SuspendAnalysis } from "../analysis/suspends.js";
import { noTdzChecks, type TdzPlan } from "../analysis/tdz.js";
import { createDiagnostic, type DiagnosticTemplate } from "../diagnostics.js";
import type { IRBuilder } from "../ir/builder.js";
import type { Label, TryRegion } from "../ir/ir.js";
import type { TS, TsApi } from "../ts-api.js";

/** Thrown to abandon lowering one function after a diagnostic; the function stays as it was. */
export class Unsupported extends Error {
  constructor(readonly diagnostic: TS.Diagnostic) {
    super(typeof diagnostic.messageText === "string" ? diagnostic.messageText : diagnostic.messageText.messageText);
  }
}

/** A `break`/`continue` target: a loop, a switch or a labeled statement. */
export interface JumpTarget {
  readonly userLabels: readonly string[];
  readonly breakLabel: Label;
  /** Set for loops only. */
  readonly continueLabel: Label | undefined;
  /** Plain `break` (no label) may target this: loops and switches. */
  readonly acceptsPlainBreak: boolean;
  /** How many finally regions a `break` to this target leaves open (it runs the rest). */
  readonly finallyDepth: number;
  /** The same for `continue` (a for-of's own iterator-closing region stays open). */
  readonly continueFinallyDepth: number;
}

/** Names `resume` uses besides the user's locals. */
export interface InternalNames {
  readonly state: string;
  readonly kind: string;
  readonly input: string;
  readonly error: string;
  /** The machine as seen from nested functions (`const machine = this`). */
  readonly machine: string;
  /** The check points' local countdown (`--spin < 0`). */
  readonly spin: string;
}

/** A jump or return inside a plain statement; printed by emit/ once states are numbered. */
export type PlaceholderJump =
  | { readonly kind: "br"; readonly label: Label }
  | { readonly kind: "through"; readonly region: TryRegion; readonly target: Label }
  | { readonly kind: "return-through"; readonly region: TryRegion; readonly value: TS.Expression | undefined };

export interface MachineVar extends HoistedVar {
  readonly isParam: boolean;
  readonly isTemp: boolean;
}

export class LoweringContext {
  readonly f: TS.NodeFactory;
  /** Machine variables by emitted name, in creation order. */
  readonly vars = new Map<string, MachineVar>();
  readonly jumpTargets: JumpTarget[] = [];
  /** Open try regions that have a finally block, innermost last. */
  readonly finallyStack: TryRegion[] = [];
  /** Open try regions of any kind, innermost last. */
  readonly regionStack: TryRegion[] = [];
  /**
   * Resume states of check points, emitted after the body: the fast path of a check point
   * falls straight into its continuation, so its resume handling (a task's Cancel) lives apart.
   */
  readonly checkPointResumes: { resume: Label; continuation: Label; region: TryRegion | undefined }[] = [];
  /** Jump trampolines to emit after the body (see jumps.ts). */
  readonly trampolines: { label: Label; region: TryRegion; target: Label }[] = [];
  /** Placeholder statements inside plain code that the emitter turns into jumps. */
  readonly jumpPlaceholders = new Map<TS.Node, PlaceholderJump>();
  /** How resume points unwind on an abrupt resumption (task: Cancel; generators: Return). */
  abruptResume: { resumeKind: 2 | 3; withValue: boolean } | undefined;
  /** What kind of function is lowered: yields and `return` differ between them. */
  functionKind: "async" | "generator" | "async-generator" = "async";
  /**
   * Set when the code may use the enclosing classes' `#x` (see LowerFunctionInput.privateNames):
   * the class that receives the machine, or `(in place)`; undefined when it may not.
   */
  privateHost: string | undefined;
  /** Whether the body uses `#x`: a method's machine then lives inside its class (see function.ts). */
  usesPrivateNames = false;
  /** Whether a nested function needs `const machine = this`. */
  usesMachineAlias = false;
  /** Bindings and references that need a temporal-dead-zone check (analysis/tdz.ts). */
  tdz: TdzPlan = noTdzChecks;
  private readonly tempCounter = { next: 0 };
  /** The names `this` and `arguments` get as machine variables, once used. */
  thisVar: string | undefined;
  argumentsVar: string | undefined;
  superVar: string | undefined;
  superSetVar: string | undefined;
  newTargetVar: string | undefined;

  constructor(
    readonly ts: TsApi,
    readonly fn: TS.FunctionLikeDeclaration,
    readonly b: IRBuilder,
    readonly suspends: SuspendAnalysis,
    readonly scopes: ScopeInfo,
    readonly plan: HoistingPlan,
    readonly names: NameAllocator,
    readonly internal: InternalNames,
    /** The local name of the runtime namespace in this file (`$sl`, or `$sl2` if taken). */
    readonly runtimeName: string,
  ) {
    this.f = ts.factory;
  }

  fail(template: DiagnosticTemplate, node: TS.Node | undefined, args: readonly string[] = []): never {
    throw new Unsupported(createDiagnostic(this.ts, template, node, args));
  }

  /** A fresh temporary machine variable (`t0`, `t1`, …). */
  newTemp(): string {
    const name = this.names.temp(this.tempCounter);
    this.vars.set(name, { binding: undefined, name, fieldOnly: false, type: undefined, env: undefined, isParam: false, isTemp: true });
    return name;
  }

  /** Registers a hoisted binding as a machine variable and returns its emitted name. */
  declareHoisted(hoisted: HoistedVar, isParam: boolean): string {
    if (!this.vars.has(hoisted.name)) this.vars.set(hoisted.name, { ...hoisted, isParam, isTemp: false });
    return hoisted.name;
  }

  /** The hoisted variable an identifier reference or declaration stands for, if any. */
  hoistedOf(id: TS.Identifier): HoistedVar | undefined {
    const binding = this.scopes.bindingOf.get(id);
    return binding && this.plan.hoisted.get(binding);
  }

  /** A machine variable read as an expression: `x`, or `this.x` when field-only. */
  varRef(name: string, inNestedFunction = false): TS.Expression {
    const v = this.vars.get(name);
    if (v?.fieldOnly) {
      if (inNestedFunction) this.usesMachineAlias = true;
      return this.f.createPropertyAccessExpression(
        inNestedFunction ? this.f.createIdentifier(this.internal.machine) : this.f.createThis(),
        name,
      );
    }
    return this.f.createIdentifier(name);
  }

  /** `target = value;` as an expression. */
  assignExpr(target: string, value: TS.Expression): TS.Expression {
    return this.f.createAssignment(this.varRef(target), value);
  }

  /** The machine variable holding `env`'s current environment object. */
  envVariable(env: ScopeEnv): string {
    if (!this.vars.has(env.name)) this.vars.set(env.name, { binding: undefined, name: env.name, fieldOnly: false, type: undefined, env: undefined, isParam: false, isTemp: true });
    return env.name;
  }

  /**
   * At each entry of a scope that keeps its captured bindings in an environment object, makes
   * a fresh one: `env0 = { x: undefined }`, or with `copyFrom` a per-iteration copy of the
   * previous one (`for (let i …)` copies `i` into each iteration's binding).
   */
  enterScopeEnv(scopeNode: TS.Node, copy = false): void {
    const env = this.plan.envs.get(scopeNode);
    if (!copy) this.enterTdz(scopeNode, env);
    if (!env) return;
    const name = this.envVariable(env);
    const f = this.f;
    const properties = env.bindings.map((binding) => {
      const key = this.plan.hoisted.get(binding)!.name;
      const value = copy ? f.createPropertyAccessExpression(f.createIdentifier(name), key)
        : this.tdz.checkedBindings.has(binding) ? this.uninitialized() : f.createVoidZero();
      return f.createPropertyAssignment(key, value);
    });
    this.b.emitOp({ kind: "assign", target: name, value: f.createObjectLiteralExpression(properties, false), origin: scopeNode });
  }

  /**
   * At each entry of a scope, its TDZ-checked bindings that live outside an environment object
   * become `$sl.uninitialized` again (a loop body's `let` is in its TDZ on every iteration).
   */
  enterTdz(scopeNode: TS.Node, env: ScopeEnv | undefined = this.plan.envs.get(scopeNode)): void {
    const scope = this.scopes.scopeOf.get(scopeNode);
    if (!scope || this.tdz.checkedBindings.size === 0) return;
    for (const binding of scope.bindings.values()) {
      const hoisted = this.plan.hoisted.get(binding);
      if (!hoisted || !this.tdz.checkedBindings.has(binding) || env?.bindings.includes(binding)) continue;
      const name = this.declareHoisted(hoisted, false);
      if (hoisted.fieldOnly) {
        const write = this.f.createExpressionStatement(this.assignExpr(name, this.uninitialized()));
        this.b.emitOp({ kind: "stmt", node: write, jumps: [], returns: false });
      } else {
        this.b.emitOp({ kind: "assign", target: name, value: this.uninitialized(), origin: scopeNode });
      }
    }
  }

  /** `$sl.uninitialized`: the value of a binding in its temporal dead zone. */
  uninitialized(): TS.Expression {
    return this.f.createPropertyAccessExpression(this.f.createIdentifier(this.runtimeName), "uninitialized");
  }

  /**
   * A value the wrapper hands the machine at its call (`this`, `arguments`, `new.target`, the
   * super accessors): a parameter-like machine variable, made the first time code needs it.
   */
  private entryVariable(current: string | undefined, preferred: string, type: TS.TypeNode | undefined): string {
    if (current) return current;
    const name = this.names.claim(preferred);
    this.vars.set(name, { binding: undefined, name, fieldOnly: false, type, env: undefined, isParam: true, isTemp: false });
    return name;
  }

  /** The `this` of the coroutine. */
  thisVariable(): string {
    return (this.thisVar = this.entryVariable(this.thisVar, "_this", undefined));
  }

  /**
   * `super` of a lowered method: the wrapper passes `(key) => super[key]`, made inside the
   * method so it reads the home object's prototype at each access, as `super.x` does.
   */
  superVariable(): string {
    return (this.superVar = this.entryVariable(this.superVar, "_super", this.accessorType(["key"])));
  }

  /** `super[key] = value` of a lowered method, made in the wrapper like `superVariable`. */
  superSetterVariable(): string {
    return (this.superSetVar = this.entryVariable(this.superSetVar, "_superSet", this.accessorType(["key", "value"])));
  }

  /** `(key: PropertyKey, value: any) => any`, the type of the super accessors. */
  private accessorType(parameters: ("key" | "value")[]): TS.TypeNode {
    const f = this.f;
    const any = () => f.createKeywordTypeNode(this.ts.SyntaxKind.AnyKeyword);
    return f.createFunctionTypeNode(undefined, parameters.map((name) =>
      f.createParameterDeclaration(undefined, undefined, name, undefined, name === "key" ? f.createTypeReferenceNode("PropertyKey") : any())), any());
  }

  /** `_superSet("m", v)`: `super.m = v`, whose value is `v`. */
  superSet(key: TS.Expression, value: TS.Expression): TS.Expression {
    return this.f.createCallExpression(this.f.createIdentifier(this.superSetterVariable()), undefined, [key, value]);
  }

  /** `_super("m")`: reads `super.m` (or `super[key]`) with the machine's copies. */
  superGet(key: TS.Expression): TS.Expression {
    return this.f.createCallExpression(this.f.createIdentifier(this.superVariable()), undefined, [key]);
  }

  /**
   * `$sl.superUpdate(_super, _superSet, key, …)` and the other helpers of runtime/src/helpers.ts
   * for super forms that use the key twice (read and write) or not at all (`delete`).
   */
  superHelper(name: "superCompound" | "superLogical" | "superUpdate", key: TS.Expression, args: TS.Expression[]): TS.Expression {
    const f = this.f;
    const accessors = [f.createIdentifier(this.superVariable()), f.createIdentifier(this.superSetterVariable())];
    return f.createCallExpression(f.createPropertyAccessExpression(f.createIdentifier(this.runtimeName), name), undefined, [...accessors, key, ...args]);
  }

  /** `$sl.superTarget(_superSet, key).value`: `super[key]` as a pattern or loop-head target. */
  superTarget(key: TS.Expression): TS.Expression {
    const f = this.f;
    const call = f.createCallExpression(f.createPropertyAccessExpression(f.createIdentifier(this.runtimeName), "superTarget"), undefined,
      [f.createIdentifier(this.superSetterVariable()), key]);
    return f.createPropertyAccessExpression(call, "value");
  }

  /** `$sl.superDelete(key)`: evaluates the key, then throws V8's ReferenceError. */
  superDelete(key: TS.Expression | undefined): TS.Expression {
    const f = this.f;
    return f.createCallExpression(f.createPropertyAccessExpression(f.createIdentifier(this.runtimeName), "superDelete"), undefined, key ? [key] : []);
  }

  /** `new.target` of an arrow coroutine: its enclosing function's, passed by the wrapper. */
  newTargetVariable(): string {
    return (this.newTargetVar = this.entryVariable(this.newTargetVar, "_newTarget", undefined));
  }

  /** The `arguments` of the coroutine. */
  argumentsVariable(): string {
    return (this.argumentsVar = this.entryVariable(this.argumentsVar, "_arguments", this.f.createTypeReferenceNode("IArguments")));
  }
}
