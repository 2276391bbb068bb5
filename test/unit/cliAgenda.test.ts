import * as assert from 'assert/strict';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import type { Agenda } from '../../src/core/mentoring/agenda';
import { runCli } from '../../src/cli/main';
import { fakeIO } from './helpers/cliIO';
import { ANN_AND_BOB } from './helpers/cliRepo';
import { applySteps, initRepo, tempDir } from './helpers/gitRepo';

const ROOT = path.resolve(__dirname, '..', '..', '..');

const FILE = `${ANN_AND_BOB}    since: 2026-01-05
    cadence: 14
goals:
  - id: async-errors
    partnership: ann-bob
    owner: bob
    title: Handle async errors confidently
    paths: ["server/**"]
    prompts:
      - Is every rejected promise handled or passed on?
    status: active
    progress: 30
    created: 2026-01-05
sessions:
  - date: 2026-02-02
    partnership: ann-bob
    status: held
    minutes: 40
    actions:
      - { who: bob, what: Read about unhandled rejections }
  - date: 2026-02-16
    partnership: ann-bob
    status: cancelled
    reason: Release week
`;

describe('peer-mentoring agenda', () => {
  let dir: string;
  beforeEach(() => {
    dir = initRepo();
    fs.writeFileSync(path.join(dir, '.mentoring.yml'), FILE);
    applySteps(dir, [
      { author: 'Bob Stone <bob@example.com>', date: '2026-01-20', files: { 'server/a.ts': '1\n' }, message: 'Before the session' },
      { author: 'Bob Stone <bob@example.com>', date: '2026-02-05', files: { 'server/a.ts': '2\n', 'server/b.ts': 'b\n' }, message: 'Catch the rejection' },
      { author: 'Ann Lee <ann@example.com>', date: '2026-02-10', files: { 'docs/x.md': 'x\n' }, message: 'Explain it\n\nMentoring-Goal: async-errors' },
    ]);
  });

  it('prints the Markdown agenda of a partnership, commits from the file’s repository', async () => {
    const io = fakeIO(dir);
    assert.equal(await runCli(['agenda', '--partnership', 'ann-bob', '--today', '2026-02-20'], io), 0, io.stderr);
    assert.equal(io.stderr, '');
    const md = io.stdout;
    assert.match(md, /^# Session agenda: Ann Lee and Bob Stone\n\nMutual mentoring \(ann-bob\) · prepared 2026-02-20\n/);
    assert.match(md, /- Last session: 2026-02-02 \(18 days ago\), 40 minutes\.\n- Meets every 14 days; next session due 2026-02-16: \*\*overdue\*\* by 4 days\.\n- Cancelled on 2026-02-16: Release week\.\n- Cancelled in a row: 1\./);
    assert.match(md, /- Bob Stone: Read about unhandled rejections — open 18 days \(agreed 2026-02-02\)/);
    assert.match(md, /- Commits since 2026-02-02 \(2\):\n {2}- 2026-02-10 · [0-9a-f]{7} · Explain it · Ann Lee · names the goal · 1 file: docs/);
    assert.match(md, / {2}- 2026-02-05 · [0-9a-f]{7} · Catch the rejection · Bob Stone · 2 files: server\/a\\\.ts, server\/b\\\.ts\n/);
    assert.match(md, / {2}- Is every rejected promise handled or passed on\? \(server\/a\\\.ts and 1 other file\)/);
    assert.match(md, /## Suggested topics\n\n1\. \*\*The schedule\*\* — 1 session cancelled in a row: 2026-02-16; the session was due on 2026-02-16, 4 days ago\n/);
  });

  it('prints every section as JSON with --json', async () => {
    const io = fakeIO(dir);
    assert.equal(await runCli(['agenda', '.mentoring.yml', '--partnership=ann-bob', '--today=2026-02-20', '--json'], io), 0, io.stderr);
    const agenda = JSON.parse(io.stdout) as Agenda;
    assert.deepEqual(Object.keys(agenda), ['today', 'partnership', 'schedule', 'actions', 'evidence', 'stalledDays', 'goals', 'otherGoals', 'topics']);
    assert.equal(agenda.schedule.cancelledInARow, 1);
    assert.deepEqual(agenda.evidence, { available: true, scanned: 2, complete: true, since: '2026-02-02', readFrom: '2026-01-23' });
    const [goal] = agenda.goals;
    assert.ok(goal.evidence.available);
    assert.deepEqual(goal.evidence.commits.map((c) => c.subject), ['Explain it', 'Catch the rejection']);
    assert.equal(agenda.actions.open[0].openDays, 18);
  });

  it('reads commits from --repo, and without a repository says that evidence needs git', async () => {
    const elsewhere = tempDir();
    fs.copyFileSync(path.join(dir, '.mentoring.yml'), path.join(elsewhere, 'team.yml'));
    const io = fakeIO(elsewhere);
    assert.equal(await runCli(['agenda', 'team.yml', '--partnership', 'ann-bob', '--today', '2026-02-20', '--repo', dir], io), 0, io.stderr);
    assert.match(io.stdout, /- Commits since 2026-02-02 \(2\):/);

    const none = fakeIO(elsewhere);
    assert.equal(await runCli(['agenda', 'team.yml', '--partnership', 'ann-bob', '--today', '2026-02-20'], none), 0, none.stderr);
    assert.match(none.stdout, /_Commits are not shown: evidence needs git \(.* is not in a git repository\)\._/);
    assert.match(none.stdout, /- Bob Stone: Read about unhandled rejections/);
    assert.doesNotMatch(none.stdout, /Commits since/);
  });

  it('says what is wrong in one line, with the usual exit codes', async () => {
    const cases: [string[], number, RegExp][] = [
      [['agenda'], 2, /^peer-mentoring agenda: --partnership ID is required\n$/],
      [['agenda', '--partnership', 'ann-bob', '--today', '20.2.2026'], 2, /^peer-mentoring agenda: --today: '20\.2\.2026' is not a YYYY-MM-DD date\n$/],
      [['agenda', '--partnership', 'ann-bob', '--repo', 'no/such/dir'], 2, /^peer-mentoring agenda: --repo: 'no\/such\/dir' is not a folder\n$/],
      [['agenda', 'missing.yml', '--partnership', 'ann-bob'], 2, /^missing\.yml: no such file\n$/],
      [['agenda', '--partnership', 'nope'], 1, /^\.mentoring\.yml: unknown partnership "nope" \(the file has: "ann-bob"\)\n$/],
      [['agenda', '--partnership', 'x\u001b[31m\nforged'], 1, /^\.mentoring\.yml: unknown partnership "x\\x1b\[31m\\nforged" \(the file has: "ann-bob"\)\n$/],
      [['agenda', '--partnership', 'ann-bob', '--bogus'], 2, /^peer-mentoring agenda: unknown option '--bogus'\n$/],
    ];
    for (const [args, code, stderr] of cases) {
      const io = fakeIO(dir);
      assert.equal(await runCli(args, io), code, `${args.join(' ')}: ${io.stderr}`);
      assert.match(io.stderr, stderr, args.join(' '));
      assert.equal(io.stdout, '', args.join(' '));
    }
  });

  it('refuses a file with errors, naming them', async () => {
    fs.writeFileSync(path.join(dir, '.mentoring.yml'), FILE.replace('owner: bob', 'owner: zed'));
    const io = fakeIO(dir);
    assert.equal(await runCli(['agenda', '--partnership', 'ann-bob'], io), 1);
    assert.match(io.stderr, /^\.mentoring\.yml:\d+:\d+: error: .*zed.*\n\.mentoring\.yml: the file has errors; fix them to prepare an agenda\n$/);
    assert.equal(io.stdout, '');
  });

  it('prints its usage with --help and is listed in the CLI’s help', async () => {
    const io = fakeIO(dir);
    assert.equal(await runCli(['agenda', '--help'], io), 0);
    assert.match(io.stdout, /^usage: peer-mentoring agenda \[FILE\] --partnership ID \[--repo DIR\] \[--today YYYY-MM-DD\] \[--json\]/);
    const all = fakeIO(dir);
    assert.equal(await runCli(['--help'], all), 0);
    assert.match(all.stdout, /\n {2}agenda {5}the next session's agenda/);
  });

  it('runs as the built dist/cli.js', () => {
    const cli = path.join(ROOT, 'dist/cli.js');
    assert.ok(fs.existsSync(cli), 'build the CLI first (node esbuild.js)');
    const r = spawnSync(process.execPath, [cli, 'agenda', '--partnership', 'ann-bob', '--today', '2026-02-20'], { cwd: dir, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^# Session agenda: Ann Lee and Bob Stone\n/);
    assert.match(r.stdout, /Catch the rejection/);
  });
});
