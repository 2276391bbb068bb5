/**
 * The goal review panel's message protocol, shared by the extension host and the webview.
 *
 * postMessage data is untyped at runtime, so each side checks what it receives with
 * `isHostMessage` (in the webview) or `isWebviewMessage` (in the host) before acting on it.
 * The webview posts `ready` once it listens; the host posts `data` only after that.
 */
import { isIsoDate } from '../core/dates';
import { GOAL_STATUSES, PARTNERSHIP_KINDS, PARTNERSHIP_STATUSES, SESSION_STATUSES } from '../core/model';
import type { SessionTally } from '../core/cadence';
import type { GoalStatus, IsoDate, PartnershipKind, PartnershipStatus, SessionStatus } from '../core/model';

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
export interface OpenAction {
  who: PersonRef;
  what: string;
  due?: IsoDate;
  sessionDate: IsoDate;
}

/** A partnership's session tally (core/cadence) with its open action items. */
export interface ReviewSummary extends SessionTally {
  openActions: OpenAction[];
}

export interface TimelineSession {
  date: IsoDate;
  status: SessionStatus;
  minutes?: number;
  /** Goal ids discussed. */
  goals: string[];
}

/** Sessions from `from` up to `ReviewPanelData.today` (the panel shows about six months). */
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

export interface EvidenceCommit {
  hash: string;
  date: IsoDate;
  author: string;
  subject: string;
  /** True when the commit names the goal in a trailer (not only by touching its paths). */
  trailer: boolean;
}

/** Commits that show work on a goal; unavailable e.g. in an untrusted workspace or without git. */
export type GoalEvidence = { available: true; commits: EvidenceCommit[] } | { available: false; reason: string };

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

/** A private note or reflection: kept on this machine only, never in the mentoring file. */
export interface PrivateNoteView {
  /** When it was written: an ISO date-time in UTC. */
  written: string;
  text: string;
  /** A reflection written with a review: the review's date. */
  review?: IsoDate;
}

/**
 * Everything private the panel shows, in one place: notes on the partnership's sessions,
 * reflections on its goals, and notes whose session or goal is no longer in the file.
 */
