// Prints a FunctionIR in the notation of ir.ts's header, for `inspect()`, the playground's IR
// tab and tests.

import type { FunctionIR, Label, Op } from "./ir.js";
import type { TS, TsApi } from "../ts-api.js";

export function formatIR(ts: TsApi, ir: FunctionIR, file: TS.SourceFile): string {
  const printer = ts.createPrinter({ removeComments: true, newLine: ts.NewLineKind.LineFeed });
  const text = (node: TS.Node | undefined) => (node ? printer.printNode(ts.EmitHint.Unspecified, node, file).replace(/\s*\n\s*/g, " ") : "");
  const name = (label: Label) => {
    const info = ir.labels[label]!;
    return info.kind === "Start" ? "Start" : `${info.kind}${info.index}`;
  };
  const line = (op: Op): string | undefined => {
    switch (op.kind) {
      case "mark": return ir.labels[op.label]!.referenced ? `.mark ${name(op.label)}` : undefined;
      case "stmt": return `    ${text(op.node)}`;
      case "assign": return `    ${op.target} = ${text(op.value)}`;
      case "br": return `.br ${name(op.label)}`;
      case "brtrue": return `.brtrue ${name(op.label)}, ${text(op.condition)}`;
      case "brfalse": return `.brfalse ${name(op.label)}, ${text(op.condition)}`;
      case "await": return `.await ${text(op.value)} -> ${name(op.resume)}`;
      case "checkpoint": return `.checkpoint -> ${name(op.resume)}`;
      case "yield": return `.yield ${text(op.value)} -> ${name(op.resume)}`;
      case "delegate": return `.delegate ${op.delegate} -> ${name(op.resume)}${op.target ? `, ${op.target}` : ""}`;
      case "receive": return `.receive${op.target ? ` ${op.target}` : ""}`;
      case "return": return `.return${op.value ? ` ${text(op.value)}` : ""}`;
      case "throw": return `.throw ${text(op.value)}`;
      case "through":
        return op.completion === 2
          ? `.through ${name(op.region.finallyLabel!)}, return${op.value ? ` ${text(op.value)}` : ""}`
          : `.through ${name(op.region.finallyLabel!)}, jump ${name(op.target)}`;
      case "endfinally": return `.endfinally ${name(op.region.finallyLabel!)}`;
    }
  };
  const lines: string[] = [];
  for (const op of ir.ops) {
    const l = line(op);
    if (l !== undefined) lines.push(l);
  }
  return lines.join("\n");
}
