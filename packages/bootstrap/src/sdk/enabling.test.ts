import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { appModules } from "./app-modules.js";
import { instrumentationCatalogue, instrumentationDependencies, ownManifest } from "./catalogue.js";
import { chooseInstrumentations, enableInstrumentations, hookedModules } from "./enabling.js";
import { makeTrees, writeFile, writePackage } from "./test-trees.testutil.js";

const trees = makeTrees();
afterAll(trees.remove);

// A fake app on disk: declares express, pg and the S3 client, has express, S3 and mysql2 (a
// dependency of something) installed, pg missing.
const app = trees.dir("app");
writeFile(
  join(app, "package.json"),
  JSON.stringify({ dependencies: { express: "5", pg: "8", "@aws-sdk/client-s3": "3" } }),
);
for (const name of ["express", "@aws-sdk/client-s3", "mysql2"]) {
  writePackage(join(app, "node_modules", name), name);
}

const lines: string[] = [];
const report = (d: { message: string }) => lines.push(d.message);
const choose = (env: Record<string, string>, settings = {}, dir = app) =>
  chooseInstrumentations(
    env,
    { instrumentations: "installed", loggerInstrumentations: false, ...settings },
    appModules(dir),
    report,
  ).enabled.map(({ name }) => name);

describe("which instrumentations start", () => {
  it("by default: our own instrumentation dependencies whose module the app can load, plus http and undici", () => {
    const ours = instrumentationDependencies(ownManifest());
    expect(ours.length).toBeGreaterThan(15);
    expect(choose({})).toEqual(["aws-sdk", "express", "http", "mysql2", "undici"]);
  });

  it("honours OTEL_NODE_ENABLED_INSTRUMENTATIONS and OTEL_NODE_DISABLED_INSTRUMENTATIONS", () => {
    expect(choose({ OTEL_NODE_ENABLED_INSTRUMENTATIONS: "http,pg" })).toEqual(["http", "pg"]);
    expect(choose({ OTEL_NODE_DISABLED_INSTRUMENTATIONS: "express,undici,mysql2" })).toEqual([
      "aws-sdk",
      "http",
    ]);
    lines.length = 0;
    choose({ OTEL_NODE_ENABLED_INSTRUMENTATIONS: "fs" });
    expect(lines).toEqual([
      expect.stringContaining("not installed (npm install @opentelemetry/instrumentation-fs)"),
    ]);
  });

  it("picks up any other instrumentation package the app installed, the app's copy first", () => {
    const own = trees.dir("own-instrumentations");
    writeFile(join(own, "package.json"), JSON.stringify({ dependencies: { widget: "1" } }));
    writePackage(join(own, "node_modules/widget"), "widget");
    const fake = (name: string) =>
      `exports.${name}Instrumentation = class { constructor() { globalThis.__made = [...(globalThis.__made ?? []), "${name}"]; } disable() {} getModuleDefinitions() { return [{ name: "${name.toLowerCase()}" }]; } };`;
    writePackage(
      join(own, "node_modules/@opentelemetry/instrumentation-widget"),
      "@opentelemetry/instrumentation-widget",
      fake("Widget"),
    );
    writePackage(
      join(own, "node_modules/@opentelemetry/instrumentation-pg"),
      "@opentelemetry/instrumentation-pg",
      fake("Pg"),
    );
    const catalogue = instrumentationCatalogue(appModules(own));
    expect(catalogue.get("widget")?.source).toBe("app");
    expect(catalogue.get("pg")?.source).toBe("app");
    expect(catalogue.get("express")?.source).toBe("bootstrap");

    const chosen = chooseInstrumentations(
      { OTEL_NODE_ENABLED_INSTRUMENTATIONS: "widget,pg,http" },
      { instrumentations: "installed", loggerInstrumentations: false },
      appModules(own),
      report,
    ).enabled;
    expect(choose({}, {}, own)).toEqual(["http", "undici", "widget"]);
    lines.length = 0;
    const instances = enableInstrumentations(chosen, report, "lean");
    try {
      expect(lines).toEqual(["server spans by the preload"]);
      expect((globalThis as { __made?: string[] }).__made).toEqual(["Pg", "Widget"]);
      expect(hookedModules(instances)).toEqual(expect.arrayContaining(["http", "pg", "widget"]));
    } finally {
      for (const instance of instances) instance.disable();
    }
  });

  it("http: its client spans; the preload makes server spans, unless the app's copy is another version", () => {
    lines.length = 0;
    const http = [...instrumentationCatalogue(appModules(app)).values()].filter(
      ({ name }) => name === "http",
    );
    const [instance] = enableInstrumentations(http, report, "full") as unknown as Array<{
      getConfig(): Record<string, unknown>;
      disable(): void;
    }>;
    instance?.disable();
    // e2e/server-spans.test.ts compares the preload's server spans with the stock SDK's.
    expect(instance?.getConfig().disableIncomingRequestInstrumentation).toBe(true);
    expect(lines).toEqual(["server spans by the preload"]);

    const own = trees.dir("own-http");
    writeFile(join(own, "package.json"), JSON.stringify({ dependencies: {} }));
    writePackage(
      join(own, "node_modules/@opentelemetry/instrumentation-http"),
      "@opentelemetry/instrumentation-http",
      "exports.HttpInstrumentation = class { constructor(config) { globalThis.__httpConfig = config; } disable() {} };",
    );
    const theirs = [...instrumentationCatalogue(appModules(own)).values()].filter(
      ({ name }) => name === "http",
    );
    expect(theirs.map(({ source }) => source)).toEqual(["app"]);
    lines.length = 0;
    enableInstrumentations(theirs, report, "lean");
    expect(lines).toEqual([
      expect.stringMatching(
        /^server spans by instrumentation-http: the app's @opentelemetry\/instrumentation-http 1\.0\.0 is not the preload's \d+\.\d+\.\d+$/,
      ),
    ]);
    expect((globalThis as { __httpConfig?: unknown }).__httpConfig).toBeUndefined();
  });

  it("keeps logger instrumentations off unless opted in; 'all' adds the rest but not noisy ones", () => {
    const all = choose({}, { instrumentations: "all" });
    expect(all).toEqual(expect.arrayContaining(["pg", "mongodb", "redis", "graphql"]));
    for (const off of ["pino", "winston", "bunyan", "fs", "dns", "net", "host-metrics"]) {
      expect(all).not.toContain(off);
    }
  });

  it.each(["lean", "full"] as const)(
    "%s: every one of our instrumentation dependencies yields one instrumentation, with the modules it hooks",
    (spans) => {
      lines.length = 0;
      const catalogue = [...instrumentationCatalogue(appModules(app)).values()];
      expect(catalogue.every(({ source }) => source === "bootstrap")).toBe(true);
      const instances = enableInstrumentations(catalogue, report, spans);
      try {
        expect(lines).toEqual(["server spans by the preload"]);
        expect(instances).toHaveLength(catalogue.length);
        expect(hookedModules(instances)).toEqual(
          expect.arrayContaining(["http", "https", "express", "pg", "@nestjs/core"]),
        );
      } finally {
        for (const instance of instances) instance.disable();
      }
    },
  );
});

