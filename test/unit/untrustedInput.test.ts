/**
 * What a cloned repository or a workspace setting can put in front of the history reader: a bot
 * pattern that backtracks, huge `.git-blame-ignore-revs` and `.gitattributes` files, a partial clone
 * without the blobs. Each case runs the built CLI in a child process with a deadline, so a run that
 * would never return fails the test instead of hanging the suite.
 */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { nonSkillMatcher } from '../../src/core/expertise/generated';
import { applySteps, buildRepo, git, tempDir } from './helpers/gitRepo';
import { prng } from './helpers/prng';

const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'dist/cli.js');

/** Runs the built CLI in `cwd` with a clean cache; fails the test when it has not returned after `deadlineMs`. */
export function runBuiltCli(cwd: string, args: string[], deadlineMs = 30_000, env: NodeJS.ProcessEnv = {}): { status: number | null; stdout: string; stderr: string } {
  assert.ok(fs.existsSync(CLI), 'build the CLI first (node esbuild.js)');
  const home = tempDir();
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    encoding: 'utf8',
    timeout: deadlineMs,
    killSignal: 'SIGKILL',
    env: { PATH: process.env.PATH, HOME: home, XDG_CACHE_HOME: path.join(home, 'cache'), GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', ...env },
  });
  assert.ok(r.signal === null, `peer-mentoring ${args.join(' ')} had not returned after ${deadlineMs / 1000} s`);
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('untrusted input to the history reader', function () {
  this.timeout(120_000);

  it('runs a bot pattern that backtracks in JavaScript (^(a+)+$) in linear time', () => {
    const repo = buildRepo([
      { author: `${'a'.repeat(40)}! <a@example.com>`, date: '2025-01-10', files: { 'src/a.ts': 'x' } },
      { author: 'Bob Stone <bob@example.com>', date: '2025-01-11', files: { 'src/b.ts': 'y' } },
    ]);
    const r = runBuiltCli(repo, ['suggest', '--json', '--bot', '^(a+)+$', '--bot', '^Bob'], 20_000);
    assert.strictEqual(r.status, 0, r.stderr);
    assert.deepStrictEqual((JSON.parse(r.stdout) as { people: { name: string }[] }).people.map((p) => p.name), [`${'a'.repeat(40)}!`]);
  });

  it('refuses at the pattern what the linear-time engine cannot run (exit 2)', () => {
    const repo = buildRepo([{ author: 'Ann Lee <ann@example.com>', date: '2025-01-10', files: { 'a.ts': 'x' } }]);
    const r = runBuiltCli(repo, ['suggest', '--bot', '(?=x)bot']);
    assert.strictEqual(r.status, 2);
    assert.match(r.stderr, /^peer-mentoring suggest: --bot: invalid bot pattern "\(\?=x\)bot": .*not supported: patterns run in linear time\)\n$/);
  });

  it('reads a 1 MB .git-blame-ignore-revs of 130,000 short ids, each commit looked up once per id length', () => {
    const repo = buildRepo([
      { author: 'Ann Lee <ann@example.com>', date: '2025-01-10', files: { 'src/a.ts': 'x' } },
      { author: 'Ann Lee <ann@example.com>', date: '2025-01-11', files: { 'src/b.ts': 'y' }, message: 'Reformat everything' },
    ]);
    const reformat = git(repo, ['rev-parse', 'HEAD']).trim();
    const rand = prng(5);
    const ids = Array.from({ length: 130_000 }, () => Math.floor(rand() * 2 ** 28).toString(16).padStart(7, '0'));
    ids.push(reformat.slice(0, 9));
    applySteps(repo, [{ author: 'Ann Lee <ann@example.com>', date: '2025-01-12', files: { '.git-blame-ignore-revs': ids.join('\n') + '\n' } }]);
    const r = runBuiltCli(repo, ['suggest', '--json'], 30_000);
    assert.strictEqual(r.status, 0, r.stderr);
    const json = JSON.parse(r.stdout) as { commits: number; massChanges: number; notices: string[] };
    assert.strictEqual(json.massChanges, 1, 'the listed commit earns no skill');
    assert.deepStrictEqual(json.notices, []);
  });

  it('leaves out, with one notice line, a .git-blame-ignore-revs or .gitattributes over its size limit; the rest goes on', () => {
    const huge = Array.from({ length: 50_000 }, (_, i) => `src/gen${i}/**/*.js linguist-generated`).join('\n') + '\n';
    const repo = buildRepo([
      { author: 'Ann Lee <ann@example.com>', date: '2025-01-10', files: { 'src/a.ts': 'x', '.gitattributes': huge, '.git-blame-ignore-revs': `${'0123456789abcdef0123456789abcdef01234567\n'.repeat(30_000)}` } },
    ]);
    const r = runBuiltCli(repo, ['suggest'], 30_000);
    assert.strictEqual(r.status, 0, r.stderr);
    assert.strictEqual(
      r.stderr,
      'peer-mentoring suggest: .git-blame-ignore-revs is larger than 1024 KB, so it was not read.\npeer-mentoring suggest: .gitattributes is larger than 512 KB, so it was not read.\n',
    );
    assert.match(r.stdout, /^1 commits analysed/);
  });

  it('looks 10,000 attribute patterns up by their literal folders and extensions, the last match winning', () => {
    const lines = Array.from({ length: 10_000 }, (_, i) => (i % 2 ? `src/gen${i}/**/*.js linguist-generated` : `*.gen${i} linguist-generated`));
    // Later lines win: gen3 is unmarked again, and every .gen8 file is marked.
    lines.push('src/gen3/** -linguist-generated', 'notes.gen8 -linguist-generated');
    const noSkill = nonSkillMatcher({ '.gitattributes': lines.join('\n') + '\n', 'src/.gitattributes': '*.ts linguist-generated\n' });
    const generated = ['src/gen1/deep/m.js', 'src/gen5/m.js', 'src/gen9999/a/b/c.js', 'src/x.gen8', 'lib/y.gen9998', 'src/a.ts', 'src/gen3/m.ts'];
    const written = ['src/gen3/deep/m.js', 'src/gen2/m.js', 'src/gen1/m.ts.bak', 'docs/notes.gen8', 'gen1/m.js', 'x.gen7', 'a.ts'];
    for (const p of generated) assert.strictEqual(noSkill(p), true, p);
    for (const p of written) assert.strictEqual(noSkill(p), false, p);
  });

  describe('a partial clone (--filter=blob:none)', () => {
    let origin: string;
    before(() => {
      origin = buildRepo([
        { author: 'Ann Lee <ann@example.com>', date: '2025-01-10', files: { 'src/a.ts': 'x', '.gitattributes': 'gen/** linguist-generated\n', '.gitmodules': '[submodule "lib"]\n\tpath = lib\n\turl = ../lib\n' } },
        { author: 'Ann L <ann@old.example>', date: '2025-01-11', files: { 'gen/b.ts': 'y', '.mailmap': 'Ann Lee <ann@example.com> Ann L <ann@old.example>\n' } },
        { author: 'Bob Stone <bob@example.com>', date: '2025-01-12', files: { 'src/c.ts': 'z', '.git-blame-ignore-revs': '# none\n', '.gitmodules': '[submodule "lib"]\n\tpath = lib\n\turl = ../lib2\n' } },
      ]);
      // A submodule's change: git describes it with the .gitmodules of that commit, which the clone lacks.
      git(origin, ['update-index', '--add', '--cacheinfo', `160000,${git(origin, ['rev-parse', 'HEAD']).trim()},lib`]);
      git(origin, ['commit', '-q', '-m', 'Add lib'], { GIT_AUTHOR_NAME: 'Bob Stone', GIT_AUTHOR_EMAIL: 'bob@example.com', GIT_AUTHOR_DATE: '2025-01-13T12:00:00Z', GIT_COMMITTER_DATE: '2025-01-13T12:00:00Z' });
      git(origin, ['config', 'uploadpack.allowFilter', 'true']);
    });

    for (const bare of [true, false]) {
      it(`reads the history of a ${bare ? 'bare' : 'no-checkout'} blobless clone without fetching anything, one notice line per file left unread`, () => {
        const clone = path.join(tempDir(), bare ? 'clone.git' : 'clone');
        git(tempDir(), ['clone', '-q', bare ? '--bare' : '--no-checkout', '--filter=blob:none', `file://${origin}`, clone]);
        const objects = (): string => git(clone, ['count-objects', '-v']);
        const before = objects();
        const r = runBuiltCli(clone, ['suggest', '--json'], 60_000);
        assert.strictEqual(r.status, 0, r.stderr);
        const json = JSON.parse(r.stdout) as { commits: number; notices: string[]; people: { name: string }[] };
        assert.strictEqual(json.commits, 4);
        assert.deepStrictEqual(json.notices, [
          'Partial clone: renames were detected by identical content only, so git downloads no file contents.',
          '.git-blame-ignore-revs, .gitattributes are not in this partial clone (nothing is downloaded for them), so they were not read.',
          ...(bare ? ['.mailmap is not in this partial clone (nothing is downloaded for it): authors are read as each commit names them.'] : []),
        ]);
        assert.strictEqual(objects(), before, 'nothing was fetched');
      });
    }
  });
});
