// visitX: rewrites code that does not suspend so it can run inside `resume` (HS-5). It renames
// hoisted locals (or routes field-only ones through the machine), maps `this` and `arguments`
// to the machine's copies, turns `var` declarations of hoisted names into assignments, and
// turns break/continue/return that leave a plain statement into jumps between states.
//
// Invariants:
//  1. User nodes are never mutated; changed nodes are rebuilt through the factory.
//  2. Jumps and returns are rewritten only outside nested functions.

import { Diagnostics } from "../diagnostics.js";
import type { TS } from "../ts-api.js";
import type { LoweringContext, PlaceholderJump } from "./context.js";
import { findJumpTarget, planJump } from "./jumps.js";

interface VisitState {
  /** Inside any nested function (arrow or not). */
  nestedFunction: boolean;
  /** Inside a nested non-arrow function or class member: `this`/`arguments` are theirs. */
  ownThis: boolean;
  /** Loops, switches and labels opened inside the plain statement being visited. */
  plainTargets: { labels: string[]; isLoop: boolean; isSwitch: boolean }[];
  /** Environment objects the outermost closure being visited refers to (rule 3 of hoisting.ts). */
  envsUsed: Set<string> | undefined;
  /** Inside a class body: its members are not separate closures (the class is). */
  inClass?: boolean;
  /** Jump labels the statement can reach (for liveness). */
  jumps: Set<number>;
  returns: boolean;
}

/** Rewrites an expression that contains no suspension. */
export function visitExpression(ctx: LoweringContext, node: TS.Expression): TS.Expression {
  const state: VisitState = { nestedFunction: false, ownThis: false, plainTargets: [], envsUsed: undefined, jumps: new Set(), returns: false };
  return visit(ctx, node, state) as TS.Expression;
}

/** Rewrites a statement that contains no suspension; reports where it can jump. */
export function visitPlainStatement(ctx: LoweringContext, node: TS.Statement): { node: TS.Statement | undefined; jumps: number[]; returns: boolean } {
  const state: VisitState = { nestedFunction: false, ownThis: false, plainTargets: [], envsUsed: undefined, jumps: new Set(), returns: false };
  const result = visit(ctx, node, state) as TS.Statement | undefined;
  return { node: result, jumps: [...state.jumps], returns: state.returns };
}

