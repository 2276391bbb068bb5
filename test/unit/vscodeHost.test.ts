import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Host } from '../integration/host';
import { makeWorkspace, pickHost } from '../integration/run';

const root = path.resolve(__dirname, '..', '..', '..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const driver = require(path.join(root, 'scripts', 'vscode-host', 'code.js')) as {
  parseArgs(argv: string[]): { devPaths: string[]; testsPath: string; userDataDir?: string; extensionsDir?: string; disable: string[]; disableAll: boolean; folder?: string };
  WORKBENCH_NOISE: RegExp[];
  REQUEST: string;
};

describe('VS Code test host', () => {
  let tmp: string;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-host-test-'));
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  describe('driver arguments', () => {
    it('reads what test-electron passes, ignoring desktop-only flags', () => {
      const a = driver.parseArgs([
        '/ws',
        '--user-data-dir=/u',
        '--extensions-dir=/e',
        '--no-sandbox',
        '--disable-gpu-sandbox',
        '--disable-updates',
        '--skip-welcome',
        '--disable-workspace-trust',
        '--extensionTestsPath=/repo/out/test/integration/index.js',
        '--extensionDevelopmentPath=/repo',
        '--disable-extension',
        'vscode.git',
      ]);
      assert.deepStrictEqual(a, {
        devPaths: ['/repo'],
        testsPath: '/repo/out/test/integration/index.js',
        userDataDir: '/u',
        extensionsDir: '/e',
        disable: ['vscode.git'],
        disableAll: false,
        folder: '/ws',
      });
      assert.strictEqual(driver.parseArgs(['--extensionDevelopmentPath=/r', '--extensionTestsPath=/t', '--disable-extensions']).disableAll, true);
    });

    it('refuses a run without the extension or its tests', () => {
      assert.throws(() => driver.parseArgs(['/ws', '--extensionTestsPath=/t']), /missing --extensionDevelopmentPath/);
      assert.throws(() => driver.parseArgs(['/ws', '--extensionDevelopmentPath=/r']), /missing --extensionTestsPath/);
    });

    it("hides the workbench's routine log lines but never test output", () => {
      const noisy = (line: string) => driver.WORKBENCH_NOISE.some((re) => re.test(line));
      assert.ok(noisy('[AgentHost] No signed-in session resolved for resource: https://api.github.com'));
      assert.ok(noisy('[AgentHost:remote] Initializing (remoteAuthority=127.0.0.1:1)'));
      assert.ok(noisy('Extension host (Remote) is unresponsive.'));
      assert.ok(noisy('getaddrinfo ENOTFOUND open-vsx.org: Failed: getaddrinfo ENOTFOUND open-vsx.org'));
      // The native modules the install leaves unbuilt, as VS Code reports them at start.
      assert.ok(noisy('Error: Could not locate the bindings file. Tried:\n → /h/cs/node_modules/code-server/lib/vscode/node_modules/@vscode/spdlog/build/spdlog.node\n    at bindings (x.js:1:1)'));
      assert.ok(noisy("Cannot find module './build/Release/watchdog'\nRequire stack:\n- /h/lib/vscode/node_modules/@vscode/native-watchdog/index.js"));
      assert.ok(!noisy("Error: Cannot find module './build/Release/thing'\n- /repo/node_modules/thing/index.js"), 'other modules are not hidden');
      for (const line of ['  activation', '    ✔ opens the workspace (12ms)', '  1) activation', 'AssertionError [ERR_ASSERTION]: Expected values to be strictly equal:', '  5 passing (22s)']) {
        assert.ok(!noisy(line), line);
      }
    });
  });

  describe('UI channel client', () => {
    it('is unavailable without a driver, with the reason', async () => {
      const host = new Host(undefined);
      assert.strictEqual(host.available, false);
      assert.match(host.reason, /code-server/);
      await assert.rejects(host.press('F1'), /unavailable: no browser driver/);
      assert.strictEqual(new Host(path.join(tmp, 'missing')).available, false);
    });

    it('sends a request line and returns the reply, or its error', async () => {
      const host = new Host(tmp);
      assert.strictEqual(host.available, true);
      const sent: unknown[] = [];
      const log = console.log;
      console.log = (line: string) => {
        assert.ok(line.startsWith(driver.REQUEST), line);
        const req = JSON.parse(line.slice(driver.REQUEST.length)) as { id: number; op: string };
        sent.push(req);
        const reply = req.op === 'domText' ? { id: req.id, ok: true, value: ['a', 'b'] } : { id: req.id, ok: false, error: 'no such element' };
        setTimeout(() => fs.writeFileSync(path.join(tmp, `reply-${req.id}.json`), JSON.stringify(reply)), 30);
      };
      try {
        assert.deepStrictEqual(await host.domText('.row', ['iframe']), ['a', 'b']);
        await assert.rejects(host.click('.nothing'), /click failed in the browser: no such element/);
      } finally {
        console.log = log;
      }
      assert.deepStrictEqual(
        sent.map((r) => ({ ...(r as object), id: 0 })),
        [
          { id: 0, op: 'domText', selector: '.row', frames: ['iframe'] },
          { id: 0, op: 'click', selector: '.nothing' },
        ],
      );
      assert.deepStrictEqual(fs.readdirSync(tmp), [], 'reply files are consumed');
    });

    it('gives up when the driver does not answer', async () => {
      const host = new Host(tmp);
      const log = console.log;
      console.log = () => undefined;
      try {
        await assert.rejects(host.request({ op: 'press', key: 'F1' }, 100), /did not answer press within 100 ms/);
      } finally {
        console.log = log;
      }
    });

    it('checks screenshot names', async () => {
      await assert.rejects(new Host(tmp).screenshot('../x'), /screenshot name/);
    });
  });

  describe('host choice', () => {
    it('uses code-server unless desktop VS Code is asked for or at hand', () => {
      assert.strictEqual(pickHost({ PM_VSCODE_HOST: 'code-server', VSCODE_EXECUTABLE: '/opt/code' }).kind, 'code-server');
      assert.deepStrictEqual(pickHost({ PM_VSCODE_HOST: 'auto', VSCODE_EXECUTABLE: '/opt/code' }), { kind: 'desktop', executable: '/opt/code' });
      assert.deepStrictEqual(pickHost({ PM_VSCODE_HOST: 'desktop', VSCODE_EXECUTABLE: '/opt/code' }), { kind: 'desktop', executable: '/opt/code' });
      assert.match(pickHost({ PM_VSCODE_HOST: 'code-server' }).executable ?? '', /scripts[\\/]vscode-host[\\/]code\.js$/);
      assert.throws(() => pickHost({ PM_VSCODE_HOST: 'electron' }), /PM_VSCODE_HOST=electron: use auto, desktop or code-server/);
    });
  });

  describe('fixture workspace', () => {
    it('is a git repository with commits by several authors and the mentoring file', () => {
      const ws = makeWorkspace(tmp);
      assert.ok(fs.existsSync(path.join(ws, '.mentoring.yml')));
      const log = execFileSync('git', ['log', '--format=%an <%ae> %aI'], { cwd: ws, encoding: 'utf8' }).trim().split('\n');
      assert.strictEqual(log.length, 7);
      assert.deepStrictEqual(new Set(log.map((l) => l.split(' <')[0])), new Set(['Ana Lima', 'Ben Okafor', 'Chen Wei', 'Dana Old']));
      assert.strictEqual(execFileSync('git', ['status', '--porcelain'], { cwd: ws, encoding: 'utf8' }), '', 'everything committed');
      const trailer = execFileSync('git', ['log', '--format=%(trailers:key=Mentoring-Goal,valueonly)'], { cwd: ws, encoding: 'utf8' });
      assert.match(trailer, /ben-ts/);
    });
  });
});
