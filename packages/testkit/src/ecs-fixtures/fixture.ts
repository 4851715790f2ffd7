/** A task metadata v4 pair: `GET ${uri}` (this container) and `GET ${uri}/task`. */
export interface EcsFixture {
  description: string;
  container: Record<string, unknown>;
  task: Record<string, unknown>;
  /** What a correct resolver finds for this container (empty when nothing can be found). */
  expected: {
    logGroupNames: string[];
    logGroupArns: string[];
    region: string;
    accountId: string;
  };
}
