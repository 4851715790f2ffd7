/** The LOGTRACE_* variables the resolver reads, parsed once, in one place. */
export type Env = Record<string, string | undefined>;

export const DEFAULT_METADATA_TIMEOUT_MS = 1000;

export interface ResolverSettings {
  /** LOGTRACE_METADATA_TIMEOUT_MS: bound for reading the metadata (default 1000). */
  metadataTimeoutMs: number;
  /** LOGTRACE_LOG_GROUP_NAMES: `&`-separated group names, raw; undefined when unset or blank. */
  logGroupNames: string | undefined;
  /**
   * LOGTRACE_CWAGENT_CONFIG: the CloudWatch agent's JSON config, a file or a directory of them
   * (read like the agent's `amazon-cloudwatch-agent.d`); undefined for the agent's own paths.
   */
  cwagentConfig: string | undefined;
  /** LOGTRACE_LOG_FILES: comma-separated files the app writes its logs to itself. */
  logFiles: string[];
  /** Problems with the settings themselves, one line each. */
  problems: string[];
}

/** Trimmed; blank means unset, as the OpenTelemetry SDK reads its variables. */
export function envText(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === "" ? undefined : value;
}

export function readResolverSettings(env: Env): ResolverSettings {
  const problems: string[] = [];
  const timeout = envText(env, "LOGTRACE_METADATA_TIMEOUT_MS");
  let metadataTimeoutMs = DEFAULT_METADATA_TIMEOUT_MS;
  if (timeout !== undefined) {
    const parsed = Number(timeout);
    if (Number.isFinite(parsed) && parsed >= 0) metadataTimeoutMs = Math.floor(parsed);
    else
      problems.push(
        `LOGTRACE_METADATA_TIMEOUT_MS="${timeout}" is not a number of ms; using ${DEFAULT_METADATA_TIMEOUT_MS}`,
      );
  }
  return {
    metadataTimeoutMs,
    logGroupNames: envText(env, "LOGTRACE_LOG_GROUP_NAMES"),
    cwagentConfig: envText(env, "LOGTRACE_CWAGENT_CONFIG"),
    logFiles: (envText(env, "LOGTRACE_LOG_FILES") ?? "")
      .split(",")
      .map((file) => file.trim())
      .filter(Boolean),
    problems,
  };
}
