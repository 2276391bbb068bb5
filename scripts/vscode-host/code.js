#!/usr/bin/env node
/**
 * A stand-in for the `code` executable, for `@vscode/test-electron`'s
 * `runTests({ vscodeExecutablePath: 'scripts/vscode-host/code.js', ... })`: it runs the
 * extension's tests in a real VS Code (code-server, see install.js) shown in headless Chromium.
 *
 * It reads the arguments test-electron passes (`--extensionDevelopmentPath=`,
 * `--extensionTestsPath=`, `--user-data-dir=`, `--extensions-dir=`, `--disable-extensions`,
 * `--disable-extension=ID`, the folder to open; desktop-only flags are ignored), then:
 *   1. starts code-server on a free 127.0.0.1 port in a process group of its own, waits for /healthz;
 *   2. opens `/?folder=…&payload=…` in headless Chromium (playwright-core) with the smoke-test
 *      driver enabled, so the workbench loads the extension under development and runs the tests;
 *   3. prints the extension host's console output (the page's `codeAutomationLog`) on stdout;
 *   4. takes the tests' exit code from the page's `codeAutomationExit`, ends every process it
 *      started (also on SIGINT/SIGTERM, on a timeout, and when its parent dies) and exits with it.
 *
 * UI channel: a test inside the extension host can ask the browser side for things it cannot do
 * itself. It logs one line `@@pm-host {"id":N,"op":...}` on the console; this driver performs it
 * and writes `{"id":N,"ok":true,"value":...}` (or `"ok":false,"error":"..."`) to the file
 * `$PM_VSCODE_DRIVER/reply-N.json`. `PM_VSCODE_DRIVER` (set for the server and so for the extension
 * host) names the channel folder; its absence means "no driver" (e.g. desktop VS Code). Ops:
 *   {"op":"screenshot","file":ABS_PATH}              page screenshot (PNG)
 *   {"op":"press","key":"F1"}                        a key or chord, Playwright's names ("Control+P")
 *   {"op":"type","text":"..."}                        enters text into the focused element (one input event)
 *   {"op":"domText","selector":CSS,"frames":[CSS]}    innerText of every match -> string[]
 *   {"op":"click","selector":CSS,"frames":[CSS]}      clicks the first match
 *   {"op":"afterText","selector":CSS,"frames":[CSS]}  the CSS ::after content of every match that has one
 *                                                    (editor decorations' `after` text) -> string[]
 *   {"op":"rects","selector":CSS,"frames":[CSS]}      innerText and bounding box of every match
 *                                                    -> [{text,left,top,right,bottom}] (CSS pixels)
 *   {"op":"widths","selector":CSS,"frames":[CSS]}     innerText, scrollWidth, clientWidth and left edge of
 *                                                    every match -> [{text,scrollWidth,clientWidth,left}] (what is cut)
 *   {"op":"move","x":N,"y":N}                         moves the mouse (e.g. away, so no hover shows)
 *   {"op":"drag","x":N,"y":N,"toX":N,"toY":N}         presses the mouse at one point, moves it to another and lets go
 *                                                    (a sash, to give a part of the workbench a width)
 * `frames` (optional) is a chain of iframe selectors to enter first, e.g. a webview's
 * ["iframe.webview.ready", "#active-frame"]. test/integration/host.ts is the typed client.
 *
 * Environment:
 *   PM_VSCODE_HOST_TIMEOUT          seconds for the whole run (default 600)
 *   PM_VSCODE_HOST_STARTUP_TIMEOUT  seconds for code-server to answer /healthz (default 90)
 *   PM_VSCODE_HOST_VERBOSE=1        also print code-server's and the workbench's own logs
 *   PM_CHROMIUM                     the Chromium executable (default: the first of /usr/bin/chromium,
 *                                   chromium-browser, google-chrome; see scripts/preflight.js)
 */
/* global setInterval, getComputedStyle */
const fs = require('fs');
const os = require('os');
const path = require('path');
const util = require('util');
const { install } = require('./install');
const { findChromium } = require('../preflight');
const { freePort, killGroup, signalGroup, sleep, startServer, waitUntilUp } = require('./server');

