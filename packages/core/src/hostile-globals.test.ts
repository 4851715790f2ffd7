import { globalCorruptions, withCorruptedGlobal } from "@logtrace/testkit";
import { describe, expect, it } from "vitest";
import { getTraceContext } from "./trace-context.js";

describe("getTraceContext with a broken global registry", () => {
  it.each(globalCorruptions.map((c) => [c.name, c] as const))(
    "yields no context for: %s",
    (_name, corruption) => {
      withCorruptedGlobal(corruption, () => {
        expect(() => getTraceContext()).not.toThrow();
        expect(getTraceContext()).toBeUndefined();
      });
    },
  );
});
