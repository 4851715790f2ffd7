import { describe, expect, it } from "vitest";
import { clusterShortName, logGroupArn, parseArn, taskIdOf } from "./arn.js";
import { containerLogGroups, resolveFirelensTemplate } from "./container-log-groups.js";

const task = {
  cluster: "arn:aws-us-gov:ecs:us-gov-west-1:123456789012:cluster/prod",
  taskArn: "arn:aws-us-gov:ecs:us-gov-west-1:123456789012:task/prod/abc123",
};

describe("ARNs", () => {
  it("parses every partition and builds log group ARNs in it", () => {
    const arn = parseArn(task.taskArn);
    expect(arn).toMatchObject({ partition: "aws-us-gov", region: "us-gov-west-1" });
    expect(
      logGroupArn({ partition: "aws-us-gov", region: "us-gov-west-1", account: "1" }, "/g"),
    ).toBe("arn:aws-us-gov:logs:us-gov-west-1:1:log-group:/g");
    expect(parseArn("not-an-arn")).toBeUndefined();
  });

  it("reads cluster short names and task ids in old and new formats", () => {
    expect(clusterShortName(task.cluster)).toBe("prod");
    expect(clusterShortName("short")).toBe("short");
    expect(taskIdOf(task.taskArn)).toBe("abc123");
    expect(taskIdOf("arn:aws:ecs:us-east-1:123456789012:task/old-format-id")).toBe("old-format-id");
  });
});

describe("FireLens templates", () => {
  it("resolves the ECS templates and refuses the ones only Fluent Bit knows", () => {
    expect(resolveFirelensTemplate("/$(ecs_cluster)/$(ecs_task_id)", task)).toEqual({
      name: "/prod/abc123",
    });
    expect(resolveFirelensTemplate("/$(ecs_cluster)/$(uuid)", task)).toEqual({
      unresolved: "$(uuid)",
    });
    expect(resolveFirelensTemplate("/$(ecs_cluster)", {})).toEqual({
      unresolved: "$(ecs_cluster)",
    });
  });

  it("says what to set instead for outputs other than CloudWatch and per-record templates", () => {
    const firelens = (LogOptions: Record<string, string>) =>
      containerLogGroups({ logDriver: "awsfirelens", logOptions: LogOptions, labels: {} }, task);
    expect(firelens({ Name: "firehose", delivery_stream: "s" }).missing).toMatch(/"firehose"/);
    expect(
      firelens({ Name: "cloudwatch_logs", log_group_name: "g", log_group_template: "$tag" })
        .missing,
    ).toMatch(/log_group_template/);
    expect(firelens({ Name: "cloudwatch", log_group_name: "$(ecs_task_arn)" }).missing).toMatch(
      /not a valid CloudWatch Logs group name/,
    );
    expect(firelens({ Name: "cloudwatch", log_group_name: "/g", region: "r" })).toEqual({
      names: ["/g"],
      region: "r",
    });
  });

  it("names drivers that do not write to CloudWatch", () => {
    expect(containerLogGroups({ logDriver: "json-file", labels: {} }, task).missing).toMatch(
      /"json-file"/,
    );
  });
});
