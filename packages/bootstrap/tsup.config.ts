import { defineConfig } from "tsup";

// The resolver is a library (ESM + CJS). The preload has one file per module system: the ESM
// one awaits the resolution at top level, the CJS one cannot and resolves in a worker thread.
export default defineConfig([
  {
    entry: { resolver: "src/resolver.ts" },
    format: ["esm", "cjs"],
    dts: true,
    clean: true,
    target: "node22",
  },
]);
