// The editor's base extensions, assembled from @codemirror/* (the installed `codemirror` package
// is the CodeMirror 5 line, so its v6 `basicSetup` is not available): gutters, history, brackets,
// highlighting and the standard keymaps.

import { autocompletion, closeBrackets, closeBracketsKeymap, completionKeymap } from "@codemirror/autocomplete";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { bracketMatching, defaultHighlightStyle, foldGutter, foldKeymap, indentOnInput, syntaxHighlighting } from "@codemirror/language";
import type { Extension } from "@codemirror/state";
import { drawSelection, highlightActiveLine, highlightActiveLineGutter, highlightSpecialChars, keymap, lineNumbers } from "@codemirror/view";

/** Extensions for both editors; `editable` adds typing aids only the source editor needs. */
export function basicSetup(editable: boolean): Extension[] {
  const common: Extension[] = [
    lineNumbers(),
    foldGutter(),
    highlightSpecialChars(),
    drawSelection(),
    syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
    bracketMatching(),
    highlightActiveLineGutter(),
    keymap.of([...defaultKeymap, ...foldKeymap]),
  ];
  if (!editable) return common;
  return [
    ...common,
    history(),
    indentOnInput(),
    closeBrackets(),
    autocompletion(),
    highlightActiveLine(),
    keymap.of([...closeBracketsKeymap, ...historyKeymap, ...completionKeymap, indentWithTab]),
  ];
}
