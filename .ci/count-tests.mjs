// Sums the JSON reports every vitest run writes to test-results/vitest.json
// and prints the closing line CI reads: `N passed, N failed`.
import {readFileSync, readdirSync} from 'node:fs'
import {join} from 'node:path'

const reports = []
for (const group of ['packages', 'apps']) {
  for (const name of readdirSync(group)) reports.push(join(group, name, 'test-results/vitest.json'))
}
reports.push('tests/test-results/vitest.json')

let passed = 0
let failed = 0
let found = 0
for (const path of reports) {
  let report
  try {
    report = JSON.parse(readFileSync(path, 'utf8'))
  } catch {
    continue
  }
  found++
  passed += report.numPassedTests
  // A suite that failed to load has no failed test, but failed all the same.
  failed += report.numFailedTests + (report.numFailedTestSuites && !report.numFailedTests ? report.numFailedTestSuites : 0)
}
console.log(`${passed} passed, ${failed} failed`)
process.exit(found === 0 || passed === 0 ? 1 : 0)
