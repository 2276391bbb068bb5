/**
 * The last committed version of a file that passes a check: what the views show of a mentoring
 * file that has errors when there is no valid text of it from this session (the window was
 * reloaded, or the file was broken before it was opened).
 *
 *   git log --max-count=N --format=%H %cs -- FILE      the commits that changed it, newest first
 *   git show HASH:./FILE                                 its text in each, until one passes
 *
 * Runs git in the repository, so repository config can run programs: never call this for an
 * untrusted workspace — the host checks workspace trust first.
 */
import { execFile } from 'child_process';
import { NOT_A_REPOSITORY, NO_COMMITS } from './logRecords';

/** Commits looked at, newest first. */
export const LAST_COMMITTED_SCAN = 20;

export type CommittedVersion = { found: true; commit: string; date: string; text: string } | { found: false; reason: string };

/**
 * The newest version of `file` (a path relative to `dir`, with `/`) among its last commits that
 * `accept` takes; otherwise why there is none, in a few words.
 */
export async function lastCommittedVersion(dir: string, file: string, accept: (text: string) => boolean, options: { maxCommits?: number; signal?: AbortSignal } = {}): Promise<CommittedVersion> {
  let log: string;
  try {
    log = await git(dir, ['log', `--max-count=${options.maxCommits ?? LAST_COMMITTED_SCAN}`, '--no-color', '--format=%H %cs', 'HEAD', '--', file], options.signal);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (NOT_A_REPOSITORY.test(message)) return { found: false, reason: 'the folder is not in a git repository' };
    if (NO_COMMITS.test(message)) return { found: false, reason: 'it was never committed' };
    throw e;
  }
  const commits = log
    .split('\n')
    .map((line) => line.trim().split(' '))
    .filter((parts) => /^[0-9a-f]{7,64}$/.test(parts[0] ?? ''));
  if (!commits.length) return { found: false, reason: 'it was never committed' };
  for (const [commit, date] of commits) {
    let text: string;
    try {
      text = await git(dir, ['show', '--no-color', '--no-textconv', `${commit}:./${file}`], options.signal);
    } catch {
      continue; // deleted in that commit
    }
    if (accept(text)) return { found: true, commit, date: date ?? '', text };
  }
  return { found: false, reason: commits.length === 1 ? 'its committed version has errors too' : `none of its last ${commits.length} committed versions is valid` };
}

function git(cwd: string, args: string[], signal?: AbortSignal): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('git', ['-c', 'core.quotePath=false', ...args], { cwd, signal, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8', env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' } }, (error, stdout, stderr) => {
      if (!error) return resolve(stdout);
      reject(new Error(stderr.trim() || error.message));
    });
  });
}
