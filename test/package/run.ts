/**
 * The package smoke test (`node out/test/package/run.js`; `npm test` runs it as its `package`
 * layer): builds the .vsix (`npm run package`, or takes `PM_VSIX`), installs it into a fresh
 * extensions folder with code-server's `--install-extension`, and runs test/package/*.ptest.js
 * in that VS Code against the INSTALLED extension, not this folder.
 *
 * VS Code runs extension tests only in a development window, so the window gets a development
 * extension all the same: an empty one made here (no code, no contributions). The tests check
 * that Peer Mentoring itself was loaded from the extensions folder (`PM_EXTENSIONS_DIR`).
 * Host: code-server (scripts/vscode-host/), installed on first use. `PM_RESULTS_FILE` receives
 * the counts.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { runTests } from '@vscode/test-electron';
import { ROOT as root, inTempDir, runAsMain, testEnv, userDataDir } from '../integration/launch';
import { makeWorkspace } from '../integration/run';
export const EXTENSION_ID = 'peer-mentoring.peer-mentoring';


interface HostPaths {
  node: string;
  codeServer: string;
}

/** A development extension with nothing in it: the window needs one to run tests. */
function emptyExtension(dir: string): string {
  fs.mkdirSync(dir, { recursive: true });
  const manifest = { name: 'package-smoke-test', publisher: 'peer-mentoring-tests', version: '0.0.0', engines: { vscode: '*' } };
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
  return dir;
}

function buildVsix(tmp: string): string {
  const out = path.join(tmp, 'peer-mentoring.vsix');
  execFileSync(process.execPath, [path.join(root, 'scripts', 'package.js'), '--out', out], { cwd: root, stdio: 'inherit' });
  return out;
}

async function main(): Promise<number> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const installer = require(path.join(root, 'scripts', 'vscode-host', 'install.js')) as { install(): HostPaths };
  const host = installer.install();
  return inTempDir('pm-package-', 'package smoke test', async (tmp) => {
    const vsix = process.env.PM_VSIX ? path.resolve(process.env.PM_VSIX) : buildVsix(tmp);
    const extensionsDir = path.join(tmp, 'extensions');
    console.log(`installing ${vsix}`);
    // Its own lines only: the CLI also reports, at length, the log module the host leaves unbuilt (scripts/vscode-host/install.js).
    const said = execFileSync(host.node, [host.codeServer, '--extensions-dir', extensionsDir, '--user-data-dir', path.join(tmp, 'cli-data'), '--install-extension', vsix], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    for (const line of said.split('\n')) if (/^(Installing|Extension )/.test(line)) console.log(line);
    const installed = fs.readdirSync(extensionsDir).filter((d) => d.startsWith(`${EXTENSION_ID}-`));
    if (installed.length !== 1) throw new Error(`expected one ${EXTENSION_ID} in ${extensionsDir}, found: ${fs.readdirSync(extensionsDir).join(', ') || 'nothing'}`);
    await runTests({
      vscodeExecutablePath: path.join(root, 'scripts', 'vscode-host', 'code.js'),
      extensionDevelopmentPath: emptyExtension(path.join(tmp, 'empty-extension')),
      extensionTestsPath: path.join(__dirname, 'index.js'),
      extensionTestsEnv: { PM_RESULTS_FILE: process.env.PM_RESULTS_FILE, PM_EXTENSIONS_DIR: extensionsDir, PM_VSIX_FILE: vsix, ...testEnv(tmp) },
      launchArgs: [makeWorkspace(tmp), `--user-data-dir=${userDataDir(tmp)}`, `--extensions-dir=${extensionsDir}`],
    });
  });
}

runAsMain(module, main);
