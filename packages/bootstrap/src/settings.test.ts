import { describe, expect, it } from "vitest";
import { DEFAULT_SHUTDOWN_TIMEOUT_MS, readSettings } from "./settings.js";

describe("the bound of the last flush at exit", () => {
  it.each([
    [{}, DEFAULT_SHUTDOWN_TIMEOUT_MS],
    [{ LOGTRACE_SHUTDOWN_TIMEOUT_MS: "500" }, 500],
    [{ LOGTRACE_SHUTDOWN_TIMEOUT_MS: "5000" }, 5000],
    [{ OTEL_EXPORTER_OTLP_TIMEOUT: "800" }, 800],
    [{ OTEL_EXPORTER_OTLP_TIMEOUT: "9000" }, DEFAULT_SHUTDOWN_TIMEOUT_MS],
    [{ OTEL_EXPORTER_OTLP_TRACES_TIMEOUT: "300", OTEL_EXPORTER_OTLP_TIMEOUT: "100" }, 300],
    [{ LOGTRACE_SHUTDOWN_TIMEOUT_MS: "5000", OTEL_EXPORTER_OTLP_TIMEOUT: "3000" }, 3000],
  ])("%j: %i ms, never longer than the export timeout set", (env, expected) => {
    expect(readSettings(env).shutdownTimeoutMs).toBe(expected);
  });

  it("a value that is not a number of ms is one line, and the default", () => {
    const settings = readSettings({ LOGTRACE_SHUTDOWN_TIMEOUT_MS: "2s" });
    expect(settings.shutdownTimeoutMs).toBe(DEFAULT_SHUTDOWN_TIMEOUT_MS);
    expect(settings.problems).toEqual([
      'LOGTRACE_SHUTDOWN_TIMEOUT_MS="2s" is not a number of ms; using 2000',
    ]);
  });
});

describe("LOGTRACE_SPANS", () => {
  it.each([
    [{}, "lean"],
    [{ LOGTRACE_SPANS: "full" }, "full"],
    [{ LOGTRACE_SPANS: "FULL" }, "full"],
    [{ LOGTRACE_SPANS: "lean" }, "lean"],
  ])("%j: %s", (env, expected) => {
    const settings = readSettings(env);
    expect(settings.spans).toBe(expected);
    expect(settings.problems).toEqual([]);
  });

  it("another value is one line, and lean", () => {
    const settings = readSettings({ LOGTRACE_SPANS: "all" });
    expect(settings.spans).toBe("lean");
    expect(settings.problems).toEqual(['LOGTRACE_SPANS="all" is not lean|full; using lean']);
  });
});
