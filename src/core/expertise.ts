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
 *    AC the number of commits by everyone else. A person is an *author* of the file when their DOA is
 *    at least 3.293 and at least 0.75 of the file's highest DOA. A person's authorship share of an
 *    area is the number of the area's files they author over the area's file count.
 *
 *        score = (recent activity share + authorship share) / 2
 *
 * Shares are ratios, so they do not depend on the day they are computed; `now` only scales the
 * absolute `recentActivity` of an area.
 *
 * The state is built commit by commit in history order (oldest first), can be extended with newer
 * commits, and serialises to compact JSON. It grows with the number of files, not of commits:
 * paths and emails are interned, each distinct path is classified once (paths with the same skills
 * share one skill set), and per file only `[creator, person, commits, person, commits, …]` is kept.
 * Deleted files drop their record, renamed files carry it to the new path.
 */
import type { SkillTag } from './skills';
import { moduleOf } from './skills';

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
const DAY = 86_400;
/** Past this many half-lives above the reference date, sums are rescaled (2^600 is far from overflow). */
const RESCALE_EXPONENT = 600;
/** Key of a (person, skill) activity cell: person · 2^21 + skill. */
const CELL = 2 ** 21;

export const DOA_AUTHOR_MIN = 3.293;
export const DOA_AUTHOR_RATIO = 0.75;

export function degreeOfAuthorship(firstAuthor: boolean, deliveries: number, othersChanges: number): number {
  return 3.293 + 1.098 * (firstAuthor ? 1 : 0) + 0.164 * deliveries - 0.321 * Math.log(1 + othersChanges);
}

/** A file's authorship record: `[creator, person, commits, person, commits, …]` (creator -1: before the history read). */
type FileState = number[];

interface ActivityCell {
  /** Σ 2^((date − ref) / halfLife) over the person's commits in the area. */
  weight: number;
  commits: number;
  last: number;
}

/** The JSON form of {@link ExpertiseState}; `v` changes whenever the layout does. */
export interface SerializedExpertise {
  v: 2;
  halfLifeDays: number;
  ref: number;
  commits: number;
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
  /** Commits added so far. */
  commits = 0;
  private ref = Number.NaN;
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
  ) {
    if (!(halfLifeDays > 0)) throw new RangeError(`half-life must be a positive number of days, not ${halfLifeDays}`);
    this.halfLifeDays = halfLifeDays;
  }

  /** Adds one commit; commits must come oldest first (as `git log --reverse` lists them). */
  addCommit(c: CommitRecord): void {
    this.commits++;
    const person = this.person(c.authorEmail, c.authorName, c.date);
    const weight = this.weightOf(c.date);
    const stamp = this.commits;
    for (const f of c.files) {
      const pid = this.intern(f.path);
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
          this.files.set(pid, [person, person, 1]);
          break;
        case 'D':
          this.files.delete(pid);
          break;
        case 'R': {
          const old = f.oldPath === undefined ? undefined : this.pathIndex.get(f.oldPath);
          const record = old === undefined ? undefined : this.files.get(old);
          if (old !== undefined) this.files.delete(old);
          this.touch(pid, person, record);
          break;
        }
        default:
          this.touch(pid, person, this.files.get(pid));
      }
    }
  }

  /** Everyone who authored a commit, in order of first appearance. */
  listPeople(): readonly Person[] {
    return this.people;
  }

  /** Paths of the files that exist after the commits read (renames and deletions applied). */
  livePaths(): string[] {
    return [...this.files.keys()].map((p) => this.paths[p]);
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
      v: 2,
      halfLifeDays: this.halfLifeDays,
      ref: this.ref,
      commits: this.commits,
      people: this.people.map((p) => [p.email, p.name, p.commits, p.firstDate, p.lastDate]),
      skills: this.skills.map((s) => [s.id, s.kind, s.label]),
      skillSets: this.skillSets,
      paths,
      pathSets,
      files,
      activity,
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
    if (j.v !== 2) return bad('unknown version');
    const { people, skills, skillSets, paths, pathSets, files, activity } = j;
    if (typeof j.halfLifeDays !== 'number' || !Array.isArray(people) || !Array.isArray(skills) || !Array.isArray(skillSets) || !Array.isArray(paths) || !Array.isArray(pathSets) || !Array.isArray(files) || !Array.isArray(activity)) {
      return bad('missing fields');
    }
    if (pathSets.length !== paths.length || files.length !== paths.length) bad('paths, sets and files differ in length');
    const state = new ExpertiseState(classify, j.halfLifeDays);
    state.ref = typeof j.ref === 'number' ? j.ref : Number.NaN;
    state.commits = typeof j.commits === 'number' ? j.commits : 0;
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
      if (typeof paths[i] !== 'string' || !isIndex(pathSets[i], skillSets.length) || !Array.isArray(f) || f.length % 2 !== 1) bad('file');
      if (!Number.isInteger(f[0]) || f[0] < -1 || f[0] >= nPeople) bad('file creator');
      for (let k = 1; k < f.length; k += 2) if (!isIndex(f[k], nPeople) || !Number.isInteger(f[k + 1]) || f[k + 1] < 1) bad('file counts');
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

  private touch(pid: number, person: number, record: FileState | undefined): void {
    const f = record ?? [-1];
    let i = 1;
    while (i < f.length && f[i] !== person) i += 2;
    if (i < f.length) f[i + 1]++;
    else f.push(person, 1);
    this.files.set(pid, f);
  }
}

