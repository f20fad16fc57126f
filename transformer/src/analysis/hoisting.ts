// The hoisting plan (regenerator's hoist.js): which bindings of the coroutine become machine
// variables, which of those must live only in a field, and the name each one gets.
//
// Rules:
//  1. A binding is hoisted when it is a parameter, a `var`, or declared in a scope that is
//     split by a suspension (such a scope no longer exists as one JS block in the output).
//  2. A hoisted binding that a closure captures is "field-only": every access goes through the
//     machine object, so the closure and every later `resume` call see one binding. Copying
//     it into the closure is not enough even for a `const`: hoisted function declarations and
//     inner machine classes are made at the top of the body, before later `const`s are
//     initialised. Only parameters that are never reassigned can be copied (their value is
//     there from the start).
//  3. A captured binding declared in a scope that a suspending loop enters again and again
//     (per-iteration `let`, a loop body's locals, a catch parameter) lives in an environment
//     object made at each entry of that scope (`env0 = { x: undefined }`); closures take the
//     environment current when they are made. This is how engines implement such bindings.
//  4. A sloppy function whose parameters alias `arguments` (analysis/arguments-aliasing.ts)
//     keeps them in the wrapper: they live in a fixed environment, an object of accessors to
//     the wrapper's bindings that the wrapper passes in once (it never changes, so closures
//     need not capture it).
//  5. A hoisted binding keeps its name unless another binding or a free reference in the
//     coroutine uses the same text, or the name is reserved; then it gets `name_N`.

import type { TS, TsApi } from "../ts-api.js";
import type { Binding, ScopeInfo } from "./scopes.js";
import type { SuspendAnalysis } from "./suspends.js";

export interface HoistedVar {
  readonly binding: Binding | undefined;
  /** The name the variable has in the machine (field and `resume` local). */
  readonly name: string;
  readonly fieldOnly: boolean;
  /** The declared type, when the source wrote one. */
  readonly type: TS.TypeNode | undefined;
  /** Set for bindings kept in a per-entry environment object (rule 3). */
  readonly env: ScopeEnv | undefined;
}

/** The environment object of one scope re-entered by a suspending loop (rule 3). */
export interface ScopeEnv {
  readonly scopeNode: TS.Node;
  /** The machine variable holding the current environment object. */
  readonly name: string;
  /** The property names of its bindings (their own names). */
  readonly bindings: Binding[];
  /** The parameters' accessor object (rule 4): one for the whole call. */
  readonly fixed?: boolean;
}

export interface HoistingPlan {
  readonly hoisted: Map<Binding, HoistedVar>;
  /** Environment objects by the scope node they belong to (rule 3). */
  readonly envs: Map<TS.Node, ScopeEnv>;
  /** The parameters aliased to `arguments`, when they are (rule 4). */
  readonly parameterEnv: ScopeEnv | undefined;
}

/** Allocates names that collide with nothing the coroutine mentions. */
export class NameAllocator {
  private readonly taken: Set<string>;

  private readonly reserved: Set<string>;

  constructor(mentioned: Iterable<string>, reserved: Iterable<string>) {
    this.reserved = new Set(reserved);
    this.taken = new Set(mentioned);
  }

  /** A name for `resume`'s own locals (`state`, `kind`, …): only the coroutine's names collide. */
  claimInternal(preferred: string): string {
    return this.claim(preferred);
  }

  /** `preferred` itself when free, else `preferred_1`, `preferred_2`, … */
  claim(preferred: string, allowTaken = false): string {
    if (allowTaken || !this.taken.has(preferred)) {
      this.taken.add(preferred);
      return preferred;
    }
    for (let n = 1; ; n++) {
      const candidate = `${preferred}_${n}`;
      if (!this.taken.has(candidate)) {
        this.taken.add(candidate);
        return candidate;
      }
    }
  }

  /** A user variable's name: its own when `unique` and not a member of the machine. */
  claimVariable(preferred: string, unique: boolean): string {
    if (this.reserved.has(preferred)) return this.claim(`${preferred}_`, false);
    return this.claim(preferred, unique);
  }

  /** A temporary: `t0`, `t1`, … skipping taken names. */
  temp(counter: { next: number }): string {
    for (;;) {
      const candidate = `t${counter.next++}`;
      if (!this.taken.has(candidate)) {
        this.taken.add(candidate);
        return candidate;
      }
    }
  }
}

