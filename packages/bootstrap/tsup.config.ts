import { defineConfig } from "tsup";

// The preload has one file per module system: the ESM one awaits the resolution at top level;
// the CJS one cannot, and resolves in a worker thread (its own entry). `dist` is emptied by the build script, since the configs run in parallel.
const common = { target: "node22", sourcemap: false, clean: false } as const;

export default defineConfig([
  // The deprecated `@logtrace/bootstrap/resolver` path: a re-export of @logtrace/aws-resource.
  {
    ...common,
    entry: { resolver: "src/resolver.ts" },
    format: ["esm", "cjs"],
    dts: true,
  },
  { ...common, entry: { preload: "src/preload.ts" }, format: ["esm"], dts: true },
  {
    ...common,
    entry: {
      preload: "src/preload-cjs.ts",
      "resolve-worker": "src/preload/resolve-worker.ts",
      "post-worker": "src/sdk/export/post-worker.ts",
    },
    format: ["cjs"],
    shims: true,
    dts: { entry: { preload: "src/preload-cjs.ts" } },
  },
]);
