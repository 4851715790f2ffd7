import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

export interface DeclaredRange {
  /** The semver ranges the instrumentation passes for `moduleName`; any one may match. */
  ranges: string[];
  /** The file they were read from, relative to the package directory. */
  file: string;
}

const CODE_FILE = /\.(?:c|m)?js$/;
const MAX_FILES = 500;
const MAX_FILE_BYTES = 2 * 1024 * 1024;
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const STRING_LITERAL = /(['"`])((?:(?!\1)[^\\]|\\.)*)\1/g;

/**
 * Reads, from an installed `@opentelemetry/instrumentation-*` package's published code, the
 * semver ranges of `moduleName` it patches: the second argument of each
 * `new InstrumentationNodeModuleDefinition("<moduleName>", <ranges>, …)`, written either inline
 * (`[">=1.0.0 <2"]`) or as a constant (`const pinoVersions = [">=5.14.0 <10"]`). This is what
 * `@opentelemetry/instrumentation` checks each loaded copy's version against, so it stays right
 * when a new release widens the range. The code is read, never run.
 */
export function readDeclaredRanges(
  packageDir: string,
  moduleName: string,
): DeclaredRange | undefined {
  for (const file of codeFiles(packageDir)) {
    let source: string;
    try {
      source = readFileSync(file, "utf8");
    } catch {
      continue;
    }
    const ranges = rangesIn(source, moduleName);
    if (ranges.length > 0) return { ranges, file: relative(packageDir, file) };
  }
  return undefined;
}

/** The ranges declared for `moduleName` in one source text (exported for tests of odd layouts). */
export function rangesIn(source: string, moduleName: string): string[] {
  const ranges: string[] = [];
  const definition = new RegExp(
    `InstrumentationNodeModuleDefinition\\s*\\(\\s*(['"\`])${escapeRegExp(moduleName)}\\1\\s*,\\s*(\\[[^\\]]*\\]|[A-Za-z_$][\\w$]*)`,
    "g",
  );
  for (const match of source.matchAll(definition)) {
    const argument = match[2] ?? "";
    const literal = IDENTIFIER.test(argument) ? constantArray(source, argument) : argument;
    for (const range of stringsIn(literal ?? "")) if (!ranges.includes(range)) ranges.push(range);
  }
  return ranges;
}

function constantArray(source: string, name: string): string | undefined {
  const declaration = new RegExp(
    `(?:const|let|var)\\s+${escapeRegExp(name)}\\s*=\\s*(\\[[^\\]]*\\])`,
  ).exec(source);
  return declaration?.[1];
}

function stringsIn(arrayLiteral: string): string[] {
  return [...arrayLiteral.matchAll(STRING_LITERAL)].map((m) => m[2] ?? "").filter(Boolean);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

/** The package's code files, the package's own only (not its node_modules), shallow first. */
function codeFiles(packageDir: string): string[] {
  const files: string[] = [];
  const queue = [packageDir];
  for (let i = 0; i < queue.length && files.length < MAX_FILES; i++) {
    const dir = queue[i] as string;
    let entries: string[];
    try {
      entries = readdirSync(dir).sort();
    } catch {
      continue;
    }
    for (const entry of entries) {
      if (entry === "node_modules" || entry.startsWith(".")) continue;
      const path = join(dir, entry);
      let stat: ReturnType<typeof statSync>;
      try {
        stat = statSync(path);
      } catch {
        continue;
      }
      if (stat.isDirectory()) queue.push(path);
      else if (CODE_FILE.test(entry) && stat.size <= MAX_FILE_BYTES) files.push(path);
    }
  }
  return files;
}
