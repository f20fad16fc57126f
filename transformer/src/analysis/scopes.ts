// Our own scope analysis of one coroutine (no type checker: isolated-module builds have none).
// It finds every binding declared in the coroutine and in its nested functions, resolves each
// identifier reference to its binding (or marks it free), and records which bindings are
// written after their declaration and which are captured by a nested function.
//
// Invariants:
//  1. Every identifier in a value position inside the coroutine is in `references` exactly once.
//  2. A binding's `scope.functionScope` is the function whose activation owns the binding.
//  3. Type positions are not walked, except `typeof x` queries, which reference values.

import type { TS, TsApi } from "../ts-api.js";

export type BindingKind = "var" | "let" | "const" | "function" | "class" | "param" | "catch" | "self";

export interface Binding {
  readonly name: string;
  readonly kind: BindingKind;
  /** The identifier that declares the binding. */
  readonly declaration: TS.Identifier;
  readonly scope: Scope;
  /** Identifiers that read or write the binding (the declaration excluded). */
  readonly references: TS.Identifier[];
  /** Written somewhere other than its declaration's initializer. */
  written: boolean;
  /** Referenced from a function nested inside the one that owns it. */
  captured: boolean;
}

export interface Scope {
  readonly node: TS.Node;
  readonly parent: Scope | undefined;
  /** True for the scope that a function-like node opens (parameters and top-level body). */
  readonly isFunction: boolean;
  readonly functionScope: Scope;
  readonly bindings: Map<string, Binding>;
}

export interface ScopeInfo {
  /** The coroutine's own function scope. */
  readonly root: Scope;
  /** The scope each scope-opening node opens. */
  readonly scopeOf: Map<TS.Node, Scope>;
  /** The binding each resolved reference or declaration identifier stands for. */
  readonly bindingOf: Map<TS.Identifier, Binding>;
  /** Every binding, in declaration order. */
  readonly bindings: Binding[];
  /** Every identifier text that appears in the coroutine (declarations, references, free names). */
  readonly names: Set<string>;
  /** Free references by name (resolve to nothing inside the coroutine). */
  readonly free: Map<string, TS.Identifier[]>;
}

/** Walks `fn` (the coroutine) and returns its scopes and bindings. */
export function analyzeScopes(ts: TsApi, fn: TS.FunctionLikeDeclaration): ScopeInfo {
  return new ScopeAnalyzer(ts).run(fn);
}

class ScopeAnalyzer {
  private readonly scopeOf = new Map<TS.Node, Scope>();
  private readonly bindingOf = new Map<TS.Identifier, Binding>();
  private readonly bindings: Binding[] = [];
  private readonly names = new Set<string>();
  private readonly free = new Map<string, TS.Identifier[]>();

  constructor(private readonly ts: TsApi) {}

  run(fn: TS.FunctionLikeDeclaration): ScopeInfo {
    const root = this.openFunction(fn, undefined);
    if (this.ts.isFunctionExpression(fn) && fn.name) this.declare(fn.name, "self", root);
    this.declareIn(fn, root);
    this.resolveIn(fn, root);
    return { root, scopeOf: this.scopeOf, bindingOf: this.bindingOf, bindings: this.bindings, names: this.names, free: this.free };
  }

  // ---- pass 1: scopes and declarations ----------------------------------------------------

  private openFunction(fn: TS.Node, parent: Scope | undefined): Scope {
    const scope: Scope = { node: fn, parent, isFunction: true, functionScope: undefined!, bindings: new Map() };
    (scope as { functionScope: Scope }).functionScope = scope;
    this.scopeOf.set(fn, scope);
    return scope;
  }

  private openBlock(node: TS.Node, parent: Scope): Scope {
    const scope: Scope = { node, parent, isFunction: false, functionScope: parent.functionScope, bindings: new Map() };
    this.scopeOf.set(node, scope);
    return scope;
  }

  private declare(id: TS.Identifier, kind: BindingKind, scope: Scope): void {
    this.names.add(id.text);
    const existing = scope.bindings.get(id.text);
    if (existing) {
      // `var x; var x;` or a function redeclared: one binding.
      this.bindingOf.set(id, existing);
      return;
    }
    const binding: Binding = { name: id.text, kind, declaration: id, scope, references: [], written: false, captured: false };
    scope.bindings.set(id.text, binding);
    this.bindingOf.set(id, binding);
    this.bindings.push(binding);
  }

  private declarePattern(name: TS.BindingName, kind: BindingKind, scope: Scope): void {
    const ts = this.ts;
    if (ts.isIdentifier(name)) return this.declare(name, kind, scope);
    for (const element of name.elements) {
      if (ts.isOmittedExpression(element)) continue;
      this.declarePattern(element.name, kind, scope);
    }
  }

