// Keeps the code, the options and the chosen fixture in the URL hash, so a link reproduces a case:
// `#code/<lz-string>&mode=task&lowerAll=1&preempt=calls,loops,budget=100&fixture=await/basic`.

import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from "lz-string";
import { DEFAULT_OPTIONS, type PlaygroundOptions } from "./protocol.js";

export interface UrlState {
  code: string | undefined;
  options: PlaygroundOptions;
  fixture: string | undefined;
}

export function encodeUrlState(code: string, options: PlaygroundOptions, fixture: string | undefined): string {
  const parts = [`code/${compressToEncodedURIComponent(code)}`];
  if (options.mode !== "spec") parts.push(`mode=${options.mode}`);
  if (options.lowerAll) parts.push("lowerAll=1");
  const preempt = [options.preempt.calls && "calls", options.preempt.loops && "loops", options.preempt.budget !== undefined && `budget=${options.preempt.budget}`].filter(Boolean);
  if (preempt.length > 0) parts.push(`preempt=${preempt.join(",")}`);
  if (fixture) parts.push(`fixture=${encodeURIComponent(fixture)}`);
  return `#${parts.join("&")}`;
}

/** Reads the hash; unknown or malformed parts are ignored, missing ones take the defaults. */
export function decodeUrlState(hash: string): UrlState {
  const state: UrlState = { code: undefined, options: structuredClone(DEFAULT_OPTIONS), fixture: undefined };
  for (const part of hash.replace(/^#/, "").split("&")) {
    if (part.startsWith("code/")) {
      state.code = decompressFromEncodedURIComponent(part.slice(5)) ?? undefined;
      continue;
    }
    const equals = part.indexOf("=");
    const key = equals < 0 ? part : part.slice(0, equals);
    const value = equals < 0 ? "" : part.slice(equals + 1);
    if (key === "mode" && (value === "spec" || value === "task")) state.options.mode = value;
    else if (key === "lowerAll") state.options.lowerAll = value === "1";
    else if (key === "fixture") state.fixture = decodeURIComponent(value) || undefined;
    else if (key === "preempt") {
      for (const item of value.split(",")) {
        if (item === "calls") state.options.preempt.calls = true;
        else if (item === "loops") state.options.preempt.loops = true;
        else if (item.startsWith("budget=")) {
          const budget = Number(item.slice(7));
          if (Number.isInteger(budget) && budget > 0) state.options.preempt.budget = budget;
        }
      }
    }
  }
  return state;
}
