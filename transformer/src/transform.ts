// The file-level transform: finds the coroutines of a source file (innermost first), lowers
// each, puts its enum and machine class at the top of the enclosing statement list, and adds
// the runtime import. Functions that cannot be lowered get a diagnostic and stay as they were.

import type { FunctionReport } from "./api-types.js";
import { createDiagnostic, Diagnostics } from "./diagnostics.js";
import { lowerFunction } from "./lower/function.js";
import { preemptFor, type ResolvedOptions } from "./options.js";
import { isAsync, isCoroutineCandidate, readMarking, type CoroutineNode } from "./select.js";
import type { TS, TsApi } from "./ts-api.js";

export interface TransformHooks {
  addDiagnostic(diagnostic: TS.Diagnostic): void;
  onFunction?(report: FunctionReport): void;
}

export interface TransformSettings extends ResolvedOptions {
  /** Print states as `3 /* F$State.Await0 *\/` (when compiling to JS) instead of enum members. */
  inlineStates: boolean;
}

/** Statement lists that can receive hoisted machine declarations. */
interface Frame {
  readonly pending: TS.Statement[];
}

export function transformSourceFile(ts: TsApi, file: TS.SourceFile, context: TS.TransformationContext, settings: TransformSettings, hooks: TransformHooks): TS.SourceFile {
  const f = context.factory;
  const frames: Frame[] = [];
  const usedNames = collectIdentifierTexts(file);
  const runtimeName = unique("$sl", usedNames);
  const sloppyFile = isSloppyFile(ts, file, context.getCompilerOptions());
  let loweredAny = false;

  // Classes that receive machine members (bodies using the class's `#x`), innermost last, with
  // the number of statement frames open outside each (deeper frames are inside its body).
  const classFrames: { node: TS.ClassLikeDeclaration; members: TS.ClassElement[]; framesOutside: number }[] = [];

  const visit = (node: TS.Node): TS.Node | TS.Node[] => {
    if (ts.isClassDeclaration(node) || ts.isClassExpression(node)) return visitClass(node);
    if (ts.isBlock(node) || ts.isModuleBlock(node) || ts.isCaseClause(node) || ts.isDefaultClause(node)) return withFrame(node, () => ts.visitEachChild(node, visit, context), hoistIntoList);
    if (isSingleStatementPosition(ts, node)) return withFrame(node, () => ts.visitEachChild(node, visit, context), wrapInBlock);
    if (ts.isArrowFunction(node) && !ts.isBlock(node.body)) {
      // A concise body that receives declarations becomes a block.
      const frame: Frame = { pending: [] };
      frames.push(frame);
      const body = ts.visitNode(node.body, visit) as TS.ConciseBody;
      frames.pop();
      let arrow = f.updateArrowFunction(node, node.modifiers, node.typeParameters, ts.visitNodes(node.parameters, visit) as unknown as TS.NodeArray<TS.ParameterDeclaration>, node.type, node.equalsGreaterThanToken, body);
      if (frame.pending.length) {
        arrow = f.updateArrowFunction(arrow, arrow.modifiers, arrow.typeParameters, arrow.parameters, arrow.type, arrow.equalsGreaterThanToken,
          f.createBlock([...frame.pending, f.createReturnStatement(body as TS.Expression)], true));
      }
      return maybeLower(arrow, node);
    }
    const visited = ts.visitEachChild(node, visit, context);
    return isCoroutineCandidate(ts, node) ? maybeLower(visited as CoroutineNode, node) : visited;
  };

  /** A class whose members may gain machines: they go first, so static initialisers can use them. */
  const visitClass = (node: TS.ClassDeclaration | TS.ClassExpression): TS.Node => {
    const frame = { node, members: [] as TS.ClassElement[], framesOutside: frames.length };
    classFrames.push(frame);
    const visited = ts.visitEachChild(node, visit, context) as TS.ClassDeclaration | TS.ClassExpression;
    classFrames.pop();
    if (frame.members.length === 0) return visited;
    const members = [...frame.members, ...visited.members];
    return ts.isClassDeclaration(visited)
      ? f.updateClassDeclaration(visited, visited.modifiers, visited.name, visited.typeParameters, visited.heritageClauses, members)
      : f.updateClassExpression(visited, visited.modifiers, visited.name, visited.typeParameters, visited.heritageClauses, members);
  };

  /** Lowers `visited` (the function with its inner coroutines already lowered) if marked. */
  const maybeLower = (visited: CoroutineNode, original: CoroutineNode): TS.Node => {
    const marking = readMarking(ts, original);
    const async = isAsync(ts, original);
    const wanted = marking.marked || (settings.lowerAll && (async || !!original.asteriskToken));
    if (!wanted || !original.body) return visited;
    const displayName = functionName(ts, original);
    if (!async && !original.asteriskToken) {
      hooks.addDiagnostic(createDiagnostic(ts, Diagnostics.CoroutineTagOnNonAsync, original.name ?? original, [displayName]));
      return visited;
    }
    const base = machineBaseName(ts, original, displayName);
    const machineName = unique(`${base}$Machine`, usedNames);
    const enumName = unique(`${base}$State`, usedNames);
    const mode = marking.flags.includes("task") ? "task" : marking.flags.includes("spec") ? "spec" : settings.mode;
    const result = lowerFunction({
      ts,
      node: withOriginalPositions(ts, visited, original),
      machineName, enumName, displayName, runtimeName,
      inlineStates: settings.inlineStates,
      globalRuntime: settings.runtime === "global",
      preempt: preemptFor(marking.flags, settings.preempt),
      mode,
      thisType: thisTypeOf(ts, original),
      sloppy: sloppyFile && isSloppyFunction(ts, file, original),
      privateNames: privateNameAccess(),
    });
    if ("diagnostic" in result) {
      hooks.addDiagnostic(result.diagnostic);
      return visited;
    }
    loweredAny = true;
    const frame = frames[frames.length - 1];
    frame?.pending.push(...result.declarations);
    classFrames[classFrames.length - 1]?.members.push(...result.classMembers);
    hooks.onFunction?.(result.report());
    return result.replacement;
  };

  /** Where a machine declared in the current frame can use `#x` (LowerFunctionInput.privateNames). */
  const privateNameAccess = (): "inPlace" | { host: string } | undefined => {
    const classFrame = classFrames[classFrames.length - 1];
    if (!classFrame) return undefined;
    if (frames.length > classFrame.framesOutside) return "inPlace";
    const host = classFrame.node.name?.text;
    return host === undefined ? undefined : { host };
  };

  const withFrame = <T extends TS.Node>(node: T, visitChildren: () => TS.Node, finish: (node: TS.Node, pending: TS.Statement[]) => TS.Node): TS.Node => {
    const frame: Frame = { pending: [] };
    frames.push(frame);
    const visited = visitChildren();
    frames.pop();
    return frame.pending.length ? finish(visited, frame.pending) : visited;
  };

  const hoistIntoList = (node: TS.Node, pending: TS.Statement[]): TS.Node => {
    if (ts.isBlock(node)) return f.updateBlock(node, insertAfterPrologue(ts, node.statements, pending));
    if (ts.isModuleBlock(node)) return f.updateModuleBlock(node, insertAfterPrologue(ts, node.statements, pending));
    if (ts.isCaseClause(node)) return f.updateCaseClause(node, node.expression, [...pending, ...node.statements]);
    if (ts.isDefaultClause(node)) return f.updateDefaultClause(node, [...pending, ...node.statements]);
    return node;
  };
  const wrapInBlock = (node: TS.Node, pending: TS.Statement[]): TS.Node => f.createBlock([...pending, node as TS.Statement], true);

  const fileFrame: Frame = { pending: [] };
  frames.push(fileFrame);
  let result = ts.visitEachChild(file, visit, context);
  frames.pop();
  if (!loweredAny) return result;
  const header = runtimeHeader(ts, settings, runtimeName);
  if (settings.preempt?.sliceMs !== undefined) header.push(configureSlice(ts, runtimeName, settings.preempt.sliceMs));
  result = f.updateSourceFile(result, insertAfterPrologue(ts, result.statements, [...header, ...fileFrame.pending]));
  if (settings.runtime === "module" && !ts.isExternalModule(file)) markAsModule(result, header[0]!);
  return result;
}

