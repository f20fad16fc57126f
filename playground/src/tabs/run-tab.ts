// The Run tab: runs the program natively and lowered, each in its own sandboxed worker with a
// time limit, shows both event logs side by side with differences marked, and steps the lowered
// machines one resume at a time while the current state is highlighted in the graph and the code.

import type { FunctionReport, StateInfo } from "../../../transformer/src/api-types.js";
import type { SandboxMessage } from "../protocol.js";
import { SandboxRun } from "../run/sandbox-client.js";
import type { CompiledPair } from "../transform/compile.js";
import { graphSvg, stateFromNode } from "./states-tab.js";
import type { PlaygroundContext, PlaygroundResult, TabPlugin } from "./tab-plugin.js";

export const RUN_TIME_LIMIT_MS = 3000;
const TICKS = 12;

export interface RunDeps {
  /** Compiles the current source (and fixture exec.ts) natively and lowered. */
  compile(): Promise<CompiledPair>;
  /** The current fixture's exec.ts, if one is loaded (shown in the hint). */
  hasExec(): boolean;
}

interface LogEntry {
  kind: "log" | "result" | "error" | "tick";
  text: string;
}

interface Column {
  entries: LogEntry[];
  finished: boolean;
  list: HTMLOListElement;
  status: HTMLElement;
}

