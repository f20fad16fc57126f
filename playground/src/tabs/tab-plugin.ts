// The tab plugin contract (style.md HS-15, after the TypeScript playground's plugins) and the
// host that draws the tab bar, mounts each plugin once and feeds every result to all of them.

import type { FunctionReport, StateInfo } from "../../../transformer/src/api-types.js";
import type { InspectView, PlaygroundOptions } from "../protocol.js";

/** What every tab sees after each transform. */
export interface PlaygroundResult {
  source: string;
  options: PlaygroundOptions;
  view: InspectView;
}

export interface TabPlugin {
  id: string;
  title: string;
  mount(el: HTMLElement): void;
  update(result: PlaygroundResult): void;
  /** A short count shown next to the title (e.g. the number of diagnostics), if any. */
  badge?(): string | undefined;
}

/** What the page offers the plugins. */
export interface PlaygroundContext {
  /** Highlights a state's code in both editors and in every drawn graph (undefined clears). */
  highlightState(fn: FunctionReport | undefined, state: StateInfo | undefined): void;
  /** Subscribes to state highlights, wherever they come from. */
  onStateHighlight(listener: (fn: FunctionReport | undefined, state: StateInfo | undefined) => void): void;
  /** Selects a range of the source editor and scrolls to it. */
  selectSource(from: number, to: number): void;
  /** Shows a tab. */
  showTab(id: string): void;
}

export class TabHost {
  private readonly buttons = new Map<string, HTMLButtonElement>();
  private readonly panels = new Map<string, HTMLElement>();
  private active = "";

  constructor(
    private readonly bar: HTMLElement,
    private readonly body: HTMLElement,
    private readonly plugins: TabPlugin[],
  ) {
    for (const plugin of plugins) {
      const button = document.createElement("button");
      button.className = "tab";
      button.type = "button";
      button.dataset.tab = plugin.id;
      button.setAttribute("role", "tab");
      button.addEventListener("click", () => this.show(plugin.id));
      bar.append(button);
      const panel = document.createElement("section");
      panel.className = "tab-panel";
      panel.dataset.panel = plugin.id;
      panel.setAttribute("role", "tabpanel");
      body.append(panel);
      plugin.mount(panel);
      this.buttons.set(plugin.id, button);
      this.panels.set(plugin.id, panel);
    }
    this.refreshTitles();
    if (plugins[0]) this.show(plugins[0].id);
  }

  show(id: string): void {
    if (!this.panels.has(id)) return;
    this.active = id;
    for (const [key, panel] of this.panels) panel.hidden = key !== id;
    for (const [key, button] of this.buttons) button.setAttribute("aria-selected", String(key === id));
  }

  get activeTab(): string {
    return this.active;
  }

  update(result: PlaygroundResult): void {
    for (const plugin of this.plugins) plugin.update(result);
    this.refreshTitles();
  }

  private refreshTitles(): void {
    for (const plugin of this.plugins) {
      const badge = plugin.badge?.();
      const button = this.buttons.get(plugin.id)!;
      button.textContent = plugin.title;
      if (badge !== undefined) {
        const span = document.createElement("span");
        span.className = "badge";
        span.textContent = badge;
        button.append(span);
      }
    }
  }
}
