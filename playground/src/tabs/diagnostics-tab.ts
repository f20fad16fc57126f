// The Diagnostics tab: the transformer's SL1xxx diagnostics in TypeScript's format, each one
// clickable to select its span in the source, and an explicit "No diagnostics" when there are none.

import type { LowerDiagnostic } from "../../../transformer/src/api-types.js";
import type { PlaygroundContext, PlaygroundResult, TabPlugin } from "./tab-plugin.js";

export function createDiagnosticsTab(ctx: PlaygroundContext): TabPlugin {
  let root: HTMLElement;
  let diagnostics: LowerDiagnostic[] = [];
  let notes: string[] = [];

  const render = () => {
    const list = root.querySelector(".diag-list")!;
    const items: HTMLElement[] = notes.map((note) => {
      const div = document.createElement("div");
      div.className = "diag diag-internal";
      div.textContent = note;
      return div;
    });
    for (const d of diagnostics) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = `diag diag-${d.category}`;
      button.dataset.testid = "diagnostic";
      const where = document.createElement("span");
      where.className = "diag-where";
      where.textContent = `input.ts(${d.line},${d.column})`;
      const code = document.createElement("span");
      code.className = "diag-code";
      code.textContent = `${d.category} SL${d.code}`;
      const message = document.createElement("span");
      message.className = "diag-message";
      message.textContent = d.message;
      button.append(where, code, message);
      button.addEventListener("click", () => ctx.selectSource(d.start, d.start + d.length));
      items.push(button);
    }
    if (items.length === 0) {
      const ok = document.createElement("p");
      ok.className = "no-diagnostics";
      ok.dataset.testid = "no-diagnostics";
      ok.textContent = "No diagnostics";
      items.push(ok);
    }
    list.replaceChildren(...items);
  };

  return {
    id: "diagnostics",
    title: "Diagnostics",
    mount(el) {
      root = el;
      el.innerHTML = `<div class="diag-list" data-testid="diagnostics"></div>`;
      render();
    },
    update(result: PlaygroundResult) {
      diagnostics = result.view.result.diagnostics;
      notes = result.view.formatError ? [`prettier could not format the output (shown unformatted): ${result.view.formatError}`] : [];
      render();
    },
    badge: () => (diagnostics.length > 0 ? String(diagnostics.length) : undefined),
  };
}
