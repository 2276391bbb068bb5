/**
 * `peer-mentoring replay` against git itself: the replay of the last 12 months (reading the year
 * before them too) ÷ `git log --name-status -M` with the trailers over the same commits, measured in
 * the same run. Target: under 60 s on git/git's 12 months on a 2-core machine (measured: about 7 s,
 * 4× git's own read, on a busy machine; eslint/eslint 1.7×).
 *
 *   npm run bench -- --only replay --repo DIR     (e.g. a clone of git/git)
 *
 * Without `--repo`, the repository the history benchmark generated (`.cache/bench/`), if there is one.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import { performance } from 'perf_hooks';
import * as path from 'path';
import type { BenchContext } from './';
import { runCli } from '../src/cli/main';
import { activeSince } from '../src/core/expertise';
import { DAY, KNOWLEDGE_DAYS } from '../src/core/review';

const ROOT = path.resolve(__dirname, '..', '..');

export async function run(ctx: BenchContext): Promise<void> {
  const generated = path.join(ROOT, '.cache', 'bench');
  const repo =
    ctx.option('repo') ??
    (fs.existsSync(generated)
      ? fs
          .readdirSync(generated)
          .filter((d) => /^history-v\d+-\d+\.git$/.test(d))
          .map((d) => path.join(generated, d))[0]
      : undefined);
  if (!repo) {
    console.log('no repository: give --repo DIR, or run the history benchmark first');
    return;
  }
  const head = spawnSync('git', ['-C', repo, 'log', '-1', '--format=%ct'], { encoding: 'utf8' });
  const since = activeSince(Number(head.stdout.trim()), 12) - KNOWLEDGE_DAYS * DAY;
  const t0 = performance.now();
  const git = spawnSync(
    'git',
    ['-C', repo, 'log', '-z', '--reverse', '--no-merges', '-M', '--name-status', `--since=${new Date(since * 1000).toISOString()}`, '--format=%H%x00%aN%x00%aE%x00%ct%x00%(trailers:key=Reviewed-by,key=Acked-by,key=Helped-by,key=Co-authored-by,unfold)%x00', 'HEAD'],
    { maxBuffer: 1 << 30 },
  );
  const gitMs = performance.now() - t0;
  let out = '';
  const t1 = performance.now();
  const code = await runCli(['replay', '--repo', repo, '--json'], { cwd: process.cwd(), env: process.env, out: (t) => void (out += t), err: (t) => process.stderr.write(t) });
  const ours = performance.now() - t1;
  if (code !== 0 || git.status !== 0) throw new Error(`replay exited ${code}, git ${git.status}`);
  const changes = (JSON.parse(out) as { changes: number }).changes;
  const ratio = ours / gitMs;
  console.log(`${path.basename(repo)}: ${changes} changes replayed; git log ${(gitMs / 1000).toFixed(2)} s, replay ${(ours / 1000).toFixed(2)} s, ratio ${ratio.toFixed(2)}; ${ours > 60_000 ? 'OVER the 60 s target' : 'within the 60 s target'}`);
}
