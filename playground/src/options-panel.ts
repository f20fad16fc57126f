// The options panel: mode (spec/task), pre-emption (calls, loops, budget) and lowerAll, as plain
// form controls whose changes are reported as one PlaygroundOptions value.

import type { PlaygroundOptions } from "./protocol.js";

export interface OptionsPanel {
  get(): PlaygroundOptions;
  set(options: PlaygroundOptions): void;
}

export function createOptionsPanel(parent: HTMLElement, onChange: (options: PlaygroundOptions) => void): OptionsPanel {
  parent.innerHTML = `
    <div class="opt-group" role="radiogroup" aria-label="Mode">
      <span class="opt-label">mode</span>
      <label class="seg"><input type="radio" name="mode" value="spec" data-testid="mode-spec"><span>spec</span></label>
      <label class="seg"><input type="radio" name="mode" value="task" data-testid="mode-task"><span>task</span></label>
    </div>
    <div class="opt-group">
      <span class="opt-label">preempt</span>
      <label class="chk"><input type="checkbox" name="calls" data-testid="preempt-calls"> calls</label>
      <label class="chk"><input type="checkbox" name="loops" data-testid="preempt-loops"> loops</label>
      <label class="chk">budget <input type="number" name="budget" min="1" step="1" placeholder="default" data-testid="preempt-budget"></label>
    </div>
    <div class="opt-group">
      <label class="chk"><input type="checkbox" name="lowerAll" data-testid="lower-all"> lowerAll</label>
    </div>`;
  const input = (name: string) => parent.querySelector<HTMLInputElement>(`input[name="${name}"]`)!;
  const modeInputs = [...parent.querySelectorAll<HTMLInputElement>('input[name="mode"]')];

  const panel: OptionsPanel = {
    get() {
      const budget = Number(input("budget").value);
      return {
        mode: modeInputs.find((m) => m.checked)?.value === "task" ? "task" : "spec",
        lowerAll: input("lowerAll").checked,
        preempt: {
          calls: input("calls").checked,
          loops: input("loops").checked,
          budget: input("budget").value !== "" && Number.isInteger(budget) && budget > 0 ? budget : undefined,
        },
      };
    },
    set(options) {
      for (const m of modeInputs) m.checked = m.value === options.mode;
      input("lowerAll").checked = options.lowerAll;
      input("calls").checked = options.preempt.calls;
      input("loops").checked = options.preempt.loops;
      input("budget").value = options.preempt.budget === undefined ? "" : String(options.preempt.budget);
    },
  };
  parent.addEventListener("input", () => onChange(panel.get()));
  return panel;
}
