import { defineConfig } from "tsup";

// The library is dual ESM/CJS with types; the bin is one ESM file that keeps its hashbang.
export default defineConfig([
  {
    entry: ["src/index.ts"],
    format: ["esm", "cjs"],
    dts: true,
    clean: true,
    target: "node22",
  },
  {
    entry: ["src/bin.ts"],
    format: ["esm"],
    dts: false,
    clean: false,
    target: "node22",
  },
]);
