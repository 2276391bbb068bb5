/**
 * History analysis with its on-disk cache: the first run reads the whole history; later runs read
 * only the commits added since (`OLD..HEAD`) when the cached HEAD is still an ancestor of HEAD,
 * and the whole history again after a rewrite (rebase, reset, force-push), with `noCache`, or when
 * the cache file is unreadable.
 */
import { CommitRecord, ExpertiseState, DEFAULT_HALF_LIFE_DAYS } from '../core/expertise';
import type { SkillArea } from '../core/model';
import { createClassifier } from '../core/skills';
import { cacheFile, readCache, writeCache, CACHE_VERSION } from './cache';
import { gitHistorySource, HistorySource } from './history';

export interface AnalyzeOptions {
  /** Only commits after this date (as `git log --since`). */
  since?: string;
  /** At most this many commits (the newest) on a full read. */
  maxCommits?: number;
  /** Where to keep the cache; without it nothing is cached. */
  cacheDir?: string;
  /** Read the whole history even if a cache exists (the cache is then rewritten). */
  noCache?: boolean;
  halfLifeDays?: number;
  botPatterns?: readonly string[];
  teamSkills?: readonly SkillArea[];
  signal?: AbortSignal;
  /** Commits read so far in this run. */
  onProgress?: (commitsRead: number) => void;
  /** For tests: a history source other than git in `repoDir`. */
  source?: HistorySource;
}

export interface Analysis {
  /** The commit analysed; undefined for a repository without commits. */
  head?: string;
  /** `full`: whole history read; `incremental`: only new commits; `cached`: nothing new; `empty`: no commits. */
  mode: 'full' | 'incremental' | 'cached' | 'empty';
  /** Commits read from git in this run. */
  commitsRead: number;
  state: ExpertiseState;
}

export async function analyzeRepository(repoDir: string, options: AnalyzeOptions = {}): Promise<Analysis> {
  const source = options.source ?? gitHistorySource(repoDir);
  const halfLifeDays = options.halfLifeDays ?? DEFAULT_HALF_LIFE_DAYS;
  const classify = createClassifier(options.teamSkills);
  const fresh = (): ExpertiseState => new ExpertiseState(classify, halfLifeDays);
  const { gitDir, head } = await source.locate();
  options.signal?.throwIfAborted();
  if (head === undefined) return { mode: 'empty', commitsRead: 0, state: fresh() };

  const file = options.cacheDir
    ? cacheFile(options.cacheDir, gitDir, {
        since: options.since,
        maxCommits: options.maxCommits,
        halfLifeDays,
        botPatterns: options.botPatterns ?? [],
        teamSkills: (options.teamSkills ?? []).map((s) => [s.id, s.name, s.paths]),
      })
    : undefined;

  const entry = file && !options.noCache ? readCache(file) : undefined;
  const restore = (): ExpertiseState | undefined => {
    try {
      return entry && ExpertiseState.fromJSON(entry.state, classify);
    } catch {
      return undefined; // A damaged cache is no cache.
    }
  };
  if (entry?.head === head) {
    const cached = restore();
    if (cached) return { head, mode: 'cached', commitsRead: 0, state: cached };
  }

  let commitsRead = 0;
  const read = (range: string, limit: boolean): AsyncIterator<CommitRecord> => {
    const commits = source.readCommits({
      since: options.since,
      maxCommits: limit ? options.maxCommits : undefined,
      range,
      signal: options.signal,
      botPatterns: options.botPatterns,
      onCommit: (n) => {
        commitsRead = n;
        options.onProgress?.(n);
      },
    });
    return commits[Symbol.asyncIterator]();
  };
  const apply = async (state: ExpertiseState, commits: AsyncIterator<CommitRecord>, first = commits.next()): Promise<ExpertiseState> => {
    for (let r = await first; !r.done; r = await commits.next()) state.addCommit(r.value);
    return state;
  };

  let state: ExpertiseState | undefined;
  let mode: Analysis['mode'] = 'full';
  if (entry) {
    // git lists OLD..HEAD and checks that OLD is still in HEAD's history while the cache loads.
    const ancestor = source.isAncestor(entry.head, head);
    const commits = read(`${entry.head}..${head}`, false);
    const first = commits.next();
    first.catch(() => undefined);
    const cached = restore();
    if (cached && (await ancestor)) {
      state = await apply(cached, commits, first);
      mode = 'incremental';
    } else {
      await first.catch(() => undefined);
      await commits.return?.();
    }
  }
  state ??= await apply(fresh(), read(head, true));
  if (file) writeCache(file, { v: CACHE_VERSION, head, state: state.toJSON() });
  return { head, mode, commitsRead, state };
}
