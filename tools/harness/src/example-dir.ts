import { fileURLToPath } from "node:url";

/** `examples/<name>/` of this repository (src/ and dist/ sit at the same depth). */
export function exampleDir(name: string): string {
  return fileURLToPath(new URL(`../../../examples/${name}/`, import.meta.url));
}
