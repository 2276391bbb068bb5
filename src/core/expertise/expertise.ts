/**
 * Who knows which skill area, from the commits that changed the repository.
 *
 * Two measures per person and area, each a share of the area (0–1), averaged into the score:
 *
 *  - **Recent activity share.** Every commit adds `2^(−age / halfLife)` (age in days, half-life
 *    180 days by default) once to each area any of its files belongs to; a person's share is their
 *    sum over everyone's sum for the area.
 *  - **Authorship share.** For every file that exists now, each person who changed it gets a degree
 *    of authorship (Fritz et al. 2014; thresholds from Avelino et al. 2016):
 *
 *        DOA = 3.293 + 1.098·FA + 0.164·DL − 0.321·ln(1 + AC)
 *
 *    FA is 1 for whoever created the file, DL the number of commits by the person that changed it,
 *    AC the number of commits by everyone else. Authorship fades with time: each person's DOA is
 *    weighed by `2^(−gap / 365 days)`, the gap being the time from their last change to the file to
 *    the last change by anyone whose DOA reaches 3.293, so a file rewritten since belongs to who
 *    rewrote it, while a one-line fix by someone else takes nothing away. A person is an *author* of
 *    the file when their DOA is at least 3.293 and their weighed DOA at least 0.75 of the file's
 *    highest. A person's authorship share of an area is the number of the area's files they author,
 *    each weighed by `2^(−age / 365 days)` (age: from their last change to it to the newest commit),
 *    over the area's file count: what someone wrote ten years ago and never touched since says
 *    little about what they know of it today, but still tells who knew it (`files`).
 *
 *        share = (recent activity share + authorship share) / 2
 *        score = (recent share / area's highest recent share + authorship share / area's highest) / 2
 *
 * The score is a strength within the area: its best people score near 1 whether it has 5 files or
 * 1,500; the share says how much of the area they hold. The highest shares are those of active
 * people; someone who left is measured against them (each part at most 1).
 *
 * Shares are ratios, so they do not depend on the day they are computed; `now` only scales the
 * absolute `recentActivity` of an area.
 *
 * People are *active* when their last commit (under any address with the same full name) is at most
 * {@link DEFAULT_ACTIVE_MONTHS} months older than the newest commit read (`people.ts`); files whose
 * authors have all left are the area's `departedFiles`, knowledge at risk.
 *
 * Commits that change {@link MASS_CHANGE_FILES} files or more, and those the repository asks blame to
 * ignore, earn no skill (`generated.ts`): they move, create and delete files but add no authorship
 * and no activity.
 *
 * The state is built commit by commit in history order (oldest first), can be extended with newer
 * commits, and serialises to compact JSON. It grows with the number of files, not of commits:
 * paths and emails are interned, each distinct path is classified once (paths with the same skills
 * share one skill set), and per file only `[creator, person, commits, day, person, commits, day, …]`
 * is kept (`day`: the person's last change to it, in days since 1970). Deleted files drop their
 * record, renamed files carry it to the new path. {@link ExpertiseState.setTree} then makes the files
 * those of HEAD's tree: records of files that are gone (deleted on a merged branch) are dropped,
 * files the history never showed (added by a merge) are counted without authors, and the history of
 * a subtree-merged project (whose own commits name its files without the folder it lives in) is
 * attached to the folder.
 */
import { isMassChange, MASS_CHANGE_FILES } from './generated';
import { activeSince, DEFAULT_ACTIVE_MONTHS, fullNameKey, identityKey } from './people';
import type { SkillTag } from './skills';
import { areaLabel, moduleOf } from './skills';

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
/** A person's authorship of a file weighs half for each this many days between their last change and the file's. */
export const AUTHORSHIP_FADE_DAYS = 365;
const DAY = 86_400;
/** Past this many half-lives above the reference date, sums are rescaled (2^600 is far from overflow). */
const RESCALE_EXPONENT = 600;
/** Key of a (person, skill) activity cell: person · 2^21 + skill. */
const CELL = 2 ** 21;
/** A file record: creator, then `[person, commits, day]` per person. */
const STRIDE = 3;

export const DOA_AUTHOR_MIN = 3.293;
export const DOA_AUTHOR_RATIO = 0.75;

/**
 * A folder of HEAD is a subtree-merged project when at least this many of its files, and this share
 * of them, match (without the folder) files the history names but HEAD does not have…
 */
const SUBTREE_MIN_FILES = 3;
const SUBTREE_MIN_SHARE = 0.3;
/** …or when the files that match carry at least this many commits between them. */
const SUBTREE_MIN_HISTORY = 50;
/** Folders this deep at most are tried as subtree prefixes. */
const SUBTREE_MAX_DEPTH = 3;

export function degreeOfAuthorship(firstAuthor: boolean, deliveries: number, othersChanges: number): number {
  return 3.293 + 1.098 * (firstAuthor ? 1 : 0) + 0.164 * deliveries - 0.321 * Math.log(1 + othersChanges);
}

/** A file's authorship record: `[creator, person, commits, day, …]` (creator -1: none in the history read). */
type FileState = number[];

interface ActivityCell {
  /** Σ 2^((date − ref) / halfLife) over the person's commits in the area. */
  weight: number;
  commits: number;
  last: number;
}

