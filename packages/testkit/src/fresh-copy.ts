import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

function packageRoot(require: NodeJS.Require, specifier: string): string {
  let dir = dirname(require.resolve(specifier));
  while (!existsSync(join(dir, "package.json"))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${require.resolve(specifier)}`);
    dir = parent;
  }
  return join(dir, "/");
}

/**
 * A new, separate instance of a CommonJS package (and of the packages named in `alongWith`), as
 * `require` from `fromUrl` would load it in another app. Benchmarks give each row its own copy:
 * rows sharing one would make its call sites polymorphic and slow each other down, and a copy
 * loaded after an instrumentation is registered goes through that instrumentation's require hook.
 * Throws when the package comes back as the instance loaded before (it could not be reloaded).
 */
export function freshCopy<T = unknown>(
  fromUrl: string,
  specifier: string,
  alongWith: readonly string[] = [],
): T {
  const require = createRequire(fromUrl);
  const previous = require.cache[require.resolve(specifier)]?.exports;
  const roots = [specifier, ...alongWith].map((name) => packageRoot(require, name));
  for (const file of Object.keys(require.cache)) {
    if (roots.some((root) => file.startsWith(root))) delete require.cache[file];
  }
  const copy = require(specifier) as T;
  if (previous !== undefined && copy === previous) {
    throw new Error(`could not load a separate copy of ${specifier}`);
  }
  return copy;
}
