import { defineConfig } from "tsup";

// Two entries, one copy of the code: splitting puts what both use in a shared chunk (CommonJS
// too), so the per-span caches exist once whichever entry loads first.
export default defineConfig({
  entry: { index: "src/index.ts", internal: "src/internal.ts" },
  format: ["esm", "cjs"],
  target: "node20",
  splitting: true,
  dts: true,
  clean: true,
});
