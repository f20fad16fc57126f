// How main is written for each MainShape: a function declaration, an async arrow, or a method
// of a class, of a derived class (with a logging base for `super`) or of an object literal; and
// what each shape may read besides the locals (`this.n`, `super.x`, `arguments.length`).

import type { MainShape } from "./program.js";

/** How each shape of main begins and ends, and what it may read besides the locals. */
export interface ShapeText {
  open: string[];
  close: string[];
  /** `this.n` for methods, `arguments.length` where main has its own `arguments`. */
  readable: string[];
  assignable: string[];
  superAvailable: boolean;
}

export function shapeText(shape: MainShape): ShapeText {
  const params = (defaultValue: string) => `p0: any, p1: any = t("default", ${defaultValue})`;
  const wrapper = (call: string) => ["export function main(p0: any): Promise<any> {", `  return ${call};`, "}"];
  switch (shape) {
    case "function":
      return {
        open: ["/** @coroutine */", `export async function main(${params("p0")}): Promise<any> {`],
        close: ["}"],
        readable: ["arguments.length"],
        assignable: [],
        superAvailable: false,
      };
    case "arrow":
      return {
        open: ["/** @coroutine */", `export const main = async (${params("p0")}): Promise<any> => {`],
        close: ["};"],
        readable: [],
        assignable: [],
        superAvailable: false,
      };
    case "method":
      return {
        open: ["class Host {", "  n: any = 10;", "  /** @coroutine */", `  async main(${params("this.n")}): Promise<any> {`],
        close: ["  }", "}", ...wrapper("new Host().main(p0)")],
        readable: ["this.n", "arguments.length"],
        assignable: ["this.n"],
        superAvailable: false,
      };
    case "staticMethod":
      return {
        open: ["class Host {", "  static n: any = 10;", "  /** @coroutine */", `  static async main(${params("this.n")}): Promise<any> {`],
        close: ["  }", "}", ...wrapper("Host.main(p0)")],
        readable: ["this.n", "arguments.length"],
        assignable: ["this.n"],
        superAvailable: false,
      };
    case "objectMethod":
      return {
        open: ["const host: any = {", "  n: 10,", "  /** @coroutine */", `  async main(${params("this.n")}): Promise<any> {`],
        close: ["  },", "};", ...wrapper("host.main(p0)")],
        readable: ["this.n", "arguments.length"],
        assignable: ["this.n"],
        superAvailable: false,
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
          "  /** @coroutine */",
          `  async main(${params("this.n")}): Promise<any> {`,
        ],
        close: ["  }", "}", ...wrapper("new Host().main(p0)")],
        readable: ["this.n", "super.x", "arguments.length"],
        assignable: ["this.n", "super.x"],
        superAvailable: true,
      };
  }
}
