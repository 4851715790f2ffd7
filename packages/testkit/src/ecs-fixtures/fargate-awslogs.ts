import type { EcsFixture } from "./fixture.js";

const account = "111122223333";
const taskArn = `arn:aws:ecs:us-west-2:${account}:task/default/e9028f8d5d8e4f258373e7b93ce9a3c3`;
const labels = (name: string) => ({
  "com.amazonaws.ecs.cluster": `arn:aws:ecs:us-west-2:${account}:cluster/default`,
  "com.amazonaws.ecs.container-name": name,
  "com.amazonaws.ecs.task-arn": taskArn,
  "com.amazonaws.ecs.task-definition-family": "curltest",
  "com.amazonaws.ecs.task-definition-version": "3",
});

/**
 * Fargate, awslogs, modelled on the AWS docs' task metadata v4 example. The task also runs an
 * ADOT init container and a FireLens router, each with its own awslogs group: the field report's
 * trap (the collector's ECS detector took those groups too). Only `app` is ours.
 */
const app = {
  DockerId: "e9028f8d5d8e4f258373e7b93ce9a3c3-2495160603",
  Name: "app",
  DockerName: "app",
  Image: `${account}.dkr.ecr.us-west-2.amazonaws.com/app:latest`,
  Labels: labels("app"),
  DesiredStatus: "RUNNING",
  KnownStatus: "RUNNING",
  Limits: { CPU: 10, Memory: 128 },
  Type: "NORMAL",
  Networks: [{ NetworkMode: "awsvpc", IPv4Addresses: ["192.0.2.3"] }],
  ContainerARN: `arn:aws:ecs:us-west-2:${account}:container/1bdcca8b-f905-4ee6-885c-4064cb70f6e6`,
  LogOptions: {
    "awslogs-create-group": "true",
    "awslogs-group": "/ecs/containerlogs",
    "awslogs-region": "us-west-2",
    "awslogs-stream": "ecs/app/e9028f8d5d8e4f258373e7b93ce9a3c3",
  },
  LogDriver: "awslogs",
};

const sidecar = (name: string, group: string) => ({
  ...app,
  Name: name,
  DockerName: name,
  DockerId: `e9028f8d5d8e4f258373e7b93ce9a3c3-${name}`,
  Labels: labels(name),
  ContainerARN: `arn:aws:ecs:us-west-2:${account}:container/${name}-0000-4000-8000-000000000000`,
  LogOptions: { ...app.LogOptions, "awslogs-group": group, "awslogs-stream": `${name}/x` },
});

export const fargateAwslogs: EcsFixture = {
  description: "Fargate, awslogs to /ecs/containerlogs; init and log-router sidecars log elsewhere",
  container: app,
  task: {
    Cluster: `arn:aws:ecs:us-west-2:${account}:cluster/default`,
    TaskARN: taskArn,
    Family: "curltest",
    Revision: "3",
    DesiredStatus: "RUNNING",
    KnownStatus: "RUNNING",
    Limits: { CPU: 0.25, Memory: 512 },
    AvailabilityZone: "us-west-2a",
    Containers: [
      app,
      sidecar("init", "/ecs/adot-init"),
      sidecar("log_router", "/ecs/firelens-router"),
    ],
    LaunchType: "FARGATE",
  },
  expected: {
    logGroupNames: ["/ecs/containerlogs"],
    logGroupArns: [`arn:aws:logs:us-west-2:${account}:log-group:/ecs/containerlogs`],
    region: "us-west-2",
    accountId: account,
  },
};
