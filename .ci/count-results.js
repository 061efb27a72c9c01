// Sums the counters of every TRX file dotnet test wrote and prints "N passed, N failed".
// A failed run that produced no results (e.g. the build broke) counts as one failure, never as a clean run.
const fs = require("fs");
const path = require("path");
const [folder, status] = process.argv.slice(2);
let passed = 0, failed = 0;
const files = fs.existsSync(folder) ? fs.readdirSync(folder).filter((f) => f.endsWith(".trx")) : [];
for (const file of files) {
  const text = fs.readFileSync(path.join(folder, file), "utf8");
  const counters = text.match(/<Counters\b[^>]*>/);
  if (!counters) continue;
  const count = (name) => Number((counters[0].match(new RegExp(`\\b${name}="(\\d+)"`)) || [, 0])[1]);
  passed += count("passed");
  failed += count("failed") + count("error") + count("timeout") + count("aborted");
}
if (Number(status) !== 0 && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed`);
