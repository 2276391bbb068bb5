/**
 * Session cadence: when a partnership last met, when it should meet next, and whether it is drifting
 * apart (sessions cancelled in a row, overdue by more than a cadence). Pure: `today` is always passed in.
 */
import { addDays, daysBetween, toEpochDay } from '../dates';
import type { ActionItem, IsoDate, MentoringFile, Partnership, Session } from '../file';

/** How many recent sessions the cancellation share looks at unless told otherwise. */
export const DEFAULT_RECENT_SESSIONS = 10;
/** A session due within this many days is "due soon". */
export const DEFAULT_DUE_SOON_DAYS = 2;

/** A session of the file with its position in `sessions:` (0-based), as edits address it. */
export interface IndexedSession {
  index: number;
  session: Session;
}

export interface CancellationRecord {
  /** Cancelled sessions since the last held session (all of them when none was held). */
  inARow: number;
  /** Cancelled sessions among the last `considered` sessions. */
  recentCancelled: number;
  /** Sessions looked at for the share: the last N, or fewer when there are fewer. */
  considered: number;
  /** recentCancelled / considered; 0 when there are no sessions. */
  share: number;
}

export interface Cadence {
  /** Days between sessions; undefined when the partnership sets none. */
  cadence?: number;
  lastHeld?: IndexedSession;
  /** Next planned date: a rescheduled session's `to:`, else last held (or `since`) + cadence. */
  nextDue?: IsoDate;
  /** True when `nextDue` comes from a rescheduled session's `to:`. */
  rescheduled: boolean;
  /** nextDue − today: negative when overdue; undefined without a next due date. */
  daysUntilDue?: number;
  /** Days past the next due date (0 when not overdue). */
  overdueDays: number;
  cancellations: CancellationRecord;
}

export type HealthState = 'on-track' | 'due-soon' | 'overdue' | 'drifting' | 'paused' | 'ended' | 'no-cadence';

export interface Health extends Cadence {
  partnership: string;
  state: HealthState;
  /** A short sentence for people: "next session with Bob in 3 days", "overdue by 5 days". */
  sentence: string;
}

export interface CadenceOptions {
  /** Sessions looked at for the cancellation share (default 10). */
  recent?: number;
  /** Days ahead that count as "due soon" (default 2). */
  dueSoonDays?: number;
  /** The user's partner id: sentences then name the other members only. */
  me?: string;
}

/** A partnership's sessions in date order (file order among the same date), with their file positions. */
export function sessionsOf(file: Pick<MentoringFile, 'sessions'>, partnershipId: string): IndexedSession[] {
  // Each date is read once (not in every comparison): a report of many partnerships sorts them all.
  const list: (IndexedSession & { day: number })[] = [];
  file.sessions.forEach((session, index) => {
    const day = session.partnership === partnershipId ? toEpochDay(session.date) : undefined;
    if (day !== undefined) list.push({ index, session, day });
  });
  return list.sort((a, b) => a.day - b.day || a.index - b.index).map(({ index, session }) => ({ index, session }));
}

/** The cadence maths of one partnership from its sessions (any order; other partnerships' are ignored). */
export function cadenceOf(
  partnership: Partnership,
  file: Pick<MentoringFile, 'sessions'>,
  today: IsoDate,
  options: CadenceOptions = {},
): Cadence {
  const sessions = sessionsOf(file, partnership.id);
  let lastHeldAt = -1;
  sessions.forEach((s, i) => {
    if (s.session.status === 'held') lastHeldAt = i;
  });
  const lastHeld = lastHeldAt >= 0 ? sessions[lastHeldAt] : undefined;
  const since = sessions.slice(lastHeldAt + 1);

  const recent = sessions.slice(-Math.max(1, options.recent ?? DEFAULT_RECENT_SESSIONS));
  const recentCancelled = recent.filter((s) => s.session.status === 'cancelled').length;
  const cancellations: CancellationRecord = {
    inARow: since.filter((s) => s.session.status === 'cancelled').length,
    recentCancelled,
    considered: recent.length,
    share: recent.length ? recentCancelled / recent.length : 0,
  };

  const cadence = validCadence(partnership.cadence);
  // The latest word on the schedule since the last held session: a reschedule plans a date,
  // a cancellation after it voids that plan.
  const latest = since[since.length - 1]?.session;
  let nextDue: IsoDate | undefined;
  let rescheduled = false;
  if (latest?.status === 'rescheduled' && latest.to !== undefined && toEpochDay(latest.to) !== undefined) {
    nextDue = latest.to;
    rescheduled = true;
  } else if (cadence !== undefined) {
    const anchor = lastHeld?.session.date ?? (partnership.since !== undefined && toEpochDay(partnership.since) !== undefined ? partnership.since : undefined);
    if (anchor !== undefined) nextDue = addDays(anchor, cadence);
  }
  const daysUntilDue = nextDue === undefined ? undefined : daysBetween(today, nextDue);
  return {
    cadence,
    lastHeld,
    nextDue,
    rescheduled,
    daysUntilDue,
    overdueDays: daysUntilDue !== undefined && daysUntilDue < 0 ? -daysUntilDue : 0,
    cancellations,
  };
}

