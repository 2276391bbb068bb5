import * as assert from 'assert';
import * as path from 'path';
import { listAuthors } from '../../src/git/authors';
import { CommitRecord, gitHistorySource, NotARepositoryError, ReadCommitsOptions } from '../../src/git/history';
import { applySteps, buildRepo, cloneRepo, epoch, git, headOf, initRepo, tempDir } from './helpers/gitRepo';
import { ALICE, buildTeamRepo } from './helpers/scenario';

async function read(dir: string, opts: ReadCommitsOptions = {}): Promise<CommitRecord[]> {
  const out: CommitRecord[] = [];
  for await (const c of gitHistorySource(dir).readCommits(opts)) out.push(c);
  return out;
}

const who = (cs: CommitRecord[]): string[] => cs.map((c) => `${c.authorName} <${c.authorEmail}>`);

describe('history reader', () => {
  let repo: string;
  let hashes: string[];
  before(async () => {
    repo = buildTeamRepo();
    hashes = (await read(repo)).map((c) => c.hash);
  });

  it('reads the same records, in the same order, with two git processes over the halves of the history', async () => {
    const moved = cloneRepo(repo);
    applySteps(moved, [
      { author: ALICE, date: '2025-04-01', rename: { 'src/parser/lexer.ts': 'src/parser/tokens.ts' } },
      { author: ALICE, date: '2025-04-02', files: { 'a b\tc.txt': 'odd name\n' } },
    ]);
    for (const opts of [{}, { maxCommits: 5 }, { since: '2025-02-01' }, { renames: 'exact' as const }, { mailmap: false }]) {
      const one = await read(moved, { ...opts, splitFrom: Infinity });
      const progress: number[] = [];
      const two = await read(moved, { ...opts, splitFrom: 2, onCommit: (n) => progress.push(n) });
      assert.deepStrictEqual(two, one, JSON.stringify(opts));
      assert.deepStrictEqual(progress, one.map((_, i) => i + 1));
    }
    const all = await read(moved, { splitFrom: 2 });
    assert.strictEqual(all.length, 11);
    assert.ok(all.some((c) => c.files.some((f) => f.status === 'R' && f.path === 'src/parser/tokens.ts')));
  });

  it('reads every commit oldest first, mailmapped, without merges and bots', async () => {
    const commits = await read(repo);
    assert.deepStrictEqual(who(commits), [
      'Alice Smith <alice@example.com>',
      'Bob Brown <bob@example.com>',
      'Alice Smith <alice@example.com>',
      'Bob Brown <bob@example.com>',
      'Carol Jones <carol@example.com>',
      'Carol Jones <carol@example.com>',
      'Bob Brown <bob@example.com>',
      'Alice Smith <alice@example.com>',
      'Carol Jones <carol@example.com>',
    ]);
    assert.deepStrictEqual(commits.map((c) => c.parents), [0, 1, 1, 1, 1, 1, 1, 1, 1]);
    assert.strictEqual(commits[0].date, epoch('2025-01-05'));
    assert.strictEqual(commits[8].date, epoch('2025-03-02'));
    assert.ok(commits.every((c) => /^[0-9a-f]{40}$/.test(c.hash)));
    assert.deepStrictEqual(commits[0].files, [
      { status: 'A', path: 'package.json' },
      { status: 'A', path: 'src/parser/ast.ts' },
      { status: 'A', path: 'src/parser/lexer.ts' },
      { status: 'A', path: 'src/parser/parser.ts' },
    ]);
    assert.deepStrictEqual(commits[3].files, [
      { status: 'M', path: 'db/migrations/002_users.sql' },
      { status: 'A', path: 'src/api/routes.go' },
      { status: 'M', path: 'src/api/server.go' },
    ]);
  });

  it('reports renames with the old path', async () => {
    const commits = await read(repo);
    assert.deepStrictEqual(commits[7].files, [{ status: 'R', path: 'src/parser/tree.ts', oldPath: 'src/parser/ast.ts' }]);
  });

  it('reports deletions', async () => {
    const dir = buildRepo([
      { author: ALICE, date: '2025-01-01', files: { 'a.py': 'x', 'b.py': 'y' } },
      { author: ALICE, date: '2025-01-02', files: { 'a.py': null } },
    ]);
    assert.deepStrictEqual((await read(dir))[1].files, [{ status: 'D', path: 'a.py' }]);
  });

  it('leaves out authors matching extra bot patterns, and bots by name', async () => {
    assert.deepStrictEqual(new Set(who(await read(repo, { botPatterns: ['^carol', 'BOB@'] }))), new Set(['Alice Smith <alice@example.com>']));
    const dir = buildRepo([
      { author: 'renovate <bot@renovateapp.com>', date: '2025-01-01', files: { 'package.json': '{}' } },
      { author: 'Ann <ann@example.com>', date: '2025-01-02', files: { 'a.ts': 'x' } },
    ]);
    assert.deepStrictEqual(who(await read(dir)), ['Ann <ann@example.com>']);
  });

  it('limits by date, count and range', async () => {
    assert.deepStrictEqual(who(await read(repo, { since: '2025-02-02' })), [
      'Carol Jones <carol@example.com>',
      'Bob Brown <bob@example.com>',
      'Alice Smith <alice@example.com>',
      'Carol Jones <carol@example.com>',
    ]);
    assert.deepStrictEqual((await read(repo, { maxCommits: 2 })).map((c) => c.hash), hashes.slice(7));
    assert.deepStrictEqual((await read(repo, { range: `${hashes[5]}..HEAD` })).map((c) => c.hash), hashes.slice(6));
    await assert.rejects(read(repo, { maxCommits: 0 }), RangeError);
    await assert.rejects(read(repo, { range: '--output=x' }), RangeError);
    await assert.rejects(read(repo, { range: 'nope..HEAD' }), /git log failed/);
  });

  it('reads authors only when files are not wanted', async () => {
    const commits = await read(repo, { withFiles: false });
    assert.strictEqual(commits.length, 9);
    assert.ok(commits.every((c) => c.files.length === 0));
    assert.deepStrictEqual(commits.map((c) => c.hash), hashes);
  });

  it('keeps unusual paths verbatim', async () => {
    const names = ['tab\there.ts', 'ünïcødé/ñ.py', 'q"uote.md', 'new\nline.txt', 'sp ace.go'];
    const dir = buildRepo([{ author: ALICE, date: '2025-01-01', files: Object.fromEntries(names.map((n) => [n, 'x'])) }]);
    assert.deepStrictEqual((await read(dir))[0].files.map((f) => f.path).sort(), [...names].sort());
  });

  it('reports progress and stops when aborted', async () => {
    const seen: number[] = [];
    await read(repo, { onCommit: (n) => seen.push(n) });
    assert.deepStrictEqual(seen, [1, 2, 3, 4, 5, 6, 7, 8, 9]);

    const controller = new AbortController();
    const got: string[] = [];
    await assert.rejects(async () => {
      for await (const c of gitHistorySource(repo).readCommits({ signal: controller.signal })) {
        got.push(c.hash);
        controller.abort();
      }
    }, /abort/i);
    assert.deepStrictEqual(got, hashes.slice(0, 1));

    const aborted = new AbortController();
    aborted.abort();
    await assert.rejects(read(repo, { signal: aborted.signal }), /abort/i);
  });

  it('knows HEAD and ancestry', async () => {
    const source = gitHistorySource(repo);
    assert.strictEqual(await source.head(), headOf(repo));
    assert.strictEqual(await source.isAncestor(hashes[0], hashes[8]), true);
    assert.strictEqual(await source.isAncestor(hashes[8], hashes[8]), true);
    assert.strictEqual(await source.isAncestor(hashes[8], hashes[0]), false);
    assert.strictEqual(await source.isAncestor('0123456789abcdef0123456789abcdef01234567', hashes[8]), false);
    assert.strictEqual(await source.gitDir(), path.join(repo, '.git'));
  });

  it('reads an empty repository as no commits', async () => {
    const dir = initRepo();
    const source = gitHistorySource(dir);
    assert.strictEqual(await source.head(), undefined);
    assert.deepStrictEqual(await read(dir), []);
    assert.deepStrictEqual(await listAuthors(dir), []);
  });

  it('reads a detached HEAD', async () => {
    const dir = cloneRepo(repo);
    git(dir, ['checkout', '-q', '--detach', hashes[3]]);
    assert.strictEqual(await gitHistorySource(dir).head(), hashes[3]);
    assert.deepStrictEqual((await read(dir)).map((c) => c.hash), hashes.slice(0, 4));
  });

  it('reads a shallow clone: the boundary commit adds every file it has', async () => {
    const dir = cloneRepo(repo, { depth: 2 });
    const commits = await read(dir);
    assert.deepStrictEqual(commits.map((c) => c.hash), hashes.slice(7));
    assert.strictEqual(commits[0].parents, 0);
    assert.deepStrictEqual(
      commits[0].files.map((f) => `${f.status} ${f.path}`),
      [
        'A README.md',
        'A db/migrations/001_init.sql',
        'A db/migrations/002_users.sql',
        'A db/migrations/003_orders.sql',
        'A docs/api.md',
        'A docs/guide.md',
        'A package-lock.json',
        'A package.json',
        'A src/api/routes.go',
        'A src/api/server.go',
        'A src/parser/lexer.ts',
        'A src/parser/parser.ts',
        'A src/parser/tree.ts',
      ],
    );
  });

  it('reads a bare repository, with its .mailmap from HEAD', async () => {
    const dir = cloneRepo(repo, { bare: true });
    const commits = await read(dir);
    assert.deepStrictEqual(commits.map((c) => c.hash), hashes);
    assert.strictEqual(commits[4].authorEmail, 'carol@example.com');
    assert.strictEqual(await gitHistorySource(dir).head(), hashes[8]);
  });

  it('refuses a folder that is not a repository', async () => {
    const dir = tempDir();
    await assert.rejects(gitHistorySource(dir).gitDir(), NotARepositoryError);
    await assert.rejects(gitHistorySource(path.join(dir, 'missing')).gitDir(), NotARepositoryError);
    await assert.rejects(read(path.join(dir, 'missing')), NotARepositoryError);
  });

  it('counts at most 12 months of activity in a 12-month window that starts mid-month', async () => {
    // The 20th of each month from March 2024 to February 2025, and 15 March 2025: 13 calendar months
    // inside the 12 months before the newest commit.
    const dates = Array.from({ length: 12 }, (_, i) => new Date(Date.UTC(2024, 2 + i, 20)).toISOString().slice(0, 10)).concat('2025-03-15');
    const dir = buildRepo(dates.map((date, i) => ({ author: ALICE, date, files: { [`f${i}.go`]: 'x' } })));
    const [alice] = await listAuthors(dir);
    assert.strictEqual(alice.recentCommits, 13);
    assert.strictEqual(alice.recentMonths, 12);
  });

  it('lists authors by commits, mailmapped, without bots', async () => {
    assert.deepStrictEqual(await listAuthors(repo), [
      // Each with their commits in the active months and in how many calendar months of them.
      { name: 'Alice Smith', email: 'alice@example.com', emails: ['alice@example.com'], commits: 3, lastDate: epoch('2025-03-01'), active: true, recentCommits: 3, recentMonths: 2, evidence: [] },
      { name: 'Bob Brown', email: 'bob@example.com', emails: ['bob@example.com'], commits: 3, lastDate: epoch('2025-02-10'), active: true, recentCommits: 3, recentMonths: 2, evidence: [] },
      { name: 'Carol Jones', email: 'carol@example.com', emails: ['carol@example.com'], commits: 3, lastDate: epoch('2025-03-02'), active: true, recentCommits: 3, recentMonths: 2, evidence: [] },
    ]);
    const dir = cloneRepo(repo);
    applySteps(dir, [{ author: 'Bob Brown <bob@example.com>', date: '2025-04-01', files: { 'x.go': 'x' } }]);
    assert.deepStrictEqual((await listAuthors(dir)).map((a) => `${a.name} ${a.commits}`), ['Bob Brown 4', 'Alice Smith 3', 'Carol Jones 3']);
  });
});
