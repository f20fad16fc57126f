// buildX for the declarations around `resume`: the state enum, the machine class (fields,
// constructor, resume) and the wrapper that replaces the original function.

import type { TS, TsApi } from "../ts-api.js";
import type { State } from "./states.js";

export interface MachineParameter {
  readonly name: string;
  readonly type: TS.TypeNode | undefined;
  /** The value the wrapper passes: `this`, `arguments`, or the parameter itself. */
  readonly argument: TS.Expression;
  readonly readonly: boolean;
}

/** `const enum F$State { Start, Await0, … }` */
export function buildStateEnum(ts: TsApi, name: string, states: readonly State[]): TS.EnumDeclaration {
  const f = ts.factory;
  return f.createEnumDeclaration(
    [f.createModifier(ts.SyntaxKind.ConstKeyword)],
    name,
    states.map((state) => f.createEnumMember(state.name)),
  );
}

/** `class F$Machine<T> extends $sl.Machine<R> { fields; constructor(…) { super(); } resume(…) {…} }` */
export function buildMachineClass(
  ts: TsApi,
  options: {
    name: string;
    runtimeName: string;
    /** `Machine` (spec mode) or `Coroutine` (task mode). */
    base: "Machine" | "Coroutine";
    typeParameters: readonly TS.TypeParameterDeclaration[] | undefined;
    returnType: TS.TypeNode | undefined;
    parameters: readonly MachineParameter[];
    /** Fields beyond the constructor's parameters: other live locals and field-only variables. */
    fields: readonly { name: string; type: TS.TypeNode }[];
    resume: TS.MethodDeclaration;
  },
): TS.ClassDeclaration {
  const f = ts.factory;
  const members: TS.ClassElement[] = [];
  // Fields are `declare`d and assigned in the constructor, all of them, in one order: every
  // machine of a class gets the same hidden class at once, and no class-field [[Define]]
  // (which `useDefineForClassFields` would emit) is paid per call.
  const any = () => f.createKeywordTypeNode(ts.SyntaxKind.AnyKeyword);
  const declared = (name: string, type: TS.TypeNode | undefined, readonly: boolean) => f.createPropertyDeclaration(
    [f.createModifier(ts.SyntaxKind.DeclareKeyword), ...(readonly ? [f.createModifier(ts.SyntaxKind.ReadonlyKeyword)] : [])],
    name, undefined, type ?? any(), undefined);
  for (const p of options.parameters) members.push(declared(p.name, p.type, p.readonly));
  for (const field of options.fields) members.push(declared(field.name, field.type, false));
  const assign = (name: string, value: TS.Expression) =>
    f.createExpressionStatement(f.createAssignment(f.createPropertyAccessExpression(f.createThis(), name), value));
  members.push(f.createConstructorDeclaration(
    undefined,
    options.parameters.map((p) => f.createParameterDeclaration(undefined, undefined, p.name, undefined, p.type ?? any())),
    f.createBlock([
      f.createExpressionStatement(f.createCallExpression(f.createSuper(), undefined, [])),
      ...options.parameters.map((p) => assign(p.name, f.createIdentifier(p.name))),
      // `undefined!`: a field holds its type only once it was stored; until then nothing reads it.
      ...options.fields.map((field) => assign(field.name, f.createNonNullExpression(f.createIdentifier("undefined")))),
    ], true),
  ));
  members.push(options.resume);
  const base = f.createExpressionWithTypeArguments(
    f.createPropertyAccessExpression(f.createIdentifier(options.runtimeName), options.base),
    [options.returnType ?? f.createKeywordTypeNode(ts.SyntaxKind.AnyKeyword)],
  );
  return f.createClassDeclaration(
    undefined,
    options.name,
    options.typeParameters?.map((tp) => f.createTypeParameterDeclaration(undefined, tp.name.text, tp.constraint, tp.default)),
    [f.createHeritageClause(ts.SyntaxKind.ExtendsKeyword, [base])],
    members,
  );
}

/** `$sl.spec(new F$Machine(this, a, b))` */
export function buildSpecCall(ts: TsApi, runtimeName: string, machineName: string, args: readonly TS.Expression[]): TS.Expression {
  const f = ts.factory;
  return f.createCallExpression(
    f.createPropertyAccessExpression(f.createIdentifier(runtimeName), "spec"),
    undefined,
    [f.createNewExpression(f.createIdentifier(machineName), undefined, [...args])],
  );
}
