/**
 * Goal evidence for a review panel refresh: `readEvidence` (one `git log` over the newest 1,000
 * commits, parsed and matched against three goals) ÷ the same `git log` alone, target ≤ 1.2, on
 * `--repo DIR`, the history benchmark's repository (`.cache/bench/history-*.git`) when it exists, or
 * a generated 3,000-commit repository.
 *
 *   npm run bench -- --only evidence [--repo DIR]
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { BenchContext } from './index';
import type { EvidenceGoal } from '../src/core/evidence';
import { EVIDENCE_SCAN_COMMITS, readEvidence } from '../src/git/evidence';

const ROOT = path.resolve(__dirname, '..', '..');
const RUNS = 5;

/** A repository of `commits` commits by four authors over three folders, made with `git fast-import`. */
function generate(commits: number): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-bench-evidence-'));
  spawnSync('git', ['init', '-q', '--bare', dir]);
  const authors = ['Ada <ada@example.com>', 'Ben <ben@example.com>', 'Cy <cy@example.com>', 'Di <di@example.com>'];
  const dirs = ['src/api', 'src/web', 'docs'];
  let stream = '';
  for (let i = 0; i < commits; i++) {
    const who = authors[i % authors.length];
    const message = `Change ${i}${i % 7 === 0 ? `\n\nMentoring-Goal: goal-${i % 3}` : ''}\n`;
    const file = `${dirs[i % dirs.length]}/f${i % 50}.ts`;
    const content = `export const v = ${i};\n`;
    stream += `commit refs/heads/main\ncommitter ${who} ${1_600_000_000 + i * 3600} +0000\ndata ${Buffer.byteLength(message)}\n${message}`;
    stream += `M 100644 inline ${file}\ndata ${Buffer.byteLength(content)}\n${content}\n`;
  }
  spawnSync('git', ['fast-import', '--quiet'], { cwd: dir, input: stream });
  spawnSync('git', ['symbolic-ref', 'HEAD', 'refs/heads/main'], { cwd: dir });
  return dir;
}

function repository(ctx: BenchContext): { dir: string; generated: boolean } {
  const given = ctx.option('repo');
  if (given) return { dir: path.resolve(given), generated: false };
  const cache = path.join(ROOT, '.cache', 'bench');
  const existing = fs.existsSync(cache) ? fs.readdirSync(cache).find((d) => /^history-\d+\.git$/.test(d)) : undefined;
  return existing ? { dir: path.join(cache, existing), generated: false } : { dir: generate(3000), generated: true };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export async function run(ctx: BenchContext): Promise<void> {
  const { dir, generated } = repository(ctx);
  try {
    const emails = spawnSync('git', ['log', '--format=%aE', '--max-count=200', 'HEAD'], { cwd: dir, encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
    const goals: EvidenceGoal[] = [
      { id: 'goal-0', paths: ['src/api/**'], ownerEmails: [emails[0]] },
      { id: 'goal-1', paths: ['**/*.md', 'docs/'], ownerEmails: [emails[1] ?? emails[0]] },
      { id: 'goal-2', paths: ['packages/**', 'src/**'], created: '2000-01-01', ownerEmails: emails.slice(0, 3) },
    ];
    const args = ['log', '-z', '--no-merges', '--no-color', '--name-only', `--max-count=${EVIDENCE_SCAN_COMMITS}`, '--format=%x01%H%x00%as%x00%aN%x00%aE%x00%B', 'HEAD', '--'];
    const gitTimes: number[] = [];
    const ours: number[] = [];
    let found = 0;
    for (let i = 0; i < RUNS; i++) {
      let t = performance.now();
      spawnSync('git', args, { cwd: dir, maxBuffer: 1 << 30 });
      gitTimes.push(performance.now() - t);
      t = performance.now();
      const result = await readEvidence(dir, goals);
      ours.push(performance.now() - t);
      found = [...result.values()].reduce((n, list) => n + list.length, 0);
    }
    const ratio = median(ours) / median(gitTimes);
    console.log(`repository: ${dir}${generated ? ' (generated, 3,000 commits)' : ''}`);
    console.log(`git log alone (newest ${EVIDENCE_SCAN_COMMITS}): ${median(gitTimes).toFixed(0)} ms (median of ${RUNS})`);
    console.log(`readEvidence, 3 goals: ${median(ours).toFixed(0)} ms, ${found} commits listed`);
    console.log(`ratio ${ratio.toFixed(2)} (target ≤ 1.2) ${ratio <= 1.2 ? 'OK' : 'OVER TARGET'}`);
  } finally {
    if (generated) fs.rmSync(dir, { recursive: true, force: true });
  }
}
