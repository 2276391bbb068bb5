import * as assert from 'assert/strict';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { spawn } from 'child_process';
import { runCli } from '../../src/cli/main';
import { addDays, localToday } from '../../src/core/dates';
import { parseMentoring } from '../../src/core/file/parse';
import { fakeIO } from './helpers/cliIO';
import { mentoringFolder } from './helpers/cliRepo';

const FILE = `# Our mentoring file
version: 1
partners:
  - id: alice
    name: Alice
  - id: bob
    name: Bob   # mentors on the parser
  - id: carol
    name: Carol
partnerships:
  - id: alice-bob
    members: [alice, bob]
    kind: mutual
    cadence: 14
  - id: bob-carol
    members: [bob, carol]
    kind: one-way
    mentor: bob
goals:
  - id: parser
    partnership: alice-bob
    owner: alice
    title: Learn the parser
    status: active
  - id: go
    partnership: bob-carol
    owner: carol
    title: Learn Go
    status: active
sessions:
  - date: 2026-01-10
    partnership: alice-bob
    status: held
    minutes: 50
  - date: 2026-01-12
    partnership: bob-carol
    status: held
    minutes: 30
`;

const today = localToday();
const yesterday = addDays(today, -1);

describe('peer-mentoring log', () => {
  let dir: string;
  let file: string;
  const read = (): string => fs.readFileSync(file, 'utf8');
  const sessions = () => parseMentoring(read()).model?.sessions ?? [];
  const log = async (...args: string[]) => {
    const io = fakeIO(dir);
    const code = await runCli(['log', ...args], io);
    return { code, out: io.stdout, err: io.stderr };
  };

  beforeEach(() => {
    dir = mentoringFolder(FILE);
    file = path.join(dir, '.mentoring.yml');
  });

  it('adds a held session and changes no other line', async () => {
    const before = read().split('\n');
    const r = await log('--partnership', 'alice-bob', '--date', yesterday, '--goal', 'parser', '--notes', 'Walked through the tokenizer', '--action', 'bob:Send the RFC link');
    assert.equal(r.err, '');
    assert.equal(r.code, 0);
    assert.match(r.out, new RegExp(`^Logged held session of alice-bob on ${yesterday} \\(50 min; goals: parser; 1 action item\\) in \\.mentoring\\.yml\\n`));
    assert.match(r.out, new RegExp(`Next session due ${addDays(yesterday, 14)}: next session with Alice and Bob in 13 days\\n$`));

    const after = read().split('\n');
    let prefix = 0;
    while (prefix < before.length && before[prefix] === after[prefix]) prefix++;
    let suffix = 0;
    while (suffix < before.length - prefix && before[before.length - 1 - suffix] === after[after.length - 1 - suffix]) suffix++;
    assert.equal(prefix + suffix, before.length, 'every line of the file is still there, in order');
    assert.ok(after.length > before.length);

    const added = sessions().at(-1);
    assert.deepEqual(added, {
      date: yesterday,
      partnership: 'alice-bob',
      status: 'held',
      minutes: 50,
      goals: ['parser'],
      notes: 'Walked through the tokenizer',
      actions: [{ who: 'bob', what: 'Send the RFC link', done: false }],
    });
    assert.deepEqual(parseMentoring(read()).problems, []);
  });

  it('gives an action item a due date with WHO@DATE:TEXT, and refuses one before the session', async () => {
    const due = addDays(today, 7);
    const r = await log('--partnership', 'alice-bob', '--date', yesterday, '--action', `bob@${due}:Send the RFC: both parts`, '--action', 'alice:Read it');
    assert.equal(r.err, '');
    assert.equal(r.code, 0);
    assert.deepEqual(sessions().at(-1)?.actions, [
      { who: 'bob', what: 'Send the RFC: both parts', done: false, due },
      { who: 'alice', what: 'Read it', done: false },
    ]);
    const before = read();
    const early = await log('--partnership', 'alice-bob', '--date', yesterday, '--action', `bob@${addDays(yesterday, -1)}:Too early`);
    assert.equal(early.code, 2);
    assert.equal(early.err, `peer-mentoring log: --action "bob": the due date ${addDays(yesterday, -1)} is before the session (${yesterday})\n`);
    const bad = await log('--partnership', 'alice-bob', '--action', 'bob@soon:Later');
    assert.equal(bad.code, 2);
    assert.match(bad.err, /^peer-mentoring log: --action "bob": the due date: Enter a date as YYYY-MM-DD/);
    assert.equal(read(), before, 'nothing written');
  });

  it('shows only additions in git', async () => {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8' });
    git('init', '-q');
    git('add', '.mentoring.yml');
    git('-c', 'user.name=T', '-c', 'user.email=t@example.com', 'commit', '-q', '-m', 'file');
    assert.equal((await log('--partnership', 'bob-carol', '--minutes', '40')).code, 0);
    assert.equal((await log('--partnership', 'alice-bob', '--status', 'cancelled', '--reason', 'something urgent came up')).code, 0);
    const [added, deleted, name] = git('diff', '--numstat').trim().split('\t');
    assert.equal(name, '.mentoring.yml');
    assert.equal(deleted, '0');
    assert.ok(Number(added) >= 8, `${added} lines added`);
  });

  it('defaults minutes to the partnership’s last held session, and logs cancellations without them', async () => {
    assert.equal((await log('--partnership', 'bob-carol', '--date', 'yesterday')).code, 0);
    assert.equal(sessions().at(-1)?.minutes, 30);
    const r = await log('--partnership', 'alice-bob', '--status', 'cancelled', '--reason', 'something urgent came up', '--date', today);
    assert.equal(r.code, 0);
    assert.deepEqual(sessions().at(-1), { date: today, partnership: 'alice-bob', status: 'cancelled', reason: 'something urgent came up' });
  });

  it('logs a rescheduled session with its new date, which becomes the next due date', async () => {
    const to = addDays(today, 3);
    const r = await log('--partnership', 'alice-bob', '--status', 'rescheduled', '--reason', 'travel', '--to', to);
    assert.equal(r.code, 0, r.err);
    assert.equal(sessions().at(-1)?.to, to);
    assert.match(r.out, new RegExp(`Next session due ${to}: next session with Alice and Bob in 3 days`));
  });

  it('reads the file as it is when writing: edits made between two logs are kept', async () => {
    assert.equal((await log('--partnership', 'alice-bob', '--date', yesterday)).code, 0);
    // Someone else edits the file (a new partner) before the next log.
    fs.writeFileSync(file, read().replace('partnerships:\n', '  - id: dave\n    name: Dave\npartnerships:\n'));
    assert.equal((await log('--partnership', 'bob-carol', '--date', today)).code, 0);
    const model = parseMentoring(read()).model;
    assert.deepEqual(
      model?.sessions.slice(-2).map((s) => [s.partnership, s.date]),
      [
        ['alice-bob', yesterday],
        ['bob-carol', today],
      ],
    );
    assert.ok(model?.partners.some((p) => p.id === 'dave'));
  });

  it('refuses an unknown partnership, goal or person with exit 1, leaving the file byte-identical', async () => {
    const before = fs.readFileSync(file);
    const cases: [string[], RegExp][] = [
      [['--partnership', 'alice-zed'], /\.mentoring\.yml: unknown partnership "alice-zed" \(the file has: "alice-bob", "bob-carol"\); nothing was written/],
      [['--partnership', 'alice-bob', '--goal', 'nope'], /unknown goal "nope"/],
      [['--partnership', 'alice-bob', '--goal', 'go'], /goal "go" belongs to partnership "bob-carol", not "alice-bob"/],
      [['--partnership', 'alice-bob', '--action', 'zed:Do it'], /unknown partner "zed"/],
      [['--partnership', 'alice-bob', '--action', 'carol:Do it'], /"carol" is not a member of partnership "alice-bob"/],
    ];
    for (const [args, message] of cases) {
      const r = await log(...args);
      assert.equal(r.code, 1, args.join(' '));
      assert.match(r.err, message);
      assert.equal(r.out, '');
      assert.deepEqual(fs.readFileSync(file), before);
    }
  });

  it('refuses a file with errors, printing its problems, and writes nothing', async () => {
    const broken = FILE.replace('    cadence: 14\n', '    cadence: 14\n    kind: mutual\n');
    fs.writeFileSync(file, broken);
    const r = await log('--partnership', 'alice-bob');
    assert.equal(r.code, 1);
    assert.match(r.err, /^\.mentoring\.yml:15:5: error: .*\[[a-z-]+\]$/m);
    assert.match(r.err, /the file has errors; fix them before logging a session; nothing was written/);
    assert.equal(read(), broken);
  });

  it('writes to the file given by path', async () => {
    fs.mkdirSync(path.join(dir, 'team'));
    const other = path.join(dir, 'team', 'mentoring.yml');
    fs.renameSync(file, other);
    assert.equal((await log('team/mentoring.yml', '--partnership', 'alice-bob')).code, 0);
    assert.equal(parseMentoring(fs.readFileSync(other, 'utf8')).model?.sessions.at(-1)?.date, today);
  });

  it('exits 2 for usage errors, writing nothing', async () => {
    const cases: [string[], RegExp][] = [
      [['--partnership', 'alice-bob', '--colour', 'red'], /unknown option '--colour'/],
      [[], /--partnership ID is required/],
      [['--partnership', 'alice-bob', '--date', '2026-02-30'], /--date: 2026-02-30 is not a real date/],
      [['--partnership', 'alice-bob', '--date', addDays(today, 1)], /is in the future/],
      [['--partnership', 'alice-bob', '--date', 'last week'], /--date: .*YYYY-MM-DD/],
      [['--partnership', 'alice-bob', '--minutes', 'an hour'], /--minutes must be a whole number/],
      [['--partnership', 'alice-bob', '--minutes', '0'], /--minutes must be a whole number/],
      [['--partnership', 'alice-bob', '--status', 'skipped'], /--status must be one of held, cancelled, rescheduled/],
      [['--partnership', 'alice-bob', '--status', 'cancelled'], /a cancelled session needs --reason TEXT/],
      [['--partnership', 'alice-bob', '--status', 'rescheduled', '--to', today], /a rescheduled session needs --reason TEXT/],
      [['--partnership', 'alice-bob', '--reason', 'why'], /--reason is for cancelled or rescheduled sessions/],
      [['--partnership', 'alice-bob', '--to', today], /--to is for rescheduled sessions/],
      [['--partnership', 'alice-bob', '--action', 'no colon'], /--action must be WHO:TEXT/],
      [['a.yml', 'b.yml', '--partnership', 'alice-bob'], /unexpected argument 'b.yml'/],
      [['missing.yml', '--partnership', 'alice-bob'], /missing\.yml: no such file/],
    ];
    for (const [args, message] of cases) {
      const r = await log(...args);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.err, message);
      assert.equal(read(), FILE);
    }
    assert.equal(fs.existsSync(path.join(dir, 'missing.yml')), false);
  });

  it('prints its usage with --help', async () => {
    const r = await log('--help');
    assert.equal(r.code, 0);
    assert.match(r.out, /^usage: peer-mentoring log \[FILE\] --partnership ID/);
  });

  it('keeps every session when 20 processes log at once', async function () {
    this.timeout(120_000);
    const cli = path.join(__dirname, '../../src/cli/main.js');
    const run = (i: number): Promise<{ code: number | null; out: string; err: string }> =>
      new Promise((resolve) => {
        const child = spawn(process.execPath, [cli, 'log', '--partnership', 'alice-bob', '--date', yesterday, '--notes', `run ${i}`], { cwd: dir });
        let out = '';
        let err = '';
        child.stdout.on('data', (d: Buffer) => (out += d.toString()));
        child.stderr.on('data', (d: Buffer) => (err += d.toString()));
        child.on('close', (code) => resolve({ code, out, err }));
      });
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => run(i)));
    for (const r of results) {
      assert.equal(r.code, 0, r.err);
      assert.match(r.out, /^Logged held session/);
    }
    const notes = sessions()
      .map((s) => s.notes)
      .filter((n): n is string => n !== undefined)
      .sort((a, b) => Number(a.slice(4)) - Number(b.slice(4)));
    assert.deepEqual(notes, Array.from({ length: 20 }, (_, i) => `run ${i}`));
    assert.deepEqual(parseMentoring(read()).problems, []);
    assert.deepEqual(fs.readdirSync(dir), ['.mentoring.yml']);
  });

  it('logs into a file with a byte order mark, also without sessions yet, indented like its neighbours', async () => {
    const bom = '\uFEFF' + FILE.slice(0, FILE.indexOf('sessions:'));
    fs.writeFileSync(file, bom);
    assert.equal((await log('--partnership', 'alice-bob', '--date', yesterday, '--minutes', '30')).code, 0);
    assert.equal(read(), `${bom}sessions:\n  - date: ${yesterday}\n    partnership: alice-bob\n    status: held\n    minutes: 30\n`);
    assert.equal((await log('--partnership', 'bob-carol', '--date', yesterday)).code, 0);
    assert.match(read(), new RegExp(`\n  - date: ${yesterday}\n    partnership: bob-carol\n    status: held\n$`));
    assert.deepEqual(parseMentoring(read()).problems, []);
  });

  it('refuses a read-only file, a folder and bytes that are not UTF-8 in one line, writing nothing', async () => {
    fs.chmodSync(file, 0o444);
    let r = await log('--partnership', 'alice-bob');
    assert.deepEqual([r.code, r.out, r.err], [2, '', '.mentoring.yml: the file is read-only; it was not changed (make it writable to edit it)\n']);
    fs.chmodSync(file, 0o644);

    r = await log(dir, '--partnership', 'alice-bob');
    assert.equal(r.code, 2);
    assert.equal(r.err.split('\n').length, 2, r.err);
    assert.match(r.err, /it is a folder, not a file; nothing was written\n$/);

    const bytes = Buffer.concat([Buffer.from(FILE.replace('# Our', '# Caf')), Buffer.from('# caf\xe9\n', 'latin1')]);
    fs.writeFileSync(file, bytes);
    r = await log('--partnership', 'alice-bob');
    assert.equal(r.code, 1);
    const line = FILE.split('\n').length;
    assert.match(r.err, new RegExp(`^\\.mentoring\\.yml:${line}:6: error: the file is not valid UTF-8 here \\(byte 0xe9\\).*\\[invalid-utf8\\]\n\\.mentoring\\.yml: the file is not valid UTF-8; nothing was written\n$`));
    assert.deepEqual(fs.readFileSync(file), bytes);
  });

  it('never fails after writing: files at the edge of what validation accepts', async () => {
    for (const edge of [FILE.replace('cadence: 14', 'cadence: 365'), FILE.replace('2026-01-10', '2999-12-31')]) {
      fs.writeFileSync(file, edge);
      const r = await log('--partnership', 'alice-bob', '--date', yesterday);
      assert.equal(r.code, 0, r.err);
      assert.equal(r.err, '');
      assert.equal(sessions().at(-1)?.date, yesterday);
    }
    fs.writeFileSync(file, FILE.replace('cadence: 14', 'cadence: 100000000000'));
    const r = await log('--partnership', 'alice-bob');
    assert.equal(r.code, 1);
    assert.match(r.err, /'cadence' in partnership "alice-bob" must be a number of days above 0 and at most 365/);
  });

  it('escapes what it prints: no value can start a line of its own', async () => {
    const r = await log('--partnership', 'alice-bob', '--status', 'cancelled', '--reason', 'x\n::error file=a.ts,line=1::forged\u001b[31m', '--date', yesterday);
    assert.equal(r.code, 0, r.err);
    assert.equal(r.out.split('\n').length, 3);
    assert.match(r.out, /reason: "x\\n::error file=a\.ts,line=1::forged\\x1b\[31m"/);
    assert.equal(sessions().at(-1)?.reason, 'x\n::error file=a.ts,line=1::forged\u001b[31m');
  });
});
