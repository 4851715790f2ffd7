import type { ContractLogger } from "@logtrace/testkit/contract";
import { runAdapterContract } from "@logtrace/testkit/contract";
import { describe, expect, it } from "vitest";
import { captureTransport } from "./capture-transport.testutil.js";
import { winstonVersions } from "./winston-versions.testutil.js";
import { withTraceContext } from "./with-trace-context.js";

// The two idiomatic ways of passing fields in winston take different paths inside it: a meta
// argument is merged into a new object, an info object is logged (and mutated) as given.
const callShapes = {
  "info(message, meta)": (logger: Logger, fields: object | undefined, message: string) =>
    fields ? logger.info(message, fields) : logger.info(message),
  "info({ message, ...meta })": (logger: Logger, fields: object | undefined, message: string) =>
    logger.info({ message, ...fields }),
};

// biome-ignore lint/suspicious/noExplicitAny: a winston logger of any 3.x release.
type Logger = any;

function contractLogger(logger: Logger, call: (typeof callShapes)[keyof typeof callShapes]) {
  const wrapped: ContractLogger = {
    info: (fields, message) => call(logger, fields, message),
    child: (bindings) => contractLogger(logger.child(bindings), call),
  };
  return wrapped;
}

it("tests at least winston 3.3 and the newest 3.x", () => {
  const versions = winstonVersions.map((entry) => entry.version);
  expect(versions.some((version) => version.startsWith("3.3."))).toBe(true);
  expect(versions.some((version) => Number(version.split(".")[1]) >= 19)).toBe(true);
});

for (const { version, winston } of winstonVersions) {
  for (const [shape, call] of Object.entries(callShapes)) {
    describe(`winston ${version}`, () => {
      // One transport per logger (a transport piped into many loggers leaks listeners).
      let written: string[] = [];
      runAdapterContract({
        name: `winston@${version} ${shape}`,
        create: (options) => {
          const { transport, captured } = captureTransport(winston);
          written = captured.lines;
          return contractLogger(
            winston.createLogger(withTraceContext({ transports: [transport] }, options)),
            call,
          );
        },
        lines: async () => {
          await new Promise((resolve) => setImmediate(resolve));
          return [...written];
        },
        reset: () => {
          written.length = 0;
        },
      });
    });
  }
}
