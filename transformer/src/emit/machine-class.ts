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
    /** Emit `declare` field types (TypeScript output); off when compiling to JavaScript. */
    declareFields: boolean;
    /** `Machine` (spec mode) or `Coroutine` (task mode). */
    base: "Machine" | "Coroutine";
    typeParameters: readonly TS.TypeParameterDeclaration[] | undefined;
    returnType: TS.TypeNode | undefined;
    parameters: readonly MachineParameter[];
    /** Fields beyond the constructor's parameters: other live locals and field-only variables. */
    fields: readonly { name: string; type: TS.TypeNode }[];
    resume: TS.MethodDeclaration;
    /** Fields nothing reads before their first store (ResumeEmitter.fieldsUnreadAtStart). */
    unreadAtStart: ReadonlySet<string>;
    /** Sloppy code: `resume` is only declared here and assigned by buildSloppyResume. */
    sloppy?: boolean;
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
  // Compiling to JavaScript they are left out: TypeScript erases a `declare` field only when
  // the parser flagged it ambient, so a synthesized one would come out as a class field.
  if (options.declareFields) {
    for (const p of options.parameters) members.push(declared(p.name, p.type, p.readonly));
    for (const field of options.fields) members.push(declared(field.name, field.type, false));
  }
  const assign = (name: string, value: TS.Expression) =>
    f.createExpressionStatement(f.createAssignment(f.createPropertyAccessExpression(f.createThis(), name), value));
  // A field nothing reads before its first store starts as the Smi `0`, so V8 gives it a number
  // representation that a double can take over in place (see fieldsUnreadAtStart); the others
  // start as `undefined`, the value the variable has. `0 as any` where the field is declared
  // with another type. An object stored later makes the field tagged in place, as after `undefined`.
  const initialValue = (name: string, type: TS.TypeNode) => !options.unreadAtStart.has(name)
    ? f.createNonNullExpression(f.createIdentifier("undefined"))
    : options.declareFields && type.kind !== ts.SyntaxKind.AnyKeyword ? f.createAsExpression(f.createNumericLiteral(0), any()) : f.createNumericLiteral(0);
  members.push(f.createConstructorDeclaration(
    undefined,
    options.parameters.map((p) => f.createParameterDeclaration(undefined, undefined, p.name, undefined, p.type ?? any())),
    f.createBlock([
      f.createExpressionStatement(f.createCallExpression(f.createSuper(), undefined, [])),
      ...options.parameters.map((p) => assign(p.name, f.createIdentifier(p.name))),
      // `undefined!`: a field holds its type only once it was stored; until then nothing reads it.
      ...options.fields.map((field) => assign(field.name, initialValue(field.name, field.type))),
    ], true),
  ));
  // Sloppy code: `resume` is typed by an interface of the same name (buildResumeInterface);
  // a class member, even a `declare`d one, could become an own field that hides the prototype's.
  if (!options.sloppy) members.push(options.resume);
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
export function buildSpecCall(ts: TsApi, runtimeName: string, machine: TS.Expression, args: readonly TS.Expression[]): TS.Expression {
  const f = ts.factory;
  return f.createCallExpression(
    f.createPropertyAccessExpression(f.createIdentifier(runtimeName), "spec"),
    undefined,
    [f.createNewExpression(machine, undefined, [...args])],
  );
}

// [source, in a sloppy-mode script]     [lowered]
//      async function f() {                interface F$Machine { resume(kind: $sl.ResumeKind, input: any): $sl.Step }
//        undeclared = 1;                   class F$Machine extends $sl.Machine<any> { … }
//      }
//                                          F$Machine.prototype.resume = function resume(this: F$Machine, kind, input) { … };
// A class body is strict code, so `resume` as a method would make the user's code strict:
// an assignment to an undeclared name would throw, `delete x` would not even parse, a plain
// call would see `this` undefined. A function expression assigned to the prototype keeps the
// code sloppy and the machine's shape (one shared `resume` on the prototype) unchanged.
/** `interface F$Machine { resume(kind, input): $sl.Step }`: merges with the class, types the assignment. */
export function buildResumeInterface(ts: TsApi, machineName: string, typeParameters: readonly TS.TypeParameterDeclaration[] | undefined, resume: TS.MethodDeclaration): TS.InterfaceDeclaration {
  const f = ts.factory;
  const fresh = typeParameters?.map((tp) => f.createTypeParameterDeclaration(undefined, tp.name.text, tp.constraint, tp.default));
  return f.createInterfaceDeclaration(undefined, machineName, fresh, undefined,
    [f.createMethodSignature(undefined, "resume", undefined, undefined, resume.parameters, resume.type)]);
}

/** `F$Machine.prototype.resume = function resume(this: F$Machine, kind, input) { … };` */
export function buildSloppyResume(ts: TsApi, machineName: string, typeParameters: readonly TS.TypeParameterDeclaration[] | undefined, resume: TS.MethodDeclaration): TS.Statement {
  const f = ts.factory;
  const typeArguments = typeParameters?.map((tp) => f.createTypeReferenceNode(tp.name.text));
  const thisParameter = f.createParameterDeclaration(undefined, undefined, "this", undefined, f.createTypeReferenceNode(machineName, typeArguments));
  const fresh = typeParameters?.map((tp) => f.createTypeParameterDeclaration(undefined, tp.name.text, tp.constraint, tp.default));
  const fn = f.createFunctionExpression(undefined, undefined, "resume", fresh, [thisParameter, ...resume.parameters], resume.type, resume.body!);
  const target = f.createPropertyAccessExpression(f.createPropertyAccessExpression(f.createIdentifier(machineName), "prototype"), "resume");
  return f.createExpressionStatement(f.createAssignment(target, fn));
}
