/**
 * The agenda of a partnership's next session, built from the work since the last one: where the
 * schedule stands, the open action items and those done since, each active goal with its progress,
 * last review, due date, the commits since the last session (core/evidence: the goal's trailer, or
 * its owner under its paths) and the review questions those commits raise, the goals that have
 * stalled, and suggested topics that each name the fact they come from.
 *
 * Pure: `today` and the evidence come from the caller ({@link agendaWindow} says which commits to
 * read). {@link renderAgendaMarkdown} writes it as Markdown where every value from the file or git
 * goes through `mdText`/`mdLines`, so none of it becomes a link, markup or a command.
 */
import { cadenceOf, healthOf, openActionsOf, sessionsOf } from './cadence';
import type { HealthState } from './cadence';
import { addDays, daysBetween, isIsoDate } from '../dates';
import { evidenceGoals } from '../review';
import type { EvidenceCommit, EvidenceGoal, GoalEvidence } from '../review';
import { mentorsOf } from '../file';
import type { Goal, GoalStatus, IsoDate, MentoringFile, Partnership, SessionStatus } from '../file';
import { promptsForChanges } from '../review';
import { createClassifier } from '../expertise';
import type { SkillTag } from '../expertise';
import type { PersonRef, ReviewEntry, ReviewPartnership } from './reviewData';

/** A goal is stalled after this many days without a commit or a review (or two cadences, if longer). */
export const STALLED_MIN_DAYS = 28;
/** Evidence commits read per goal; the Markdown lists the newest {@link COMMITS_LISTED}. */
export const AGENDA_COMMITS_PER_GOAL = 500;
export const COMMITS_LISTED = 10;
/** Paths shown per commit in the Markdown. */
export const FILES_LISTED = 5;
/** Review questions per goal. */
export const QUESTIONS_PER_GOAL = 5;
/** Suggested topics, at most. */
export const MAX_TOPICS = 8;

/** Which commits an agenda needs: what it shows since the last session, and how far back it looks for stalled goals. */
export interface AgendaWindow {
  /** Evidence is shown from this date: the last held session's, else the partnership's `since`; none: all found. */
  since?: IsoDate;
  /** The git read reaches back to this date (`since`, or earlier to tell stalled goals); none: no bound. */
  readFrom?: IsoDate;
  /** Days without a commit or a review after which an active goal is stalled. */
  stalledDays: number;
}

/** What git gave for the partnership's goals (src/git/evidence `readEvidenceRange`), or why it could not. */
export type AgendaEvidenceInput =
  | { available: true; byGoal: ReadonlyMap<string, readonly EvidenceCommit[]>; scanned: number; complete: boolean }
  | { available: false; reason: string };

export interface AgendaSession {
  date: IsoDate;
  status: SessionStatus;
  reason?: string;
  /** A rescheduled session's new date. */
  to?: IsoDate;
}

export interface AgendaSchedule {
  /** The partnership's `since` date. */
  partnershipSince?: IsoDate;
  /** Sessions held so far. */
  held: number;
  lastHeld?: { date: IsoDate; daysAgo: number; minutes?: number; goals: { id: string; title: string }[]; notes?: string };
  /** Sessions logged after the last held one (all of them when none was held): cancelled or rescheduled. */
  since: AgendaSession[];
  cadence?: number;
  nextDue?: IsoDate;
  /** nextDue − today; negative when overdue. */
  daysUntilDue?: number;
  overdueDays: number;
  /** True when `nextDue` is a rescheduled session's new date. */
  rescheduled: boolean;
  cancelledInARow: number;
  health: HealthState;
}

export interface AgendaAction {
  who: PersonRef;
  what: string;
  /** The date of the session that agreed it. */
  agreed: IsoDate;
  due?: IsoDate;
  /** Days since it was agreed (open items). */
  openDays: number;
  /** Days past its due date (0 when not overdue or done). */
  overdueDays: number;
  /** Held sessions since it was agreed that left it open. */
  carriedOver: number;
}

