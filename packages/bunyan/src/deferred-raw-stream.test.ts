import { compileTraceFields } from "@logtrace/core/internal";
import { startTracing, type Tracing } from "@logtrace/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bunyanVersions } from "./bunyan-versions.testutil.js";
import { lineSink } from "./sinks.testutil.js";
import { withTraceContext } from "./with-trace-context.js";

// A raw stream that ships records in batches, later, from a timer (as log shippers do) handles
// each record in an async context unrelated to its log call. Many spans log interleaved; every
// shipped record must carry the span of its own call.

const RECORDS = 240;
const BATCH_DELAY_MS = 5;

let tracing: Tracing;
beforeAll(() => {
  tracing = startTracing();
});
afterAll(() => tracing.shutdown());

/**
 * A raw stream that ships a batch a few ms after its first record: the batch timer runs in the
 * async context of that first record's call, so every other record of the batch is handled in
 * the wrong span. `enrich` runs at that later time.
 */
function batchingStream(enrich: (record: Record<string, unknown>) => void = () => {}) {
  const pending: Record<string, unknown>[] = [];
  const shipped: Record<string, unknown>[] = [];
  let timer: NodeJS.Timeout | undefined;
  const ship = () => {
    timer = undefined;
    for (const record of pending.splice(0)) {
      enrich(record);
      shipped.push(JSON.parse(JSON.stringify(record)));
    }
  };
  return {
    stream: {
      write: (record: Record<string, unknown>) => {
        pending.push(record);
        timer ??= setTimeout(ship, BATCH_DELAY_MS);
      },
    },
    shipped,
    /** Resolves once every record was shipped by the stream's own timer. */
    drained: async () => {
      while (pending.length > 0 || timer !== undefined) {
        await new Promise((resolve) => setTimeout(resolve, BATCH_DELAY_MS));
      }
    },
  };
}

// biome-ignore lint/suspicious/noExplicitAny: a bunyan logger.
async function logFromInterleavedSpans(log: any) {
  return Promise.all(
    Array.from({ length: RECORDS }, (_, i) =>
      tracing.inSpan(async (span) => {
        await new Promise((resolve) => setTimeout(resolve, (i * 7) % 11));
        log.info({ i }, "work done");
        return span.spanContext();
      }),
    ),
  );
}

function countWrong(
  shipped: Record<string, unknown>[],
  expected: { traceId: string; spanId: string }[],
) {
  return shipped.filter((record) => {
    const span = expected[record.i as number];
    return record.trace_id !== span?.traceId || record.span_id !== span?.spanId;
  }).length;
}

for (const { version, bunyan } of bunyanVersions) {
  describe(`bunyan ${version}: a raw stream that ships records later`, () => {
    it("control: fields read when the stream gets round to it carry wrong ids", async () => {
      const reader = compileTraceFields();
      const batching = batchingStream((record) => Object.assign(record, reader.fields()));
      const log = bunyan.createLogger({
        name: "naive",
        streams: [{ type: "raw", stream: batching.stream }],
      });
      const expected = await logFromInterleavedSpans(log);
      await batching.drained();
      expect(batching.shipped).toHaveLength(RECORDS);
      // Proves the harness puts records in the wrong context, so the tests below can fail.
      expect(countWrong(batching.shipped, expected)).toBeGreaterThan(RECORDS / 10);
      // Wrong, not just missing: records shipped with another record's span.
      expect(batching.shipped.filter((r) => typeof r.trace_id === "string").length).toBeGreaterThan(
        RECORDS / 2,
      );
    });

    for (const company of ["alone", "beside a non-raw stream"]) {
      it(`withTraceContext, raw stream ${company}: ${RECORDS} records, 0 wrong`, async () => {
        const batching = batchingStream();
        const streams: object[] = [{ type: "raw", stream: batching.stream }];
        if (company !== "alone") streams.unshift({ stream: lineSink().stream });
        const log = bunyan.createLogger(withTraceContext({ name: "traced", streams }));
        const expected = await logFromInterleavedSpans(log);
        await batching.drained();
        expect(batching.shipped).toHaveLength(RECORDS);
        expect(batching.shipped.every((record) => typeof record.trace_id === "string")).toBe(true);
        expect(countWrong(batching.shipped, expected)).toBe(0);
      });
    }
  });
}
