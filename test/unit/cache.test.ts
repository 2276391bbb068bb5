import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { analyzeRepository, Analysis } from '../../src/git/analyze';
import { CACHE_VERSION, cacheFile, defaultCacheDir, readCache, writeCache } from '../../src/git/cache';
import { applySteps, buildRepo, cloneRepo, git, initRepo, tempDir } from './helpers/gitRepo';
import { ALICE, BOB, NOW, TEAM_STEPS } from './helpers/scenario';

const result = (a: Analysis): unknown => {
  const e = a.state.compute({ now: NOW });
  return [e.people, e.areas];
};

function cacheFiles(dir: string): string[] {
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.json')) : [];
}

describe('history cache', () => {
  let base: string;
  let repo: string;
  let cacheDir: string;
  before(() => {
    base = buildRepo(TEAM_STEPS);
  });
  beforeEach(() => {
    repo = cloneRepo(base);
    cacheDir = path.join(tempDir(), 'cache');
  });

  it('reads everything once, then nothing, then only new commits', async () => {
    const first = await analyzeRepository(repo, { cacheDir });
    assert.deepStrictEqual([first.mode, first.commitsRead], ['full', 9]);
    assert.strictEqual(cacheFiles(cacheDir).length, 1);

    const again = await analyzeRepository(repo, { cacheDir });
    assert.deepStrictEqual([again.mode, again.commitsRead, again.head], ['cached', 0, first.head]);
    assert.deepStrictEqual(result(again), result(first));

    applySteps(repo, [
      { author: BOB, date: '2025-03-05', files: { 'src/parser/lexer.ts': 'bob was here\n' } },
      { author: ALICE, date: '2025-03-06', files: { 'db/migrations/002_users.sql': null } },
    ]);
    const next = await analyzeRepository(repo, { cacheDir });
    assert.deepStrictEqual([next.mode, next.commitsRead, next.state.commits], ['incremental', 2, 11]);
    const full = await analyzeRepository(repo, { cacheDir, noCache: true });
    assert.deepStrictEqual([full.mode, full.commitsRead], ['full', 11]);
    assert.deepStrictEqual(result(next), result(full));
    assert.strictEqual(cacheFiles(cacheDir).length, 1);
  });

  it('follows HEAD’s tree from the changes since, merges too, and reads everything again when attributes change', async () => {
    await analyzeRepository(repo, { cacheDir });
    // A branch that drops the migrations, merged: the deletion is in the merge, not in a commit read.
    applySteps(repo, [{ branch: 'cleanup' }, { author: BOB, date: '2025-03-05', files: { 'src/api/routes.go': 'package api // 3\n' } }, { checkout: 'main' }]);
    const who = { GIT_AUTHOR_NAME: 'Alice Smith', GIT_AUTHOR_EMAIL: 'alice@example.com', GIT_AUTHOR_DATE: '2025-03-06T12:00:00Z', GIT_COMMITTER_DATE: '2025-03-06T12:00:00Z' };
    git(repo, ['merge', '-q', '--no-ff', '--no-commit', 'cleanup'], who);
    git(repo, ['rm', '-q', '-r', '-f', 'db/migrations']);
    git(repo, ['commit', '-q', '-m', 'Merge cleanup without the migrations'], who);
    const next = await analyzeRepository(repo, { cacheDir });
    assert.deepStrictEqual([next.mode, next.commitsRead], ['incremental', 1]);
    assert.ok(!next.state.livePaths().some((p) => p.startsWith('db/')), next.state.livePaths().join(', '));
    const full = await analyzeRepository(repo, { cacheDir, noCache: true });
    assert.deepStrictEqual(result(next), result(full));
    assert.deepStrictEqual(next.state.livePaths().sort(), full.state.livePaths().sort());

    // New attributes change what earns a skill: the history is read again.
    applySteps(repo, [{ author: ALICE, date: '2025-03-07', files: { '.gitattributes': 'docs/** linguist-generated\n' } }]);
    const attributed = await analyzeRepository(repo, { cacheDir });
    assert.deepStrictEqual([attributed.mode, attributed.state.compute().areas.has('module:docs')], ['full', false]);
  });

  it('reads everything again after a history rewrite', async () => {
    await analyzeRepository(repo, { cacheDir });
    git(repo, ['reset', '-q', '--hard', 'HEAD~2']);
    applySteps(repo, [{ author: BOB, date: '2025-04-01', files: { 'src/api/new.go': 'package api\n' } }]);
    const after = await analyzeRepository(repo, { cacheDir });
    assert.deepStrictEqual([after.mode, after.commitsRead], ['full', 8]);
    assert.deepStrictEqual(after.state.livePaths().includes('src/parser/tree.ts'), false);
    assert.deepStrictEqual(result(after), result(await analyzeRepository(repo)));
  });

  it('ignores a damaged cache file and replaces it', async () => {
    await analyzeRepository(repo, { cacheDir });
    const [name] = cacheFiles(cacheDir);
    const file = path.join(cacheDir, name);
    const good = fs.readFileSync(file, 'utf8');
    applySteps(repo, [{ author: BOB, date: '2025-04-01', files: { 'x.go': 'package x\n' } }]);
    for (const damage of ['{"v":', '[]', 'null', JSON.stringify({ ...JSON.parse(good), state: { v: 2, people: 'x' } })]) {
      fs.writeFileSync(file, damage);
      const a = await analyzeRepository(repo, { cacheDir });
      assert.deepStrictEqual([a.mode, a.commitsRead], ['full', 10], damage);
      assert.strictEqual(readCache(file)?.head, a.head);
    }
  });

  it('keeps one cache per set of options, and refuses nothing when the disk does', async () => {
    await analyzeRepository(repo, { cacheDir });
    const other = await analyzeRepository(repo, { cacheDir, halfLifeDays: 30 });
    assert.deepStrictEqual([other.mode, other.state.halfLifeDays], ['full', 30]);
    const limited = await analyzeRepository(repo, { cacheDir, maxCommits: 3 });
    assert.deepStrictEqual([limited.mode, limited.commitsRead], ['full', 3]);
    assert.strictEqual(cacheFiles(cacheDir).length, 3);

    const blocked = path.join(tempDir(), 'a-file');
    fs.writeFileSync(blocked, '');
    const a = await analyzeRepository(repo, { cacheDir: path.join(blocked, 'cache') });
    assert.deepStrictEqual([a.mode, a.commitsRead], ['full', 9]);
    assert.strictEqual(writeCache(path.join(blocked, 'cache', 'x.json'), { v: CACHE_VERSION, head: 'a'.repeat(40), profile: 'p', profileData: { attributes: {}, ignoreRevs: [], ignoreFiles: [], vendored: [], partial: false }, renames: 'content', state: a.state.toJSON() }), false);
  });

  it('handles a repository without commits, and aborting', async () => {
    const empty = await analyzeRepository(initRepo(), { cacheDir });
    assert.deepStrictEqual([empty.mode, empty.commitsRead, empty.head, empty.state.commits], ['empty', 0, undefined, 0]);
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(analyzeRepository(repo, { cacheDir, signal: controller.signal }), /abort/i);
    assert.deepStrictEqual(cacheFiles(cacheDir), []);
  });

  it('names cache files by repository and options, in the XDG cache folder', () => {
    assert.notStrictEqual(cacheFile('/c', '/r1/.git', {}), cacheFile('/c', '/r2/.git', {}));
    assert.notStrictEqual(cacheFile('/c', '/r1/.git', { a: 1 }), cacheFile('/c', '/r1/.git', { a: 2 }));
    assert.strictEqual(path.dirname(cacheFile('/c', '/r1/.git', {})), '/c');
    assert.strictEqual(defaultCacheDir({ XDG_CACHE_HOME: '/x/cache', HOME: '/home/u' }), '/x/cache/peer-mentoring');
    assert.strictEqual(defaultCacheDir({ XDG_CACHE_HOME: 'relative', HOME: '/home/u' }), '/home/u/.cache/peer-mentoring');
    assert.strictEqual(defaultCacheDir({ HOME: '/home/u' }), '/home/u/.cache/peer-mentoring');
  });
});