function visit(ctx: LoweringContext, node: TS.Node, state: VisitState): TS.Node | undefined {
  const ts = ctx.ts;
  const f = ctx.f;

  if (ts.isIdentifier(node)) return visitIdentifier(ctx, node, state);
  if (node.kind === ts.SyntaxKind.ThisKeyword && !state.ownThis) return f.createIdentifier(ctx.thisVariable());
  if (!state.ownThis && ts.isBinaryExpression(node) && isSuperMember(ctx, skipOuterExpressions(ctx, node.left)) && isAssignmentOperator(ctx, node.operatorToken.kind)) {
    return visitSuperAssignment(ctx, node, state);
  }
  if (!state.ownThis && (ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) &&
    (node.operator === ts.SyntaxKind.PlusPlusToken || node.operator === ts.SyntaxKind.MinusMinusToken) && isSuperMember(ctx, skipOuterExpressions(ctx, node.operand))) {
    // `super.x++` → `$sl.superUpdate(_super, _superSet, "x", true, false)`
    const target = skipOuterExpressions(ctx, node.operand) as TS.PropertyAccessExpression | TS.ElementAccessExpression;
    return ctx.superHelper("superUpdate", superKey(ctx, target, state), [
      node.operator === ts.SyntaxKind.PlusPlusToken ? f.createTrue() : f.createFalse(), ts.isPrefixUnaryExpression(node) ? f.createTrue() : f.createFalse()]);
  }
  if (!state.ownThis && ts.isDeleteExpression(node) && isSuperMember(ctx, skipOuterExpressions(ctx, node.expression))) {
    // `delete super[k()]` evaluates k() and throws a ReferenceError, natively too.
    const target = skipOuterExpressions(ctx, node.expression) as TS.PropertyAccessExpression | TS.ElementAccessExpression;
    return ctx.superDelete(ts.isElementAccessExpression(target) ? superKey(ctx, target, state) : undefined);
  }
  if (!state.ownThis && isSuperMember(ctx, node)) return visitSuperMember(ctx, node, state);
  if (!state.ownThis && ts.isCallExpression(node) && isSuperMember(ctx, node.expression)) {
    // `super.m(a)` calls m with the method's `this`: `$sl.call(_super("m"), _this, a)` (never
    // reading m's `call` property, which a native call does not).
    const member = visitSuperMember(ctx, node.expression, state);
    const args = node.arguments.map((a) => visit(ctx, a, state) as TS.Expression);
    const call = f.createPropertyAccessExpression(f.createIdentifier(ctx.runtimeName), "call");
    return f.createCallExpression(call, undefined, [member, f.createIdentifier(ctx.thisVariable()), ...args]);
  }
  if (node.kind === ts.SyntaxKind.SuperKeyword && !state.ownThis) ctx.fail(Diagnostics.SuperNotLoweredYet, node);
  if (ts.isMetaProperty(node) && node.keywordToken === ts.SyntaxKind.NewKeyword && !state.ownThis) {
    // An async function or generator is never a constructor: its `new.target` is undefined.
    // An arrow's is its enclosing function's, which the arrow wrapper passes in.
    return ctx.ts.isArrowFunction(ctx.fn) ? f.createIdentifier(ctx.newTargetVariable()) : f.createVoidZero();
  }
  if (ts.isPrivateIdentifier(node)) {
    // `#x` is visible only inside its class: the machine then becomes a static member of it.
    if (!ctx.privateHost) ctx.fail(Diagnostics.PrivateNameNotLoweredYet, node, [node.text]);
    ctx.usesPrivateNames = true;
    return node;
  }
  if (ts.isWithStatement(node)) ctx.fail(Diagnostics.WithStatement, node.getFirstToken() ?? node);
  if (ts.isTypeNode(node) && !ts.isTypeQueryNode(node)) return node;

  if (!state.ownThis && ts.isTaggedTemplateExpression(node) && isSuperMember(ctx, skipOuterExpressions(ctx, node.tag))) {
    // `super.tag\`…\`` calls the tag with the method's `this`: `$sl.superTag(_super("tag"), _this)\`…\``.
    const tag = visitSuperMember(ctx, skipOuterExpressions(ctx, node.tag) as TS.PropertyAccessExpression | TS.ElementAccessExpression, state);
    const bound = f.createCallExpression(f.createPropertyAccessExpression(f.createIdentifier(ctx.runtimeName), "superTag"), undefined, [tag, f.createIdentifier(ctx.thisVariable())]);
    return f.updateTaggedTemplateExpression(node, bound, node.typeArguments, visit(ctx, node.template, state) as TS.TemplateLiteral);
  }
  if ((ts.isCallExpression(node) || ts.isTaggedTemplateExpression(node)) && isIdentifierCallee(ctx, ts.isCallExpression(node) ? node.expression : node.tag)) {
    const visited = ts.visitEachChild(node, (child) => visit(ctx, child, state), undefined);
    return ts.isCallExpression(visited)
      ? f.updateCallExpression(visited, plainCallee(ctx, visited.expression), visited.typeArguments, visited.arguments)
      : f.updateTaggedTemplateExpression(visited as TS.TaggedTemplateExpression, plainCallee(ctx, (visited as TS.TaggedTemplateExpression).tag),
        (visited as TS.TaggedTemplateExpression).typeArguments, (visited as TS.TaggedTemplateExpression).template);
  }

  const checkedWrite = tdzCheckedWrite(ctx, node);
  if (checkedWrite) return visitCheckedWrite(ctx, checkedWrite, state);

  if (ts.isShorthandPropertyAssignment(node)) {
    const ref = visitIdentifier(ctx, node.name, state);
    if (ref !== node.name) {
      // `{ x = d } = o` keeps its default: `{ x: this.x = d } = o`.
      const value = node.objectAssignmentInitializer
        ? f.createAssignment(ref as TS.Expression, visit(ctx, node.objectAssignmentInitializer, state) as TS.Expression)
        : ref as TS.Expression;
      // `{ __proto__ }` is an own property; `{ __proto__: v }` would set the prototype instead.
      const name = node.name.text === "__proto__" ? f.createComputedPropertyName(f.createStringLiteral("__proto__")) : node.name.text;
      return f.createPropertyAssignment(name, value);
    }
    return ts.visitEachChild(node, (child) => visit(ctx, child, state), undefined);
  }

  if (ts.isFunctionLike(node) || ts.isClassStaticBlockDeclaration(node) || ts.isPropertyDeclaration(node)) {
    const outermost = !state.nestedFunction && !state.inClass;
    const inner: VisitState = {
      nestedFunction: true,
      ownThis: state.ownThis || !ts.isArrowFunction(node),
      plainTargets: [],
      envsUsed: outermost ? new Set() : state.envsUsed,
      jumps: state.jumps,
      returns: false,
    };
    let visited: TS.Node = ts.visitEachChild(node, (child) => visit(ctx, child, inner), undefined);
    if (isCallback(ctx, node)) visited = withExplicitParameterTypes(ctx, visited as TS.Expression);
    return outermost ? captureEnvs(ctx, visited, inner.envsUsed!) : visited;
  }
  if (ts.isClassLike(node) && !state.nestedFunction && !state.inClass) {
    // The class's methods are the closures; a class expression is where they are made.
    const used = new Set<string>();
    const visited = ts.visitEachChild(node, (child) => visit(ctx, child, { ...state, envsUsed: used, inClass: true }), undefined);
    return ts.isClassExpression(node) ? captureEnvs(ctx, visited, used) : visited;
  }

  if (!state.nestedFunction) {
    if (ts.isVariableStatement(node) && isVarList(ctx, node.declarationList)) return visitVarStatement(ctx, node, state);
    if ((ts.isForStatement(node) && node.initializer && ts.isVariableDeclarationList(node.initializer) && isVarList(ctx, node.initializer)) ||
      ((ts.isForInStatement(node) || ts.isForOfStatement(node)) && ts.isVariableDeclarationList(node.initializer) && isVarList(ctx, node.initializer))) {
      return visitLoop(ctx, visitVarLoopHead(ctx, node, state), state, []);
    }
    if (ts.isIterationStatement(node, false)) return visitLoop(ctx, node, state, []);
    if (ts.isSwitchStatement(node)) return withPlainTarget(ctx, node, state, { labels: [], isLoop: false, isSwitch: true });
    if (ts.isLabeledStatement(node)) return visitLabeled(ctx, node, state);
    if (ts.isBreakOrContinueStatement(node)) return visitBreakOrContinue(ctx, node, state);
    if (ts.isReturnStatement(node)) return visitReturn(ctx, node, state);
  }
  return ts.visitEachChild(node, (child) => visit(ctx, child, state), undefined);
}

