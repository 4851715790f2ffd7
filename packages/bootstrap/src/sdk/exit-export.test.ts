import type { ReadableSpan } from "@opentelemetry/sdk-trace";
import { describe, expect, it } from "vitest";
import { otlpHttpTarget } from "./exit-export.js";
import { UnexportedSpans } from "./unexported-spans.js";

describe("the exit path's OTLP target", () => {
  it("uses the traces endpoint as is, else the base endpoint + /v1/traces, with headers", () => {
    expect(otlpHttpTarget({}, "http/protobuf")).toEqual({
      url: "http://localhost:4318/v1/traces",
      headers: { "content-type": "application/x-protobuf" },
    });
    expect(
      otlpHttpTarget(
        {
          OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318/",
          OTEL_EXPORTER_OTLP_HEADERS: "Authorization=Bearer%20x,bad",
          OTEL_EXPORTER_OTLP_TRACES_HEADERS: "authorization=Basic%20y",
        },
        "http/json",
      ),
    ).toEqual({
      url: "http://collector:4318/v1/traces",
      headers: { "content-type": "application/json", authorization: "Basic y" },
    });
    expect(
      otlpHttpTarget({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: "http://c/t" }, "http/json").url,
    ).toBe("http://c/t");
  });
});

describe("UnexportedSpans", () => {
  it("forgets delivered spans and the oldest beyond capacity", () => {
    const spans = ["a", "b", "c"].map((name) => ({ name }) as unknown as ReadableSpan);
    const unexported = new UnexportedSpans(2);
    for (const span of spans) unexported.add(span);
    unexported.exported(spans.slice(2));
    expect(unexported.drain()).toEqual([spans[1]]);
    expect(unexported.drain()).toEqual([]);
  });
});
