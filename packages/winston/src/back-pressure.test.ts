import { compileTraceFields } from "@logtrace/core/internal";
import { startTracing, type Tracing } from "@logtrace/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { captureTransport } from "./capture-transport.testutil.js";
import { winstonVersions } from "./winston-versions.testutil.js";
import { withTraceContext } from "./with-trace-context.js";

// A transport that acknowledges each record after 5 ms fills winston's buffer, so its formats run
// later, from the transport's callbacks, in whatever async context those have. Many spans log
// interleaved; every record must still carry the span of its own log call.

const RECORDS = 240;
const ACK_DELAY_MS = 5;

let tracing: Tracing;
beforeAll(() => {
  tracing = startTracing();
});
afterAll(() => tracing.shutdown());

// biome-ignore lint/suspicious/noExplicitAny: any winston 3 module and its options.
async function logFromInterleavedSpans(winston: any, loggerOptions: any) {
  const { transport, captured } = captureTransport(winston, { delayMs: ACK_DELAY_MS });
  const logger = winston.createLogger({ ...loggerOptions, transports: [transport] });
  const expected = await Promise.all(
    Array.from({ length: RECORDS }, (_, i) =>
      tracing.inSpan(async (span) => {
        // Spans start together and log in a shuffled order, several per tick.
        await new Promise((resolve) => setTimeout(resolve, (i * 7) % 11));
        logger.info("work done", { i });
        return span.spanContext();
      }),
    ),
  );
  await captured.waitFor(RECORDS, 20_000);
  const records = captured.lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  const wrong = records.filter((record) => {
    const span = expected[record.i as number];
    return record.trace_id !== span?.traceId || record.span_id !== span?.spanId;
  });
  return { records, wrong: wrong.length };
}

/** The naive approach: a format reading the active span when winston gets round to formatting. */
// biome-ignore lint/suspicious/noExplicitAny: any winston 3 module.
function naiveFormat(winston: any) {
  const reader = compileTraceFields();
  return winston.format.combine(
    winston.format((info: object) => Object.assign(info, reader.fields()))(),
    winston.format.json(),
  );
}

for (const { version, winston } of winstonVersions) {
  describe(`winston ${version} under transport back-pressure`, () => {
    it(`control: a format reading the span late gets wrong trace ids`, async () => {
      const { records, wrong } = await logFromInterleavedSpans(winston, {
        format: naiveFormat(winston),
      });
      expect(records).toHaveLength(RECORDS);
      // Proves the harness reproduces the field problem, so the test below can fail.
      expect(wrong).toBeGreaterThan(RECORDS / 10);
    });

    it(`withTraceContext: ${RECORDS} records, 0 wrong trace ids`, async () => {
      const { records, wrong } = await logFromInterleavedSpans(winston, withTraceContext());
      expect(records).toHaveLength(RECORDS);
      expect(records.every((record) => typeof record.trace_id === "string")).toBe(true);
      expect(wrong).toBe(0);
    });

    it("withTraceContext with the user's own format and defaultMeta: 0 wrong", async () => {
      const { records, wrong } = await logFromInterleavedSpans(
        winston,
        withTraceContext({
          defaultMeta: { service: "orders" },
          format: winston.format.combine(winston.format.timestamp(), winston.format.json()),
        }),
      );
      expect(records).toHaveLength(RECORDS);
      expect(records[0]).toMatchObject({ service: "orders" });
      expect(wrong).toBe(0);
    });
  });
}