/** The JSON form of {@link ExpertiseState}; `v` changes whenever the layout does. */
export interface SerializedExpertise {
  v: 3;
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
  /** Flat `[person, skill, weight, commits, last, …]`. */
  activity: number[];
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

export class ExpertiseState {
  readonly halfLifeDays: number;
  readonly massChangeFiles: number;
  /** Commits added so far. */
  commits = 0;
  /** Commits added that earned no skill. */
  massChanges = 0;
  /** Revisions that earn no skill (`.git-blame-ignore-revs`); not serialised: set it before adding commits. */
  ignoreRevision: (hash: string) => boolean = () => false;
  /** Where a path of the history lives at HEAD (see {@link useTree}); not serialised. */
  private mapPath: (path: string) => string = (path) => path;
  /** Folders the history's paths were mapped into by {@link mapPath}, with how many paths each. */
  private readonly mappedInto = new Map<string, number>();
  /** HEAD's tree as given to {@link useTree}. */
  private tree?: TreeIndex;
  /** Per path index, the path index it maps to ({@link at}); reset with the tree. */
  private mappedPid: number[] = [];
  private ref = Number.NaN;
  private newest = Number.NaN;
  private subtrees: string[] = [];
  private readonly people: Person[] = [];
  private readonly personIndex = new Map<string, number>();
  private readonly paths: string[] = [];
  private readonly pathIndex = new Map<string, number>();
  /** Skill-set index per path index, classified on first sight. */
  private readonly pathSet: number[] = [];
  private readonly skillSets: number[][] = [];
  private readonly skillSetIndex = new Map<string, number>();
  private readonly skills: SkillTag[] = [];
  private readonly skillIndex = new Map<string, number>();
  private readonly files = new Map<number, FileState>();
  private readonly activity = new Map<number, ActivityCell>();
  private readonly mark: number[] = [];
  /** Place index per path index (module folder `src/core/`, or the path of a root file); not serialised. */
  private readonly pathPlace: number[] = [];
  private readonly placeNames: string[] = [];
  private readonly placeIndex = new Map<string, number>();

  constructor(
    private readonly classify: (path: string) => SkillTag[],
    halfLifeDays: number = DEFAULT_HALF_LIFE_DAYS,
    massChangeFiles: number = MASS_CHANGE_FILES,
  ) {
    if (!(halfLifeDays > 0)) throw new RangeError(`half-life must be a positive number of days, not ${halfLifeDays}`);
    if (!(massChangeFiles >= 1)) throw new RangeError(`the mass-change size must be at least 1 file, not ${massChangeFiles}`);
    this.halfLifeDays = halfLifeDays;
    this.massChangeFiles = massChangeFiles;
  }

  /** Adds one commit; commits must come oldest first (as `git log --reverse` lists them). */
  addCommit(c: CommitRecord): void {
    this.commits++;
    const person = this.person(c.authorEmail, c.authorName, c.date);
    if (!(c.date <= this.newest)) this.newest = c.date;
    if (isMassChange(c.files.length, this.ignoreRevision(c.hash), this.massChangeFiles)) {
      this.massChanges++;
      for (const f of c.files) this.move(f);
      return;
    }
    const weight = this.weightOf(c.date);
    const day = Math.floor(c.date / DAY);
    const stamp = this.commits;
    for (const f of c.files) {
      const pid = this.at(f.path);
      for (const s of this.skillsOf(pid)) {
        if (this.mark[s] === stamp) continue;
        this.mark[s] = stamp;
        const key = person * CELL + s;
        const cell = this.activity.get(key);
        if (cell) {
          cell.weight += weight;
          cell.commits++;
          if (c.date > cell.last) cell.last = c.date;
        } else this.activity.set(key, { weight, commits: 1, last: c.date });
      }
      switch (f.status) {
        case 'A':
        case 'C':
          this.files.set(pid, [person, person, 1, day]);
          break;
        case 'D':
          this.files.delete(pid);
          break;
        case 'R':
          this.touch(pid, person, day, this.takeRecord(f));
          break;
        default:
          this.touch(pid, person, day, this.files.get(pid));
      }
    }
  }

  /**
   * Tells the state HEAD's tree before commits are added, so that the paths a subtree-merged
   * project's own commits name are read as the paths HEAD has ({@link subtreePaths}).
   */
  useTree(tree: readonly string[], live?: ReadonlySet<string>): void {
    this.tree = new TreeIndex(tree, live);
    this.mappedPid = [];
    this.mapPath = subtreePaths(this.tree, this.subtrees, (prefix) => this.mappedInto.set(prefix, (this.mappedInto.get(prefix) ?? 0) + 1));
  }

  /**
   * Makes the files those of HEAD's tree (`paths`): records of files HEAD lacks are dropped, files
   * without a record get one without authors, and the history of subtree-merged folders is attached.
   */
  setTree(paths: readonly string[]): void {
    const live = new Set<number>();
    for (const p of paths) live.add(this.intern(p));
    const orphans = new Map<string, number>();
    for (const pid of this.files.keys()) if (!live.has(pid)) orphans.set(this.paths[pid], pid);
    if (orphans.size > 0) this.attachSubtrees(this.tree?.paths === paths ? this.tree : new TreeIndex(paths), orphans);
    for (const pid of [...this.files.keys()]) if (!live.has(pid)) this.files.delete(pid);
    for (const pid of live) {
      if (!this.files.has(pid)) this.files.set(pid, [-1]);
      // Classified now, not while scoring: a file only HEAD's tree has (added by a merge or a bot) may bring new skills.
      if (this.pathSet[pid] === undefined) this.classifyPath(pid);
    }
    // The tree's indexes served the commits read: let them go (the next run brings its tree).
    this.tree = undefined;
    this.mapPath = (path) => path;
    this.mappedPid = [];
  }

