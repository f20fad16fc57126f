// lowerX for destructuring patterns that contain a suspension (`const { a = await f() } = o`,
// `[o.x = await v] = xs`, in declarations, assignments, loop heads and catch bindings): the
// pattern is unrolled into one step per property or element, in ECMAScript's order of
// evaluation, so each suspension gets its state. Patterns without a suspension never come here:
// callers keep them native, which is shorter and faster.
//
// Invariants (lower/):
//  6. Object patterns: RequireObjectCoercible first; then per property its key (computed keys
//     converted by ToPropertyKey at once), the target's reference (object and key of `o[k]`),
//     GetV, the default only when the value is undefined, the write. A rest property copies
//     what the keys seen so far do not name.
//  7. Array patterns: GetIterator, one IteratorStepValue per element or elision (after the
//     target's reference), and IteratorClose unless the iterator is done, however the pattern
//     is left (a rejected await in a default included): the steps run in a finally region.
//  8. A sub-pattern without a suspension is emitted as native destructuring of its value.
//
// [source]
//      const { a = await f(), [k()]: b, ...r } = o;
// [intermediate]
//      t0 = $sl.coercible(o)
//      t1 = t0.a
//  .brtrue Join0, t1 !== void 0
//  .await f() -> Await0
//  .mark Await0
//  .receive t1
//  .mark Join0
//      a = t1
//      t2 = $sl.toPropertyKey(k())      // converted now: the rest needs the key
//      b = t0[t2]
//      r = $sl.restOf(t0, ["a", t2])
//
// [source]
//      [o.x = await v, , ...r] = xs;
// [intermediate]
//      t0 = $sl.destructure(xs)
//  .mark Try0                           // region: finally only, closes the iterator
//      t1 = o                           // the target's reference before the step
//      t2 = t0.step()
//  .brtrue Join0, t2 !== void 0
//  .await v -> Await0
//  .mark Await0
//  .receive t2
//  .mark Join0
//      t1.x = t2
//      t0.step()                        // the elision
//      r = t0.rest()
//      t3 = 0                           // normal completion
//  .br Finally0
//  .mark Finally0
//      t0.close(t3 === 1)               // a throw completion ignores return()'s errors
//  .endfinally
//  .mark TryExit0

import { assert } from "../util/assert.js";
import type { TS } from "../ts-api.js";
import type { LoweringContext } from "./context.js";
import { lowerExpression, lowerReference } from "./expressions.js";
import { bindingNameToTarget, visitExpression } from "./rewrite.js";
import { runtimeHelper } from "./runtime-helpers.js";
import { assignTo, canFallThrough } from "./statements.js";
import { closeIteratorRegion } from "./try.js";

/** What a property or element writes to. */
type Target =
  /** A declared name, or (not `declared`) an identifier reference in an assignment pattern. */
  | { readonly kind: "name"; readonly name: TS.Identifier; readonly declared: boolean }
  /** `o.x`, `o[k]` (assignment patterns): its reference is evaluated before the value is read. */
  | { readonly kind: "reference"; readonly node: TS.Expression }
  | { readonly kind: "pattern"; readonly pattern: Pattern };

interface Element {
  readonly target: Target;
  readonly initializer: TS.Expression | undefined;
  /** The whole property or element, for suspension checks and positions. */
  readonly origin: TS.Node;
}

interface Property extends Element {
  readonly key: TS.PropertyName;
}

/** A binding pattern or an assignment pattern, in one shape. */
type Pattern =
  | { readonly kind: "object"; readonly node: TS.Node; readonly properties: readonly Property[]; readonly rest: Element | undefined }
  | { readonly kind: "array"; readonly node: TS.Node; readonly elements: readonly (Element | undefined)[]; readonly rest: Element | undefined };

