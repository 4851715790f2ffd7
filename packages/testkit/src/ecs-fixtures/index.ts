import { awsCn, noLogDriver } from "./aws-cn.js";
import { fargateAwslogs } from "./fargate-awslogs.js";
import {
  ec2BridgeFirelens,
  firelensCustomConfig,
  firelensTemplates,
  firelensUnresolvable,
} from "./firelens.js";

export type { EcsFixture } from "./fixture.js";

/** Every fixture by name; tests iterate this object rather than keeping their own list. */
export const ecsFixtures = {
  "fargate-awslogs": fargateAwslogs,
  "firelens-templates": firelensTemplates,
  "ec2-bridge-firelens": ec2BridgeFirelens,
  "aws-cn": awsCn,
  "firelens-unresolvable": firelensUnresolvable,
  "firelens-custom-config": firelensCustomConfig,
  "no-log-driver": noLogDriver,
};

export type EcsFixtureName = keyof typeof ecsFixtures;
