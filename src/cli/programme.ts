/**
 * What `report`, `record` and `report --ics` share: several mentoring files read at once (each named
 * as given), their period options, and the evidence commits of their achieved goals from git (each
 * file's folder is its repository).
 */
import * as path from 'path';
import { isIsoDate } from '../core/dates';
import { DEFAULT_FILE_NAME } from '../core/file';
import type { Goal, MentoringFile } from '../core/file';
import { periodProblem, type Period } from '../core/mentoring';
import { evidenceGoalsOf, type EvidenceCommit } from '../core/review';
import { oneLine, quote } from '../core/text';
import { readEvidenceRange } from '../git/evidence';
import { UsageError, type CliIO } from './io';
import { loadForCommand } from './mentoringFile';

export interface LoadedFile {
  /** The file as given on the command line (how output names it). */
  name: string;
  full: string;
  model: MentoringFile;
}

/** Commits an evidence read looks at, at most, per file. */
const SCAN_COMMITS = 10_000;

/** The files named (default ./.mentoring.yml), each valid; else the exit code once said (the worst one). */
export async function loadFiles(io: CliIO, names: readonly string[], to: string): Promise<LoadedFile[] | 1 | 2> {
  const list = names.length ? names : [DEFAULT_FILE_NAME];
  const loaded: LoadedFile[] = [];
  let failed: 1 | 2 | undefined;
  for (const name of list) {
    const full = path.resolve(io.cwd, name);
    const model = await loadForCommand(io, name, full, to);
    if (typeof model === 'number') failed = failed === 2 || model === 2 ? 2 : 1;
    else loaded.push({ name, full, model });
  }
  return failed ?? loaded;
}

/** `--since` and `--until` as a period (both ends included); bad dates are usage errors. */
export function periodOption(since: string | undefined, until: string | undefined): Period {
  for (const [flag, value] of [['--since', since], ['--until', until]] as const) {
    if (value !== undefined && !isIsoDate(value)) throw new UsageError(`${flag}: ${quote(value)} is not a YYYY-MM-DD date from 1900 to 2999`);
  }
  const period: Period = {};
  if (since !== undefined) period.since = since;
  if (until !== undefined) period.until = until;
  const problem = periodProblem(period);
  if (problem) throw new UsageError(problem);
  return period;
}

/**
 * The evidence commits of `goals` from the git repository holding `file`; when git cannot be read
 * (no repository, git missing), says so on stderr in one line and returns undefined.
 */
export async function evidenceFor(io: CliIO, file: LoadedFile, goals: readonly Goal[]): Promise<Map<string, EvidenceCommit[]> | undefined> {
  if (!goals.length) return new Map();
  const dated = goals.map((g) => g.created);
  const since = dated.every((d) => d !== undefined) ? (dated as string[]).reduce((a, b) => (a < b ? a : b)) : undefined;
  try {
    const read = await readEvidenceRange(path.dirname(file.full), evidenceGoalsOf(file.model, goals), { since, maxCommits: SCAN_COMMITS });
    if (!read.complete) io.err(`${oneLine(file.name)}: evidence from the newest ${SCAN_COMMITS} commits only\n`);
    return read.byGoal;
  } catch (e) {
    io.err(`${oneLine(file.name)}: no evidence commits: ${oneLine(e instanceof Error ? e.message : String(e))}\n`);
    return undefined;
  }
}
