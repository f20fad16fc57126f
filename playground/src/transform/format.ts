// Formats lowered output with prettier's standalone build (browser-safe), for reading. The page
// shows prettier's text, so positions are carried over by remap.ts.

import * as prettier from "prettier/standalone";
import * as estreePlugin from "prettier/plugins/estree";
import * as typescriptPlugin from "prettier/plugins/typescript";

export interface Formatted {
  text: string;
  error: string | undefined;
}

/** Formats TypeScript; on a prettier failure returns the text unchanged with the reason. */
export async function formatTypeScript(code: string): Promise<Formatted> {
  try {
    const text = await prettier.format(code, {
      parser: "typescript",
      plugins: [estreePlugin, typescriptPlugin],
      printWidth: 100,
    });
    return { text, error: undefined };
  } catch (error) {
    return { text: code, error: error instanceof Error ? error.message.split("\n")[0] : String(error) };
  }
}
