/**
 * Who knows which skill area, from the commits that changed the repository.
 *
 * Per person and area:
 *
 *  - **Work share** (`share`). Every commit that earns skill is one unit of work, spread evenly over
 *    the files it counts: a refactor across 30 folders is weak evidence for each of them, a change
 *    made within one folder counts whole there. Each file keeps its parts (and takes them along
 *    when it is renamed or its folder moves), so a person's work in an area is the sum of their
 *    parts over the files the area has at HEAD; their share is that over everyone's. Work fades as
 *    authorship does, by `2^(−age / 1460 days)` before the newest commit: who knows it now.
 *  - **Focus** (`focus`): `(work in the area + 0.5) / (all their work + 30)`, in commits as of the
 *    newest commit: how much of what a person does is there. Someone whose changes are spread over every component is weaker
 *    evidence for each than someone whose work is in one; with a handful of commits in the whole
 *    repository nobody is focused.
 *
 *        strength = share · √focus
 *        score = strength / the highest strength of an active person in the area (at most 1)
 *
 *  - **Recent activity share** (`recent`, reported, not scored): each commit's part of a file also
 *    carries `2^(−age / halfLife)` (half-life 180 days), summed the same way over HEAD's files.
 *  - **Authorship** decides who *authors* a file (`files`, `soleFiles`, knowledge at risk): for
 *    every file that exists now, each person who changed it gets a degree of authorship (Fritz et
 *    al. 2014; thresholds from Avelino et al. 2016):
 *
 *        DOA = 3.293 + 1.098·FA + 0.164·DL − 0.321·ln(1 + AC)
 *
 *    FA is 1 for whoever created the file, DL the person's deliveries to it, AC everyone else's: a
 *    commit of up to 30 files delivers 1 to each file it changes, a larger one 30 over its size
 *    (`deliveryUnits`), so a release bumping every module is a small edit to each. Each person's
 *    DOA is weighed by `2^(−gap / 1460 days)`, the gap being the time from their last change to the
 *    file to the last change by anyone whose DOA reaches 3.293, so a file rewritten since belongs
 *    to who rewrote it. The file is shared among everyone whose DOA reaches 3.293, by their weighed
 *    DOA, and each part fades again by `2^(−age / 1460 days)`; `authorship` is the sum of a
 *    person's parts over the area's file count. A person is an *author* of the file when their
 *    weighed DOA is at least 0.75 of the file's highest.
 *
 * Why: measured against the people projects name as owners in their ownership files
 * (docs/expertise.md), the work share with focus names an owner first in 51% of owned folders,
 * the authorship-weighted share 43%, `git blame` 42%.
 *
 * The score is a strength within the area: its best active person scores 1 whether it has 5 files
 * or 1,500; the share says how much of the area's work they did. Someone who left is measured
 * against the best active person, and stops at 1.
 *
 * Each person also has `windowCommits` per area: commits in the active months before the newest
 * commit, counted from the days kept per (person, area). Islands and knowledge at risk use them
 * (`islands.ts`).
 *
 * Areas over (nearly) the same files are one area (`areas.ts`): the practice `tests` whose files are
 * those of the folder `tests/` is folded into the folder.
 *
 * Shares are ratios, so they do not depend on the day they are computed; `now` only scales the
 * absolute `recentActivity` of an area.
 *
 * People are *active* when their last commit (under any address with the same full name) is at most
 * {@link DEFAULT_ACTIVE_MONTHS} months older than the newest commit read (`people.ts`); files whose
 * authors have all left are the area's `departedFiles`, knowledge at risk.
 *
 * Commits that change `MASS_CHANGE_FILES` files or more, and those the repository asks blame to
 * ignore, earn no skill (`generated.ts`): they move, create and delete files but add no authorship,
 * work or activity.
 *
 * The state is built commit by commit in history order (oldest first), can be extended with newer
 * commits, and serialises to compact JSON. It grows with the number of files, not of commits:
 * paths and emails are interned, each distinct path is classified once (paths with the same skills
 * share one skill set), and per file only `[creator, person, units, day, activity, work, …]` is
 * kept (`units`: deliveries; `day`: the person's last change to it, in days since 1970). A
 * deleted file's record is kept for its path, and a file added back there (a revert, a restore)
 * takes it again, the re-adding commit counting as a change; renamed files carry their record to
 * the new path. {@link ExpertiseState.setTree} then makes the files
 * those of HEAD's tree: records of files that are gone (deleted on a merged branch) are dropped,
 * files the history never showed (added by a merge) are counted without authors, and the history of
 * a subtree-merged project (whose own commits name its files without the folder it lives in) is
 * attached to the folder.
 */