/**
 * A closure made inside the machine that uses environment objects takes the ones current now:
 * `((env0) => () => env0.x)(env0)`. Without this it would see the resume local `env0`, which the
 * next iteration points at a new environment.
 */
function captureEnvs(ctx: LoweringContext, closure: TS.Node, envs: Set<string>): TS.Node {
  if (envs.size === 0) return closure;
  // A function declaration nested in plain code cannot be wrapped (it is not an expression).
  if (ctx.ts.isFunctionDeclaration(closure)) {
    const names = [...ctx.plan.envs.values()].filter((env) => envs.has(env.name)).flatMap((env) => env.bindings.map((b) => `'${b.name}'`));
    ctx.fail(Diagnostics.LoopBindingCapturedAcrossAwait, ctx.ts.getParseTreeNode(closure) ?? closure, [names.join(", ")]);
  }
  const f = ctx.f;
  const ts = ctx.ts;
  const names = [...envs];
  const parameters = names.map((name) => f.createParameterDeclaration(undefined, undefined, name, undefined, f.createKeywordTypeNode(ts.SyntaxKind.AnyKeyword)));
  const capture = f.createArrowFunction(undefined, undefined, parameters, undefined, undefined, closure as TS.Expression);
  return f.createCallExpression(f.createParenthesizedExpression(capture), undefined, names.map((name) => f.createIdentifier(name)));
}

/** A function expression passed as an argument, whose parameters the call typed contextually. */
function isCallback(ctx: LoweringContext, node: TS.Node): boolean {
  const ts = ctx.ts;
  if (!ts.isArrowFunction(node) && !ts.isFunctionExpression(node)) return false;
  const parent = node.parent;
  return !!parent && (ts.isCallExpression(parent) || ts.isNewExpression(parent)) && !!parent.arguments?.includes(node as TS.Expression);
}

/**
 * Machine locals are `any` in `resume`, so a callback passed to a method of one loses the
 * contextual types of its parameters; `any` keeps the lowered output type-checking.
 */
export function withExplicitParameterTypes(ctx: LoweringContext, arg: TS.Expression): TS.Expression {
  const ts = ctx.ts;
  const f = ctx.f;
  if (!ts.isArrowFunction(arg) && !ts.isFunctionExpression(arg)) return arg;
  if (arg.parameters.every((p) => p.type)) return arg;
  const parameters = arg.parameters.map((p) => (p.type ? p : f.updateParameterDeclaration(p, p.modifiers, p.dotDotDotToken, p.name, p.questionToken,
    f.createKeywordTypeNode(ts.SyntaxKind.AnyKeyword), p.initializer)));
  return ts.isArrowFunction(arg)
    ? f.updateArrowFunction(arg, arg.modifiers, arg.typeParameters, parameters, arg.type, arg.equalsGreaterThanToken, arg.body)
    : f.updateFunctionExpression(arg, arg.modifiers, arg.asteriskToken, arg.name, arg.typeParameters, parameters, arg.type, arg.body);
}

function isIdentifierCallee(ctx: LoweringContext, callee: TS.Expression): boolean {
  while (ctx.ts.isParenthesizedExpression(callee)) callee = callee.expression;
  return ctx.ts.isIdentifier(callee);
}

/**
 * A called identifier that lives in the machine is rewritten to a member (`this.g`, `env0.g`,
 * `_params.g`); called as such it would get that object as `this`. `(0, this.g)()` calls it
 * with `this` undefined, as the plain call `g()` does.
 */
