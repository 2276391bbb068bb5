/**
 * The expertise state, built commit by commit in history order (oldest first): per file its creator
 * and each person's commits and last change, per area each person's fading activity. It can be
 * extended with newer commits, made to match HEAD's tree, and serialised to compact JSON.
 */
import { isMassChange, MASS_CHANGE_FILES } from './generated';
import { moduleOf, type SkillTag } from './skills';
import { ActivityCell, CELL, CommitRecord, DAY, DEFAULT_HALF_LIFE_DAYS, DELIVERY_UNIT, FileChange, FileState, deliveryUnits, Person, RESCALE_EXPONENT, STRIDE, SerializedExpertise, RawExpertise, WORK_FADE_DAYS, isRecord, rescaleRecords } from './authorship';
import { ComputeOptions, Expertise, computeExpertise } from './expertise';
import { SUBTREE_MIN_FILES, SUBTREE_MIN_HISTORY, SUBTREE_MIN_SHARE, TreeIndex, mergeRecords, subtreePaths } from './treeIndex';

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
  /** Records of deleted files with authors, by path: a file added back at its path takes its record again. */
  private readonly deleted = new Map<number, FileState>();
  private readonly activity = new Map<number, ActivityCell>();
  private readonly mark: number[] = [];
  /** Per skill, the current commit's files in it (valid where `mark` is the commit's stamp). */
  private readonly inCommit: number[] = [];
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
    // The same fading, with the work's longer half-life: 2^((date − ref) / WORK_FADE_DAYS).
    const workWeight = Math.pow(weight, this.halfLifeDays / WORK_FADE_DAYS);
    const day = Math.floor(c.date / DAY);
    const stamp = this.commits;
    // A change delivers to a file by the commit's size: a sweep over 200 files is a small edit to each.
    const units = deliveryUnits(c.files.length);
    const touched: number[] = [];
    const pids = c.files.map((f) => this.at(f.path));
    const counted = pids.filter((pid) => this.skillsOf(pid).length > 0).length;
    for (let k = 0; k < pids.length; k++) {
      const f = c.files[k];
      const pid = pids[k];
      const skills = this.skillsOf(pid);
      // Each counted file keeps its share of the commit, and takes it along when renamed.
      const activity = skills.length > 0 ? weight / counted : 0;
      const work = skills.length > 0 ? workWeight / counted : 0;
      for (const s of skills) {
        if (this.mark[s] !== stamp) {
          this.mark[s] = stamp;
          this.inCommit[s] = 0;
          touched.push(s);
        }
        this.inCommit[s]++;
      }
      switch (f.status) {
        case 'A':
        case 'C': {
          // A file added back where one was deleted (a revert, a restore) is the old file changed, not a new one.
          const before = this.deleted.get(pid);
          if (before) {
            this.deleted.delete(pid);
            this.touch(pid, person, day, units, before, activity, work);
          } else this.files.set(pid, [person, person, DELIVERY_UNIT, day, activity, work]);
          break;
        }
        case 'D':
          this.bury(pid);
          break;
        case 'R':
          this.deleted.delete(pid);
          this.touch(pid, person, day, units, this.takeRecord(f), activity, work);
          break;
        default:
          this.touch(pid, person, day, units, this.files.get(pid), activity, work);
      }
    }
    for (const s of touched) {
      // A commit weighs in an area by the share of its files there: one of 30 folders a refactor touches gets 1/30.
      const w = (weight * this.inCommit[s]) / counted;
      const key = person * CELL + s;
      const cell = this.activity.get(key);
      if (cell) {
        cell.weight += w;
        cell.commits++;
        if (c.date > cell.last) cell.last = c.date;
        const d = cell.days;
        if (d[d.length - 2] === day) d[d.length - 1]++;
        else d.push(day, 1);
      } else this.activity.set(key, { weight: w, commits: 1, last: c.date, days: [day, 1] });
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
      if (!this.files.has(pid)) {
        // Deleted in the commits read but at HEAD (kept by a merge): the file as it was.
        this.files.set(pid, this.deleted.get(pid) ?? [-1]);
        this.deleted.delete(pid);
      }
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
    const deletedPaths = [...this.deleted.keys()].map((pid) => this.paths[pid]);
    const deletedFiles = [...this.deleted.values()];
    const activity: number[] = [];
    const activityDays: number[][] = [];
    for (const [key, cell] of this.activity) {
      activity.push(Math.floor(key / CELL), key % CELL, cell.weight, cell.commits, cell.last);
      activityDays.push(cell.days);
    }
    return {
      v: 6,
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
      deletedPaths,
      deletedFiles,
      activity,
      activityDays,
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
    if (j.v !== 6) return bad('unknown version');
    const { people, skills, skillSets, paths, pathSets, files, deletedPaths, deletedFiles, activity, activityDays, subtrees } = j;
    if (typeof j.halfLifeDays !== 'number' || typeof j.massChangeFiles !== 'number' || !Array.isArray(people) || !Array.isArray(skills) || !Array.isArray(skillSets) || !Array.isArray(paths) || !Array.isArray(pathSets) || !Array.isArray(files) || !Array.isArray(deletedPaths) || !Array.isArray(deletedFiles) || !Array.isArray(activity) || !Array.isArray(activityDays) || !Array.isArray(subtrees)) {
      return bad('missing fields');
    }
    if (pathSets.length !== paths.length || files.length !== paths.length) bad('paths, sets and files differ in length');
    if (deletedFiles.length !== deletedPaths.length) bad('deleted paths and files differ in length');
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
    const checkRecord = (r: FileState): FileState => (isRecord(r, nPeople) ? r : bad('file'));
    for (let i = 0; i < paths.length; i++) {
      if (typeof paths[i] !== 'string' || !isIndex(pathSets[i], skillSets.length)) bad('file');
      const f = checkRecord(files[i]);
      const pid = state.intern(paths[i]);
      state.pathSet[pid] = pathSets[i];
      state.files.set(pid, f);
    }
    for (let i = 0; i < deletedPaths.length; i++) {
      if (typeof deletedPaths[i] !== 'string') bad('deleted file');
      state.deleted.set(state.intern(deletedPaths[i]), checkRecord(deletedFiles[i]));
    }
    if (activity.length % 5 !== 0 || activityDays.length * 5 !== activity.length) bad('activity');
    for (let i = 0; i < activity.length; i += 5) {
      if (!isIndex(activity[i], nPeople) || !isIndex(activity[i + 1], skills.length)) bad('activity cell');
      const days = activityDays[i / 5];
      if (!Array.isArray(days) || days.length % 2 !== 0 || !days.every((d) => Number.isInteger(d))) bad('activity days');
      state.activity.set(activity[i] * CELL + activity[i + 1], { weight: activity[i + 2], commits: activity[i + 3], last: activity[i + 4], days });
    }
    return state;
  }

  /** Scores everyone in every area that has files now. */
  compute(options: ComputeOptions = {}): Expertise {
    return computeExpertise(this, options);
  }

  /** @internal Raw access for {@link computeExpertise}. */
  raw(): RawExpertise {
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
      rescaleRecords([...this.files.values(), ...this.deleted.values()], factor, Math.pow(factor, this.halfLifeDays / WORK_FADE_DAYS));
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

  private touch(pid: number, person: number, day: number, units: number, record: FileState | undefined, activity: number, work: number): void {
    const f = record ?? [-1];
    let i = 1;
    while (i < f.length && f[i] !== person) i += STRIDE;
    if (i < f.length) {
      f[i + 1] += units;
      if (day > f[i + 2]) f[i + 2] = day;
      f[i + 3] += activity;
      f[i + 4] += work;
    } else f.push(person, units, day, activity, work);
    this.files.set(pid, f);
  }

  /** Deletes a file, keeping its record (when it has authors) for the path in case the file comes back. */
  private bury(pid: number): void {
    const f = this.files.get(pid);
    if (f === undefined) return;
    this.files.delete(pid);
    if (f.length > 1) this.deleted.set(pid, f);
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
        this.files.set(pid, this.deleted.get(pid) ?? [-1]);
        this.deleted.delete(pid);
        break;
      case 'D':
        this.bury(pid);
        break;
      case 'R':
        this.deleted.delete(pid);
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
      for (let i = 2; i < record.length; i += STRIDE) commits += record[i] / DELIVERY_UNIT;
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
