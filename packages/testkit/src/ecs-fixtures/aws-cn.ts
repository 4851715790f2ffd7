import type { EcsFixture } from "./fixture.js";

const account = "210987654321";
const taskArn = `arn:aws-cn:ecs:cn-north-1:${account}:task/prod/0f9b1a7e3c7d4c8e9a1b2c3d4e5f6a7b`;

/** A Fargate task in the China partition: every ARN we build must say `aws-cn`. */
const container = {
  DockerId: "0f9b1a7e3c7d4c8e9a1b2c3d4e5f6a7b-1234567890",
  Name: "api",
  DockerName: "api",
  Labels: {
    "com.amazonaws.ecs.cluster": `arn:aws-cn:ecs:cn-north-1:${account}:cluster/prod`,
    "com.amazonaws.ecs.container-name": "api",
    "com.amazonaws.ecs.task-arn": taskArn,
    "com.amazonaws.ecs.task-definition-family": "api",
    "com.amazonaws.ecs.task-definition-version": "12",
  },
  Type: "NORMAL",
  ContainerARN: `arn:aws-cn:ecs:cn-north-1:${account}:container/prod/0f9b1a7e3c7d4c8e9a1b2c3d4e5f6a7b/3f1e2d3c-4b5a-4968-8776-655443322110`,
  LogDriver: "awslogs",
  LogOptions: { "awslogs-group": "/ecs/api", "awslogs-stream": "ecs/api/0f9b1a7e" },
};

export const awsCn: EcsFixture = {
  description: "Fargate in aws-cn (cn-north-1), awslogs without awslogs-region",
  container,
  task: {
    Cluster: `arn:aws-cn:ecs:cn-north-1:${account}:cluster/prod`,
    TaskARN: taskArn,
    Family: "api",
    Revision: "12",
    AvailabilityZone: "cn-north-1a",
    LaunchType: "FARGATE",
    Containers: [container],
  },
  expected: {
    logGroupNames: ["/ecs/api"],
    logGroupArns: [`arn:aws-cn:logs:cn-north-1:${account}:log-group:/ecs/api`],
    region: "cn-north-1",
    accountId: account,
  },
};

/** Newer Fargate platform versions report containers without any LogDriver. */
export const noLogDriver: EcsFixture = {
  description: "Fargate container without LogDriver/LogOptions",
  container: { ...container, LogDriver: undefined, LogOptions: undefined },
  task: { ...awsCn.task, Containers: [] },
  expected: { ...awsCn.expected, logGroupNames: [], logGroupArns: [] },
};