/** `const { a = await f() } = value` (declarations, catch bindings, loop heads): binds names. */
export function lowerBindingPattern(ctx: LoweringContext, pattern: TS.BindingPattern, value: TS.Expression): void {
  lowerPattern(ctx, fromBindingPattern(ctx, pattern), value);
}

/** `({ a = await f() } = value)`: writes the targets of an assignment pattern. */
export function lowerAssignmentPattern(ctx: LoweringContext, pattern: TS.ObjectLiteralExpression | TS.ArrayLiteralExpression, value: TS.Expression): void {
  lowerPattern(ctx, fromAssignmentPattern(ctx, pattern), value);
}

/** Is this assignment target a pattern (`{ … }` or `[ … ]`), parentheses aside? */
export function isAssignmentPattern(ctx: LoweringContext, node: TS.Expression): node is TS.ObjectLiteralExpression | TS.ArrayLiteralExpression {
  return ctx.ts.isObjectLiteralExpression(node) || ctx.ts.isArrayLiteralExpression(node);
}

// ---- lowering ------------------------------------------------------------------------------

/** `value` is suspension-free and evaluated right after the ops emitted so far (rule 3). */
function lowerPattern(ctx: LoweringContext, pattern: Pattern, value: TS.Expression): void {
  if (!ctx.suspends.containsSuspend(pattern.node)) {
    emitStatement(ctx, ctx.f.createAssignment(buildNativePattern(ctx, pattern), value), pattern.node);
    return;
  }
  if (pattern.kind === "object") lowerObjectPattern(ctx, pattern, value);
  else lowerArrayPattern(ctx, pattern, value);
}

function lowerObjectPattern(ctx: LoweringContext, pattern: Extract<Pattern, { kind: "object" }>, value: TS.Expression): void {
  const f = ctx.f;
  const source = ctx.newTemp();
  const wording = coercibleWording(ctx, pattern);
  ctx.b.emitOp({ kind: "assign", target: source, value: f.createCallExpression(runtimeHelper(ctx, "coercible"), undefined, [value, ...wording]), origin: pattern.node });
  const excluded: TS.Expression[] = [];
  for (const property of pattern.properties) {
    // The key itself is needed later by a rest, and before GetV by a reference target.
    const key = lowerPropertyKey(ctx, property.key, !!pattern.rest || property.target.kind === "reference");
    lowerElement(ctx, property, () => key.read(ctx.varRef(source)));
    if (pattern.rest) excluded.push(key.excluded);
  }
  if (pattern.rest) {
    const rest = () => f.createCallExpression(runtimeHelper(ctx, "restOf"), undefined, [ctx.varRef(source), f.createArrayLiteralExpression(excluded, false)]);
    lowerElement(ctx, pattern.rest, rest);
  }
}

/** A property key: how to read it from the source and what a rest excludes for it. */
function lowerPropertyKey(ctx: LoweringContext, key: TS.PropertyName, keep: boolean): { read: (source: TS.Expression) => TS.Expression; excluded: TS.Expression } {
  const ts = ctx.ts;
  const f = ctx.f;
  if (ts.isIdentifier(key)) return { read: (source) => f.createPropertyAccessExpression(source, key.text), excluded: f.createStringLiteral(key.text) };
  if (!ts.isComputedPropertyName(key)) {
    const literal = () => literalKey(ctx, key);
    return { read: (source) => f.createElementAccessExpression(source, literal()), excluded: literal() };
  }
  let value = lowerExpression(ctx, key.expression);
  // ToPropertyKey happens as the key is evaluated (a `toString` runs before the target's
  // reference); a key read at once by GetV is converted there, at the same moment.
  if (keep) {
    const temp = ctx.newTemp();
    ctx.b.emitOp({ kind: "assign", target: temp, value: f.createCallExpression(runtimeHelper(ctx, "toPropertyKey"), undefined, [value]), origin: key });
    value = ctx.varRef(temp);
  }
  return { read: (source) => f.createElementAccessExpression(source, value), excluded: value };
}

