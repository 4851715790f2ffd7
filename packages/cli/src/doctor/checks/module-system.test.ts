import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { removeTempDirs, tempDir, writeJson } from "../../testing/app-trees.testutil.js";
import { moduleSystemOf } from "./module-system.js";

afterAll(removeTempDirs);

function app(manifest: Record<string, unknown>): string {
  const dir = tempDir("module-system");
  writeJson(join(dir, "package.json"), { name: "app", ...manifest });
  return dir;
}

describe("moduleSystemOf", () => {
  it('reads "type" when the entry has no telling extension', () => {
    expect(moduleSystemOf(app({ type: "module", main: "server.js" }))).toEqual({
      esm: true,
      reason: '"type": "module"',
    });
    expect(moduleSystemOf(app({ type: "commonjs" }))?.esm).toBe(false);
    expect(moduleSystemOf(app({}))).toEqual({ esm: false, reason: 'no "type" field' });
  });

  it("lets the entry's .mjs/.cjs extension win over the package type", () => {
    expect(moduleSystemOf(app({ main: "dist/server.mjs" }))?.esm).toBe(true);
    expect(moduleSystemOf(app({ type: "module", main: "dist/server.cjs" }))?.esm).toBe(false);
    expect(moduleSystemOf(app({ exports: "./index.mjs" }))?.esm).toBe(true);
  });

  it("returns undefined without a readable package.json", () => {
    expect(moduleSystemOf(tempDir("module-system"))).toBeUndefined();
  });
});
