import type { ContractLogger } from "@logtrace/testkit/contract";
import { runAdapterContract } from "@logtrace/testkit/contract";
import { describe, expect, it } from "vitest";
import { pinoMajors } from "./pino-majors.testutil.js";
import { traceMixin } from "./trace-mixin.js";
import { withTraceContext } from "./with-trace-context.js";

// biome-ignore lint/suspicious/noExplicitAny: a pino logger of any major.
function contractLogger(logger: any): ContractLogger {
  return {
    info: (fields, message) => (fields ? logger.info(fields, message) : logger.info(message)),
    child: (bindings) => contractLogger(logger.child(bindings)),
  };
}

it("tests at least pino 7, 8, 9 and 10", () => {
  expect(pinoMajors.map((entry) => entry.major)).toEqual(expect.arrayContaining([7, 8, 9, 10]));
});

for (const { version, major, pino } of pinoMajors) {
  const ways = {
    withTraceContext: (options?: object) => withTraceContext({}, options),
    // The same options after a first line was written elsewhere: the steady state, in which
    // pino versions that run hooks.streamWrite use the pre-serialized path.
    "withTraceContext, warmed up": (options?: object) => {
      const shared = withTraceContext({}, options);
      pino(shared, { write: () => {} }).info("warm-up");
      return shared;
    },
    traceMixin: (options?: object) => ({ mixin: traceMixin(options) }),
  };
  for (const [way, toOptions] of Object.entries(ways)) {
    describe(`pino ${version}`, () => {
      const written: string[] = [];
      runAdapterContract({
        name: `pino@${version} ${way}`,
        create: (options) =>
          contractLogger(pino(toOptions(options), { write: (line: string) => written.push(line) })),
        lines: async () => written.join("").split("\n").filter(Boolean),
        reset: () => {
          written.length = 0;
        },
        // pino 7 calls a mixin without the logger, so a bare mixin cannot see child bindings.
        unsupported:
          way === "traceMixin" && major < 8
            ? { "child binding wins": "pino 7 does not pass the logger to mixin" }
            : {},
      });
    });
  }
}
