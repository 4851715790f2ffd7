import { readFileSync } from "node:fs";
import { type EcsFixture, ecsFixtures } from "@logtrace/testkit";
import { expressPinoDir } from "./express-pino.js";

interface ContainerDefinition {
  name: string;
  environment?: { name: string; value: string }[];
  logConfiguration: { logDriver: string; options: Record<string, string> };
}

/** The app container of the Express example's ECS task definition (the one using FireLens). */
export function exampleAppContainer(): ContainerDefinition {
  const file = `${expressPinoDir}ecs/task-definition.json`;
  const taskDefinition = JSON.parse(readFileSync(file, "utf8")) as {
    containerDefinitions: ContainerDefinition[];
  };
  const app = taskDefinition.containerDefinitions.find(
    (container) => container.logConfiguration.logDriver === "awsfirelens",
  );
  if (!app) throw new Error(`${file} has no container logging through FireLens`);
  return app;
}

/** The app container's environment as the task definition sets it. */
export function taskEnvironment(app = exampleAppContainer()): Record<string, string> {
  return Object.fromEntries((app.environment ?? []).map(({ name, value }) => [name, value]));
}

/**
 * What the ECS task metadata endpoint answers inside that container: a Fargate FireLens task like
 * the field report's, with the FireLens options the task definition gives the app.
 */
export function taskMetadataFixture(app = exampleAppContainer()): EcsFixture {
  const base = ecsFixtures["firelens-templates"];
  const container = { ...base.container, LogOptions: app.logConfiguration.options };
  const containers = (base.task.Containers as Record<string, unknown>[]).map((entry) =>
    entry.Name === base.container.Name ? container : entry,
  );
  const group = app.logConfiguration.options.log_group_name as string;
  return {
    description: `${base.description}, options of examples/express-pino/ecs/task-definition.json`,
    container,
    task: { ...base.task, Containers: containers },
    expected: {
      ...base.expected,
      logGroupNames: [group],
      logGroupArns: [
        `arn:aws:logs:${base.expected.region}:${base.expected.accountId}:log-group:${group}`,
      ],
    },
  };
}
