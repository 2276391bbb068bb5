/**
 * The history a review replay or a reviewer suggestion reads: each change with its author, its
 * co-authors, the reviewers its message records and its files, in ONE streamed pass, oldest first.
 *
 *   git log -z --reverse --no-merges -M --name-status --since=… --format=…%(trailers:…)
 *
 * Only the trailers that name a reviewer (`Reviewed-by:`, `Acked-by:`, `Helped-by:`) and co-authors
 * (`Co-authored-by:`) are asked of git, so the message body itself never crosses the pipe. Bots are
 * skipped as authors and as trailer names (`core/people.ts`).
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import { botMatcher } from '../core/expertise';
import { DAY, KNOWLEDGE_DAYS } from '../core/review';
import type { HistoryChange, PersonRef } from '../core/review';
import { Replay, ReviewView } from '../core/review';
import type { CoveringGoal } from '../core/review';
import { NotARepositoryError } from './history';
import { logRecords, MakeRecord, NO_COMMITS, NOT_A_REPOSITORY, parseLogRecords, startLog } from './logRecords';

export type { HistoryChange, PersonRef };

/** The trailers read, lower case: the first three name reviewers, the last a co-author. */
export const REVIEW_TRAILERS = ['reviewed-by', 'acked-by', 'helped-by'] as const;
const CO_AUTHOR = 'co-authored-by';

const FORMAT = `--format=%x01%H%x00%aN%x00%aE%x00%ct%x00%(trailers:key=Reviewed-by,key=Acked-by,key=Helped-by,key=Co-authored-by,unfold,separator=%x1f)%x00`;

export interface ReadReviewHistoryOptions {
  /** Epoch seconds: only changes committed at or after it. */
  since?: number;
  /** Revision to read from (default HEAD). */
  range?: string;
  signal?: AbortSignal;
  botPatterns?: readonly string[];
}

/** HEAD's commit and its commit date (epoch seconds); undefined without commits. */
export async function readHead(repoDir: string, revision = 'HEAD'): Promise<{ head: string; date: number } | undefined> {
  if (!fs.existsSync(repoDir)) throw new NotARepositoryError(repoDir);
  if (!revision.trim() || revision.startsWith('-')) throw new RangeError(`not a revision: ${revision}`);
  const { code, stdout, stderr } = await run(repoDir, ['log', '-1', '--format=%H%x00%ct', `${revision}^{commit}`, '--']);
  if (code !== 0) {
    if (NOT_A_REPOSITORY.test(stderr)) throw new NotARepositoryError(repoDir);
    if (NO_COMMITS.test(stderr)) return undefined;
    throw new Error(`git log failed in ${repoDir}: ${stderr.trim().split('\n')[0] ?? ''}`);
  }
  const [head, date] = stdout.trim().split('\0');
  return head ? { head, date: Number(date) } : undefined;
}

function run(repoDir: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, { cwd: repoDir, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' } });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
  });
}

/** The changes since `options.since`, oldest first. */
export async function* readReviewHistory(repoDir: string, options: ReadReviewHistoryOptions = {}): AsyncGenerator<HistoryChange> {
  const range = options.range ?? 'HEAD';
  if (range.startsWith('-')) throw new RangeError(`not a revision range: ${range}`);
  const args = ['-c', 'diff.relative=false', '-c', 'log.showSignature=false', 'log', '-z', '--reverse', '--no-merges', '--no-color', '-M', '--name-status', FORMAT];
  if (options.since !== undefined) args.push(`--since=${new Date(options.since * 1000).toISOString()}`);
  args.push(range, '--');
  const isBot = botMatcher(options.botPatterns);
  const { signal } = options;
  signal?.throwIfAborted();
  if (!fs.existsSync(repoDir)) throw new NotARepositoryError(repoDir);
  const log = startLog(repoDir, args, { ...process.env, GIT_OPTIONAL_LOCKS: '0' });
  const onAbort = (): void => log.kill();
  signal?.addEventListener('abort', onAbort, { once: true });
  const keep = (c: HistoryChange): HistoryChange | undefined => {
    if (isBot(c.author.name, c.author.email)) return undefined;
    c.reviewers = c.reviewers.filter((r) => !isBot(r.name, r.email));
    c.coAuthors = c.coAuthors.filter((r) => !isBot(r.name, r.email));
    return c;
  };
  try {
    for await (const batch of logRecords(log.chunks, parseReviewRecords)) {
      signal?.throwIfAborted();
      for (const c of batch) {
        const k = keep(c);
        if (k) yield k;
      }
    }
    const code = await log.exited;
    signal?.throwIfAborted();
    if (code !== 0) {
      const message = log.stderr();
      if (NO_COMMITS.test(message)) return;
      if (NOT_A_REPOSITORY.test(message)) throw new NotARepositoryError(repoDir);
      throw new Error(`git log failed in ${repoDir} (exit code ${code}): ${message.split('\n')[0] ?? ''}`);
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
    log.kill();
  }
}

/** `Name <email>` of a trailer value; a value without an address keeps its text as the name. */
export function parsePersonRef(value: string): PersonRef | undefined {
  const v = value.trim();
  const m = /^(.*?)\s*<([^<>\s]+@[^<>\s]+)>\s*$/.exec(v);
  if (m) return { name: m[1].trim().replace(/^"(.*)"$/, '$1') || m[2], email: m[2] };
  return v ? { name: v, email: '' } : undefined;
}

/** Reviewers and co-authors from `Key: value` trailer lines joined by U+001F. */
export function parseTrailerList(text: string): { reviewers: PersonRef[]; coAuthors: PersonRef[] } {
  const reviewers: PersonRef[] = [];
  const coAuthors: PersonRef[] = [];
  for (const line of text.split('\x1f')) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const key = line.slice(0, colon).trim().toLowerCase();
    const who = parsePersonRef(line.slice(colon + 1));
    if (!who) continue;
    if (key === CO_AUTHOR) coAuthors.push(who);
    else if ((REVIEW_TRAILERS as readonly string[]).includes(key)) reviewers.push(who);
  }
  return { reviewers, coAuthors };
}