  /** Everyone who authored a commit, in order of first appearance. */
  listPeople(): readonly Person[] {
    return this.people;
  }

  /** Paths of the files that exist (HEAD's tree once {@link setTree} was called; else as the commits left them). */
  livePaths(): string[] {
    return [...this.files.keys()].map((p) => this.paths[p]);
  }

  /** Folders recognised as subtree-merged projects. */
  subtreeFolders(): readonly string[] {
    return this.subtrees;
  }

  /** Date of the newest commit read (epoch seconds), undefined before any. */
  newestDate(): number | undefined {
    return Number.isNaN(this.newest) ? undefined : this.newest;
  }

  toJSON(): SerializedExpertise {
    const paths: string[] = [];
    const pathSets: number[] = [];
    const files: FileState[] = [];
    for (const [pid, f] of this.files) {
      paths.push(this.paths[pid]);
      pathSets.push(this.pathSet[pid] ?? this.classifyPath(pid));
      files.push(f);
    }
    const activity: number[] = [];
    for (const [key, cell] of this.activity) activity.push(Math.floor(key / CELL), key % CELL, cell.weight, cell.commits, cell.last);
    return {
      v: 3,
      halfLifeDays: this.halfLifeDays,
      massChangeFiles: this.massChangeFiles,
      ref: Number.isNaN(this.ref) ? null : this.ref,
      commits: this.commits,
      massChanges: this.massChanges,
      newest: Number.isNaN(this.newest) ? null : this.newest,
      people: this.people.map((p) => [p.email, p.name, p.commits, p.firstDate, p.lastDate]),
      skills: this.skills.map((s) => [s.id, s.kind, s.label]),
      skillSets: this.skillSets,
      paths,
      pathSets,
      files,
      activity,
      subtrees: this.subtrees,
    };
  }

  /**
   * Restores a state written by {@link toJSON} (with the same classifier: skill sets are not
   * recomputed); throws on anything malformed. Takes ownership of the arrays in `json`.
   */
  static fromJSON(json: unknown, classify: (path: string) => SkillTag[]): ExpertiseState {
    const bad = (what: string): never => {
      throw new Error(`invalid expertise state: ${what}`);
    };
    if (typeof json !== 'object' || json === null) return bad('not an object');
    const j = json as Partial<SerializedExpertise>;
    if (j.v !== 3) return bad('unknown version');
    const { people, skills, skillSets, paths, pathSets, files, activity, subtrees } = j;
    if (typeof j.halfLifeDays !== 'number' || typeof j.massChangeFiles !== 'number' || !Array.isArray(people) || !Array.isArray(skills) || !Array.isArray(skillSets) || !Array.isArray(paths) || !Array.isArray(pathSets) || !Array.isArray(files) || !Array.isArray(activity) || !Array.isArray(subtrees)) {
      return bad('missing fields');
    }
    if (pathSets.length !== paths.length || files.length !== paths.length) bad('paths, sets and files differ in length');
    const state = new ExpertiseState(classify, j.halfLifeDays, j.massChangeFiles);
    state.ref = typeof j.ref === 'number' ? j.ref : Number.NaN;
    state.newest = typeof j.newest === 'number' ? j.newest : Number.NaN;
    state.commits = typeof j.commits === 'number' ? j.commits : 0;
    state.massChanges = typeof j.massChanges === 'number' ? j.massChanges : 0;
    if (!subtrees.every((s) => typeof s === 'string')) bad('subtrees');
    state.subtrees = subtrees;
    const isIndex = (n: unknown, max: number): boolean => Number.isInteger(n) && (n as number) >= 0 && (n as number) < max;
    for (const p of people) {
      if (!Array.isArray(p) || typeof p[0] !== 'string' || typeof p[1] !== 'string' || typeof p[2] !== 'number') bad('person');
      state.personIndex.set(p[0].toLowerCase(), state.people.length);
      state.people.push({ email: p[0], name: p[1], commits: p[2], firstDate: p[3], lastDate: p[4] });
    }
    for (const s of skills) {
      if (!Array.isArray(s) || typeof s[0] !== 'string' || typeof s[2] !== 'string') bad('skill');
      state.skillIndex.set(s[0], state.skills.length);
      state.skills.push({ id: s[0], kind: s[1], label: s[2] });
    }
    for (const set of skillSets) {
      if (!Array.isArray(set) || !set.every((s) => isIndex(s, skills.length))) bad('skill set');
      state.skillSetIndex.set(set.join(','), state.skillSets.length);
      state.skillSets.push(set);
    }
    const nPeople = people.length;
    for (let i = 0; i < paths.length; i++) {
      const f = files[i];
      if (typeof paths[i] !== 'string' || !isIndex(pathSets[i], skillSets.length) || !Array.isArray(f) || f.length % STRIDE !== 1) bad('file');
      if (!Number.isInteger(f[0]) || f[0] < -1 || f[0] >= nPeople) bad('file creator');
      for (let k = 1; k < f.length; k += STRIDE) {
        if (!isIndex(f[k], nPeople) || !Number.isInteger(f[k + 1]) || f[k + 1] < 1 || !Number.isInteger(f[k + 2])) bad('file counts');
      }
      const pid = state.intern(paths[i]);
      state.pathSet[pid] = pathSets[i];
      state.files.set(pid, f);
    }
    if (activity.length % 5 !== 0) bad('activity');
    for (let i = 0; i < activity.length; i += 5) {
      if (!isIndex(activity[i], nPeople) || !isIndex(activity[i + 1], skills.length)) bad('activity cell');
      state.activity.set(activity[i] * CELL + activity[i + 1], { weight: activity[i + 2], commits: activity[i + 3], last: activity[i + 4] });
    }
    return state;
  }

