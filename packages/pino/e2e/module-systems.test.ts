import { fileURLToPath } from "node:url";
import { moduleSystemRuns } from "@logtrace/testkit";
import { describe, expect, it } from "vitest";

const fixtures = fileURLToPath(new URL("./fixtures/", import.meta.url));

describe("@logtrace/pino in a real process", () => {
  it.each(moduleSystemRuns(fixtures))(
    "%s: lines in the span (also after an await, from a child) carry it; the line before none",
    async (_name, run) => {
      const { records, span } = await run();
      expect(records.map((r) => r.msg)).toEqual(["before any span", "inside span", "after await"]);
      expect(records[0]).not.toHaveProperty("trace_id");
      for (const record of records.slice(1)) {
        expect(record).toMatchObject({
          trace_id: span.traceId,
          span_id: span.spanId,
          trace_flags: "01",
        });
      }
      expect(records[2]).toMatchObject({ step: 2 });
    },
  );
});
