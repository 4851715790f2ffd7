import type { Diagnostic } from "@logtrace/aws-resource";
import { describe, expect, it } from "vitest";
import { ExportHealth, REPEAT_LINE_MS } from "./export-health.js";

function health() {
  const lines: Diagnostic[] = [];
  let now = 0;
  const subject = new ExportHealth(
    "http://collector:4318/v1/traces",
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

describe("what export failures tell the operator", () => {
  it("says nothing while exports work", () => {
    const h = health();
    h.subject.delivered(1);
    h.subject.delivered(1);
    expect(h.lines()).toEqual([]);
  });

  it("the first failure is one line naming the endpoint and the error", () => {
    const h = health();
    h.subject.dropped(512, refused);
    expect(h.lines()).toEqual([
      "warn: cannot export spans to http://collector:4318/v1/traces: connection refused (ECONNREFUSED); 512 spans dropped, said again at most once a minute",
    ]);
  });

  it("then at most one line a minute, counting the spans dropped since the last", () => {
    const h = health();
    h.subject.dropped(10, refused);
    for (let i = 0; i < 100; i++) {
      h.advance(1000);
      h.subject.dropped(3, i % 2 ? refused : { kind: "queue-full" });
    }
    expect(h.lines()).toHaveLength(2);
    expect(h.lines()[1]).toBe(
      `warn: ${3 * (REPEAT_LINE_MS / 1000)} spans dropped in the last 60 s (connection refused (ECONNREFUSED))`,
    );
  });

  it("one line when spans are delivered again, with the total dropped; the next outage is said again", () => {
    const h = health();
    h.subject.dropped(10, refused);
    h.advance(1000);
    h.subject.dropped(5, { kind: "export-failed", error: "HTTP 500" });
    h.subject.delivered(1);
    h.subject.delivered(1);
    h.subject.dropped(7, { kind: "export-failed", error: "HTTP 503" });
    expect(h.lines()).toEqual([
      expect.stringContaining("connection refused"),
      "warn: spans are exported to http://collector:4318/v1/traces again (15 spans dropped while they were not)",
      expect.stringContaining("HTTP 503; 7 spans dropped"),
    ]);
  });

  it("a failed export is named even after a full queue was said", () => {
    const h = health();
    h.subject.dropped(1, { kind: "queue-full" });
    h.subject.dropped(4, refused);
    h.subject.dropped(4, refused);
    expect(h.lines()).toEqual([
      expect.stringContaining("span queue full"),
      expect.stringContaining("connection refused (ECONNREFUSED); 4 spans dropped"),
    ]);
  });

  it("a full queue with a collector that answers is said once, as such", () => {
    const h = health();
    h.subject.dropped(1, { kind: "queue-full" });
    h.subject.dropped(1, { kind: "queue-full" });
    expect(h.lines()).toEqual([
      "warn: span queue full: the collector does not keep up (OTEL_BSP_MAX_QUEUE_SIZE); 1 span dropped, said again at most once a minute",
    ]);
  });
});