/** `import * as $sl from "stackless/runtime"; $sl.checkProtocol(1);` or the global form. */
function runtimeHeader(ts: TsApi, settings: TransformSettings, runtimeName: string): TS.Statement[] {
  const f = ts.factory;
  const check = f.createExpressionStatement(f.createCallExpression(
    f.createPropertyAccessExpression(f.createIdentifier(runtimeName), "checkProtocol"), undefined, [f.createNumericLiteral(1)]));
  if (settings.runtime === "global") {
    const declaration = f.createVariableStatement(undefined, f.createVariableDeclarationList([
      f.createVariableDeclaration(runtimeName, undefined,
        f.createImportTypeNode(f.createLiteralTypeNode(f.createStringLiteral(settings.runtimeModule)), undefined, undefined, undefined, true),
        f.createPropertyAccessExpression(f.createParenthesizedExpression(f.createAsExpression(f.createIdentifier("globalThis"), f.createKeywordTypeNode(ts.SyntaxKind.AnyKeyword))), "stackless")),
    ], ts.NodeFlags.None));
    return [declaration, check];
  }
  const importDecl = f.createImportDeclaration(undefined,
    f.createImportClause(undefined, undefined, f.createNamespaceImport(f.createIdentifier(runtimeName))),
    f.createStringLiteral(settings.runtimeModule));
  return [importDecl, check];
}

