import { describe, expect, it } from "vitest";
import winston from "winston";
import winston3_3 from "winston3_3";
import { captureTransport } from "./capture-transport.testutil.js";
import { withTraceContext } from "./with-trace-context.js";

describe("withTraceContext options", () => {
  it("keeps every winston option it does not own", () => {
    const { transport } = captureTransport(winston);
    const levels = { error: 0, info: 1 };
    const given = { level: "error", levels, exitOnError: false, transports: [transport] };
    const options = withTraceContext(given);
    expect(options).toMatchObject({ level: "error", exitOnError: false });
    expect(options.levels).toBe(levels);
    expect(options.transports).toEqual([transport]);
  });

  it("does not mutate the options passed in", () => {
    const format = winston.format.json();
    const defaultMeta = { service: "orders" };
    const given = { format, defaultMeta, level: "info" };
    withTraceContext(given);
    expect(given).toEqual({ format, defaultMeta, level: "info" });
    expect(given.format).toBe(format);
  });

  it("works through logger.configure()", async () => {
    const { transport, captured } = captureTransport(winston);
    const logger = winston.createLogger();
    logger.configure(withTraceContext({ transports: [transport], defaultMeta: { svc: "x" } }));
    logger.info("configured");
    await captured.waitFor(1);
    expect(JSON.parse(captured.lines[0] as string)).toMatchObject({ svc: "x" });
  });

  it("type-checks as createLogger options of the oldest and newest winston tested", () => {
    // Compiled by `tsc` against each release's own typings (and its logform's Format type).
    const oldest = winston3_3.createLogger(withTraceContext({ level: "info" }));
    const newest = winston.createLogger(withTraceContext({ level: "info" }));
    expect(oldest.level).toBe("info");
    expect(newest.level).toBe("info");
  });

  const bad: [string, () => unknown, RegExp][] = [
    ["winston options not an object", () => withTraceContext(5 as never), /winston options object/],
    ["winston options an array", () => withTraceContext([] as never), /winston options object/],
    [
      "format without transform()",
      () => withTraceContext({ format: {} }),
      /format must be a winston format/,
    ],
    [
      "format a function",
      () => withTraceContext({ format: () => ({}) }),
      /format must be a winston format/,
    ],
    [
      "defaultMeta a string",
      () => withTraceContext({ defaultMeta: "svc" }),
      /defaultMeta must be an object \(got string\)/,
    ],
    [
      "defaultMeta an array",
      () => withTraceContext({ defaultMeta: [] }),
      /defaultMeta must be an object \(got an array\)/,
    ],
    [
      "unknown trace option",
      () => withTraceContext({}, { logkeys: {} } as never),
      /unknown option "logkeys"/,
    ],
  ];
  it.each(bad)("rejects %s with one clear TypeError", (_name, call, message) => {
    expect(call).toThrow(TypeError);
    expect(call).toThrow(message);
  });
});