function literalKey(ctx: LoweringContext, key: TS.PropertyName): TS.Expression {
  const ts = ctx.ts;
  const f = ctx.f;
  if (ts.isNumericLiteral(key)) return f.createNumericLiteral(key.text);
  if (ts.isBigIntLiteral(key)) return f.createBigIntLiteral(key.text);
  assert(ts.isStringLiteral(key) || ts.isNoSubstitutionTemplateLiteral(key), `unexpected property name kind ${ts.SyntaxKind[key.kind]} in a pattern`);
  return f.createStringLiteral(key.text);
}

// [source]
//      [a = await f()] = xs;              (see the top of the file for the whole shape)
// [intermediate]
//      t0 = $sl.destructure(xs)
//  .mark Try0
//      …one step per element (lowerElement)…
//      t3 = 0
//  .br Finally0
//  .mark Finally0
//      t0.close(t3 === 1)
//  .endfinally
//  .mark TryExit0
function lowerArrayPattern(ctx: LoweringContext, pattern: Extract<Pattern, { kind: "array" }>, value: TS.Expression): void {
  const f = ctx.f;
  const b = ctx.b;
  const iterator = ctx.newTemp();
  const message = notIterableMessage(ctx, pattern);
  // No text V8 would print: `null` asks for V8's description of the value.
  const wording = message === undefined ? f.createNull() : f.createStringLiteral(message);
  b.emitOp({ kind: "assign", target: iterator, value: f.createCallExpression(runtimeHelper(ctx, "destructure"), undefined, [value, wording]), origin: pattern.node });
  const call = (name: string, args: TS.Expression[] = []) => f.createCallExpression(f.createPropertyAccessExpression(ctx.varRef(iterator), name), undefined, args);
  closeIteratorRegion(ctx, pattern.node, iterator, b.defineLabel("TryExit", pattern.node), () => {
    for (const element of pattern.elements) {
      if (element) lowerElement(ctx, element, () => call("step"));
      else emitStatement(ctx, call("step"), pattern.node);
    }
    if (pattern.rest) lowerElement(ctx, pattern.rest, () => call("rest"));
    // The pattern finished: IteratorClose with a normal completion (return()'s errors count).
    const region = ctx.finallyStack[ctx.finallyStack.length - 1]!;
    if (canFallThrough(b.lastOp())) {
      b.emitOp({ kind: "assign", target: region.completionKind!, value: f.createNumericLiteral(0) });
      b.emitOp({ kind: "br", label: region.finallyLabel! });
    }
  }, (region) => {
    const throwing = f.createStrictEquality(ctx.varRef(region.completionKind!), f.createNumericLiteral(1));
    emitStatement(ctx, call("close", [throwing]), pattern.node);
  });
}

/** One property or element: the target's reference, the read, the default, the write (rule 6). */
function lowerElement(ctx: LoweringContext, element: Element, read: () => TS.Expression): void {
  const target = element.target;
  // A member target's object and key are evaluated (and kept) before the value is read, as
  // the spec orders them, even when nothing suspends in between.
  const reference = target.kind === "reference" ? lowerReference(ctx, target.node, true) : undefined;
  let value = read();
  if (element.initializer) value = lowerDefault(ctx, value, element.initializer, target);
  if (target.kind === "name" && target.declared) assignTo(ctx, target.name, value, element.origin);
  // An identifier reference is written as `x = v` would be (with its TDZ check, if any).
  else if (target.kind === "name") emitStatement(ctx, lowerReference(ctx, target.name, false).set(value), element.origin);
  else if (target.kind === "reference") emitStatement(ctx, reference!.set(value), element.origin);
  else lowerPattern(ctx, target.pattern, value);
}

