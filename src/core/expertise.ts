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
 * The state is built commit by commit in history order (oldest first), can be extended with newer
 * commits, and serialises to compact JSON: paths and emails are interned, and per file only the
 * creator and a flat `[person, commits, person, commits, …]` array are kept. Deleted files drop
 * their state, renamed files carry it to the new path.
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

interface FileState {
  /** Person index of the creator, -1 when created before the history that was read. */
  creator: number;
  /** `[person, commits, person, commits, …]`. */
  counts: number[];
}

interface ActivityCell {
  /** Σ 2^((date − ref) / halfLife) over the person's commits in the area. */
  weight: number;
  commits: number;
  last: number;
}

/** The JSON form of {@link ExpertiseState}; `v` changes whenever the layout does. */
export interface SerializedExpertise {
  v: 1;
  halfLifeDays: number;
  ref: number;
  commits: number;
  /** `[email, name, commits, firstDate, lastDate]`. */
  people: [string, string, number, number, number][];
  /** `[id, kind, label]`. */
  skills: [string, SkillTag['kind'], string][];
  paths: string[];
  /** Per file: `[pathIndex, creator, person, commits, person, commits, …]`. */
  files: number[][];
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
  /** Skill indexes per path index, classified on first sight. */
  private readonly pathSkills: (number[] | undefined)[] = [];
  private readonly skills: SkillTag[] = [];
  private readonly skillIndex = new Map<string, number>();
  private readonly files = new Map<number, FileState>();
  private readonly activity = new Map<number, ActivityCell>();
  private readonly mark: number[] = [];

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
      const skills = this.pathSkills[pid] ?? this.classifyPath(pid);
      for (const s of skills) {
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
          this.files.set(pid, { creator: person, counts: [person, 1] });
          break;
        case 'D':
          this.files.delete(pid);
          break;
        case 'R': {
          const old = f.oldPath === undefined ? undefined : this.pathIndex.get(f.oldPath);
          const state = old === undefined ? undefined : this.files.get(old);
          if (old !== undefined) this.files.delete(old);
          this.touch(pid, person, state);
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
    const files: number[][] = [];
    for (const [pid, f] of this.files) {
      files.push([paths.length, f.creator, ...f.counts]);
      paths.push(this.paths[pid]);
    }
    const activity: number[] = [];
    for (const [key, cell] of this.activity) activity.push(Math.floor(key / CELL), key % CELL, cell.weight, cell.commits, cell.last);
    return {
      v: 1,
      halfLifeDays: this.halfLifeDays,
      ref: this.ref,
      commits: this.commits,
      people: this.people.map((p) => [p.email, p.name, p.commits, p.firstDate, p.lastDate]),
      skills: this.skills.map((s) => [s.id, s.kind, s.label]),
      paths,
      files,
      activity,
    };
  }

  /** Restores a state written by {@link toJSON}; throws on anything malformed. */
  static fromJSON(json: unknown, classify: (path: string) => SkillTag[]): ExpertiseState {
    const bad = (what: string): never => {
      throw new Error(`invalid expertise state: ${what}`);
    };
    if (typeof json !== 'object' || json === null) return bad('not an object');
    const j = json as Partial<SerializedExpertise>;
    if (j.v !== 1) return bad('unknown version');
    if (typeof j.halfLifeDays !== 'number' || !Array.isArray(j.people) || !Array.isArray(j.skills) || !Array.isArray(j.paths) || !Array.isArray(j.files) || !Array.isArray(j.activity)) {
      return bad('missing fields');
    }
    const state = new ExpertiseState(classify, j.halfLifeDays);
    state.ref = typeof j.ref === 'number' ? j.ref : Number.NaN;
    state.commits = typeof j.commits === 'number' ? j.commits : 0;
    const isInt = (n: unknown, max: number): n is number => Number.isInteger(n) && (n as number) >= -1 && (n as number) < max;
    for (const p of j.people) {
      if (!Array.isArray(p) || typeof p[0] !== 'string' || typeof p[1] !== 'string' || typeof p[2] !== 'number') bad('person');
      state.personIndex.set(p[0].toLowerCase(), state.people.length);
      state.people.push({ email: p[0], name: p[1], commits: p[2], firstDate: p[3], lastDate: p[4] });
    }
    for (const s of j.skills) {
      if (!Array.isArray(s) || typeof s[0] !== 'string' || typeof s[2] !== 'string') bad('skill');
      state.skillIndex.set(s[0], state.skills.length);
      state.skills.push({ id: s[0], kind: s[1], label: s[2] });
    }
    for (const f of j.files) {
      if (!Array.isArray(f) || f.length % 2 !== 0 || !isInt(f[0], j.paths.length) || f[0] < 0 || typeof j.paths[f[0]] !== 'string') bad('file');
      if (!isInt(f[1], state.people.length)) bad('file creator');
      for (let i = 2; i < f.length; i += 2) {
        if (!isInt(f[i], state.people.length) || f[i] < 0 || !Number.isInteger(f[i + 1]) || f[i + 1] < 1) bad('file counts');
      }
      state.files.set(state.intern(j.paths[f[0]]), { creator: f[1], counts: f.slice(2) });
    }
    const a = j.activity;
    if (a.length % 5 !== 0) bad('activity');
    for (let i = 0; i < a.length; i += 5) {
      if (!isInt(a[i], state.people.length) || a[i] < 0 || !isInt(a[i + 1], state.skills.length) || a[i + 1] < 0) bad('activity cell');
      state.activity.set(a[i] * CELL + a[i + 1], { weight: a[i + 2], commits: a[i + 3], last: a[i + 4] });
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
    paths: readonly string[];
    files: ReadonlyMap<number, FileState>;
    activity: ReadonlyMap<number, ActivityCell>;
    skillsOf: (pid: number) => number[];
    ref: number;
  } {
    return {
      people: this.people,
      skills: this.skills,
      paths: this.paths,
      files: this.files,
      activity: this.activity,
      skillsOf: (pid) => this.pathSkills[pid] ?? this.classifyPath(pid),
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

  private classifyPath(pid: number): number[] {
    const ids = this.classify(this.paths[pid]).map((tag) => {
      let s = this.skillIndex.get(tag.id);
      if (s === undefined) {
        s = this.skills.length;
        this.skills.push(tag);
        this.skillIndex.set(tag.id, s);
      }
      return s;
    });
    this.pathSkills[pid] = ids;
    return ids;
  }

  private touch(pid: number, person: number, state: FileState | undefined): void {
    const f = state ?? { creator: -1, counts: [] };
    const c = f.counts;
    let i = 0;
    while (i < c.length && c[i] !== person) i += 2;
    if (i < c.length) c[i + 1]++;
    else c.push(person, 1);
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

export function computeExpertise(state: ExpertiseState, options: ComputeOptions = {}): Expertise {
  const r = state.raw();
  const now = options.now ?? Date.now() / 1000;
  const decayToNow = Number.isNaN(r.ref) ? 0 : Math.pow(2, (r.ref - now) / (state.halfLifeDays * DAY));
  const identity = options.identity ?? ((e: string) => e.toLowerCase());

  // Group people by identity.
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

  const nSkills = r.skills.length;
  const areaFiles = new Array<number>(nSkills).fill(0);
  const related: Map<number, number>[] = Array.from({ length: nSkills }, () => new Map());
  // Per (group, skill): authored files, sole files, places.
  const authored = new Map<number, { files: number; sole: number; places: Map<string, number> }>();
  const doaGroups: number[] = [];
  const doaCounts: number[] = [];
  for (const [pid, f] of r.files) {
    const skills = r.skillsOf(pid);
    if (skills.length === 0) continue;
    for (const s of skills) {
      areaFiles[s]++;
      for (const t of skills) if (t !== s) related[s].set(t, (related[s].get(t) ?? 0) + 1);
    }
    // Merge per-person counts into identity groups.
    doaGroups.length = 0;
    doaCounts.length = 0;
    let total = 0;
    for (let i = 0; i < f.counts.length; i += 2) {
      const g = groupOf[f.counts[i]];
      const j = doaGroups.indexOf(g);
      if (j < 0) {
        doaGroups.push(g);
        doaCounts.push(f.counts[i + 1]);
      } else doaCounts[j] += f.counts[i + 1];
      total += f.counts[i + 1];
    }
    const creator = f.creator >= 0 ? groupOf[f.creator] : -1;
    let best = -Infinity;
    const doa = doaGroups.map((g, j) => {
      const d = degreeOfAuthorship(g === creator, doaCounts[j], total - doaCounts[j]);
      if (d > best) best = d;
      return d;
    });
    const authors = doaGroups.filter((_, j) => doa[j] >= DOA_AUTHOR_MIN && doa[j] >= DOA_AUTHOR_RATIO * best);
    const path = r.paths[pid];
    const dir = moduleOf(path);
    const place = dir === undefined ? path : `${dir}/`;
    for (const g of authors) {
      for (const s of skills) {
        const key = g * CELL + s;
        let a = authored.get(key);
        if (!a) authored.set(key, (a = { files: 0, sole: 0, places: new Map() }));
        a.files++;
        if (authors.length === 1) a.sole++;
        a.places.set(place, (a.places.get(place) ?? 0) + 1);
      }
    }
  }

  // Activity per (group, skill) and per area.
  const activity = new Map<number, { weight: number; commits: number; last: number }>();
  const areaWeight = new Array<number>(nSkills).fill(0);
  const areaCommits = new Array<number>(nSkills).fill(0);
  for (const [key, cell] of r.activity) {
    const s = key % CELL;
    const g = groupOf[Math.floor(key / CELL)];
    const k = g * CELL + s;
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
      const act = activity.get(g * CELL + s);
      const auth = authored.get(g * CELL + s);
      if (!act && !auth) continue;
      const recent = act && areaWeight[s] > 0 ? act.weight / areaWeight[s] : 0;
      const authorship = auth ? auth.files / areaFiles[s] : 0;
      const score = (recent + authorship) / 2;
      if (score <= 0) continue;
      skills.push({
        skill: r.skills[s].id,
        score: round(score),
        recent: round(recent),
        authorship: round(authorship),
        files: auth?.files ?? 0,
        soleFiles: auth?.sole ?? 0,
        commits: act?.commits ?? 0,
        lastDate: act?.last ?? 0,
        places: auth ? [...auth.places].sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0])).map(([p]) => p) : [],
      });
    }
    skills.sort((x, y) => y.score - x.score || x.skill.localeCompare(y.skill));
    return { key: grp.key, name: grp.name, emails: grp.emails, commits: grp.commits, lastDate: grp.lastDate, skills };
  });
  people.sort((x, y) => y.commits - x.commits || x.name.localeCompare(y.name));
  return { people, areas };
}
