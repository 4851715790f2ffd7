import { describe, expect, it } from "vitest";
import { matrixPlan, NODE_BUILDS, readEngines } from "./node-builds.mjs";

const builds = { 20: ["20.20.2"], 22: ["22.23.3"], 24: ["24.21.0"] };

describe("engines.node is what the Node matrix runs", () => {
  it("every public package's range names only builds the matrix runs, and at least one", () => {
    const plan = matrixPlan();
    expect(plan.length).toBeGreaterThan(0);
    for (const entry of plan) {
      expect(entry.problems, `${entry.name} engines.node "${entry.range}"`).toEqual([]);
      expect(entry.versions.length, entry.name).toBeGreaterThan(0);
    }
  });

  it("runs the root's own Node as one of the builds", async () => {
    const { readFile } = await import("node:fs/promises");
    const root = JSON.parse(await readFile(new URL("../package.json", import.meta.url), "utf8"));
    expect(Object.values(NODE_BUILDS).flat()).toContain(root.devDependencies.node);
  });

  it("reads each ^X.Y.Z term as a major to run", () => {
    expect(readEngines("^20.20.0 || ^22.23.0 || ^24.21.0", builds)).toEqual({
      majors: [20, 22, 24],
      problems: [],
    });
    expect(readEngines("^22.23.3", builds)).toEqual({ majors: [22], problems: [] });
  });

  it.each([
    [">=18", "not of the form ^X.Y.Z"],
    ["^20.20.0 || >=22", "not of the form ^X.Y.Z"],
    ["^18.20.0", "names Node 18, which the matrix does not run"],
    ["^22.12.0", "claims below 22.23.0; the lowest build tested is 22.23.3"],
    ["^22.23.4", "excludes 22.23.3"],
    ["", "engines.node is missing"],
  ])("rejects %j", (range, problem) => {
    const { problems } = readEngines(range, builds);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(problem);
  });
});