export function plainCallee(ctx: LoweringContext, callee: TS.Expression): TS.Expression {
  const ts = ctx.ts;
  let inner = callee;
  while (ts.isParenthesizedExpression(inner)) inner = inner.expression;
  if (!ts.isPropertyAccessExpression(inner) && !ts.isElementAccessExpression(inner)) return callee;
  return ctx.f.createParenthesizedExpression(ctx.f.createComma(ctx.f.createNumericLiteral(0), inner));
}

export function isSuperMember(ctx: LoweringContext, node: TS.Node): node is TS.PropertyAccessExpression | TS.ElementAccessExpression {
  const ts = ctx.ts;
  return (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) && node.expression.kind === ts.SyntaxKind.SuperKeyword;
}

// [source]                       [lowered]
//      super.x = v                    _superSet("x", v)
//      super.x += v                   _superSet("x", _super("x") + v)
//      super[k()] += v                $sl.superCompound(_super, _superSet, k(), (old) => old + v)
//      super.x ||= v                  _super("x") || _superSet("x", v)
//      super[k()] ??= v               $sl.superLogical(_super, _superSet, k(), "??", () => v)
//      [super.x = d] = xs             [$sl.superTarget(_superSet, "x").value = d] = xs
// A computed key is evaluated once (a temp would do in the machine, but an arrow in the body
// can run this re-entrantly, so the helpers take it as an argument); the value is evaluated
// after the read, and a logical assignment writes only when it does not short-circuit.
function visitSuperAssignment(ctx: LoweringContext, node: TS.BinaryExpression, state: VisitState): TS.Expression {
  const ts = ctx.ts;
  const f = ctx.f;
  const target = skipOuterExpressions(ctx, node.left) as TS.PropertyAccessExpression | TS.ElementAccessExpression;
  const op = node.operatorToken.kind;
  const literalKey = ts.isPropertyAccessExpression(target);
  const key = superKey(ctx, target, state);
  // `[super.x = d] = v`: a target with a default inside a pattern, not an assignment.
  if (op === ts.SyntaxKind.EqualsToken && isPatternOrLoopTarget(ctx, target)) return f.createAssignment(ctx.superTarget(key), visit(ctx, node.right, state) as TS.Expression);
  const right = () => visit(ctx, node.right, state) as TS.Expression;
  if (op === ts.SyntaxKind.EqualsToken) return ctx.superSet(key, right());
  const binary = COMPOUND_TO_BINARY(ts)[op];
  if (binary !== undefined) {
    if (literalKey) return ctx.superSet(key, f.createBinaryExpression(ctx.superGet(key), binary, right()));
    const old = ctx.names.claim("old");
    const apply = f.createArrowFunction(undefined, undefined, [f.createParameterDeclaration(undefined, undefined, old, undefined, f.createKeywordTypeNode(ts.SyntaxKind.AnyKeyword))],
      undefined, undefined, f.createBinaryExpression(f.createIdentifier(old), binary, right()));
    return ctx.superHelper("superCompound", key, [apply]);
  }
  const logical = op === ts.SyntaxKind.BarBarEqualsToken ? ts.SyntaxKind.BarBarToken
    : op === ts.SyntaxKind.AmpersandAmpersandEqualsToken ? ts.SyntaxKind.AmpersandAmpersandToken : ts.SyntaxKind.QuestionQuestionToken;
  if (literalKey) return f.createParenthesizedExpression(f.createBinaryExpression(ctx.superGet(key), logical, ctx.superSet(key, right())));
  const text = logical === ts.SyntaxKind.BarBarToken ? "||" : logical === ts.SyntaxKind.AmpersandAmpersandToken ? "&&" : "??";
  return ctx.superHelper("superLogical", key, [f.createStringLiteral(text), f.createArrowFunction(undefined, undefined, [], undefined, undefined, right())]);
}

/** The key of `super.x` (`"x"`) or of `super[k]` (k, visited). */
function superKey(ctx: LoweringContext, target: TS.PropertyAccessExpression | TS.ElementAccessExpression, state: VisitState): TS.Expression {
  return ctx.ts.isPropertyAccessExpression(target) ? ctx.f.createStringLiteral(target.name.text) : (visit(ctx, target.argumentExpression, state) as TS.Expression);
}

function COMPOUND_TO_BINARY(ts: LoweringContext["ts"]): Partial<Record<number, TS.BinaryOperator>> {
  const k = ts.SyntaxKind;
  return {
    [k.PlusEqualsToken]: k.PlusToken, [k.MinusEqualsToken]: k.MinusToken, [k.AsteriskEqualsToken]: k.AsteriskToken,
    [k.AsteriskAsteriskEqualsToken]: k.AsteriskAsteriskToken, [k.SlashEqualsToken]: k.SlashToken, [k.PercentEqualsToken]: k.PercentToken,
    [k.LessThanLessThanEqualsToken]: k.LessThanLessThanToken, [k.GreaterThanGreaterThanEqualsToken]: k.GreaterThanGreaterThanToken,
    [k.GreaterThanGreaterThanGreaterThanEqualsToken]: k.GreaterThanGreaterThanGreaterThanToken, [k.AmpersandEqualsToken]: k.AmpersandToken,
    [k.BarEqualsToken]: k.BarToken, [k.CaretEqualsToken]: k.CaretToken,
  };
}