const REQUEST = '@@pm-host ';
/**
 * The page's log carries the workbench's own messages along with the extension host's console;
 * these are the workbench's routine ones (and its failed lookups of hosts this machine cannot
 * reach), shown only with PM_VSCODE_HOST_VERBOSE=1.
 */
const WORKBENCH_NOISE = [
  /^\[(AgentHost(?::\w+)?|ChatModelSelection|AccountPolicyGate|reconnection-grace-time|Service Worker)\]/,
  /^(Resolving|Resolved) connection token/,
  /^Creating a socket \(/,
  /^Updating additional builtin extensions cache/,
  /^Creation of workbench contribution/,
  /^Extension host \(\w+\) is (un)?responsive/,
  /^Timed out waiting for authentication provider/,
  /getaddrinfo (ENOTFOUND|EAI_AGAIN)/,
  // The native modules install.js leaves unbuilt: VS Code does without them, and says so at each start.
  /(Could not locate the bindings file|Cannot find module '\.\/build\/Release\/\w+')[\s\S]*node_modules\/@vscode\/(spdlog|native-watchdog|sqlite3|deviceid|fs-copyfile)\//,
];
const seconds = (name, dflt) => {
  const v = Number(process.env[name]);
  return (Number.isFinite(v) && v > 0 ? v : dflt) * 1000;
};
const verbose = process.env.PM_VSCODE_HOST_VERBOSE === '1';

function parseArgs(argv) {
  const a = { devPaths: [], testsPath: undefined, userDataDir: undefined, extensionsDir: undefined, disable: [], disableAll: false, folder: undefined };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const m = /^--([^=]+)(?:=(.*))?$/s.exec(arg);
    if (!m) {
      if (a.folder === undefined) a.folder = path.resolve(arg);
      continue;
    }
    const [, name, inline] = m;
    const valueOf = () => (inline !== undefined ? inline : argv[++i]);
    switch (name) {
      case 'extensionDevelopmentPath': a.devPaths.push(path.resolve(valueOf())); break;
      case 'extensionTestsPath': a.testsPath = path.resolve(valueOf()); break;
      case 'user-data-dir': a.userDataDir = path.resolve(valueOf()); break;
      case 'extensions-dir': a.extensionsDir = path.resolve(valueOf()); break;
      case 'disable-extension': a.disable.push(valueOf()); break;
      case 'disable-extensions': a.disableAll = true; break;
      default: break; // desktop-only flags (--no-sandbox, --disable-updates, --skip-welcome, ...)
    }
  }
  if (!a.devPaths.length) throw new Error('missing --extensionDevelopmentPath');
  if (!a.testsPath) throw new Error('missing --extensionTestsPath');
  return a;
}


