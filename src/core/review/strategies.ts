/**
 * How a reviewer is chosen for a change: the expert (who knows most of its files) and the learner
 * (who should come to know what only one person knows). Shared by the replay and the live
 * suggestions, so what is measured is what is suggested.
 */
import type { PathMatcher } from '../glob';
import { DAY, Knowledge } from './knowledge';

/** A goal (or a partner's `wants:`) that can send its owner to review: the paths it covers. */
export interface CoveringGoal {
  /** The goal's id; none for a partner's `wants:`. */
  id?: string;
  title: string;
  /** The owner's partner id and name. */
  owner: string;
  ownerName: string;
  ownerEmails: readonly string[];
  covers: PathMatcher;
}

export interface Candidate {
  person: number;
  /** The goal that covers the change's concentrated files, when that is why the person was chosen. */
  goal?: CoveringGoal;
}

/** Reviews count towards a person's load for this long. */
export const LOAD_DAYS = 30;
/** A person with this many reviews (recorded or suggested) within {@link LOAD_DAYS} is passed over as a learner. */
export const MAX_LOAD = 6;

/** Who reviewed (or was suggested) when: each person's recent review load. */
export class LoadBook {
  private readonly dates = new Map<number, number[]>();

  add(person: number, date: number): void {
    const list = this.dates.get(person);
    if (list) list.push(date);
    else this.dates.set(person, [date]);
  }

  /** Reviews within {@link LOAD_DAYS} before `at`. */
  load(person: number, at: number): number {
    const list = this.dates.get(person);
    if (!list) return 0;
    const from = at - LOAD_DAYS * DAY;
    let drop = 0;
    while (drop < list.length && list[drop] < from) drop++;
    if (drop) list.splice(0, drop);
    return list.length;
  }
}

const MONTH = 30 * DAY;

/** The share of changes a learner is added to, at most: the changes most concentrated among recent ones. */
export const EXTRA_REVIEW_BUDGET = 0.05;
/** Recent changes the learner threshold is taken from. */
export const THRESHOLD_WINDOW = 200;

/**
 * How many concentrated files a change needs for a learner: the smallest count (at least 1) that at
 * most `budget` of the last {@link THRESHOLD_WINDOW} changes reached. Fed every change in order, so
 * it is derived from the history alone, as a CI run without state can derive it.
 */
export class Threshold {
  private readonly counts: number[] = [];
  private readonly granted: boolean[] = [];
  private next_ = 0;

  constructor(private readonly budget = EXTRA_REVIEW_BUDGET) {}

  /**
   * Whether a change with `count` concentrated files gets a learner: it reaches the threshold and
   * fewer than the budget of the window's changes got one. The change then joins the window.
   */
  admit(count: number): boolean {
    const used = this.granted.reduce((n, g) => n + Number(g), 0);
    const ok = count > 0 && count >= this.current() && used < Math.max(1, this.budget * THRESHOLD_WINDOW);
    this.push(count, false);
    return ok;
  }

  /** The change just admitted got its learner. */
  grant(): void {
    this.granted[(this.next_ + THRESHOLD_WINDOW - 1) % THRESHOLD_WINDOW] = true;
  }

  private push(count: number, granted: boolean): void {
    this.counts[this.next_] = count;
    this.granted[this.next_] = granted;
    this.next_ = (this.next_ + 1) % THRESHOLD_WINDOW;
  }

  current(): number {
    if (!this.counts.length) return 1;
    const sorted = [...this.counts].sort((a, b) => b - a);
    // The count of the change at the budget's rank: more than that is within the budget.
    const allowed = Math.floor(this.budget * sorted.length);
    return Math.max(1, (sorted[allowed] ?? 0) + 1);
  }
}

/** In how many of the last twelve months each person was active: who is likely to stay. */
export class Steadiness {
  private readonly months = new Map<number, number[]>();

  mark(person: number, date: number): void {
    const m = Math.floor(date / MONTH);
    const list = this.months.get(person);
    if (!list) this.months.set(person, [m]);
    else if (list[list.length - 1] !== m) list.push(m);
  }

