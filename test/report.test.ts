// The state-graph report shared by `stackless graph` and the playground: layout invariants over
// random graphs (fast-check), and the renderers' escaping of source text.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { FunctionReport, TransitionKind } from "../transformer/src/api-types.js";
import { buildStateGraph, layoutStateGraph, renderStateGraphsDot, renderStateGraphsMermaid, renderStateGraphsSvg } from "../transformer/src/report/index.js";

const KINDS: TransitionKind[] = ["fallthrough", "jump", "branch", "await", "yield", "throw", "return"];
const NAMES = ["Start", "Await0", "Await1", "LoopHead0", "Try0", "Catch0", "Finally0", "Yield0", "LoopExit0", "Preempt0", "Await2", "TryExit0"];

function report(states: { name: string; comment: string; transitions: [number | "Done", TransitionKind][] }[]): FunctionReport {
  return {
    name: "f",
    machine: "F$Machine",
    stateEnum: "F$State",
    kind: "async",
    mode: "spec",
    fields: [],
    ir: "",
    line: 1,
    column: 1,
    states: states.map((s, id) => ({
      id,
      name: s.name,
      comment: s.comment,
      line: 1,
      column: 1,
      start: 0,
      end: 0,
      transitions: s.transitions.map(([to, kind]) => ({ to: to === "Done" ? "Done" : states[to]!.name, kind })),
    })),
  };
}

const randomReport = fc.integer({ min: 1, max: NAMES.length }).chain((count) =>
  fc
    .array(
      fc.record({
        comment: fc.string({ maxLength: 60 }),
        transitions: fc.array(fc.tuple(fc.oneof(fc.integer({ min: 0, max: count - 1 }), fc.constant("Done" as const)), fc.constantFrom(...KINDS)), { maxLength: 3 }),
      }),
      { minLength: count, maxLength: count },
    )
    .map((states) => report(states.map((s, i) => ({ ...s, name: NAMES[i]! })))),
);

describe("layoutStateGraph", () => {
  it("places every node once, inside the picture, without overlaps in a row, edges running from → to", () => {
    fc.assert(
      fc.property(randomReport, (fn) => {
        const graph = buildStateGraph(fn);
        const layout = layoutStateGraph(graph);
        expect(layout.nodes.map((n) => n.node.id).sort()).toEqual(graph.nodes.map((n) => n.id).sort());
        for (const node of layout.nodes) {
          for (const value of [node.x, node.y, node.width, node.height]) expect(Number.isFinite(value)).toBe(true);
          expect(node.x - node.width / 2).toBeGreaterThanOrEqual(0);
          expect(node.x + node.width / 2).toBeLessThanOrEqual(layout.width);
          expect(node.y + node.height / 2).toBeLessThanOrEqual(layout.height);
          for (const other of layout.nodes) {
            if (other === node || other.y !== node.y) continue;
            expect(Math.abs(other.x - node.x) + 1e-6).toBeGreaterThanOrEqual((other.width + node.width) / 2);
          }
        }
        const byId = new Map(layout.nodes.map((n) => [n.node.id, n]));
        expect(layout.edges.length).toBe(graph.edges.length);
        for (const edge of layout.edges) {
          const from = byId.get(edge.edge.from)!;
          const to = byId.get(edge.edge.to)!;
          const first = edge.points[0]!;
          const last = edge.points[edge.points.length - 1]!;
          // Ends sit on the boxes' top or bottom sides (a self edge: on the right side).
          expect(Math.abs(Math.abs(first.y - from.y) - from.height / 2) < 1e-6 || edge.edge.from === edge.edge.to).toBe(true);
          expect(Math.abs(Math.abs(last.y - to.y) - to.height / 2) < 1e-6 || edge.edge.from === edge.edge.to).toBe(true);
          if (!edge.back) expect(to.y).toBeGreaterThan(from.y);
          expect(edge.path).toMatch(/^M [-\d.]+ [-\d.]+( C [-\d.]+ [-\d.]+, [-\d.]+ [-\d.]+, [-\d.]+ [-\d.]+)+$/);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("puts a loop's body below its head and draws the back edge upwards", () => {
    const fn = report([
      { name: "Start", comment: "", transitions: [[1, "fallthrough"]] },
      { name: "LoopHead0", comment: "while (x)", transitions: [[2, "branch"], ["Done", "return"]] },
      { name: "Await0", comment: "await f()", transitions: [[1, "jump"]] },
    ]);
    const layout = layoutStateGraph(buildStateGraph(fn));
    const y = (id: string) => layout.nodes.find((n) => n.node.id === id)!.y;
    expect(y("Start")).toBeLessThan(y("LoopHead0"));
    expect(y("LoopHead0")).toBeLessThan(y("Await0"));
    const back = layout.edges.find((e) => e.edge.from === "Await0")!;
    expect(back.back).toBe(true);
    expect(back.points[0]!.y).toBeGreaterThan(back.points[back.points.length - 1]!.y);
  });
});

describe("renderers", () => {
  const tricky = report([{ name: "Start", comment: `say("<b> & \\"q\\"") : x; # {y}`, transitions: [["Done", "return"]] }]);
  const graph = buildStateGraph(tricky);

  it("adds a terminal node for a target that has no case", () => {
    expect(graph.nodes.map((n) => [n.id, n.stateId, n.category])).toEqual([
      ["Start", 0, "start"],
      ["Done", -1, "done"],
    ]);
  });

  it("escapes source text in SVG", () => {
    const svg = renderStateGraphsSvg([graph]);
    expect(svg).toContain("say(&quot;&lt;b&gt; &amp; \\&quot;q\\&quot;&quot;)");
    expect(svg).not.toContain("<b>");
    expect(svg).toContain('data-state="Start"');
    expect(svg).toContain("F$State · 1 states");
  });

  it("quotes dot IDs and labels", () => {
    const dot = renderStateGraphsDot([graph]);
    expect(dot).toContain(String.raw`"f.Start" [label="Start\nsay(\"<b> & \\\"q\\\"\") : x; # {y}"`);
    expect(dot).toContain('"f.Start" -> "f.Done" [label="return"];');
  });

  it("escapes Mermaid's statement characters as entity codes", () => {
    const mermaid = renderStateGraphsMermaid([graph]);
    const line = mermaid.split("\n").find((l) => l.includes("as f__Start"))!;
    expect(line).toBe(String.raw`    state "Start · say(#34;#60;b#62; & \#34;q\#34;#34;) #58; x#59; #35; #123;y#125;" as f__Start`);
    expect(mermaid).toContain("f__Done --> [*]");
  });
});
