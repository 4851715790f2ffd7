import * as awsResource from "@logtrace/aws-resource";
import { expect, it } from "vitest";
import * as resolver from "./resolver.js";

it("@logtrace/bootstrap/resolver is @logtrace/aws-resource, name for name", () => {
  const reexported = new Map(Object.entries(resolver));
  expect([...reexported.keys()].sort()).toEqual(Object.keys(awsResource).sort());
  for (const [name, value] of Object.entries(awsResource)) {
    expect(reexported.get(name), name).toBe(value);
  }
});
