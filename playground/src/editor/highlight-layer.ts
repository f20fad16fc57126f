// A CodeMirror extension that paints a replaceable set of ranges with one CSS class: the page
// uses one layer for "mapped from the selection" and one for "the current state".

import { StateEffect, StateField, type Extension } from "@codemirror/state";
import { Decoration, EditorView, type DecorationSet } from "@codemirror/view";

export interface HighlightLayer {
  extension: Extension;
  /** Replaces the layer's ranges; scrolls the first into view when asked. */
  set(view: EditorView, ranges: ReadonlyArray<{ from: number; to: number }>, scroll?: boolean): void;
}

/**
 * `mark` paints the characters of each range; `line` paints every line a range touches, which
 * reads better for multi-line blocks such as a state's `case`.
 */
export function createHighlightLayer(className: string, style: "mark" | "line" = "mark"): HighlightLayer {
  const setRanges = StateEffect.define<ReadonlyArray<{ from: number; to: number }>>();
  const mark = Decoration.mark({ class: className });
  const line = Decoration.line({ class: className });
  const field = StateField.define<DecorationSet>({
    create: () => Decoration.none,
    update(decorations, transaction) {
      decorations = decorations.map(transaction.changes);
      for (const effect of transaction.effects) {
        if (effect.is(setRanges)) {
          const ranges = effect.value.filter((r) => r.to > r.from);
          if (style === "mark") {
            decorations = Decoration.set(ranges.map((r) => mark.range(r.from, r.to)), true);
          } else {
            const doc = transaction.state.doc;
            const starts = new Set<number>();
            for (const r of ranges) {
              for (let n = doc.lineAt(r.from).number; n <= doc.lineAt(r.to).number; n++) starts.add(doc.line(n).from);
            }
            decorations = Decoration.set([...starts].map((from) => line.range(from)), true);
          }
        }
      }
      return decorations;
    },
    provide: (f) => EditorView.decorations.from(f),
  });
  return {
    extension: field,
    set(view, ranges, scroll = false) {
      const length = view.state.doc.length;
      const clamped = ranges.map((r) => ({ from: Math.max(0, Math.min(r.from, length)), to: Math.max(0, Math.min(r.to, length)) }));
      const effects: StateEffect<unknown>[] = [setRanges.of(clamped)];
      const first = clamped.find((r) => r.to > r.from);
      if (scroll && first) effects.push(EditorView.scrollIntoView(first.from, { y: "center" }));
      view.dispatch({ effects });
    },
  };
}