const startedAt = Date.now();
const status = (msg) => process.stderr.write(`[vscode-host] ${msg} (${((Date.now() - startedAt) / 1000).toFixed(1)} s)\n`);

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const host = install();
  const session = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-vscode-host-'));
  const channel = path.join(session, 'channel');
  fs.mkdirSync(channel);
  const tmp = path.join(session, 'tmp');
  fs.mkdirSync(tmp);
  const userDataDir = args.userDataDir || path.join(session, 'user-data');
  const extensionsDir = args.extensionsDir || path.join(session, 'extensions');
  const serverLog = path.join(session, 'code-server.log');

  let server;
  let context;
  let finished = false;
  const finish = async (code, why) => {
    if (finished) return;
    finished = true;
    if (why) process.stderr.write(`[vscode-host] ${why}\n`);
    if (code === 1 && !verbose && fs.existsSync(serverLog)) {
      const tail = fs.readFileSync(serverLog, 'utf8').trim().split('\n').slice(-15).join('\n');
      if (why && tail) process.stderr.write(`[vscode-host] last lines of code-server's log:\n${tail}\n`);
    }
    if (context) await Promise.race([context.close().catch(() => undefined), sleep(5000)]);
    if (server) await killGroup(server);
    fs.rmSync(session, { recursive: true, force: true });
    process.exit(code);
  };
  // Whatever happens, code-server's process group does not outlive this process.
  process.on('exit', () => {
    if (server && !server.stopped) signalGroup(server, 'SIGKILL');
  });
  process.on('uncaughtException', (e) => void finish(1, `the test host failed: ${e && e.stack ? e.stack : e}`));
  // A reader that went away (the parent was killed) must not crash the clean-up.
  process.stdout.on('error', () => undefined);
  process.stderr.on('error', () => undefined);
  process.on('SIGINT', () => void finish(130, 'interrupted (SIGINT): stopping VS Code'));
  process.on('SIGTERM', () => void finish(143, 'terminated (SIGTERM): stopping VS Code'));
  process.on('SIGHUP', () => void finish(129, 'hung up (SIGHUP): stopping VS Code'));
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) void finish(1, 'the process that started the tests is gone: stopping VS Code');
  }, 1000).unref();
  const runTimeout = seconds('PM_VSCODE_HOST_TIMEOUT', 600);
  setTimeout(() => void finish(1, `the test run took longer than ${runTimeout / 1000} s (PM_VSCODE_HOST_TIMEOUT): stopping VS Code`), runTimeout).unref();

  try {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const out = fs.openSync(serverLog, 'a');
    server = startServer(host, {
      port,
      userDataDir,
      extensionsDir,
      folder: args.folder,
      extraArgs: [...(args.disableAll ? ['--disable-extensions'] : []), ...args.disable.flatMap((id) => ['--vscode-option', `disable-extension=${id}`])],
      stdio: ['ignore', verbose ? 'inherit' : out, verbose ? 'inherit' : out],
      // TMPDIR: the sockets and folders VS Code leaves in the temp folder go with the session.
      env: { ...process.env, PM_VSCODE_DRIVER: channel, TMPDIR: tmp },
    });
    fs.closeSync(out);
    server.once('exit', (code, signal) => void finish(1, `code-server exited early (${signal || `exit code ${code}`})`));

    const startup = seconds('PM_VSCODE_HOST_STARTUP_TIMEOUT', 90);
    if (!(await waitUntilUp(base, startup))) return finish(1, `code-server did not answer ${base}/healthz within ${startup / 1000} s (PM_VSCODE_HOST_STARTUP_TIMEOUT)`);
    status(`code-server ${host.versions.codeServer} is up on ${base}`);

    const { chromium } = require(host.playwright);
    const browserProfile = path.join(session, 'chromium');
    context = await chromium.launchPersistentContext(browserProfile, {
      executablePath: findChromium() || '/usr/bin/chromium',
      headless: true,
      viewport: { width: 1280, height: 800 },
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      timeout: startup,
      // Signals are handled above (Playwright's own SIGINT handler would exit before code-server is stopped).
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
    const page = context.pages()[0] || (await context.newPage());
    page.on('crash', () => void finish(1, 'the workbench page crashed'));
    context.on('close', () => void finish(1, 'the browser closed unexpectedly'));
    if (verbose) page.on('console', (m) => process.stderr.write(`[workbench ${m.type()}] ${m.text()}\n`));

    const requests = [];
    let queue = Promise.resolve();
    await page.exposeFunction('codeAutomationLog', (type, logArgs) => {
      const text = util.format(...(Array.isArray(logArgs) ? logArgs : [logArgs]));
      if (!verbose && WORKBENCH_NOISE.some((re) => re.test(text))) return;
      const lines = [];
      for (const line of text.split('\n')) {
        const at = line.indexOf(REQUEST);
        if (at < 0) {
          lines.push(line);
          continue;
        }
        requests.push(line.slice(at + REQUEST.length));
        queue = queue.then(() => serve(page, channel, requests.shift()));
      }
      if (lines.length) (type === 'error' ? process.stderr : process.stdout).write(`${lines.join('\n')}\n`);
    });
    let exit;
    const exited = new Promise((resolve) => (exit = resolve));
    await page.exposeFunction('codeAutomationExit', (code) => exit(Number.isInteger(Number(code)) ? Number(code) : 1));

    const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
    const payload = [
      ...args.devPaths.map((p) => ['extensionDevelopmentPath', remote(p)]),
      ['extensionTestsPath', remote(args.testsPath)],
    ];
    const query = `${args.folder ? `folder=${encodeURIComponent(args.folder)}&` : ''}payload=${encodeURIComponent(JSON.stringify(payload))}`;
    await page.goto(`${base}/?${query}`, { timeout: startup });
    status('workbench opened; running the tests');
    const code = await exited;
    await queue;
    status(`the tests ended with exit code ${code}`);
    return finish(code);
  } catch (e) {
    return finish(1, `the test host failed: ${e && e.stack ? e.stack : e}`);
  }
}

/** Performs one UI request and writes its reply file (atomically: tmp + rename). */
async function serve(page, channel, json) {
  let req;
  let reply;
  try {
    req = JSON.parse(json);
    if (!Number.isInteger(req.id)) throw new Error('a request needs an integer "id"');
    reply = { id: req.id, ok: true, value: await perform(page, req) };
  } catch (e) {
    if (!req || !Number.isInteger(req.id)) {
      process.stderr.write(`[vscode-host] bad UI request ${json}: ${e.message}\n`);
      return;
    }
    reply = { id: req.id, ok: false, error: String(e && e.message ? e.message : e) };
  }
  const file = path.join(channel, `reply-${req.id}.json`);
  fs.writeFileSync(`${file}.tmp`, JSON.stringify(reply));
  fs.renameSync(`${file}.tmp`, file);
}

const OP_TIMEOUT = 10000;

async function perform(page, req) {
  const scope = () => (req.frames || []).reduce((s, sel) => s.frameLocator(sel), page);
  switch (req.op) {
    case 'screenshot':
      if (typeof req.file !== 'string' || !path.isAbsolute(req.file)) throw new Error('screenshot needs an absolute "file"');
      fs.mkdirSync(path.dirname(req.file), { recursive: true });
      await page.screenshot({ path: req.file, timeout: OP_TIMEOUT });
      return req.file;
    case 'press':
      await page.keyboard.press(String(req.key));
      return null;
    case 'type':
      await page.keyboard.insertText(String(req.text));
      return null;
    case 'domText':
      return scope().locator(String(req.selector)).allInnerTexts();
    case 'afterText':
      return scope()
        .locator(String(req.selector))
        .evaluateAll((els) =>
          els.map((el) => getComputedStyle(el, '::after').content).filter((c) => c && c !== 'none' && c !== 'normal'),
        );
    case 'rects':
      return scope()
        .locator(String(req.selector))
        .evaluateAll((els) =>
          els.map((el) => {
            const r = el.getBoundingClientRect();
            return { text: el.innerText, left: r.left, top: r.top, right: r.right, bottom: r.bottom };
          }),
        );
    case 'widths':
      return scope()
        .locator(String(req.selector))
        .evaluateAll((els) => els.map((el) => ({ text: el.innerText, scrollWidth: el.scrollWidth, clientWidth: el.clientWidth, left: el.getBoundingClientRect().left })));
    case 'click':
      // No waiting after the click: a click in a webview that opens an editor beside it stalls
      // Playwright's post-click checks in that frame; the tests wait for the click's effect.
      await scope().locator(String(req.selector)).first().click({ timeout: OP_TIMEOUT, noWaitAfter: true });
      return null;
    case 'move':
      if (!Number.isFinite(req.x) || !Number.isFinite(req.y)) throw new Error('move needs numbers "x" and "y"');
      await page.mouse.move(req.x, req.y);
      return null;
    case 'drag':
      if (![req.x, req.y, req.toX, req.toY].every(Number.isFinite)) throw new Error('drag needs numbers "x", "y", "toX" and "toY"');
      await page.mouse.move(req.x, req.y);
      await page.mouse.down();
      await page.mouse.move(req.toX, req.toY, { steps: 8 });
      await page.mouse.up();
      return null;
    default:
      throw new Error(`unknown op ${JSON.stringify(req.op)}`);
  }
}


module.exports = { parseArgs, WORKBENCH_NOISE, REQUEST };

if (require.main === module) main();
