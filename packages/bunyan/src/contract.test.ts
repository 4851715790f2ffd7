import type { ContractLogger } from "@logtrace/testkit/contract";
import { runAdapterContract } from "@logtrace/testkit/contract";
import { describe, expect, it } from "vitest";
import { bunyanVersions } from "./bunyan-versions.testutil.js";
import { lineSink, recordSink } from "./sinks.testutil.js";
import { withTraceContext } from "./with-trace-context.js";

// biome-ignore lint/suspicious/noExplicitAny: a bunyan logger of any major.
function contractLogger(logger: any): ContractLogger {
  return {
    info: (fields, message) => (fields ? logger.info(fields, message) : logger.info(message)),
    child: (bindings) => contractLogger(logger.child(bindings)),
  };
}

it("tests bunyan 1.8 and 2.x", () => {
  const versions = bunyanVersions.map((entry) => entry.version);
  expect(versions.some((version) => version.startsWith("1.8."))).toBe(true);
  expect(versions.some((version) => version.startsWith("2."))).toBe(true);
});

// Three set-ups that take different paths: the record serialized for a stream, a record object
// given to a raw stream next to a serializing stream (read back after the call), and raw streams
// only (nothing is serialized by bunyan at all).
const setups = {
  "non-raw stream": () => {
    const sink = lineSink();
    return { streams: [{ stream: sink.stream }], lines: () => sink.lines };
  },
  "raw stream beside a non-raw one": () => {
    const sink = recordSink();
    return {
      streams: [{ stream: lineSink().stream }, { type: "raw", stream: sink.stream }],
      lines: () => sink.records.map((record) => JSON.stringify(record)),
    };
  },
  "raw streams only": () => {
    const sink = recordSink();
    return {
      streams: [{ type: "raw", stream: sink.stream }],
      lines: () => sink.records.map((record) => JSON.stringify(record)),
    };
  },
};

for (const { version, bunyan } of bunyanVersions) {
  for (const [setup, makeSetup] of Object.entries(setups)) {
    describe(`bunyan ${version}`, () => {
      let current = makeSetup();
      runAdapterContract({
        name: `bunyan@${version} ${setup}`,
        create: (options) => {
          current = makeSetup();
          return contractLogger(
            bunyan.createLogger(
              withTraceContext({ name: "contract", streams: current.streams }, options),
            ),
          );
        },
        lines: async () => [...current.lines()],
        reset: () => {
          current = makeSetup();
        },
      });
    });
  }
}
