/** One line for a person reading the container's stderr (the preload prefixes `[logtrace]`). */
export interface Diagnostic {
  level: "info" | "warn" | "debug";
  message: string;
}
