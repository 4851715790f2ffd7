import { type ParseArgsConfig, parseArgs } from "node:util";
import { UsageError } from "./usage-error.js";

type Options = NonNullable<ParseArgsConfig["options"]>;

/** `node:util` parseArgs, strict, with its errors turned into one-line usage errors. */
export function parseArguments<T extends Options>(command: string, argv: string[], options: T) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: true });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new UsageError(`${command}: ${message.split("\n")[0]}`);
  }
}

/** The one value of a string option given at most once, or undefined. */
export function single(value: string | string[] | boolean | undefined): string | undefined {
  return typeof value === "string" ? value : undefined;
}