/** Where a partnership stands today, with a sentence to show. */
export function healthOf(
  file: Pick<MentoringFile, 'sessions' | 'partners'>,
  partnership: Partnership,
  today: IsoDate,
  options: CadenceOptions = {},
): Health {
  const c = cadenceOf(partnership, file, today, options);
  const base = { ...c, partnership: partnership.id };
  const who = withWhom(file, partnership, options.me);
  if (partnership.status === 'ended') return { ...base, state: 'ended', sentence: `partnership with ${who} has ended` };
  if (partnership.status === 'paused') return { ...base, state: 'paused', sentence: `partnership with ${who} is paused` };

  const parts: string[] = [];
  if (c.overdueDays > 0) parts.push(`session with ${who} overdue by ${plural(c.overdueDays, 'day')}`);
  if (c.cancellations.inARow >= 2) parts.push(`${c.cancellations.inARow} cancelled in a row`);
  const drifting = c.cancellations.inARow >= 2 || (c.cadence !== undefined && c.overdueDays > c.cadence);
  if (drifting) return { ...base, state: 'drifting', sentence: parts.join(', ') };
  if (c.overdueDays > 0) return { ...base, state: 'overdue', sentence: parts.join(', ') };

  if (c.daysUntilDue === undefined) {
    if (c.cadence === undefined) {
      const last = c.lastHeld ? `last session with ${who} on ${c.lastHeld.session.date}` : `no session with ${who} yet`;
      return { ...base, state: 'no-cadence', sentence: `${last}; no cadence set` };
    }
    return { ...base, state: 'on-track', sentence: `first session with ${who} not logged yet` };
  }
  const when = c.daysUntilDue === 0 ? 'today' : c.daysUntilDue === 1 ? 'tomorrow' : `in ${plural(c.daysUntilDue, 'day')}`;
  const state = c.daysUntilDue <= (options.dueSoonDays ?? DEFAULT_DUE_SOON_DAYS) ? 'due-soon' : 'on-track';
  return { ...base, state, sentence: `next session with ${who} ${when}` };
}

/** What a partnership's sessions add up to: the CLI report and the review panel's summary. */
export interface SessionTally {
  held: number;
  cancelled: number;
  rescheduled: number;
  /** Minutes of the held sessions / 60, rounded to one decimal. */
  hours: number;
  /** Date of the last held session. */
  lastSession?: IsoDate;
  /** When the next session is due; absent without a cadence, and for a paused or ended partnership. */
  nextDue?: IsoDate;
  /** Days past `nextDue` (0 when not overdue, paused or ended). */
  overdueDays: number;
  /** Cancelled sessions since the last held one. */
  cancelledInARow: number;
}

export function tallySessions(file: Pick<MentoringFile, 'sessions'>, partnership: Partnership, cadence: Cadence): SessionTally {
  const sessions = sessionsOf(file, partnership.id).map((s) => s.session);
  const held = sessions.filter((s) => s.status === 'held');
  const minutes = held.reduce((sum, s) => sum + (s.minutes ?? 0), 0);
  // A paused or ended partnership is not expected to meet.
  const scheduled = partnership.status !== 'paused' && partnership.status !== 'ended';
  const tally: SessionTally = {
    held: held.length,
    cancelled: sessions.filter((s) => s.status === 'cancelled').length,
    rescheduled: sessions.filter((s) => s.status === 'rescheduled').length,
    hours: Math.round((minutes / 60) * 10) / 10,
    overdueDays: scheduled ? cadence.overdueDays : 0,
    cancelledInARow: cadence.cancellations.inARow,
  };
  if (cadence.lastHeld) tally.lastSession = cadence.lastHeld.session.date;
  if (scheduled && cadence.nextDue !== undefined) tally.nextDue = cadence.nextDue;
  return tally;
}

/** An action item not yet done, with where it lives (for `setActionDone`). */
export interface OpenAction {
  /** Position of the session in `sessions:` (0-based). */
  session: number;
  /** Position of the item in that session's `actions:` (0-based). */
  action: number;
  date: IsoDate;
  item: ActionItem;
}

/** Open action items of a partnership, oldest session first. */
export function openActionsOf(file: Pick<MentoringFile, 'sessions'>, partnershipId: string): OpenAction[] {
  const open: OpenAction[] = [];
  for (const { index, session } of sessionsOf(file, partnershipId)) {
    (session.actions ?? []).forEach((item, action) => {
      if (!item.done) open.push({ session: index, action, date: session.date, item });
    });
  }
  return open;
}

/** Minutes of the partnership's last held session that recorded them: the default for the next one. */
export function defaultMinutes(file: Pick<MentoringFile, 'sessions'>, partnershipId: string): number | undefined {
  const held = sessionsOf(file, partnershipId).filter((s) => s.session.status === 'held' && s.session.minutes !== undefined);
  return held[held.length - 1]?.session.minutes;
}

/** Partnerships with `me` as a member first, then the rest, each group in file order. */
export function myPartnershipsFirst(partnerships: readonly Partnership[], me: string | undefined): Partnership[] {
  if (me === undefined) return [...partnerships];
  const mine = partnerships.filter((p) => p.members.includes(me));
  return [...mine, ...partnerships.filter((p) => !p.members.includes(me))];
}

/** "Bob", "Bob and Carol", "Bob, Carol and Dan": the members other than `me`, by name. */
export function withWhom(file: Pick<MentoringFile, 'partners'>, partnership: Partnership, me?: string): string {
  const others = partnership.members.filter((m) => m !== me);
  const names = (others.length ? others : partnership.members).map((id) => file.partners.find((p) => p.id === id)?.name ?? id);
  return names.length <= 1 ? (names[0] ?? partnership.id) : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

function validCadence(cadence: number | undefined): number | undefined {
  return cadence !== undefined && Number.isInteger(cadence) && cadence > 0 ? cadence : undefined;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
