/**
 * The Team Overview's message protocol, shared by the extension host and the webview.
 *
 * postMessage data is untyped at runtime, so each side checks what it receives with
 * `isOverviewHostMessage` (in the webview) or `isOverviewWebviewMessage` (in the host). The webview
 * posts `ready` once it listens, with the period it shows (kept across reloads); the host then
 * posts `data`, and again whenever a file, the period or the evidence changes.
 */
import { PARTNERSHIP_KINDS, PARTNERSHIP_STATUSES } from '../core/file';
import type { OverviewData, OverviewPeriodKind } from '../core/mentoring';
import { amount, bool, byType, count, date, hash, id, isRecord, list, oneOf, opt, person, shape, str } from './guards';
import type { Check } from './guards';

export type {
  OverviewAchieved,
  OverviewAction,
  OverviewData,
  OverviewPeriodKind,
  OverviewPerson,
  OverviewRow,
  OverviewSuggestion,
  OverviewUnpaired,
} from '../core/mentoring';

export const OVERVIEW_PERIOD_KINDS: readonly OverviewPeriodKind[] = ['this-quarter', 'last-quarter', 'last-12-months', 'custom'];
const HEALTH_STATES = ['drifting', 'overdue', 'due-soon', 'on-track', 'no-cadence', 'paused', 'ended'] as const;

/** The period the webview asks for: a preset, or custom dates (both ends included, either may be left open). */
export interface PeriodChoice {
  kind: OverviewPeriodKind;
  since?: string;
  until?: string;
}

export type OverviewHostMessage = { type: 'data'; data: OverviewData } | { type: 'error'; message: string };

/** A partnership of a workspace folder's file. */
interface PartnershipRef {
  folder: string;
  partnership: string;
}

export type OverviewWebviewMessage =
  | { type: 'ready'; period?: PeriodChoice }
  | { type: 'setPeriod'; period: PeriodChoice }
  /** Opens the partnership's goal review panel. */
  | ({ type: 'openReview' } & PartnershipRef)
  /** Opens the agenda of the partnership's next session. */
  | ({ type: 'prepareSession' } & PartnershipRef)
  /** The Create Partnership flow, with these two people as its members. */
  | { type: 'createPartnership'; folder: string; members: string[] }
  | { type: 'openGoal'; folder: string; goal: string }
  | { type: 'openCommit'; folder: string; hash: string }
  /** The overview's table as Markdown or CSV, in a new editor. */
  | { type: 'export'; format: 'markdown' | 'csv' }
  /** An iCalendar file of the next sessions: of one partnership, or of all when none is named. */
  | { type: 'addToCalendar'; folder?: string; partnership?: string };

// ---- runtime checks -------------------------------------------------------------------------

const periodKind = oneOf(OVERVIEW_PERIOD_KINDS);

const overviewData = shape({
  today: date,
  kind: periodKind,
  period: shape({ since: opt(date), until: opt(date) }),
  rows: list(
    shape({
      folder: str,
      file: str,
      partnership: id,
      members: list(person),
      kind: oneOf(PARTNERSHIP_KINDS),
      status: oneOf(PARTNERSHIP_STATUSES),
      health: oneOf(HEALTH_STATES),
      sentence: str,
      lastSession: opt(date),
      nextDue: opt(date),
      overdueDays: count,
      cancelledInARow: count,
      held: count,
      cancelled: count,
      hours: amount,
      goalsActive: count,
      goalsAchieved: count,
      actions: list(shape({ who: person, what: str, due: opt(date), overdue: bool })),
    }),
  ),
  unpaired: list(shape({ id, name: str, folder: str, file: str, suggestion: opt(shape({ partner: person, teaches: list(str), learns: list(str) })) })),
  achieved: list(
    shape({
      folder: str,
      file: str,
      goal: id,
      title: str,
      owner: person,
      partnership: id,
      achieved: opt(date),
      evidence: opt(list(shape({ hash, date, subject: str }))),
      evidenceNote: opt(str),
    }),
  ),
  months: list(shape({ month: (x) => typeof x === 'string' && /^\d{4}-\d{2}$/.test(x), held: count, cancelled: count })),
  suggestions: bool,
  warnings: list(str),
});

export function isOverviewData(x: unknown): x is OverviewData {
  return overviewData(x);
}

/** For the webview: a well-formed message from the host. */
export function isOverviewHostMessage(x: unknown): x is OverviewHostMessage {
  if (!isRecord(x)) return false;
  if (x.type === 'data') return overviewData(x.data);
  if (x.type === 'error') return str(x.message);
  return false;
}

const periodChoice = shape({ kind: periodKind, since: opt(date), until: opt(date) }, true);
const ref = { type: str, folder: str, partnership: id };

const webviewMessages: Record<OverviewWebviewMessage['type'], Check> = {
  ready: shape({ type: str, period: opt(periodChoice) }, true),
  setPeriod: shape({ type: str, period: periodChoice }, true),
  openReview: shape(ref, true),
  prepareSession: shape(ref, true),
  createPartnership: shape({ type: str, folder: str, members: (x) => list(id)(x) && (x as unknown[]).length === 2 }, true),
  openGoal: shape({ type: str, folder: str, goal: id }, true),
  openCommit: shape({ type: str, folder: str, hash }, true),
  export: shape({ type: str, format: oneOf(['markdown', 'csv']) }, true),
  addToCalendar: shape({ type: str, folder: opt(str), partnership: opt(id) }, true),
};

/** For the host: a well-formed message from the webview (unknown fields are refused). */
export const isOverviewWebviewMessage = byType<OverviewWebviewMessage>(webviewMessages);