/** Is `node` written by a destructuring assignment or a for-in/of head (`[super.x] = v`)? */
function isPatternOrLoopTarget(ctx: LoweringContext, node: TS.Node): boolean {
  const ts = ctx.ts;
  const inPattern = (n: TS.Node | undefined) => !!n && (ts.isArrayLiteralExpression(n) || ts.isObjectLiteralExpression(n) || ts.isPropertyAssignment(n));
  let current: TS.Node = node;
  let parent = current.parent;
  // Up through the pattern: literals, spreads, `key: target`, and `target = default` inside one.
  while (parent && (ts.isArrayLiteralExpression(parent) || ts.isObjectLiteralExpression(parent) || ts.isSpreadElement(parent) ||
    ts.isSpreadAssignment(parent) || ts.isParenthesizedExpression(parent) || (ts.isPropertyAssignment(parent) && parent.initializer === current) ||
    (ts.isShorthandPropertyAssignment(parent) && parent.name === current) ||
    (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken && parent.left === current && inPattern(parent.parent)))) {
    current = parent;
    parent = current.parent;
  }
  if (!parent) return false;
  if ((ts.isForInStatement(parent) || ts.isForOfStatement(parent)) && parent.initializer === current) return true;
  return (ts.isArrayLiteralExpression(current) || ts.isObjectLiteralExpression(current)) &&
    ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken && parent.left === current;
}

/** `super.x` read (`_super("x")`), or written as a pattern or for-in/of target. */
function visitSuperMember(ctx: LoweringContext, node: TS.PropertyAccessExpression | TS.ElementAccessExpression, state: VisitState): TS.Expression {
  const key = superKey(ctx, node, state);
  // Assignments, updates and `delete` were rewritten by visit() before reaching their operand.
  return isPatternOrLoopTarget(ctx, node) ? ctx.superTarget(key) : ctx.superGet(key);
}

function visitIdentifier(ctx: LoweringContext, node: TS.Identifier, state: VisitState, asTarget = false): TS.Node {
  // The name of a function or class is its own binding, never a reference to rewrite (unless
  // a hoisted declaration is being turned into an assignment to it: `asTarget`).
  const parent = node.parent;
  if (!asTarget && parent && (ctx.ts.isFunctionLike(parent) || ctx.ts.isClassLike(parent)) && (parent as { name?: TS.Node }).name === node) return node;
  const hoisted = ctx.hoistedOf(node);
  if (hoisted?.env) {
    const envName = ctx.envVariable(hoisted.env);
    // The parameters' accessor object never changes: closures read the resume local.
    if (!hoisted.env.fixed) state.envsUsed?.add(envName);
    const ref = () => ctx.f.createPropertyAccessExpression(ctx.f.createIdentifier(envName), hoisted.name);
    return checkedReference(ctx, node, ref, asTarget);
  }
  if (hoisted) {
    ctx.declareHoisted(hoisted, hoisted.binding?.kind === "param");
    const ref = () => hoisted.fieldOnly ? ctx.varRef(hoisted.name, state.nestedFunction)
      : hoisted.name === node.text ? node : ctx.f.createIdentifier(hoisted.name);
    return checkedReference(ctx, node, ref, asTarget);
  }
  if (node.text === "arguments" && !state.ownThis && !ctx.scopes.bindingOf.has(node) && isValueReference(ctx, node)) {
    return ctx.f.createIdentifier(ctx.argumentsVariable());
  }
  return node;
}

/**
 * A reference that can run in its binding's TDZ (analysis/tdz.ts): a read goes through
 * `$sl.tdzRead`; a destructuring or for-in/of target becomes `$sl.tdzTarget(…).value`, checked
 * when the element is written; assignments and updates are checked by visitCheckedWrite.
 */
function checkedReference(ctx: LoweringContext, node: TS.Identifier, ref: () => TS.Expression, asTarget: boolean): TS.Expression {
  if (asTarget || !ctx.tdz.checkedReferences.has(node)) return ref();
  if (isPatternOrLoopTarget(ctx, node)) return tdzTarget(ctx, ref, node.text);
  return isWriteTarget(ctx, node) ? ref() : tdzRead(ctx, ref(), node.text);
}

function isValueReference(ctx: LoweringContext, node: TS.Identifier): boolean {
  const ts = ctx.ts;
  const parent = node.parent;
  // Synthesized: our own `arguments`, e.g. what an inner coroutine's arrow wrapper passes.
  if (!parent) return true;
  if (ts.isPropertyAccessExpression(parent) && parent.name === node) return false;
  if (ts.isPropertyAssignment(parent) && parent.name === node) return false;
  return true;
}