  /** 0–1: months with activity among the twelve before `at`. */
  of(person: number, at: number): number {
    const list = this.months.get(person);
    if (!list) return 0;
    const from = Math.floor(at / MONTH) - 12;
    let n = 0;
    for (let i = list.length - 1; i >= 0 && list[i] >= from; i--) n++;
    return Math.min(12, n) / 12;
  }
}

/**
 * The files of a change that at most one active person knows: those who knew them before it (the
 * author among them, if they did) and those who join it besides its author (`joining`: co-authors
 * and recorded reviewers). An island's files, files only people who left knew, new files.
 */
export function concentratedFiles(files: readonly string[], knowledge: Knowledge, since: number, active: (p: number) => boolean, joining: ReadonlySet<number>): string[] {
  return files.filter((path) => {
    const who = new Set(joining);
    for (const p of knowledge.knowers(path, since, active)) if (who.add(p).size > 1) return false;
    return who.size <= 1;
  });
}

/** How near `person` is to the files: 1 per file known, 0.5 per file whose folder they know. */
function nearness(person: number, files: readonly string[], knowledge: Knowledge, since: number): number {
  let n = 0;
  for (const path of files) {
    if (knowledge.knows(path, person, since)) n += 1;
    else if (knowledge.knowsFolder(path, person, since)) n += 0.5;
  }
  return n / files.length;
}

/** The active person who knows most of the change's files (folders break ties); none when nobody knows any. */
export function chooseExpert(pool: readonly number[], files: readonly string[], knowledge: Knowledge, since: number): Candidate | undefined {
  let best: number | undefined;
  let bestScore = 0;
  for (const p of pool) {
    let s = 0;
    for (const path of files) {
      if (knowledge.knows(path, p, since)) s += 1;
      else if (knowledge.knowsFolder(path, p, since)) s += 0.001;
    }
    if (s > bestScore) {
      best = p;
      bestScore = s;
    }
  }
  return best === undefined ? undefined : { person: best };
}

export interface LearnerContext {
  pool: readonly number[];
  files: readonly string[];
  concentrated: readonly string[];
  knowledge: Knowledge;
  since: number;
  load: LoadBook;
  steady: Steadiness;
  t: number;
  goals: readonly { goal: CoveringGoal; people: readonly number[] }[];
}

/**
 * The learner for a change that touches concentrated files: first the owner of a goal that covers
 * them (the goal covering most of them, then the owner with the lowest load), else the active person
 * nearest to the change (its files, then their folders), weighed by how steadily they have been
 * active (someone who stays keeps what they learn); the lower load breaks a tie. Nobody who already
 * knows the concentrated files, nobody with {@link MAX_LOAD} recent reviews.
 */
export function chooseLearner(c: LearnerContext): Candidate | undefined {
  const free = c.pool.filter((p) => c.load.load(p, c.t) < MAX_LOAD && !c.concentrated.some((path) => c.knowledge.knows(path, p, c.since)));
  if (!free.length) return undefined;
  const inPool = new Set(free);
  let byGoal: { person: number; goal: CoveringGoal; covered: number; load: number } | undefined;
  for (const { goal, people } of c.goals) {
    const covered = c.concentrated.filter((path) => goal.covers(path)).length;
    if (!covered) continue;
    for (const p of people) {
      if (!inPool.has(p)) continue;
      const load = c.load.load(p, c.t);
      // More of the concentrated files first, a goal before a `wants:`, then the lower load.
      const better = !byGoal || covered > byGoal.covered || (covered === byGoal.covered && (Number(!!goal.id) - Number(!!byGoal.goal.id) || byGoal.load - load) > 0);
      if (better) byGoal = { person: p, goal, covered, load };
    }
  }
  if (byGoal) return { person: byGoal.person, goal: byGoal.goal };
  let best: number | undefined;
  let bestScore = 0;
  for (const p of free) {
    // Someone far from the change still beats nobody when no one active is near it.
    const near = nearness(p, c.files, c.knowledge, c.since) + 0.01;
    const score = near * (0.25 + c.steady.of(p, c.t));
    if (score > bestScore || (score === bestScore && best !== undefined && c.load.load(p, c.t) < c.load.load(best, c.t))) {
      best = p;
      bestScore = score;
    }
  }
  return best === undefined ? undefined : { person: best };
}