/** Names the machine base class and `resume` use itself; user locals never take them. */
export const RESERVED_MEMBER_NAMES = [
  "state", "value", "resume", "await", "done", "yield", "yieldDelegated", "preempt", "constructor", "prototype", "__proto__",
  "toString", "valueOf", "hasOwnProperty", "isPrototypeOf", "propertyIsEnumerable", "toLocaleString",
  "arguments", "eval",
];

export function planHoisting(
  ts: TsApi,
  fn: TS.FunctionLikeDeclaration,
  scopes: ScopeInfo,
  suspends: SuspendAnalysis,
  names: NameAllocator,
  options: { aliasParameters?: boolean } = {},
): HoistingPlan {
  const hoisted = new Map<Binding, HoistedVar>();
  const envs = new Map<TS.Node, ScopeEnv>();
  const root = scopes.root;
  const textUsers = countTextUsers(scopes);
  const parameterEnv: ScopeEnv | undefined = options.aliasParameters ? { scopeNode: fn, name: names.claim("_params"), bindings: [], fixed: true } : undefined;

  for (const binding of scopes.bindings) {
    if (binding.scope.functionScope !== root) continue;
    const splitScope = binding.scope === root || isSplitScope(ts, binding.scope.node, suspends);
    const isHoisted = binding.kind === "param" || binding.kind === "var" || binding.kind === "self" || splitScope;
    if (!isHoisted) continue;
    let env: ScopeEnv | undefined;
    if (parameterEnv && binding.kind === "param" && binding.scope === root) {
      env = parameterEnv;
      env.bindings.push(binding);
    } else if (binding.captured && binding.kind !== "var" && isInsideSuspendingLoop(ts, binding.scope.node, fn, suspends)) {
      const scopeNode = binding.scope.node;
      env = envs.get(scopeNode) ?? { scopeNode, name: names.claim(`env${envs.size}`), bindings: [] };
      env.bindings.push(binding);
      envs.set(scopeNode, env);
    }
    const unique = textUsers.get(binding.name) === 1 || binding.scope === root;
    const name = names.claimVariable(binding.name, unique);
    hoisted.set(binding, {
      binding,
      name,
      fieldOnly: !env && binding.captured && (binding.written || (binding.kind !== "param" && binding.kind !== "self")),
      type: declaredType(ts, binding.declaration),
      env,
    });
  }
  return { hoisted, envs, parameterEnv };
}

/** How many distinct bindings (or the free name) use each identifier text. */
function countTextUsers(scopes: ScopeInfo): Map<string, number> {
  const counts = new Map<string, number>();
  for (const binding of scopes.bindings) counts.set(binding.name, (counts.get(binding.name) ?? 0) + 1);
  for (const name of scopes.free.keys()) counts.set(name, (counts.get(name) ?? 0) + 1);
  return counts;
}

/**
 * Is this scope's code spread over states? A scope that suspends is; so are a catch clause and
 * a case block whose try or switch suspends anywhere, because lowering emits their bodies
 * statement by statement.
 */
function isSplitScope(ts: TsApi, node: TS.Node, suspends: SuspendAnalysis): boolean {
  if (suspends.containsSuspend(node)) return true;
  if ((ts.isCatchClause(node) || ts.isCaseBlock(node)) && suspends.containsSuspend(node.parent)) return true;
  return false;
}

function isInsideSuspendingLoop(ts: TsApi, node: TS.Node, fn: TS.Node, suspends: SuspendAnalysis): boolean {
  for (let current: TS.Node | undefined = node; current && current !== fn; current = current.parent) {
    if (ts.isIterationStatement(current, false) && suspends.containsSuspend(current)) return true;
  }
  return false;
}

/** The type annotation of a simple `name: T` declaration or parameter. */
function declaredType(ts: TsApi, id: TS.Identifier): TS.TypeNode | undefined {
  const parent = id.parent;
  if (!parent) return undefined; // synthesized (a machine class of an inner coroutine)
  if ((ts.isVariableDeclaration(parent) || ts.isParameter(parent)) && parent.name === id) return parent.type;
  return undefined;
}
