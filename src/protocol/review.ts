/**
 * The goal review panel's message protocol, shared by the extension host and the webview.
 *
 * postMessage data is untyped at runtime, so each side checks what it receives with
 * `isHostMessage` (in the webview) or `isWebviewMessage` (in the host) before acting on it.
 * The webview posts `ready` once it listens; the host posts `data` only after that.
 */
import { GOAL_STATUSES, PARTNERSHIP_KINDS, PARTNERSHIP_STATUSES, SESSION_STATUSES } from '../core/file';
import type { GoalStatus } from '../core/file';
import type { ReviewPanelData } from '../core/mentoring';
import { amount, bool, byType, count, date, hash, id, isRecord, list, oneOf, opt, percent, person, shape, str } from './guards';
import type { Check } from './guards';

// The panel's data: view types of the core (core/reviewData, core/evidence), sent whole by the host.
export type {
  GoalSession,
  GoalView,
  OpenActionView as OpenAction,
  PersonRef,
  ReviewEntry,
  ReviewPanelData,
  ReviewPartnership,
  ReviewSummary,
  ReviewTimeline,
  TimelineSession,
} from '../core/mentoring';
export type { EvidenceCommit, GoalEvidence } from '../core/review';
export type { PrivateBlock, PrivateNoteView } from '../core/notes';

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
  /** Opens the agenda of the partnership's next session. */
  | { type: 'prepareSession'; partnershipId: string }
  | { type: 'openGoal'; goalId: string }
  | { type: 'openCommit'; hash: string };

export type ProgressResult = { ok: true; value: number } | { ok: false; message: string };

/** What a person types as progress: a whole number from 0 to 100, with or without a `%` (surrounding spaces allowed). */
export function parseProgress(text: string): ProgressResult {
  const t = text.trim();
  if (t === '') return { ok: false, message: 'Enter progress as a whole number from 0 to 100.' };
  const m = /^([+-]?\d+)\s*%?$/.exec(t);
  if (!m) return { ok: false, message: `"${t}" is not a whole number: enter 0 to 100.` };
  const value = Number(m[1]);
  if (value < 0 || value > 100) return { ok: false, message: `${value} is out of range: enter 0 to 100.` };
  return { ok: true, value };
}

// ---- runtime checks -------------------------------------------------------------------------

const goalStatus = oneOf(GOAL_STATUSES);
const sessionStatus = oneOf(SESSION_STATUSES);

const evidence: Check = (x) =>
  isRecord(x) &&
  (x.available === true
    ? list(shape({ hash, date, author: str, subject: str, trailer: bool, files: list(str), filesChanged: count }))(x.commits)
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
  prepareSession: shape({ type: str, partnershipId: id }, true),
  openGoal: shape({ type: str, goalId: id }, true),
  openCommit: shape({ type: str, hash }, true),
};

/** For the host: a well-formed message from the webview (unknown fields are refused). */
export const isWebviewMessage = byType<WebviewToHost>(webviewMessages);
