/**
 * What the goal review panel shows about one partnership, assembled from the mentoring file: the
 * session summary and cadence (core/cadence), the last six months of sessions, and each goal with
 * its reviews, the sessions that discussed it and its evidence from git (passed in). Pure: `today`
 * and the evidence come from the caller. The view types below are what the panel's protocol
 * (src/protocol/review.ts) sends to the webview.
 */
import { cadenceOf, openActionsOf, sessionsOf, tallySessions } from './cadence';
import type { SessionTally } from './cadence';
import { addDays, daysBetween, toEpochDay } from '../dates';
import type { GoalEvidence } from '../review';
import { isOpenGoal, mentorsOf } from '../file';
import { privateBlock } from '../notes';
import type { PrivateBlock, PrivateInput } from '../notes';
import type { Goal, GoalStatus, IsoDate, MentoringFile, Partnership, PartnershipKind, PartnershipStatus, SessionStatus } from '../file';

/** A partner as the panel shows them. */
export interface PersonRef {
  id: string;
  name: string;
}

export interface ReviewPartnership {
  id: string;
  kind: PartnershipKind;
  status?: PartnershipStatus;
  members: PersonRef[];
  /** The mentor of a one-way partnership. */
  mentor?: PersonRef;
  /** Days between sessions. */
  cadence?: number;
}

/** An action item not done yet, from the session that agreed it. */
export interface OpenActionView {
  who: PersonRef;
  what: string;
  due?: IsoDate;
  sessionDate: IsoDate;
}

/** A partnership's session tally (core/cadence) with its open action items. */
export interface ReviewSummary extends SessionTally {
  openActions: OpenActionView[];
}

export interface TimelineSession {
  date: IsoDate;
  status: SessionStatus;
  minutes?: number;
  /** Goal ids discussed. */
  goals: string[];
}

/** Sessions from `from` up to `ReviewPanelData.today`: since the partnership started (six months when no start is known). */
export interface ReviewTimeline {
  from: IsoDate;
  sessions: TimelineSession[];
}

export interface ReviewEntry {
  date: IsoDate;
  by: PersonRef;
  progress?: number;
  status?: GoalStatus;
  note?: string;
}

/** A session that discussed a goal. */
export interface GoalSession {
  date: IsoDate;
  status: SessionStatus;
  minutes?: number;
  notes?: string;
}

export interface GoalView {
  id: string;
  title: string;
  owner: PersonRef;
  mentors: PersonRef[];
  status: GoalStatus;
  /** 0–100. */
  progress?: number;
  due?: IsoDate;
  overdue: boolean;
  created?: IsoDate;
  /** Oldest first. */
  reviews: ReviewEntry[];
  sessions: GoalSession[];
  evidence: GoalEvidence;
}

/** Everything the panel shows: the host sends it whole, after `ready` and after every change. */
export interface ReviewPanelData {
  partnership: ReviewPartnership;
  summary: ReviewSummary;
  timeline: ReviewTimeline;
  /** The current user's partner id, if known: the default reviewer. */
  me?: string;
  today: IsoDate;
  goals: GoalView[];
  /** The workspace folder whose file this is; the webview keeps it in its state to restore the panel. */
  folder?: string;
  /** Private notes, when this machine can keep them for the folder (not in a virtual workspace). */
  private?: PrivateBlock;
}

/** How far back the session timeline reaches. */
export const TIMELINE_DAYS = 182;

export interface ReviewDataOptions {
  /** The user's partner id, if known. */
  me?: string;
  /** The workspace folder key, echoed back by the webview for restoring the panel. */
  folder?: string;
  /** A goal's commits; goals it has no answer for get `pending`. */
  evidence?: (goalId: string) => GoalEvidence | undefined;
  /** Shown for goals whose evidence is not known (yet). */
  pending?: GoalEvidence;
  /** The folder's private notes, when this machine keeps them for it. */
  private?: PrivateInput;
}

export const EVIDENCE_LOADING: GoalEvidence = { available: false, reason: 'Reading git history…' };