export interface AgendaQuestion {
  text: string;
  /** The files of the commits since the last session that raise it. */
  files: string[];
}

export interface AgendaGoal {
  id: string;
  title: string;
  owner: PersonRef;
  mentors: PersonRef[];
  progress?: number;
  created?: IsoDate;
  due?: IsoDate;
  /** due − today; negative when overdue. */
  daysUntilDue?: number;
  overdue: boolean;
  /** Due from today up to the next session's due date. */
  dueBeforeNextSession: boolean;
  lastReview?: ReviewEntry;
  /** The commits since `Agenda.evidence.since`, newest first. */
  evidence: GoalEvidence;
  /** Review questions of the goal (its own first) that the commits since the last session touch. */
  questions: AgendaQuestion[];
  /**
   * Set when the goal had no commit and no review for `stalledDays` or more (known only when the
   * commits were read completely): `days` since the latest of its last commit (or the start of the
   * read), last review and creation; absent when none of them is known.
   */
  stalled?: { days?: number; lastCommit?: IsoDate; noCommitSince?: IsoDate; lastReview?: IsoDate };
}

export type TopicKind =
  | 'first-session'
  | 'schedule'
  | 'action-overdue'
  | 'action-due'
  | 'goal-overdue'
  | 'goal-stalled'
  | 'goal-due'
  | 'goal-evidence'
  | 'review-question'
  | 'action-carried'
  | 'goal-proposed'
  | 'no-goals';

/** Something to talk about (`subject`) and the fact from this agenda that puts it there. */
export interface AgendaTopic {
  kind: TopicKind;
  subject: string;
  fact: string;
  goal?: string;
}

export interface Agenda {
  today: IsoDate;
  partnership: ReviewPartnership;
  schedule: AgendaSchedule;
  actions: { open: AgendaAction[]; doneSince: AgendaAction[] };
  evidence: { available: true; since?: IsoDate; readFrom?: IsoDate; scanned: number; complete: boolean } | { available: false; reason: string };
  stalledDays: number;
  /** Active goals, in file order. */
  goals: AgendaGoal[];
  /** Proposed and paused goals. */
  otherGoals: { id: string; title: string; owner: PersonRef; status: GoalStatus; created?: IsoDate }[];
  topics: AgendaTopic[];
}

/** The commits an agenda for `partnershipId` needs, or undefined when the file has no such partnership. */
export function agendaWindow(file: MentoringFile, partnershipId: string, today: IsoDate): AgendaWindow | undefined {
  const ps = file.partnerships.find((p) => p.id === partnershipId);
  if (!ps) return undefined;
  const cadence = cadenceOf(ps, file, today);
  const stalledDays = Math.max(STALLED_MIN_DAYS, 2 * (cadence.cadence ?? 0));
  const since = cadence.lastHeld?.session.date ?? validDate(ps.since);
  const window: AgendaWindow = { stalledDays };
  if (since !== undefined) {
    window.since = since;
    const stalledFrom = addDays(today, -stalledDays);
    window.readFrom = since < stalledFrom ? since : stalledFrom;
  }
  return window;
}

/** The goals whose evidence an agenda shows (the partnership's active goals), as evidence reading needs them. */
export function agendaEvidenceGoals(file: MentoringFile, partnershipId: string): EvidenceGoal[] {
  const active = new Set(file.goals.filter((g) => g.partnership === partnershipId && g.status === 'active').map((g) => g.id));
  return evidenceGoals(file, partnershipId).filter((g) => active.has(g.id));
}

