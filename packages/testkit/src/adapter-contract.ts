import { context, ROOT_CONTEXT, trace } from "@opentelemetry/api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { globalCorruptions, throwingSpan, withCorruptedGlobal } from "./hostile-globals.js";
import { countKey } from "./log-capture.js";
import { startTracing, type Tracing } from "./tracing.js";

/** Adapter options, as every @logtrace adapter takes them (mirrors @logtrace/core). */
export interface ContractOptions {
  logKeys?: { traceId?: string; spanId?: string; traceFlags?: string };
  xrayTraceId?: boolean | string;
}

/** One logger under test, writing JSON lines somewhere the harness can read back. */
export interface ContractLogger {
  /** Logs `message` at info level with optional merge fields, the logger's idiomatic way. */
  info(fields: Record<string, unknown> | undefined, message: string): void;
  /** A child logger with bindings, the logger's idiomatic way. */
  child(bindings: Record<string, unknown>): ContractLogger;
}

/** How the shared contract drives one adapter (one per logger and major version). */
export interface AdapterHarness {
  /** e.g. "pino@10 withTraceContext". */
  readonly name: string;
  /** A logger configured through the adapter with these options. */
  create(options?: ContractOptions): ContractLogger;
  /** Everything written so far, as raw lines (waits for asynchronous transports). */
  lines(): Promise<string[]>;
  /** Forget what was written. */
  reset(): void;
  /**
   * Contract cases this harness documents as not supported, by case id, with the reason
   * (shown as a skipped test, so the gap stays visible).
   */
  unsupported?: Partial<Record<ContractCase, string>>;
}

/** Ids of the contract's cases. */
export type ContractCase =
  | "no span"
  | "invalid span"
  | "sampled"
  | "unsampled"
  | "concurrent spans"
  | "custom keys"
  | "xray default key"
  | "explicit field wins"
  | "explicit field without span"
  | "child logger"
  | "child binding wins"
  | "corrupted global"
  | "invalid options";

