import { installedAliases } from "@logtrace/testkit";

/** Every bunyan major under test: the `bunyanN` aliases in package.json devDependencies. */
export const bunyanVersions = installedAliases(
  new URL("../package.json", import.meta.url),
  "bunyan",
).map((installed) => ({ ...installed, bunyan: installed.module }));