import { activeSince, DEFAULT_ACTIVE_MONTHS, fullNameKey, identityKey } from './people';
import { sameFiles } from './areas';
import type { SkillTag } from './skills';
import { areaLabel } from './skills';

import { AUTHORSHIP_FADE_DAYS, ActivityCell, CELL, DAY, DELIVERY_UNIT, DOA_AUTHOR_MIN, DOA_AUTHOR_RATIO, FileState, FOCUS_EXPONENT, FOCUS_PRIOR, STRIDE, WORK_FADE_DAYS, degreeOfAuthorship, ExpertiseSource } from './authorship';

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
   * Strength in the area, 0–1: share · focus^0.5 over the highest of an active person there (at
   * most 1). The best active person of any area scores 1, however large it is.
   */
  score: number;
  /** Share of the area's work, 0–1: each commit is one unit spread over its files, counted on the files the area has at HEAD. */
  share: number;
  /** How much of the person's work is in the area: (work here + 0.5) / (all their work + 30), 0–1. */
  focus: number;
  /** Share of the area's recent activity, 0–1. */
  recent: number;
  /** Share of the area's files this person authors (by degree of authorship), 0–1. */
  authorship: number;
  /** Files of the area this person authors, and those of them no other active person authors. */
  files: number;
  soleFiles: number;
  commits: number;
  /** Commits in the area within the active months before the newest commit. */
  windowCommits: number;
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
  /** Commits in the area within the active months before the newest commit. */
  windowCommits: number;
  /** Areas over (nearly) the same files, folded into this one (the practice `tests` into the folder `tests/`). */
  merged?: string[];
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

