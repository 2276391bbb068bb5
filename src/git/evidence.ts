/**
 * Goal evidence from git: ONE `git log` over the newest commits of HEAD (since a date, when given),
 * then the commits that name a goal in a trailer or that its owner made under its paths
 * (core/evidence.ts).
 *
 *   git log -z --no-merges --name-only --max-count=N [--since=DAY-BEFORE] --format=%x01%H%x00%as%x00%aN%x00%aE%x00%B HEAD --
 *
 * No pathspec: a trailer counts wherever the commit's changes are, so the files are listed and
 * matched here. `--since` (the committer date, a day early for time zones) only bounds the walk;
 * the author date decides. Also shows one commit (`git show`) for the panel's commit links.
 *
 * Runs git in the repository, so repository config can run programs: never call this for an
 * untrusted workspace — the host checks workspace trust first.
 */
import { execFile } from 'child_process';
import { existsSync } from 'fs';
import { AGENDA_COMMITS_PER_GOAL, agendaEvidenceGoals, agendaWindow } from '../core/mentoring';
import type { AgendaEvidenceInput } from '../core/mentoring';
import { addDays, isIsoDate } from '../core/dates';
import { collectEvidence, EVIDENCE_PER_GOAL } from '../core/review';
import type { EvidenceCommit, EvidenceGoal, LoggedCommit } from '../core/review';
import type { IsoDate, MentoringFile } from '../core/file';
import { NOT_A_REPOSITORY, NO_COMMITS } from './logRecords';

/** Commits looked at: the newest this many (merges aside). */
export const EVIDENCE_SCAN_COMMITS = 1000;
/** Commits an agenda looks at, at most, since its window starts. */
export const AGENDA_SCAN_COMMITS = 10_000;

export interface EvidenceOptions {
  /** The newest this many commits are read (default {@link EVIDENCE_SCAN_COMMITS}). */
  maxCommits?: number;
  /** At most this many commits per goal (default 20). */
  perGoal?: number;
  /** Only commits authored on or after this date. */
  since?: IsoDate;
  signal?: AbortSignal;
}

/** What one read found. */
export interface EvidenceRead {
  /** Each goal's evidence commits, newest first. */
  byGoal: Map<string, EvidenceCommit[]>;
  /** Commits read (merges aside). */
  scanned: number;
  /** False when the read stopped at `maxCommits` before reaching `since` (or the first commit). */
  complete: boolean;
}

const FORMAT = '--format=%x01%H%x00%as%x00%aN%x00%aE%x00%B';
const MAX_BUFFER = 256 * 1024 * 1024;

/** Each goal's evidence commits, newest first. A repository without commits has none. */
export async function readEvidence(dir: string, goals: readonly EvidenceGoal[], options: EvidenceOptions = {}): Promise<Map<string, EvidenceCommit[]>> {
  return (await readEvidenceRange(dir, goals, options)).byGoal;
}

/** As {@link readEvidence}, saying how many commits were read and whether they reach back far enough. */
export async function readEvidenceRange(dir: string, goals: readonly EvidenceGoal[], options: EvidenceOptions = {}): Promise<EvidenceRead> {
  const max = options.maxCommits ?? EVIDENCE_SCAN_COMMITS;
  if (!Number.isInteger(max) || max < 1) throw new RangeError(`maxCommits must be a positive whole number, not ${max}`);
  if (options.since !== undefined && !isIsoDate(options.since)) throw new RangeError(`since must be a YYYY-MM-DD date, not ${options.since}`);
  if (!goals.length) return { byGoal: new Map(), scanned: 0, complete: true };
  let out: string;
  try {
    out = await git(dir, evidenceLogArgs({ maxCommits: max, since: options.since }), options.signal);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (NO_COMMITS.test(message)) return { byGoal: collectEvidence([], goals), scanned: 0, complete: true };
    throw e;
  }
  const commits = parseLog(out);
  return {
    byGoal: collectEvidence(commits, goals, { perGoal: options.perGoal ?? EVIDENCE_PER_GOAL, since: options.since }),
    scanned: commits.length,
    complete: commits.length < max,
  };
}

