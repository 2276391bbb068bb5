/**
 * Runs the integration tests in a real VS Code (`node out/test/integration/run.js`; `npm test`
 * runs it as its integration layer). Picks the host, makes a fresh git repository from
 * `test/fixtures/workspace/` with commits by several authors, and calls test-electron's
 * `runTests` with out/test/integration/index.js as the tests.
 *
 * Host (`PM_VSCODE_HOST`):
 *   auto (default)  desktop VS Code if one is at hand (`VSCODE_EXECUTABLE`, or a build that
 *                   test-electron downloaded earlier into .vscode-test/), else code-server
 *   desktop         desktop VS Code: `VSCODE_EXECUTABLE`, else test-electron downloads
 *                   `PM_VSCODE_VERSION` (default "stable"); needs a display (e.g. xvfb-run)
 *   code-server     code-server in headless Chromium (scripts/vscode-host/), installed on first use
 * `--suite screenshots` runs the README screenshots suite (`*.stest.js`) instead, on the demo
 * workspace of `npm run demo` (scripts/demo-workspace.js), so that the pictures show what the demo shows;
 * `--suite demo` runs the tests of what the demo shows (`*.dtest.js`) on that workspace.
 * `PM_RESULTS_FILE` (set by scripts/test.js) receives the counts; `PM_KEEP_WORKSPACE=1` keeps the
 * temporary folder for a look afterwards.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { runTests } from '@vscode/test-electron';
import { inTempDir, ROOT as root, runAsMain, testEnv, userDataDir } from './launch';

interface Commit {
  author: string;
  email: string;
  date: string;
  message: string;
  /** Files written before committing, relative to the workspace (the fixture's own files first). */
  files: Record<string, string | null>;
}

/** The fixture repository's history: several authors over a few weeks, and one who left long before. */
function history(fixture: string): Commit[] {
  const read = (p: string) => fs.readFileSync(path.join(fixture, p), 'utf8');
  return [
    // Dana left long before the others came: her scripts are knowledge at risk.
    {
      author: 'Dana Old',
      email: 'dana@example.com',
      date: '2022-05-02T09:00:00Z',
      message: 'Deployment scripts',
      files: { 'legacy/deploy.sh': '#!/bin/sh\nrsync -a dist/ host:/srv/app\n', 'legacy/backup.sh': '#!/bin/sh\ntar czf backup.tgz data\n', 'legacy/rotate.sh': '#!/bin/sh\nfind logs -mtime +30 -delete\n' },
    },
    { author: 'Ana Lima', email: 'ana@example.com', date: '2024-01-08T09:00:00Z', message: 'Start the project and the mentoring file', files: { 'README.md': read('README.md'), '.mentoring.yml': read('.mentoring.yml') } },
    { author: 'Ben Okafor', email: 'ben@example.com', date: '2024-01-15T14:30:00Z', message: 'Add the users API\n\nMentoring-Goal: ben-ts', files: { 'src/api/users.ts': read('src/api/users.ts') } },
    { author: 'Chen Wei', email: 'chen@example.com', date: '2024-02-01T11:00:00Z', message: 'Write the guide', files: { 'docs/guide.md': read('docs/guide.md') } },
    {
      author: 'Ana Lima',
      email: 'ana@example.com',
      date: '2024-02-20T16:45:00Z',
      message: 'Mention the API in the README, say how to contribute',
      files: { 'README.md': `${read('README.md')}\nSee docs/guide.md for the users API.\n`, 'CONTRIBUTING.md': '# Contributing\n\nOpen a pull request; a partner reviews it.\n' },
    },
    // Chen mostly in Python and tests, Ben in TypeScript and CI (three files each at least: smaller
    // areas teach nothing): a clear mutual match for the Suggestions view.
    {
      author: 'Chen Wei',
      email: 'chen@example.com',
      date: '2024-02-26T10:00:00Z',
      message: 'Add the usage report script with tests',
      files: {
        'scripts/report.py': 'import json\n\n\ndef summary(path):\n    with open(path) as f:\n        return json.load(f)\n',
        'scripts/stats.py': 'def mean(xs):\n    return sum(xs) / len(xs)\n',
        'tests/test_stats.py': 'from scripts.stats import mean\n\n\ndef test_mean():\n    assert mean([1, 3]) == 2\n',
        'tests/conftest.py': 'import pytest\n',
        'tests/test_report.py': 'from scripts.report import summary\n',
      },
    },
    {
      author: 'Ben Okafor',
      email: 'ben@example.com',
      date: '2024-03-04T10:00:00Z',
      message: 'Serve the web front end, check it in CI',
      files: {
        '.github/workflows/ci.yml': 'name: CI\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n',
        '.github/workflows/release.yml': 'name: Release\non: [release]\njobs:\n  publish:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n',
        '.github/workflows/lint.yml': 'name: Lint\non: [pull_request]\njobs:\n  lint:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n',
        'src/web/server.ts': 'export function start(port: number): string {\n  return `listening on ${port}`;\n}\n',
        'src/web/routes.ts': "export const routes = ['/users'];\n",
      },
    },
  ];
}

