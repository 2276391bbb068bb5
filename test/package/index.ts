/**
 * The package smoke test's entry point inside VS Code (`--extensionTestsPath`): runs
 * out/test/package/*.ptest.js with mocha, counts to `PM_RESULTS_FILE` (scripts/mocha-reporter.js).
 */
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const root = path.resolve(__dirname, '..', '..', '..');
  const mocha = new Mocha({ ui: 'bdd', timeout: 60000, color: false, reporter: path.join(root, 'scripts', 'mocha-reporter.js') });
  for (const f of fs.readdirSync(__dirname).filter((f) => f.endsWith('.ptest.js')).sort()) mocha.addFile(path.join(__dirname, f));
  return new Promise((resolve, reject) => {
    try {
      mocha.run((failures) => (failures ? reject(new Error(`${failures} package test(s) failed`)) : resolve()));
    } catch (e) {
      reject(e);
    }
  });
}
