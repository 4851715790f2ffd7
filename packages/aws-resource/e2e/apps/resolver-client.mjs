// The programmatic resolver as an ES module app loads it: prints the resolution of this
// process's environment as one JSON line.
import { resolveEcsResourceAttributes } from "@logtrace/aws-resource";

const resolution = await resolveEcsResourceAttributes();
process.stdout.write(`${JSON.stringify(resolution)}\n`);
