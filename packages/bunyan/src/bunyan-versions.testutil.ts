// Every bunyan major the package is tested against, found from the `bunyanN` npm aliases in
// package.json devDependencies (add an alias there to test another one; nothing else lists them).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
  devDependencies: Record<string, string>;
};

export interface BunyanVersion {
  alias: string;
  major: number;
  version: string;
  // biome-ignore lint/suspicious/noExplicitAny: bunyan ships no types; tests use its documented API.
  bunyan: any;
}

export const bunyanVersions: BunyanVersion[] = Object.keys(manifest.devDependencies)
  .filter((name) => /^bunyan\d+$/.test(name))
  .map((alias) => ({
    alias,
    major: Number(alias.slice(6)),
    version: (require(`${alias}/package.json`) as { version: string }).version,
    bunyan: require(alias),
  }))
  .sort((a, b) => a.major - b.major);