/** The arguments of the one `git log` an evidence read runs (also what the benchmark times alone). */
export function evidenceLogArgs(options: { maxCommits?: number; since?: IsoDate } = {}): string[] {
  const args = ['-c', 'diff.relative=false', '-c', 'log.showSignature=false', '-c', 'core.quotePath=false'];
  args.push('log', '-z', '--no-merges', '--no-color', '--name-only', `--max-count=${options.maxCommits ?? EVIDENCE_SCAN_COMMITS}`);
  // The committer date bounds the walk; a day early, so that no time zone loses a commit of the day.
  if (options.since !== undefined) args.push(`--since=${addDays(options.since, -1)}T00:00:00Z`);
  args.push(FORMAT, 'HEAD', '--');
  return args;
}

/**
 * The evidence a session agenda needs (core/agenda `agendaWindow`): the active goals' commits since
 * the last session, and far enough back to tell stalled goals. When git cannot be read (no
 * repository, no git), says why instead; a cancelled read (`signal`) still rejects.
 */
export async function readAgendaEvidence(dir: string, file: MentoringFile, partnershipId: string, today: IsoDate, signal?: AbortSignal): Promise<AgendaEvidenceInput> {
  const window = agendaWindow(file, partnershipId, today);
  try {
    const read = await readEvidenceRange(dir, agendaEvidenceGoals(file, partnershipId), { since: window?.readFrom, perGoal: AGENDA_COMMITS_PER_GOAL, maxCommits: AGENDA_SCAN_COMMITS, signal });
    return { available: true, ...read };
  } catch (e) {
    if (signal?.aborted) throw e;
    return { available: false, reason: e instanceof Error ? e.message : String(e) };
  }
}

/**
 * The commits of `git log -z --name-only` with {@link FORMAT}: per commit `\x01` and five
 * NUL-terminated fields (hash, date, name, email, message), then `\n` and NUL-terminated paths.
 */
export function parseLog(out: string): LoggedCommit[] {
  const commits: LoggedCommit[] = [];
  let pos = 0;
  while (pos < out.length) {
    if (out[pos] !== '\x01') throw new Error(`unexpected git log output at character ${pos}`);
    pos++;
    const fields: string[] = [];
    for (let i = 0; i < 5; i++) {
      const z = out.indexOf('\0', pos);
      if (z < 0) throw new Error('git log output ended inside a commit');
      fields.push(out.slice(pos, z));
      pos = z + 1;
    }
    const files: string[] = [];
    if (out[pos] === '\n') pos++;
    while (pos < out.length && out[pos] !== '\x01') {
      const z = out.indexOf('\0', pos);
      const end = z < 0 ? out.length : z;
      if (end > pos) files.push(out.slice(pos, end));
      pos = end + 1;
    }
    const [hash, date, author, email, message] = fields;
    commits.push({ hash, date, author, email, message, files });
  }
  return commits;
}

/** `git show` of one commit: header, stat and patch (the stat alone when the patch is huge). */
export async function showCommit(dir: string, hash: string): Promise<string> {
  if (!/^[0-9a-f]{4,64}$/i.test(hash)) throw new Error(`not a commit hash: ${hash}`);
  const base = ['-c', 'core.quotePath=false', 'show', '--no-color', '--no-ext-diff', '--no-textconv', '--format=fuller', '--stat'];
  try {
    return await git(dir, [...base, '--patch', hash, '--'], undefined, 16 * 1024 * 1024);
  } catch (e) {
    if ((e as { code?: unknown }).code !== 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') throw e;
    return `${await git(dir, [...base, hash, '--'])}\n(The patch is too large to show here.)\n`;
  }
}

function git(cwd: string, args: string[], signal?: AbortSignal, maxBuffer = MAX_BUFFER): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('git', args, { cwd, signal, maxBuffer, encoding: 'utf8', env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' } }, (error, stdout, stderr) => {
      if (!error) return resolve(stdout);
      const detail = stderr.trim();
      const code = (error as { code?: unknown }).code;
      const missing = code === 'ENOENT' ? (existsSync(cwd) ? 'git was not found: install git or put it on PATH' : `${cwd} does not exist`) : undefined;
      const failure = new Error(missing ?? (NOT_A_REPOSITORY.test(detail) ? `${cwd} is not in a git repository` : detail ? `git: ${detail}` : error.message));
      Object.assign(failure, { code });
      reject(failure);
    });
  });
}
