// The two CodeMirror 6 editors: the TypeScript source (editable) and the lowered output (read-only
// but selectable), each with highlight layers for source-map and state highlighting.

import { javascript } from "@codemirror/lang-javascript";
import { EditorState } from "@codemirror/state";
import { EditorView } from "@codemirror/view";
import { basicSetup } from "./basic-setup.js";
import { createHighlightLayer, type HighlightLayer } from "./highlight-layer.js";

export interface PlaygroundEditors {
  source: EditorView;
  output: EditorView;
  /** Output ranges mapped from the source selection. */
  mapped: HighlightLayer;
  /** The source range a selected output range came from. */
  mappedSource: HighlightLayer;
  /** The current state's code, in each editor. */
  sourceState: HighlightLayer;
  outputState: HighlightLayer;
  setSource(text: string): void;
  setOutput(text: string): void;
}

export interface EditorCallbacks {
  onSourceChange(text: string): void;
  onSourceSelection(from: number, to: number): void;
  onOutputSelection(from: number, to: number): void;
}

const theme = EditorView.theme({
  "&": { height: "100%", fontSize: "13px" },
  ".cm-scroller": { fontFamily: "var(--mono)", lineHeight: "1.55" },
  ".cm-gutters": { backgroundColor: "var(--panel)", borderRight: "1px solid var(--line)", color: "var(--muted)" },
});

export function createEditors(sourceParent: HTMLElement, outputParent: HTMLElement, callbacks: EditorCallbacks): PlaygroundEditors {
  const mapped = createHighlightLayer("cm-sl-mapped");
  const mappedSource = createHighlightLayer("cm-sl-mapped");
  const sourceState = createHighlightLayer("cm-sl-state");
  const outputState = createHighlightLayer("cm-sl-state-line", "line");
  const language = javascript({ typescript: true });

  const source = new EditorView({
    parent: sourceParent,
    state: EditorState.create({
      doc: "",
      extensions: [
        basicSetup(true),
        language,
        theme,
        mappedSource.extension,
        sourceState.extension,
        EditorView.contentAttributes.of({ "aria-label": "TypeScript source", "data-testid": "source-editor" }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) callbacks.onSourceChange(update.state.doc.toString());
          if (update.selectionSet && update.transactions.some((t) => t.isUserEvent("select") || t.isUserEvent("input") || t.isUserEvent("delete"))) {
            const { from, to } = update.state.selection.main;
            callbacks.onSourceSelection(from, to);
          }
        }),
      ],
    }),
  });

  const output = new EditorView({
    parent: outputParent,
    state: EditorState.create({
      doc: "",
      extensions: [
        basicSetup(false),
        language,
        theme,
        EditorState.readOnly.of(true),
        mapped.extension,
        outputState.extension,
        EditorView.contentAttributes.of({ "aria-label": "Lowered output (read-only)", "data-testid": "output-editor" }),
        EditorView.updateListener.of((update) => {
          if (update.selectionSet && update.transactions.some((t) => t.isUserEvent("select"))) {
            const { from, to } = update.state.selection.main;
            callbacks.onOutputSelection(from, to);
          }
        }),
      ],
    }),
  });

  return {
    source,
    output,
    mapped,
    mappedSource,
    sourceState,
    outputState,
    setSource(text) {
      source.dispatch({ changes: { from: 0, to: source.state.doc.length, insert: text } });
    },
    setOutput(text) {
      if (output.state.doc.toString() === text) return;
      output.dispatch({ changes: { from: 0, to: output.state.doc.length, insert: text } });
    },
  };
}
