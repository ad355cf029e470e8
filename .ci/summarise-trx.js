// Prints the closing line CI reads, "N passed, N failed, N skipped", summed over every TRX file in a folder.
const fs = require("fs");
const path = require("path");
const dir = process.argv[2];
let passed = 0, failed = 0, skipped = 0;
const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith(".trx")) : [];
for (const file of files) {
  const counters = /<Counters\b([^>]*)\/?>/.exec(fs.readFileSync(path.join(dir, file), "utf8"));
  if (!counters) continue;
  const get = (name) => Number((new RegExp(`\\b${name}="(\\d+)"`).exec(counters[1]) || [0, 0])[1]);
  passed += get("passed");
  failed += get("failed") + get("error") + get("timeout") + get("aborted");
  skipped += get("notExecuted");
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
