// Which Node builds the test matrix runs, and which of them each package runs on. A package's
// `engines.node` is the one source: every `^X.Y.Z` term names a major the matrix runs that package
// on, so a range can only claim majors (and minors) that some run tests.
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";

export const root = resolve(import.meta.dirname, "..");

function readManifest(file) {
  return JSON.parse(readFileSync(file, "utf8"));
}

const rootNode = readManifest(join(root, "package.json")).devDependencies.node;

/**
 * The exact Node versions the matrix fetches, by major (npm's `node` package). Node 24 is the
 * root's own `node` devDependency, the one every other script runs on.
 */
export const NODE_BUILDS = {
  20: ["20.20.2"],
  22: ["22.23.3"],
  [Number(rootNode.split(".")[0])]: [rootNode],
};

const caretTerm = /^\^(\d+)\.(\d+)\.(\d+)$/;

function parseVersion(version) {
  return version.split(".").map(Number);
}

function compareVersions(a, b) {
  const [x, y] = [parseVersion(a), parseVersion(b)];
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] - y[i];
  return 0;
}

/**
 * Reads an `engines.node` range as `^X.Y.Z || ^X.Y.Z …` and says what is wrong with it: an
 * open-ended or other-shaped term, a major the matrix does not run, a floor below the lowest
 * minor tested or above every build tested.
 */
export function readEngines(range, builds = NODE_BUILDS) {
  const problems = [];
  const majors = [];
  if (typeof range !== "string" || range.trim() === "") {
    return { majors, problems: ["engines.node is missing"] };
  }
  for (const term of range.split("||").map((part) => part.trim())) {
    const match = caretTerm.exec(term);
    if (!match) {
      problems.push(`"${term}" is not of the form ^X.Y.Z (an open range claims untested majors)`);
      continue;
    }
    const major = Number(match[1]);
    const floor = `${match[1]}.${match[2]}.${match[3]}`;
    const tested = builds[major];
    if (!tested) {
      const known = Object.keys(builds).join(", ");
      problems.push(
        `"${term}" names Node ${major}, which the matrix does not run (it runs ${known})`,
      );
      continue;
    }
    const lowest = [...tested].sort(compareVersions)[0];
    const lowestMinor = `${major}.${parseVersion(lowest)[1]}.0`;
    if (compareVersions(floor, lowestMinor) < 0) {
      problems.push(`"${term}" claims below ${lowestMinor}; the lowest build tested is ${lowest}`);
    } else if (compareVersions(floor, lowest) > 0) {
      problems.push(`"${term}" excludes ${lowest}, the build the matrix tests`);
    }
    if (!majors.includes(major)) majors.push(major);
  }
  return { majors, problems };
}

/** Every public package under packages/ (found by glob), with the Node builds it runs on. */
export function matrixPlan(builds = NODE_BUILDS) {
  const packagesDir = join(root, "packages");
  const plan = [];
  for (const dir of readdirSync(packagesDir).sort()) {
    let manifest;
    try {
      manifest = readManifest(join(packagesDir, dir, "package.json"));
    } catch {
      continue;
    }
    if (manifest.private) continue;
    const { majors, problems } = readEngines(manifest.engines?.node, builds);
    const versions = majors.flatMap((major) => builds[major] ?? []);
    plan.push({ dir, name: manifest.name, range: manifest.engines?.node, versions, problems });
  }
  return plan;
}
