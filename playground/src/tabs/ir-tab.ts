// The IR tab: each lowered function's IR listing (the notation of transformer/src/ir/ir.ts), with
// labels and suspension ops picked out so the control flow reads at a glance.

import type { PlaygroundResult, TabPlugin } from "./tab-plugin.js";

/** Wraps `.op` words of one listing line in spans for colouring; everything else stays text. */
function renderIrLine(line: string): Node[] {
  const match = /^(\s*)(\.[A-Za-z]+)(.*)$/.exec(line);
  if (!match) return [document.createTextNode(`${line}\n`)];
  const op = document.createElement("span");
  op.className = match[2] === ".mark" ? "ir-mark" : /^\.(await|yield|preempt)/.test(match[2]!) ? "ir-suspend" : "ir-op";
  op.textContent = match[2]!;
  return [document.createTextNode(match[1]!), op, document.createTextNode(`${match[3]!}\n`)];
}

export function createIrTab(): TabPlugin {
  let root: HTMLElement;
  return {
    id: "ir",
    title: "IR",
    mount(el) {
      root = el;
      el.innerHTML = `<div class="ir-list" data-testid="ir-listing"></div>`;
    },
    update(result: PlaygroundResult) {
      const list = root.querySelector(".ir-list")!;
      const functions = result.view.result.functions;
      if (functions.length === 0) {
        list.innerHTML = `<p class="empty">No function was lowered, so there is no IR to show.</p>`;
        return;
      }
      list.replaceChildren(
        ...functions.map((fn) => {
          const section = document.createElement("section");
          const title = document.createElement("h3");
          title.textContent = `${fn.name} `;
          const meta = document.createElement("span");
          meta.className = "muted";
          meta.textContent = `${fn.machine} · line ${fn.line}`;
          title.append(meta);
          const pre = document.createElement("pre");
          pre.className = "ir";
          pre.append(...fn.ir.split("\n").flatMap(renderIrLine));
          section.append(title, pre);
          return section;
        }),
      );
    },
  };
}