// [source]
//      { a = await f() }                  { a = g() }
// [intermediate]
//      t1 = t0.a                          t1 = t0.a
//  .brtrue Join0, t1 !== void 0               → t1 === void 0 ? g() : t1
//  .await f() -> Await0
//  .mark Await0
//  .receive t1
//  .mark Join0
//      → t1
/** The value, or the initializer's when the value is undefined (evaluated only then). */
function lowerDefault(ctx: LoweringContext, value: TS.Expression, initializer: TS.Expression, target: Target): TS.Expression {
  const f = ctx.f;
  const current = ctx.newTemp();
  ctx.b.emitOp({ kind: "assign", target: current, value, origin: initializer });
  const isUndefined = f.createStrictEquality(ctx.varRef(current), f.createVoidZero());
  if (!ctx.suspends.containsSuspend(initializer)) {
    return f.createConditionalExpression(isUndefined, undefined, named(ctx, visitExpression(ctx, initializer), initializer, target), undefined, ctx.varRef(current));
  }
  const end = ctx.b.defineLabel("Join", initializer);
  ctx.b.emitOp({ kind: "brtrue", label: end, condition: f.createStrictInequality(ctx.varRef(current), f.createVoidZero()), origin: initializer });
  const initial = lowerExpression(ctx, initializer);
  // `.receive t2; t1 = t2` becomes `.receive t1` when the default ends with its await.
  const received = ctx.ts.isIdentifier(initial) && ctx.vars.get(initial.text)?.isTemp && ctx.b.retargetReceive(initial.text, current);
  if (received) ctx.vars.delete(initial.text);
  else ctx.b.emitOp({ kind: "assign", target: current, value: initial, origin: initializer });
  ctx.b.markLabel(end);
  return ctx.varRef(current);
}

/**
 * An anonymous function default takes the name it is bound to (`{ f = () => {} }` names it
 * `f`); a conditional would lose it, so it is defined as a property of that name:
 * `({ f: () => {} }).f`, which names it the same way.
 */
function named(ctx: LoweringContext, value: TS.Expression, initializer: TS.Expression, target: Target): TS.Expression {
  if (target.kind !== "name" || !isAnonymousFunctionDefinition(ctx, initializer)) return value;
  const f = ctx.f;
  const holder = f.createObjectLiteralExpression([f.createPropertyAssignment(f.createIdentifier(target.name.text), value)], false);
  return f.createPropertyAccessExpression(f.createParenthesizedExpression(holder), target.name.text);
}

function isAnonymousFunctionDefinition(ctx: LoweringContext, node: TS.Expression): boolean {
  const ts = ctx.ts;
  let inner = node;
  while (ts.isParenthesizedExpression(inner)) inner = inner.expression;
  return ts.isArrowFunction(inner) || ((ts.isFunctionExpression(inner) || ts.isClassExpression(inner)) && !inner.name);
}

function emitStatement(ctx: LoweringContext, expression: TS.Expression, origin: TS.Node): void {
  ctx.b.emitOp({ kind: "stmt", node: ctx.ts.setTextRange(ctx.f.createExpressionStatement(expression), origin), jumps: [], returns: false });
}

// ---- V8's wording of a failed destructuring ---------------------------------------------------
// V8 words the TypeError of a null source or a non-iterable value with the source text, as its
// CallPrinter prints it; the lowered pattern reads a temp, so the compiler passes V8's words
// where it knows them (what V8 prints was measured case by case, fixtures/destructuring/v8-error-messages):
//      const { a } = o.x;       Cannot destructure property 'a' of 'o.x' as it is null.
//      const { a = 1 } = v;     Cannot read properties of null (reading 'a')     (also nested patterns)
//      const { [k]: a } = v;    Cannot destructure 'v' as it is null.
//      const [a] = v;           v is not iterable                               (an identifier or `this`)
//      const [a] = f();         f is not a function or its return value is not iterable
//      [a] = v;  [[a]] = …;     object null is not iterable (cannot read property Symbol(Symbol.iterator))
// Anything else keeps the runtime's own wording (the value described, as V8 does when it has no text).

