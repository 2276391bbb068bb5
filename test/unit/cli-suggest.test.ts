import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { CliIO } from '../../src/cli/io';
import { runCli } from '../../src/cli/main';
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

function fakeIO(cwd: string) {
  const home = tempDir();
  const io = {
    cwd,
    env: { HOME: home, XDG_CACHE_HOME: path.join(home, 'cache') },
    stdout: '',
    stderr: '',
    out: (t: string) => void (io.stdout += t),
    err: (t: string) => void (io.stderr += t),
  };
  return io satisfies CliIO;
}

interface Json {
  commits: number;
  people: { name: string; email: string; partnerId?: string; skills: { skill: string; score: number }[] }[];
  islands: { skill: string; person: string; share: number }[];
  matches: { a: string; b: string; aTeachesB: string[]; bTeachesA: string[]; score: number }[];
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

  it('prints people, islands and matches as JSON', async () => {
    const io = fakeIO(repo);
    assert.strictEqual(await runCli(['suggest', '--json'], io), 0, io.stderr);
    const json = JSON.parse(io.stdout) as Json;
    assert.strictEqual(json.commits, 9);
    assert.deepStrictEqual(
      json.people.map((p) => [p.name, p.email, p.partnerId, p.skills.map((k) => `${k.skill} ${k.score}`)]),
      [
        ['Alice Smith', 'alice@example.com', undefined, ['dependencies 1', 'module:src/parser 0.87', 'typescript 0.87']],
        ['Bob Brown', 'bob@example.com', undefined, ['database-migrations 1', 'go 1', 'module:db 1', 'module:src/api 1', 'sql 1', 'module:src/parser 0.13', 'typescript 0.13']],
        ['Carol Jones', 'carol@example.com', undefined, ['docs 1', 'module:docs 1']],
      ],
    );
    assert.deepStrictEqual(
      json.islands.map((i) => `${i.skill} ${i.person} ${i.share}`),
      [
        'database-migrations bob@example.com 1',
        'docs carol@example.com 1',
        'module:db bob@example.com 1',
        'module:src/parser alice@example.com 0.739',
        'sql bob@example.com 1',
        'typescript alice@example.com 0.739',
      ],
    );
    assert.deepStrictEqual(
      json.matches.map((m) => [m.a, m.b, m.aTeachesB, m.bTeachesA, m.score]),
      [
        ['alice@example.com', 'bob@example.com', ['dependencies', 'module:src/parser', 'typescript'], ['database-migrations', 'go', 'module:db', 'module:src/api', 'sql'], 2.48],
        ['alice@example.com', 'carol@example.com', ['dependencies', 'module:src/parser', 'typescript'], ['docs', 'module:docs'], 2],
        ['bob@example.com', 'carol@example.com', ['database-migrations', 'go', 'module:db', 'module:src/api', 'sql'], ['docs', 'module:docs'], 2],
      ],
    );
  });

  it("uses the repository's mentoring file to name partners and their wishes", async () => {
    fs.writeFileSync(path.join(repo, '.mentoring.yml'), MENTORING);
    const io = fakeIO(tempDir());
    assert.strictEqual(await runCli(['suggest', '--repo', repo, '--json'], io), 0, io.stderr);
    const json = JSON.parse(io.stdout) as Json;
    assert.deepStrictEqual(json.people.map((p) => p.partnerId), ['alice', undefined, 'carol']);
    assert.deepStrictEqual(json.matches[2].aTeachesB, ['sql', 'database-migrations', 'go', 'module:db', 'module:src/api']);
  });

