import { describe, expect, it } from "vitest";
import { UsageError } from "../cli/usage-error.js";
import { parseTraceId } from "./trace-id.js";

// A trace id from the field report's log lines and its X-Ray spelling.
const HEX = "698c160176b2820f3142596543b58e08";
const XRAY = "1-698c1601-76b2820f3142596543b58e08";

describe("parseTraceId", () => {
  it("accepts 32 hex, the X-Ray form, an X-Amzn-Trace-Id value and a traceparent, all to one id", () => {
    for (const input of [
      HEX,
      HEX.toUpperCase(),
      ` ${XRAY} `,
      `Root=${XRAY};Parent=53995c3f42cd8ad8;Sampled=1`,
      `Self=1-67891234-12456789abcdef012345678;Root=${XRAY}`,
      `00-${HEX}-448e1d51d070a746-01`,
    ]) {
      expect(parseTraceId(input), input).toEqual({
        traceId: HEX,
        xrayTraceId: XRAY,
        embeddedEpochSeconds: 0x698c1601,
      });
    }
  });

  it("rejects bad ids with a message that says what is wrong", () => {
    const cases: Array<[string, RegExp]> = [
      ["", /it is empty/],
      [HEX.slice(0, 31), /31 hex digits, not 32/],
      [`${HEX}0`, /33 hex digits, not 32/],
      [`${HEX.slice(0, 31)}g`, /"g" is not a hex digit/],
      ["1-698c1601-76b2820f3142596543b58e0", /needs 8 then 24 hex digits, got 8 and 23/],
      ["1-698c1601", /exactly two '-'/],
      ["0".repeat(32), /all zeros/],
    ];
    for (const [input, message] of cases) {
      expect(() => parseTraceId(input), input).toThrow(UsageError);
      expect(() => parseTraceId(input), input).toThrow(message);
    }
  });
});
