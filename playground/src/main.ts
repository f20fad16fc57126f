// The playground page: wires the editors, the options panel, the fixtures dropdown and the tab
// plugins to the transform worker, keeps the state in the URL, and maps selections between the
// source and the lowered output. Everything heavy runs in workers; this file only coordinates.

import "./styles.css";
import type { FunctionReport, StateInfo } from "../../transformer/src/api-types.js";
import { createEditors } from "./editor/editors.js";
import { fixtureNames, loadFixture } from "./fixtures.js";
import { caseRange, outputRangesForSource, sourceOffsetsForOutput, type Range } from "./mapping.js";
import { createOptionsPanel } from "./options-panel.js";
import { installSplitter } from "./splitter.js";
import { DEFAULT_OPTIONS, type InspectView, type PlaygroundOptions } from "./protocol.js";
import { createDiagnosticsTab } from "./tabs/diagnostics-tab.js";
import { createIrTab } from "./tabs/ir-tab.js";
import { createRunTab } from "./tabs/run-tab.js";
import { createStatesTab } from "./tabs/states-tab.js";
import { TabHost, type PlaygroundContext } from "./tabs/tab-plugin.js";
import type { CompiledPair } from "./transform/compile.js";
import { TransformClient } from "./transform/transform-client.js";
import type {} from "./test-hook.js";
import { decodeUrlState, encodeUrlState } from "./url-state.js";

const DEBOUNCE_MS = 100;
/**
 * A transform slower than this is treated as a hang: the worker is killed and restarted.
 * `?transformDeadline=<ms>` overrides it (the e2e test uses it to exercise the restart).
 */
const TRANSFORM_DEADLINE_MS = Number(new URLSearchParams(location.search).get("transformDeadline")) || 10_000;

const SAMPLE = `// Mark an async function with @coroutine and stackless lowers it into a state machine.
// Edit the code: the output, the state graph and the IR follow as you type.

type Get = (url: string) => Promise<string>;

/** @coroutine */
async function fetchAll(get: Get, urls: string[]): Promise<string> {
  const first = await get(urls[0]!);
  let total = first.length;
  for (const url of urls.slice(1)) {
    try {
      total += (await get(url)).length;
    } catch (error) {
      total = -1;
    }
  }
  return \`\${first}: \${total}\`;
}

// The Run tab calls main(log) natively and lowered, and compares what each logs.
export async function main(log: (...values: unknown[]) => void) {
  const get: Get = async (url) => {
    log("get", url);
    if (url === "/missing") throw new Error("404");
    return url.toUpperCase();
  };
  log(await fetchAll(get, ["/foo", "/bar", "/missing"]));
}
`;

const $ = <T extends Element>(selector: string) => document.querySelector<T>(selector)!;

// --- state -------------------------------------------------------------------------------------
let source = "";
let options: PlaygroundOptions = structuredClone(DEFAULT_OPTIONS);
let fixture: { name: string; exec: string | undefined } | undefined;
let view: InspectView | undefined;
let latestRequest = 0;
/** The last request whose answer (or failure) was handled; differs from latestRequest while one is in flight. */
let settledRequest = 0;
let debouncing = false;
let debounceTimer: ReturnType<typeof setTimeout> | undefined;
const highlightListeners: ((fn: FunctionReport | undefined, state: StateInfo | undefined) => void)[] = [];

const status = $<HTMLElement>(".status");
function setStatus(text: string, error = false): void {
  status.textContent = text;
  status.title = text;
  status.classList.toggle("status-error", error);
}

// --- editors -----------------------------------------------------------------------------------
const editors = createEditors($("#source"), $("#output"), {
  onSourceChange(text) {
    source = text;
    schedule();
  },
  onSourceSelection(from, to) {
    if (!view) return;
    const range = from === to ? wordAt(editors.source.state.doc.toString(), from) : { from, to };
    editors.mapped.set(editors.output, range ? outputRangesForSource(view.mappings, range.from, range.to) : [], true);
    editors.mappedSource.set(editors.source, []);
  },
  onOutputSelection(from, to) {
    if (!view) return;
    const text = editors.source.state.doc.toString();
    const ranges = sourceOffsetsForOutput(view.mappings, from, to).map((offset) => wordAt(text, offset) ?? { from: offset, to: offset + 1 });
    editors.mappedSource.set(editors.source, ranges, true);
    editors.mapped.set(editors.output, []);
  },
});

/** The identifier-ish word around `offset`, so a click (empty selection) still maps something. */
function wordAt(text: string, offset: number): Range | undefined {
  const isWord = (c: string | undefined) => c !== undefined && /[\w$]/.test(c);
  let from = offset;
  let to = offset;
  while (isWord(text[from - 1])) from--;
  while (isWord(text[to])) to++;
  return to > from ? { from, to } : undefined;
}

// --- options, fixtures, URL ----------------------------------------------------------------------
const panel = createOptionsPanel($(".options"), (next) => {
  options = next;
  schedule();
});

const fixtureSelect = $<HTMLSelectElement>('select[data-testid="fixtures"]');
function fillFixtures(): void {
  const names = fixtureNames();
  const placeholder = new Option(names.length > 0 ? `${names.length} fixtures…` : "no fixtures yet", "");
  const groups = new Map<string, HTMLOptGroupElement>();
  for (const name of names) {
    const feature = name.split("/")[0]!;
    let group = groups.get(feature);
    if (!group) {
      group = document.createElement("optgroup");
      group.label = feature;
      groups.set(feature, group);
    }
    group.append(new Option(name.slice(feature.length + 1) || name, name));
  }
  fixtureSelect.replaceChildren(placeholder, ...groups.values());
}