/**
 * A script that now imports the runtime is a module: TypeScript's module transforms (CommonJS,
 * AMD, …) skip files they do not see as modules, which would leave the `import` as it is.
 * The parser records this in `externalModuleIndicator`; we set it the same way.
 */
function markAsModule(file: TS.SourceFile, importDeclaration: TS.Statement): void {
  (file as { externalModuleIndicator?: TS.Node }).externalModuleIndicator = importDeclaration;
}

/** `$sl.configurePreemption({ sliceMs: 5 });`: the spec-mode time slice the plugin asked for. */
function configureSlice(ts: TsApi, runtimeName: string, sliceMs: number): TS.Statement {
  const f = ts.factory;
  return f.createExpressionStatement(f.createCallExpression(
    f.createPropertyAccessExpression(f.createIdentifier(runtimeName), "configurePreemption"), undefined,
    [f.createObjectLiteralExpression([f.createPropertyAssignment("sliceMs", f.createNumericLiteral(sliceMs))])]));
}

function insertAfterPrologue(ts: TsApi, statements: readonly TS.Statement[], inserted: readonly TS.Statement[]): TS.Statement[] {
  let i = 0;
  while (i < statements.length) {
    const s = statements[i]!;
    const isDirective = ts.isExpressionStatement(s) && ts.isStringLiteral(s.expression);
    if (!isDirective && !ts.isImportDeclaration(s) && !ts.isImportEqualsDeclaration(s)) break;
    i++;
  }
  return [...statements.slice(0, i), ...inserted, ...statements.slice(i)];
}

/** A statement that stands alone in an if/loop/label body: declarations need a block there. */
function isSingleStatementPosition(ts: TsApi, node: TS.Node): boolean {
  const parent = node.parent;
  if (!parent || ts.isBlock(node)) return false;
  if (ts.isIfStatement(parent)) return node === parent.thenStatement || node === parent.elseStatement;
  if (ts.isIterationStatement(parent, false)) return node === parent.statement;
  if (ts.isLabeledStatement(parent)) return node === parent.statement && !ts.isIterationStatement(node, false) && !ts.isLabeledStatement(node);
  return false;
}

function unique(preferred: string, used: Set<string>): string {
  let name = preferred;
  for (let n = 2; used.has(name); n++) name = `${preferred}${n}`;
  used.add(name);
  return name;
}

