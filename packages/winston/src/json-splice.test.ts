import { freshCopy } from "@logtrace/testkit";
import logform from "logform";
import { describe, expect, it } from "vitest";
import { appendTail, isLogformJson, tailOf, writesCompactLine } from "./json-splice.js";

const MESSAGE = Symbol.for("message");

describe("json-splice", () => {
  it("recognises logform's json() only", () => {
    expect(isLogformJson(logform.format.json())).toBe(true);
    expect(isLogformJson(logform.format.json({ space: 2 }))).toBe(true);
    expect(isLogformJson(logform.format.combine(logform.format.json()))).toBe(false);
    expect(isLogformJson(logform.format.logstash())).toBe(false);
    expect(isLogformJson({ transform: (info: unknown) => info })).toBe(false);
  });

  it("recognises json() of another copy of logform (one for winston, one for us)", () => {
    const ours = logform.format.json(); // before the copy: logform loads json.js on first use
    const otherCopy = freshCopy<typeof logform>(import.meta.url, "logform");
    const otherJson = otherCopy.format.json();
    expect(otherJson.transform).not.toBe(ours.transform);
    expect(isLogformJson(otherJson)).toBe(true);
    expect(isLogformJson(otherCopy.format.logstash())).toBe(false);
    expect(isLogformJson(otherCopy.format.combine(otherCopy.format.json()))).toBe(false);
  });

  it("appends only to compact lines", () => {
    expect(writesCompactLine({})).toBe(true);
    expect(writesCompactLine(undefined)).toBe(true);
    expect(writesCompactLine({ space: 0 })).toBe(true);
    expect(writesCompactLine({ space: 2 })).toBe(false);
    expect(writesCompactLine({ space: "\t" })).toBe(false);
    expect(writesCompactLine({ replacer: () => undefined })).toBe(false);
  });

  it("appends members to an object line, and leaves any other line alone", () => {
    const record = (line: unknown) => ({ [MESSAGE]: line });
    const cases: [unknown, unknown, boolean][] = [
      ['{"a":1}', '{"a":1,"t":"x"}', true],
      ["{}", '{"t":"x"}', true],
      ['"a string"', '"a string"', false],
      ["[1]", "[1]", false],
      ["{", "{", false],
      [undefined, undefined, false],
    ];
    for (const [line, expected, appended] of cases) {
      const r = record(line);
      expect(appendTail(r, tailOf('"t":"x"'))).toBe(appended);
      expect(r[MESSAGE]).toBe(expected);
    }
  });
});