/** The panel's data for partnership `partnershipId`, or undefined when the file has no such partnership. */
export function buildReviewData(file: MentoringFile, partnershipId: string, today: IsoDate, options: ReviewDataOptions = {}): ReviewPanelData | undefined {
  const ps = file.partnerships.find((p) => p.id === partnershipId);
  if (!ps) return undefined;
  const person = personOf(file);
  const data: ReviewPanelData = {
    partnership: {
      id: ps.id,
      kind: ps.kind,
      members: ps.members.map(person),
    },
    summary: summaryOf(file, ps, today, person),
    timeline: timelineOf(file, ps, today),
    today,
    goals: file.goals.filter((g) => g.partnership === ps.id).map((g) => goalView(file, ps, g, today, person, options)),
  };
  if (ps.status !== undefined) data.partnership.status = ps.status;
  if (ps.kind === 'one-way' && ps.mentor !== undefined) data.partnership.mentor = person(ps.mentor);
  if (validCadence(ps.cadence)) data.partnership.cadence = ps.cadence;
  if (options.me !== undefined) data.me = options.me;
  if (options.folder !== undefined) data.folder = options.folder;
  if (options.private) data.private = privateBlock(file, ps.id, options.private);
  return data;
}

/** A partner as the panel names them; an id the file does not know is shown as itself. */
function personOf(file: MentoringFile): (id: string) => PersonRef {
  return (id) => ({ id, name: file.partners.find((p) => p.id === id)?.name ?? id });
}

function summaryOf(file: MentoringFile, ps: Partnership, today: IsoDate, person: (id: string) => PersonRef): ReviewSummary {
  return {
    ...tallySessions(file, ps, cadenceOf(ps, file, today)),
    openActions: openActionsOf(file, ps.id).map((a) => {
      const action: ReviewSummary['openActions'][number] = { who: person(a.item.who), what: a.item.what, sessionDate: a.date };
      if (a.item.due !== undefined) action.due = a.item.due;
      return action;
    }),
  };
}

/**
 * The partnership's whole recorded history, from its start (its `since`, or its first session when
 * that is earlier or `since` is not given) up to today: a partnership gone quiet still shows the
 * sessions that matter. Only without any start (no `since`, no session) the last six months.
 */
function timelineOf(file: MentoringFile, ps: Partnership, today: IsoDate): ReviewTimeline {
  const starts = [ps.since, ...sessionsOf(file, ps.id).map((s) => s.session.date)].filter((d): d is IsoDate => d !== undefined && toEpochDay(d) !== undefined);
  const start = starts.reduce<IsoDate | undefined>((a, d) => (a === undefined || daysBetween(a, d) < 0 ? d : a), undefined);
  const sixMonths = addDays(today, -TIMELINE_DAYS);
  const from = start === undefined ? sixMonths : daysBetween(start, today) < 0 ? today : start;
  const sessions = sessionsOf(file, ps.id)
    .map((s) => s.session)
    .filter((s) => daysBetween(from, s.date) >= 0 && daysBetween(s.date, today) >= 0)
    .map((s) => {
      const t: ReviewTimeline['sessions'][number] = { date: s.date, status: s.status, goals: [...(s.goals ?? [])] };
      if (s.minutes !== undefined) t.minutes = s.minutes;
      return t;
    });
  return { from, sessions };
}

function goalView(file: MentoringFile, ps: Partnership, goal: Goal, today: IsoDate, person: (id: string) => PersonRef, options: ReviewDataOptions): GoalView {
  const view: GoalView = {
    id: goal.id,
    title: goal.title,
    owner: person(goal.owner),
    mentors: mentorsOf(ps, goal.owner).map(person),
    status: goal.status,
    overdue: goal.due !== undefined && isOpenGoal(goal) && daysBetween(today, goal.due) < 0,
    reviews: (goal.reviews ?? [])
      .map((r, i) => ({ r, i }))
      // Oldest first; reviews of the same day keep their file order.
      .sort((a, b) => daysBetween(b.r.date, a.r.date) || a.i - b.i)
      .map(({ r }) => {
        const entry: GoalView['reviews'][number] = { date: r.date, by: person(r.by) };
        if (r.progress !== undefined) entry.progress = r.progress;
        if (r.status !== undefined) entry.status = r.status;
        if (r.note !== undefined) entry.note = r.note;
        return entry;
      }),
    sessions: sessionsOf(file, ps.id)
      .map((s) => s.session)
      .filter((s) => s.goals?.includes(goal.id))
      .map((s) => {
        const entry: GoalView['sessions'][number] = { date: s.date, status: s.status };
        if (s.minutes !== undefined) entry.minutes = s.minutes;
        if (s.notes !== undefined) entry.notes = s.notes;
        return entry;
      }),
    evidence: options.evidence?.(goal.id) ?? options.pending ?? EVIDENCE_LOADING,
  };
  if (goal.progress !== undefined) view.progress = goal.progress;
  if (goal.due !== undefined) view.due = goal.due;
  if (goal.created !== undefined) view.created = goal.created;
  return view;
}

function validCadence(cadence: number | undefined): cadence is number {
  return cadence !== undefined && Number.isInteger(cadence) && cadence > 0;
}
