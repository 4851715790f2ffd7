import { relative, sep } from "node:path";
import type { PackageCopy } from "./scan/installed-packages.js";

/**
 * `pino 10.4.0 (node_modules/pino)`: a copy as a person finds it, by the shorter of the path that
 * led to it (pnpm's `node_modules/pino` link) and its real path (a linked workspace package).
 */
export function describeCopy(copy: PackageCopy, cwd: string): string {
  const [viaLink, real] = [where(copy.foundAt, cwd), where(copy.dir, cwd)];
  return `${copy.name} ${copy.version} (${real.length < viaLink.length ? real : viaLink})`;
}

/** A path relative to `cwd` when that is short, absolute otherwise (an agent dir elsewhere). */
export function where(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  if (rel === "") return ".";
  const ups = rel.split(sep).filter((part) => part === "..").length;
  return ups > 2 ? path : rel;
}

/** Machine-readable form of a copy for `data`. */
export function copyData(copy: PackageCopy) {
  return { name: copy.name, version: copy.version, dir: copy.dir, foundAt: copy.foundAt };
}
