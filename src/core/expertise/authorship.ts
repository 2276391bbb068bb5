/**
 * What the expertise model reads and keeps: commit records, the degree of authorship of a file
 * (Fritz et al. 2014; thresholds from Avelino et al. 2016), how authorship and activity fade with
 * time, and the compact serialised state. The model itself is described in expertise.ts.
 */
import type { SkillTag } from './skills';

export type ChangeStatus = 'A' | 'M' | 'D' | 'R' | 'C' | 'T';

export interface FileChange {
  status: ChangeStatus;
  path: string;
  /** The path before a rename or copy. */
  oldPath?: string;
}

export interface CommitRecord {
  hash: string;
  authorName: string;
  authorEmail: string;
  /** Author date, epoch seconds. */
  date: number;
  parents: number;
  files: FileChange[];
}

export const DEFAULT_HALF_LIFE_DAYS = 180;
/**
 * A person's authorship of a file weighs half for each this many days between their last change and
 * the file's, and again between their last change and the newest commit.
 */
export const AUTHORSHIP_FADE_DAYS = 1460;
/**
 * A person's focus on an area is `(work there + 0.5) / (all their work + FOCUS_PRIOR)`, in commits:
 * someone with a handful of commits in the whole repository is not focused anywhere.
 */
export const FOCUS_PRIOR = 30;
/** Work counts half for each this many days before the newest commit, as authorship fades. */
export const WORK_FADE_DAYS = 1460;
/** The strength in an area is the share of its work times focus to this power. */
export const FOCUS_EXPONENT = 0.5;
export const DAY = 86_400;
/** Past this many half-lives above the reference date, sums are rescaled (2^600 is far from overflow). */
export const RESCALE_EXPONENT = 600;
/** Key of a (person, skill) activity cell: person · 2^21 + skill. */
export const CELL = 2 ** 21;
/**
 * A file record: creator, then `[person, deliveries, day, activity, work]` per person: `activity`
 * sums each of the person's commits' weight (fading with the half-life) over the files it counts,
 * `work` the same fading by {@link WORK_FADE_DAYS}, so both move with the file when it is renamed.
 */
export const STRIDE = 5;
/**
 * A commit changing up to this many files delivers whole to each of them; a larger one (a release
 * bumping every module's version, a lint sweep) delivers this many over its size to each file.
 */
export const DELIVERY_FILES = 30;
/** Deliveries are kept in whole units: a commit's delivery to a file is 1–60 units, 60 a whole one. */
export const DELIVERY_UNIT = 60;

/** What a commit changing `files` files delivers to each of them, in {@link DELIVERY_UNIT}s (at least 1). */
export function deliveryUnits(files: number): number {
  return files <= DELIVERY_FILES ? DELIVERY_UNIT : Math.max(1, Math.round((DELIVERY_UNIT * DELIVERY_FILES) / files));
}

export const DOA_AUTHOR_MIN = 3.293;
export const DOA_AUTHOR_RATIO = 0.75;

export function degreeOfAuthorship(firstAuthor: boolean, deliveries: number, othersChanges: number): number {
  return 3.293 + 1.098 * (firstAuthor ? 1 : 0) + 0.164 * deliveries - 0.321 * Math.log(1 + othersChanges);
}

/**
 * A file's authorship record: `[creator, person, units, day, activity, work, …]` (creator -1: none
 * in the history read); `units` sums the person's deliveries to the file ({@link deliveryUnits}).
 */
export type FileState = number[];

export interface ActivityCell {
  /** Σ 2^((date − ref) / halfLife) over the person's commits in the area. */
  weight: number;
  commits: number;
  last: number;
  /** `[day, commits, …]`: the days the person changed the area (days since 1970), oldest first. */
  days: number[];
}

/** The JSON form of {@link ExpertiseState}; `v` changes whenever the layout does. */
export interface SerializedExpertise {
  v: 6;
  halfLifeDays: number;
  massChangeFiles: number;
  ref: number | null;
  commits: number;
  /** Commits that earned no skill (mass changes, ignored revisions). */
  massChanges: number;
  /** Date of the newest commit read, epoch seconds. */
  newest: number | null;
  /** `[email, name, commits, firstDate, lastDate]`. */
  people: [string, string, number, number, number][];
  /** `[id, kind, label]`. */
  skills: [string, SkillTag['kind'], string][];
  /** Distinct lists of skill indexes that paths have. */
  skillSets: number[][];
  /** Paths of the files that exist, with (at the same index) their skill set and file record. */
  paths: string[];
  pathSets: number[];
  files: FileState[];
  /** Deleted files' paths and their last records: a file added back at its path takes its record again. */
  deletedPaths: string[];
  deletedFiles: FileState[];
  /** Flat `[person, skill, weight, commits, last, …]`; `weight` sums each commit's share of files in the area. */
  activity: number[];
  /** Per activity cell (in the same order), `[day, commits, …]`. */
  activityDays: number[][];
  /** Folders holding a subtree-merged project. */
  subtrees: string[];
}

export interface Person {
  email: string;
  name: string;
  commits: number;
  firstDate: number;
  lastDate: number;
}

/** What the scoring reads of the state (`ExpertiseState.raw()`). */
export interface RawExpertise {
  people: readonly Person[];
  skills: readonly SkillTag[];
  skillSets: readonly number[][];
  paths: readonly string[];
  files: ReadonlyMap<number, FileState>;
  activity: ReadonlyMap<number, ActivityCell>;
  setOf: (pid: number) => number;
  placeOf: (pid: number) => number;
  placeNames: readonly string[];
  ref: number;
  newest: number;
}

/** The state as the scoring sees it. */
export interface ExpertiseSource {
  readonly halfLifeDays: number;
  raw(): RawExpertise;
}

/** Whether `r` is a well-formed {@link FileState} for `people` people. */
export function isRecord(r: unknown, people: number): r is FileState {
  if (!Array.isArray(r) || r.length % STRIDE !== 1 || !Number.isInteger(r[0]) || r[0] < -1 || r[0] >= people) return false;
  for (let k = 1; k < r.length; k += STRIDE) {
    const [person, units, day, activity, work] = r.slice(k, k + STRIDE) as unknown[];
    if (!Number.isInteger(person) || (person as number) < 0 || (person as number) >= people || !Number.isInteger(units) || (units as number) < 1 || !Number.isInteger(day)) return false;
    for (const x of [activity, work]) if (typeof x !== 'number' || !(x >= 0) || !Number.isFinite(x)) return false;
  }
  return true;
}

/** Scales the fading activity and work kept in file records (when the reference date moves). */
export function rescaleRecords(records: Iterable<FileState>, activityFactor: number, workFactor: number): void {
  for (const f of records) {
    for (let i = 4; i < f.length; i += STRIDE) {
      f[i] *= activityFactor;
      f[i + 1] *= workFactor;
    }
  }
}
