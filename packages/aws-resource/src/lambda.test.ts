import { createServer } from "node:http";
import { describe, expect, it } from "vitest";
import { resolveAwsResourceAttributes, resolveAwsResourceAttributesSync } from "./resolve.js";

const LAMBDA = {
  AWS_LAMBDA_FUNCTION_NAME: "orders",
  AWS_LAMBDA_FUNCTION_VERSION: "$LATEST",
  AWS_LAMBDA_LOG_GROUP_NAME: "/aws/lambda/orders",
  AWS_REGION: "eu-west-1",
};

describe("on Lambda", () => {
  it("names the runtime's group, synchronously, with the Lambda attributes and no ARN", () => {
    const resolution = resolveAwsResourceAttributesSync({
      env: { ...LAMBDA, OTEL_RESOURCE_ATTRIBUTES: "service.name=orders" },
    });
    expect(resolution).toMatchObject({
      source: "lambda",
      platform: "lambda",
      logGroupNames: ["/aws/lambda/orders"],
      logGroupArns: [],
    });
    expect(resolution?.otelResourceAttributes).toBe(
      "service.name=orders,aws.log.group.names=/aws/lambda/orders,cloud.provider=aws,cloud.platform=aws_lambda,cloud.region=eu-west-1,faas.name=orders,faas.version=$LATEST",
    );
    expect(resolution?.diagnostics[0]?.message).toMatch(/from AWS_LAMBDA_LOG_GROUP_NAME/);
    expect(resolution?.diagnostics.filter((d) => d.level === "warn")).toEqual([]);
  });

  it("touches no network, even with the metadata variables of other platforms around", async () => {
    let requests = 0;
    const server = createServer((_q, r) => {
      requests += 1;
      r.end("{}");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    const resolution = await resolveAwsResourceAttributes({
      env: { ...LAMBDA, AWS_EC2_METADATA_SERVICE_ENDPOINT: url },
    });
    server.close();
    expect(resolution.source).toBe("lambda");
    expect(requests).toBe(0);
  });

  it("the user's own setting wins: OTEL_RESOURCE_ATTRIBUTES, then LOGTRACE_LOG_GROUP_NAMES", () => {
    const user = resolveAwsResourceAttributesSync({
      env: { ...LAMBDA, OTEL_RESOURCE_ATTRIBUTES: "aws.log.group.names=/mine" },
    });
    expect(user?.source).toBe("user");
    expect(user?.logGroupNames).toEqual(["/mine"]);
    expect(user?.attributes["aws.log.group.names"]).toBeUndefined();
    expect(user?.attributes["cloud.platform"]).toBe("aws_lambda");
    const env = resolveAwsResourceAttributesSync({
      env: { ...LAMBDA, LOGTRACE_LOG_GROUP_NAMES: "/custom" },
    });
    expect(env?.source).toBe("env");
    expect(env?.attributes["aws.log.group.names"]).toBe("/custom");
  });

  it("without AWS_LAMBDA_LOG_GROUP_NAME (SnapStart): no guess, one warning", () => {
    const resolution = resolveAwsResourceAttributesSync({
      env: { AWS_LAMBDA_FUNCTION_NAME: "orders", AWS_REGION: "eu-west-1" },
    });
    expect(resolution?.source).toBe("none");
    expect(resolution?.logGroupNames).toEqual([]);
    const warnings = resolution?.diagnostics.filter((d) => d.level === "warn") ?? [];
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.message).toMatch(/SnapStart/);
  });
});
