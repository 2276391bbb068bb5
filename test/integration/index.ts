/**
 * The integration tests' entry point inside the VS Code extension host (`--extensionTestsPath`):
 * runs every `out/test/integration/**\/*.itest.js` (or, with `PM_ITEST_SUITE=screenshots`, every
 * `*.stest.js`: the README screenshots on the demo workspace; with `demo`, every `*.dtest.js`, on the
 * demo workspace too) with mocha, printing spec output to
 * the console (which the test host forwards to the terminal) and writing the counts to
 * `PM_RESULTS_FILE`. Rejects when a test fails, so the run's exit code is non-zero.
 * `PM_ITEST_GREP=text` runs only the tests whose full title contains it.
 */
import { findTests, runMocha } from './launch';

export function run(): Promise<void> {
  const suite = process.env.PM_ITEST_SUITE;
  const [ending, kind] = suite === 'screenshots' ? ['.stest.js', 'screenshot'] : suite === 'demo' ? ['.dtest.js', 'demo'] : ['.itest.js', 'integration'];
  return runMocha(findTests(__dirname, ending), kind, process.env.PM_ITEST_GREP);
}