/** The agenda of `partnershipId`'s next session, or undefined when the file has no such partnership. */
export function buildAgenda(file: MentoringFile, partnershipId: string, today: IsoDate, evidenceInput: AgendaEvidenceInput): Agenda | undefined {
  const ps = file.partnerships.find((p) => p.id === partnershipId);
  const window = agendaWindow(file, partnershipId, today);
  if (!ps || !window) return undefined;
  const person = (id: string): PersonRef => ({ id, name: file.partners.find((p) => p.id === id)?.name ?? id });

  const schedule = scheduleOf(file, ps, today);
  const partnership: ReviewPartnership = { id: ps.id, kind: ps.kind, members: ps.members.map(person) };
  if (ps.status !== undefined) partnership.status = ps.status;
  if (ps.kind === 'one-way' && ps.mentor !== undefined) partnership.mentor = person(ps.mentor);
  if (schedule.cadence !== undefined) partnership.cadence = schedule.cadence;

  const evidence: Agenda['evidence'] = evidenceInput.available
    ? { available: true, scanned: evidenceInput.scanned, complete: evidenceInput.complete }
    : { available: false, reason: evidenceInput.reason };
  if (evidence.available && window.since !== undefined) evidence.since = window.since;
  if (evidence.available && window.readFrom !== undefined) evidence.readFrom = window.readFrom;

  // One classifier, each path classified once, for every goal's review questions.
  const classifier = createClassifier(file.skills);
  const tags = new Map<string, SkillTag[]>();
  const classify = (p: string): SkillTag[] => tags.get(p) ?? tags.set(p, classifier(p)).get(p) ?? [];
  const goals = file.goals
    .filter((g) => g.partnership === ps.id && g.status === 'active')
    .map((g) => goalOf(file, ps, g, today, window, schedule, evidenceInput, person, classify));
  const otherGoals = file.goals
    .filter((g) => g.partnership === ps.id && (g.status === 'proposed' || g.status === 'paused'))
    .map((g) => {
      const other: Agenda['otherGoals'][number] = { id: g.id, title: g.title, owner: person(g.owner), status: g.status };
      if (g.created !== undefined) other.created = g.created;
      return other;
    });
  const actions = actionsOf(file, ps, today, person);
  const agenda: Agenda = { today, partnership, schedule, actions, evidence, stalledDays: window.stalledDays, goals, otherGoals, topics: [] };
  agenda.topics = topicsOf(agenda);
  return agenda;
}

function scheduleOf(file: MentoringFile, ps: Partnership, today: IsoDate): AgendaSchedule {
  const health = healthOf(file, ps, today);
  const sessions = sessionsOf(file, ps.id).map((s) => s.session);
  const lastHeldAt = sessions.map((s) => s.status).lastIndexOf('held');
  const schedule: AgendaSchedule = {
    held: sessions.filter((s) => s.status === 'held').length,
    since: sessions.slice(lastHeldAt + 1).map((s) => {
      const entry: AgendaSession = { date: s.date, status: s.status };
      if (s.reason !== undefined) entry.reason = s.reason;
      if (s.to !== undefined) entry.to = s.to;
      return entry;
    }),
    overdueDays: health.overdueDays,
    rescheduled: health.rescheduled,
    cancelledInARow: health.cancellations.inARow,
    health: health.state,
  };
  const last = lastHeldAt >= 0 ? sessions[lastHeldAt] : undefined;
  if (last) {
    const titles = new Map(file.goals.map((g) => [g.id, g.title]));
    schedule.lastHeld = { date: last.date, daysAgo: daysBetween(last.date, today), goals: (last.goals ?? []).map((id) => ({ id, title: titles.get(id) ?? id })) };
    if (last.minutes !== undefined) schedule.lastHeld.minutes = last.minutes;
    if (last.notes !== undefined && last.notes.trim()) schedule.lastHeld.notes = last.notes;
  }
  if (validDate(ps.since)) schedule.partnershipSince = ps.since;
  if (health.cadence !== undefined) schedule.cadence = health.cadence;
  // A paused or ended partnership is not expected to meet.
  if (health.nextDue !== undefined && health.state !== 'paused' && health.state !== 'ended') {
    schedule.nextDue = health.nextDue;
    schedule.daysUntilDue = health.daysUntilDue;
  } else {
    schedule.overdueDays = 0;
  }
  return schedule;
}

