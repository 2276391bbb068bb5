/**
 * The integration tests' entry point inside the VS Code extension host (`--extensionTestsPath`):
 * runs every `out/test/integration/**\/*.itest.js` (or, with `PM_ITEST_SUITE=screenshots`, every
 * `*.stest.js`: the README screenshots on the demo workspace) with mocha (bdd), printing spec output to the
 * console (which the test host forwards to the terminal) and writing the counts to
 * `PM_RESULTS_FILE` through scripts/mocha-reporter.js. Rejects when a test fails, so the run's
 * exit code is non-zero. `PM_ITEST_GREP=text` runs only the tests whose full title contains it.
 */
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';

function findTests(dir: string, suffix: string): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...findTests(full, suffix));
    else if (entry.name.endsWith(suffix)) found.push(full);
  }
  return found.sort();
}

export function run(): Promise<void> {
  const root = path.resolve(__dirname, '..', '..', '..');
  const mocha = new Mocha({
    ui: 'bdd',
    timeout: 60000,
    color: false,
    reporter: path.join(root, 'scripts', 'mocha-reporter.js'),
    grep: process.env.PM_ITEST_GREP || undefined,
  });
  const suffix = process.env.PM_ITEST_SUITE === 'screenshots' ? '.stest.js' : '.itest.js';
  for (const file of findTests(__dirname, suffix)) mocha.addFile(file);
  return new Promise((resolve, reject) => {
    try {
      mocha.run((failures) => (failures ? reject(new Error(`${failures} integration test(s) failed`)) : resolve()));
    } catch (e) {
      reject(e);
    }
  });
}