describe("the span set", () => {
  const express = [...instrumentationCatalogue(appModules(app)).values()].filter(
    ({ name }) => name === "express" || name === "graphql" || name === "http",
  );
  const configs = (spans: "lean" | "full") => {
    const instances = enableInstrumentations(express, report, spans) as unknown as Array<{
      instrumentationName: string;
      getConfig(): Record<string, unknown>;
      disable(): void;
    }>;
    try {
      return Object.fromEntries(
        instances.map((instance) => [instance.instrumentationName, instance.getConfig()]),
      );
    } finally {
      for (const instance of instances) instance.disable();
    }
  };

  it("lean: express without layer spans, graphql without resolver spans, http as it comes", () => {
    const lean = configs("lean");
    expect(lean["@opentelemetry/instrumentation-express"]?.ignoreLayersType).toEqual([
      "middleware",
      "request_handler",
      "router",
    ]);
    expect(lean["@opentelemetry/instrumentation-graphql"]?.ignoreResolveSpans).toBe(true);
    expect(lean["@opentelemetry/instrumentation-http"]).toEqual(
      configs("full")["@opentelemetry/instrumentation-http"],
    );
  });

  it("full: each instrumentation's own defaults", () => {
    const full = configs("full");
    expect(full["@opentelemetry/instrumentation-express"]?.ignoreLayersType).toBeUndefined();
    expect(full["@opentelemetry/instrumentation-graphql"]?.ignoreResolveSpans).toBe(false);
  });
});
