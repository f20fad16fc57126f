// The playground end to end in real Chromium: builds the page with Vite, serves it on 127.0.0.1,
// and drives Debian's chromium through playwright-core as a user would: type a function, read the
// lowered output, the state graph and the diagnostics, run and step a fixture, survive a hang.
// Screenshots land in test-artifacts/playground/ for a person to look at.

import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { extname, join, normalize, resolve } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type {} from "../../playground/src/test-hook.js"; // declares window.stacklessPlayground

const repoRoot = resolve(__dirname, "../..");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const ARTIFACTS = join(repoRoot, "test-artifacts/playground");
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

const GREET = `/** @coroutine */
async function greet(name: string): Promise<string> {
  const first = await Promise.resolve("hello");
  const second = await Promise.resolve(name);
  return first + ", " + second;
}

export async function main(log: (...values: unknown[]) => void) {
  log(await greet("world"));
}
`;

// 'with' can never be lowered: a diagnostic, and the function is left as it was.
const WITH_STATEMENT = `declare const scope: { x: number };

/** @coroutine */
export async function bad(): Promise<number> {
  with (scope) {
    await null;
  }
  return 1;
}
`;

// Function.prototype.toString is a known observable difference: the lowered function's text
// no longer contains the await.
const OBSERVABLE_DIFFERENCE = `/** @coroutine */
async function greet(name: string): Promise<string> {
  await null;
  return "hi " + name;
}

export async function main(log: (...values: unknown[]) => void) {
  log(await greet("a"));
  log("source mentions await:", String(greet).includes("await"));
}
`;

const INFINITE_LOOP = `/** @coroutine */
async function spin(): Promise<void> {
  await null;
  while (true) {}
}

export async function main(log: (...values: unknown[]) => void) {
  log("spinning");
  await spin();
}
`;

const MIME: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".json": "application/json",
};

/** A static file server for the built page, on an ephemeral loopback port. */
function serve(root: string): Promise<Server> {
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? "/", "http://x").pathname);
    let file = normalize(join(root, path));
    if (!file.startsWith(root)) {
      response.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
    if (!existsSync(file)) {
      response.writeHead(404).end("not found");
      return;
    }
    response.writeHead(200, { "content-type": MIME[extname(file)] ?? "application/octet-stream" });
    response.end(readFileSync(file));
  });
  return new Promise((resolveServer) => server.listen(0, "127.0.0.1", () => resolveServer(server)));
}

// Skipped only on a developer machine without Chromium; CI (.ci/run) installs it, and there a
// missing browser fails the launch loudly instead.
const canRun = existsSync(CHROMIUM) || Boolean(process.env.CI);

