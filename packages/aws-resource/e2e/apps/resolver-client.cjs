// The programmatic resolver as a CommonJS app loads it: prints the resolution of this process's
// environment as one JSON line.
const { resolveAwsResourceAttributes } = require("@logtrace/aws-resource");

resolveAwsResourceAttributes().then((resolution) => {
  process.stdout.write(`${JSON.stringify(resolution)}\n`);
});
