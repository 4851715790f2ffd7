import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { npmInstall, removeTempDirs, tempDir } from "../../testing/app-trees.testutil.js";
import { LOGGERS, type Logger } from "../loggers.js";
import { rangesIn, readDeclaredRanges } from "./instrumentation-ranges.js";

// Old and new releases of each logger instrumentation, including the one the field report's
// ADOT image bundled (pino 0.46.0). 0.30 ships build/src/*.js; 0.69+ ships dist/*.cjs + *.mjs.
const RELEASES: Record<Logger, string[]> = {
  pino: ["0.30.0", "0.46.0", "0.70.0"],
  winston: ["0.30.0", "0.69.0"],
  bunyan: ["0.30.0", "0.69.0"],
};
const alias = (logger: Logger, version: string) => `instr-${logger}-${version}`;

let app: string;

beforeAll(() => {
  app = tempDir("ranges");
  npmInstall(
    app,
    LOGGERS.flatMap((logger) =>
      RELEASES[logger].map(
        (version) =>
          `${alias(logger, version)}@npm:@opentelemetry/instrumentation-${logger}@${version}`,
      ),
    ),
  );
}, 300_000);
afterAll(removeTempDirs);

/**
 * The oracle: construct the installed instrumentation (disabled, so it hooks nothing) and ask it
 * for its module definitions, exactly what @opentelemetry/instrumentation checks versions with.
 */
function rangesFromRuntime(dir: string, logger: Logger): string[] {
  const requireHere = createRequire(join(dir, "package.json"));
  const exports = requireHere(dir) as Record<string, unknown>;
  const Instrumentation = Object.values(exports).find(
    (value): value is new (config: object) => { init(): unknown } =>
      typeof value === "function" && /Instrumentation$/.test(value.name),
  );
  if (!Instrumentation) throw new Error(`no *Instrumentation class exported by ${dir}`);
  const instance = new Instrumentation({ enabled: false });
  const definitions = [instance.init()].flat() as Array<{
    name: string;
    supportedVersions: string[];
  }>;
  return [
    ...new Set(definitions.filter((d) => d.name === logger).flatMap((d) => d.supportedVersions)),
  ];
}

describe("readDeclaredRanges on real published instrumentations", () => {
  for (const logger of LOGGERS) {
    for (const version of RELEASES[logger]) {
      it(`@opentelemetry/instrumentation-${logger}@${version}: same ranges as the instrumentation itself reports`, () => {
        const dir = join(app, "node_modules", alias(logger, version));
        const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
        expect(manifest.version).toBe(version);

        const declared = readDeclaredRanges(dir, logger);
        expect(declared, "range found in the published code").toBeDefined();
        expect([...(declared?.ranges ?? [])].sort()).toEqual(rangesFromRuntime(dir, logger).sort());
        expect(declared?.file).toMatch(/\.(c|m)?js$/);
      });
    }
  }

  it("reads 0.46.0's pino range as the field report quotes it", () => {
    const declared = readDeclaredRanges(join(app, "node_modules", alias("pino", "0.46.0")), "pino");
    expect(declared?.ranges).toEqual([">=5.14.0 <10"]);
  });

  it("finds nothing for a module the package does not instrument", () => {
    expect(
      readDeclaredRanges(join(app, "node_modules", alias("pino", "0.70.0")), "winston"),
    ).toBeUndefined();
  });
});

describe("rangesIn", () => {
  it("reads an inline array, a const and a let, with any quotes", () => {
    expect(
      rangesIn(`new X.InstrumentationNodeModuleDefinition('bunyan', ['>=1.0.0 <2'], p)`, "bunyan"),
    ).toEqual([">=1.0.0 <2"]);
    expect(
      rangesIn(
        `const v = [">=3 <4"]; let w = ['>=1 <3'];
        new InstrumentationNodeModuleDefinition("winston", v, a); new InstrumentationNodeModuleDefinition("winston", w, b)`,
        "winston",
      ),
    ).toEqual([">=3 <4", ">=1 <3"]);
  });

  it("ignores other modules' definitions and module names that only share a prefix", () => {
    const source = `new InstrumentationNodeModuleDefinition("pino-http", ["*"], a); new InstrumentationNodeModuleDefinition("pino", ["<8"], b)`;
    expect(rangesIn(source, "pino")).toEqual(["<8"]);
  });

  it("returns nothing when the ranges come from somewhere it cannot see", () => {
    expect(
      rangesIn(`new InstrumentationNodeModuleDefinition("pino", imported.versions, a)`, "pino"),
    ).toEqual([]);
  });
});
