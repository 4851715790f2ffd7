import type { CheckDefinition, Finding } from "../types.js";

/** One request, bounded: the doctor is run by hand and must answer at once. */
const PROBE_TIMEOUT_MS = 1000;

/** The traces URL the OTLP/HTTP exporters post to, from the same variables. */
function tracesUrl(env: Readonly<Record<string, string | undefined>>): string {
  const traces = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim();
  if (traces) return traces;
  const base = env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim() || "http://localhost:4318";
  return `${base.replace(/\/+$/u, "")}/v1/traces`;
}

const FIX_BY_CODE: Record<string, string> = {
  ECONNREFUSED:
    "nothing listens there: start the collector (sidecar) before the app, give its otlp receiver an http endpoint on 0.0.0.0:4318 (4317 is gRPC), and point OTEL_EXPORTER_OTLP_ENDPOINT at it",
  ENOTFOUND:
    "the host name does not resolve here: in an ECS task (awsvpc) the sidecar is localhost; elsewhere check the service name",
  EAI_AGAIN: "the host name could not be looked up: check the task's DNS settings",
  ECONNRESET:
    "the connection was closed: is this an https endpoint (use https://) or a gRPC port (4317, set OTEL_EXPORTER_OTLP_PROTOCOL=grpc)?",
};

function fixForStatus(status: number): string {
  if (status === 404)
    return "wrong path: OTEL_EXPORTER_OTLP_ENDPOINT is the base URL (/v1/traces is appended), OTEL_EXPORTER_OTLP_TRACES_ENDPOINT the full one";
  if (status === 401 || status === 403)
    return "the endpoint wants credentials: set them in OTEL_EXPORTER_OTLP_HEADERS (e.g. Authorization=Bearer%20…)";
  if (status === 415) return "the endpoint does not take OTLP protobuf: check the path and port";
  return "the collector answers but fails: read its own logs";
}

/** Check: the configured OTLP endpoint answers, probed once with an empty trace request. */
export const otlpEndpointCheck: CheckDefinition = {
  id: "otlp-endpoint",
  title: "OTLP endpoint (where spans are exported)",
  async run(context) {
    const { env } = context;
    const configured =
      env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim() || env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim();
    if (!configured && !env.ECS_CONTAINER_METADATA_URI_V4?.trim()) {
      return [
        {
          status: "skip",
          message:
            "no OTLP endpoint configured and not in a container: run the doctor inside the container to probe the collector",
        },
      ];
    }
    const url = tracesUrl(env);
    const protocol =
      env.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL?.trim() || env.OTEL_EXPORTER_OTLP_PROTOCOL?.trim();
    if (protocol === "grpc") {
      return [
        {
          status: "skip",
          message: `OTEL_EXPORTER_OTLP_PROTOCOL=grpc: ${url} is not probed (only OTLP/HTTP is)`,
        },
      ];
    }
    const data: Record<string, unknown> = { url };
    let finding: Finding;
    try {
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/x-protobuf" },
        body: new Uint8Array(0),
        signal: AbortSignal.timeout(Math.min(PROBE_TIMEOUT_MS, context.timeoutMs)),
      });
      await response.arrayBuffer().catch(() => undefined);
      data.status = response.status;
      finding = response.ok
        ? { status: "ok", message: `${url} takes OTLP traces (HTTP ${response.status})`, data }
        : {
            status: "fail",
            message: `${url} answers HTTP ${response.status}: spans sent there are dropped`,
            fix: fixForStatus(response.status),
            data,
          };
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      const code = cause?.code ?? (error as Error).name;
      data.error = code;
      const timedOut = code === "TimeoutError";
      const tls = /CERT|TLS|SSL|SELF_SIGNED|UNABLE_TO_VERIFY/u.test(code);
      finding = {
        status: "fail",
        message: timedOut
          ? `${url} did not answer within ${PROBE_TIMEOUT_MS} ms: exports will time out and spans be dropped`
          : `${url} cannot be reached (${cause?.message ?? code}): spans are dropped`,
        fix: timedOut
          ? "a security group or network policy drops the traffic, or the collector is overloaded: check the port is open from this task"
          : tls
            ? "TLS failed: for a private CA set OTEL_EXPORTER_OTLP_CERTIFICATE to its PEM file"
            : (FIX_BY_CODE[code] ??
              "check OTEL_EXPORTER_OTLP_ENDPOINT and that the collector runs"),
        data,
      };
    }
    return [finding];
  },
};
