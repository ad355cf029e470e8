// Prints the closing line CI reads, "N passed, N failed, N skipped", summed over the TRX files in a folder.
//   node .ci/summarise-trx.js <results-dir> <dotnet-test-exit-status> <test project files...>
// A project that left no results (its test host crashed or timed out) counts as a failure, as does a failed run
// whose results show none: the line must never read as green when the run was not.
const fs = require("fs");
const path = require("path");
const [dir, status = "0", ...projects] = process.argv.slice(2);
let passed = 0, failed = 0, skipped = 0;
const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith(".trx")) : [];
for (const file of files) {
  const counters = /<Counters\b([^>]*)\/?>/.exec(fs.readFileSync(path.join(dir, file), "utf8"));
  if (!counters) { failed++; continue; }
  const get = (name) => Number((new RegExp(`\\b${name}="(\\d+)"`).exec(counters[1]) || [0, 0])[1]);
  passed += get("passed");
  failed += get("failed") + get("error") + get("timeout") + get("aborted");
  // xunit's skipped tests are counted in total but not in executed, and not always in notExecuted.
  skipped += Math.max(get("notExecuted"), get("total") - get("executed"));
}
for (const project of projects) {
  const name = path.basename(project, ".csproj");
  if (!files.includes(`${name}.trx`)) { console.error(`${name}: no test results`); failed++; }
}
if (status !== "0" && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
