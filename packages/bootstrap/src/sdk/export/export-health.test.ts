import type { Diagnostic } from "@logtrace/aws-resource";
import { describe, expect, it } from "vitest";
import { ExportHealth, REPEAT_LINE_MS } from "./export-health.js";

const URL = "http://collector:4318/v1/traces";

function health() {
  const lines: Diagnostic[] = [];
  let now = 0;
  const subject = new ExportHealth(
    URL,
    (d) => lines.push(d),
    () => now,
  );
  return {
    subject,
    lines: () => lines.map((line) => `${line.level}: ${line.message}`),
    advance(ms: number) {
      now += ms;
    },
  };
}

const refused = { kind: "export-failed", error: "connection refused (ECONNREFUSED)" } as const;
const queueFull = { kind: "queue-full" } as const;

describe("what export failures tell the operator", () => {
  it("says nothing while exports work", () => {
    const h = health();
    h.subject.delivered(10);
    h.subject.delivered(10);
    expect(h.lines()).toEqual([]);
    expect(h.subject.deliveredCount).toBe(20);
  });

  it("the first failure is one line naming the endpoint and the error", () => {
    const h = health();
    h.subject.dropped(512, refused);
    expect(h.lines()).toEqual([
      `warn: cannot export spans to ${URL}: connection refused (ECONNREFUSED); 512 spans dropped, said again at most once a minute`,
    ]);
  });

  it("then at most one line a minute, counting the spans dropped since the last", () => {
    const h = health();
    h.subject.dropped(10, refused);
    for (let i = 0; i < 100; i++) {
      h.advance(1000);
      h.subject.dropped(3, i % 2 ? refused : queueFull);
    }
    expect(h.lines()).toHaveLength(2);
    expect(h.lines()[1]).toBe(
      `warn: ${3 * (REPEAT_LINE_MS / 1000)} spans dropped in the last 60 s (connection refused (ECONNREFUSED))`,
    );
    expect(h.subject.droppedCount).toBe(310);
  });

  it("one line when spans are delivered again; the next outage within the minute waits", () => {
    const h = health();
    h.subject.dropped(10, refused);
    h.subject.dropped(5, { kind: "export-failed", error: "HTTP 500" });
    h.subject.delivered(1);
    h.subject.dropped(7, { kind: "export-failed", error: "HTTP 503" });
    h.subject.delivered(1);
    h.advance(REPEAT_LINE_MS);
    h.subject.dropped(2, { kind: "export-failed", error: "HTTP 503" });
    expect(h.lines()).toEqual([
      expect.stringContaining("connection refused (ECONNREFUSED); 10 spans dropped"),
      `warn: spans are exported to ${URL} again (15 spans dropped while they were not)`,
      `warn: cannot export spans to ${URL}: HTTP 503; 9 spans dropped, said again at most once a minute`,
    ]);
  });

  it("a failed export is named even right after a full queue was said", () => {
    const h = health();
    h.subject.dropped(1, queueFull);
    h.subject.dropped(4, refused);
    h.subject.dropped(4, refused);
    expect(h.lines()).toEqual([
      expect.stringContaining("span queue full"),
      expect.stringContaining("connection refused (ECONNREFUSED); 4 spans dropped"),
    ]);
  });

  it("a collector too slow for the load (drops, deliveries, drops…) gets at most a line a minute", () => {
    const h = health();
    for (let second = 0; second < 180; second++) {
      h.subject.dropped(20, queueFull);
      h.subject.delivered(512);
      h.advance(1000);
    }
    expect(h.lines().length).toBeLessThanOrEqual(6);
    expect(h.lines()[0]).toBe(
      "warn: span queue full: the collector does not keep up (OTEL_BSP_MAX_QUEUE_SIZE); 20 spans dropped, said again at most once a minute",
    );
    expect(h.lines()[1]).toMatch(/^warn: spans are exported to .* again \(20 spans dropped/);
    expect(h.lines()[2]).toMatch(/^warn: span queue full.*; 1200 spans dropped/);
  });
});
