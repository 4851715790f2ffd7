// Every winston release line the package is tested against, found from the `winston…` npm
// aliases in package.json devDependencies (`winston3_3: npm:winston@~3.3`); add an alias there to
// test another one, nothing else lists them.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
  devDependencies: Record<string, string>;
};

export interface WinstonVersion {
  alias: string;
  version: string;
  // biome-ignore lint/suspicious/noExplicitAny: each release has its own types; tests use the common API.
  winston: any;
}

export const winstonVersions: WinstonVersion[] = Object.keys(manifest.devDependencies)
  .filter((name) => /^winston\d+(_\d+)*$/.test(name))
  .map((alias) => ({
    alias,
    version: (require(`${alias}/package.json`) as { version: string }).version,
    winston: require(alias),
  }))
  .sort((a, b) => a.version.localeCompare(b.version, undefined, { numeric: true }));