  /** Scores everyone in every area that has files now. */
  compute(options: ComputeOptions = {}): Expertise {
    return computeExpertise(this, options);
  }

  /** @internal Raw access for {@link computeExpertise}. */
  raw(): {
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
  } {
    return {
      people: this.people,
      skills: this.skills,
      skillSets: this.skillSets,
      paths: this.paths,
      files: this.files,
      activity: this.activity,
      setOf: (pid) => this.pathSet[pid] ?? this.classifyPath(pid),
      placeOf: (pid) => this.placeOf(pid),
      placeNames: this.placeNames,
      ref: this.ref,
      newest: this.newest,
    };
  }

  private person(email: string, name: string, date: number): number {
    const key = email.toLowerCase();
    let i = this.personIndex.get(key);
    if (i === undefined) {
      i = this.people.length;
      this.personIndex.set(key, i);
      this.people.push({ email, name, commits: 0, firstDate: date, lastDate: date });
    }
    const p = this.people[i];
    p.commits++;
    if (date >= p.lastDate) {
      p.lastDate = date;
      p.name = name;
    }
    if (date < p.firstDate) p.firstDate = date;
    return i;
  }

  private weightOf(date: number): number {
    const h = this.halfLifeDays * DAY;
    if (Number.isNaN(this.ref)) this.ref = date;
    let exponent = (date - this.ref) / h;
    if (exponent > RESCALE_EXPONENT) {
      const factor = Math.pow(2, -exponent);
      for (const cell of this.activity.values()) cell.weight *= factor;
      this.ref = date;
      exponent = 0;
    }
    return Math.pow(2, exponent);
  }

  /** The path index a path of the history stands for at HEAD ({@link mapPath}), remembered per path. */
  private at(path: string): number {
    const raw = this.intern(path);
    let pid = this.mappedPid[raw] as number | undefined;
    if (pid === undefined) this.mappedPid[raw] = pid = this.intern(this.mapPath(path));
    return pid;
  }

  private intern(path: string): number {
    let id = this.pathIndex.get(path);
    if (id === undefined) {
      id = this.paths.length;
      this.paths.push(path);
      this.pathIndex.set(path, id);
    }
    return id;
  }

  private placeOf(pid: number): number {
    const known = this.pathPlace[pid] as number | undefined;
    if (known !== undefined) return known;
    const path = this.paths[pid];
    const dir = moduleOf(path);
    const name = dir === undefined ? path : `${dir}/`;
    let place = this.placeIndex.get(name);
    if (place === undefined) {
      place = this.placeNames.length;
      this.placeNames.push(name);
      this.placeIndex.set(name, place);
    }
    this.pathPlace[pid] = place;
    return place;
  }

  private skillsOf(pid: number): number[] {
    return this.skillSets[this.pathSet[pid] ?? this.classifyPath(pid)];
  }

  /** Classifies a path once; paths with the same skills share one interned skill set. */
  private classifyPath(pid: number): number {
    const ids = this.classify(this.paths[pid]).map((tag) => {
      let s = this.skillIndex.get(tag.id);
      if (s === undefined) {
        s = this.skills.length;
        this.skills.push(tag);
        this.skillIndex.set(tag.id, s);
      }
      return s;
    });
    const key = ids.join(',');
    let set = this.skillSetIndex.get(key);
    if (set === undefined) {
      set = this.skillSets.length;
      this.skillSets.push(ids);
      this.skillSetIndex.set(key, set);
    }
    this.pathSet[pid] = set;
    return set;
  }

  private touch(pid: number, person: number, day: number, record: FileState | undefined): void {
    const f = record ?? [-1];
    let i = 1;
    while (i < f.length && f[i] !== person) i += STRIDE;
    if (i < f.length) {
      f[i + 1]++;
      if (day > f[i + 2]) f[i + 2] = day;
    } else f.push(person, 1, day);
    this.files.set(pid, f);
  }

  /** The record of a renamed file's old path, taken away from it (undefined when it has none). */
  private takeRecord(f: FileChange): FileState | undefined {
    const old = f.oldPath === undefined ? undefined : this.at(f.oldPath);
    const record = old === undefined ? undefined : this.files.get(old);
    if (old !== undefined) this.files.delete(old);
    return record;
  }

  /** A change of a commit that earns no skill: the file's record moves, appears or goes, unchanged. */
  private move(f: FileChange): void {
    const pid = this.at(f.path);
    switch (f.status) {
      case 'A':
      case 'C':
        this.files.set(pid, [-1]);
        break;
      case 'D':
        this.files.delete(pid);
        break;
      case 'R':
        this.files.set(pid, this.takeRecord(f) ?? [-1]);
        break;
      default:
        if (!this.files.has(pid)) this.files.set(pid, [-1]);
    }
  }