function actionsOf(file: MentoringFile, ps: Partnership, today: IsoDate, person: (id: string) => PersonRef): Agenda['actions'] {
  const sessions = sessionsOf(file, ps.id);
  const heldDates = sessions.filter((s) => s.session.status === 'held').map((s) => s.session.date);
  const lastHeld = heldDates[heldDates.length - 1];
  const view = (date: IsoDate, item: { who: string; what: string; due?: IsoDate; done?: boolean }): AgendaAction => {
    const overdue = item.due !== undefined && !item.done && validDate(item.due) ? Math.max(0, daysBetween(item.due, today)) : 0;
    const action: AgendaAction = {
      who: person(item.who),
      what: item.what,
      agreed: date,
      openDays: Math.max(0, daysBetween(date, today)),
      overdueDays: overdue,
      carriedOver: heldDates.filter((d) => d > date).length,
    };
    if (item.due !== undefined) action.due = item.due;
    return action;
  };
  const open = openActionsOf(file, ps.id).map((a) => view(a.date, a.item));
  const doneSince = sessions
    .filter((s) => lastHeld === undefined || s.session.date >= lastHeld)
    .flatMap((s) => (s.session.actions ?? []).filter((a) => a.done).map((a) => view(s.session.date, a)));
  return { open, doneSince };
}

function goalOf(
  file: MentoringFile,
  ps: Partnership,
  goal: Goal,
  today: IsoDate,
  window: AgendaWindow,
  schedule: AgendaSchedule,
  input: AgendaEvidenceInput,
  person: (id: string) => PersonRef,
  classify: (path: string) => SkillTag[],
): AgendaGoal {
  const due = validDate(goal.due);
  const daysUntilDue = due === undefined ? undefined : daysBetween(today, due);
  const view: AgendaGoal = {
    id: goal.id,
    title: goal.title,
    owner: person(goal.owner),
    mentors: mentorsOf(ps, goal.owner).map(person),
    overdue: daysUntilDue !== undefined && daysUntilDue < 0,
    dueBeforeNextSession: daysUntilDue !== undefined && daysUntilDue >= 0 && schedule.nextDue !== undefined && due !== undefined && due <= schedule.nextDue,
    evidence: input.available ? { available: true, commits: [] } : { available: false, reason: input.reason },
    questions: [],
  };
  if (goal.progress !== undefined) view.progress = goal.progress;
  if (goal.created !== undefined) view.created = goal.created;
  if (goal.due !== undefined) view.due = goal.due;
  if (daysUntilDue !== undefined) view.daysUntilDue = daysUntilDue;
  const review = latestReview(goal);
  if (review) {
    view.lastReview = { date: review.date, by: person(review.by) };
    if (review.progress !== undefined) view.lastReview.progress = review.progress;
    if (review.status !== undefined) view.lastReview.status = review.status;
    if (review.note !== undefined) view.lastReview.note = review.note;
  }
  if (!input.available) return view;

  const found = input.byGoal.get(goal.id) ?? [];
  const since = window.since;
  const commits = since === undefined ? [...found] : found.filter((c) => c.date >= since);
  view.evidence = { available: true, commits };
  view.questions = questionsOf(file, goal, commits, classify);

  // Stalled: nothing known to have happened for `stalledDays`. Commits are known from `readFrom` on.
  if (input.complete) {
    const lastCommit = found[0]?.date;
    const commitSide = lastCommit ?? window.readFrom;
    const reviewSide = review?.date ?? validDate(goal.created);
    const quiet = [commitSide, reviewSide].filter((d): d is IsoDate => d !== undefined).sort().pop();
    const days = quiet === undefined ? undefined : daysBetween(quiet, today);
    if (days === undefined || days >= window.stalledDays) {
      const stalled: NonNullable<AgendaGoal['stalled']> = {};
      if (days !== undefined) stalled.days = days;
      if (lastCommit !== undefined) stalled.lastCommit = lastCommit;
      else if (window.readFrom !== undefined) stalled.noCommitSince = window.readFrom;
      if (review) stalled.lastReview = review.date;
      view.stalled = stalled;
    }
  }
  return view;
}