  it('prints a readable summary, from the cache the second time', async () => {
    const other = path.join(tempDir(), 'team.yml');
    fs.writeFileSync(other, MENTORING);
    const io = fakeIO(repo);
    assert.strictEqual(await runCli(['suggest', '--file', other], io), 0, io.stderr);
    const lines = io.stdout.split('\n');
    assert.match(lines[0], /^9 commits analysed \(read in full, HEAD [0-9a-f]{12}\)\.$/);
    assert.deepStrictEqual(lines.slice(2, 9), [
      'People and their strongest areas (score 0–1):',
      '  Alice Smith <alice@example.com>, 3 commits',
      '    Dependencies 1.00, src/parser 0.87, TypeScript 0.87',
      '  Bob Brown (not yet a partner) <bob@example.com>, 3 commits',
      '    Database migrations 1.00, Go 1.00, db 1.00, src/api 1.00, SQL 1.00',
      '  Carol Jones <carol@example.com>, 3 commits',
      '    Documentation 1.00, docs 1.00',
    ]);
    assert.ok(io.stdout.includes('\nKnowledge islands (one person holds the area):\n  Database migrations [database-migrations]: Bob Brown (not yet a partner), sole author of 3/3 files, 100% of recent work\n'));
    assert.ok(io.stdout.includes('  SQL [sql]: Bob Brown (not yet a partner), sole author of 3/3 files, 100% of recent work\n    could learn it: Carol Jones (wants it)\n'));
    assert.ok(io.stdout.includes('\nMutual matches (each can teach the other):\n  Alice Smith ↔ Bob Brown (not yet a partner)  (score 2.48)\n'));

    const again = fakeIO(repo);
    again.env = io.env;
    assert.strictEqual(await runCli(['suggest', '--file', other], again), 0);
    assert.match(again.stdout, /^9 commits analysed \(from the cache, /);
    const fresh = fakeIO(repo);
    fresh.env = io.env;
    assert.strictEqual(await runCli(['suggest', '--file', other, '--no-cache'], fresh), 0);
    assert.match(fresh.stdout, /^9 commits analysed \(read in full, /);
  });

  it('limits the history read', async () => {
    const io = fakeIO(repo);
    assert.strictEqual(await runCli(['suggest', '--json', '--since', '2025-02-02', '--bot', '^Bob'], io), 0, io.stderr);
    assert.deepStrictEqual((JSON.parse(io.stdout) as Json).people.map((p) => p.name), ['Carol Jones', 'Alice Smith']);
    const io2 = fakeIO(repo);
    assert.strictEqual(await runCli(['suggest', '--json', '--max-commits', '2', '--half-life', '30'], io2), 0, io2.stderr);
    assert.strictEqual((JSON.parse(io2.stdout) as Json).commits, 2);
  });

  it('refuses bad usage, unreadable input and folders that are not repositories', async () => {
    const cases: [string[], number, RegExp][] = [
      [['suggest', '--since', 'last tuesday'], 2, /--since: 'last tuesday' is not a YYYY-MM-DD date/],
      [['suggest', '--max-commits', '0'], 2, /--max-commits: '0' is not a positive whole number/],
      [['suggest', '--half-life', 'x'], 2, /--half-life: 'x' is not a positive number/],
      [['suggest', '--bot', '('], 2, /--bot: '\(' is not a regular expression/],
      [['suggest', 'extra'], 2, /unexpected argument 'extra'/],
      [['suggest', '--file', 'missing.yml'], 2, /^missing\.yml: no such file/],
      [['suggest', '--repo', tempDir()], 2, /is not a git repository/],
      [['suggest', '--repo', '/nonexistent/folder'], 2, /\/nonexistent\/folder is not a git repository/],
    ];
    for (const [args, code, message] of cases) {
      const io = fakeIO(repo);
      assert.strictEqual(await runCli(args, io), code, args.join(' '));
      assert.match(io.stderr, message, args.join(' '));
      assert.strictEqual(io.stdout, '');
    }
    fs.writeFileSync(path.join(repo, '.mentoring.yml'), 'version: 1\npartners: [\n');
    const io = fakeIO(repo);
    assert.strictEqual(await runCli(['suggest'], io), 1);
    assert.match(io.stderr, /^\.mentoring\.yml:\d+:\d+: error: /);
  });

  it('explains itself', async () => {
    const io = fakeIO(repo);
    assert.strictEqual(await runCli(['suggest', '--help'], io), 0);
    assert.match(io.stdout, /^usage: peer-mentoring suggest \[--repo DIR\] \[--file FILE\] \[--since DATE\] \[--no-cache\] \[--json\]/);
  });
});
