// Positions bad plugin options in the tsconfig that set them, so a tspc diagnostic names the
// file, line and column of the option instead of floating free.

import type { TS, TsApi } from "./ts-api.js";

/**
 * The `"name": value` property of a stackless plugin entry in `configPath`, or undefined when
 * the file cannot be read or the entry is not found (an extended or generated config).
 */
export function findPluginOption(ts: TsApi, configPath: string | undefined, name: string): TS.Node | undefined {
  if (!configPath) return undefined;
  const text = ts.sys.readFile(configPath);
  if (text === undefined) return undefined;
  const json = ts.createSourceFile(configPath, text, ts.ScriptTarget.JSON, /* setParentNodes */ true, ts.ScriptKind.JSON);
  let found: TS.Node | undefined;
  const visit = (node: TS.Node): void => {
    if (found) return;
    if (ts.isObjectLiteralExpression(node) && isStacklessEntry(ts, node)) {
      found = node.properties.find((p) => p.name && ts.isStringLiteral(p.name) && p.name.text === name);
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(json);
  return found;
}

function isStacklessEntry(ts: TsApi, node: TS.ObjectLiteralExpression): boolean {
  return node.properties.some((p) =>
    ts.isPropertyAssignment(p) && ts.isStringLiteral(p.name) && p.name.text === "transform" &&
    ts.isStringLiteral(p.initializer) && p.initializer.text.includes("stackless"));
}
