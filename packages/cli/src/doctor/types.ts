import type { InstalledPackages } from "./scan/installed-packages.js";

/** `ok` ✓, `warn` ⚠, `fail` ✗ (exit 1), `skip` – (the check does not apply here). */
export type Status = "ok" | "warn" | "fail" | "skip";

export interface Finding {
  status: Status;
  /** One line: what was found and what it means. */
  message: string;
  /** One line: what to do. Absent when there is nothing to do. */
  fix?: string;
  /** Machine-readable facts behind the message (documented per check in docs/cli/doctor.md). */
  data?: Record<string, unknown>;
}

export interface DoctorInputs {
  /** The app's directory (absolute). */
  cwd: string;
  /** Where an agent image put its node_modules (absolute), e.g. `/otel-auto-instrumentation`. */
  agentDir: string | null;
  /** An OpenTelemetry Collector config file (absolute). */
  collectorConfig: string | null;
  env: Readonly<Record<string, string | undefined>>;
  /** Budget for network calls (ECS metadata). */
  timeoutMs: number;
}

export interface DoctorContext extends DoctorInputs {
  app: InstalledPackages;
  agent: InstalledPackages | null;
}

export interface CheckDefinition {
  id: string;
  title: string;
  run(context: DoctorContext): Finding[] | Promise<Finding[]>;
}

export interface CheckResult {
  id: string;
  number: number;
  title: string;
  /** The worst status among the findings. */
  status: Status;
  findings: Finding[];
}

export const DOCTOR_SCHEMA = "logtrace.doctor/1";

/** What `logtrace doctor --json` prints (schema in docs/cli.md). */
export interface DoctorReport {
  schema: typeof DOCTOR_SCHEMA;
  cwd: string;
  agentDir: string | null;
  collectorConfig: string | null;
  summary: Record<Status, number>;
  /** 0 when no check failed, 1 otherwise. */
  exitCode: 0 | 1;
  checks: CheckResult[];
}

const SEVERITY: Record<Status, number> = { skip: 0, ok: 1, warn: 2, fail: 3 };

export function worst(statuses: readonly Status[]): Status {
  return statuses.reduce<Status>((a, b) => (SEVERITY[b] > SEVERITY[a] ? b : a), "skip");
}
