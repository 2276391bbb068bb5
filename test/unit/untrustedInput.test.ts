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
import { buildRepo, tempDir } from './helpers/gitRepo';

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
});
