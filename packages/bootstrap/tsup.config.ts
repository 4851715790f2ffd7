import { defineConfig } from "tsup";

// The resolver is a library (ESM + CJS). The preload has one file per module system: the ESM
// one awaits the resolution at top level; the CJS one cannot, and resolves in a worker thread
// (its own entry). `dist` is emptied by the build script, since the configs run in parallel.
const common = { target: "node22", sourcemap: false, clean: false } as const;

export default defineConfig([
  // shims: the CommonJS build gets a real import.meta.url (get-json.ts loads node:http through it).
  {
    ...common,
    entry: { resolver: "src/resolver.ts" },
    format: ["esm", "cjs"],
    shims: true,
    dts: true,
  },
  { ...common, entry: { preload: "src/preload.ts" }, format: ["esm"], dts: true },
  {
    ...common,
    entry: {
      preload: "src/preload-cjs.ts",
      "resolve-worker": "src/preload/resolve-worker.ts",
      "post-worker": "src/preload/post-worker.ts",
    },
    format: ["cjs"],
    shims: true,
    dts: { entry: { preload: "src/preload-cjs.ts" } },
  },
]);
