import { mkdirSync, readFileSync, realpathSync, symlinkSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  npmInstall,
  pnpmInstall,
  removeTempDirs,
  tempDir,
} from "../../testing/app-trees.testutil.js";
import { scanInstalledPackages } from "./installed-packages.js";

const versionAt = (dir: string) =>
  (JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { version: string }).version;

let npmApp: string;
let pnpmApp: string;

beforeAll(() => {
  // pino-http 10 wants pino ^9, so npm nests a pino 9 under it; `pino8` is an npm alias.
  npmApp = tempDir("scan-npm");
  npmInstall(npmApp, [
    "pino@10.4.0",
    "pino-http@10.5.0",
    "pino8@npm:pino@8.21.0",
    "@opentelemetry/api@1.10.0",
  ]);
  pnpmApp = tempDir("scan-pnpm");
  pnpmInstall(pnpmApp, [
    "pino@10.4.0",
    "pino-http@10.5.0",
    "@opentelemetry/instrumentation-pino@0.70.0",
  ]);
}, 300_000);
afterAll(removeTempDirs);

describe("scanInstalledPackages, npm layout", () => {
  it("finds the top-level copy, the nested copy and the aliased copy, each with its own version", () => {
    const pino = scanInstalledPackages(npmApp).copies("pino");
    const byPath = Object.fromEntries(pino.map((copy) => [copy.foundAt, copy.version]));
    const expected = {
      [join(npmApp, "node_modules/pino")]: versionAt(join(npmApp, "node_modules/pino")),
      [join(npmApp, "node_modules/pino-http/node_modules/pino")]: versionAt(
        join(npmApp, "node_modules/pino-http/node_modules/pino"),
      ),
      [join(npmApp, "node_modules/pino8")]: "8.21.0",
    };
    expect(byPath).toEqual(expected);
    expect(expected[join(npmApp, "node_modules/pino")]).toBe("10.4.0");
    expect(expected[join(npmApp, "node_modules/pino-http/node_modules/pino")]).toMatch(/^9\./);
  });

  it("lists top-level copies before nested ones", () => {
    const pino = scanInstalledPackages(npmApp).copies("pino");
    expect(pino[0]?.foundAt).toBe(join(npmApp, "node_modules/pino"));
    expect(pino.at(-1)?.foundAt).toContain("pino-http/node_modules/pino");
  });

  it("reads scoped packages", () => {
    const [api] = scanInstalledPackages(npmApp).copies("@opentelemetry/api");
    expect(api?.version).toBe("1.10.0");
  });

  it("finds the copies from a subdirectory through the ancestors' node_modules, as Node resolves", () => {
    const sub = join(npmApp, "src", "server");
    mkdirSync(sub, { recursive: true });
    expect(scanInstalledPackages(sub).copies("pino")).toEqual([]);
    expect(scanInstalledPackages(sub, { ancestors: true }).copies("pino")).toHaveLength(3);
  });
});

describe("scanInstalledPackages, pnpm layout", () => {
  it("finds each copy once, by its real directory in .pnpm, whatever number of links lead to it", () => {
    const scan = scanInstalledPackages(pnpmApp);
    const pino = scan.copies("pino");
    expect(pino.map((copy) => copy.version).sort()).toEqual(
      [
        versionAt(join(pnpmApp, "node_modules/pino")),
        // pnpm puts a package's dependencies beside it: .pnpm/pino-http@…/node_modules/pino
        versionAt(join(dirname(realpathSync(join(pnpmApp, "node_modules/pino-http"))), "pino")),
      ].sort(),
    );
    for (const copy of pino) expect(copy.dir).toContain(`${join("node_modules", ".pnpm")}`);
    expect(new Set(scan.all.map((copy) => copy.dir)).size).toBe(scan.all.length);
  });

  it("reports the top-level link as the path that led to the app's own copy", () => {
    const [first] = scanInstalledPackages(pnpmApp).copies("pino");
    expect(first?.foundAt).toBe(join(pnpmApp, "node_modules/pino"));
    expect(first?.version).toBe("10.4.0");
  });

  it("finds packages only reachable inside the store (dependencies of dependencies)", () => {
    const scan = scanInstalledPackages(pnpmApp);
    expect(scan.copies("@opentelemetry/instrumentation").length).toBeGreaterThan(0);
    expect(scan.copies("@opentelemetry/instrumentation-pino").map((c) => c.version)).toEqual([
      "0.70.0",
    ]);
  });
});

describe("scanInstalledPackages, odd trees", () => {
  it("skips dangling links, folders without package.json and dot-folders, and finds workspaces' node_modules", () => {
    const root = tempDir("scan-odd");
    const nm = join(root, "node_modules");
    mkdirSync(join(nm, "not-a-package"), { recursive: true });
    mkdirSync(join(nm, ".cache", "pino"), { recursive: true });
    symlinkSync(join(root, "nowhere"), join(nm, "dangling"));
    // A workspace member with its own node_modules linking to the npm tree's pino.
    mkdirSync(join(root, "packages", "api", "node_modules"), { recursive: true });
    symlinkSync(
      join(npmApp, "node_modules", "pino"),
      join(root, "packages", "api", "node_modules", "pino"),
    );
    const scan = scanInstalledPackages(root);
    expect(scan.all.map((copy) => copy.name)).toEqual(["pino"]);
    expect(scan.copies("pino")[0]?.dir).toBe(realpathSync(join(npmApp, "node_modules", "pino")));
  });

  it("returns nothing for a directory that does not exist", () => {
    expect(scanInstalledPackages(join(tempDir("scan-none"), "missing")).all).toEqual([]);
  });
});
