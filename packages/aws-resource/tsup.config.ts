import { defineConfig } from "tsup";

// shims: the CommonJS build gets a real import.meta.url (get-json.ts loads node:http through it).
export default defineConfig({
  entry: { index: "src/index.ts" },
  format: ["esm", "cjs"],
  target: "node22",
  shims: true,
  dts: true,
  clean: true,
});
