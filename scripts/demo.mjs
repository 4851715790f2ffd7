// `npm run demo`: the Express example traced and correlated end to end on this machine (see
// tools/harness/src/demo.ts). `--json` prints the result for machines. Exit code 1 unless
// every log line carries its request's trace.
import { renderDemo, runDemo } from "../tools/harness/dist/index.js";

const json = process.argv.includes("--json");
const result = await runDemo();
if (json) console.log(JSON.stringify(result, null, 2));
else console.log(renderDemo(result, true));
process.exitCode = result.correlated ? 0 : 1;
