/**
 * The history analysis kept on disk between runs: one JSON file per repository and set of analysis
 * options, holding the HEAD it was computed at and the serialised {@link ExpertiseState}. Anything
 * unreadable is treated as no cache (the caller reads the history again); writes are atomic
 * (temporary file, then rename), so a crash never leaves a half-written cache behind.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { SerializedExpertise } from '../core/expertise';

/** Bumped whenever the cached content or its meaning changes (e.g. the classifier's tables). */
export const CACHE_VERSION = 3;

/** What HEAD said about the history (`HistorySource.profile`), without the tree (the state's files are the tree). */
export interface CachedProfile {
  attributes: Record<string, string>;
  ignoreRevs: string[];
  ignoreFiles: string[];
  vendored: string[];
  partial: boolean;
  /** Whether `.mailmap` was read (absent in caches written before it could be left out: it was). */
  mailmap?: boolean;
  /** Files of HEAD left unread, one line each. */
  notices?: string[];
}

export interface CacheEntry {
  v: typeof CACHE_VERSION;
  /** The commit the state was computed at. */
  head: string;
  /** Digest of what HEAD said about the history (attributes, ignored revisions) when the state was computed. */
  profile: string;
  profileData: CachedProfile;
  /** How renames were detected (`exact`: identical content only). */
  renames: 'content' | 'exact';
  state: SerializedExpertise;
}

/** `$XDG_CACHE_HOME/peer-mentoring`, else `~/.cache/peer-mentoring`. */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : path.join(env.HOME || os.homedir(), '.cache');
  return path.join(base, 'peer-mentoring');
}

/** The cache file for a repository (by its absolute git directory) and the options that shape the analysis. */
export function cacheFile(cacheDir: string, gitDir: string, options: unknown): string {
  let real = gitDir;
  try {
    real = fs.realpathSync(gitDir);
  } catch {
    // Keep the path as given.
  }
  const key = createHash('sha256')
    .update(JSON.stringify([CACHE_VERSION, real, options]))
    .digest('hex')
    .slice(0, 32);
  return path.join(cacheDir, `history-${key}.json`);
}

/** The entry in `file`, or undefined when it is missing, unreadable or not a cache entry. */
export function readCache(file: string): CacheEntry | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const entry = JSON.parse(text) as Partial<CacheEntry>;
    if (entry.v !== CACHE_VERSION || typeof entry.head !== 'string' || !/^[0-9a-f]{40,64}$/.test(entry.head) || typeof entry.profile !== 'string' || !isProfile(entry.profileData) || (entry.renames !== 'content' && entry.renames !== 'exact') || typeof entry.state !== 'object' || entry.state === null) {
      return undefined;
    }
    return entry as CacheEntry;
  } catch {
    return undefined;
  }
}

function isProfile(p: unknown): p is CachedProfile {
  if (typeof p !== 'object' || p === null) return false;
  const x = p as Partial<CachedProfile>;
  const strings = (a: unknown): boolean => Array.isArray(a) && a.every((s) => typeof s === 'string');
  return (
    typeof x.attributes === 'object' && x.attributes !== null && Object.values(x.attributes).every((v) => typeof v === 'string') &&
    strings(x.ignoreRevs) && strings(x.ignoreFiles) && strings(x.vendored) && typeof x.partial === 'boolean' &&
    (x.mailmap === undefined || typeof x.mailmap === 'boolean') && (x.notices === undefined || strings(x.notices))
  );
}

/** Writes `entry` atomically; returns false (and leaves any previous file) when the disk refuses. */
export function writeCache(file: string, entry: CacheEntry): boolean {
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(tmp, JSON.stringify(entry));
    fs.renameSync(tmp, file);
    return true;
  } catch {
    try {
      fs.rmSync(tmp, { force: true });
    } catch {
      // The folder itself is unusable: nothing was written.
    }
    return false;
  }
}
