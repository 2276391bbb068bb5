/**
 * History analysis with its on-disk cache: the first run reads the whole history; later runs read
 * only the commits added since (`OLD..HEAD`) when the cached HEAD is still an ancestor of HEAD,
 * and the whole history again after a rewrite (rebase, reset, force-push), with `noCache`, when the
 * cache file is unreadable, or when what HEAD says about the history changed (`.gitattributes`,
 * `.git-blame-ignore-revs`).
 *
 * Before the history, HEAD's tree is read (`HistorySource.profile`): the files that exist are those
 * of HEAD, generated and vendored files earn no skill, ignored revisions and mass changes earn no
 * authorship. In a partial clone, or when git finds objects missing, renames are detected by
 * identical content only, and the analysis says so in {@link Analysis.notices}.
 */
import { createHash } from 'crypto';
import { CommitRecord, ExpertiseState, DEFAULT_HALF_LIFE_DAYS } from '../core/expertise';
import { MASS_CHANGE_FILES, nonSkillMatcher, revisionSet } from '../core/expertise';
import type { SkillArea } from '../core/file';
import { createClassifier, SkillTag } from '../core/expertise';
import { cacheFile, CachedProfile, readCache, writeCache, CACHE_VERSION } from './cache';
import { gitHistorySource, HistorySource, MissingObjectsError, RepositoryProfile } from './history';

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
  /** A commit touching this many files or more earns no skill (default 300). */
  massChangeFiles?: number;
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
  /** `exact`: renames were detected by identical content only (contents missing or not fetched). */
  renames: 'content' | 'exact';
  /** One line each: what the user should know about how the history was read. */
  notices: string[];
}

export const PARTIAL_CLONE_NOTICE = 'Partial clone: renames were detected by identical content only, so git downloads no file contents.';
export const MISSING_OBJECTS_NOTICE = 'Some file contents are missing from the repository: renames were detected by identical content only.';

/** A turn of the event loop: the extension host's thread serves the editor between long steps (HEAD's tree, the cache, the scoring that follows). */
const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** A digest of what HEAD says about the history (attributes, ignored revisions, vendored folders). */
function profileKey(profile: RepositoryProfile): string {
  return createHash('sha256')
    .update(JSON.stringify([profile.attributes, profile.ignoreRevs, profile.vendored]))
    .digest('hex')
    .slice(0, 32);
}