  /**
   * Finds folders of HEAD whose files match, without the folder, files the history has records for
   * but HEAD lacks (a project merged with `git merge -s subtree` names its files from its own root),
   * and joins those records to the folder's files. Folders found once stay known, so the project's
   * later commits are attached too.
   */
  private attachSubtrees(tree: TreeIndex, orphans: ReadonlyMap<string, number>): void {
    const found: { pid: number; prefix: string; orphan: number }[] = [];
    const matches = new Map<string, number>();
    const history = new Map<string, number>();
    for (const [path, orphan] of orphans) {
      const match = tree.endingWith(path);
      const pid = match === undefined ? undefined : this.pathIndex.get(match);
      if (match === undefined || pid === undefined) continue;
      const prefix = match.slice(0, match.length - path.length - 1);
      found.push({ pid, prefix, orphan });
      matches.set(prefix, (matches.get(prefix) ?? 0) + 1);
      const record = this.files.get(orphan) ?? [];
      let commits = 0;
      for (let i = 2; i < record.length; i += STRIDE) commits += record[i];
      history.set(prefix, (history.get(prefix) ?? 0) + commits);
    }
    // Folders known before, and those many of the history's paths were read into.
    const known = new Set(this.subtrees);
    for (const [prefix, n] of this.mappedInto) if (n >= SUBTREE_MIN_FILES) known.add(prefix);
    const accepted = new Set<string>();
    for (const [prefix, n] of matches) {
      // Enough of the folder's files, or a long history of its own (gitk: one file, thousands of commits).
      if (known.has(prefix) || (n >= SUBTREE_MIN_FILES && n >= SUBTREE_MIN_SHARE * tree.filesIn(prefix)) || (history.get(prefix) ?? 0) >= SUBTREE_MIN_HISTORY) accepted.add(prefix);
    }
    for (const prefix of known) if (tree.filesIn(prefix) > 0) accepted.add(prefix);
    if (accepted.size === 0) return;
    const attached = new Set<number>();
    for (const { pid, prefix, orphan } of found) {
      if (!accepted.has(prefix) || attached.has(pid)) continue;
      attached.add(pid);
      this.files.set(pid, mergeRecords(this.files.get(pid), this.files.get(orphan) ?? [-1]));
    }
    this.subtrees = [...new Set([...this.subtrees, ...accepted])].sort();
  }
}

/** HEAD's files, with the one file each path names below a folder at most {@link SUBTREE_MAX_DEPTH} deep. */
export class TreeIndex {
  readonly live: ReadonlySet<string>;
  /** Paths by file name, built on first use. */
  private byName?: Map<string, string | string[]>;
  private folderSizes?: Map<string, number>;

  /** `live`: the same paths as a set, when the caller has one. */
  constructor(
    readonly paths: readonly string[],
    live?: ReadonlySet<string>,
  ) {
    this.live = live ?? new Set(paths);
  }

  /** The one file of the tree whose path is `folder/…/suffix` (folders at most three deep), if exactly one is. */
  endingWith(suffix: string): string | undefined {
    if (!this.byName) {
      this.byName = new Map();
      for (const p of this.paths) {
        const name = p.slice(p.lastIndexOf('/') + 1);
        const known = this.byName.get(name);
        if (known === undefined) this.byName.set(name, p);
        else if (typeof known === 'string') this.byName.set(name, [known, p]);
        else known.push(p);
      }
    }
    const found = this.byName.get(suffix.slice(suffix.lastIndexOf('/') + 1));
    let match: string | undefined;
    for (const p of found === undefined ? [] : typeof found === 'string' ? [found] : found) {
      if (p.length <= suffix.length || !p.endsWith(suffix) || p.charCodeAt(p.length - suffix.length - 1) !== 47) continue;
      const folder = p.slice(0, p.length - suffix.length - 1);
      if (folder.split('/').length > SUBTREE_MAX_DEPTH) continue;
      if (match !== undefined) return undefined;
      match = p;
    }
    return match;
  }