/** Where a pattern's value comes from, as V8 names it. */
interface PatternSource {
  /** Nested in another pattern (V8 reports a property read). */
  readonly nested: boolean;
  /** The destructured expression, for a top-level declaration or assignment. */
  readonly expression?: TS.Expression;
  readonly isDeclaration: boolean;
  /** V8's name for an implicit source: `.for` (a for-in/of head), `.catch` (a catch binding). */
  readonly implicit?: ".for" | ".catch";
}

function patternSource(ctx: LoweringContext, node: TS.Node): PatternSource {
  const ts = ctx.ts;
  // The user's own nodes: a visited copy (an outer coroutine renamed `value` to `this.value`)
  // still points at the original, whose text is what V8 prints.
  node = ts.getOriginalNode(node);
  let child: TS.Node = node;
  let parent = node.parent;
  while (parent && ts.isParenthesizedExpression(parent)) {
    child = parent;
    parent = parent.parent;
  }
  if (!parent) return { nested: true, isDeclaration: false };
  if (ts.isVariableDeclaration(parent) && parent.name === child) {
    if (ts.isCatchClause(parent.parent)) return { nested: false, isDeclaration: true, implicit: ".catch" };
    const loop = parent.parent?.parent;
    if (loop && (ts.isForOfStatement(loop) || ts.isForInStatement(loop))) return { nested: false, isDeclaration: true, implicit: ".for" };
    return { nested: false, isDeclaration: true, expression: parent.initializer };
  }
  if (ts.isBinaryExpression(parent) && parent.left === child && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken && !isInsidePattern(ctx, parent)) {
    return { nested: false, isDeclaration: false, expression: parent.right };
  }
  return { nested: true, isDeclaration: false };
}

/** `[x = d]` or `{ k: x = d }` inside a larger pattern: the `=` is a default, not an assignment. */
function isInsidePattern(ctx: LoweringContext, assignment: TS.BinaryExpression): boolean {
  const ts = ctx.ts;
  const parent = assignment.parent;
  return !!parent && (ts.isArrayLiteralExpression(parent) || (ts.isPropertyAssignment(parent) && parent.initializer === assignment));
}

/** The expression's text as V8's CallPrinter prints it, for the forms it prints plainly. */
function printedSource(ctx: LoweringContext, node: TS.Expression): string | undefined {
  const ts = ctx.ts;
  while (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isSatisfiesExpression(node) || ts.isNonNullExpression(node) || ts.isTypeAssertionExpression(node)) {
    node = node.expression;
  }
  if (ts.isIdentifier(node)) return node.text;
  if (node.kind === ts.SyntaxKind.ThisKeyword) return "this";
  if (ts.isAwaitExpression(node)) return "(intermediate value)";
  if (ts.isOptionalChain(node)) return undefined;
  if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.name)) {
    const object = printedSource(ctx, node.expression);
    return object === undefined ? undefined : `${object}.${node.name.text}`;
  }
  if (ts.isElementAccessExpression(node) && (ts.isStringLiteral(node.argumentExpression) || ts.isNumericLiteral(node.argumentExpression))) {
    const object = printedSource(ctx, node.expression);
    if (object === undefined) return undefined;
    return ts.isStringLiteral(node.argumentExpression) ? `${object}.${node.argumentExpression.text}` : `${object}[${node.argumentExpression.text}]`;
  }
  if (ts.isCallExpression(node)) {
    const callee = printedSource(ctx, node.expression);
    return callee === undefined ? undefined : `${callee}(...)`;
  }
  return undefined;
}

/** The first property's key as V8 quotes it, when it is a literal. */
function literalKeyText(ctx: LoweringContext, key: TS.PropertyName): string | undefined {
  const ts = ctx.ts;
  if (ts.isIdentifier(key) || ts.isStringLiteral(key) || ts.isNoSubstitutionTemplateLiteral(key)) return key.text;
  if (ts.isNumericLiteral(key)) return String(Number(key.text));
  return undefined;
}

