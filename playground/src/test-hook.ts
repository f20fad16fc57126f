// The page's handle for tests and the devtools console (`window.stacklessPlayground`): CodeMirror
// keeps only the visible lines in the DOM, so the full texts are read through here.

import type { InspectView } from "./protocol.js";

export interface PlaygroundHandle {
  source(): string;
  output(): string;
  view(): InspectView | undefined;
  /** True while an edit waits for its debounce or its transform. */
  busy(): boolean;
  /** Selects source text as a user's mouse would (so the mapped output lights up). */
  selectSource(from: number, to: number): void;
}

declare global {
  interface Window {
    stacklessPlayground: PlaygroundHandle;
  }
}