export interface ComputeOptions {
  /** Epoch seconds the recent activity is measured at (default: now). */
  now?: number;
  /**
   * Who an email belongs to: emails with the same key are one person (e.g. a partner id from the
   * mentoring file). Default: the lower-cased email.
   */
  identity?: (email: string) => string;
}

export interface SkillScore {
  skill: string;
  /** (recent + authorship) / 2, 0–1. */
  score: number;
  /** Share of the area's recent activity, 0–1. */
  recent: number;
  /** Share of the area's files this person authors (by degree of authorship), 0–1. */
  authorship: number;
  /** Files of the area this person authors, and those nobody else does. */
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
  /** Areas with a score above zero, best first. */
  skills: SkillScore[];
}

export interface AreaStats {
  tag: SkillTag;
  /** Files of the area that exist now. */
  files: number;
  commits: number;
  /** Σ 2^(−age/halfLife) over the area's commits (commit-equivalents at `now`). */
  recentActivity: number;
  /** Other areas sharing files with this one, with the fraction of this area's files they share. */
  related: { skill: string; share: number }[];
}

export interface Expertise {
  people: PersonExpertise[];
  areas: Map<string, AreaStats>;
}

const round = (n: number): number => Math.round(n * 1000) / 1000;
const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function computeExpertise(state: ExpertiseState, options: ComputeOptions = {}): Expertise {
  const r = state.raw();
  const now = options.now ?? Date.now() / 1000;
  const decayToNow = Number.isNaN(r.ref) ? 0 : Math.pow(2, (r.ref - now) / (state.halfLifeDays * DAY));
  const identity = options.identity ?? ((e: string) => e.toLowerCase());

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
  const nG = Math.max(groups.length, 1);
  const nSkills = r.skills.length;

  // Authorship per file, counted per (skill, group) under key skill · nG + group.
  const size = nSkills * nG;
  const authored = new Counter(size);
  const sole = new Counter(size);
  const setFiles = new Array<number>(r.skillSets.length).fill(0);
  const doa = new FileAuthors();
  // Place (module folder or root file) counts per (skill, group), under key · nPlaces + place.
  for (const pid of r.files.keys()) r.placeOf(pid);
  const nPlaces = Math.max(r.placeNames.length, 1);
  const placeCounts = new Map<number, number>();
  for (const [pid, f] of r.files) {
    const set = r.setOf(pid);
    const skills = r.skillSets[set];
    if (skills.length === 0) continue;
    setFiles[set]++;
    const authors = doa.read(f, groupOf);
    const place = r.placeOf(pid);
    for (let j = 0; j < doa.n; j++) {
      if (!doa.isAuthor(j)) continue;
      for (const s of skills) {
        const key = s * nG + doa.groups[j];
        authored.add(key);
        if (authors === 1) sole.add(key);
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
  const related: Map<number, number>[] = Array.from({ length: nSkills }, () => new Map());
  r.skillSets.forEach((skills, set) => {
    const count = setFiles[set];
    if (!count) return;
    for (const s of skills) {
      areaFiles[s] += count;
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

  const areas = new Map<string, AreaStats>();
  for (let s = 0; s < nSkills; s++) {
    if (areaFiles[s] === 0) continue;
    const rel = [...related[s]]
      .map(([t, n]) => ({ skill: r.skills[t].id, share: round(n / areaFiles[s]) }))
      .sort((x, y) => y.share - x.share || x.skill.localeCompare(y.skill));
    areas.set(r.skills[s].id, {
      tag: r.skills[s],
      files: areaFiles[s],
      commits: areaCommits[s],
      recentActivity: round(areaWeight[s] * decayToNow),
      related: rel,
    });
  }

  const people: PersonExpertise[] = groups.map((grp, g) => {
    const skills: SkillScore[] = [];
    for (let s = 0; s < nSkills; s++) {
      if (areaFiles[s] === 0) continue;
      const key = s * nG + g;
      const act = activity.get(key);
      const files = authored.get(key);
      if (!act && !files) continue;
      const recent = act && areaWeight[s] > 0 ? act.weight / areaWeight[s] : 0;
      const authorship = files / areaFiles[s];
      const score = (recent + authorship) / 2;
      if (score <= 0) continue;
      skills.push({
        skill: r.skills[s].id,
        score: round(score),
        recent: round(recent),
        authorship: round(authorship),
        files,
        soleFiles: sole.get(key),
        commits: act?.commits ?? 0,
        lastDate: act?.last ?? 0,
        places: (places.get(key) ?? []).sort((x, y) => y[1] - x[1] || cmp(r.placeNames[x[0]], r.placeNames[y[0]])).map(([p]) => r.placeNames[p]),
      });
    }
    skills.sort((x, y) => y.score - x.score || x.skill.localeCompare(y.skill));
    return { key: grp.key, name: grp.name, emails: grp.emails, commits: grp.commits, lastDate: grp.lastDate, skills };
  });
  people.sort((x, y) => y.commits - x.commits || x.name.localeCompare(y.name));

  return { people, areas };
}

/** Counts by small integer key: a typed array when the key space is small enough, else a map. */
class Counter {
  private readonly array?: Int32Array;
  private readonly map?: Map<number, number>;
  constructor(size: number) {
    if (size <= 1 << 22) this.array = new Int32Array(size);
    else this.map = new Map();
  }
  add(key: number): void {
    if (this.array) this.array[key]++;
    else this.map?.set(key, (this.map.get(key) ?? 0) + 1);
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
  private readonly doa: number[] = [];
  private threshold = 0;

  /** Reads a file record; returns how many groups are authors. */
  read(f: FileState, groupOf: readonly number[]): number {
    let n = 0;
    let total = 0;
    const { groups, counts, doa } = this;
    for (let i = 1; i < f.length; i += 2) {
      const g = groupOf[f[i]];
      let j = 0;
      while (j < n && groups[j] !== g) j++;
      if (j === n) {
        groups[n] = g;
        counts[n++] = 0;
      }
      counts[j] += f[i + 1];
      total += f[i + 1];
    }
    const creator = f[0] >= 0 ? groupOf[f[0]] : -1;
    let best = -Infinity;
    for (let j = 0; j < n; j++) {
      doa[j] = degreeOfAuthorship(groups[j] === creator, counts[j], total - counts[j]);
      if (doa[j] > best) best = doa[j];
    }
    this.n = n;
    this.threshold = Math.max(DOA_AUTHOR_MIN, DOA_AUTHOR_RATIO * best);
    let authors = 0;
    for (let j = 0; j < n; j++) if (doa[j] >= this.threshold) authors++;
    return authors;
  }

  isAuthor(j: number): boolean {
    return this.doa[j] >= this.threshold;
  }
}
