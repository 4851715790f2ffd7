// Every pino major the package is tested against, found from the `pinoN` npm aliases in
// package.json devDependencies (add an alias there to test a new major; nothing else lists them).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
  devDependencies: Record<string, string>;
};

export interface PinoMajor {
  alias: string;
  major: number;
  version: string;
  // biome-ignore lint/suspicious/noExplicitAny: each major has its own types; tests use the common API.
  pino: any;
}

export const pinoMajors: PinoMajor[] = Object.keys(manifest.devDependencies)
  .filter((name) => /^pino\d+$/.test(name))
  .map((alias) => ({
    alias,
    major: Number(alias.slice(4)),
    version: (require(`${alias}/package.json`) as { version: string }).version,
    pino: require(alias),
  }))
  .sort((a, b) => a.major - b.major);
