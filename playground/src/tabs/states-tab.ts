// The States tab: each lowered function's state graph, drawn client-side as SVG from the shared
// report layout (transformer/src/report). Clicking a state highlights its code in both editors.

import type { FunctionReport, StateInfo } from "../../../transformer/src/api-types.js";
import { buildStateGraph, renderStateGraphsSvg } from "../../../transformer/src/report/index.js";
import type { PlaygroundContext, PlaygroundResult, TabPlugin } from "./tab-plugin.js";

/** Finds the function and state a clicked `[data-state]` node stands for. */
export function stateFromNode(functions: FunctionReport[], target: EventTarget | null): { fn: FunctionReport; state: StateInfo | undefined } | undefined {
  const node = (target as Element | null)?.closest?.("[data-state]");
  if (!node) return undefined;
  const fn = functions.find((f) => f.name === node.getAttribute("data-function"));
  if (!fn) return undefined;
  return { fn, state: fn.states.find((s) => s.name === node.getAttribute("data-state")) };
}

/** The SVG of some functions, with one state marked current. */
export function graphSvg(functions: FunctionReport[], current: { fn: FunctionReport; state: StateInfo } | undefined, idPrefix: string): string {
  return renderStateGraphsSvg(functions.map(buildStateGraph), {
    idPrefix,
    highlight: current ? { functionName: current.fn.name, state: current.state.name } : undefined,
  });
}

export function createStatesTab(ctx: PlaygroundContext): TabPlugin {
  let root: HTMLElement;
  let functions: FunctionReport[] = [];
  let current: { fn: FunctionReport; state: StateInfo } | undefined;

  const render = () => {
    const graph = root.querySelector<HTMLElement>(".graph-scroll")!;
    const details = root.querySelector<HTMLElement>(".state-details")!;
    if (functions.length === 0) {
      graph.innerHTML = `<p class="empty">No function was lowered. Mark an async function with <code>/** @coroutine */</code>, start its body with <code>"use coroutine"</code>, or turn on <code>lowerAll</code>.</p>`;
      details.textContent = "";
      return;
    }
    graph.innerHTML = graphSvg(functions, current, "states");
    details.replaceChildren(...functions.map(describeFunction));
  };

  return {
    id: "states",
    title: "States",
    mount(el) {
      root = el;
      el.innerHTML = `
        <div class="states-layout">
          <div class="graph-scroll" data-testid="state-graph"></div>
          <aside class="state-details"></aside>
        </div>`;
      el.querySelector(".graph-scroll")!.addEventListener("click", (event) => {
        const hit = stateFromNode(functions, event.target);
        if (hit) ctx.highlightState(hit.fn, hit.state);
      });
      ctx.onStateHighlight((fn, state) => {
        current = fn && state ? { fn, state } : undefined;
        if (root) render();
      });
    },
    update(result: PlaygroundResult) {
      functions = result.view.result.functions;
      if (current && !functions.some((f) => f.name === current!.fn.name)) current = undefined;
      render();
    },
    badge: () => (functions.length > 0 ? String(functions.reduce((n, f) => n + f.states.length, 0)) : undefined),
  };
}

/** The enum and fields of one machine, as a small text block beside the graph. */
function describeFunction(fn: FunctionReport): HTMLElement {
  const box = document.createElement("div");
  box.className = "fn-summary";
  const title = document.createElement("h3");
  title.textContent = `${fn.name}`;
  const meta = document.createElement("p");
  meta.className = "muted";
  meta.textContent = `${fn.kind} · ${fn.mode} mode · ${fn.machine}`;
  const enumText = document.createElement("pre");
  enumText.className = "enum";
  enumText.textContent = `const enum ${fn.stateEnum} {\n${fn.states.map((s) => `  ${s.name} = ${s.id},`).join("\n")}\n}`;
  const fields = document.createElement("p");
  fields.className = "muted";
  fields.textContent = fn.fields.length > 0 ? `fields: ${fn.fields.join(", ")}` : "no fields: nothing is live across a suspension";
  box.append(title, meta, enumText, fields);
  return box;
}
