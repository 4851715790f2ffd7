import type { EcsFixture } from "./fixture.js";

const account = "123456789123";

/**
 * FireLens on Fargate: the cluster is reported as an ARN, while `$(ecs_cluster)` in the Fluent Bit
 * options means its short name. The log router container logs to its own awslogs group, which is
 * not ours.
 */
function fargateFirelens(logOptions: Record<string, string>, expectedNames: string[]): EcsFixture {
  const cluster = `arn:aws:ecs:us-east-1:${account}:cluster/EcsStack-Cluster14AE103B-zJnVnD9x7R6g`;
  const taskArn = `arn:aws:ecs:us-east-1:${account}:task/EcsStack-Cluster14AE103B-zJnVnD9x7R6g/6b8cc0c5e5f94ebe888e690dbb051168`;
  const labels = (name: string) => ({
    "com.amazonaws.ecs.cluster": cluster,
    "com.amazonaws.ecs.container-name": name,
    "com.amazonaws.ecs.task-arn": taskArn,
    "com.amazonaws.ecs.task-definition-family": "EcsStackTaskDefinitionF683F4B2",
    "com.amazonaws.ecs.task-definition-version": "95",
  });
  const app = {
    DockerId: "6b8cc0c5e5f94ebe888e690dbb051168-0527074092",
    Name: "app",
    DockerName: "app",
    Labels: labels("app"),
    Type: "NORMAL",
    ContainerARN: `arn:aws:ecs:us-east-1:${account}:container/EcsStack-Cluster14AE103B-zJnVnD9x7R6g/6b8cc0c5e5f94ebe888e690dbb051168/8059f724-8aeb-4554-afd9-bddf9f15b80e`,
    LogDriver: "awsfirelens",
    LogOptions: logOptions,
  };
  const router = {
    ...app,
    Name: "log_router",
    DockerName: "log_router",
    DockerId: "6b8cc0c5e5f94ebe888e690dbb051168-router",
    Labels: labels("log_router"),
    LogDriver: "awslogs",
    LogOptions: {
      "awslogs-group": "EcsStack-TaskDefinitionlogRouterLogGroup27EC9B3C-OxmB1VpOf8SS",
      "awslogs-region": "us-east-1",
      "awslogs-stream": "firelens/log_router/6b8cc0c5e5f94ebe888e690dbb051168",
    },
  };
  return {
    description: `Fargate FireLens ${JSON.stringify(logOptions)}`,
    container: app,
    task: {
      Cluster: cluster,
      TaskARN: taskArn,
      Family: "EcsStackTaskDefinitionF683F4B2",
      Revision: "95",
      AvailabilityZone: "us-east-1b",
      LaunchType: "FARGATE",
      Containers: [app, router],
    },
    expected: {
      logGroupNames: expectedNames,
      logGroupArns: expectedNames.map(
        (name) => `arn:aws:logs:us-east-1:${account}:log-group:${name}`,
      ),
      region: "us-east-1",
      accountId: account,
    },
  };
}

export const firelensTemplates = fargateFirelens(
  {
    Name: "cloudwatch_logs",
    region: "us-east-1",
    log_group_name: "/aws/ecs/$(ecs_cluster)/app-$(ecs_task_id)",
    log_stream_prefix: "app-",
    auto_create_group: "true",
  },
  ["/aws/ecs/EcsStack-Cluster14AE103B-zJnVnD9x7R6g/app-6b8cc0c5e5f94ebe888e690dbb051168"],
);

/** `$(uuid)` is only known to Fluent Bit: no group can be named from the metadata. */
export const firelensUnresolvable = fargateFirelens(
  { Name: "cloudwatch", region: "us-east-1", log_group_name: "/app/$(uuid)", log_stream_name: "x" },
  [],
);

/** A custom Fluent Bit config file: the metadata carries no destination at all. */
export const firelensCustomConfig = fargateFirelens({}, []);

/**
 * EC2, bridge network, FireLens with the Go `cloudwatch` output, the cluster given by its short
 * name; modelled on the container captured in aws-for-fluent-bit's public tests.
 */
export const ec2BridgeFirelens: EcsFixture = (() => {
  const taskArn = `arn:aws:ecs:us-west-2:${account}:task/ecs-cluster/4ca5a280e68947cd84a8357f0d008fb5`;
  const container = {
    DockerId: "f2eb74ec6624e8f0ed4763f3c1b5dd6da6fc7810d4df83245fe419f28d34cbf4",
    Name: "app",
    DockerName: "ecs-code_test_A-35-app-beacfe98d8fabbc01400",
    Image: "nginx:latest",
    Labels: {
      "com.amazonaws.ecs.cluster": "ecs-cluster",
      "com.amazonaws.ecs.container-name": "app",
      "com.amazonaws.ecs.task-arn": taskArn,
      "com.amazonaws.ecs.task-definition-family": "code_test_A",
      "com.amazonaws.ecs.task-definition-version": "35",
    },
    DesiredStatus: "RUNNING",
    KnownStatus: "RUNNING",
    Type: "NORMAL",
    LogDriver: "awsfirelens",
    LogOptions: {
      Name: "cloudwatch",
      auto_create_group: "true",
      log_group_name: "/aws/ecs/containerinsights/$(ecs_cluster)/app_user",
      log_stream_name: "$(ecs_task_id)",
      region: "us-west-2",
      retry_limit: "2",
    },
    ContainerARN: `arn:aws:ecs:us-west-2:${account}:container/ecs-cluster/4ca5a280e68947cd84a8357f0d008fb5/65feb143-c5a1-4bcf-b524-0953a02524bf`,
    Networks: [{ NetworkMode: "bridge", IPv4Addresses: ["172.17.0.3"] }],
  };
  const name = "/aws/ecs/containerinsights/ecs-cluster/app_user";
  return {
    description: "EC2 bridge, FireLens cloudwatch output, short cluster name",
    container,
    task: {
      Cluster: "ecs-cluster",
      TaskARN: taskArn,
      Family: "code_test_A",
      Revision: "35",
      AvailabilityZone: "us-west-2c",
      LaunchType: "EC2",
      Containers: [container],
    },
    expected: {
      logGroupNames: [name],
      logGroupArns: [`arn:aws:logs:us-west-2:${account}:log-group:${name}`],
      region: "us-west-2",
      accountId: account,
    },
  };
})();
