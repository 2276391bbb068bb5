/**
 * Goal evidence against `git log` alone, on `--repo DIR`, the history benchmark's repository
 * (`.cache/bench/history-*.git`) when it exists, or a generated 6,000-commit repository:
 *
 *  - the review panel: `readEvidence` (one `git log` over the newest 1,000 commits, parsed and
 *    matched against three goals) ÷ the same `git log` alone, target ≤ 1.2;
 *  - the session agenda: evidence for a partnership with many goals (40: five for each of eight
 *    people, two path globs each, some named by trailers) since a date about 2,000 commits back, as
 *    Prepare Session reads it (`readEvidenceRange` with the agenda's limits) ÷ the same
 *    `git log --since` alone, target ≤ 1.5; and the agenda built from it.
 *
 *   npm run bench -- --only evidence [--repo DIR]
 */
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { BenchContext } from './';
import { cpuSeconds } from './history.bench';
import { AGENDA_COMMITS_PER_GOAL, buildAgenda, renderAgendaMarkdown } from '../src/core/mentoring';
import type { EvidenceGoal } from '../src/core/review/evidence';
import type { MentoringFile } from '../src/core/file/model';
import { AGENDA_SCAN_COMMITS, EVIDENCE_SCAN_COMMITS, evidenceLogArgs, readEvidence, readEvidenceRange } from '../src/git/evidence';

const ROOT = path.resolve(__dirname, '..', '..');
const RUNS = 5;
const AGENDA_RANGE_COMMITS = 2000;
const PEOPLE = 8;
const GOALS_EACH = 5;

/** A repository of `commits` commits by eight authors over 24 folders, 1–3 files each, made with `git fast-import`. */
function generate(commits: number): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-bench-evidence-'));
  spawnSync('git', ['init', '-q', '--bare', dir]);
  const authors = Array.from({ length: PEOPLE }, (_, i) => `Dev ${i} <dev${i}@example.com>`);
  const dirs = Array.from({ length: 24 }, (_, i) => `${['src', 'lib', 'services', 'docs'][i % 4]}/m${i}`);
  const exts = ['ts', 'go', 'py', 'md'];
  const parts: string[] = [];
  for (let i = 0; i < commits; i++) {
    const who = authors[(i * 7) % authors.length];
    const message = `Change ${i}${i % 7 === 0 ? `\n\nMentoring-Goal: goal-${i % 3}` : ''}\n`;
    parts.push(`commit refs/heads/main\ncommitter ${who} ${1_600_000_000 + i * 3600} +0000\ndata ${Buffer.byteLength(message)}\n${message}`);
    for (let k = 0; k <= i % 3; k++) {
      const file = `${dirs[(i + k * 5) % dirs.length]}/f${(i + k) % 50}.${exts[(i + k) % exts.length]}`;
      const content = `export const v = ${i};\n`;
      parts.push(`M 100644 inline ${file}\ndata ${Buffer.byteLength(content)}\n${content}\n`);
    }
  }
  spawnSync('git', ['fast-import', '--quiet'], { cwd: dir, input: parts.join('') });
  spawnSync('git', ['symbolic-ref', 'HEAD', 'refs/heads/main'], { cwd: dir });
  return dir;
}

function repository(ctx: BenchContext): { dir: string; generated: boolean } {
  const given = ctx.option('repo');
  if (given) return { dir: path.resolve(given), generated: false };
  const cache = path.join(ROOT, '.cache', 'bench');
  const existing = fs.existsSync(cache) ? fs.readdirSync(cache).find((d) => /^history-\d+\.git$/.test(d)) : undefined;
  return existing ? { dir: path.join(cache, existing), generated: false } : { dir: generate(6000), generated: true };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const git = (dir: string, args: string[]): string => spawnSync('git', args, { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 30 }).stdout;

/** Wall-clock and CPU milliseconds (this process and git) of `fn`. */
async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; cpuMs: number; value: T }> {
  const cpu = cpuSeconds();
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, cpuMs: (cpuSeconds() - cpu) * 1000, value };
}

/** `git log` with these arguments, its output read and dropped. */
function gitAlone(dir: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, { cwd: dir, stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout.resume();
    child.once('error', reject);
    child.once('close', () => resolve());
  });
}

/** Forty goals of eight people in the folders and file kinds the recent history touches, as a mentoring file has them. */
function manyGoals(dir: string, since: string): { file: MentoringFile; goals: EvidenceGoal[] } {
  const emails = [...new Set(git(dir, ['log', '--format=%aE', `--since=${since}T00:00:00Z`, 'HEAD']).split('\n').filter(Boolean))].slice(0, PEOPLE);
  const paths = git(dir, ['log', '--name-only', '--format=', '--max-count=500', 'HEAD']).split('\n').filter(Boolean);
  const folders = [...new Set(paths.map((p) => p.split('/').slice(0, 2).join('/')).filter((p) => p.includes('/')))];
  const exts = [...new Set(paths.map((p) => path.extname(p).slice(1)).filter(Boolean))];
  const file: MentoringFile = {
    version: 1,
    partners: emails.map((email, i) => ({ id: `p${i}`, name: `Person ${i}`, emails: [email] })),
    partnerships: [{ id: 'team', members: emails.map((_, i) => `p${i}`), kind: 'mutual', cadence: 14, status: 'active' }],
    skills: [],
    goals: [],
    sessions: [{ date: since, partnership: 'team', status: 'held', minutes: 60 }],
  };
  for (let n = 0; n < emails.length * GOALS_EACH; n++) {
    file.goals.push({
      id: n < 3 ? `goal-${n}` : `goal-${n}-x`,
      partnership: 'team',
      owner: `p${n % emails.length}`,
      title: `Goal ${n}`,
      paths: [`${folders[n % folders.length]}/**`, `**/*.${exts[n % exts.length]}`],
      status: 'active',
      ...(n % 2 ? { created: since } : {}),
    });
  }
  const goals: EvidenceGoal[] = file.goals.map((g) => ({ id: g.id, paths: g.paths ?? [], ownerEmails: [emails[Number(g.owner.slice(1))]], ...(g.created ? { created: g.created } : {}) }));
  return { file, goals };
}