export async function analyzeRepository(repoDir: string, options: AnalyzeOptions = {}): Promise<Analysis> {
  const source = options.source ?? gitHistorySource(repoDir);
  const halfLifeDays = options.halfLifeDays ?? DEFAULT_HALF_LIFE_DAYS;
  const massChangeFiles = options.massChangeFiles ?? MASS_CHANGE_FILES;
  const { gitDir, head } = await source.locate();
  options.signal?.throwIfAborted();
  if (head === undefined) {
    return { mode: 'empty', commitsRead: 0, state: new ExpertiseState(createClassifier(options.teamSkills), halfLifeDays, massChangeFiles), renames: 'content', notices: [] };
  }

  const classifierFor = (p: CachedProfile): ((path: string) => SkillTag[]) => createClassifier(options.teamSkills, { noSkill: nonSkillMatcher(p.attributes, p.vendored) });
  /** The state made ready for `profile`'s HEAD: its ignored revisions, and its tree to read paths against. */
  const prepare = (state: ExpertiseState, profile: RepositoryProfile): ExpertiseState => {
    state.ignoreRevision = revisionSet(profile.ignoreRevs);
    state.useTree(profile.tree, profile.treeSet);
    return state;
  };
  const notices = (renames: Analysis['renames'], p: { partial: boolean; notices?: readonly string[] }): string[] => [
    ...(renames === 'content' ? [] : [p.partial ? PARTIAL_CLONE_NOTICE : MISSING_OBJECTS_NOTICE]),
    ...(p.notices ?? []),
  ];

  const file = options.cacheDir
    ? cacheFile(options.cacheDir, gitDir, {
        since: options.since,
        maxCommits: options.maxCommits,
        halfLifeDays,
        massChangeFiles,
        botPatterns: options.botPatterns ?? [],
        teamSkills: (options.teamSkills ?? []).map((s) => [s.id, s.name, s.paths]),
      })
    : undefined;
  const entry = file && !options.noCache ? readCache(file) : undefined;
  /** The cached state, or undefined when it does not restore (a damaged cache is no cache). */
  const restore = (): ExpertiseState | undefined => {
    try {
      return entry && ExpertiseState.fromJSON(entry.state, classifierFor(entry.profileData));
    } catch {
      return undefined;
    }
  };

  if (entry?.head === head) {
    const state = restore();
    if (state) {
      return { head, mode: 'cached', commitsRead: 0, state, renames: entry.renames, notices: notices(entry.renames, entry.profileData) };
    }
  }

  let commitsRead = 0;
  let renames: Analysis['renames'] = entry?.renames ?? 'content';
  let mailmap = entry?.profileData.mailmap ?? true;
  const read = (range: string, limit: boolean): AsyncIterator<CommitRecord> => {
    const commits = source.readCommits({
      since: options.since,
      maxCommits: limit ? options.maxCommits : undefined,
      range,
      signal: options.signal,
      botPatterns: options.botPatterns,
      renames,
      mailmap,
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

  let profile: RepositoryProfile | undefined;
  let state: ExpertiseState | undefined;
  let mode: Analysis['mode'] = 'full';
  if (entry) {
    // git lists OLD..HEAD, checks that OLD is still in HEAD's history and what changed in the tree
    // (from the cached files, HEAD's tree at OLD) while the cache loads.
    const ancestor = source.isAncestor(entry.head, head);
    const changed = source.profile(head, { commit: entry.head, tree: entry.state.paths, profile: { ...entry.profileData, mailmap: entry.profileData.mailmap ?? true, notices: entry.profileData.notices ?? [] } });
    changed.catch(() => undefined);
    const commits = read(`${entry.head}..${head}`, false);
    const first = commits.next();
    first.catch(() => undefined);
    const restored = restore();
    // A cache that does not restore says nothing about the tree either: HEAD's is then read whole.
    profile = restored ? await changed : undefined;
    if (restored && profile && (await ancestor) && profileKey(profile) === entry.profile && profile.partial === entry.profileData.partial && profile.mailmap === mailmap) {
      state = await apply(prepare(restored, profile), commits, first).catch((e: unknown) => {
        if (e instanceof MissingObjectsError) return undefined;
        throw e;
      });
      if (state) mode = 'incremental';
    } else {
      await first.catch(() => undefined);
      await commits.return?.();
    }
  }
  profile ??= await source.profile(head);
  options.signal?.throwIfAborted();
  await turn();
  if (profile.partial) renames = 'exact';
  mailmap = profile.mailmap;
  if (!state) {
    const current = profile;
    const classify = classifierFor(current);
    const fresh = (): ExpertiseState => prepare(new ExpertiseState(classify, halfLifeDays, massChangeFiles), current);
    try {
      state = await apply(fresh(), read(head, true));
    } catch (e) {
      if (!(e instanceof MissingObjectsError) || renames === 'exact') throw e;
      // Renames by similar content need the contents git could not read: read again without them.
      renames = 'exact';
      state = await apply(fresh(), read(head, true));
    }
  }
  state.setTree(profile.tree);
  await turn();
  if (file) {
    const profileData: CachedProfile = {
      attributes: profile.attributes,
      ignoreRevs: profile.ignoreRevs,
      ignoreFiles: profile.ignoreFiles,
      vendored: profile.vendored,
      partial: profile.partial,
      mailmap: profile.mailmap,
      notices: profile.notices,
    };
    writeCache(file, { v: CACHE_VERSION, head, profile: profileKey(profile), profileData, renames, state: state.toJSON() });
    await turn();
  }
  return { head, mode, commitsRead, state, renames, notices: notices(renames, profile) };
}
