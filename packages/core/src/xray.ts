/** AWS X-Ray form of a 32-hex W3C trace id: `1-<8 hex epoch>-<24 hex>`. */
export function toXrayTraceId(traceId: string): string {
  return `1-${traceId.slice(0, 8)}-${traceId.slice(8)}`;
}
