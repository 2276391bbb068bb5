/**
 * A replay of a repository's history that measures what adding one reviewer per change would have
 * done to knowledge concentration (after Mirsaeedi & Rigby, ICSE 2020, and its follow-ups).
 *
 * The changes of the last N months are walked in order (the year before them is read first, so
 * knowledge at the start is known). At each change every strategy may ADD at most one reviewer to
 * those the history records; the reviewer then knows the change's files, in that strategy's world.
 * At the end, per strategy: the files at risk (files of HEAD changed in the replayed months and
 * known by at most one active person), the share of changes that got an extra reviewer, and the
 * mean expertise of the added reviewers (the share of the change's files they knew before it).
 *
 * Activity comes from the history alone (commits and recorded reviews), never from reviews a
 * strategy adds, so every strategy is judged against the same people leaving.
 */
import { ACTIVE_DAYS, DAY, HistoryChange, KNOWLEDGE_DAYS, Knowledge, People, PersonRef } from './knowledge';
import { chooseExpert, chooseLearner, Candidate, concentratedFiles, CoveringGoal, EXTRA_REVIEW_BUDGET, LoadBook, Steadiness, Threshold } from './strategies';

export type { HistoryChange, PersonRef } from './knowledge';

export type StrategyName = 'status-quo' | 'expert' | 'random' | 'ours';
export const STRATEGIES: readonly StrategyName[] = ['status-quo', 'expert', 'random', 'ours'];

/** A goal taking part in the replay: its owner's address(es) and the paths it covers. */
export type ReplayGoal = CoveringGoal;

export interface ReplayOptions {
  /** Epoch seconds: changes from here on are replayed; those before only build knowledge. */
  start: number;
  /** Epoch seconds: the end of the replay (HEAD's date). */
  end: number;
  /** HEAD's files. */
  tree: readonly string[];
  seed?: number;
  goals?: readonly ReplayGoal[];
  knowledgeDays?: number;
  activeDays?: number;
  /** The strategies to measure besides the status quo and ours (default: all). */
  strategies?: readonly StrategyName[];
  /** Told of every reviewer a strategy adds (for tests and inspection). */
  onAdded?: (added: AddedReviewer) => void;
  /** Share of changes the learner is added to at most, over recent changes (default {@link EXTRA_REVIEW_BUDGET}). */
  budget?: number;
}

export interface AddedReviewer {
  strategy: StrategyName;
  hash: string;
  date: number;
  person: PersonRef;
  files: readonly string[];
  /** The goal that sent them, for the learner strategy with goals. */
  goal?: CoveringGoal;
}

export interface ReviewView {
  people: People;
  knowledge: Knowledge;
  load: LoadBook;
  steady: Steadiness;
  goals: readonly { goal: CoveringGoal; people: readonly number[] }[];
  knowledgeDays: number;
  activeDays: number;
}

export interface StrategyResult {
  name: StrategyName;
  filesAtRisk: number;
  /** Against the status quo, as a fraction (−0.42: 42% fewer). */
  filesAtRiskChange: number;
  /** Changes that got an extra reviewer, of all replayed changes. */
  extraReviewShare: number;
  /** Mean share of a change's files its added reviewer knew before it (0 when none was added). */
  expertise: number;
  /** Reviewers added. */
  added: number;
  /**
   * For `ours`: the highest expertise a learner could have had, the mean share of the changes'
   * files that were not concentrated (nobody can know what only the author knows).
   */
  expertiseCeiling?: number;
  /** For `ours`: learners sent by a goal (or `wants:`) that covers the change. */
  goalLearners?: number;
  /** Added reviews held by the busiest fifth of the reviewers added (0–1; lower is spread wider). */
  topFifthLoad: number;
}

export interface ReplayResult {
  changes: number;
  /** Files of HEAD changed in the replayed months (the population). */
  population: number;
  /** Active people at the end. */
  activePeople: number;
  strategies: StrategyResult[];
}

