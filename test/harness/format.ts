// Deterministic text for the values an exec run logs, returns or throws: util.inspect with the
// stack frames of every error left out, since native and lowered code legitimately throw from
// different lines.

import * as util from "node:util";

const inspectOptions: util.InspectOptions = {
  depth: 6,
  breakLength: Infinity,
  compact: true,
  sorted: false,
  getters: false,
  customInspect: false,
  maxArrayLength: 200,
  maxStringLength: 2000,
};

/** `    at f (file:1:2)` frames and Node's `... 3 lines matching cause stack trace ...` notes. */
const frameLine = /^[ \t]*(at |\.\.\. \d+ lines? matching )/;

function stripFrames(stack: string): string {
  return stack
    .split("\n")
    .filter((line) => !frameLine.test(line))
    .join("\n");
}

/**
 * Calls `print` while every error reachable from `value` through data properties, Map and Set
 * entries has its `stack` cut down to the header, then puts each stack back. Only data
 * properties are read and proxies are skipped, so no user code runs.
 */
function withFramesHidden(value: unknown, print: () => string): string {
  const restores: (() => void)[] = [];
  const seen = new Set<object>();
  const visit = (v: unknown, depth: number): void => {
    if ((typeof v !== "object" && typeof v !== "function") || v === null) return;
    if (seen.has(v) || depth > inspectOptions.depth! + 1 || util.types.isProxy(v)) return;
    seen.add(v);
    if (isErrorLike(v)) {
      const stack = Object.getOwnPropertyDescriptor(v, "stack");
      if (stack !== undefined && "value" in stack && typeof stack.value === "string" && stack.configurable === true) {
        Object.defineProperty(v, "stack", { ...stack, value: stripFrames(stack.value) });
        restores.push(() => Object.defineProperty(v, "stack", stack));
      }
    }
    if (v instanceof Map || util.types.isMap(v)) {
      for (const [key, entry] of v as Map<unknown, unknown>) {
        visit(key, depth + 1);
        visit(entry, depth + 1);
      }
    } else if (v instanceof Set || util.types.isSet(v)) {
      for (const entry of v as Set<unknown>) visit(entry, depth + 1);
    }
    for (const key of Reflect.ownKeys(v)) {
      const property = Object.getOwnPropertyDescriptor(v, key);
      if (property !== undefined && "value" in property) visit(property.value, depth + 1);
    }
  };
  visit(value, 0);
  try {
    return print();
  } finally {
    for (const restore of restores.reverse()) restore();
  }
}

/** One value as util.inspect prints it, with errors shown without their stack frames. */
export function formatValue(value: unknown): string {
  // The frame filter on the output is a fallback for errors whose stack could not be replaced.
  const printed = withFramesHidden(value, () => util.inspect(value, inspectOptions));
  return printed.includes("\n") ? stripFrames(printed) : printed;
}

/** True for native errors from any realm (the sandbox has its own `Error`). */
export function isErrorLike(value: unknown): value is Error {
  return util.types.isNativeError(value) || value instanceof Error;
}

/** How a thrown value appears in the log: `Name: message` for errors, inspected otherwise. */
export function formatThrown(value: unknown): string {
  if (isErrorLike(value) && !util.types.isProxy(value)) {
    const name = Object.getOwnPropertyDescriptor(value, "name") ?? findInherited(value, "name");
    const message = Object.getOwnPropertyDescriptor(value, "message") ?? findInherited(value, "message");
    if (name !== undefined && "value" in name && message !== undefined && "value" in message) {
      return `${String(name.value)}: ${String(message.value)}`;
    }
  }
  return formatValue(value);
}

/** A data property found on the prototype chain, read without running getters. */
function findInherited(value: object, key: string): PropertyDescriptor | undefined {
  for (let o: object | null = value; o !== null; o = Object.getPrototypeOf(o) as object | null) {
    const property = Object.getOwnPropertyDescriptor(o, key);
    if (property !== undefined) return property;
  }
  return undefined;
}
