/** Reading OTEL_* variables the way the OpenTelemetry SDK does: trimmed, blank means unset. */
export type Env = Record<string, string | undefined>;

export function envText(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === "" ? undefined : value;
}

export function envList(env: Env, name: string): string[] | undefined {
  return envText(env, name)
    ?.split(",")
    .map((item) => item.trim())
    .filter((item) => item !== "");
}

export function envNumber(env: Env, name: string): number | undefined {
  const text = envText(env, name);
  if (text === undefined) return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

export function envTrue(env: Env, name: string): boolean {
  return envText(env, name)?.toLowerCase() === "true";
}
