import { describe, expect, it } from "vitest";
import { preloadsOf, splitNodeOptions } from "./node-options.js";

describe("NODE_OPTIONS preloads", () => {
  it("splits on spaces, keeping double-quoted parts and escapes together", () => {
    expect(
      splitNodeOptions(' --require "/opt/my agent/register.js"  --max-old-space-size=512 '),
    ).toEqual(["--require", "/opt/my agent/register.js", "--max-old-space-size=512"]);
    expect(splitNodeOptions('--import "a\\"b"')).toEqual(["--import", 'a"b']);
    expect(splitNodeOptions("")).toEqual([]);
  });

  it("finds --require/-r and --import/--loader preloads in every spelling", () => {
    expect(
      preloadsOf(
        "--require /otel-auto-instrumentation/autoinstrumentation.js -r ./a.cjs --require=./b.cjs --import=@x/register --experimental-loader ./hooks.mjs --inspect",
      ),
    ).toEqual({
      require: ["/otel-auto-instrumentation/autoinstrumentation.js", "./a.cjs", "./b.cjs"],
      import: ["@x/register", "./hooks.mjs"],
    });
    expect(preloadsOf(undefined)).toEqual({ require: [], import: [] });
    expect(preloadsOf("--require")).toEqual({ require: [], import: [] });
  });
});