  /** Files below `folder` (at most three deep). */
  filesIn(folder: string): number {
    if (!this.folderSizes) {
      this.folderSizes = new Map();
      for (const p of this.paths) {
        let slash = -1;
        for (let depth = 1; depth <= SUBTREE_MAX_DEPTH; depth++) {
          slash = p.indexOf('/', slash + 1);
          if (slash < 0) break;
          const dir = p.slice(0, slash);
          this.folderSizes.set(dir, (this.folderSizes.get(dir) ?? 0) + 1);
        }
      }
    }
    return this.folderSizes.get(folder) ?? 0;
  }
}

/**
 * Where the history's paths live at HEAD, for a project merged in as a subtree: its own commits name
 * `lib/blame.tcl` for what HEAD has as `git-gui/lib/blame.tcl`. A path HEAD does not have maps to
 * the one path of HEAD that ends with it below a folder at most {@link SUBTREE_MAX_DEPTH} deep,
 * when there is exactly one; a file at the root (`git-gui.sh`) only into a folder in `known`
 * (subtrees recognised before), as a root file name alone says too little. Other paths stay.
 */
export function subtreePaths(tree: TreeIndex, known: readonly string[] = [], onMapped?: (prefix: string) => void): (path: string) => string {
  const knownPrefixes = known.map((k) => `${k}/`);
  const memo = new Map<string, string>();
  return (path) => {
    if (tree.live.has(path)) return path;
    let mapped = memo.get(path);
    if (mapped !== undefined) return mapped;
    const match = tree.endingWith(path);
    mapped = match && (path.includes('/') || knownPrefixes.some((k) => match === k + path)) ? match : path;
    memo.set(path, mapped);
    if (mapped !== path) onMapped?.(mapped.slice(0, mapped.length - path.length - 1));
    return mapped;
  };
}

/** One record holding both files' histories (`a`'s creator first). */
function mergeRecords(a: FileState | undefined, b: FileState): FileState {
  if (!a) return b.slice();
  const out = a.slice();
  if (out[0] < 0) out[0] = b[0];
  for (let i = 1; i < b.length; i += STRIDE) {
    let j = 1;
    while (j < out.length && out[j] !== b[i]) j += STRIDE;
    if (j < out.length) {
      out[j + 1] += b[i + 1];
      out[j + 2] = Math.max(out[j + 2], b[i + 2]);
    } else out.push(b[i], b[i + 1], b[i + 2]);
  }
  return out;
}

export interface ComputeOptions {
  /** Epoch seconds the recent activity is measured at (default: now). */
  now?: number;
  /**
   * Who an email belongs to: emails with the same key are one person (e.g. a partner id from the
   * mentoring file). Default: {@link identityKey} (the lower-cased email; GitHub noreply forms of one
   * handle joined).
   */
  identity?: (email: string) => string;
  /** People whose last commit is at most this many months older than the newest commit are active. Default 12. */
  activeMonths?: number;
}

export interface SkillScore {
  skill: string;
  /**
   * Strength in the area, 0–1: the recent share over the area's highest recent share and the
   * authorship share over the area's highest, averaged. The best people of any area score near 1,
   * however large it is; in an area no active person authors, nobody active scores above 0.5.
   */
  score: number;
  /** (recent + authorship) / 2: the share of the area's knowledge, 0–1. */
  share: number;
  /** Share of the area's recent activity, 0–1. */
  recent: number;
  /** Share of the area's files this person authors (by degree of authorship), 0–1. */
  authorship: number;
  /** Files of the area this person authors, and those of them no other active person authors. */
  files: number;
  soleFiles: number;
  commits: number;
  lastDate: number;
  /** Where the person's authored files of the area are: module folders (`src/core/`) or root files, most first. */
  places: string[];
}

export interface PersonExpertise {
  /** The identity key (see {@link ComputeOptions.identity}). */
  key: string;
  name: string;
  emails: string[];
  commits: number;
  lastDate: number;
  /** Committed within the active months before the newest commit (under any address with the same full name). */
  active: boolean;
  /** Areas with a score above zero, best first. */
  skills: SkillScore[];
}

export interface AreaStats {
  tag: SkillTag;
  /** How the area is shown: folders as `lib/`, others by name; unique among the areas. */
  label: string;
  /** Files of the area that exist now. */
  files: number;
  /** Files of the area whose authors have all left (none of them active). */
  departedFiles: number;
  commits: number;
  /** Σ 2^(−age/halfLife) over the area's commits (commit-equivalents at `now`). */
  recentActivity: number;
  /** Other areas sharing files with this one, with the fraction of this area's files they share. */
  related: { skill: string; share: number }[];
}

export interface Expertise {
  /** Active people first (by commits), then those who left. */
  people: PersonExpertise[];
  areas: Map<string, AreaStats>;
  /** Date of the newest commit read, epoch seconds (undefined without commits). */
  newest?: number;
  /** People whose last commit is at or after this date (epoch seconds) are active. */
  activeSince: number;
}

const round = (n: number): number => Math.round(n * 1000) / 1000;
const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function computeExpertise(state: ExpertiseState, options: ComputeOptions = {}): Expertise {
  const r = state.raw();
  const now = options.now ?? Date.now() / 1000;
  const decayToNow = Number.isNaN(r.ref) ? 0 : Math.pow(2, (r.ref - now) / (state.halfLifeDays * DAY));
  const identity = options.identity ?? identityKey;
  const since = activeSince(r.newest, options.activeMonths ?? DEFAULT_ACTIVE_MONTHS);

  // People grouped by identity.
  const groupOf: number[] = [];
  const groups: { key: string; name: string; emails: string[]; commits: number; lastDate: number }[] = [];
  const groupIndex = new Map<string, number>();
  for (const p of r.people) {
    const key = identity(p.email);
    let g = groupIndex.get(key);
    if (g === undefined) {
      g = groups.length;
      groupIndex.set(key, g);
      groups.push({ key, name: p.name, emails: [], commits: 0, lastDate: p.lastDate });
    }
    const grp = groups[g];
    grp.emails.push(p.email);
    grp.commits += p.commits;
    if (p.lastDate >= grp.lastDate) {
      grp.lastDate = p.lastDate;
      grp.name = p.name;
    }
    groupOf.push(g);
  }
  // Someone who still commits under another address with the same full name has not left.
  const lastByName = new Map<string, number>();
  for (const g of groups) {
    const name = fullNameKey(g.name);
    if (name !== undefined) lastByName.set(name, Math.max(lastByName.get(name) ?? -Infinity, g.lastDate));
  }
  const active = Uint8Array.from(groups, (g) => (Math.max(g.lastDate, lastByName.get(fullNameKey(g.name) ?? '') ?? -Infinity) >= since ? 1 : 0));
  // Every file classified first: classifying may add skills and skill sets (setTree does it for HEAD's tree).
  for (const pid of r.files.keys()) {
    r.setOf(pid);
    r.placeOf(pid);
  }
  const nG = Math.max(groups.length, 1);
  const nSkills = r.skills.length;

  // Authorship per file, counted per (skill, group) under key skill · nG + group.
  const size = nSkills * nG;
  const authored = new Counter(size);
  const authoredWeight = new Counter(size);
  const sole = new Counter(size);
  const newestDay = Number.isNaN(r.newest) ? 0 : Math.floor(r.newest / DAY);
  const setFiles = new Array<number>(r.skillSets.length).fill(0);
  const setDeparted = new Array<number>(r.skillSets.length).fill(0);
  const doa = new FileAuthors();
  // Place (module folder or root file) counts per (skill, group), under key · nPlaces + place.
  const nPlaces = Math.max(r.placeNames.length, 1);
  const placeCounts = new Map<number, number>();
  for (const [pid, f] of r.files) {
    const set = r.setOf(pid);
    const skills = r.skillSets[set];
    if (skills.length === 0) continue;
    setFiles[set]++;
    const authors = doa.read(f, groupOf);
    if (authors === 0) continue;
    let activeAuthors = 0;
    for (let j = 0; j < doa.n; j++) if (doa.isAuthor(j) && active[doa.groups[j]]) activeAuthors++;
    if (activeAuthors === 0) setDeparted[set]++;
    const place = r.placeOf(pid);
    for (let j = 0; j < doa.n; j++) {
      if (!doa.isAuthor(j)) continue;
      const g = doa.groups[j];
      const alone = activeAuthors - active[g] === 0;
      const weight = Math.pow(2, -Math.max(0, newestDay - doa.lastDay(j)) / AUTHORSHIP_FADE_DAYS);
      for (const s of skills) {
        const key = s * nG + g;
        authored.add(key);
        authoredWeight.add(key, weight);
        if (alone) sole.add(key);
        const pk = key * nPlaces + place;
        placeCounts.set(pk, (placeCounts.get(pk) ?? 0) + 1);
      }
    }
  }
  const places = new Map<number, [number, number][]>();
  for (const [pk, n] of placeCounts) {
    const key = Math.floor(pk / nPlaces);
    const list = places.get(key);
    if (list) list.push([pk % nPlaces, n]);
    else places.set(key, [[pk % nPlaces, n]]);
  }

  // Files per area, and areas sharing files, from the skill sets.
  const areaFiles = new Array<number>(nSkills).fill(0);
  const areaDeparted = new Array<number>(nSkills).fill(0);
  const related: Map<number, number>[] = Array.from({ length: nSkills }, () => new Map());
  r.skillSets.forEach((skills, set) => {
    const count = setFiles[set];
    if (!count) return;
    for (const s of skills) {
      areaFiles[s] += count;
      areaDeparted[s] += setDeparted[set];
      for (const t of skills) if (t !== s) related[s].set(t, (related[s].get(t) ?? 0) + count);
    }
  });

  // Activity per (skill, group) and per area.
  const activity = new Map<number, ActivityCell>();
  const areaWeight = new Array<number>(nSkills).fill(0);
  const areaCommits = new Array<number>(nSkills).fill(0);
  for (const [key, cell] of r.activity) {
    const s = key % CELL;
    const k = s * nG + groupOf[Math.floor(key / CELL)];
    const a = activity.get(k);
    if (a) {
      a.weight += cell.weight;
      a.commits += cell.commits;
      a.last = Math.max(a.last, cell.last);
    } else activity.set(k, { ...cell });
    areaWeight[s] += cell.weight;
    areaCommits[s] += cell.commits;
  }

  const labels = uniqueLabels(r.skills, areaFiles);
  const areas = new Map<string, AreaStats>();
  for (let s = 0; s < nSkills; s++) {
    if (areaFiles[s] === 0) continue;
    const rel = [...related[s]]
      .map(([t, n]) => ({ skill: r.skills[t].id, share: round(n / areaFiles[s]) }))
      .sort((x, y) => y.share - x.share || x.skill.localeCompare(y.skill));
    addArea(areas, {
      tag: r.skills[s],
      label: labels[s],
      files: areaFiles[s],
      departedFiles: areaDeparted[s],
      commits: areaCommits[s],
      recentActivity: round(areaWeight[s] * decayToNow),
      related: rel,
    });
  }

  // Each person's shares of each area, and the highest shares there among active people (among
  // everyone where nobody active has any): a person who left scores against those, at most 1.
  const maxRecent = new Float64Array(nSkills);
  const maxAuthorship = new Float64Array(nSkills);
  const maxAll = [new Float64Array(nSkills), new Float64Array(nSkills)];
  const shares = groups.map((_, g) => {
    const list: { s: number; key: number; recent: number; authorship: number }[] = [];
    for (let s = 0; s < nSkills; s++) {
      if (areaFiles[s] === 0) continue;
      const key = s * nG + g;
      const act = activity.get(key);
      if (!act && !authored.get(key)) continue;
      const recent = act && areaWeight[s] > 0 ? act.weight / areaWeight[s] : 0;
      const authorship = authoredWeight.get(key) / areaFiles[s];
      if (recent + authorship <= 0) continue;
      const [recentMax, authorshipMax] = active[g] ? [maxRecent, maxAuthorship] : maxAll;
      if (recent > recentMax[s]) recentMax[s] = recent;
      if (authorship > authorshipMax[s]) authorshipMax[s] = authorship;
      list.push({ s, key, recent, authorship });
    }
    return list;
  });
  for (let s = 0; s < nSkills; s++) {
    if (maxRecent[s] === 0 && maxAuthorship[s] === 0) {
      maxRecent[s] = maxAll[0][s];
      maxAuthorship[s] = maxAll[1][s];
    }
  }

  const people: PersonExpertise[] = groups.map((grp, g) => {
    const skills: SkillScore[] = shares[g].map(({ s, key, recent, authorship }): SkillScore => {
      const act = activity.get(key);
      // Strength within the area: each share over the area's highest, averaged (a part nobody has counts 0).
      const score = ((maxRecent[s] > 0 ? Math.min(1, recent / maxRecent[s]) : 0) + (maxAuthorship[s] > 0 ? Math.min(1, authorship / maxAuthorship[s]) : 0)) / 2;
      return {
        skill: r.skills[s].id,
        score: round(score),
        share: round((recent + authorship) / 2),
        recent: round(recent),
        authorship: round(authorship),
        files: authored.get(key),
        soleFiles: sole.get(key),
        commits: act?.commits ?? 0,
        lastDate: act?.last ?? 0,
        places: (places.get(key) ?? []).sort((x, y) => y[1] - x[1] || cmp(r.placeNames[x[0]], r.placeNames[y[0]])).map(([p]) => r.placeNames[p]),
      };
    });
    skills.sort((x, y) => y.score - x.score || y.share - x.share || x.skill.localeCompare(y.skill));
    return { key: grp.key, name: grp.name, emails: grp.emails, commits: grp.commits, lastDate: grp.lastDate, active: active[g] === 1, skills };
  });
  people.sort((x, y) => Number(y.active) - Number(x.active) || y.commits - x.commits || x.name.localeCompare(y.name));

  return { people, areas, ...(Number.isNaN(r.newest) ? {} : { newest: r.newest }), activeSince: since };
}

/** Kept out of {@link computeExpertise}: map keys of every string representation would make it leave optimised code. */
function addArea(areas: Map<string, AreaStats>, area: AreaStats): void {
  areas.set(area.tag.id, area);
}

/** One label per area that has files: folders as folders; a clash (a team area named like a built-in one) gets its id. */
function uniqueLabels(skills: readonly SkillTag[], areaFiles: readonly number[]): string[] {
  const labels = skills.map((tag) => areaLabel(tag));
  const count = new Map<string, number>();
  skills.forEach((_, s) => {
    if (areaFiles[s] > 0) count.set(labels[s], (count.get(labels[s]) ?? 0) + 1);
  });
  return labels.map((l, s) => ((count.get(l) ?? 0) > 1 ? `${l} (${skills[s].id})` : l));
}

/** Sums by small integer key: a typed array when the key space is small enough, else a map. */
class Counter {
  private readonly array?: Float64Array;
  private readonly map?: Map<number, number>;
  constructor(size: number) {
    if (size <= 1 << 22) this.array = new Float64Array(size);
    else this.map = new Map();
  }
  add(key: number, n = 1): void {
    if (this.array) this.array[key] += n;
    else this.map?.set(key, (this.map.get(key) ?? 0) + n);
  }
  get(key: number): number {
    return this.array ? this.array[key] : (this.map?.get(key) ?? 0);
  }
}

/** The degree of authorship of each identity group in one file (scratch arrays, reused). */
class FileAuthors {
  n = 0;
  readonly groups: number[] = [];
  private readonly counts: number[] = [];
  private readonly days: number[] = [];
  private readonly doa: number[] = [];
  private readonly faded: number[] = [];
  private threshold = 0;

