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
/* global fetch, AbortSignal */
const { execFileSync, spawn, spawnSync } = require('child_process');
const fs = require('fs');
const net = require('net');
const path = require('path');

const root = path.resolve(__dirname, '..');
const demoDir = path.join(root, '.cache', 'demo');
const workspace = path.join(demoDir, 'workspace');
const DAY = 86400000;

const PEOPLE = {
  alice: { name: 'Alice Chen', email: 'alice@example.com' },
  bob: { name: 'Bob Okafor', email: 'bob@example.com' },
  carol: { name: 'Carol Martínez', email: 'carol@example.com' },
  dev: { name: 'Dev Patel', email: 'dev.patel@example.com' },
  erin: { name: 'Erin Walsh', email: 'erin@example.com' },
};

/** Who works where: [paths, commit subjects] per person. */
const WORK = {
  alice: [
    ['src/server/app.ts', 'src/server/routes.ts', 'src/parser/lexer.ts', 'src/parser/query.ts', 'test/parser.test.ts', 'test/routes.test.ts', 'tsconfig.json'],
    ['Parse quoted identifiers', 'Route the search endpoint', 'Test the lexer on unicode input', 'Tidy the query builder', 'Stricter compiler options', 'Share the request context'],
  ],
  bob: [
    ['migrations/001_orders.sql', 'migrations/004_payment_refunds.sql', 'src/server/db.ts', 'Dockerfile', 'docker-compose.yml', 'src/server/errors.ts'],
    ['Index orders by customer', 'Pool database connections', 'Slimmer runtime image', 'Refunds table', 'Compose file for local runs', 'Handle rejected queries'],
  ],
  carol: [
    ['src/payments/charge.ts', 'src/payments/webhook.ts', 'src/server/auth.ts', '.github/workflows/ci.yml', 'SECURITY.md'],
    ['Verify webhook signatures', 'Rotate session keys', 'Dependency audit in CI', 'Constant-time token compare', 'Document the disclosure process'],
  ],
  dev: [
    ['test/checkout.test.ts', 'src/payments/charge.ts', 'test/payments.test.ts'],
    ['Checkout happy path test', 'Cover declined cards', 'Name the charge states'],
  ],
  erin: [
    ['scripts/data/export_orders.py', 'scripts/data/latency_report.py', 'tests/test_latency_report.py', 'migrations/003_order_indexes.sql', 'requirements.txt'],
    ['Weekly latency report', 'Export orders as parquet', 'Index for the slow order query', 'Pin pandas', 'Percentiles per endpoint'],
  ],
};
/** How often each person commits (relative). */
const WEIGHTS = { alice: 5, bob: 4, carol: 3, dev: 2, erin: 3 };

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

const iso = (t) => new Date(t).toISOString().slice(0, 10);
const todayUtc = () => Date.parse(`${iso(Date.now())}T00:00:00Z`);

/** The sample file with every date moved by `days`. */
function shiftDates(text, days) {
  return text.replace(/\b(\d{4}-\d{2}-\d{2})\b/g, (d) => iso(Date.parse(`${d}T00:00:00Z`) + days * DAY));
}

/** A line of code in the file's language, so each change looks like one. */
function snippet(file, n) {
  const ext = path.extname(file) || path.basename(file);
  switch (ext) {
    case '.ts': return `export function step${n}(input: string): string {\n  return input.trim();\n}\n`;
    case '.py': return `def step_${n}(rows):\n    return [r for r in rows if r]\n`;
    case '.sql': return `CREATE INDEX IF NOT EXISTS idx_${n} ON orders (created_at);\n`;
    case '.yml': return `  check-${n}:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n`;
    case '.json': return `{ "compilerOptions": { "strict": true, "target": "es2022" }, "note${n}": true }\n`;
    case '.txt': return `package-${n}==1.${n}\n`;
    case '.md': return `- Report issue ${n} privately.\n`;
    case 'Dockerfile': return `FROM node:20-slim\nRUN echo step ${n}\n`;
    default: return `# step ${n}\n`;
  }
}

