import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { runCli } from '../../src/cli/main';
import { fakeIO, freshHome } from './helpers/cliIO';
import { buildRepo, cloneRepo, tempDir } from './helpers/gitRepo';
import { TEAM_STEPS } from './helpers/scenario';

const MENTORING = `version: 1
partners:
  - id: alice
    name: Alice
    emails: [Alice@Example.com]
  - id: carol
    name: Carol
    emails: [carol@example.com]
    wants: [sql]
`;


interface Json {
  commits: number;
  newest: string;
  activeMonths: number;
  activeSince: string;
  people: { name: string; email: string; emails: string[]; partnerId?: string; lastCommit: string; active: boolean; skills: { skill: string; label: string; score: number; files: number; commits: number; last: string | null }[] }[];
  others: { name: string }[];
  handedOver: unknown[];
  islands: { skill: string; person: string; share: number }[];
  atRisk: { skill: string; label: string; files: number; areaFiles: number; formerExperts: { name: string; email: string; lastCommit: string; files: number }[]; candidates: { name: string }[] }[];
  matches: { a: string; b: string; aTeachesB: string[]; bTeachesA: string[]; score: number }[];
  mailmap: string[];
}

/** `suggest --json ARGS` run in `cwd`, which must succeed: its JSON. */
async function suggestJson(cwd: string, ...args: string[]): Promise<Json> {
  const io = fakeIO(cwd, freshHome());
  assert.strictEqual(await runCli(['suggest', '--json', ...args], io), 0, io.stderr);
  return JSON.parse(io.stdout) as Json;
}

