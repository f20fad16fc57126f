// The IR tab: each lowered function's IR listing (the notation of transformer/src/ir/ir.ts), with
// labels and suspension ops picked out so the control flow reads at a glance. Clicking a
// `.mark <State>` line highlights that state's code in both editors.

import type { FunctionReport } from "../../../transformer/src/api-types.js";
import type { PlaygroundContext, PlaygroundResult, TabPlugin } from "./tab-plugin.js";

/** Wraps `.op` words of one listing line in spans for colouring; everything else stays text. */
function renderIrLine(line: string, fn: FunctionReport): Node[] {
  const match = /^(\s*)(\.[A-Za-z]+)(.*)$/.exec(line);
  if (!match) return [document.createTextNode(`${line}\n`)];
  const op = document.createElement("span");
  op.className = match[2] === ".mark" ? "ir-mark" : /^\.(await|yield|preempt)/.test(match[2]!) ? "ir-suspend" : "ir-op";
  op.textContent = match[2]!;
  const rest = document.createTextNode(`${match[3]!}\n`);
  const state = match[2] === ".mark" ? fn.states.find((s) => s.name === match[3]!.trim()) : undefined;
  if (!state) return [document.createTextNode(match[1]!), op, rest];
  const link = document.createElement("span");
  link.className = "ir-state";
  link.dataset.function = fn.name;
  link.dataset.state = state.name;
  link.append(op, rest);
  return [document.createTextNode(match[1]!), link];
}

export function createIrTab(ctx: PlaygroundContext): TabPlugin {
  let functions: FunctionReport[] = [];
  let root: HTMLElement;
  return {
    id: "ir",
    title: "IR",
    mount(el) {
      root = el;
      el.innerHTML = `<div class="ir-list" data-testid="ir-listing"></div>`;
      el.addEventListener("click", (event) => {
        const link = (event.target as Element).closest<HTMLElement>(".ir-state");
        const fn = functions.find((f) => f.name === link?.dataset.function);
        const state = fn?.states.find((s) => s.name === link?.dataset.state);
        if (fn && state) ctx.highlightState(fn, state);
      });
    },
    update(result: PlaygroundResult) {
      const list = root.querySelector(".ir-list")!;
      functions = result.view.result.functions;
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
          pre.append(...fn.ir.split("\n").flatMap((line) => renderIrLine(line, fn)));
          section.append(title, pre);
          return section;
        }),
      );
    },
  };
}
