import { fileURLToPath } from "node:url";
import { moduleSystemRuns } from "@logtrace/testkit";
import { describe, expect, it } from "vitest";

const fixtures = fileURLToPath(new URL("./fixtures/", import.meta.url));

describe("@logtrace/winston in a real process", () => {
  it.each(moduleSystemRuns(fixtures))(
    "%s: the line inside a span carries it, the one outside nothing",
    async (_name, run) => {
      const { records, span } = await run();
      expect(records).toHaveLength(2);
      expect(records[0]).toMatchObject({
        message: "inside a span",
        step: 1,
        reqId: 1,
        service: expect.stringMatching(/^e2e-/),
        trace_id: span.traceId,
        span_id: span.spanId,
        trace_flags: "01",
      });
      expect(records[1]).toMatchObject({ message: "outside a span" });
      expect(records[1]).not.toHaveProperty("trace_id");
    },
  );
});
