// Step 4: installed size of what users install, each into a fresh app in the same run, against
// the stock OpenTelemetry alternative (latest) and ADOT JS for reference. Apparent size of
// node_modules after `npm install`.
import { join } from "node:path";
import { mapLimited } from "./processes.mjs";
import { apparentSize, createApp, npmInstall } from "./temp-app.mjs";

const MIB = 1024 * 1024;
const PARALLEL_INSTALLS = 2;
export const BOOTSTRAP_MAX_RATIO = 0.4;
export const CLI_MAX_MIB = 5;

const STOCK = [
  "@opentelemetry/auto-instrumentations-node",
  "@opentelemetry/sdk-node",
  "@opentelemetry/api",
];
const ADOT = ["@aws/aws-distro-opentelemetry-node-autoinstrumentation@0.13.0"];

/** The apps to measure: `{ id, label, packages, ours }`. */
export function sizeCases(adapters) {
  return [
    {
      id: "bootstrap",
      label: "@logtrace/bootstrap + api",
      packages: ["@logtrace/bootstrap", "@opentelemetry/api"],
      ours: true,
    },
    // The optional peer path: an app that brings its own auto-instrumentations-node catalogue.
    {
      id: "bootstrap-with-auto",
      label: "@logtrace/bootstrap + api + auto-instrumentations-node",
      packages: ["@logtrace/bootstrap", "@opentelemetry/api", STOCK[0]],
      ours: true,
    },
    { id: "cli", label: "@logtrace/cli", packages: ["@logtrace/cli"], ours: true },
    ...adapters.map((adapter) => ({
      id: adapter.name,
      label: `${adapter.name} + api`,
      packages: [adapter.name, "@opentelemetry/api"],
      ours: true,
    })),
    {
      id: "stock",
      label: "stock: auto-instrumentations-node + sdk-node + api",
      packages: STOCK,
      ours: false,
    },
    { id: "adot", label: "ADOT JS 0.13.0 (reference)", packages: ADOT, ours: false },
  ];
}

/**
 * Installs and measures every case. Returns `{ rows, installs, checks }`: rows `{ label, bytes }`
 * (bytes undefined when the install failed), the installs of our packages, and the two size
 * checks as `{ name, problems }`.
 */
export async function measureInstallSizes({ adapters, parent, registryUrl, env }) {
  const cases = sizeCases(adapters);
  const measured = await mapLimited(cases, PARALLEL_INSTALLS, async (sizeCase) => {
    const appDir = createApp({
      parent,
      registryUrl,
      label: `size-${sizeCase.id.replace(/\W+/g, "-")}`,
    });
    const install = await npmInstall(appDir, sizeCase.packages, env);
    const bytes = install.ok ? apparentSize(join(appDir, "node_modules")) : undefined;
    return { ...sizeCase, bytes, install };
  });
  const byId = Object.fromEntries(measured.map((row) => [row.id, row]));
  const mib = (bytes) => (bytes === undefined ? "?" : (bytes / MIB).toFixed(1));
  const checks = measured
    .filter((row) => !row.install.ok)
    .map((row) => ({ name: `install ${row.label}`, problems: [row.install.output] }));

  const { bootstrap, cli, stock } = byId;
  const ratio = bootstrap.bytes / stock.bytes;
  checks.push({
    name: `bootstrap ≤ ${BOOTSTRAP_MAX_RATIO}× stock: ${mib(bootstrap.bytes)} MiB vs ${mib(stock.bytes)} MiB = ${Number.isFinite(ratio) ? ratio.toFixed(2) : "?"}×`,
    problems:
      ratio <= BOOTSTRAP_MAX_RATIO
        ? []
        : [
            `@logtrace/bootstrap is ${mib(bootstrap.bytes)} MiB installed, stock ${mib(stock.bytes)} MiB: ${ratio.toFixed(2)}× > ${BOOTSTRAP_MAX_RATIO}×`,
          ],
  });
  checks.push({
    name: `cli ≤ ${CLI_MAX_MIB} MiB: ${mib(cli.bytes)} MiB`,
    problems:
      cli.bytes <= CLI_MAX_MIB * MIB
        ? []
        : [`@logtrace/cli is ${mib(cli.bytes)} MiB installed > ${CLI_MAX_MIB} MiB`],
  });
  const rows = measured.map((row) => ({
    label: row.label,
    mib: mib(row.bytes),
    ratio: row.bytes && stock.bytes ? (row.bytes / stock.bytes).toFixed(2) : "?",
  }));
  const installs = measured
    .filter((row) => row.ours)
    .map((row) => ({ what: row.label, ...row.install }));
  return { rows, installs, checks };
}
