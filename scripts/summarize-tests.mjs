// Sums the JSON reports every vitest run leaves in <package>/test-results/ into one closing
// line, `tests: N passed, N failed, N skipped`; exits non-zero if any failed or none ran.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const roots = [
  join('bench', 'test-results'),
  ...['apps', 'packages'].flatMap((dir) => {
    try {
      return readdirSync(dir).map((name) => join(dir, name, 'test-results'));
    } catch {
      return [];
    }
  }),
];
let passed = 0;
let failed = 0;
let skipped = 0;
for (const dir of roots) {
  let files = [];
  try {
    files = readdirSync(dir).filter((name) => name.endsWith('.json'));
  } catch {
    continue;
  }
  for (const file of files) {
    const report = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    skipped += report.numPendingTests + report.numTodoTests;
    if (report.success === false && report.numFailedTests === 0) failed += 1;
  }
}
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
