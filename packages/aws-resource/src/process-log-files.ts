import { readlinkSync, realpathSync, statSync } from "node:fs";
import { resolve } from "node:path";

/** A file this process writes its log lines to, and how we know. */
export interface ProcessLogFile {
  path: string;
  via: "stdout" | "stderr" | "LOGTRACE_LOG_FILES";
}

/**
 * This process's stdout and stderr when they are regular files (`node app.js >> app.log`), read
 * from `/proc/self/fd` (Linux), plus the files named in LOGTRACE_LOG_FILES; real paths, the way
 * the agent finds them by walking its globs.
 */
export function processLogFiles(logFiles: string[]): ProcessLogFile[] {
  const found: ProcessLogFile[] = [];
  const add = (path: string, via: ProcessLogFile["via"]) => {
    if (!found.some((file) => file.path === path)) found.push({ path, via });
  };
  for (const [fd, via] of [
    [1, "stdout"],
    [2, "stderr"],
  ] as const) {
    const path = regularFileOf(fd);
    if (path !== undefined) add(path, via);
  }
  for (const file of logFiles) add(realPath(resolve(file)), "LOGTRACE_LOG_FILES");
  return found;
}

/**
 * Read through the fd's link, never fstat: Node 22's CommonJS loader reads the mode of the last
 * stat call when it resolves a cached path, and a pipe's (stderr under a supervisor) makes it
 * stop resolving symlinks, so the app's next require of a linked package (pnpm) fails.
 */
function regularFileOf(fd: number): string | undefined {
  try {
    const target = readlinkSync(`/proc/self/fd/${fd}`);
    // A pipe or socket (`pipe:[…]`), or a file deleted since it was opened: no agent can find it.
    if (!target.startsWith("/") || target.endsWith(" (deleted)")) return undefined;
    return statSync(target).isFile() ? realPath(target) : undefined;
  } catch {
    return undefined;
  }
}

/** The file's real path when it exists; an app may create its log file after start-up. */
function realPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}