/** The goal's review questions that the files of `commits` raise (as the Review Prompts view asks them), with those files. */
function questionsOf(file: MentoringFile, goal: Goal, commits: readonly EvidenceCommit[], classify: (path: string) => SkillTag[]): AgendaQuestion[] {
  const paths = [...new Set(commits.flatMap((c) => c.files))];
  if (!paths.length) return [];
  const ps = file.partnerships.find((p) => p.id === goal.partnership);
  if (!ps) return [];
  // Only this goal, as if its partnership were active: the questions are the goal's whatever the partnership's state.
  const one: MentoringFile = { ...file, partnerships: [{ ...ps, status: 'active' }], goals: [goal] };
  const questions = new Map<string, string[]>();
  for (const f of promptsForChanges(paths.map((path) => ({ path, status: 'modified' as const })), one, { classify })) {
    for (const text of f.goals.flatMap((g) => g.prompts)) {
      const files = questions.get(text);
      if (files) files.push(f.path);
      else questions.set(text, [f.path]);
    }
  }
  // The goal's own questions first, then the built-in ones, each in the order the files raised them.
  const own = new Set((goal.prompts ?? []).map((p) => p.trim()));
  return [...questions.entries()]
    .map(([text, files], i) => ({ text, files, i }))
    .sort((a, b) => Number(!own.has(a.text)) - Number(!own.has(b.text)) || a.i - b.i)
    .slice(0, QUESTIONS_PER_GOAL)
    .map(({ text, files }) => ({ text, files }));
}

function latestReview(goal: Goal): NonNullable<Goal['reviews']>[number] | undefined {
  let latest: NonNullable<Goal['reviews']>[number] | undefined;
  for (const r of goal.reviews ?? []) if (validDate(r.date) && (!latest || r.date >= latest.date)) latest = r;
  return latest;
}

// ---- suggested topics ------------------------------------------------------------------------

function topicsOf(a: Agenda): AgendaTopic[] {
  const topics: AgendaTopic[] = [];
  const s = a.schedule;
  if (!s.lastHeld) {
    const since = s.partnershipSince;
    topics.push({ kind: 'first-session', subject: 'The first session', fact: since ? `no session held since the partnership began on ${since}` : 'no session held yet' });
  }
  const schedule: string[] = [];
  if (s.cancelledInARow > 0) {
    const dates = s.since.filter((x) => x.status === 'cancelled').map((x) => x.date);
    schedule.push(`${count(s.cancelledInARow, 'session')} cancelled in a row: ${dates.join(', ')}`);
  }
  if (s.overdueDays > 0 && s.nextDue) schedule.push(`the session was due on ${s.nextDue}, ${count(s.overdueDays, 'day')} ago`);
  if (schedule.length) topics.push({ kind: 'schedule', subject: 'The schedule', fact: schedule.join('; ') });
  for (const x of a.actions.open.filter((x) => x.overdueDays > 0)) {
    topics.push({ kind: 'action-overdue', subject: `${x.who.name}: ${x.what}`, fact: `action item due ${x.due}, ${count(x.overdueDays, 'day')} ago` });
  }
  if (s.nextDue !== undefined) {
    const next = s.nextDue;
    for (const x of a.actions.open.filter((x) => x.overdueDays === 0 && x.due !== undefined && x.due >= a.today && x.due <= next)) {
      topics.push({ kind: 'action-due', subject: `${x.who.name}: ${x.what}`, fact: `action item due ${x.due}, by the next session on ${next}` });
    }
  }
  for (const g of a.goals.filter((g) => g.overdue)) {
    topics.push({ kind: 'goal-overdue', subject: g.title, goal: g.id, fact: `goal was due ${g.due}${progress(g)}` });
  }
  for (const g of a.goals.filter((g) => g.stalled)) {
    topics.push({ kind: 'goal-stalled', subject: g.title, goal: g.id, fact: `stalled: ${stalledFact(g, a.today)}` });
  }
  for (const g of a.goals.filter((g) => g.dueBeforeNextSession)) {
    topics.push({ kind: 'goal-due', subject: g.title, goal: g.id, fact: `goal due ${g.due}, before the next session on ${s.nextDue}${progress(g)}` });
  }
  for (const g of a.goals) {
    if (!g.evidence.available || !g.evidence.commits.length) continue;
    const named = g.evidence.commits.filter((c) => c.trailer).length;
    const review = g.lastReview ? `last reviewed ${g.lastReview.date}` : 'not reviewed yet';
    topics.push({
      kind: 'goal-evidence',
      subject: g.title,
      goal: g.id,
      fact: `${count(g.evidence.commits.length, 'commit')} ${a.evidence.available && a.evidence.since ? `since ${a.evidence.since}` : 'so far'}${named ? `, ${named} naming the goal` : ''}; ${review}`,
    });
  }
  for (const g of a.goals) {
    const q = g.questions[0];
    if (q) topics.push({ kind: 'review-question', subject: q.text, goal: g.id, fact: `review question of “${g.title}” raised by ${filesFact(q.files)}` });
  }
  for (const x of a.actions.open.filter((x) => x.overdueDays === 0 && x.carriedOver > 0)) {
    topics.push({ kind: 'action-carried', subject: `${x.who.name}: ${x.what}`, fact: `action item open since ${x.agreed}, ${count(x.openDays, 'day')}, carried over ${count(x.carriedOver, 'session')}` });
  }
  for (const g of a.otherGoals.filter((g) => g.status === 'proposed')) {
    topics.push({ kind: 'goal-proposed', subject: g.title, goal: g.id, fact: `goal proposed${g.created ? ` on ${g.created}` : ''}, not active yet` });
  }
  if (!a.goals.length) topics.push({ kind: 'no-goals', subject: 'Goals', fact: 'the partnership has no active goal' });
  return mergeTopics(topics).slice(0, MAX_TOPICS);
}