export async function run(ctx: BenchContext): Promise<void> {
  const { dir, generated } = repository(ctx);
  try {
    console.log(`repository: ${dir}${generated ? ' (generated, 6,000 commits)' : ''}; load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores`);

    // The review panel: three goals over the newest 1,000 commits.
    const emails = git(dir, ['log', '--format=%aE', '--max-count=200', 'HEAD']).split('\n').filter(Boolean);
    const three: EvidenceGoal[] = [
      { id: 'goal-0', paths: ['src/api/**'], ownerEmails: [emails[0]] },
      { id: 'goal-1', paths: ['**/*.md', 'docs/'], ownerEmails: [emails[1] ?? emails[0]] },
      { id: 'goal-2', paths: ['packages/**', 'src/**'], created: '2000-01-01', ownerEmails: emails.slice(0, 3) },
    ];
    const panelArgs = evidenceLogArgs({ maxCommits: EVIDENCE_SCAN_COMMITS });
    const gitTimes: number[] = [];
    const ours: number[] = [];
    let found = 0;
    for (let i = 0; i < RUNS; i++) {
      gitTimes.push((await timed(() => gitAlone(dir, panelArgs))).ms);
      const r = await timed(() => readEvidence(dir, three));
      ours.push(r.ms);
      found = [...r.value.values()].reduce((n, list) => n + list.length, 0);
    }
    const ratio = median(ours) / median(gitTimes);
    console.log(`review panel: git log alone (newest ${EVIDENCE_SCAN_COMMITS}) ${median(gitTimes).toFixed(0)} ms; readEvidence, 3 goals, ${median(ours).toFixed(0)} ms, ${found} commits listed (medians of ${RUNS})`);
    console.log(`review panel: ratio ${ratio.toFixed(2)} (target ≤ 1.2) ${ratio <= 1.2 ? 'OK' : 'OVER TARGET'}`);

    // The agenda: many goals since a date about 2,000 commits back.
    const since = git(dir, ['log', '--format=%as', `--skip=${AGENDA_RANGE_COMMITS}`, '--max-count=1', 'HEAD']).trim() || '1970-01-01';
    const { file, goals } = manyGoals(dir, since);
    const agendaArgs = evidenceLogArgs({ maxCommits: AGENDA_SCAN_COMMITS, since });
    const alone: { ms: number; cpuMs: number }[] = [];
    const read: { ms: number; cpuMs: number }[] = [];
    let scanned = 0;
    let listed = 0;
    let buildMs = 0;
    for (let i = 0; i < RUNS; i++) {
      alone.push(await timed(() => gitAlone(dir, agendaArgs)));
      const r = await timed(() => readEvidenceRange(dir, goals, { since, perGoal: AGENDA_COMMITS_PER_GOAL, maxCommits: AGENDA_SCAN_COMMITS }));
      read.push(r);
      scanned = r.value.scanned;
      listed = [...r.value.byGoal.values()].reduce((n, list) => n + list.length, 0);
      const start = performance.now();
      const agenda = buildAgenda(file, 'team', new Date().toISOString().slice(0, 10), { available: true, ...r.value });
      if (agenda) renderAgendaMarkdown(agenda);
      buildMs = performance.now() - start;
    }
    const wall = median(read.map((r) => r.ms)) / median(alone.map((r) => r.ms));
    const cpu = median(read.map((r) => r.cpuMs)) / median(alone.map((r) => r.cpuMs));
    console.log(
      `agenda: git log --since ${since} alone ${median(alone.map((r) => r.ms)).toFixed(0)} ms (CPU ${median(alone.map((r) => r.cpuMs)).toFixed(0)} ms); ` +
        `evidence for ${goals.length} goals ${median(read.map((r) => r.ms)).toFixed(0)} ms (CPU ${median(read.map((r) => r.cpuMs)).toFixed(0)} ms): ${scanned} commits read, ${listed} listed`,
    );
    console.log(`agenda: ratio ${wall.toFixed(2)}, CPU ratio ${cpu.toFixed(2)} (target ≤ 1.5) ${wall <= 1.5 ? 'OK' : 'OVER TARGET'}; building and writing the agenda ${buildMs.toFixed(0)} ms`);
  } finally {
    if (generated) fs.rmSync(dir, { recursive: true, force: true });
  }
}