export function computeExpertise(state: ExpertiseSource, options: ComputeOptions = {}): Expertise {
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
  // Recent activity and work per (skill, group), summed over the files each area has at HEAD.
  // (sparse: most people work in few areas, and two more dense arrays of areas × people cost
  // git/git 12 MB).
  const recentWeight = new Counter(size, true);
  const workWeight = new Counter(size, true);
  const areaRecent = new Float64Array(nSkills);
  const areaWork = new Float64Array(nSkills);
  const groupWork = new Float64Array(nG);
  // Work is kept faded to the state's reference date: in commits as of the newest commit, ×toNewest.
  const toNewest = Number.isNaN(r.ref) || Number.isNaN(r.newest) ? 1 : Math.pow(2, (r.ref - r.newest) / (WORK_FADE_DAYS * DAY));
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
    for (let i = 1; i < f.length; i += STRIDE) {
      const g = groupOf[f[i]];
      groupWork[g] += f[i + 4];
      for (const s of skills) {
        recentWeight.add(s * nG + g, f[i + 3]);
        workWeight.add(s * nG + g, f[i + 4]);
        areaRecent[s] += f[i + 3];
        areaWork[s] += f[i + 4];
      }
    }
    const authors = doa.read(f, groupOf);
    if (authors === 0) continue;
    let activeAuthors = 0;
    for (let j = 0; j < doa.n; j++) if (doa.isAuthor(j) && active[doa.groups[j]]) activeAuthors++;
    if (activeAuthors === 0) setDeparted[set]++;
    const place = r.placeOf(pid);
    for (let j = 0; j < doa.n; j++) {
      // Each file is shared among those who reach the authorship threshold, by their faded degree
      // (`part`), each part fading from their last change to the newest commit.
      const g = doa.groups[j];
      const weight = doa.part(j) * Math.pow(2, -Math.max(0, newestDay - doa.lastDay(j)) / AUTHORSHIP_FADE_DAYS);
      if (!doa.isAuthor(j)) {
        if (weight > 0) for (const s of skills) authoredWeight.add(s * nG + g, weight);
        continue;
      }
      const alone = activeAuthors - active[g] === 0;
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
  const activity = new Map<number, ActivityCell & { window: number }>();
  const areaWeight = new Array<number>(nSkills).fill(0);
  const areaCommits = new Array<number>(nSkills).fill(0);
  const areaWindow = new Array<number>(nSkills).fill(0);
  const sinceDay = Math.ceil(since / DAY);
  for (const [key, cell] of r.activity) {
    const s = key % CELL;
    const k = s * nG + groupOf[Math.floor(key / CELL)];
    // Commits within the active months: the days are oldest first, so count from the end.
    let w = 0;
    for (let i = cell.days.length - 2; i >= 0 && cell.days[i] >= sinceDay; i -= 2) w += cell.days[i + 1];
    const a = activity.get(k);
    if (a) {
      a.weight += cell.weight;
      a.commits += cell.commits;
      a.last = Math.max(a.last, cell.last);
      a.window += w;
    } else activity.set(k, { ...cell, window: w });
    areaWeight[s] += cell.weight;
    areaCommits[s] += cell.commits;
    areaWindow[s] += w;
  }

  const into = sameFiles(r.skills, areaFiles, related);
  const labels = uniqueLabels(r.skills, areaFiles.map((n, s) => (into[s] >= 0 ? 0 : n)));
  const areas = new Map<string, AreaStats>();
  for (let s = 0; s < nSkills; s++) {
    if (areaFiles[s] === 0 || into[s] >= 0) continue;
    const merged = r.skills.filter((_, t) => into[t] === s).map((t) => t.id);
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
      windowCommits: areaWindow[s],
      related: rel.filter((x) => !merged.includes(x.skill)),
      ...(merged.length ? { merged } : {}),
    });
  }

  // Each person's shares of each area, and the highest share there among active people (among
  // everyone where nobody active has any): a person who left scores against it, at most 1.
  const maxShare = new Float64Array(nSkills);
  const maxShareAll = new Float64Array(nSkills);
  const shares = groups.map((_, g) => {
    const list: { s: number; key: number; recent: number; authorship: number; share: number; focus: number; strength: number }[] = [];
    for (let s = 0; s < nSkills; s++) {
      if (areaFiles[s] === 0 || into[s] >= 0) continue;
      const key = s * nG + g;
      const work = workWeight.get(key);
      if (!(work > 0) && !authoredWeight.get(key)) continue;
      const recent = areaRecent[s] > 0 ? recentWeight.get(key) / areaRecent[s] : 0;
      const authorship = authoredWeight.get(key) / areaFiles[s];
      const share = areaWork[s] > 0 ? work / areaWork[s] : 0;
      const focus = (work * toNewest + 0.5) / (groupWork[g] * toNewest + FOCUS_PRIOR);
      const strength = share * Math.pow(focus, FOCUS_EXPONENT);
      const max = active[g] ? maxShare : maxShareAll;
      max[s] = Math.max(max[s], strength);
      list.push({ s, key, recent, authorship, share, focus, strength });
    }
    return list;
  });
  for (let s = 0; s < nSkills; s++) if (maxShare[s] === 0) maxShare[s] = maxShareAll[s];

  const people: PersonExpertise[] = groups.map((grp, g) => {
    const skills: SkillScore[] = shares[g].map(({ s, key, recent, authorship, share, focus, strength }): SkillScore => {
      const act = activity.get(key);
      // Strength within the area: the share over the area's highest (among active people).
      const score = maxShare[s] > 0 ? Math.min(1, strength / maxShare[s]) : 0;
      return {
        skill: r.skills[s].id,
        score: round(score),
        share: round(share),
        focus: round(focus),
        recent: round(recent),
        authorship: round(authorship),
        files: authored.get(key),
        soleFiles: sole.get(key),
        commits: act?.commits ?? 0,
        windowCommits: act?.window ?? 0,
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
  constructor(size: number, sparse = false) {
    if (!sparse && size <= 1 << 22) this.array = new Float64Array(size);
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
      doa[j] = degreeOfAuthorship(groups[j] === creator, counts[j] / DELIVERY_UNIT, (total - counts[j]) / DELIVERY_UNIT);
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

  /** Group `j`'s part of the file: its faded degree over the sum of everyone's (those under the threshold have none). */
  part(j: number): number {
    let sum = 0;
    for (let k = 0; k < this.n; k++) sum += this.faded[k];
    return sum > 0 ? this.faded[j] / sum : 0;
  }

  isAuthor(j: number): boolean {
    return this.faded[j] > 0 && this.faded[j] >= this.threshold;
  }

  /** The day of group `j`'s last change to the file. */
  lastDay(j: number): number {
    return this.days[j];
  }
}
