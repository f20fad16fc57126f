// How main is written for each MainShape: a function declaration, an async arrow, or a method
// of a class, of a derived class (with a logging base for `super`) or of an object literal; and
// what each shape may read besides the locals (`this.n`, `super.x`, `arguments.length`). In a
// sloppy script nothing is exported (printProgram adds `module.exports`), and main's body is sloppy
// code unless a class encloses it.

import type { MainShape } from "./program.js";

/** How each shape of main begins and ends, and what it may read besides the locals. */
export interface ShapeText {
  open: string[];
  close: string[];
  /** `this.n` for methods, `arguments.length` where main has its own `arguments`. */
  readable: string[];
  assignable: string[];
  superAvailable: boolean;
  /** In a sloppy script, main's own body is sloppy code (no class encloses it). */
  sloppyCode: boolean;
}

export function shapeText(shape: MainShape, sloppy = false): ShapeText {
  const params = (defaultValue: string) => `p0: any, p1: any = t("default", ${defaultValue})`;
  const exported = sloppy ? "" : "export ";
  const wrapper = (call: string) => [`${exported}function main(p0: any): Promise<any> {`, `  return ${call};`, "}"];
  // arguments[0] is p0's value: main's parameters are not simple, so arguments never aliases them.
  const sloppyArguments = sloppy ? ["arguments[0]"] : [];
  // A class's private field and method (static in a static main's class), read, written and
  // called by main and the arrows inside it when PrintOptions.privateNames is on.
  const privateMembers = (prefix: string) => [`  ${prefix}#pv: any = 6;`, `  ${prefix}#pm(): any {`, '    log("#pm", this.#pv);', "    return this.#pv;", "  }"];
  const privateReadable = ["this.#pv", "this.#pm()"];
  switch (shape) {
    case "function":
      return {
        // A sloppy script's exec calls main.call(4, 7): `this` is coerced to a Number object.
        open: ["/** @coroutine */", `${exported}async function main(${sloppy ? "this: any, " : ""}${params("p0")}): Promise<any> {`],
        close: ["}"],
        readable: ["arguments.length", ...sloppyArguments, ...(sloppy ? ["(+this)", "(this instanceof Number)"] : [])],
        assignable: [],
        superAvailable: false,
        sloppyCode: sloppy,
      };
    case "arrow":
      return {
        open: ["/** @coroutine */", `${exported}const main = async (${params("p0")}): Promise<any> => {`],
        close: ["};"],
        // The script's own `this`: the sandbox calls the module wrapper plainly.
        readable: sloppy ? ["(this === globalThis)"] : [],
        assignable: [],
        superAvailable: false,
        sloppyCode: sloppy,
      };
    case "method":
      return {
        open: ["class Host {", "  n: any = 10;", ...privateMembers(""), "  /** @coroutine */", `  async main(${params("this.n")}): Promise<any> {`],
        close: ["  }", "}", ...wrapper("new Host().main(p0)")],
        readable: ["this.n", "arguments.length", ...sloppyArguments, ...privateReadable],
        assignable: ["this.n", "this.#pv"],
        superAvailable: false,
        sloppyCode: false,
      };
    case "staticMethod":
      return {
        open: ["class Host {", "  static n: any = 10;", ...privateMembers("static "), "  /** @coroutine */", `  static async main(${params("this.n")}): Promise<any> {`],
        close: ["  }", "}", ...wrapper("Host.main(p0)")],
        readable: ["this.n", "arguments.length", ...sloppyArguments, ...privateReadable],
        assignable: ["this.n", "this.#pv"],
        superAvailable: false,
        sloppyCode: false,
      };
    case "objectMethod":
      return {
        open: ["const host: any = {", "  n: 10,", "  /** @coroutine */", `  async main(${params("this.n")}): Promise<any> {`],
        close: ["  },", "};", ...wrapper("host.main(p0)")],
        readable: ["this.n", "arguments.length", ...sloppyArguments],
        assignable: ["this.n"],
        superAvailable: false,
        sloppyCode: sloppy,
      };
    case "simpleParams":
      // No defaults and no rest: in sloppy code `arguments[i]` and `pI` are one binding, both
      // ways (strict code keeps them apart). The wrapper passes `this` and a second argument on.
      // The `this: any` annotation is not a parameter: it must not join the aliased ones.
      return {
        open: ["/** @coroutine */", "async function aliased(this: any, p0: any, p1: any): Promise<any> {"],
        close: ["}", `${exported}function main(this: any, p0: any): Promise<any> {`, "  return aliased.call(this, p0, 8);", "}"],
        readable: ["arguments.length", "arguments[0]", "arguments[1]", "(+this)"],
        assignable: ["arguments[0]", "arguments[1]"],
        superAvailable: false,
        sloppyCode: sloppy,
      };
    case "derivedMethod":
      // The base's accessor and method log, so every super access shows which receiver it used.
      return {
        open: [
          "class Base {",
          "  n: any = 10;",
          "  get x(): any {",
          '    log("Base.x get", this.n);',
          "    return this.n;",
          "  }",
          "  set x(v: any) {",
          '    log("Base.x set", v);',
          "    this.n = v;",
          "  }",
          "  m(...args: any[]): any {",
          '    log("Base.m", this.n, ...args);',
          "    return this.n + args.length;",
          "  }",
          "}",
          "class Host extends Base {",
          ...privateMembers(""),
          "  /** @coroutine */",
          `  async main(${params("this.n")}): Promise<any> {`,
        ],
        close: ["  }", "}", ...wrapper("new Host().main(p0)")],
        readable: ["this.n", "super.x", "arguments.length", ...sloppyArguments, ...privateReadable],
        assignable: ["this.n", "super.x", "this.#pv"],
        superAvailable: true,
        sloppyCode: false,
      };
  }
}
