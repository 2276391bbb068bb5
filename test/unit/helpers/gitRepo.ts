/**
 * Real git repositories for tests, built from a declarative list of steps:
 *
 *   const dir = buildRepo([
 *     { author: 'Alice <alice@example.com>', date: '2025-01-10', files: { 'src/a.ts': 'x' } },
 *     { author: 'Bob <bob@example.com>', date: '2025-01-11', rename: { 'src/a.ts': 'src/b.ts' } },
 *     { branch: 'feature' },
 *     { author: 'Bob <bob@example.com>', date: '2025-01-12', files: { 'src/c.ts': 'y', 'src/b.ts': null } },
 *     { checkout: 'main' },
 *     { merge: 'feature', author: 'Alice <alice@example.com>', date: '2025-01-13' },
 *   ]);
 *
 * Each repository lives in a fresh temporary folder, removed by {@link removeTempDirs} (registered
 * as a mocha root hook when this module is loaded by a test).
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export interface CommitStep {
  /** `Name <email>`. */
  author: string;
  /** `YYYY-MM-DD` (noon UTC) or an ISO date-time. */
  date: string;
  message?: string;
  /** Path → new content; `null` deletes the file. */
  files?: Record<string, string | null>;
  /** Old path → new path, moved with `git mv` (content unchanged, so git sees a rename). */
  rename?: Record<string, string>;
}

export type RepoStep =
  | CommitStep
  /** Creates a branch at HEAD and switches to it. */
  | { branch: string }
  | { checkout: string }
  /** Merges a branch into the current one with a merge commit (`--no-ff`). */
  | { merge: string; author: string; date: string };

const tempDirs: string[] = [];

export function tempDir(prefix = 'pm-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const d of tempDirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
}

/** A clean environment for git: no user or system config, fixed committer. */
function gitEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: os.tmpdir(),
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_COMMITTER_NAME: 'Committer',
    GIT_COMMITTER_EMAIL: 'committer@example.com',
    LC_ALL: 'C',
    ...extra,
  };
}

/** Runs git in `dir` and returns its standard output. */
export function git(dir: string, args: string[], env: Record<string, string> = {}): string {
  return execFileSync('git', args, { cwd: dir, env: gitEnv(env), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function parseAuthor(author: string): { name: string; email: string } {
  const m = /^(.*?)\s*<([^>]*)>$/.exec(author);
  if (!m) throw new Error(`author must be "Name <email>": ${author}`);
  return { name: m[1], email: m[2] };
}

function isoDate(date: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(date) ? `${date}T12:00:00Z` : date;
}

function identity(author: string, date: string): Record<string, string> {
  const { name, email } = parseAuthor(author);
  const d = isoDate(date);
  return { GIT_AUTHOR_NAME: name, GIT_AUTHOR_EMAIL: email, GIT_AUTHOR_DATE: d, GIT_COMMITTER_DATE: d };
}

/** Epoch seconds of a step's date, as the history reader reports it. */
export function epoch(date: string): number {
  return Date.parse(isoDate(date)) / 1000;
}

/** An empty repository (branch `main`), or a bare one. */
export function initRepo(options: { bare?: boolean; dir?: string } = {}): string {
  const dir = options.dir ?? tempDir();
  git(dir, ['init', '-q', '-b', 'main', ...(options.bare ? ['--bare'] : [])]);
  return dir;
}

/** Applies `steps` to the repository in `dir` (created with {@link initRepo} when absent). */
export function applySteps(dir: string, steps: readonly RepoStep[]): void {
  let n = 0;
  for (const step of steps) {
    n++;
    if ('branch' in step) git(dir, ['checkout', '-q', '-b', step.branch]);
    else if ('checkout' in step) git(dir, ['checkout', '-q', step.checkout]);
    else if ('merge' in step) git(dir, ['merge', '-q', '--no-ff', '-m', `Merge ${step.merge}`, step.merge], identity(step.author, step.date));
    else {
      for (const [from, to] of Object.entries(step.rename ?? {})) {
        fs.mkdirSync(path.dirname(path.join(dir, to)), { recursive: true });
        git(dir, ['mv', from, to]);
      }
      for (const [file, content] of Object.entries(step.files ?? {})) {
        const full = path.join(dir, file);
        if (content === null) git(dir, ['rm', '-q', '--', file]);
        else {
          fs.mkdirSync(path.dirname(full), { recursive: true });
          fs.writeFileSync(full, content);
          git(dir, ['add', '--', file]);
        }
      }
      git(dir, ['commit', '-q', '--allow-empty', '-m', step.message ?? `change ${n}`], identity(step.author, step.date));
    }
  }
}

/** A new repository (branch `main`) with `steps` applied; returns its folder. */
export function buildRepo(steps: readonly RepoStep[]): string {
  const dir = initRepo();
  applySteps(dir, steps);
  return dir;
}

/** Clones `source` into a new temporary folder (`--depth N` for a shallow clone, `--bare`). */
export function cloneRepo(source: string, options: { depth?: number; bare?: boolean } = {}): string {
  const dir = path.join(tempDir(), options.bare ? 'clone.git' : 'clone');
  const args = ['clone', '-q'];
  if (options.depth !== undefined) args.push('--depth', String(options.depth));
  if (options.bare) args.push('--bare');
  // A shallow clone needs a URL; a plain path would be cloned with hard links, ignoring --depth.
  args.push(options.depth !== undefined ? `file://${source}` : source, dir);
  git(os.tmpdir(), args);
  return dir;
}

export function headOf(dir: string): string {
  return git(dir, ['rev-parse', 'HEAD']).trim();
}

// Removing a run's few hundred repositories is disk-bound: on a busy machine it can take longer than a test may.
if (typeof after === 'function') {
  after(function () {
    this.timeout(180_000);
    removeTempDirs();
  });
}