fixtureSelect.addEventListener("change", () => pickFixture(fixtureSelect.value));

function pickFixture(name: string): void {
  if (!name) {
    fixture = undefined;
    schedule();
    return;
  }
  const loaded = loadFixture(name);
  if (!loaded) {
    setStatus(`no fixture named '${name}'`, true);
    return;
  }
  fixture = { name: loaded.name, exec: loaded.exec };
  fixtureSelect.value = name;
  options = loaded.options;
  panel.set(options);
  editors.setSource(loaded.input); // triggers onSourceChange → schedule()
}

function writeUrl(): void {
  const hash = encodeUrlState(source, options, fixture?.name);
  if (location.hash !== hash) history.replaceState(null, "", hash);
}

function readUrl(): void {
  const state = decodeUrlState(location.hash);
  options = state.options;
  panel.set(options);
  if (state.fixture) {
    const loaded = loadFixture(state.fixture);
    if (loaded) {
      fixture = { name: loaded.name, exec: loaded.exec };
      fixtureSelect.value = loaded.name;
    }
  }
  editors.setSource(state.code ?? SAMPLE);
}

$(".share").addEventListener("click", () => {
  writeUrl();
  void navigator.clipboard?.writeText(location.href).then(
    () => setStatus("link copied"),
    () => setStatus("copy the address bar to share this case"),
  );
});

// --- transform -----------------------------------------------------------------------------------
const client = new TransformClient(TRANSFORM_DEADLINE_MS);
client.onRestart = (reason) => setStatus(`${reason}; restarted it`, true);

function schedule(): void {
  clearTimeout(debounceTimer);
  debouncing = true;
  debounceTimer = setTimeout(() => {
    debouncing = false;
    void transform();
  }, DEBOUNCE_MS);
}

async function transform(): Promise<void> {
  writeUrl();
  const id = ++latestRequest;
  const input = source;
  const inputOptions = options;
  setStatus("lowering…");
  let response;
  try {
    response = await client.request({ type: "inspect", source: input, options: inputOptions });
  } catch (error) {
    if (id === latestRequest) {
      settledRequest = id;
      setStatus(error instanceof Error ? error.message : String(error), true);
    }
    return;
  }
  if (id !== latestRequest) return; // a newer edit is on its way
  settledRequest = id;
  if (response.type === "failed") {
    setStatus(`the transformer crashed (a stackless bug): ${response.message}`, true);
    editors.setOutput(`// The transformer crashed on this input; this is a bug in stackless, not in your code.\n// ${response.message}\n`);
    return;
  }
  if (response.type !== "inspected") return;
  view = response.view;
  editors.setOutput(view.formatted);
  editors.mapped.set(editors.output, []);
  editors.mappedSource.set(editors.source, []);
  context.highlightState(undefined, undefined);
  tabs.update({ source: input, options: inputOptions, view });
  const count = view.result.functions.length;
  const errors = view.result.diagnostics.filter((d) => d.category === "error").length;
  $('[data-testid="output-meta"]').textContent = `${count} machine${count === 1 ? "" : "s"} · read-only`;
  setStatus(`lowered ${count} function${count === 1 ? "" : "s"} in ${view.durationMs.toFixed(0)} ms${errors ? ` · ${errors} error${errors === 1 ? "" : "s"}` : ""}`);
}

async function compile(): Promise<CompiledPair> {
  const response = await client.request({ type: "compile", source, exec: fixture?.exec, options });
  if (response.type === "failed") throw new Error(response.message);
  if (response.type !== "compiled") throw new Error(`unexpected answer '${response.type}'`);
  return response;
}

// --- tabs ----------------------------------------------------------------------------------------
const context: PlaygroundContext = {
  highlightState(fn, state) {
    if (fn && state && view) {
      editors.sourceState.set(editors.source, [{ from: state.start, to: Math.max(state.end, state.start + 1) }], true);
      const range = caseRange(view.formatted, fn.stateEnum, state.name);
      editors.outputState.set(editors.output, range ? [range] : [], true);
    } else {
      editors.sourceState.set(editors.source, []);
      editors.outputState.set(editors.output, []);
    }
    for (const listener of highlightListeners) listener(fn, state);
  },
  onStateHighlight(listener) {
    highlightListeners.push(listener);
  },
  selectSource(from, to) {
    editors.source.dispatch({ selection: { anchor: from, head: to }, scrollIntoView: true });
    editors.source.focus();
  },
  showTab(id) {
    tabs.show(id);
  },
};

const tabs = new TabHost($(".tab-bar"), $(".tab-body"), [
  createStatesTab(context),
  createIrTab(context),
  createDiagnosticsTab(context),
  createRunTab(context, { compile, hasExec: () => fixture?.exec !== undefined }),
]);

window.addEventListener("hashchange", () => {
  if (location.hash !== encodeUrlState(source, options, fixture?.name)) readUrl();
});

window.stacklessPlayground = {
  source: () => editors.source.state.doc.toString(),
  output: () => editors.output.state.doc.toString(),
  view: () => view,
  busy: () => debouncing || settledRequest !== latestRequest,
  selectSource: (from, to) => editors.source.dispatch({ selection: { anchor: from, head: to }, userEvent: "select.pointer" }),
};

installSplitter($(".workspace"), $(".splitter"));
fillFixtures();
readUrl();