/** The extra arguments of `$sl.coercible(value, source, key)` (see runtime/src/helpers.ts). */
function coercibleWording(ctx: LoweringContext, pattern: Extract<Pattern, { kind: "object" }>): TS.Expression[] {
  const f = ctx.f;
  const first = pattern.properties[0];
  const key = first && literalKeyText(ctx, first.key);
  const source = patternSource(ctx, pattern.node);
  // A nested pattern, or a first property with a default: V8 reports reading the key.
  if (key !== undefined && (source.nested || first!.initializer)) return [f.createVoidZero(), f.createStringLiteral(key)];
  if (source.nested) return [];
  const text = source.implicit ?? (source.expression && printedSource(ctx, source.expression));
  if (text === undefined) return [];
  return key !== undefined ? [f.createStringLiteral(text), f.createStringLiteral(key)] : [f.createStringLiteral(text)];
}

/** The message `$sl.destructure` throws for a value that is not iterable, when V8's is known. */
function notIterableMessage(ctx: LoweringContext, pattern: Extract<Pattern, { kind: "array" }>): string | undefined {
  const ts = ctx.ts;
  const source = patternSource(ctx, pattern.node);
  // Only declarations print their source; an assignment, a catch binding or a nested
  // pattern gets the value described (the runtime's default).
  if (source.nested || !source.isDeclaration || source.implicit === ".catch") return undefined;
  if (source.implicit === ".for") return ".for is not iterable";
  let expression = source.expression;
  while (expression && (ts.isParenthesizedExpression(expression) || ts.isAsExpression(expression) || ts.isSatisfiesExpression(expression) || ts.isNonNullExpression(expression))) {
    expression = expression.expression;
  }
  if (!expression) return undefined;
  if (ts.isIdentifier(expression)) return `${expression.text} is not iterable`;
  if (expression.kind === ts.SyntaxKind.ThisKeyword) return "this is not iterable";
  if (ts.isAwaitExpression(expression)) return "(intermediate value) is not iterable";
  if (ts.isCallExpression(expression) && !ts.isOptionalChain(expression) && ts.isIdentifier(expression.expression)) {
    return `${expression.expression.text} is not a function or its return value is not iterable`;
  }
  return undefined;
}

// ---- native sub-patterns (rule 8) ----------------------------------------------------------

function buildNativePattern(ctx: LoweringContext, pattern: Pattern): TS.Expression {
  const f = ctx.f;
  if (pattern.kind === "object") {
    const properties: TS.ObjectLiteralElementLike[] = pattern.properties.map((property) => {
      const key = ctx.ts.isComputedPropertyName(property.key) ? f.createComputedPropertyName(visitExpression(ctx, property.key.expression)) : property.key;
      return f.createPropertyAssignment(key, buildNativeElement(ctx, property));
    });
    if (pattern.rest) properties.push(f.createSpreadAssignment(buildNativeTarget(ctx, pattern.rest.target)));
    return f.createObjectLiteralExpression(properties, false);
  }
  const elements = pattern.elements.map((element) => (element ? buildNativeElement(ctx, element) : f.createOmittedExpression()));
  if (pattern.rest) elements.push(f.createSpreadElement(buildNativeTarget(ctx, pattern.rest.target)));
  return f.createArrayLiteralExpression(elements, false);
}

function buildNativeElement(ctx: LoweringContext, element: Element): TS.Expression {
  const target = buildNativeTarget(ctx, element.target);
  return element.initializer ? ctx.f.createAssignment(target, visitExpression(ctx, element.initializer)) : target;
}

function buildNativeTarget(ctx: LoweringContext, target: Target): TS.Expression {
  if (target.kind === "name") return bindingNameToTarget(ctx, target.name);
  if (target.kind === "reference") return visitExpression(ctx, target.node);
  return buildNativePattern(ctx, target.pattern);
}