/** Deterministic pseudo-random numbers: the same history on every run. */
function random(seed) {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
}

/** The commits, oldest first: { who, time, message, files: { path: text } }. */
function history(sampleText, shift) {
  const today = todayUtc();
  const start = today - 120 * DAY;
  const rnd = random(7);
  const names = Object.keys(WEIGHTS).flatMap((k) => Array(WEIGHTS[k]).fill(k));
  const contents = new Map();
  const commits = [];
  const mentoringStart = sampleText.slice(0, sampleText.indexOf('\nskills:') + 1);
  const firstSession = Date.parse(`${shiftDates('2026-01-12', shift)}T10:00:00Z`);
  for (let i = 0; i < 60; i++) {
    const who = names[Math.floor(rnd() * names.length)];
    const [files, subjects] = WORK[who];
    const time = start + Math.floor(rnd() * 118 * DAY) + 9 * 3600000;
    const touched = {};
    for (let k = 0, n = 1 + Math.floor(rnd() * 2); k < n; k++) {
      const file = files[Math.floor(rnd() * files.length)];
      touched[file] = (contents.get(file) || '') + snippet(file, i * 10 + k);
      contents.set(file, touched[file]);
    }
    let message = subjects[Math.floor(rnd() * subjects.length)];
    // Bob's error-handling work names his goal; Dev's checkout tests name theirs.
    if (who === 'bob' && touched['src/server/errors.ts'] && time > firstSession) message += '\n\nMentoring-Goal: bob-async-errors';
    if (who === 'dev' && Object.keys(touched).some((f) => f.startsWith('test/')) && time > firstSession) message += '\n\nMentoring-Goal: dev-testing';
    commits.push({ who, time, message, files: touched });
  }
  commits.push({ who: 'alice', time: firstSession - DAY, message: 'Start a mentoring file for the team', files: { '.mentoring.yml': mentoringStart } });
  commits.push({ who: 'alice', time: today - DAY + 11 * 3600000, message: 'Goals, skills and the sessions so far', files: { '.mentoring.yml': sampleText } });
  commits.push({ who: 'alice', time: start - DAY, message: 'Checkout service: README', files: { 'README.md': '# Checkout service\n\nThe shop\'s checkout: a TypeScript server, payments, and data scripts.\n' } });
  return commits.sort((a, b) => a.time - b.time);
}

/** One `git fast-import` stream for the whole history (fast, and dated exactly). */
function fastImport(commits) {
  const parts = [];
  const data = (text) => `data ${Buffer.byteLength(text)}\n${text}\n`;
  for (const c of commits) {
    const p = PEOPLE[c.who];
    const stamp = `${p.name} <${p.email}> ${Math.floor(c.time / 1000)} +0000`;
    parts.push(`commit refs/heads/main\nauthor ${stamp}\ncommitter ${stamp}\n${data(c.message)}`);
    for (const [file, text] of Object.entries(c.files)) parts.push(`M 100644 inline ${file}\n${data(text)}`);
  }
  return parts.join('') + 'done\n';
}