function collectIdentifierTexts(file: TS.SourceFile): Set<string> {
  return new Set(file.text.match(/[A-Za-z_$][\w$]*/g) ?? []);
}

/** The name a function is known by: its own, the variable or property holding it, or `anon$L_C`. */
export function functionName(ts: TsApi, node: CoroutineNode): string {
  if (node.name && (ts.isIdentifier(node.name) || ts.isPrivateIdentifier(node.name) || ts.isStringLiteral(node.name))) return node.name.text;
  const parent = node.parent;
  if (parent && (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) && ts.isIdentifier(parent.name)) {
    return parent.name.text;
  }
  const file = node.getSourceFile();
  const { line, character } = file.getLineAndCharacterOfPosition(node.getStart(file));
  return `anon$${line + 1}_${character + 1}`;
}

/** `fetchTwo` → `FetchTwo`; a method `Foo.bar` → `Foo_bar`. */
function machineBaseName(ts: TsApi, node: CoroutineNode, displayName: string): string {
  const clean = displayName.replace(/^#/, "").replace(/[^\w$]/g, "_");
  const pascal = clean.startsWith("anon$") ? clean : clean.charAt(0).toUpperCase() + clean.slice(1);
  if (ts.isMethodDeclaration(node) && ts.isClassLike(node.parent) && node.parent.name) return `${node.parent.name.text}_${clean}`;
  return pascal;
}

function thisTypeOf(ts: TsApi, node: CoroutineNode): TS.TypeNode | undefined {
  const parent = node.parent;
  if (ts.isMethodDeclaration(node) && parent && ts.isClassDeclaration(parent) && parent.name && !parent.typeParameters) {
    const isStatic = ts.getModifiers(node)?.some((m) => m.kind === ts.SyntaxKind.StaticKeyword);
    return isStatic
      ? ts.factory.createTypeQueryNode(ts.factory.createIdentifier(parent.name.text))
      : ts.factory.createTypeReferenceNode(parent.name.text);
  }
  return undefined;
}

/**
 * The visited function keeps the original's parent and positions, so the analyses (which read
 * source text, parents and positions) work on it.
 */
function withOriginalPositions(ts: TsApi, visited: CoroutineNode, original: CoroutineNode): CoroutineNode {
  if (visited === original) return original;
  ts.setTextRange(visited, original);
  (visited as { parent: TS.Node }).parent = original.parent;
  return visited;
}

/**
 * A file whose code can be sloppy: a script (not a module) that TypeScript emits without
 * `"use strict"` (only under `alwaysStrict: false`; TypeScript 6 makes every file strict by
 * default, and `lower()`/`inspect()` assume its defaults unless given `compilerOptions`).
 */
function isSloppyFile(ts: TsApi, file: TS.SourceFile, options: TS.CompilerOptions): boolean {
  return options.alwaysStrict === false && !ts.isExternalModule(file) && !hasUseStrict(ts, file, file.statements);
}

/** In a sloppy file, a function is sloppy unless a class or a `"use strict"` prologue encloses it. */
function isSloppyFunction(ts: TsApi, file: TS.SourceFile, node: TS.Node): boolean {
  for (let current: TS.Node | undefined = node; current && !ts.isSourceFile(current); current = current.parent) {
    if (ts.isClassLike(current)) return false;
    const body = ts.isFunctionLike(current) ? (current as TS.FunctionLikeDeclaration).body : undefined;
    if (body && ts.isBlock(body) && hasUseStrict(ts, file, body.statements)) return false;
  }
  return true;
}

function hasUseStrict(ts: TsApi, file: TS.SourceFile, statements: readonly TS.Statement[]): boolean {
  for (const statement of statements) {
    if (!ts.isExpressionStatement(statement) || !ts.isStringLiteral(statement.expression)) return false;
    // The directive is the raw source text: `"use\x20strict"` is not one.
    const raw = file.text.slice(statement.expression.getStart(file) + 1, statement.expression.end - 1);
    if (raw === "use strict") return true;
  }
  return false;
}
