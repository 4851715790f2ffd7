import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_EXPORT_TIMEOUT_MS, otlpTarget } from "./otlp-target.js";

describe("the OTLP/HTTP target, from the exporters' variables", () => {
  it("uses the traces endpoint as is, else the base endpoint + /v1/traces, with headers", () => {
    expect(otlpTarget({}, "http/protobuf")).toEqual({
      url: "http://localhost:4318/v1/traces",
      headers: { "content-type": "application/x-protobuf" },
      timeoutMs: DEFAULT_EXPORT_TIMEOUT_MS,
      gzip: false,
      tls: {},
      problems: [],
    });
    const target = otlpTarget(
      {
        OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318/",
        OTEL_EXPORTER_OTLP_HEADERS: "Authorization=Bearer%20x,bad",
        OTEL_EXPORTER_OTLP_TRACES_HEADERS: "authorization=Basic%20y",
      },
      "http/json",
    );
    expect(target.url).toBe("http://collector:4318/v1/traces");
    expect(target.headers).toEqual({
      "content-type": "application/json",
      authorization: "Basic y",
    });
    expect(otlpTarget({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: "http://c/t" }, "http/json").url).toBe(
      "http://c/t",
    );
  });

  it("timeout and compression: the traces variable wins over the general one", () => {
    const target = otlpTarget(
      {
        OTEL_EXPORTER_OTLP_TIMEOUT: "3000",
        OTEL_EXPORTER_OTLP_TRACES_TIMEOUT: "700",
        OTEL_EXPORTER_OTLP_COMPRESSION: "none",
        OTEL_EXPORTER_OTLP_TRACES_COMPRESSION: "gzip",
      },
      "http/protobuf",
    );
    expect(target.timeoutMs).toBe(700);
    expect(target.gzip).toBe(true);
  });

  it("reads the TLS files it is given; one it cannot read is one line", () => {
    const dir = mkdtempSync(join(tmpdir(), "otlp-target-"));
    writeFileSync(join(dir, "ca.pem"), "CA");
    const target = otlpTarget(
      {
        OTEL_EXPORTER_OTLP_CERTIFICATE: join(dir, "ca.pem"),
        OTEL_EXPORTER_OTLP_CLIENT_KEY: join(dir, "missing.pem"),
      },
      "http/protobuf",
    );
    expect(target.tls.ca?.toString()).toBe("CA");
    expect(target.tls.key).toBeUndefined();
    expect(target.problems).toEqual([
      expect.stringMatching(/^OTEL_EXPORTER_OTLP_CLIENT_KEY: ENOENT/),
    ]);
  });
});
