import { installedAliases } from "@logtrace/testkit";

/** Every pino major under test: the `pinoN` aliases in package.json devDependencies. */
export const pinoMajors = installedAliases(new URL("../package.json", import.meta.url), "pino").map(
  (installed) => ({ ...installed, pino: installed.module }),
);
