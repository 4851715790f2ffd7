import { startOtlpReceiver } from "@logtrace/testkit";
import { expect, it } from "vitest";
import { exampleDir, fromReceivedSpan, sendTraced, startExample } from "../src/index.js";

const TRACE_KEYS = ["trace_id", "span_id", "trace_flags"];
const occurrences = (line: string, key: string) => line.split(`"${key}":`).length - 1;

it("the app's own NodeSDK tracing.ts with the stock pino instrumentation: each key once, of the server span", async () => {
  const receiver = await startOtlpReceiver();
  try {
    const example = await startExample({
      cwd: exampleDir("node-sdk-pino"),
      entry: "src/app.ts",
      nodeArgs: ["--import", "./src/tracing.ts"],
      env: {
        ...receiver.env,
        OTEL_SERVICE_NAME: "node-sdk-pino",
        // The receiver takes traces only.
        OTEL_LOGS_EXPORTER: "none",
        OTEL_METRICS_EXPORTER: "none",
      },
    });
    let requests: Awaited<ReturnType<typeof sendTraced>>[];
    try {
      requests = [
        await sendTraced(example.url, "/orders/1"),
        await sendTraced(example.url, "/orders/2"),
      ];
    } finally {
      // SIGTERM: the example's tracing.ts shuts the SDK down, which sends the buffered spans.
      await example.stop();
    }
    const spans = receiver.spans().map(fromReceivedSpan);
    const rawLines = example.output().split("\n");

    for (const request of requests) {
      expect(request.status).toBe(200);
      const line = rawLines.find((text) => text.includes(`"path":"${request.path}"`));
      expect(line, `no line for ${request.path} in:\n${example.output()}`).toBeDefined();
      const raw = line as string;
      // Counted in the raw text: JSON.parse would keep only the last of two equal keys.
      for (const key of TRACE_KEYS) expect(occurrences(raw, key), `${key} in ${raw}`).toBe(1);

      const server = spans.filter(
        (span) => span.traceId === request.traceId && span.kind === "SERVER",
      );
      expect(server).toHaveLength(1);
      expect(server[0]?.parentSpanId).toBe(request.parentSpanId);
      expect(JSON.parse(raw)).toMatchObject({
        trace_id: request.traceId,
        span_id: server[0]?.spanId,
        trace_flags: "01",
      });
      // The stock pino instrumentation is active and wrote the fields (its mixin puts them after
      // pino's bindings); @logtrace/pino saw them on the record and left its own out.
      expect(raw.indexOf('"trace_id"')).toBeGreaterThan(raw.indexOf('"hostname"'));
    }
  } finally {
    await receiver.close();
  }
});