  /** Reads a file record; returns how many groups are authors. */
  read(f: FileState, groupOf: readonly number[]): number {
    let n = 0;
    let total = 0;
    const { groups, counts, days, doa, faded } = this;
    for (let i = 1; i < f.length; i += STRIDE) {
      const g = groupOf[f[i]];
      let j = 0;
      while (j < n && groups[j] !== g) j++;
      if (j === n) {
        groups[n] = g;
        counts[n] = 0;
        days[n++] = f[i + 2];
      }
      counts[j] += f[i + 1];
      if (f[i + 2] > days[j]) days[j] = f[i + 2];
      total += f[i + 1];
    }
    const creator = f[0] >= 0 ? groupOf[f[0]] : -1;
    // The last change by anyone who could be an author: the others' authorship fades from there.
    let lastDay = -Infinity;
    for (let j = 0; j < n; j++) {
      doa[j] = degreeOfAuthorship(groups[j] === creator, counts[j], total - counts[j]);
      if (doa[j] >= DOA_AUTHOR_MIN && days[j] > lastDay) lastDay = days[j];
    }
    let best = -Infinity;
    for (let j = 0; j < n; j++) {
      faded[j] = doa[j] >= DOA_AUTHOR_MIN ? doa[j] * Math.pow(2, -(lastDay - days[j]) / AUTHORSHIP_FADE_DAYS) : 0;
      if (faded[j] > best) best = faded[j];
    }
    this.n = n;
    this.threshold = DOA_AUTHOR_RATIO * best;
    let authors = 0;
    for (let j = 0; j < n; j++) if (this.isAuthor(j)) authors++;
    return authors;
  }

  isAuthor(j: number): boolean {
    return this.faded[j] > 0 && this.faded[j] >= this.threshold;
  }

  /** The day of group `j`'s last change to the file. */
  lastDay(j: number): number {
    return this.days[j];
  }
}
