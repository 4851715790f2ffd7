// The versions of a package a test suite runs against are the npm aliases in its package.json
// devDependencies (`pino9: npm:pino@^9`, `winston3_3: npm:winston@~3.3`): adding an alias there
// adds a version to every test that uses this; nothing else lists them.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

export interface InstalledAlias {
  /** The alias, e.g. `pino9`. */
  readonly alias: string;
  /** The installed version, e.g. `9.14.0`. */
  readonly version: string;
  readonly major: number;
  /** The package itself, loaded with `require` from the suite's own package. */
  // biome-ignore lint/suspicious/noExplicitAny: each version has its own types; suites use the common API.
  readonly module: any;
}

/**
 * Every installed alias of `name` (`<name><digits>` with optional `_<digits>` parts) among the
 * devDependencies of the package.json at `manifestUrl`, oldest version first.
 */
export function installedAliases(manifestUrl: URL, name: string): InstalledAlias[] {
  const manifest = JSON.parse(readFileSync(manifestUrl, "utf8")) as {
    devDependencies?: Record<string, string>;
  };
  const require = createRequire(manifestUrl);
  const pattern = new RegExp(`^${name}\\d+(_\\d+)*$`);
  return Object.keys(manifest.devDependencies ?? {})
    .filter((alias) => pattern.test(alias))
    .map((alias) => {
      const { version } = require(`${alias}/package.json`) as { version: string };
      return { alias, version, major: Number(version.split(".")[0]), module: require(alias) };
    })
    .sort((a, b) => a.version.localeCompare(b.version, undefined, { numeric: true }));
}
