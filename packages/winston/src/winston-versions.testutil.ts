import { installedAliases } from "@logtrace/testkit";

/** Every winston release line under test: the `winston…` aliases in package.json devDependencies. */
export const winstonVersions = installedAliases(
  new URL("../package.json", import.meta.url),
  "winston",
).map((installed) => ({ ...installed, winston: installed.module }));