function makeWorkspace() {
  const sample = fs.readFileSync(path.join(root, 'test', 'fixtures', 'sample', '.mentoring.yml'), 'utf8');
  // The sample's last sessions (2026-02-11) become nine days ago: one partnership due soon, one overdue.
  const shift = Math.round((todayUtc() - 9 * DAY - Date.parse('2026-02-11T00:00:00Z')) / DAY);
  const text = shiftDates(sample, shift);
  fs.rmSync(workspace, { recursive: true, force: true });
  fs.mkdirSync(workspace, { recursive: true });
  const git = (args, input) => execFileSync('git', args, { cwd: workspace, input, stdio: ['pipe', 'pipe', 'pipe'] });
  git(['init', '-q', '-b', 'main']);
  git(['config', 'user.name', PEOPLE.alice.name]);
  git(['config', 'user.email', PEOPLE.alice.email]);
  git(['config', 'commit.gpgsign', 'false']);
  const commits = history(text, shift);
  git(['fast-import', '--quiet', '--done'], fastImport(commits));
  git(['reset', '-q', '--hard', 'main']);
  return commits.length;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const onPath = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function openDesktop() {
  console.log('opening it in VS Code (`code` on PATH) with the extension loaded for development');
  const child = spawn('code', [`--extensionDevelopmentPath=${root}`, workspace], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
}

async function openBrowser(wantedPort) {
  const host = require('./vscode-host/install').install();
  const port = wantedPort || (await freePort());
  const userData = path.join(demoDir, 'user-data');
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  const settings = path.join(userData, 'User', 'settings.json');
  if (!fs.existsSync(settings)) {
    const quiet = { 'workbench.startupEditor': 'none', 'chat.disableAIFeatures': true, 'workbench.secondarySideBar.defaultVisibility': 'hidden', 'telemetry.telemetryLevel': 'off', 'git.autofetch': false };
    fs.writeFileSync(settings, JSON.stringify(quiet, null, 2));
  }
  const server = spawn(
    host.node,
    [host.codeServer, '--config', '/dev/null', '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check',
      '--disable-workspace-trust', '--disable-getting-started-override', '--user-data-dir', userData, '--extensions-dir', path.join(demoDir, 'extensions'),
      // The built workbench takes the extension under development from the URL only with this on.
      '--vscode-option', 'enable-smoke-test-driver', workspace],
    { detached: true, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, PATH: `${path.dirname(host.node)}${path.delimiter}${process.env.PATH}` } },
  );
  let stderr = '';
  server.stderr.on('data', (d) => (stderr = (stderr + d).slice(-4000)));
  let stopping = false;
  const stop = async (code) => {
    if (stopping) return;
    stopping = true;
    const alive = () => {
      try {
        process.kill(-server.pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    if (alive()) {
      process.kill(-server.pid, 'SIGTERM');
      for (let i = 0; i < 30 && alive(); i++) await sleep(100);
      if (alive()) process.kill(-server.pid, 'SIGKILL');
    }
    process.exit(code);
  };
  process.on('SIGINT', () => {
    console.log('\nstopping the demo');
    void stop(0);
  });
  process.on('SIGTERM', () => void stop(143));
  process.on('SIGHUP', () => void stop(129));
  process.on('exit', () => {
    try {
      process.kill(-server.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  });
  server.on('exit', (code, signal) => {
    if (stopping) return;
    console.error(`code-server stopped (${signal || `exit code ${code}`})${stderr.trim() ? `:\n${stderr.trim()}` : ''}`);
    void stop(1);
  });

  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(2000) })).ok) break;
    } catch {
      // not listening yet
    }
    if (i > 360) {
      console.error(`code-server did not answer ${base}/healthz within 90 s`);
      return stop(1);
    }
    await sleep(250);
  }
  const payload = JSON.stringify([['extensionDevelopmentPath', `vscode-remote://127.0.0.1:${port}${root}`]]);
  const url = `${base}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(payload)}`;
  console.log(`\nPeer Mentoring demo: open this in a browser (Ctrl-C here stops it)\n\n  ${url}\n`);
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  console.log('building the extension');
  const built = spawnSync(process.execPath, [path.join(root, 'esbuild.js')], { cwd: root, stdio: 'inherit' });
  if (built.status !== 0) throw new Error('the build failed');
  const n = makeWorkspace();
  console.log(`demo workspace: ${path.relative(process.cwd(), workspace) || workspace} (${n} commits by ${Object.keys(PEOPLE).length} people; you are ${PEOPLE.alice.name})`);
  if (!opts.open) return;
  if (!opts.browser && onPath('code')) openDesktop();
  else await openBrowser(opts.port);
}

main().catch((e) => {
  console.error(`demo: ${e instanceof Error ? e.message : e}`);
  process.exit(1);
});