/** A change from its header: `hash\0name\0email\0time\0trailers\0` (see {@link FORMAT}). */
const changeOf: MakeRecord<HistoryChange> = (data, h, files) => {
  const field = (i: number): string => data.toString('utf8', h[2 * i], h[2 * i + 1]);
  const { reviewers, coAuthors } = parseTrailerList(field(4));
  return { hash: field(0), author: { name: field(1), email: field(2) }, date: Number(field(3)), reviewers, coAuthors, files };
};

/** Parses the complete change records at the start of `data` into `out` (see `logRecords.ts`); returns the bytes used. */
export function parseReviewRecords(data: Buffer, final: boolean, out: HistoryChange[]): number {
  return parseLogRecords(data, final, 5, changeOf, out);
}

/** A change between two commits: the files that exist after it and the authors of its commits. */
export async function readRangeChange(repoDir: string, base: string, head: string): Promise<{ files: string[]; authors: PersonRef[] }> {
  for (const ref of [base, head]) if (!ref.trim() || ref.startsWith('-')) throw new RangeError(`not a revision: ${ref}`);
  const [diff, log] = await Promise.all([
    run(repoDir, ['-c', 'diff.relative=false', 'diff', '--no-ext-diff', '--no-textconv', '--name-status', '-z', '-M', `${base}...${head}`, '--']),
    run(repoDir, ['log', '--no-merges', '--format=%aN%x00%aE%x00', `${base}..${head}`, '--']),
  ]);
  for (const r of [diff, log]) if (r.code !== 0) throw new Error(r.stderr.trim().split('\n')[0] || `git failed in ${repoDir}`);
  const files: string[] = [];
  const parts = diff.stdout.split('\0');
  for (let i = 0; i + 1 < parts.length; ) {
    const status = parts[i][0];
    if (status === 'R' || status === 'C') {
      files.push(parts[i + 2]);
      i += 3;
    } else {
      if (status !== 'D') files.push(parts[i + 1]);
      i += 2;
    }
  }
  const authors: PersonRef[] = [];
  const fields = log.stdout.split('\0');
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const name = fields[i].replace(/^\n/, '');
    const email = fields[i + 1];
    if (!authors.some((a) => a.email.toLowerCase() === email.toLowerCase())) authors.push({ name, email });
  }
  return { files, authors };
}

/** `user.name` and `user.email` as git sees them in `repoDir`: the author of a working-tree change. */
export async function readUser(repoDir: string): Promise<PersonRef | undefined> {
  const [name, email] = await Promise.all([run(repoDir, ['config', 'user.name']), run(repoDir, ['config', 'user.email'])]);
  const n = name.stdout.trim();
  const e = email.stdout.trim();
  return n || e ? { name: n || e, email: e } : undefined;
}

/** Days of history before HEAD the suggestions replay to know each person's recent load. */
const LOAD_REPLAY_DAYS = 60;

/**
 * Who knows what and who is busy, from the last year of history up to HEAD (or a branch's base:
 * what was known before the branch), for {@link suggestReviewers}: read once, in one stream.
 */
export async function readReviewView(
  repoDir: string,
  options: { goals?: readonly CoveringGoal[]; botPatterns?: readonly string[]; signal?: AbortSignal; /** Read up to here (a branch's base), default HEAD. */ revision?: string } = {},
): Promise<{ view: ReviewView; head: string; at: number } | undefined> {
  const head = await readHead(repoDir, options.revision);
  if (!head) return undefined;
  const replay = new Replay({ start: head.date - LOAD_REPLAY_DAYS * DAY, end: head.date, tree: [], goals: options.goals, strategies: [] });
  for await (const change of readReviewHistory(repoDir, { since: head.date - KNOWLEDGE_DAYS * DAY, range: head.head, botPatterns: options.botPatterns, signal: options.signal })) replay.add(change);
  return { view: replay.view(), head: head.head, at: head.date };
}