function isVarList(ctx: LoweringContext, list: TS.VariableDeclarationList): boolean {
  return (list.flags & ctx.ts.NodeFlags.BlockScoped) === 0;
}

/** `var a = 1, b;` inside plain code: the names are hoisted, so only the assignments stay. */
function visitVarStatement(ctx: LoweringContext, node: TS.VariableStatement, state: VisitState): TS.Statement {
  const f = ctx.f;
  const assignments: TS.Expression[] = [];
  for (const declaration of node.declarationList.declarations) {
    if (!declaration.initializer) continue;
    const target = bindingNameToTarget(ctx, declaration.name, state);
    assignments.push(f.createAssignment(target, visit(ctx, declaration.initializer, state) as TS.Expression));
  }
  if (assignments.length === 0) return ctx.ts.setTextRange(f.createEmptyStatement(), node);
  return ctx.ts.setTextRange(f.createExpressionStatement(assignments.reduce((a, b) => f.createComma(a, b))), node);
}

function visitVarLoopHead(ctx: LoweringContext, node: TS.IterationStatement, state: VisitState): TS.IterationStatement {
  const ts = ctx.ts;
  const f = ctx.f;
  if (ts.isForStatement(node)) {
    const list = node.initializer as TS.VariableDeclarationList;
    const inits = list.declarations.filter((d) => d.initializer).map((d): TS.Expression =>
      f.createAssignment(bindingNameToTarget(ctx, d.name, state), visit(ctx, d.initializer!, state) as TS.Expression));
    return f.updateForStatement(node, inits.length ? inits.reduce((a, b) => f.createComma(a, b)) : undefined, node.condition, node.incrementor, node.statement);
  }
  const loop = node as TS.ForInStatement | TS.ForOfStatement;
  const list = loop.initializer as TS.VariableDeclarationList;
  const target = bindingNameToTarget(ctx, list.declarations[0]!.name, state);
  return ts.isForInStatement(loop)
    ? f.updateForInStatement(loop, target, loop.expression, loop.statement)
    : f.updateForOfStatement(loop, loop.awaitModifier, target, loop.expression, loop.statement);
}

/** A binding pattern of hoisted names as an assignment target (`{ a, b: [c] }`). */
export function bindingNameToTarget(ctx: LoweringContext, name: TS.BindingName, state?: VisitState): TS.Expression {
  const ts = ctx.ts;
  const f = ctx.f;
  const st = state ?? { nestedFunction: false, ownThis: false, plainTargets: [], envsUsed: undefined, jumps: new Set<number>(), returns: false };
  if (ts.isIdentifier(name)) return visitIdentifier(ctx, name, st, true) as TS.Expression;
  if (ts.isArrayBindingPattern(name)) {
    return f.createArrayLiteralExpression(name.elements.map((element) => {
      if (ts.isOmittedExpression(element)) return element;
      const target = bindingNameToTarget(ctx, element.name, st);
      if (element.dotDotDotToken) return f.createSpreadElement(target);
      return element.initializer ? f.createAssignment(target, visit(ctx, element.initializer, st) as TS.Expression) : target;
    }));
  }
  return f.createObjectLiteralExpression(name.elements.map((element) => {
    const target = bindingNameToTarget(ctx, element.name, st);
    if (element.dotDotDotToken) return f.createSpreadAssignment(target);
    const value = element.initializer ? f.createAssignment(target, visit(ctx, element.initializer, st) as TS.Expression) : target;
    const key = element.propertyName
      ? (ts.isComputedPropertyName(element.propertyName) ? f.createComputedPropertyName(visit(ctx, element.propertyName.expression, st) as TS.Expression) : element.propertyName)
      : (element.name as TS.Identifier).text;
    return f.createPropertyAssignment(key as TS.PropertyName | string, value);
  }));
}

function visitLoop(ctx: LoweringContext, node: TS.IterationStatement, state: VisitState, labels: string[]): TS.Node {
  return withPlainTarget(ctx, node, state, { labels, isLoop: true, isSwitch: false });
}

function withPlainTarget(ctx: LoweringContext, node: TS.Node, state: VisitState, target: VisitState["plainTargets"][number]): TS.Node {
  state.plainTargets.push(target);
  try {
    return ctx.ts.visitEachChild(node, (child) => visit(ctx, child, state), undefined);
  } finally {
    state.plainTargets.pop();
  }
}

function visitLabeled(ctx: LoweringContext, node: TS.LabeledStatement, state: VisitState): TS.Node {
  const ts = ctx.ts;
  // Collect a chain of labels `a: b: for (…)` onto the loop.
  const labels = [node.label.text];
  let body = node.statement;
  while (ts.isLabeledStatement(body)) { labels.push(body.label.text); body = body.statement; }
  const isLoop = ts.isIterationStatement(body, false);
  state.plainTargets.push({ labels, isLoop, isSwitch: false });
  try {
    return ts.visitEachChild(node, (child) => visit(ctx, child, state), undefined);
  } finally {
    state.plainTargets.pop();
  }
}