export function createRunTab(ctx: PlaygroundContext, deps: RunDeps): TabPlugin {
  let root: HTMLElement;
  let functions: FunctionReport[] = [];
  let runs: SandboxRun[] = [];
  let stepper: SandboxRun | undefined;
  let generation = 0;
  let current: { fn: FunctionReport; state: StateInfo } | undefined;
  let columns: { native: Column; lowered: Column };
  let stepCount = 0;

  const q = <T extends Element>(selector: string) => root.querySelector<T>(selector)!;

  function column(name: "native" | "lowered"): Column {
    return { entries: [], finished: false, list: q<HTMLOListElement>(`[data-log="${name}"]`), status: q(`[data-log-status="${name}"]`) };
  }

  function stopAll(): void {
    for (const run of runs) run.dispose();
    runs = [];
    stepper = undefined;
    generation++;
  }

  function reset(): void {
    stopAll();
    columns = { native: column("native"), lowered: column("lowered") };
    for (const c of Object.values(columns)) {
      c.list.replaceChildren();
      c.status.textContent = "";
    }
    q(".run-summary").textContent = "";
    q(".run-summary").className = "run-summary";
    q(".step-trace").replaceChildren();
    stepCount = 0;
    setCurrent(undefined, undefined);
    q<HTMLElement>(".step-panel").hidden = true;
    q(".run-body").classList.remove("stepping");
    refreshButtons();
  }

  function refreshButtons(): void {
    const stepping = stepper !== undefined && !stepper.done;
    q<HTMLButtonElement>('[data-action="continue"]').disabled = !stepping;
    q<HTMLButtonElement>('[data-action="step"]').textContent = stepping ? "Step ›" : "Step through";
  }

  function setCurrent(fn: FunctionReport | undefined, state: StateInfo | undefined): void {
    current = fn && state ? { fn, state } : undefined;
    ctx.highlightState(fn, state);
    renderStepGraph();
  }

  function renderStepGraph(): void {
    const panel = q<HTMLElement>(".step-graph");
    const shown = current ? [current.fn] : functions;
    panel.innerHTML = shown.length > 0 ? graphSvg(shown, current, "run") : "";
    // Keep the current state in view by scrolling the graph's own box (scrollIntoView would
    // also scroll the tab and the page).
    const node = panel.querySelector(".sl-current");
    if (node) {
      const box = panel.getBoundingClientRect();
      const at = node.getBoundingClientRect();
      panel.scrollTop += at.top - box.top - (box.height - at.height) / 2;
      panel.scrollLeft += at.left - box.left - (box.width - at.width) / 2;
    }
    q(".step-current").textContent = current ? `${current.fn.name}: waiting to resume in ${current.state.name}` : stepper && !stepper.done ? "nothing waits to resume" : "";
  }

  function append(which: "native" | "lowered", entry: LogEntry): void {
    const c = columns[which];
    c.entries.push(entry);
    const item = document.createElement("li");
    item.className = `log-${entry.kind}`;
    item.textContent = entry.text;
    c.list.append(item);
    markDifferences();
  }

  function finish(which: "native" | "lowered", note: string | undefined): void {
    const c = columns[which];
    c.finished = true;
    c.status.textContent = note ?? "finished";
    c.status.className = `log-status ${note ? "log-status-bad" : ""}`;
    markDifferences();
  }

  /** Marks rows whose text differs between the columns, and summarises once both are finished. */
  function markDifferences(): void {
    const { native, lowered } = columns;
    const length = Math.max(native.entries.length, lowered.entries.length);
    let differences = 0;
    let first = -1;
    for (let i = 0; i < length; i++) {
      const same = native.entries[i]?.text === lowered.entries[i]?.text;
      const bothPresent = native.entries[i] !== undefined && lowered.entries[i] !== undefined;
      // Rows not yet produced by a still-running side are not differences yet.
      const pending = !bothPresent && !(native.finished && lowered.finished);
      const differs = !same && !pending;
      native.list.children[i]?.classList.toggle("log-diff", differs);
      lowered.list.children[i]?.classList.toggle("log-diff", differs);
      if (differs) {
        differences++;
        if (first < 0) first = i;
      }
    }
    const summary = q(".run-summary");
    if (!(native.finished && lowered.finished)) {
      summary.textContent = "running…";
      summary.className = "run-summary";
    } else if (differences === 0) {
      summary.textContent = `✓ Same behaviour: ${length} event${length === 1 ? "" : "s"} match`;
      summary.className = "run-summary run-same";
    } else {
      summary.textContent = `✗ ${differences} of ${length} events differ (first at #${first + 1})`;
      summary.className = "run-summary run-differs";
    }
  }

  function onMessage(which: "native" | "lowered", gen: number, message: SandboxMessage): void {
    if (gen !== generation) return;
    if (message.type === "log") append(which, { kind: message.kind, text: message.text });
    else if (message.type === "done") {
      finish(which, undefined);
      if (which === "lowered" && stepper) {
        setCurrent(undefined, undefined);
        refreshButtons();
      }
    } else if (message.type === "paused") {
      const first = message.waiting[0];
      const fn = first && functions.find((f) => f.machine === first.machine);
      setCurrent(fn, fn?.states.find((s) => s.id === first!.state));
      refreshButtons();
    } else if (message.type === "resumed") {
      stepCount++;
      const fn = functions.find((f) => f.machine === message.event.machine);
      const name = (id: number) => fn?.states.find((s) => s.id === id)?.name ?? String(id);
      const outcome = ["await", "yield", "return", "preempt"][message.step] ?? "throw";
      const item = document.createElement("li");
      item.textContent = `${stepCount}. ${fn?.name ?? message.event.machine}: ${name(message.event.state)} → ${outcome}${outcome === "await" || outcome === "yield" || outcome === "preempt" ? ` (next ${name(message.after)})` : ""}`;
      const trace = q<HTMLElement>(".step-trace");
      trace.append(item);
      trace.scrollTop = trace.scrollHeight; // only the list scrolls, never the page
    }
  }

  async function start(stepping: boolean): Promise<void> {
    reset();
    const gen = generation;
    const summary = q(".run-summary");
    summary.textContent = "compiling…";
    let pair: CompiledPair;
    try {
      pair = await deps.compile();
    } catch (error) {
      if (gen !== generation) return;
      summary.textContent = `could not compile: ${error instanceof Error ? error.message : String(error)}`;
      summary.className = "run-summary run-differs";
      return;
    }
    if (gen !== generation) return;
    if (pair.diagnostics.length > 0) {
      columns.lowered.status.textContent = `${pair.diagnostics.length} diagnostic(s): the functions they name run unlowered`;
    }
    const ticks = q<HTMLInputElement>('[name="ticks"]').checked ? TICKS : 0;
    const launch = (which: "native" | "lowered", steppingRun: boolean) =>
      new SandboxRun(which === "native" ? pair.native : pair.lowered, {
        variant: which,
        stepping: steppingRun,
        ticks,
        timeLimitMs: RUN_TIME_LIMIT_MS,
        onMessage: (message) => onMessage(which, gen, message),
        onTimeout: () => {
          if (gen !== generation) return;
          append(which, { kind: "error", text: `stopped: ran past the ${RUN_TIME_LIMIT_MS / 1000} s time limit` });
          finish(which, "killed at the time limit");
          if (which === "lowered") refreshButtons();
        },
      });
    runs = [launch("native", false), launch("lowered", stepping)];
    if (stepping) {
      stepper = runs[1];
      q<HTMLElement>(".step-panel").hidden = false;
      q(".run-body").classList.add("stepping");
      renderStepGraph();
    }
    refreshButtons();
  }

  return {
    id: "run",
    title: "Run",
    mount(el) {
      root = el;
      el.innerHTML = `
        <div class="run-toolbar">
          <button type="button" class="primary" data-action="run" data-testid="run">Run ▶</button>
          <button type="button" data-action="step" data-testid="step">Step through</button>
          <button type="button" data-action="continue" data-testid="continue">Continue</button>
          <button type="button" data-action="reset">Reset</button>
          <label class="chk"><input type="checkbox" name="ticks"> log microtask ticks</label>
          <span class="run-summary" data-testid="run-summary"></span>
          <span class="run-hint muted"></span>
        </div>
        <div class="run-body">
          <div class="log-col"><h4>Native <span class="log-status" data-log-status="native"></span></h4><ol class="log" data-log="native" data-testid="native-log"></ol></div>
          <div class="log-col"><h4>Lowered <span class="log-status" data-log-status="lowered"></span></h4><ol class="log" data-log="lowered" data-testid="lowered-log"></ol></div>
          <div class="step-panel" hidden>
            <h4>Stepping <span class="step-current" data-testid="step-current"></span></h4>
            <div class="step-graph" data-testid="step-graph"></div>
            <ol class="step-trace" data-testid="step-trace"></ol>
          </div>
        </div>`;
      columns = { native: column("native"), lowered: column("lowered") };
      el.querySelector('[data-action="run"]')!.addEventListener("click", () => void start(false));
      el.querySelector('[data-action="step"]')!.addEventListener("click", () => {
        if (stepper && !stepper.done) stepper.step();
        else void start(true);
      });
      el.querySelector('[data-action="continue"]')!.addEventListener("click", () => stepper?.continueFreely());
      el.querySelector('[data-action="reset"]')!.addEventListener("click", reset);
      el.querySelector(".step-graph")!.addEventListener("click", (event) => {
        const hit = stateFromNode(functions, event.target);
        if (hit) ctx.highlightState(hit.fn, hit.state);
      });
      refreshButtons();
    },
    update(result: PlaygroundResult) {
      functions = result.view.result.functions;
      q(".run-hint").textContent = deps.hasExec()
        ? "runs the fixture's exec.ts against both variants"
        : "calls the input's exported main(log) (or default export) in both variants";
    },
  };
}
