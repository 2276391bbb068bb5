import * as assert from 'assert/strict';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { baseCandidates, parsePullRequestBase, remoteRepository } from '../../src/core/review/reviewBase';
import { resolveReviewBase } from '../../src/git/reviewBase';

describe('review base', () => {
  it('reads the pull request base as owner#repo#branch', () => {
    assert.deepEqual(parsePullRequestBase('eslint#eslint#main'), { owner: 'eslint', repo: 'eslint', branch: 'main' });
    assert.deepEqual(parsePullRequestBase('o#r#release/1.x'), { owner: 'o', repo: 'r', branch: 'release/1.x' });
    assert.equal(parsePullRequestBase('main'), undefined);
    assert.equal(parsePullRequestBase('o#r#'), undefined);
  });

  it('finds owner/repo in the usual remote URLs', () => {
    for (const url of ['https://github.com/Owner/Repo.git', 'https://github.com/owner/repo', 'git@github.com:owner/repo.git', 'ssh://git@github.com/owner/repo', 'https://ghe.example:8443/owner/repo/']) {
      assert.equal(remoteRepository(url), 'owner/repo', url);
    }
    assert.equal(remoteRepository('/srv/git/repo'), undefined);
  });

  it('orders the candidates: pull request base, merge base, setting, origin/HEAD', () => {
    const remotes = { origin: 'git@github.com:me/fork.git', upstream: 'https://github.com/eslint/eslint.git' };
    assert.deepEqual(baseCandidates({ pullRequestBase: 'eslint#eslint#main', mergeBase: 'origin/feature', setting: 'develop', originHead: 'origin/main', remotes }), [
      { ref: 'upstream/main', source: 'pull-request' },
      { ref: 'origin/feature', source: 'merge-base' },
      { ref: 'develop', source: 'setting' },
      { ref: 'origin/main', source: 'origin-head' },
    ]);
    assert.deepEqual(baseCandidates({ pullRequestBase: 'other#repo#main', originHead: 'origin/main', remotes }), [{ ref: 'origin/main', source: 'origin-head' }], 'no remote points at the pull request’s repository');
    assert.deepEqual(baseCandidates({ setting: '--output=x', remotes: {} }), [], 'never an option');
  });

  describe('in a repository', () => {
    let dir: string;
    const git = (...args: string[]): string => execFileSync('git', args, { cwd: dir, encoding: 'utf8' });
    beforeEach(() => {
      dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'pm-base-')));
      git('init', '-q', '-b', 'main');
      git('config', 'user.name', 'A');
      git('config', 'user.email', 'a@example.com');
      fs.writeFileSync(path.join(dir, 'a.txt'), 'a\n');
      git('add', '.');
      git('commit', '-qm', 'init');
      git('remote', 'add', 'origin', 'https://github.com/acme/app.git');
      git('update-ref', 'refs/remotes/origin/main', 'HEAD');
      git('update-ref', 'refs/remotes/origin/release', 'HEAD');
      git('symbolic-ref', 'refs/remotes/origin/HEAD', 'refs/remotes/origin/main');
      git('checkout', '-q', '-b', 'feature/x');
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('uses origin/HEAD without anything else', async () => {
      assert.deepEqual(await resolveReviewBase(dir), { ref: 'origin/main', source: 'origin-head', commit: git('rev-parse', 'HEAD').trim() });
    });

    it('prefers the setting, then VS Code’s merge base, then the pull request’s base', async () => {
      assert.equal((await resolveReviewBase(dir, 'origin/release'))?.source, 'setting');
      git('config', 'branch.feature/x.vscode-merge-base', 'origin/release');
      assert.deepEqual(await resolveReviewBase(dir, 'main'), { ref: 'origin/release', source: 'merge-base', commit: git('rev-parse', 'HEAD').trim() });
      git('config', 'branch.feature/x.github-pr-base-branch', 'acme#app#main');
      assert.equal((await resolveReviewBase(dir, 'main'))?.ref, 'origin/main');
      assert.equal((await resolveReviewBase(dir, 'main'))?.source, 'pull-request');
    });

    it('skips a candidate that names no commit', async () => {
      git('config', 'branch.feature/x.github-pr-base-branch', 'acme#app#gone');
      git('config', 'branch.feature/x.vscode-merge-base', 'origin/gone');
      assert.equal((await resolveReviewBase(dir, 'nope'))?.source, 'origin-head');
      git('symbolic-ref', '--delete', 'refs/remotes/origin/HEAD');
      assert.equal(await resolveReviewBase(dir, 'nope'), undefined);
    });
  });
});