function visitBreakOrContinue(ctx: LoweringContext, node: TS.BreakOrContinueStatement, state: VisitState): TS.Statement {
  const ts = ctx.ts;
  const isContinue = node.kind === ts.SyntaxKind.ContinueStatement;
  const label = node.label?.text;
  const local = state.plainTargets.some((t) =>
    label === undefined ? (isContinue ? t.isLoop : t.isLoop || t.isSwitch) : t.labels.includes(label) && (!isContinue || t.isLoop));
  // Labels inside `labels.includes` of a loop chain: nested plain labels shadow outer ones.
  if (local) return node;
  const target = findJumpTarget(ctx, isContinue, label, node);
  const plan = planJump(ctx, isContinue ? target.continueLabel! : target.breakLabel, isContinue ? target.continueFinallyDepth : target.finallyDepth, node);
  state.jumps.add(plan.kind === "br" ? plan.label : plan.region.finallyLabel!);
  return placeholder(ctx, node, plan.kind === "br" ? { kind: "br", label: plan.label } : { kind: "through", region: plan.region, target: plan.target });
}

function visitReturn(ctx: LoweringContext, node: TS.ReturnStatement, state: VisitState): TS.Statement {
  const value = node.expression && (visit(ctx, node.expression, state) as TS.Expression);
  const innermost = ctx.finallyStack[ctx.finallyStack.length - 1];
  if (innermost) {
    state.jumps.add(innermost.finallyLabel!);
    return placeholder(ctx, node, { kind: "return-through", region: innermost, value });
  }
  state.returns = true;
  const f = ctx.f;
  const done = f.createCallExpression(f.createPropertyAccessExpression(f.createThis(), "done"), undefined, value ? [value] : []);
  return ctx.ts.setTextRange(f.createReturnStatement(done), node);
}

/** A statement standing for a jump; it names the returned value so liveness sees the use. */
function placeholder(ctx: LoweringContext, node: TS.Node, jump: PlaceholderJump): TS.Statement {
  const value = jump.kind === "return-through" ? jump.value : undefined;
  const statement = ctx.ts.setTextRange(ctx.f.createExpressionStatement(value ?? ctx.f.createVoidZero()), node);
  ctx.jumpPlaceholders.set(statement, jump);
  return statement;
}

// [source]                       [lowered, for a binding read before its declaration]
//      f(x)                           f($sl.tdzRead(x, "x"))
//      x = v                          x = $sl.tdzWrite(x, v, "x")   // throws after v, as natively
//      x += v;  x++                   ($sl.tdzRead(x, "x"), x += v); ($sl.tdzRead(x, "x"), x++)
/** @internal `$sl.tdzRead(ref, "x")` */
export function tdzRead(ctx: LoweringContext, ref: TS.Expression, name: string): TS.Expression {
  const f = ctx.f;
  return f.createCallExpression(f.createPropertyAccessExpression(f.createIdentifier(ctx.runtimeName), "tdzRead"), undefined, [ref, f.createStringLiteral(name)]);
}

/** @internal `$sl.tdzWrite(ref, value, "x")`: the value to store, once the check passed. */
export function tdzWrite(ctx: LoweringContext, ref: TS.Expression, value: TS.Expression, name: string): TS.Expression {
  const f = ctx.f;
  return f.createCallExpression(f.createPropertyAccessExpression(f.createIdentifier(ctx.runtimeName), "tdzWrite"), undefined, [ref, value, f.createStringLiteral(name)]);
}

// [source]                       [lowered, for a binding written before its declaration]
//      [x, y = d] = v                 [$sl.tdzTarget(() => x, (value) => { x = value; }, "x").value, …] = v
/** @internal `$sl.tdzTarget(() => x, (value) => { x = value; }, "x").value`: a checked pattern target. */
function tdzTarget(ctx: LoweringContext, ref: () => TS.Expression, name: string): TS.Expression {
  const f = ctx.f;
  const ts = ctx.ts;
  const value = f.createParameterDeclaration(undefined, undefined, "value", undefined, f.createKeywordTypeNode(ts.SyntaxKind.AnyKeyword));
  const read = f.createArrowFunction(undefined, undefined, [], undefined, undefined, ref());
  const write = f.createArrowFunction(undefined, undefined, [value], undefined, undefined,
    f.createBlock([f.createExpressionStatement(f.createAssignment(ref(), f.createIdentifier("value")))], false));
  const target = f.createCallExpression(f.createPropertyAccessExpression(f.createIdentifier(ctx.runtimeName), "tdzTarget"), undefined, [read, write, f.createStringLiteral(name)]);
  return f.createPropertyAccessExpression(target, "value");
}

type CheckedWrite = { kind: "assign"; node: TS.BinaryExpression; target: TS.Identifier } | { kind: "update"; node: TS.Expression; target: TS.Identifier };

