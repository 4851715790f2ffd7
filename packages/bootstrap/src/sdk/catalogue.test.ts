import { realpathSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { appModules } from "./app-modules.js";
import { instrumentationCatalogue } from "./catalogue.js";
import { chooseInstrumentations, enableInstrumentations } from "./enabling.js";
import { link, makeTrees, writeFile, writePackage } from "./test-trees.testutil.js";

const trees = makeTrees();
afterAll(trees.remove);

// The real auto-instrumentations-node (a devDependency here), linked into an app as npm or
// pnpm would put it.
const AUTO = realpathSync(
  join(
    dirname(fileURLToPath(import.meta.url)),
    "../../node_modules/@opentelemetry/auto-instrumentations-node",
  ),
);

describe("with @opentelemetry/auto-instrumentations-node installed in the app", () => {
  it("its whole catalogue is offered, loaded from its directory; ours fills the rest", () => {
    const app = trees.dir("auto-app");
    writeFile(
      join(app, "package.json"),
      JSON.stringify({ dependencies: { "cassandra-driver": "4" } }),
    );
    writePackage(join(app, "node_modules/cassandra-driver"), "cassandra-driver");
    link(AUTO, join(app, "node_modules/@opentelemetry/auto-instrumentations-node"));

    const modules = appModules(app);
    const catalogue = instrumentationCatalogue(modules);
    expect(catalogue.get("cassandra-driver")?.source).toBe("auto-instrumentations-node");
    expect(catalogue.get("express")?.source).toBe("auto-instrumentations-node");
    expect(catalogue.get("fs")).toBeDefined();

    const lines: string[] = [];
    const { enabled } = chooseInstrumentations(
      {},
      { instrumentations: "installed", loggerInstrumentations: false },
      modules,
      (d) => lines.push(d.message),
    );
    expect(enabled.map(({ name }) => name)).toEqual(["cassandra-driver", "http", "undici"]);
    const instances = enableInstrumentations(enabled, (d) => lines.push(d.message), "lean");
    try {
      // No warning; one line says who makes server spans (ours need the preload's http copy).
      expect(lines).toEqual([
        expect.stringMatching(/^server spans by (the preload$|instrumentation-http: )/),
      ]);
      expect(instances).toHaveLength(3);
    } finally {
      for (const instance of instances) instance.disable();
    }
  });
});
