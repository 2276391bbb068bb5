import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { firstChangedLine } from '../../src/core/review/changes';
import { ChangesError, parsePatch, readChanges } from '../../src/git/changes';

/** A throwaway repository: `git(...)` runs git in it, `write` creates files (and folders). */
function tempRepo(): { dir: string; git: (...args: string[]) => string; write: (p: string, content: string | Buffer) => void } {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'pm-changes-')));
  const env = { ...process.env, GIT_AUTHOR_NAME: 'Ann', GIT_AUTHOR_EMAIL: 'ann@example.com', GIT_COMMITTER_NAME: 'Ann', GIT_COMMITTER_EMAIL: 'ann@example.com' };
  const git = (...args: string[]): string => execFileSync('git', args, { cwd: dir, env, encoding: 'utf8' });
  git('init', '-q', '-b', 'main');
  const write = (p: string, content: string | Buffer): void => {
    fs.mkdirSync(path.dirname(path.join(dir, p)), { recursive: true });
    fs.writeFileSync(path.join(dir, p), content);
  };
  return { dir, git, write };
}

describe('change sets from git', () => {
  const dirs: string[] = [];
  function repo(): ReturnType<typeof tempRepo> {
    const r = tempRepo();
    dirs.push(r.dir);
    return r;
  }
  after(() => {
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  it('reads unstaged, staged, deleted and untracked files with their hunks', async () => {
    const r = repo();
    r.write('src/a.ts', 'one\ntwo\nthree\nfour\n');
    r.write('src/gone.ts', 'x\n');
    r.write('.gitignore', 'build/\n');
    r.git('add', '.');
    r.git('commit', '-qm', 'init');
    r.write('src/a.ts', 'one\nTWO\nthree\nfour\nfive\nsix\n');
    r.write('src/staged.ts', 'a\nb\n');
    r.git('add', 'src/staged.ts');
    fs.rmSync(path.join(r.dir, 'src/gone.ts'));
    r.write('notes/new note.md', 'first\nsecond\nthird');
    r.write('build/out.js', 'ignored\n');

    const set = await readChanges(r.dir);
    assert.strictEqual(set.root, r.dir);
    assert.strictEqual(set.comparedWith, 'HEAD');
    assert.deepStrictEqual(set.files, [
      { path: 'notes/new note.md', status: 'untracked', hunks: [{ startLine: 1, lineCount: 3 }] },
      { path: 'src/a.ts', status: 'modified', hunks: [{ startLine: 2, lineCount: 1 }, { startLine: 5, lineCount: 2 }] },
      { path: 'src/gone.ts', status: 'deleted' },
      { path: 'src/staged.ts', status: 'added', hunks: [{ startLine: 1, lineCount: 2 }] },
    ]);
    assert.strictEqual(firstChangedLine(set.files[1]), 2);
  });

  it('reports a rename with its new path, and binary files without hunks', async () => {
    const r = repo();
    r.write('old name.txt', 'alpha\nbeta\ngamma\ndelta\n');
    r.write('logo.png', Buffer.from([0x89, 0x50, 0x00, 0x01, 0x02]));
    r.git('add', '.');
    r.git('commit', '-qm', 'init');
    fs.mkdirSync(path.join(r.dir, 'dossier é'));
    r.git('mv', 'old name.txt', 'dossier é/new "name".txt');
    r.write('dossier é/new "name".txt', 'alpha\nbeta\ngamma\ndelta\nepsilon\n');
    r.git('add', '.');
    r.write('logo.png', Buffer.from([0x89, 0x50, 0x00, 0x03]));
    r.write('raw.bin', Buffer.from([0x00, 0x01]));

    const files = (await readChanges(r.dir)).files;
    assert.deepStrictEqual(files, [
      { path: 'dossier é/new "name".txt', oldPath: 'old name.txt', status: 'renamed', hunks: [{ startLine: 5, lineCount: 1 }] },
      { path: 'logo.png', status: 'modified', binary: true },
      { path: 'raw.bin', status: 'untracked', binary: true },
    ]);
  });

  it('reports a file turned into a symlink as a type change, and a mode change', async () => {
    const r = repo();
    r.write('target.txt', 't\n');
    r.write('was-file', 'content\n');
    r.write('run.sh', 'echo hi\n');
    r.git('add', '.');
    r.git('commit', '-qm', 'init');
    fs.rmSync(path.join(r.dir, 'was-file'));
    fs.symlinkSync('target.txt', path.join(r.dir, 'was-file'));
    fs.chmodSync(path.join(r.dir, 'run.sh'), 0o755);
    const files = (await readChanges(r.dir)).files;
    assert.deepStrictEqual(files, [
      { path: 'run.sh', status: 'modified', hunks: [] },
      { path: 'was-file', status: 'typechange', hunks: [{ startLine: 1, lineCount: 1 }] },
    ]);
  });

  it('works before the first commit', async () => {
    const r = repo();
    r.write('a.txt', 'x\ny\n');
    r.git('add', 'a.txt');
    r.write('b.txt', '');
    const set = await readChanges(r.dir);
    assert.deepStrictEqual(set.files, [
      { path: 'a.txt', status: 'added', hunks: [{ startLine: 1, lineCount: 2 }] },
      { path: 'b.txt', status: 'untracked', hunks: [] },
    ]);
    await assert.rejects(readChanges(r.dir, { kind: 'branch', base: 'main' }), /no commits yet/);
  });

  it('reports paths from the repository root when started in a subfolder', async () => {
    const r = repo();
    r.write('pkg/lib/x.py', 'print(1)\n');
    r.git('add', '.');
    r.git('commit', '-qm', 'init');
    r.write('pkg/lib/x.py', 'print(2)\n');
    const set = await readChanges(path.join(r.dir, 'pkg'));
    assert.strictEqual(set.root, r.dir);
    assert.deepStrictEqual(
      set.files.map((f) => f.path),
      ['pkg/lib/x.py'],
    );
  });

  it('compares a branch with its merge base, not with the base branch tip', async () => {
    const r = repo();
    r.write('shared.ts', 'a\n');
    r.git('add', '.');
    r.git('commit', '-qm', 'init');
    r.git('checkout', '-qb', 'feature');
    r.write('feature.ts', 'f1\nf2\n');
    r.write('shared.ts', 'a\nb\n');
    r.git('add', '.');
    r.git('commit', '-qm', 'feature work');
    r.git('checkout', '-q', 'main');
    r.write('main-only.ts', 'm\n');
    r.git('add', '.');
    r.git('commit', '-qm', 'main moves on');
    r.git('checkout', '-q', 'feature');
    r.write('uncommitted.ts', 'not part of the branch\n');

    const explicit = await readChanges(r.dir, { kind: 'branch', base: 'main' });
    assert.strictEqual(explicit.comparedWith, 'main...HEAD');
    assert.deepStrictEqual(explicit.files, [
      { path: 'feature.ts', status: 'added', hunks: [{ startLine: 1, lineCount: 2 }] },
      { path: 'shared.ts', status: 'modified', hunks: [{ startLine: 2, lineCount: 1 }] },
    ]);
    // No remote: the default base falls back to the local main branch.
    const byDefault = await readChanges(r.dir, { kind: 'branch' });
    assert.strictEqual(byDefault.comparedWith, 'main...HEAD');
    assert.deepStrictEqual(byDefault.files, explicit.files);
  });

  it('prefers origin/main as the default base', async () => {
    const upstream = repo();
    upstream.write('a.txt', 'a\n');
    upstream.git('add', '.');
    upstream.git('commit', '-qm', 'init');
    const clone = repo();
    clone.git('remote', 'add', 'origin', upstream.dir);
    clone.git('fetch', '-q', 'origin');
    clone.git('checkout', '-qb', 'work', 'origin/main');
    clone.git('branch', '-q', '-f', 'main', 'work');
    clone.write('b.txt', 'b\n');
    clone.git('add', '.');
    clone.git('commit', '-qm', 'b');
    clone.git('branch', '-q', '-f', 'main', 'work'); // a local main that already has the work
    const set = await readChanges(clone.dir, { kind: 'branch' });
    assert.strictEqual(set.comparedWith, 'origin/main...HEAD');
    assert.deepStrictEqual(set.files.map((f) => f.path), ['b.txt']);
  });

  it('gives clear errors for a missing base, an unknown ref and a folder outside git', async () => {
    const r = repo();
    r.git('checkout', '-qb', 'trunk');
    r.write('a.txt', 'a\n');
    r.git('add', '.');
    r.git('commit', '-qm', 'init');
    await assert.rejects(readChanges(r.dir, { kind: 'branch' }), (e: Error) => e instanceof ChangesError && /no base branch found/.test(e.message));
    await assert.rejects(readChanges(r.dir, { kind: 'branch', base: 'nope' }), /unknown base 'nope'/);
    await assert.rejects(readChanges(r.dir, { kind: 'branch', base: '--output=x' }), /unknown base/);
    const plain = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-plain-'));
    dirs.push(plain);
    await assert.rejects(readChanges(plain), /not a git repository/);
    await assert.rejects(readChanges(path.join(plain, 'missing')), /not a directory/);
  });

  it('parses patch sections: hunks, removals, binaries, renames and quoted paths', () => {
    const patch = [
      'diff --git a/my file b/my file',
      'index 1..2 100644',
      '--- a/my file',
      '+++ b/my file\t',
      '@@ -3,2 +2,0 @@ context',
      '--- looks like a header',
      '-+++ b/not a path',
      '@@ -10 +9 @@',
      '-a',
      '+diff --git a/x b/x',
      'diff --git a/del b/del',
      'deleted file mode 100644',
      '--- a/del',
      '+++ /dev/null',
      '@@ -1 +0,0 @@',
      '-x',
      'diff --git "a/t\\303\\251st\\tx" "b/t\\303\\251st\\tx"',
      '--- "a/t\\303\\251st\\tx"',
      '+++ "b/t\\303\\251st\\tx"',
      '@@ -0,0 +1,4 @@',
      'diff --git a/img one.png b/img one.png',
      'index 3..4 100644',
      'Binary files a/img one.png and b/img one.png differ',
      'diff --git a/old.txt "b/new \\"q\\".txt"',
      'similarity index 100%',
      'rename from old.txt',
      'rename to "new \\"q\\".txt"',
      'diff --git a/mode.sh b/mode.sh',
      'old mode 100644',
      'new mode 100755',
      '',
    ].join('\n');
    assert.deepStrictEqual(parsePatch(patch), [
      { path: 'my file', status: 'modified', hunks: [{ startLine: 2, lineCount: 0 }, { startLine: 9, lineCount: 1 }] },
      { path: 'del', status: 'deleted' },
      { path: 'tést\tx', status: 'modified', hunks: [{ startLine: 1, lineCount: 4 }] },
      { path: 'img one.png', status: 'modified', binary: true },
      { path: 'new "q".txt', oldPath: 'old.txt', status: 'renamed', hunks: [] },
      { path: 'mode.sh', status: 'modified', hunks: [] },
    ]);
  });
});