  /** Walks `node`, whose bindings go into `scope`, opening nested scopes as it goes. */
  private declareIn(node: TS.Node, scope: Scope): void {
    const ts = this.ts;
    if (ts.isFunctionLike(node) && node !== scope.node) {
      const fnScope = this.openFunction(node, scope);
      // A function expression's own name is visible only inside it.
      if ((ts.isFunctionExpression(node) || ts.isClassExpression(node)) && node.name) this.declare(node.name, "self", fnScope);
      if (ts.isFunctionDeclaration(node) && node.name) this.declare(node.name, "function", scope);
      this.declareFunctionInside(node as TS.SignatureDeclaration, fnScope);
      return;
    }
    if (node === scope.node && ts.isFunctionLike(node)) return this.declareFunctionInside(node, scope);
    if (ts.isClassLike(node)) {
      if (ts.isClassDeclaration(node) && node.name) this.declare(node.name, "class", scope);
      const classScope = this.openBlock(node, scope);
      if (ts.isClassExpression(node) && node.name) this.declare(node.name, "self", classScope);
      node.members.forEach((member) => {
        if (member.name && ts.isComputedPropertyName(member.name)) this.declareIn(member.name, classScope);
        if (ts.isPropertyDeclaration(member) || ts.isClassStaticBlockDeclaration(member)) {
          // Field initializers and static blocks run as functions of their own.
          const memberScope = this.openFunction(member, classScope);
          if (ts.isPropertyDeclaration(member) && member.initializer) this.declareIn(member.initializer, memberScope);
          if (ts.isClassStaticBlockDeclaration(member)) this.declareBlockStatements(member.body, memberScope);
        } else {
          this.declareIn(member, classScope);
        }
      });
      node.heritageClauses?.forEach((clause) => this.declareIn(clause, scope));
      return;
    }
    if (ts.isVariableDeclarationList(node)) {
      const isVar = (node.flags & (ts.NodeFlags.Let | ts.NodeFlags.Const | ts.NodeFlags.Using | ts.NodeFlags.AwaitUsing)) === 0;
      const kind: BindingKind = isVar ? "var" : node.flags & ts.NodeFlags.Const ? "const" : "let";
      for (const declaration of node.declarations) {
        this.declarePattern(declaration.name, kind, isVar ? scope.functionScope : scope);
        if (declaration.initializer) this.declareIn(declaration.initializer, scope);
      }
      return;
    }
    if (ts.isBlock(node) || ts.isCaseBlock(node)) {
      const blockScope = this.openBlock(node, scope);
      ts.forEachChild(node, (child) => this.declareIn(child, blockScope));
      return;
    }
    if (ts.isForStatement(node) || ts.isForInStatement(node) || ts.isForOfStatement(node)) {
      const loopScope = this.openBlock(node, scope);
      ts.forEachChild(node, (child) => this.declareIn(child, loopScope));
      return;
    }
    if (ts.isCatchClause(node)) {
      const catchScope = this.openBlock(node, scope);
      if (node.variableDeclaration) this.declarePattern(node.variableDeclaration.name, "catch", catchScope);
      this.declareBlockStatements(node.block, catchScope);
      return;
    }
    if (ts.isEnumDeclaration(node) || ts.isModuleDeclaration(node)) {
      if (ts.isIdentifier(node.name)) this.declare(node.name, "let", scope);
      return;
    }
    if (ts.isTypeNode(node) || ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node)) return;
    ts.forEachChild(node, (child) => this.declareIn(child, scope));
  }

  private declareFunctionInside(fn: TS.SignatureDeclaration, scope: Scope): void {
    const ts = this.ts;
    for (const parameter of fn.parameters) {
      this.declarePattern(parameter.name, "param", scope);
      if (parameter.initializer) this.declareIn(parameter.initializer, scope);
      if (!ts.isIdentifier(parameter.name)) this.declareInitializersOfPattern(parameter.name, scope);
    }
    const body = (fn as TS.FunctionLikeDeclaration).body;
    if (!body) return;
    if (ts.isBlock(body)) this.declareBlockStatements(body, scope);
    else this.declareIn(body, scope);
  }

  private declareInitializersOfPattern(pattern: TS.BindingPattern, scope: Scope): void {
    const ts = this.ts;
    for (const element of pattern.elements) {
      if (ts.isOmittedExpression(element)) continue;
      if (element.propertyName && ts.isComputedPropertyName(element.propertyName)) this.declareIn(element.propertyName, scope);
      if (element.initializer) this.declareIn(element.initializer, scope);
      if (!ts.isIdentifier(element.name)) this.declareInitializersOfPattern(element.name, scope);
    }
  }

  /** The top-level statements of a function body share the function's scope. */
  private declareBlockStatements(block: TS.Block, scope: Scope): void {
    this.scopeOf.set(block, scope);
    block.statements.forEach((statement) => this.declareIn(statement, scope));
  }

  // ---- pass 2: references ----------------------------------------------------------------

  private resolveIn(node: TS.Node, scope: Scope): void {
    const ts = this.ts;
    const opened = node !== scope.node ? this.scopeOf.get(node) : undefined;
    if (opened && opened !== scope) scope = opened;
    if (ts.isIdentifier(node)) {
      if (this.isReference(node)) this.resolveReference(node, scope);
      return;
    }
    if (ts.isTypeQueryNode(node)) {
      let name: TS.EntityName = node.exprName;
      while (ts.isQualifiedName(name)) name = name.left;
      this.resolveReference(name, scope);
      return;
    }
    if (ts.isTypeNode(node) || ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node)) return;
    if (ts.isPropertyDeclaration(node) || ts.isClassStaticBlockDeclaration(node)) {
      if (node.name && ts.isComputedPropertyName(node.name)) this.resolveIn(node.name, scope);
      const own = this.scopeOf.get(node) ?? scope;
      if (ts.isPropertyDeclaration(node) && node.initializer) this.resolveIn(node.initializer, own);
      if (ts.isClassStaticBlockDeclaration(node)) this.resolveIn(node.body, own);
      return;
    }
    ts.forEachChild(node, (child) => this.resolveIn(child, scope));
  }

  private resolveReference(id: TS.Identifier, from: Scope): void {
    this.names.add(id.text);
    let crossedFunction = false;
    for (let scope: Scope | undefined = from; scope; scope = scope.parent) {
      const binding = scope.bindings.get(id.text);
      if (binding) {
        binding.references.push(id);
        this.bindingOf.set(id, binding);
        if (crossedFunction) binding.captured = true;
        if (this.isWrite(id)) binding.written = true;
        return;
      }
      if (scope.isFunction) crossedFunction = true;
    }
    const list = this.free.get(id.text) ?? [];
    list.push(id);
    this.free.set(id.text, list);
  }

  /** Is this identifier a value reference (not a declaration, property name, label, …)? */
  private isReference(id: TS.Identifier): boolean {
    const ts = this.ts;
    const parent = id.parent;
    if (!parent) return false;
    if (this.bindingOf.has(id)) return false; // a declaration
    if (ts.isPropertyAccessExpression(parent) && parent.name === id) return false;
    if (ts.isQualifiedName(parent) && parent.right === id) return false;
    if ((ts.isPropertyAssignment(parent) || ts.isMethodDeclaration(parent) || ts.isPropertyDeclaration(parent) ||
      ts.isGetAccessorDeclaration(parent) || ts.isSetAccessorDeclaration(parent) || ts.isPropertySignature(parent) ||
      ts.isMethodSignature(parent) || ts.isEnumMember(parent)) && parent.name === id) return false;
    if (ts.isBindingElement(parent) && parent.propertyName === id) return false;
    if ((ts.isLabeledStatement(parent) || ts.isBreakOrContinueStatement(parent)) && parent.label === id) return false;
    if (ts.isMetaProperty(parent)) return false;
    if ((ts.isJsxAttribute(parent) && parent.name === id) || ts.isJsxNamespacedName(parent)) return false;
    if (ts.isTypeParameterDeclaration(parent) || ts.isTypeReferenceNode(parent)) return false;
    if (ts.isImportSpecifier(parent) || ts.isExportSpecifier(parent) || ts.isNamespaceImport(parent) || ts.isImportClause(parent)) return false;
    return true;
  }

  /** Is this reference the target of an assignment, `++`/`--`, or a for-in/of head? */
  private isWrite(id: TS.Identifier): boolean {
    const ts = this.ts;
    let node: TS.Node = id;
    let parent = node.parent;
    // Climb through destructuring assignment patterns and parentheses.
    for (;;) {
      if (ts.isParenthesizedExpression(parent) || ts.isNonNullExpression(parent)) { node = parent; parent = parent.parent; continue; }
      if (ts.isShorthandPropertyAssignment(parent) || ts.isSpreadElement(parent) || ts.isSpreadAssignment(parent) ||
        (ts.isPropertyAssignment(parent) && parent.initializer === node) || ts.isArrayLiteralExpression(parent) ||
        ts.isObjectLiteralExpression(parent)) {
        node = parent; parent = parent.parent; continue;
      }
      if (ts.isBinaryExpression(parent) && parent.left === node && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken && (ts.isArrayLiteralExpression(node) || ts.isObjectLiteralExpression(node))) {
        return true;
      }
      break;
    }
    if (node !== id && !(ts.isArrayLiteralExpression(node) || ts.isObjectLiteralExpression(node))) {
      // climbed only through parentheses
    }
    if (ts.isBinaryExpression(parent) && parent.left === node) {
      const op = parent.operatorToken.kind;
      return op >= ts.SyntaxKind.FirstAssignment && op <= ts.SyntaxKind.LastAssignment;
    }
    if ((ts.isPrefixUnaryExpression(parent) || ts.isPostfixUnaryExpression(parent)) &&
      (parent.operator === ts.SyntaxKind.PlusPlusToken || parent.operator === ts.SyntaxKind.MinusMinusToken)) return true;
    if ((ts.isForInStatement(parent) || ts.isForOfStatement(parent)) && parent.initializer === node) return true;
    return false;
  }
}
