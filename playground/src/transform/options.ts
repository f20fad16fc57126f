// Turns the page's options panel into the transformer's options.

import type { Options } from "../../../transformer/src/options.js";
import type { PlaygroundOptions } from "../protocol.js";

/** Transformer options plus pre-emption (design.md §5), which the panel edits. */
export type TransformOptions = Options & {
  preempt?: { calls?: boolean; loops?: boolean; budget?: number };
  fileName?: string;
};

export function toTransformOptions(options: PlaygroundOptions): TransformOptions {
  const result: TransformOptions = { mode: options.mode, fileName: "input.ts" };
  if (options.lowerAll) result.lowerAll = true;
  const { calls, loops, budget } = options.preempt;
  if (calls || loops) {
    result.preempt = { calls, loops };
    if (budget !== undefined) result.preempt.budget = budget;
  }
  return result;
}