export interface PrivateBlock {
  /** The file on this machine that keeps them. */
  store: string;
  /** Newest session first. */
  sessions: { date: IsoDate; status: SessionStatus; notes: PrivateNoteView[] }[];
  goals: { goal: string; notes: PrivateNoteView[] }[];
  /** What each note was on ("session 2026-02-07 (cancelled)"), for notes kept after it left the file. */
  detached: { subject: string; notes: PrivateNoteView[] }[];
  /** Why the notes cannot be read (`FILE:LINE:COL: …`); they are then not shown and not written. */
  error?: string;
  /** Unsaved reflections of the review forms, by goal id: kept by the host in memory only. */
  drafts: { goal: string; text: string }[];
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

/** What a review form submits; the host adds the date. */
export interface ReviewInput {
  /** An integer 0–100. */
  progress: number;
  status: GoalStatus;
  /** Omitted when blank. */
  note?: string;
  /** A partner id. */
  by: string;
}

export type HostToWebview =
  | { type: 'data'; data: ReviewPanelData }
  /** `warning`: the review was saved, its private reflection was not (it stays in the form). */
  | { type: 'saveResult'; requestId: string; ok: true; warning?: string }
  | { type: 'saveResult'; requestId: string; ok: false; message: string }
  | { type: 'error'; message: string }
  /** Opens a goal's section and scrolls it into view. */
  | { type: 'revealGoal'; goalId: string };

export type WebviewToHost =
  | { type: 'ready' }
  /** `reflection`: a private reflection to keep on this machine beside the review (never in the file). */
  | { type: 'saveReview'; requestId: string; goalId: string; review: ReviewInput; reflection?: string }
  /** The private reflection being typed, for the host to keep in memory while the panel is hidden. */
  | { type: 'reflectionDraft'; goalId: string; text: string }
  | { type: 'logSession'; partnershipId: string; goalId?: string }
  | { type: 'openGoal'; goalId: string }
  | { type: 'openCommit'; hash: string };

export type ProgressResult = { ok: true; value: number } | { ok: false; message: string };

/** What a person types as progress: a whole number from 0 to 100 (surrounding spaces allowed). */
export function parseProgress(text: string): ProgressResult {
  const t = text.trim();
  if (t === '') return { ok: false, message: 'Enter progress as a whole number from 0 to 100.' };
  if (!/^[+-]?\d+$/.test(t)) return { ok: false, message: `"${t}" is not a whole number: enter 0 to 100.` };
  const value = Number(t);
  if (value < 0 || value > 100) return { ok: false, message: `${value} is out of range: enter 0 to 100.` };
  return { ok: true, value };
}

// ---- runtime checks -------------------------------------------------------------------------

type Check = (x: unknown) => boolean;
type Rec = Record<string, unknown>;

const isRecord = (x: unknown): x is Rec => typeof x === 'object' && x !== null && !Array.isArray(x);
const str: Check = (x) => typeof x === 'string';
const id: Check = (x) => typeof x === 'string' && x.length > 0;
const date: Check = (x) => typeof x === 'string' && isIsoDate(x);
const bool: Check = (x) => typeof x === 'boolean';
const count: Check = (x) => Number.isInteger(x) && (x as number) >= 0;
const amount: Check = (x) => typeof x === 'number' && Number.isFinite(x) && x >= 0;
const percent: Check = (x) => Number.isInteger(x) && (x as number) >= 0 && (x as number) <= 100;
const oneOf =
  (values: readonly string[]): Check =>
  (x) =>
    typeof x === 'string' && values.includes(x);
const opt =
  (c: Check): Check =>
  (x) =>
    x === undefined || c(x);
const list =
  (c: Check): Check =>
  (x) =>
    Array.isArray(x) && x.every(c);

/** An object whose listed fields pass; `exact` also refuses fields not listed. */
function shape(fields: Record<string, Check>, exact = false): Check {
  return (x) =>
    isRecord(x) &&
    Object.entries(fields).every(([k, c]) => c(x[k])) &&
    (!exact || Object.keys(x).every((k) => Object.hasOwn(fields, k)));
}

const goalStatus = oneOf(GOAL_STATUSES);
const sessionStatus = oneOf(SESSION_STATUSES);
const person = shape({ id, name: str });
const hash: Check = (x) => typeof x === 'string' && /^[0-9a-f]{4,64}$/i.test(x);

const evidence: Check = (x) =>
  isRecord(x) &&
  (x.available === true
    ? list(shape({ hash, date, author: str, subject: str, trailer: bool }))(x.commits)
    : x.available === false && str(x.reason));

const privateNote = shape({ written: str, text: str, review: opt(date) });
const privateBlock = shape({
  store: str,
  sessions: list(shape({ date, status: sessionStatus, notes: list(privateNote) })),
  goals: list(shape({ goal: id, notes: list(privateNote) })),
  detached: list(shape({ subject: str, notes: list(privateNote) })),
  error: opt(str),
  drafts: list(shape({ goal: id, text: str })),
});

const reviewPanelData = shape({
  partnership: shape({
    id,
    kind: oneOf(PARTNERSHIP_KINDS),
    status: opt(oneOf(PARTNERSHIP_STATUSES)),
    members: list(person),
    mentor: opt(person),
    cadence: opt(count),
  }),
  summary: shape({
    held: count,
    cancelled: count,
    rescheduled: count,
    hours: amount,
    lastSession: opt(date),
    nextDue: opt(date),
    overdueDays: count,
    cancelledInARow: count,
    openActions: list(shape({ who: person, what: str, due: opt(date), sessionDate: date })),
  }),
  timeline: shape({
    from: date,
    sessions: list(shape({ date, status: sessionStatus, minutes: opt(amount), goals: list(str) })),
  }),
  me: opt(str),
  today: date,
  folder: opt(str),
  private: opt(privateBlock),
  goals: list(
    shape({
      id,
      title: str,
      owner: person,
      mentors: list(person),
      status: goalStatus,
      progress: opt(percent),
      due: opt(date),
      overdue: bool,
      created: opt(date),
      reviews: list(
        shape({ date, by: person, progress: opt(percent), status: opt(goalStatus), note: opt(str) }),
      ),
      sessions: list(shape({ date, status: sessionStatus, minutes: opt(amount), notes: opt(str) })),
      evidence,
    }),
  ),
});

export function isReviewPanelData(x: unknown): x is ReviewPanelData {
  return reviewPanelData(x);
}

/** For the webview: a well-formed message from the host. */
export function isHostMessage(x: unknown): x is HostToWebview {
  if (!isRecord(x)) return false;
  switch (x.type) {
    case 'data':
      return reviewPanelData(x.data);
    case 'saveResult':
      return id(x.requestId) && ((x.ok === true && opt(str)(x.warning)) || (x.ok === false && str(x.message)));
    case 'error':
      return str(x.message);
    case 'revealGoal':
      return id(x.goalId);
    default:
      return false;
  }
}

const webviewMessages: Record<WebviewToHost['type'], Check> = {
  ready: shape({ type: str }, true),
  saveReview: shape(
    {
      type: str,
      requestId: id,
      goalId: id,
      review: shape({ progress: percent, status: goalStatus, note: opt(str), by: id }, true),
      reflection: opt(str),
    },
    true,
  ),
  reflectionDraft: shape({ type: str, goalId: id, text: str }, true),
  logSession: shape({ type: str, partnershipId: id, goalId: opt(id) }, true),
  openGoal: shape({ type: str, goalId: id }, true),
  openCommit: shape({ type: str, hash }, true),
};

/** For the host: a well-formed message from the webview (unknown fields are refused). */
export function isWebviewMessage(x: unknown): x is WebviewToHost {
  return isRecord(x) && typeof x.type === 'string' && Object.hasOwn(webviewMessages, x.type)
    ? webviewMessages[x.type as WebviewToHost['type']](x)
    : false;
}
