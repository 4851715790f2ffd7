import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  chooseInstrumentations,
  enableInstrumentations,
  hookedModules,
  instrumentationCatalogue,
} from "./instrumentations.js";

// A fake app on disk: declares express and pg, has only express installed.
const app = mkdtempSync(join(tmpdir(), "logtrace-app-"));
writeFileSync(
  join(app, "package.json"),
  JSON.stringify({ dependencies: { express: "5", pg: "8", "@aws-sdk/client-s3": "3" } }),
);
for (const name of ["express", "@aws-sdk/client-s3", "mysql2"]) {
  mkdirSync(join(app, "node_modules", name), { recursive: true });
  writeFileSync(join(app, "node_modules", name, "package.json"), "{}");
}
afterAll(() => rmSync(app, { recursive: true, force: true }));

const lines: string[] = [];
const report = (d: { message: string }) => lines.push(d.message);
const choose = (env: Record<string, string>, settings = {}) =>
  chooseInstrumentations(
    env,
    { instrumentations: "installed", loggerInstrumentations: false, ...settings },
    app,
    report,
  ).enabled;

describe("which instrumentations start", () => {
  it("comes from the auto-instrumentations package, not a hand-kept list", () => {
    const catalogue = instrumentationCatalogue();
    expect(catalogue.length).toBeGreaterThan(30);
    expect(catalogue).toEqual(expect.arrayContaining(["http", "express", "pg", "pino", "undici"]));
  });

  it("by default: what the app declares AND has installed, plus http and undici", () => {
    // pg is declared but absent; mysql2 is present but not declared (someone else's dependency).
    expect(choose({})).toEqual(["aws-sdk", "express", "http", "undici"]);
  });

  it("honours OTEL_NODE_ENABLED_INSTRUMENTATIONS and OTEL_NODE_DISABLED_INSTRUMENTATIONS", () => {
    expect(choose({ OTEL_NODE_ENABLED_INSTRUMENTATIONS: "http,pg" })).toEqual(["http", "pg"]);
    expect(choose({ OTEL_NODE_DISABLED_INSTRUMENTATIONS: "express,undici" })).toEqual([
      "aws-sdk",
      "http",
    ]);
    lines.length = 0;
    choose({ OTEL_NODE_ENABLED_INSTRUMENTATIONS: "htp" });
    expect(lines).toEqual([expect.stringContaining('"htp"')]);
  });

  it("keeps logger instrumentations off unless opted in; 'all' adds the rest but not noisy ones", () => {
    const all = choose({}, { instrumentations: "all" });
    expect(all).toEqual(expect.arrayContaining(["pg", "mongodb", "redis", "graphql"]));
    for (const off of ["pino", "winston", "bunyan", "fs", "dns", "net", "host-metrics"]) {
      expect(all).not.toContain(off);
    }
    expect(choose({}, { loggerInstrumentations: true })).toEqual(
      expect.arrayContaining(["pino", "winston", "bunyan"]),
    );
  });

  it("every catalogue package yields one instrumentation, with the modules it hooks", () => {
    lines.length = 0;
    const catalogue = instrumentationCatalogue();
    const instances = enableInstrumentations(catalogue, report);
    try {
      expect(lines).toEqual([]);
      expect(instances).toHaveLength(catalogue.length);
      expect(hookedModules(instances)).toEqual(
        expect.arrayContaining(["http", "https", "express"]),
      );
    } finally {
      for (const instance of instances) instance.disable();
    }
  });
});