/** A fresh copy of the fixture made into a git repository; returns its path. */
export function makeWorkspace(parent: string): string {
  const fixture = path.join(root, 'test', 'fixtures', 'workspace');
  const ws = path.join(parent, 'workspace');
  fs.mkdirSync(ws, { recursive: true });
  const git = (args: string[], env: NodeJS.ProcessEnv = {}) => execFileSync('git', args, { cwd: ws, env: { ...process.env, ...env }, stdio: 'pipe' });
  git(['init', '-q', '-b', 'main']);
  git(['config', 'user.name', 'Fixture']);
  git(['config', 'user.email', 'fixture@example.com']);
  git(['config', 'commit.gpgsign', 'false']);
  for (const c of history(fixture)) {
    for (const [rel, text] of Object.entries(c.files)) {
      const file = path.join(ws, rel);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      if (text === null) fs.rmSync(file);
      else fs.writeFileSync(file, text);
    }
    git(['add', '-A']);
    const who = { GIT_AUTHOR_NAME: c.author, GIT_AUTHOR_EMAIL: c.email, GIT_AUTHOR_DATE: c.date, GIT_COMMITTER_NAME: c.author, GIT_COMMITTER_EMAIL: c.email, GIT_COMMITTER_DATE: c.date };
    git(['commit', '-q', '-m', c.message], who);
  }
  return ws;
}

type HostKind = 'desktop' | 'code-server';

/** A desktop VS Code that test-electron downloaded before (.vscode-test/vscode-<platform>-<version>/). */
function cachedDesktop(): string | undefined {
  const cache = path.join(root, '.vscode-test');
  if (!fs.existsSync(cache)) return undefined;
  const exe = process.platform === 'darwin' ? 'Visual Studio Code.app/Contents/MacOS/Electron' : process.platform === 'win32' ? 'Code.exe' : 'code';
  return fs
    .readdirSync(cache)
    .filter((d) => d.startsWith('vscode-'))
    .sort()
    .reverse()
    .map((d) => path.join(cache, d, exe))
    .find((p) => fs.existsSync(p));
}

export function pickHost(env: NodeJS.ProcessEnv = process.env): { kind: HostKind; executable?: string } {
  const wanted = env.PM_VSCODE_HOST || 'auto';
  const desktop = env.VSCODE_EXECUTABLE || cachedDesktop();
  switch (wanted) {
    case 'desktop':
      return { kind: 'desktop', executable: desktop };
    case 'code-server':
      return { kind: 'code-server', executable: path.join(root, 'scripts', 'vscode-host', 'code.js') };
    case 'auto':
      return desktop ? { kind: 'desktop', executable: desktop } : pickHost({ ...env, PM_VSCODE_HOST: 'code-server' });
    default:
      throw new Error(`PM_VSCODE_HOST=${wanted}: use auto, desktop or code-server`);
  }
}


type Suite = 'integration' | 'screenshots' | 'demo';

function suiteFrom(argv: string[]): Suite {
  const i = argv.indexOf('--suite');
  const name = i >= 0 ? argv[i + 1] : 'integration';
  if (name !== 'integration' && name !== 'screenshots' && name !== 'demo') throw new Error(`--suite ${name ?? ''}: use integration, screenshots or demo`);
  return name;
}

/** The demo workspace (the same repository `npm run demo` opens) in `parent`; returns its path. */
function makeDemo(parent: string): string {
  const ws = path.join(parent, 'workspace');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const demo = require(path.join(root, 'scripts', 'demo-workspace.js')) as { makeDemoWorkspace(dir: string): number };
  demo.makeDemoWorkspace(ws);
  return ws;
}

async function main(): Promise<number> {
  const suite = suiteFrom(process.argv.slice(2));
  const host = pickHost();
  if (host.kind === 'code-server') {
    // Installs on first use (a few minutes); instant afterwards.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const installer = require(path.join(root, 'scripts', 'vscode-host', 'install.js')) as { install(): unknown };
    installer.install();
  }
  const downloadHint = (e: unknown) =>
    host.kind === 'desktop' && !host.executable && typeof (e as { code?: unknown }).code !== 'number'
      ? '(desktop VS Code could not be downloaded: set VSCODE_EXECUTABLE to an installed one, or use PM_VSCODE_HOST=code-server)'
      : undefined;
  return inTempDir(
    'pm-itest-',
    `${suite} tests`,
    async (tmp) => {
      const workspace = suite === 'integration' ? makeWorkspace(tmp) : makeDemo(tmp);
      console.log(`VS Code host: ${host.kind}${host.executable ? ` (${host.executable})` : ' (downloaded by test-electron)'}`);
      await runTests({
        vscodeExecutablePath: host.executable,
        version: host.executable ? undefined : process.env.PM_VSCODE_VERSION || 'stable',
        extensionDevelopmentPath: root,
        extensionTestsPath: path.join(__dirname, 'index.js'),
        extensionTestsEnv: { PM_RESULTS_FILE: process.env.PM_RESULTS_FILE, PM_ITEST_SUITE: suite, PM_UPDATE_SCREENSHOTS: process.env.PM_UPDATE_SCREENSHOTS, ...testEnv(tmp) },
        // Built-in extensions (git among them) stay on; the fresh extensions folder holds no others.
        launchArgs: [workspace, `--user-data-dir=${userDataDir(tmp)}`, `--extensions-dir=${path.join(tmp, 'extensions')}`],
      });
    },
    downloadHint,
  );
}

runAsMain(module, main);
