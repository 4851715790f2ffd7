import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import {
  type LogRecord,
  messageOf,
  type SentRequest,
  sendTraced,
  startExample,
} from "@logtrace/examples-harness";
import { SpanKind } from "@opentelemetry/api";
import { describe, expect, it } from "vitest";
import type { SpanLine } from "../src/tracing.ts";

const packageDir = fileURLToPath(new URL("../", import.meta.url));

/** The request's own lines: pino-http binds the request, headers included, to each of them. */
function linesOf(records: LogRecord[], request: SentRequest): LogRecord[] {
  return records.filter((record) => {
    const req = record.req as { headers?: Record<string, string> } | undefined;
    return req?.headers?.["x-request-id"] === request.requestId;
  });
}

function serverSpansOf(records: LogRecord[], request: SentRequest): SpanLine["span"][] {
  return records
    .map((record) => (record as Partial<SpanLine>).span)
    .filter((span) => span?.traceId === request.traceId && span.kind === SpanKind.SERVER)
    .filter((span) => span !== undefined);
}

describe.concurrent.each(["nestjs", "hapi", "koa"])("%s, wired as docs/pino.md shows", (app) => {
  it("writes the server span's trace_id and span_id on each line of a request", async () => {
    const server = await startExample({
      cwd: packageDir,
      entry: `dist/${app}.js`,
      nodeArgs: ["--import", "./dist/tracing.js"],
    });
    try {
      const requests = [
        await sendTraced(server.url, "/orders"),
        await sendTraced(server.url, "/orders"),
      ];
      expect(requests.map((request) => request.status)).toEqual([200, 200]);
      // The response can reach us before the server has written its last line.
      const complete = () =>
        requests.every(
          (request) =>
            linesOf(server.records(), request).length >= 2 &&
            serverSpansOf(server.records(), request).length > 0,
        );
      for (let waited = 0; !complete() && waited < 5_000; waited += 20) await sleep(20);

      for (const request of requests) {
        const spans = serverSpansOf(server.records(), request);
        expect(spans).toHaveLength(1);
        const lines = linesOf(server.records(), request);
        // The handler's line and the framework's own response line.
        expect(lines.length).toBeGreaterThanOrEqual(2);
        expect(lines.map(messageOf)).toContain("listing orders");
        for (const line of lines) {
          expect(line).toMatchObject({
            trace_id: request.traceId,
            span_id: spans[0]?.spanId,
            trace_flags: "01",
          });
        }
      }
    } finally {
      await server.stop();
    }
  });
});