/**
 * One topic per goal and per action item: a goal that is overdue, stalled or has new commits is
 * listed once, where it first comes, with every fact about it (its review question stays a topic of
 * its own). Topics with the same subject otherwise are merged the same way.
 */
export function mergeTopics(topics: readonly AgendaTopic[]): AgendaTopic[] {
  const out: AgendaTopic[] = [];
  const byKey = new Map<string, AgendaTopic>();
  for (const topic of topics) {
    const key = topic.goal !== undefined && topic.kind !== 'review-question' ? `goal\0${topic.goal}` : `${topic.kind === 'review-question' ? 'question' : 'subject'}\0${topic.subject}`;
    const first = byKey.get(key);
    if (!first) {
      const copy = { ...topic };
      byKey.set(key, copy);
      out.push(copy);
    } else if (!first.fact.split('; ').includes(topic.fact)) {
      first.fact = `${first.fact}; ${topic.fact}`;
    }
  }
  return out;
}

export function stalledFact(g: AgendaGoal, today: IsoDate): string {
  const st = g.stalled ?? {};
  const commits = st.lastCommit ? `last commit ${st.lastCommit}, ${ago(daysBetween(st.lastCommit, today))}` : st.noCommitSince ? `no commit since ${st.noCommitSince}` : 'no commit found';
  const reviews = st.lastReview
    ? `last review ${st.lastReview}, ${ago(daysBetween(st.lastReview, today))}`
    : g.created
      ? `not reviewed since it was created on ${g.created}`
      : 'never reviewed';
  return `${commits}; ${reviews}`;
}

export function filesFact(files: readonly string[]): string {
  return files.length === 1 ? files[0] : `${files[0]} and ${count(files.length - 1, 'other file')}`;
}

function progress(g: AgendaGoal): string {
  return g.progress === undefined ? '' : `, at ${g.progress}%`;
}

// ---- Markdown ----------------------------------------------------------------------------------

export function ago(days: number): string {
  return days === 0 ? 'today' : days === 1 ? 'yesterday' : days < 0 ? `in ${count(-days, 'day')}` : `${count(days, 'day')} ago`;
}

export function count(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function validDate(d: string | undefined): IsoDate | undefined {
  return d !== undefined && isIsoDate(d) ? d : undefined;
}