async function records(harness: AdapterHarness) {
  const lines = await harness.lines();
  return { lines, records: lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

const HEX32 = /^[0-9a-f]{32}$/;

/**
 * The behaviour every adapter promises, as one table. Call it inside a test file once per
 * harness; it registers a real SDK tracer provider and context manager for that file.
 */
export function runAdapterContract(harness: AdapterHarness): void {
  describe(`adapter contract: ${harness.name}`, () => {
    let tracing: Tracing;
    beforeAll(() => {
      tracing = startTracing();
    });
    afterAll(() => tracing.shutdown());

    const contract = (id: ContractCase, title: string, body: () => unknown) => {
      const reason = harness.unsupported?.[id];
      if (reason) it.skip(`${title} (unsupported: ${reason})`, () => {});
      else it(title, body as () => Promise<void>);
    };

    const fresh = (options?: ContractOptions) => {
      harness.reset();
      return harness.create(options);
    };

    contract("no span", "adds no trace fields outside a span", async () => {
      fresh().info(undefined, "no span");
      const {
        records: [record],
      } = await records(harness);
      expect(record?.msg ?? record?.message).toBe("no span");
      expect(record).not.toHaveProperty("trace_id");
      expect(record).not.toHaveProperty("span_id");
      expect(record).not.toHaveProperty("trace_flags");
    });

    contract("invalid span", "adds no trace fields for an invalid span context", async () => {
      const log = fresh();
      const invalid = trace.wrapSpanContext({
        traceId: "0".repeat(32),
        spanId: "0".repeat(16),
        traceFlags: 1,
      });
      context.with(trace.setSpan(ROOT_CONTEXT, invalid), () => log.info(undefined, "invalid"));
      const {
        records: [record],
      } = await records(harness);
      expect(record).toBeDefined();
      expect(record).not.toHaveProperty("trace_id");
    });

    contract("sampled", "writes the active sampled span's ids with trace_flags 01", async () => {
      const log = fresh();
      const ids = tracing.inSpan((span) => {
        log.info({ step: 1 }, "sampled");
        return span.spanContext();
      });
      const {
        records: [record],
      } = await records(harness);
      expect(record).toMatchObject({
        trace_id: ids.traceId,
        span_id: ids.spanId,
        trace_flags: "01",
        step: 1,
      });
    });

    contract("unsampled", "writes trace_flags 00 for an unsampled span", async () => {
      const log = fresh();
      const ids = tracing.inSpan(
        (span) => {
          log.info(undefined, "unsampled");
          return span.spanContext();
        },
        { sampled: false },
      );
      const {
        records: [record],
      } = await records(harness);
      expect(record).toMatchObject({ trace_id: ids.traceId, trace_flags: "00" });
    });

    contract("concurrent spans", "each line carries the span active at its own call", async () => {
      const log = fresh();
      const expected = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          tracing.inSpan(async (span) => {
            await new Promise((resolve) => setTimeout(resolve, (i * 3) % 7));
            log.info({ i }, "concurrent");
            return span.spanContext().spanId;
          }),
        ),
      );
      const { records: written } = await records(harness);
      expect(written).toHaveLength(10);
      for (const record of written) expect(record.span_id).toBe(expected[record.i as number]);
    });

    contract("custom keys", "uses custom keys and adds the X-Ray form when asked", async () => {
      const log = fresh({
        logKeys: { traceId: "traceId", spanId: "spanId", traceFlags: "traceFlags" },
        xrayTraceId: "xray",
      });
      const traceId = tracing.inSpan((span) => {
        log.info(undefined, "custom");
        return span.spanContext().traceId;
      });
      const {
        records: [record],
      } = await records(harness);
      expect(record).toMatchObject({
        traceId,
        traceFlags: "01",
        xray: `1-${traceId.slice(0, 8)}-${traceId.slice(8)}`,
      });
      expect(record).not.toHaveProperty("trace_id");
      expect(record?.traceId).toMatch(HEX32);
    });

    contract(
      "xray default key",
      "adds the X-Ray form under xray_trace_id for xrayTraceId: true",
      async () => {
        const log = fresh({ xrayTraceId: true });
        tracing.inSpan(() => log.info(undefined, "xray"));
        const {
          records: [record],
        } = await records(harness);
        expect(record?.xray_trace_id).toMatch(/^1-[0-9a-f]{8}-[0-9a-f]{24}$/);
      },
    );

    contract(
      "explicit field wins",
      "lets a field passed in the call win, never writing a key twice",
      async () => {
        const log = fresh();
        tracing.inSpan(() => log.info({ trace_id: "from-caller" }, "explicit"));
        const {
          lines,
          records: [record],
        } = await records(harness);
        expect(record?.trace_id).toBe("from-caller");
        expect(record?.span_id).toMatch(/^[0-9a-f]{16}$/);
        expect(countKey(lines[0] as string, "trace_id")).toBe(1);
        expect(countKey(lines[0] as string, "span_id")).toBe(1);
      },
    );

    contract(
      "explicit field without span",
      "keeps a trace key passed in the call outside a span, adding none of its own",
      async () => {
        fresh().info({ trace_id: "from-caller", step: 1 }, "explicit, no span");
        const {
          lines,
          records: [record],
        } = await records(harness);
        expect(record).toMatchObject({ trace_id: "from-caller", step: 1 });
        expect(record).not.toHaveProperty("span_id");
        expect(record).not.toHaveProperty("trace_flags");
        expect(countKey(lines[0] as string, "trace_id")).toBe(1);
      },
    );

    contract(
      "child logger",
      "child loggers carry trace fields and their own bindings",
      async () => {
        const log = fresh().child({ component: "db" });
        const ids = tracing.inSpan((span) => {
          log.info(undefined, "child");
          log.child({ depth: 2 }).info(undefined, "grandchild");
          return span.spanContext();
        });
        const { records: written } = await records(harness);
        expect(written).toHaveLength(2);
        for (const record of written) {
          expect(record).toMatchObject({
            component: "db",
            trace_id: ids.traceId,
            span_id: ids.spanId,
          });
        }
        expect(written[1]).toMatchObject({ depth: 2 });
      },
    );

    contract(
      "child binding wins",
      "lets a child's binding of a trace key win, never writing it twice",
      async () => {
        const log = fresh().child({ trace_id: "bound-by-child" });
        tracing.inSpan(() => log.info(undefined, "bound"));
        const {
          lines,
          records: [record],
        } = await records(harness);
        expect(record?.trace_id).toBe("bound-by-child");
        expect(countKey(lines[0] as string, "trace_id")).toBe(1);
        expect(record?.span_id).toMatch(/^[0-9a-f]{16}$/);
      },
    );

    contract(
      "corrupted global",
      "still writes every line, root and child, whatever state the OpenTelemetry global is in",
      async () => {
        const log = fresh();
        const child = log.child({ component: "c" });
        for (const corruption of globalCorruptions) {
          withCorruptedGlobal(corruption, () => {
            expect(() => log.info(undefined, corruption.name)).not.toThrow();
            expect(() => child.info(undefined, `${corruption.name} (child)`)).not.toThrow();
          });
        }
        context.with(trace.setSpan(ROOT_CONTEXT, throwingSpan as never), () => {
          expect(() => log.info(undefined, "span whose spanContext() throws")).not.toThrow();
        });
        const { records: written } = await records(harness);
        expect(written.map((record) => record.msg ?? record.message)).toEqual([
          ...globalCorruptions.flatMap((c) => [c.name, `${c.name} (child)`]),
          "span whose spanContext() throws",
        ]);
        for (const record of written) expect(record).not.toHaveProperty("trace_id");
      },
    );

    contract(
      "invalid options",
      "rejects invalid options when the logger is configured, not at log time",
      () => {
        expect(() => harness.create({ logKeys: { traceId: "" } })).toThrow(/logKeys.traceId/);
      },
    );
  });
}
