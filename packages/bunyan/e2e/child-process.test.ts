import { fileURLToPath } from "node:url";
import { moduleSystemRuns } from "@logtrace/testkit";
import { describe, expect, it } from "vitest";

const fixtures = fileURLToPath(new URL("./fixtures/", import.meta.url));
// bunyan's optional native DTrace probes stay out of the bundles, as bunyan's docs advise for
// bundlers (bunyan runs without them).
const runs = moduleSystemRuns(fixtures, { external: ["dtrace-provider"] });

describe("@logtrace/bunyan in a real process (bunyan 2, default stdout stream)", () => {
  it.each(runs)(
    "%s: the line inside a span carries it, the one outside nothing",
    async (_name, run) => {
      const { records, span } = await run();
      expect(records).toHaveLength(2);
      expect(records[0]).toMatchObject({
        msg: "inside a span",
        step: 1,
        reqId: 1,
        name: expect.stringMatching(/^e2e-/),
        trace_id: span.traceId,
        span_id: span.spanId,
        trace_flags: "01",
      });
      expect(records[1]).toMatchObject({ msg: "outside a span" });
      expect(records[1]).not.toHaveProperty("trace_id");
    },
  );
});
