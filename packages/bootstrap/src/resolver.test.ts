import * as awsResource from "@logtrace/aws-resource";
import { expect, it } from "vitest";
import * as resolver from "./resolver.js";

it("@logtrace/bootstrap/resolver is @logtrace/aws-resource name for name, plus the former names", () => {
  const { resolveEcsResourceAttributes, resolveEcsResourceAttributesSync, ...rest } = resolver;
  const reexported = new Map(Object.entries(rest));
  expect([...reexported.keys()].sort()).toEqual(Object.keys(awsResource).sort());
  for (const [name, value] of Object.entries(awsResource)) {
    expect(reexported.get(name), name).toBe(value);
  }
  expect(resolveEcsResourceAttributes).toBe(awsResource.resolveAwsResourceAttributes);
  expect(resolveEcsResourceAttributesSync).toBe(awsResource.resolveAwsResourceAttributesSync);
});
