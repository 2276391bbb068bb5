/**
 * The package smoke test's entry point inside VS Code (`--extensionTestsPath`): runs
 * out/test/package/*.ptest.js with mocha, counts to `PM_RESULTS_FILE` (scripts/mocha-reporter.js).
 */
import { findTests, runMocha } from '../integration/launch';

export function run(): Promise<void> {
  return runMocha(findTests(__dirname, '.ptest.js'), 'package');
}
