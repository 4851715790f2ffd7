// Everything a published package exports is a promise kept across versions. This test reads the
// exports of every public package as a user gets them (the built entry points, through the
// package's own `exports` map, from ESM and CommonJS, and from their .d.ts / .d.cts) and compares
// them with public-exports.json: a new export fails here until that file says so, and a removed
// one is a breaking change that shows in the same diff. What is exported must be in the README.
import { spawnSync } from "node:child_process";
import { existsSync, globSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "..");
const EXPECTED: Record<string, Record<string, EntryExports>> = JSON.parse(
  readFileSync(join(import.meta.dirname, "public-exports.json"), "utf8"),
);
/** The subpath no public type may reference: no stability promise behind it. */
const INTERNAL_SUBPATH = /^@logtrace\/[^/]+\/internal$/;

interface EntryExports {
  /** Runtime exports (the same from `import` and `require`). */
  values: string[];
  /** Exports that exist only in the type declarations. */
  types: string[];
}

interface Conditions {
  types: string;
  default: string;
}

interface PublicPackage {
  name: string;
  dir: string;
  /** Subpath → its import and require conditions (JSON data and ./package.json left out). */
  entries: Map<string, { import: Conditions; require: Conditions }>;
}

function publicPackages(): PublicPackage[] {
  return globSync("packages/*/package.json", { cwd: ROOT })
    .sort()
    .flatMap((path) => {
      const manifest = JSON.parse(readFileSync(join(ROOT, path), "utf8"));
      if (manifest.private) return [];
      const entries = new Map<string, { import: Conditions; require: Conditions }>();
      for (const [subpath, target] of Object.entries(manifest.exports ?? {})) {
        if (subpath === "./package.json" || subpath.endsWith(".json")) continue;
        entries.set(subpath, target as { import: Conditions; require: Conditions });
      }
      return [{ name: manifest.name as string, dir: join(ROOT, dirname(path)), entries }];
    });
}

const specifierOf = (pkg: PublicPackage, subpath: string) =>
  subpath === "." ? pkg.name : `${pkg.name}/${subpath.slice(2)}`;

/**
 * Runtime export names, loaded in a child process from the package's own directory (so the
 * specifier goes through its `exports` map). LOGTRACE_DISABLED keeps a preload entry inert.
 */
function runtimeExports(pkg: PublicPackage, subpath: string, system: "esm" | "cjs"): string[] {
  const script =
    system === "esm"
      ? "const m = await import(process.argv[1]); console.log(JSON.stringify(Object.keys(m)));"
      : "console.log(JSON.stringify(Object.keys(require(process.argv[1]))));";
  const result = spawnSync(
    process.execPath,
    [...(system === "esm" ? ["--input-type=module"] : []), "-e", script, specifierOf(pkg, subpath)],
    {
      cwd: pkg.dir,
      encoding: "utf8",
      env: { PATH: process.env.PATH, LOGTRACE_DISABLED: "true" },
      timeout: 30_000,
    },
  );
  if (result.status !== 0) {
    throw new Error(`${system} load of ${specifierOf(pkg, subpath)} failed:\n${result.stderr}`);
  }
  return (JSON.parse(result.stdout) as string[]).filter((name) => name !== "default").sort();
}

const packages = publicPackages();
const declarationFiles = packages.flatMap((pkg) =>
  [...pkg.entries.values()].flatMap((entry) => [
    join(pkg.dir, entry.import.types),
    join(pkg.dir, entry.require.types),
  ]),
);
// One program for every declaration file, resolved as a NodeNext consumer resolves them.
const program = ts.createProgram(declarationFiles, {
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  noEmit: true,
  skipLibCheck: true,
  types: [],
});
const checker = program.getTypeChecker();

function declaredExports(file: string): string[] {
  const source = program.getSourceFile(file);
  if (!source) throw new Error(`${file}: not found (build first: pnpm run build)`);
  const module = checker.getSymbolAtLocation(source);
  if (!module) return [];
  return checker
    .getExportsOfModule(module)
    .map((symbol) => symbol.name)
    .sort();
}

/** Package specifiers a declaration file imports, following its relative imports (shared chunks). */
function importedPackages(file: string, seen = new Set<string>()): string[] {
  if (seen.has(file)) return [];
  seen.add(file);
  const source = program.getSourceFile(file);
  if (!source) return [];
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      const specifier = node.moduleSpecifier.text;
      if (specifier.startsWith(".")) {
        const resolved = ts.resolveModuleName(
          specifier,
          file,
          program.getCompilerOptions(),
          ts.sys,
        ).resolvedModule;
        if (resolved) found.push(...importedPackages(resolved.resolvedFileName, seen));
      } else {
        found.push(specifier);
      }
    }
    if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      const literal = node.argument.literal;
      if (ts.isStringLiteral(literal)) found.push(literal.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe("public exports", () => {
  it("finds the public packages by glob", () => {
    expect(packages.map((pkg) => pkg.name)).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const pkg of packages) {
    describe(pkg.name, () => {
      it("has exactly the subpaths in public-exports.json", () => {
        expect([...pkg.entries.keys()].sort()).toEqual(
          Object.keys(EXPECTED[pkg.name] ?? {}).sort(),
        );
      });

      for (const [subpath, entry] of pkg.entries) {
        const specifier = specifierOf(pkg, subpath);
        const expected = EXPECTED[pkg.name]?.[subpath];

        it(`${specifier}: ESM and CommonJS export the listed values`, () => {
          expect(existsSync(join(pkg.dir, entry.import.default)), "build first").toBe(true);
          const values = [...(expected?.values ?? [])].sort();
          expect(runtimeExports(pkg, subpath, "esm"), "import").toEqual(values);
          expect(runtimeExports(pkg, subpath, "cjs"), "require").toEqual(values);
        });

        it(`${specifier}: .d.ts and .d.cts declare the listed values and types`, () => {
          const listed = [...(expected?.values ?? []), ...(expected?.types ?? [])].sort();
          expect(declaredExports(join(pkg.dir, entry.import.types)), "types of import").toEqual(
            listed,
          );
          expect(declaredExports(join(pkg.dir, entry.require.types)), "types of require").toEqual(
            listed,
          );
        });

        it(`${specifier}: the README documents it`, () => {
          const readme = readFileSync(join(pkg.dir, "README.md"), "utf8");
          if (subpath !== ".") {
            expect(readme, "README names the subpath").toContain(specifier);
            return;
          }
          // The main entry's names one by one; a subpath's README mention says what it is.
          const names = [...(expected?.values ?? []), ...(expected?.types ?? [])];
          const missing = names.filter((name) => !new RegExp(`\\b${name}\\b`).test(readme));
          expect(missing, "exported but not in README.md").toEqual([]);
        });

        if (!INTERNAL_SUBPATH.test(specifier)) {
          it(`${specifier}: its types reference no internal subpath`, () => {
            for (const types of [entry.import.types, entry.require.types]) {
              const leaks = importedPackages(join(pkg.dir, types)).filter((imported) =>
                INTERNAL_SUBPATH.test(imported),
              );
              expect(leaks, types).toEqual([]);
            }
          });
        }
      }
    });
  }
});