/** An assignment or update whose target is a TDZ-checked reference. */
function tdzCheckedWrite(ctx: LoweringContext, node: TS.Node): CheckedWrite | undefined {
  const ts = ctx.ts;
  if (ctx.tdz.checkedReferences.size === 0) return undefined;
  if (ts.isBinaryExpression(node) && isAssignmentOperator(ctx, node.operatorToken.kind)) {
    const target = skipOuterExpressions(ctx, node.left);
    // `[x = d] = v`: a target with its default inside a pattern, checked as a target.
    if (ts.isIdentifier(target) && ctx.tdz.checkedReferences.has(target) && !isPatternOrLoopTarget(ctx, target)) return { kind: "assign", node, target };
  }
  if ((ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) &&
    (node.operator === ts.SyntaxKind.PlusPlusToken || node.operator === ts.SyntaxKind.MinusMinusToken)) {
    const target = skipOuterExpressions(ctx, node.operand);
    if (ts.isIdentifier(target) && ctx.tdz.checkedReferences.has(target)) return { kind: "update", node, target };
  }
  return undefined;
}

function visitCheckedWrite(ctx: LoweringContext, write: CheckedWrite, state: VisitState): TS.Expression {
  const f = ctx.f;
  const ts = ctx.ts;
  const plain = ts.visitEachChild(write.node, (child) => visit(ctx, child, state), undefined) as TS.Expression;
  const ref = () => visitIdentifier(ctx, write.target, state, true) as TS.Expression;
  if (write.kind === "assign" && write.node.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
    const value = (plain as TS.BinaryExpression).right;
    const checked = tdzWrite(ctx, ref(), value, write.target.text);
    return f.updateBinaryExpression(plain as TS.BinaryExpression, (plain as TS.BinaryExpression).left, (plain as TS.BinaryExpression).operatorToken, checked);
  }
  // Compound assignments and updates read the binding first: check it before anything runs.
  return f.createParenthesizedExpression(f.createComma(tdzRead(ctx, ref(), write.target.text), plain));
}

function isAssignmentOperator(ctx: LoweringContext, kind: TS.SyntaxKind): boolean {
  return kind >= ctx.ts.SyntaxKind.FirstAssignment && kind <= ctx.ts.SyntaxKind.LastAssignment;
}

function skipOuterExpressions(ctx: LoweringContext, node: TS.Expression): TS.Expression {
  const ts = ctx.ts;
  while (ts.isParenthesizedExpression(node) || ts.isNonNullExpression(node) || ts.isAsExpression(node) || ts.isSatisfiesExpression(node) || ts.isTypeAssertionExpression(node)) node = node.expression;
  return node;
}

/** The identifier is written (assignment, update, destructuring or for-in/of target), not read. */
function isWriteTarget(ctx: LoweringContext, node: TS.Identifier): boolean {
  const ts = ctx.ts;
  let child: TS.Node = node;
  let parent = node.parent;
  while (parent && (ts.isParenthesizedExpression(parent) || ts.isNonNullExpression(parent) || ts.isAsExpression(parent) || ts.isSatisfiesExpression(parent) || ts.isTypeAssertionExpression(parent))) {
    child = parent;
    parent = parent.parent;
  }
  if (!parent) return false;
  if (ts.isBinaryExpression(parent)) return parent.left === child && isAssignmentOperator(ctx, parent.operatorToken.kind);
  if (ts.isPrefixUnaryExpression(parent) || ts.isPostfixUnaryExpression(parent)) {
    return parent.operator === ts.SyntaxKind.PlusPlusToken || parent.operator === ts.SyntaxKind.MinusMinusToken;
  }
  if ((ts.isForInStatement(parent) || ts.isForOfStatement(parent)) && parent.initializer === child) return true;
  // Inside an array/object literal that is itself a destructuring target.
  if (ts.isShorthandPropertyAssignment(parent) || ts.isPropertyAssignment(parent) || ts.isSpreadElement(parent) || ts.isSpreadAssignment(parent) || ts.isArrayLiteralExpression(parent)) {
    let literal: TS.Node = ts.isArrayLiteralExpression(parent) ? parent : parent.parent;
    if (ts.isPropertyAssignment(parent) && parent.initializer !== child) return false;
    while (literal.parent && (ts.isArrayLiteralExpression(literal.parent) || ts.isPropertyAssignment(literal.parent) || ts.isObjectLiteralExpression(literal.parent) || ts.isSpreadElement(literal.parent) || ts.isSpreadAssignment(literal.parent))) literal = literal.parent;
    const outer = literal.parent;
    return !!outer && ((ts.isBinaryExpression(outer) && outer.left === literal && outer.operatorToken.kind === ts.SyntaxKind.EqualsToken) ||
      ((ts.isForInStatement(outer) || ts.isForOfStatement(outer)) && outer.initializer === literal));
  }
  return false;
}