describe('peer-mentoring suggest', () => {
  let base: string;
  let repo: string;
  before(() => {
    base = buildRepo(TEAM_STEPS);
  });
  beforeEach(() => {
    repo = cloneRepo(base);
  });

  it('prints people, islands, knowledge at risk and matches as JSON', async () => {
    const json = await suggestJson(repo);
    assert.strictEqual(json.commits, 9);
    assert.deepStrictEqual([json.newest, json.activeMonths, json.activeSince], ['2025-03-02', 12, '2024-03-02']);
    assert.deepStrictEqual(
      json.people.map((p) => [p.name, p.email, p.partnerId, p.lastCommit, p.active, p.skills.map((k) => `${k.skill} ${k.score}`)]),
      [
        // TypeScript, Go, SQL and database migrations cover the files of a folder each: the folder is the area.
        ['Alice Smith', 'alice@example.com', undefined, '2025-03-01', true, ['dependencies 1', 'module:src/parser 1']],
        ['Bob Brown', 'bob@example.com', undefined, '2025-02-10', true, ['module:db 1', 'module:src/api 1', 'module:src/parser 0.25']],
        ['Carol Jones', 'carol@example.com', undefined, '2025-03-02', true, ['docs 1', 'module:docs 1']],
      ],
    );
    // Each skill carries its label, files, commits and last commit there.
    assert.deepStrictEqual(json.people[0].skills[1], { skill: 'module:src/parser', label: 'src/parser/', score: 1, share: 0.732, focus: 0.097, recent: 0.723, authorship: 0.984, files: 3, commits: 3, last: '2025-03-01' });
    // Alice made 3 of the 4 commits in src/parser/ this year; Bob only 2 in db/.
    assert.deepStrictEqual(json.islands.map((i) => `${i.skill} ${i.person} ${i.share}`), ['module:src/parser alice@example.com 0.75']);
    assert.deepStrictEqual([json.atRisk, json.handedOver, json.others], [[], [], []]);
    assert.deepStrictEqual(
      json.matches.map((m) => [m.a, m.b, m.aTeachesB, m.bTeachesA, m.score]),
      [
        ['alice@example.com', 'carol@example.com', ['module:src/parser'], ['docs'], 1],
        ['bob@example.com', 'carol@example.com', ['module:db'], ['docs'], 1],
        ['alice@example.com', 'bob@example.com', ['module:src/parser'], ['module:db'], 0.75],
      ],
    );
    assert.deepStrictEqual(json.mailmap, []);
  });

  it("uses the repository's mentoring file to name partners and their wishes", async () => {
    fs.writeFileSync(path.join(repo, '.mentoring.yml'), MENTORING);
    const io = fakeIO(tempDir(), freshHome());
    assert.strictEqual(await runCli(['suggest', '--repo', repo, '--json'], io), 0, io.stderr);
    const json = JSON.parse(io.stdout) as Json;
    // The partners are the team; Bob works here too, listed apart and matched with nobody.
    assert.deepStrictEqual([json.people.map((p) => p.partnerId), json.others.map((p) => p.name)], [['alice', 'carol'], ['Bob Brown']]);
    assert.deepStrictEqual(json.matches.map((m) => [m.a, m.b]), [['alice@example.com', 'carol@example.com']]);
    // --everyone: Bob is matched too, and Carol's wish for SQL (part of db/) comes with him.
    const everyone = await suggestJson(repo, '--everyone');
    assert.deepStrictEqual([everyone.people.map((p) => p.partnerId), everyone.others], [['alice', undefined, 'carol'], []]);
    assert.deepStrictEqual(everyone.matches.find((m) => m.a === 'bob@example.com')?.aTeachesB, ['module:db']);
  });

  it('prints a readable summary, from the cache the second time', async () => {
    const other = path.join(tempDir(), 'team.yml');
    fs.writeFileSync(other, MENTORING);
    const io = fakeIO(repo, freshHome());
    assert.strictEqual(await runCli(['suggest', '--file', other], io), 0, io.stderr);
    const lines = io.stdout.split('\n');
    assert.match(lines[0], /^9 commits analysed \(read in full, HEAD [0-9a-f]{12}\)\.$/);
    assert.deepStrictEqual(lines.slice(1, 12), [
      'Newest commit 2025-03-02: active means a commit since 2024-03-02 (12 months; --active-months).',
      '',
      'The team (the partners of the mentoring file) and their strongest areas (score 0–1; --everyone lists everyone):',
      '  Alice Smith <alice@example.com>, 3 commits, last 2025-03-01',
      '    Dependencies 1.00, src/parser/ 1.00',
      '  Carol Jones <carol@example.com>, 3 commits, last 2025-03-02',
      '    Documentation 1.00, docs/ 1.00',
      '',
      'Also works here, not in the programme (1, most commits first):',
      '  Bob Brown <bob@example.com>, 3 commits, last 2025-02-10',
      '',
    ]);
    assert.ok(io.stdout.includes("\nKnowledge islands (one active person made most of the last months' commits, nobody else 3 or more):\n  src/parser/ [module:src/parser]: Alice Smith, 75% of the commits since 2024-03-02, only active author of 3/3 files\n"));
    assert.ok(io.stdout.includes('\nKnowledge at risk (people who left authored most of the area, and nobody active maintains it):\n  none\n'));
    assert.ok(io.stdout.includes('\nMutual matches (each can teach the other):\n  Alice Smith ↔ Carol Jones  (score 1.00)\n'));

    const again = fakeIO(repo, freshHome());
    again.env = io.env;
    assert.strictEqual(await runCli(['suggest', '--file', other], again), 0);
    assert.match(again.stdout, /^9 commits analysed \(from the cache, /);
    const fresh = fakeIO(repo, freshHome());
    fresh.env = io.env;
    assert.strictEqual(await runCli(['suggest', '--file', other, '--no-cache'], fresh), 0);
    assert.match(fresh.stdout, /^9 commits analysed \(read in full, /);
  });

  it('names people who left, what only they knew, and suggests .mailmap lines', async () => {
    const dir = buildRepo([
      { author: 'Olga Old <olga@example.com>', date: '2019-03-01', files: { 'lib/a.js': 'a', 'lib/b.js': 'b', 'lib/c.js': 'c' } },
      { author: 'Pat New <pat@example.com>', date: '2025-01-10', files: { 'app/x.py': 'x', 'app/y.py': 'y', 'app/z.py': 'z' } },
      { author: 'Pat New <pat.new@work.example>', date: '2025-02-10', files: { 'app/x.py': 'x2' } },
      { author: 'Quinn \u001b[31mRed <quinn@example.com>', date: '2025-02-11', files: { 'app/q.py': 'q' } },
    ]);
    const json = await suggestJson(dir);
    assert.deepStrictEqual(json.people.map((p) => [p.name, p.active, p.lastCommit]), [
      ['Pat New', true, '2025-01-10'],
      ['Pat New', true, '2025-02-10'],
      ['Quinn \u001b[31mRed', true, '2025-02-11'],
      ['Olga Old', false, '2019-03-01'],
    ]);
    assert.deepStrictEqual(
      json.atRisk.map((a) => [a.skill, a.label, a.files, a.areaFiles, a.formerExperts]),
      [
        // JavaScript is the files of lib/: one area, reported as the folder.
        ['module:lib', 'lib/', 3, 3, [{ name: 'Olga Old', email: 'olga@example.com', lastCommit: '2019-03-01', files: 3 }]],
      ],
    );
    assert.deepStrictEqual(json.mailmap, ['Pat New <pat.new@work.example> <pat@example.com>']);

    const text = fakeIO(dir, freshHome());
    assert.strictEqual(await runCli(['suggest'], text), 0, text.stderr);
    assert.ok(text.stdout.includes('\nFormer contributors (no commit since 2024-02-11): 1, most commits first:\n  Olga Old <olga@example.com>, 1 commit, last 2019-03-01\n'), text.stdout);
    assert.ok(text.stdout.includes('  lib/ [module:lib]: 3/3 files; former experts: Olga Old (last commit 2019-03-01, 3 files)\n'), text.stdout);
    assert.ok(text.stdout.includes('\n1 person appears under several addresses with the same name: --mailmap prints .mailmap lines to join them.\n'));
    // A name from git never drives the terminal.
    assert.ok(text.stdout.includes('Quinn \\x1b[31mRed'), text.stdout);
    assert.ok(!text.stdout.includes('\u001b'));

    // Olga counts as active within six years: nothing is at risk then.
    const wide = await suggestJson(dir, '--active-months', '72');
    assert.deepStrictEqual([wide.activeMonths, wide.activeSince, wide.atRisk, wide.people.every((p) => p.active)], [72, '2019-02-11', [], true]);

    const mailmap = fakeIO(dir, freshHome());
    assert.strictEqual(await runCli(['suggest', '--mailmap'], mailmap), 0, mailmap.stderr);
    assert.strictEqual(mailmap.stdout.split('\n').filter((l) => !l.startsWith('#')).join('\n'), 'Pat New <pat.new@work.example> <pat@example.com>\n');
  });

  it('counts an old address as active while the same full name commits under a new one, and says so', async () => {
    const dir = buildRepo([
      { author: 'Kim Lee <kim@old.example>', date: '2019-05-01', files: { 'core/a.c': 'a', 'core/b.c': 'b', 'core/c.c': 'c' } },
      { author: 'Kim Lee <kim@new.example>', date: '2025-01-10', files: { 'web/x.ts': 'x', 'web/y.ts': 'y', 'web/z.ts': 'z' } },
    ]);
    const json = await suggestJson(dir);
    assert.deepStrictEqual(json.people.map((p) => [p.email, p.active, p.lastCommit]), [
      ['kim@old.example', true, '2019-05-01'],
      ['kim@new.example', true, '2025-01-10'],
    ]);
    assert.deepStrictEqual([json.atRisk, json.matches], [[], []], 'what the old address knows is not at risk, and Kim is not matched with Kim');
    const text = fakeIO(dir, freshHome());
    assert.strictEqual(await runCli(['suggest'], text), 0, text.stderr);
    assert.ok(text.stdout.includes('  Kim Lee (not yet a partner) <kim@old.example>, 1 commit, last 2019-05-01 (active under another address)\n'), text.stdout);
    assert.ok(text.stdout.includes('  Kim Lee (not yet a partner) <kim@new.example>, 1 commit, last 2025-01-10\n'), text.stdout);
  });

  it('limits the history read', async () => {
    assert.deepStrictEqual((await suggestJson(repo, '--since', '2025-02-02', '--bot', '^Bob')).people.map((p) => p.name), ['Carol Jones', 'Alice Smith']);
    assert.strictEqual((await suggestJson(repo, '--max-commits', '2', '--half-life', '30')).commits, 2);
  });

  it('refuses bad usage, unreadable input and folders that are not repositories', async () => {
    const cases: [string[], number, RegExp][] = [
      [['suggest', '--since', 'last tuesday'], 2, /--since: 'last tuesday' is not a YYYY-MM-DD date/],
      [['suggest', '--max-commits', '0'], 2, /--max-commits must be a whole number of commits from 1 to 1000000000 \(not "0"\)/],
      [['suggest', '--half-life', 'x'], 2, /--half-life must be a number of days from 1 to 36500 \(not "x"\)/],
      [['suggest', '--bot', '('], 2, /--bot: invalid bot pattern "\(": missing closing \)/],
      [['suggest', '--bot', '(?=a)b'], 2, /--bot: invalid bot pattern "\(\?=a\)b": .*not supported: patterns run in linear time/],
      [['suggest', '--bot', '(a)\\1'], 2, /--bot: invalid bot pattern .*backreferences .*not supported/],
      [['suggest', '--active-months', '0'], 2, /--active-months must be a whole number of months from 1 to 1200 \(not "0"\)/],
      [['suggest', '--active-months', '2.5'], 2, /--active-months must be a whole number of months from 1 to 1200 \(not "2\.5"\)/],
      // Beyond the maximum, however many digits: the value is echoed exactly as typed, never rounded.
      [['suggest', '--active-months', '9999999999999999999'], 2, /--active-months must be a whole number of months from 1 to 1200 \(not "9999999999999999999"\)/],
      [['suggest', '--active-months', '1201'], 2, /\(not "1201"\)/],
      [['suggest', '--active-months', '1e3'], 2, /\(not "1e3"\)/],
      [['suggest', '--max-commits', '99999999999999999999999'], 2, /--max-commits must be .* \(not "99999999999999999999999"\)/],
      [['suggest', '--half-life', '100000.5'], 2, /--half-life must be .* \(not "100000\.5"\)/],
      [['suggest', '--json', '--mailmap'], 2, /--json and --mailmap: choose one/],
      [['suggest', 'extra'], 2, /unexpected argument 'extra'/],
      [['suggest', '--file', 'missing.yml'], 2, /^missing\.yml: no such file/],
      [['suggest', '--repo', tempDir()], 2, /is not a git repository/],
      [['suggest', '--repo', '/nonexistent/folder'], 2, /\/nonexistent\/folder is not a git repository/],
    ];
    for (const [args, code, message] of cases) {
      const io = fakeIO(repo, freshHome());
      assert.strictEqual(await runCli(args, io), code, args.join(' '));
      assert.match(io.stderr, message, args.join(' '));
      assert.strictEqual(io.stdout, '');
    }
    fs.writeFileSync(path.join(repo, '.mentoring.yml'), 'version: 1\npartners: [\n');
    const io = fakeIO(repo, freshHome());
    assert.strictEqual(await runCli(['suggest'], io), 1);
    assert.match(io.stderr, /^\.mentoring\.yml:\d+:\d+: error: /);
  });

  it('explains itself', async () => {
    const io = fakeIO(repo, freshHome());
    assert.strictEqual(await runCli(['suggest', '--help'], io), 0);
    assert.match(io.stdout, /^usage: peer-mentoring suggest \[--repo DIR\] \[--file FILE\] \[--since DATE\] \[--active-months N\] \[--bot PATTERN\]\.\.\. \[--no-cache\] \[--everyone\] \[--json \| --mailmap\]/);
    assert.match(io.stdout, /--active-months N {4}people who committed in the N months before the newest commit/);
  });
});
