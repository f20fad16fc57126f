// Lowering of an object literal with a suspension in a member: every member before the last
// one that suspends is evaluated now (computed keys converted by ToPropertyKey at once, spreads
// copied, shorthand values read), and the literal is rebuilt with the same members in the same
// order, so property order, duplicates and `__proto__` behave as in the original.
//
// [source]
//      { [k()]: a, ...s, m() {}, x: await v }
// [intermediate]
//      t0 = $sl.toPropertyKey(k())     // the key is converted before its value is evaluated
//      t1 = a
//      t2 = { ...s }                   // copied now: its getters run before the await
//  .await v -> Await0
//  .mark Await0
//  .receive t3
//      → { [t0]: t1, ...t2, m() {}, x: t3 }
//
// `__proto__: v` and `"__proto__": v` set the prototype; `["__proto__"]: v` and the shorthand
// `{ __proto__ }` create an own property, so a rebuilt shorthand becomes `["__proto__"]: value`.

import type { TS } from "../ts-api.js";
import type { LoweringContext } from "./context.js";
import { isAnonymousFunctionDefinition, isConstant, lowerExpression, spill } from "./expressions.js";
import { visitExpression } from "./rewrite.js";
import { runtimeHelper } from "./runtime-helpers.js";

export function lowerObjectLiteral(ctx: LoweringContext, node: TS.ObjectLiteralExpression): TS.Expression {
  const ts = ctx.ts;
  const f = ctx.f;
  const lastSuspending = lastIndexWhere(node.properties, (p) => ctx.suspends.containsSuspend(p));
  const properties = node.properties.map((property, i): TS.ObjectLiteralElementLike => {
    // Invariant: a member before the last suspending one leaves only temps, constants and
    // arrows or function expressions (which must stay to be named after their key) behind.
    const keepValue = (value: TS.Expression, origin: TS.Expression, name?: TS.PropertyName) => {
      if (i >= lastSuspending || isAnonymousFunction(ctx, origin)) return value;
      return spill(ctx, name && ts.isClassExpression(skipParentheses(ctx, origin)) ? namedAfterKey(ctx, name, value) : value, origin);
    };
    if (ts.isSpreadAssignment(property)) {
      const value = lowerExpression(ctx, property.expression);
      return f.createSpreadAssignment(i < lastSuspending ? spill(ctx, f.createObjectLiteralExpression([f.createSpreadAssignment(value)]), property) : value);
    }
    if (ts.isShorthandPropertyAssignment(property)) {
      return f.createPropertyAssignment(shorthandName(ctx, property.name.text), keepValue(visitExpression(ctx, property.name), property.name));
    }
    const valueSuspends = ts.isPropertyAssignment(property) && ctx.suspends.containsSuspend(property.initializer);
    const name = lowerMemberName(ctx, property.name, i < lastSuspending || (i === lastSuspending && valueSuspends));
    if (ts.isPropertyAssignment(property)) return f.createPropertyAssignment(name, keepValue(lowerExpression(ctx, property.initializer), property.initializer, name));
    return lowerFunctionMember(ctx, property, name);
  });
  return f.createObjectLiteralExpression(properties, node.properties.length > 1);
}

/**
 * A member's name. A computed key is evaluated here, in order; with `keep` it is converted by
 * ToPropertyKey and kept now, because something after it (its own value, or a later member) suspends.
 */
function lowerMemberName(ctx: LoweringContext, name: TS.PropertyName, keep: boolean): TS.PropertyName {
  const f = ctx.f;
  if (!ctx.ts.isComputedPropertyName(name)) return name;
  const key = lowerExpression(ctx, name.expression);
  if (!keep || isConstant(ctx, key)) return f.createComputedPropertyName(key);
  return f.createComputedPropertyName(spill(ctx, f.createCallExpression(runtimeHelper(ctx, "toPropertyKey"), undefined, [key]), name));
}

/** A method or accessor: its function is created by the rebuilt literal; only its key was evaluated before. */
function lowerFunctionMember(ctx: LoweringContext, member: TS.ObjectLiteralElementLike, name: TS.PropertyName): TS.ObjectLiteralElementLike {
  const ts = ctx.ts;
  const f = ctx.f;
  let renamed: TS.ObjectLiteralElementLike = member;
  if (member.name && ts.isComputedPropertyName(member.name)) {
    if (ts.isMethodDeclaration(member)) {
      renamed = f.updateMethodDeclaration(member, member.modifiers, member.asteriskToken, name, member.questionToken, member.typeParameters, member.parameters, member.type, member.body);
    } else if (ts.isGetAccessorDeclaration(member)) {
      renamed = f.updateGetAccessorDeclaration(member, member.modifiers, name, member.parameters, member.type, member.body);
    } else if (ts.isSetAccessorDeclaration(member)) {
      renamed = f.updateSetAccessorDeclaration(member, member.modifiers, name, member.parameters, member.body);
    }
  }
  const visited = visitExpression(ctx, f.createObjectLiteralExpression([renamed])) as TS.ObjectLiteralExpression;
  return visited.properties[0]!;
}

/** The name of a rebuilt shorthand member: `{ __proto__ }` is an own property, never the prototype. */
function shorthandName(ctx: LoweringContext, text: string): TS.PropertyName {
  return text === "__proto__" ? ctx.f.createComputedPropertyName(ctx.f.createStringLiteral(text)) : ctx.f.createIdentifier(text);
}

/**
 * An arrow or unnamed function expression: creating it has no side effect, and it must stay in
 * the literal to be named after its key (`{ [k]: () => 1 }.k.name` is the key).
 */
function isAnonymousFunction(ctx: LoweringContext, node: TS.Expression): boolean {
  return isAnonymousFunctionDefinition(ctx, node) && !ctx.ts.isClassExpression(skipParentheses(ctx, node));
}

/**
 * An anonymous class evaluated before a later member suspends (its static parts run now):
 * `({ [key]: class {} })[key]` gives it the name the member would (`__proto__: class {}` names
 * nothing: spill keeps it unnamed; a bigint key is not handled and leaves it unnamed too).
 */
function namedAfterKey(ctx: LoweringContext, name: TS.PropertyName, value: TS.Expression): TS.Expression {
  const ts = ctx.ts;
  const f = ctx.f;
  let key: TS.Expression;
  if (ts.isComputedPropertyName(name)) key = name.expression;
  else if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNoSubstitutionTemplateLiteral(name)) key = f.createStringLiteral(name.text);
  else if (ts.isNumericLiteral(name)) key = f.createNumericLiteral(name.text);
  else return value;
  if (!ts.isComputedPropertyName(name) && ts.isStringLiteral(key) && key.text === "__proto__") return value;
  return f.createElementAccessExpression(f.createParenthesizedExpression(f.createObjectLiteralExpression([f.createPropertyAssignment(f.createComputedPropertyName(key), value)])), key);
}

function skipParentheses(ctx: LoweringContext, node: TS.Expression): TS.Expression {
  let inner = node;
  while (ctx.ts.isParenthesizedExpression(inner)) inner = inner.expression;
  return inner;
}

function lastIndexWhere<T>(items: readonly T[], predicate: (item: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i--) if (predicate(items[i]!)) return i;
  return -1;
}
