import { createRequire } from "node:module";
import { join } from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { resolveOptionalPeers } from "./optional-peers.js";
import { makeTrees, writePackage } from "./test-trees.testutil.js";

const trees = makeTrees();
afterAll(trees.remove);

describe("optional peers (other exporters, the X-Ray sampler)", () => {
  it("needs none for OTLP over HTTP (our own sender), and loads nothing", () => {
    for (const protocol of ["http/protobuf", "http/json"]) {
      expect(
        resolveOptionalPeers({ OTEL_EXPORTER_OTLP_PROTOCOL: protocol }, trees.dir("app")),
      ).toEqual({ paths: new Map() });
    }
    expect(Object.keys(require.cache).join("\n")).not.toMatch(/exporter-trace-otlp/);
  });

  describe("as a user runs it (pnpm exec and pnpm run set NODE_PATH to pnpm's hoisted store)", () => {
    const nodePath = process.env.NODE_PATH;
    const reset = () => (require("node:module") as { _initPaths(): void })._initPaths();
    beforeEach(() => {
      delete process.env.NODE_PATH;
      reset();
    });
    afterEach(() => {
      if (nodePath !== undefined) process.env.NODE_PATH = nodePath;
      reset();
    });

    it("says which package to install when the protocol or sampler needs one that is not there", () => {
      // As installed from the registry: the optional peers are not beside this package.
      const bare = trees.dir("bootstrap");
      const fromBootstrap = createRequire(join(bare, "noop.js"));
      const app = trees.dir("app");
      expect(
        resolveOptionalPeers({ OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: "grpc" }, app, fromBootstrap),
      ).toEqual({
        missing:
          "OTLP protocol grpc needs @opentelemetry/exporter-trace-otlp-grpc, which is not installed: npm install @opentelemetry/exporter-trace-otlp-grpc",
      });
      expect(
        resolveOptionalPeers(
          { OTEL_TRACES_EXPORTER: "console", OTEL_TRACES_SAMPLER: "xray" },
          app,
          fromBootstrap,
        ),
      ).toEqual({
        missing: expect.stringContaining("npm install @opentelemetry/sampler-aws-xray"),
      });
    });
  });

  it("finds an optional peer installed in the app when this package has none beside it", () => {
    const app = trees.dir("app");
    writePackage(
      join(app, "node_modules/@opentelemetry/sampler-aws-xray"),
      "@opentelemetry/sampler-aws-xray",
      "",
    );
    const result = resolveOptionalPeers({ OTEL_TRACES_SAMPLER: "xray" }, app);
    expect("paths" in result && result.paths.get("@opentelemetry/sampler-aws-xray")).toMatch(
      /sampler-aws-xray/,
    );
    expect(resolveOptionalPeers({ OTEL_TRACES_EXPORTER: "none" }, app)).toEqual({
      paths: new Map(),
    });
  });
});