describe.skipIf(!canRun)("playground in Chromium", () => {
  let outDir: string;
  let server: Server;
  let browser: Browser;
  let page: Page;
  let baseUrl: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    outDir = mkdtempSync(join(tmpdir(), "stackless-playground-"));
    execFileSync(process.execPath, [join(repoRoot, "node_modules/vite/bin/vite.js"), "build", "playground", "--outDir", outDir, "--emptyOutDir", "--logLevel", "warn"], {
      cwd: repoRoot,
      stdio: "inherit",
    });
    server = await serve(outDir);
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.on("pageerror", (error) => pageErrors.push(error.message));
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.goto(baseUrl);
    await settle(page);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((done) => (server ? server.close(done) : done(undefined)));
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });

  /** Waits until the debounce has fired and the transform worker has answered. */
  async function settle(target: Page): Promise<void> {
    await target.waitForFunction(() => window.stacklessPlayground && !window.stacklessPlayground.busy() && window.stacklessPlayground.view() !== undefined, undefined, {
      timeout: 60_000,
    });
  }

  /** Replaces the source as typing would: select all, then insert the text. */
  async function typeSource(text: string): Promise<void> {
    await page.click('[data-testid="source-editor"]');
    await page.keyboard.press("Control+A");
    await page.keyboard.press("Delete");
    await page.keyboard.insertText(text);
    await settle(page);
  }

  const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
  const output = () => page.evaluate(() => window.stacklessPlayground.output());

  it("loads with a sample already lowered, and no page errors", async () => {
    expect(await output()).toContain("$Machine");
    expect(await page.textContent('[data-testid="status"]')).toMatch(/^lowered \d+ functions? in \d+ ms/);
    await shot("01-loaded");
    expect(pageErrors).toEqual([]);
  });

  it("lowers a function typed into the source editor, formatted by prettier", async () => {
    await typeSource(GREET);
    const code = await output();
    expect(code).toMatch(/const enum Greet\$State \{/);
    expect(code).toMatch(/class Greet\$Machine extends/);
    // prettier's two-space indentation and double quotes
    expect(code).toMatch(/\n {2}\S/);
    expect(await page.evaluate(() => window.stacklessPlayground.source())).toBe(GREET);
    await shot("02-typed");
  });

  it("maps a source selection to the output it produced", async () => {
    // Inside the lowered function: the awaited call moved into a `case` of the machine.
    const start = GREET.indexOf('Promise.resolve("hello")');
    await page.evaluate(([from, to]) => window.stacklessPlayground.selectSource(from!, to!), [start, start + 'Promise.resolve("hello")'.length]);
    await page.waitForSelector('[data-testid="output-editor"] .cm-sl-mapped', { timeout: 5000 });
    const marked = await page.$$eval('[data-testid="output-editor"] .cm-sl-mapped', (nodes) => nodes.map((n) => n.textContent).join(""));
    expect(marked).toContain("Promise");
    expect(marked).toContain("resolve");
    expect(marked).toContain('"hello"');
    expect(marked).not.toContain("name"); // the other await's argument is not part of the selection
    await shot("02b-selection");
  });

  it("draws the state graph, and clicking a state highlights its code in both editors", async () => {
    await page.click('button[data-tab="states"]');
    const names = await page.$$eval('[data-testid="state-graph"] svg g.sl-node', (nodes) => nodes.map((n) => n.getAttribute("data-state")));
    const view = await page.evaluate(() => window.stacklessPlayground.view()!.result.functions[0]!);
    expect(view.name).toBe("greet");
    for (const state of view.states) expect(names).toContain(state.name);
    expect(await page.$$eval('[data-testid="state-graph"] svg path.sl-edge', (edges) => edges.length)).toBeGreaterThan(0);

    const target = view.states.find((s) => s.name.startsWith("Await")) ?? view.states[0]!;
    await page.click(`[data-testid="state-graph"] g.sl-node[data-state="${target.name}"]`);
    await page.waitForSelector(`[data-testid="state-graph"] g.sl-node.sl-current[data-state="${target.name}"]`);
    await page.waitForSelector('[data-testid="source-editor"] .cm-sl-state');
    await page.waitForSelector('[data-testid="output-editor"] .cm-sl-state-line');
    const outputMark = await page.$$eval('[data-testid="output-editor"] .cm-sl-state-line', (nodes) => nodes.map((n) => n.textContent).join(""));
    expect(outputMark).toContain(`case Greet$State.${target.name}`);
    await shot("03-states");
  });

  it("lists the IR of each lowered function", async () => {
    await page.click('button[data-tab="ir"]');
    const ir = await page.textContent('[data-testid="ir-listing"]');
    expect(ir).toContain("greet");
    expect(ir!.length).toBeGreaterThan(20);
    await shot("04-ir");
  });

  it("shows the diagnostics of a bad input, then 'No diagnostics' once it is fixed", async () => {
    await page.click('button[data-tab="diagnostics"]');
    await typeSource(WITH_STATEMENT);
    const diagnostic = await page.textContent('[data-testid="diagnostic"]');
    expect(diagnostic).toMatch(/input\.ts\(5,3\)error SL1\d{3}.*'with'/);
    expect(await page.textContent('button[data-tab="diagnostics"] .badge')).toBe(String((await page.$$('[data-testid="diagnostic"]')).length));
    await shot("05-diagnostics");
    // Clicking the diagnostic selects the offending code.
    await page.click('[data-testid="diagnostic"]');
    await typeSource(GREET);
    expect(await page.textContent('[data-testid="no-diagnostics"]')).toBe("No diagnostics");
  });

  it("keeps the code and the options in the URL, so a link reproduces the case", async () => {
    await page.click('[data-testid="mode-task"] + span'); // the visible half of the segmented control
    await settle(page);
    const url = page.url();
    expect(url).toMatch(/#code\/[A-Za-z0-9+$-]+/);
    expect(url).toContain("mode=task");
    const other = await browser.newPage();
    await other.goto(url);
    await settle(other);
    expect(await other.evaluate(() => window.stacklessPlayground.source())).toBe(GREET);
    expect(await other.isChecked('[data-testid="mode-task"]')).toBe(true);
    await other.close();
    await page.click('[data-testid="mode-spec"] + span');
    await settle(page);
  });

  it("runs a fixture natively and lowered, and the event logs match", async () => {
    await page.selectOption('[data-testid="fixtures"]', "await/sequential");
    await settle(page);
    expect(await page.evaluate(() => window.stacklessPlayground.source())).toContain("sumThree");
    await page.click('button[data-tab="run"]');
    await page.click('[data-testid="run"]');
    await page.waitForSelector(".run-summary.run-same, .run-summary.run-differs", { timeout: 20_000 });
    const native = await page.$$eval('[data-testid="native-log"] li', (items) => items.map((i) => i.textContent));
    const lowered = await page.$$eval('[data-testid="lowered-log"] li', (items) => items.map((i) => i.textContent));
    await shot("06-run");
    expect(native).toContain("got c 3");
    expect(native[native.length - 1]).toBe("returned 6");
    expect(lowered).toEqual(native);
    expect(await page.textContent('[data-testid="run-summary"]')).toMatch(/Same behaviour/);
  });

  it("steps the lowered machine one resume at a time, highlighting the current state", async () => {
    await page.click('[data-testid="step"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="step-current"]')?.textContent?.includes("sumThree: waiting to resume in Start"), undefined, { timeout: 20_000 });
    await page.waitForSelector('[data-testid="step-graph"] g.sl-node.sl-current[data-state="Start"]');
    await page.waitForSelector('[data-testid="source-editor"] .cm-sl-state');
    await shot("07-step-start");

    const seen: string[] = [];
    for (let i = 0; i < 10; i++) {
      const before = (await page.textContent('[data-testid="step-current"]')) ?? "";
      await page.click('[data-testid="step"]');
      // The page answers a step with a new trace line, then (after the step's microtasks) the next state.
      await page.waitForFunction((previous) => (document.querySelector('[data-testid="step-current"]')?.textContent ?? "") !== previous, before, { timeout: 10_000 });
      const current = (await page.textContent('[data-testid="step-current"]')) ?? "";
      seen.push(current);
      if (i === 0) await shot("08-step-1");
      if (!current.includes("waiting to resume")) break;
    }
    // Start → Await0 → Await1 → Await2 → done: each step moved to a new state, in order.
    const states = seen.map((text) => /in (\w+)$/.exec(text)?.[1]).filter(Boolean);
    expect(states.slice(0, 3)).toEqual(["Await0", "Await1", "Await2"]);
    const trace = await page.$$eval('[data-testid="step-trace"] li', (items) => items.map((i) => i.textContent));
    expect(trace[0]).toMatch(/^1\. sumThree: Start → await/);
    expect(trace[trace.length - 1]).toMatch(/→ return$/);
    await page.waitForSelector(".run-summary.run-same", { timeout: 10_000 });
    await shot("09-step-done");
  });

  it("marks the events where the native and the lowered run differ", async () => {
    await page.selectOption('[data-testid="fixtures"]', "");
    await typeSource(OBSERVABLE_DIFFERENCE);
    await page.click('[data-testid="run"]');
    await page.waitForSelector(".run-summary.run-same, .run-summary.run-differs", { timeout: 20_000 });
    expect(await page.textContent('[data-testid="run-summary"]')).toBe("✗ 1 of 3 events differ (first at #2)");
    for (const side of ["native", "lowered"]) {
      const diffs = await page.$$eval(`[data-testid="${side}-log"] li`, (items) => items.map((i) => i.classList.contains("log-diff")));
      expect(diffs).toEqual([false, true, false]);
    }
    expect(await page.textContent('[data-testid="native-log"] li:nth-child(2)')).toBe("source mentions await: true");
    expect(await page.textContent('[data-testid="lowered-log"] li:nth-child(2)')).toBe("source mentions await: false");
    await shot("10-differences");
  });

  it("kills and restarts a transform worker that does not answer in time", async () => {
    const impatient = await browser.newPage();
    const errors: string[] = [];
    impatient.on("pageerror", (error) => errors.push(error.message));
    // A 1 ms deadline makes every transform look like a hang.
    await impatient.goto(`${baseUrl}?transformDeadline=1`);
    await impatient.waitForFunction(() => document.querySelector('[data-testid="status"]')?.textContent?.includes("restarted it"), undefined, { timeout: 20_000 });
    expect(await impatient.textContent('[data-testid="status"]')).toBe("the transformer did not answer within 0.001 s; restarted it");
    expect(await impatient.$eval('[data-testid="status"]', (el) => el.classList.contains("status-error"))).toBe(true);
    // The page itself still answers.
    await impatient.click('button[data-tab="diagnostics"]');
    expect(await impatient.isVisible('[data-panel="diagnostics"]')).toBe(true);
    expect(errors).toEqual([]);
    await impatient.close();
  });

  it("stops a program that never ends at the time limit, and the page stays responsive", async () => {
    await typeSource(INFINITE_LOOP);
    await page.click('[data-testid="run"]');
    await page.waitForSelector(".run-summary.run-same, .run-summary.run-differs", { timeout: 20_000 });
    for (const side of ["native", "lowered"]) {
      const items = await page.$$eval(`[data-testid="${side}-log"] li`, (nodes) => nodes.map((n) => n.textContent));
      expect(items[0]).toBe("spinning");
      expect(items[items.length - 1]).toMatch(/stopped: ran past the 3 s time limit/);
    }
    await shot("11-time-limit");
    // Still alive: an edit is lowered again.
    await typeSource(GREET);
    expect(await output()).toContain("Greet$Machine");
    expect(pageErrors).toEqual([]);
  });
});