interface World {
  name: StrategyName;
  knowledge: Knowledge;
  load: LoadBook;
  added: number;
  expertiseSum: number;
  perPerson: Map<number, number>;
}

/** A small seeded generator (mulberry32): the same seed gives the same replay. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Replay {
  readonly people = new People();
  private readonly worlds: World[];
  private readonly random: () => number;
  private readonly steady = new Steadiness();
  private readonly changed = new Set<string>();
  private readonly knowledgeDays: number;
  private readonly activeDays: number;
  private readonly goalOwners: { goal: ReplayGoal; people: number[] }[];
  private replayed = 0;
  /** Σ over changes given a learner of the share of their files that are not concentrated. */
  private ceilingSum = 0;
  private goalLearners = 0;
  private readonly threshold: Threshold;

  constructor(private readonly options: ReplayOptions) {
    // The status quo and ours always: the suggestions read both; the others only when measured.
    const names = STRATEGIES.filter((n) => n === 'status-quo' || n === 'ours' || !options.strategies || options.strategies.includes(n));
    this.worlds = names.map((name) => ({ name, knowledge: new Knowledge(), load: new LoadBook(), added: 0, expertiseSum: 0, perPerson: new Map() }));
    this.random = seeded(options.seed ?? 1);
    this.knowledgeDays = options.knowledgeDays ?? KNOWLEDGE_DAYS;
    this.activeDays = options.activeDays ?? ACTIVE_DAYS;
    this.goalOwners = (options.goals ?? []).map((goal) => ({ goal, people: [] }));
    this.threshold = new Threshold(options.budget ?? EXTRA_REVIEW_BUDGET);
  }

  /** The goals' owners as people of the history, once they appear in it. */
  private goalPeople(): { goal: ReplayGoal; people: number[] }[] {
    for (const g of this.goalOwners) {
      if (g.people.length) continue;
      for (const e of g.goal.ownerEmails) {
        const i = this.people.byEmail(e);
        if (i !== undefined && !g.people.includes(i)) g.people.push(i);
      }
    }
    return this.goalOwners;
  }

  add(change: HistoryChange): void {
    const t = change.date;
    const people = this.people;
    const author = people.index(change.author, true);
    const coAuthors = change.coAuthors.map((r) => people.index(r, false)).filter((p) => p !== author);
    const recorded = change.reviewers.map((r) => people.index(r, false)).filter((p) => p !== author && !coAuthors.includes(p));
    const involved = new Set([author, ...coAuthors, ...recorded]);
    for (const w of this.worlds) w.knowledge.move(change.files);
    const files = change.files.filter((f) => f.status !== 'D').map((f) => f.path);
    const replayed = t >= this.options.start;
    if (replayed) {
      this.replayed++;
      for (const f of change.files) {
        if (f.status === 'R' && f.oldPath !== undefined && this.changed.delete(f.oldPath)) this.changed.add(f.path);
        if (f.status === 'D') this.changed.delete(f.path);
        else this.changed.add(f.path);
      }
    }
    if (files.length) this.choose(change, involved, new Set([...coAuthors, ...recorded]), files, replayed);
    for (const p of involved) {
      people.touch(p, t);
      this.steady.mark(p, t);
    }
    people.commits[author]++;
    for (const w of this.worlds) {
      for (const path of files) for (const p of involved) w.knowledge.learn(path, p, t);
      for (const p of recorded) w.load.add(p, t);
    }
  }

  private choose(change: HistoryChange, involved: ReadonlySet<number>, joining: ReadonlySet<number>, files: readonly string[], replayed: boolean): void {
    const t = change.date;
    const since = t - this.knowledgeDays * DAY;
    const people = this.people;
    const active = (p: number): boolean => people.isActive(p, t, this.activeDays);
    const ours = this.world('ours');
    // Every change counts towards how concentrated recent changes were, the year before the replay too.
    const concentrated = concentratedFiles(files, ours.knowledge, since, active, joining);
    const admitted = this.threshold.admit(concentrated.length);
    if (!replayed) return;
    const pool: number[] = [];
    for (let p = 0; p < people.size; p++) if (!involved.has(p) && active(p)) pool.push(p);
    if (!pool.length) return;
    for (const w of this.worlds) {
      let chosen: Candidate | undefined;
      if (w.name === 'expert') chosen = chooseExpert(pool, files, w.knowledge, since);
      else if (w.name === 'random') chosen = { person: pool[Math.floor(this.random() * pool.length)] };
      else if (w.name === 'ours' && admitted) {
        chosen = chooseLearner({ pool, files, concentrated, knowledge: w.knowledge, since, load: w.load, steady: this.steady, t, goals: this.goalPeople() });
        if (chosen) this.threshold.grant();
      }
      if (chosen === undefined) continue;
      if (w.name === 'ours') {
        this.ceilingSum += 1 - concentrated.length / files.length;
        if (chosen.goal) this.goalLearners++;
      }
      const p = chosen.person;
      let known = 0;
      for (const path of files) if (w.knowledge.knows(path, p, since)) known++;
      w.added++;
      w.expertiseSum += known / files.length;
      w.perPerson.set(p, (w.perPerson.get(p) ?? 0) + 1);
      w.load.add(p, t);
      for (const path of files) w.knowledge.learn(path, p, t);
      this.options.onAdded?.({ strategy: w.name, hash: change.hash, date: t, person: { name: people.names[p], email: people.emails[p] }, files, ...(chosen.goal ? { goal: chosen.goal } : {}) });
    }
  }

  /**
   * What the live suggestions read after the history: who knows what as the history records it
   * (the status quo), the load including the learners this strategy would have suggested (so a
   * person suggested for many recent changes is passed over, with no state kept between runs).
   */
  view(): ReviewView {
    const ours = this.world('ours');
    return { people: this.people, knowledge: this.worlds[0].knowledge, load: ours.load, steady: this.steady, goals: this.goalPeople(), knowledgeDays: this.knowledgeDays, activeDays: this.activeDays };
  }

  private world(name: StrategyName): World {
    const w = this.worlds.find((x) => x.name === name);
    if (!w) throw new Error(`no ${name} strategy in this replay`);
    return w;
  }

  /** The measures at the end of the replay. */
  finish(): ReplayResult {
    const { end } = this.options;
    const since = end - this.knowledgeDays * DAY;
    const activeEnd = (p: number): boolean => this.people.isActive(p, end, this.activeDays);
    const population = this.options.tree.filter((path) => this.changed.has(path));
    const atRisk = this.worlds.map((w) => population.filter((path) => w.knowledge.knowers(path, since, activeEnd).length <= 1).length);
    const base = atRisk[0];
    let activePeople = 0;
    for (let p = 0; p < this.people.size; p++) if (activeEnd(p)) activePeople++;
    const round = (n: number): number => Math.round(n * 1000) / 1000;
    return {
      changes: this.replayed,
      population: population.length,
      activePeople,
      strategies: this.worlds.map((w, i) => {
        const loads = [...w.perPerson.values()].sort((a, b) => b - a);
        const top = loads.slice(0, Math.max(1, Math.ceil(loads.length / 5))).reduce((s, n) => s + n, 0);
        return {
          name: w.name,
          filesAtRisk: atRisk[i],
          filesAtRiskChange: base ? round((atRisk[i] - base) / base) : 0,
          extraReviewShare: this.replayed ? round(w.added / this.replayed) : 0,
          expertise: w.added ? round(w.expertiseSum / w.added) : 0,
          added: w.added,
          topFifthLoad: w.added ? round(top / w.added) : 0,
          ...(w.name === 'ours' ? { expertiseCeiling: w.added ? round(this.ceilingSum / w.added) : 0, goalLearners: this.goalLearners } : {}),
        };
      }),
    };
  }
}

/** Replays `changes` (oldest first) with `options`. */
export function replayHistory(changes: Iterable<HistoryChange>, options: ReplayOptions): ReplayResult {
  const r = new Replay(options);
  for (const c of changes) r.add(c);
  return r.finish();
}
