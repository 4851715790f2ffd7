import { toXrayTraceId } from "@logtrace/core/internal";
import { UsageError } from "../cli/usage-error.js";

export interface ParsedTraceId {
  /** 32 lowercase hex digits, as the @logtrace adapters and the OTel log instrumentations write it. */
  traceId: string;
  /** `1-<8 hex>-<24 hex>`, as the X-Ray console shows it. */
  xrayTraceId: string;
  /**
   * The first 8 hex digits read as Unix seconds. X-Ray id generators (ADOT's default) put the
   * trace's start time there; a random W3C id gives a meaningless number.
   */
  embeddedEpochSeconds: number;
}

const HEX32 = /^[0-9a-f]{32}$/;
const XRAY = /^1-([0-9a-f]{8})-([0-9a-f]{24})$/;
const TRACEPARENT = /^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$/;
const AMZN_ROOT = /(?:^|;)\s*Root=([^;]+)/i;

const EXPECTED =
  "expected 32 hex digits (698c160176b2820f3142596543b58e08) or the X-Ray form (1-698c1601-76b2820f3142596543b58e08)";

/**
 * Accepts a trace id as people copy it: 32 hex, the X-Ray form, an `X-Amzn-Trace-Id` header value
 * (`Root=1-…;Parent=…`) or a W3C `traceparent`. Throws a UsageError naming what is wrong.
 */
export function parseTraceId(input: string): ParsedTraceId {
  const original = input;
  let text = input.trim().toLowerCase();
  const root = AMZN_ROOT.exec(input.trim());
  if (root?.[1]) text = root[1].trim().toLowerCase();

  let traceId: string | undefined;
  const xray = XRAY.exec(text);
  const traceparent = TRACEPARENT.exec(text);
  if (HEX32.test(text)) traceId = text;
  else if (xray) traceId = `${xray[1]}${xray[2]}`;
  else if (traceparent) traceId = traceparent[1];

  if (traceId === undefined) {
    throw new UsageError(
      `not a trace id: ${JSON.stringify(original)} (${describe(text)}; ${EXPECTED})`,
    );
  }
  if (/^0+$/.test(traceId)) {
    throw new UsageError(
      `not a trace id: ${JSON.stringify(original)} is all zeros, which OpenTelemetry and X-Ray treat as "no trace"`,
    );
  }
  return {
    traceId,
    xrayTraceId: toXrayTraceId(traceId),
    embeddedEpochSeconds: Number.parseInt(traceId.slice(0, 8), 16),
  };
}

function describe(text: string): string {
  if (text === "") return "it is empty";
  if (text.startsWith("1-")) {
    const parts = text.split("-");
    return parts.length === 3
      ? `the X-Ray form needs 8 then 24 hex digits, got ${parts[1]?.length} and ${parts[2]?.length}`
      : "the X-Ray form has exactly two '-' after the leading 1";
  }
  const nonHex = text.match(/[^0-9a-f]/);
  if (nonHex) return `${JSON.stringify(nonHex[0])} is not a hex digit`;
  return `it has ${text.length} hex digits, not 32`;
}