// ---- reading patterns into one shape -------------------------------------------------------

function fromBindingPattern(ctx: LoweringContext, pattern: TS.BindingPattern): Pattern {
  const ts = ctx.ts;
  const element = (node: TS.BindingElement): Element => ({ target: bindingTarget(ctx, node.name), initializer: node.initializer, origin: node });
  if (ts.isObjectBindingPattern(pattern)) {
    const properties = pattern.elements.filter((node) => !node.dotDotDotToken)
      .map((node): Property => ({ ...element(node), key: node.propertyName ?? (node.name as TS.Identifier) }));
    const rest = pattern.elements.find((node) => node.dotDotDotToken);
    return { kind: "object", node: pattern, properties, rest: rest && element(rest) };
  }
  const rest = pattern.elements.find((node): node is TS.BindingElement => ts.isBindingElement(node) && !!node.dotDotDotToken);
  const elements = pattern.elements.filter((node) => node !== rest).map((node) => (ts.isOmittedExpression(node) ? undefined : element(node)));
  return { kind: "array", node: pattern, elements, rest: rest && element(rest) };
}

function bindingTarget(ctx: LoweringContext, name: TS.BindingName): Target {
  return ctx.ts.isIdentifier(name) ? { kind: "name", name, declared: true } : { kind: "pattern", pattern: fromBindingPattern(ctx, name) };
}

function fromAssignmentPattern(ctx: LoweringContext, pattern: TS.ObjectLiteralExpression | TS.ArrayLiteralExpression): Pattern {
  const ts = ctx.ts;
  if (ts.isObjectLiteralExpression(pattern)) {
    const properties: Property[] = [];
    let rest: Element | undefined;
    for (const node of pattern.properties) {
      if (ts.isSpreadAssignment(node)) rest = { target: assignmentTarget(ctx, node.expression), initializer: undefined, origin: node };
      else if (ts.isShorthandPropertyAssignment(node)) {
        properties.push({ key: node.name, target: { kind: "name", name: node.name, declared: false }, initializer: node.objectAssignmentInitializer, origin: node });
      } else {
        assert(ts.isPropertyAssignment(node), `a ${ts.SyntaxKind[node.kind]} in an assignment pattern (the parser rejects it)`);
        properties.push({ key: node.name, ...assignmentElement(ctx, node.initializer, node) });
      }
    }
    return { kind: "object", node: pattern, properties, rest };
  }
  const last = pattern.elements[pattern.elements.length - 1];
  const rest = last && ts.isSpreadElement(last) ? last : undefined;
  const elements = pattern.elements.filter((node) => node !== rest)
    .map((node) => (ts.isOmittedExpression(node) ? undefined : assignmentElement(ctx, node, node)));
  return { kind: "array", node: pattern, elements, rest: rest && { target: assignmentTarget(ctx, rest.expression), initializer: undefined, origin: rest } };
}

/** `target = default` or `target` inside an assignment pattern. */
function assignmentElement(ctx: LoweringContext, node: TS.Expression, origin: TS.Node): Element {
  const ts = ctx.ts;
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
    return { target: assignmentTarget(ctx, node.left), initializer: node.right, origin };
  }
  return { target: assignmentTarget(ctx, node), initializer: undefined, origin };
}

function assignmentTarget(ctx: LoweringContext, node: TS.Expression): Target {
  const ts = ctx.ts;
  let inner = node;
  while (ts.isParenthesizedExpression(inner) || ts.isNonNullExpression(inner) || ts.isAsExpression(inner) || ts.isSatisfiesExpression(inner) || ts.isTypeAssertionExpression(inner)) {
    inner = inner.expression;
  }
  if (ts.isIdentifier(inner)) return { kind: "name", name: inner, declared: false };
  if (isAssignmentPattern(ctx, inner)) return { kind: "pattern", pattern: fromAssignmentPattern(ctx, inner) };
  return { kind: "reference", node: inner };
}
