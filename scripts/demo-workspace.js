/**
 * The demo workspace: a git repository with four months of history by five people (the data scripts
 * only Erin changes: a knowledge island, which Dev's goal "Learn the data scripts" covers; and the
 * billing scripts of a colleague who left two years ago: knowledge at risk) and the sample
 * mentoring file (test/fixtures/sample/.mentoring.yml) with its dates moved so that its last sessions
 * were nine days ago; you are Alice (the repository's `user.email`). Used by `npm run demo` and by the
 * README screenshots suite (test/integration/screenshots/), so that the pictures show what the demo shows.
 */
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const DAY = 86400000;

const PEOPLE = {
  alice: { name: 'Alice Chen', email: 'alice@example.com' },
  bob: { name: 'Bob Okafor', email: 'bob@example.com' },
  carol: { name: 'Carol Martínez', email: 'carol@example.com' },
  dev: { name: 'Dev Patel', email: 'dev.patel@example.com' },
  erin: { name: 'Erin Walsh', email: 'erin@example.com' },
  frank: { name: 'Frank Moss', email: 'frank@example.com' },
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

const iso = (t) => new Date(t).toISOString().slice(0, 10);
/** Today's local date (the extension's "today") as a UTC midnight timestamp, for day arithmetic. */
const todayUtc = () => {
  const d = new Date();
  return Date.UTC(d.getFullYear(), d.getMonth(), d.getDate());
};

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
  // Frank wrote the old billing jobs and left long before the others came.
  const billing = { 'legacy/billing/invoice.rb': 'class Invoice\nend\n', 'legacy/billing/reminder.rb': 'class Reminder\nend\n', 'legacy/billing/ledger.rb': 'class Ledger\nend\n' };
  commits.push({ who: 'frank', time: start - 700 * DAY, message: 'Billing jobs', files: billing });
  commits.push({ who: 'frank', time: start - 640 * DAY, message: 'Send payment reminders weekly', files: { 'legacy/billing/reminder.rb': 'class Reminder\n  WEEKLY = true\nend\n' } });
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

/**
 * Makes `workspace` afresh (removing what was there) and returns the number of commits. Deterministic:
 * the same repository on every run of a given day (dates are relative to today).
 */
function makeDemoWorkspace(workspace) {
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

module.exports = { makeDemoWorkspace, PEOPLE };
