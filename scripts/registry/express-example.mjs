// Step 2: the Express example copied as its README's "Copy it" section says (the files it names
// that exist in the example, the published ranges it gives in place of `workspace:` ones), then
// plain `npm install`, `npm run typecheck`, and the app started by its `start` script under
// real tracing: a fake ECS task metadata endpoint and an OTLP receiver (the examples harness).
import { cpSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  exampleRouteProblems,
  pinoHttpLines,
  runExampleRoutes,
  taskMetadataFixture,
} from "../../tools/harness/dist/index.js";
import { run } from "./processes.mjs";
import { inlineCode, readReadme, section } from "./readme.mjs";
import { createApp, npmInstall, writeNpmrc } from "./temp-app.mjs";

const TYPECHECK_TIMEOUT_MS = 120_000;
const DEPENDENCY_FIELDS = ["dependencies", "devDependencies", "optionalDependencies"];

/** What "Copy it" names: paths that exist in the example, and `"name": "range"` replacements. */
export function copyInstructions(exampleDir) {
  const where = `${exampleDir}/README.md`;
  const codes = inlineCode(section(readReadme(join(exampleDir, "README.md")), "Copy it", where));
  const named = codes
    .filter((code) => /^[\w./-]+$/.test(code) && existsSync(join(exampleDir, code)))
    .map((code) => code.replace(/\/$/, ""));
  // Each once, and none inside a directory also named (`src/` and `src/logger.ts`).
  const paths = [...new Set(named)].filter(
    (path, _, all) => !all.some((other) => path.startsWith(`${other}/`)),
  );
  const ranges = Object.fromEntries(
    codes
      .map((code) => code.match(/^"(@logtrace\/[\w.-]+)": "([^"]+)"$/))
      .filter(Boolean)
      .map((match) => [match[1], match[2]]),
  );
  return { paths, ranges };
}

/** Copies the example into `appDir` as the README says. Throws if a `workspace:` range is left. */
function copyExample(exampleDir, appDir) {
  const { paths, ranges } = copyInstructions(exampleDir);
  for (const path of paths) cpSync(join(exampleDir, path), join(appDir, path), { recursive: true });
  const manifestFile = join(appDir, "package.json");
  if (!existsSync(manifestFile)) throw new Error('"Copy it" does not name package.json');
  const manifest = JSON.parse(readFileSync(manifestFile, "utf8"));
  for (const field of DEPENDENCY_FIELDS) {
    for (const name of Object.keys(manifest[field] ?? {})) {
      if (ranges[name]) manifest[field][name] = ranges[name];
    }
  }
  writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
  const left = DEPENDENCY_FIELDS.flatMap((field) =>
    Object.entries(manifest[field] ?? {})
      .filter(([, range]) => range.startsWith("workspace:"))
      .map(([name, range]) => `${field}.${name}: ${range}`),
  );
  if (left.length > 0) {
    throw new Error(`after "Copy it", package.json still has workspace ranges: ${left.join(", ")}`);
  }
  return { paths, ranges, manifest };
}

/** `node <flags> <entry>` of the start script, as the harness starts it. */
function startCommand(manifest) {
  const words = (manifest.scripts?.start ?? "").trim().split(/\s+/);
  if (words[0] !== "node" || words.length < 2) {
    throw new Error(`the start script is not "node [flags] <entry>": ${manifest.scripts?.start}`);
  }
  return { nodeArgs: words.slice(1, -1), entry: words.at(-1) };
}

/**
 * Runs step 2. Returns `{ checks, installs, appDir }`; each check `{ name, problems }`.
 */
export async function checkExpressExample({ exampleDir, parent, registryUrl, env }) {
  const appDir = createApp({ parent, registryUrl, label: "express-pino" });
  const checks = [];
  const installs = [];
  let copied;
  try {
    copied = copyExample(exampleDir, appDir);
    writeNpmrc(appDir, registryUrl);
  } catch (error) {
    return { checks: [{ name: "copy", problems: [error.message] }], installs, appDir };
  }
  checks.push({ name: `copy ${copied.paths.join(", ")}`, problems: [] });

  const install = await npmInstall(appDir, [], env);
  installs.push({ what: "the copied Express example", ...install });
  const lockfile = existsSync(join(appDir, "package-lock.json"));
  checks.push({
    name: "npm install",
    problems: install.ok ? (lockfile ? [] : ["no package-lock.json"]) : [install.output],
  });
  if (!install.ok) return { checks, installs, appDir };

  const typecheck = await run("npm", ["run", "typecheck"], {
    cwd: appDir,
    env,
    timeoutMs: TYPECHECK_TIMEOUT_MS,
  });
  checks.push({ name: "npm run typecheck", problems: typecheck.ok ? [] : [typecheck.output] });

  try {
    const { nodeArgs, entry } = startCommand(copied.manifest);
    const traced = await runExampleRoutes({ cwd: appDir, entry, nodeArgs, reader: pinoHttpLines });
    const problems = exampleRouteProblems(traced);
    const groups = taskMetadataFixture().expected.logGroupNames.join("&");
    if (traced.spans.length === 0) problems.push("no span reached the OTLP receiver");
    for (const span of traced.spans) {
      const found = span.resource["aws.log.group.names"];
      if (found !== groups) {
        problems.push(`span ${span.name} has aws.log.group.names ${found}, expected ${groups}`);
        break;
      }
    }
    if (problems.length > 0) problems.push(`app output:\n${traced.output}`);
    checks.push({
      name: `npm start (${traced.requests.length} requests, ${traced.report.lineCount} lines, ${traced.spans.length} spans)`,
      problems,
    });
  } catch (error) {
    checks.push({ name: "npm start", problems: [error.message] });
  }
  return { checks, installs, appDir };
}
