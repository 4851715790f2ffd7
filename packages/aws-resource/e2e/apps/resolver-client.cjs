// The programmatic resolver as a CommonJS app loads it: prints the resolution of this process's
// environment as one JSON line.
const { resolveEcsResourceAttributes } = require("@logtrace/aws-resource");

resolveEcsResourceAttributes().then((resolution) => {
  process.stdout.write(`${JSON.stringify(resolution)}\n`);
});
