import type { ReadableSpan } from "@opentelemetry/sdk-trace";
import type { Report } from "../../report.js";
import { load } from "../load.js";
import type { TraceSerializer } from "./otlp-http-exporter.js";
import type { HttpProtocol } from "./otlp-target.js";
import { encodeTraceRequest } from "./protobuf/trace-request.js";

type Transformer = typeof import("@opentelemetry/otlp-transformer");

/**
 * The serialiser of an OTLP/HTTP protocol. http/protobuf is our own encoder, which writes the
 * official serialiser's bytes; a batch it cannot encode (it throws on what the SDK never makes)
 * goes through `@opentelemetry/otlp-transformer` instead, said once at debug, so no batch is lost.
 * http/json is the official serialiser. `@opentelemetry/otlp-transformer` is loaded only when
 * one of those needs it.
 */
export function traceSerializer(protocol: HttpProtocol, report: Report): TraceSerializer {
  let transformer: Transformer | undefined;
  const official = () => {
    transformer ??= load("@opentelemetry/otlp-transformer") as Transformer;
    return protocol === "http/json"
      ? transformer.JsonTraceSerializer
      : transformer.ProtobufTraceSerializer;
  };
  if (protocol === "http/json") {
    return { serializeRequest: (spans) => official().serializeRequest(spans) };
  }
  let said = false;
  return {
    serializeRequest(spans: ReadableSpan[]) {
      try {
        return encodeTraceRequest(spans);
      } catch (error) {
        if (!said) {
          said = true;
          report({
            level: "debug",
            message: `OTLP encoder: ${(error as Error).message}; such batches are serialised by @opentelemetry/otlp-transformer`,
          });
        }
        return official().serializeRequest(spans);
      }
    },
  };
}
