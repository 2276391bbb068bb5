#!/usr/bin/env node
/**
 * `npm run demo`: Peer Mentoring on a realistic repository, in one command.
 *
 *  1. builds the extension (`node esbuild.js`);
 *  2. makes `.cache/demo/workspace/` afresh: a git repository with four months of history by five
 *     people (a TypeScript server, a payments module, Python data scripts, tests, CI, a Dockerfile,
 *     SQL migrations) and the sample mentoring file (test/fixtures/sample/.mentoring.yml, its dates
 *     moved so that its last sessions were last week), committed; you are Alice (git user.email);
 *  3. opens it with the extension loaded for development: in desktop VS Code when `code` is on
 *     PATH, otherwise in VS Code in the browser (code-server, installed on first use by
 *     scripts/vscode-host/install.js) on 127.0.0.1, printing the URL. Ctrl-C stops it.
 *
 *   npm run demo                      build, make the workspace, open it
 *   npm run demo -- --no-open         build and make the workspace only
 *   npm run demo -- --port 8080       the browser host's port (default: a free one)
 *   npm run demo -- --browser         the browser host even when `code` is on PATH
 */
const { spawn, spawnSync } = require('child_process');
const { makeDemoWorkspace, PEOPLE } = require('./demo-workspace');
const { QUIET_SETTINGS, freePort, killGroup, signalGroup, startServer, waitUntilUp } = require('./vscode-host/server');
const fs = require('fs');
const path = require('path');
const { preflight } = require('./preflight');

const root = path.resolve(__dirname, '..');
const demoDir = path.join(root, '.cache', 'demo');
const workspace = path.join(demoDir, 'workspace');

function parseArgs(argv) {
  const o = { open: true, port: 0, browser: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--no-open') o.open = false;
    else if (a === '--browser') o.browser = true;
    else if (a === '--port' || a.startsWith('--port=')) {
      const v = a.includes('=') ? a.slice('--port='.length) : argv[++i];
      o.port = Number(v);
      if (!Number.isInteger(o.port) || o.port < 1 || o.port > 65535) throw new Error(`--port ${v}: a port number from 1 to 65535`);
    } else if (a === '--help' || a === '-h') {
      console.log('npm run demo [-- --no-open] [--port N] [--browser]');
      process.exit(0);
    } else throw new Error(`unknown option ${a} (use --no-open, --port N, --browser)`);
  }
  return o;
}


const onPath = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;

function openDesktop() {
  console.log('opening it in VS Code (`code` on PATH) with the extension loaded for development');
  const child = spawn('code', [`--extensionDevelopmentPath=${root}`, workspace], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
}

async function openBrowser(wantedPort) {
  const host = require('./vscode-host/install').install();
  const port = wantedPort || (await freePort());
  const userDataDir = path.join(demoDir, 'user-data');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  const settings = path.join(userDataDir, 'User', 'settings.json');
  if (!fs.existsSync(settings)) fs.writeFileSync(settings, JSON.stringify(QUIET_SETTINGS, null, 2));
  const server = startServer(host, { port, userDataDir, extensionsDir: path.join(demoDir, 'extensions'), folder: workspace, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  server.stderr.on('data', (d) => (stderr = (stderr + d).slice(-4000)));
  let stopping = false;
  const stop = async (code) => {
    if (stopping) return;
    stopping = true;
    await killGroup(server);
    process.exit(code);
  };
  process.on('SIGINT', () => {
    console.log('\nstopping the demo');
    void stop(0);
  });
  process.on('SIGTERM', () => void stop(143));
  process.on('SIGHUP', () => void stop(129));
  process.on('exit', () => signalGroup(server, 'SIGKILL'));
  server.on('exit', (code, signal) => {
    if (stopping) return;
    console.error(`code-server stopped (${signal || `exit code ${code}`})${stderr.trim() ? `:\n${stderr.trim()}` : ''}`);
    void stop(1);
  });

  const base = `http://127.0.0.1:${port}`;
  if (!(await waitUntilUp(base, 90000))) {
    console.error(`code-server did not answer ${base}/healthz within 90 s`);
    return stop(1);
  }
  const payload = JSON.stringify([['extensionDevelopmentPath', `vscode-remote://127.0.0.1:${port}${root}`]]);
  const url = `${base}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(payload)}`;
  console.log(`\nPeer Mentoring demo: open this in a browser (Ctrl-C here stops it)\n\n  ${url}\n`);
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  // What the machine lacks is said now, before anything is built or downloaded.
  const desktop = opts.open && !opts.browser && onPath('code');
  preflight('npm run demo', { demo: { browser: opts.open && !desktop } });
  console.log('building the extension');
  const built = spawnSync(process.execPath, [path.join(root, 'esbuild.js')], { cwd: root, stdio: 'inherit' });
  if (built.status !== 0) throw new Error('the build failed');
  const n = makeDemoWorkspace(workspace);
  console.log(`demo workspace: ${path.relative(process.cwd(), workspace) || workspace} (${n} commits by ${Object.keys(PEOPLE).length} people, one of whom left long ago; you are ${PEOPLE.alice.name})`);
  if (!opts.open) return;
  if (desktop) openDesktop();
  else await openBrowser(opts.port);
}

main().catch((e) => {
  console.error(`demo: ${e instanceof Error ? e.message : e}`);
  process.exit(1);
});
