// The programmatic resolver as an ES module app loads it: prints the resolution of this
// process's environment as one JSON line.
import { resolveAwsResourceAttributes } from "@logtrace/aws-resource";

const resolution = await resolveAwsResourceAttributes();
process.stdout.write(`${JSON.stringify(resolution)}\n`);
