/**
 * The reminder policy: at most one gentle reminder per partnership per day, only for the user's own
 * active partnerships that are due today or overdue, never for ones the user muted. The state is a
 * plain JSON-able object the host stores; every function returns a new state and leaves its input alone.
 */
import { healthOf, type Health } from './cadence';
import { isIsoDate } from '../dates';
import type { IsoDate, MentoringFile } from '../file';

export interface ReminderState {
  /** Partnership id → the last day a reminder was shown for it. */
  lastReminded: Record<string, IsoDate>;
  /** Partnership ids the user asked not to be reminded about. */
  muted: string[];
}

export interface Reminder {
  partnership: string;
  health: Health;
  /** What to show: "Time to meet: session with Bob overdue by 5 days". */
  message: string;
}

export function emptyReminderState(): ReminderState {
  return { lastReminded: {}, muted: [] };
}

/** A state read back from storage; anything malformed is dropped rather than trusted. */
export function readReminderState(value: unknown): ReminderState {
  const state = emptyReminderState();
  if (typeof value !== 'object' || value === null) return state;
  const { lastReminded, muted } = value as Partial<Record<keyof ReminderState, unknown>>;
  if (typeof lastReminded === 'object' && lastReminded !== null && !Array.isArray(lastReminded)) {
    for (const [id, date] of Object.entries(lastReminded)) {
      if (typeof date === 'string' && isIsoDate(date)) setDay(state.lastReminded, id, date);
    }
  }
  if (Array.isArray(muted)) state.muted = [...new Set(muted.filter((m): m is string => typeof m === 'string'))];
  return state;
}

/**
 * Reminders to show today for `me`, and the state with those reminders recorded. Without `me` (the
 * user is not a partner of the file) nothing is due.
 */
export function dueReminders(
  file: Pick<MentoringFile, 'partners' | 'partnerships' | 'sessions'>,
  state: ReminderState,
  today: IsoDate,
  me: string | undefined,
): { reminders: Reminder[]; state: ReminderState } {
  const next: ReminderState = { lastReminded: { ...state.lastReminded }, muted: [...state.muted] };
  const reminders: Reminder[] = [];
  if (me === undefined) return { reminders, state: next };
  for (const partnership of file.partnerships) {
    if (!partnership.members.includes(me) || state.muted.includes(partnership.id)) continue;
    // Partnership ids come from the file: own keys only (an id like `__proto__` or `constructor` is just an id).
    const last = Object.prototype.hasOwnProperty.call(state.lastReminded, partnership.id) ? state.lastReminded[partnership.id] : undefined;
    if (last !== undefined && last >= today) continue;
    const health = healthOf(file, partnership, today, { me });
    if (health.state === 'paused' || health.state === 'ended' || health.daysUntilDue === undefined) continue;
    if (health.daysUntilDue > 0) continue;
    setDay(next.lastReminded, partnership.id, today);
    reminders.push({ partnership: partnership.id, health, message: `Time to meet: ${health.sentence}` });
  }
  return { reminders, state: next };
}

/** Records `day` under `id` as an own key, whatever the id (`__proto__` would otherwise set the prototype). */
function setDay(days: Record<string, IsoDate>, id: string, day: IsoDate): void {
  Object.defineProperty(days, id, { value: day, enumerable: true, writable: true, configurable: true });
}

export function mute(state: ReminderState, partnershipId: string): ReminderState {
  return { lastReminded: { ...state.lastReminded }, muted: [...new Set([...state.muted, partnershipId])] };
}

export function unmute(state: ReminderState, partnershipId: string): ReminderState {
  return { lastReminded: { ...state.lastReminded }, muted: state.muted.filter((m) => m !== partnershipId) };
}

export function isMuted(state: ReminderState, partnershipId: string): boolean {
  return state.muted.includes(partnershipId);
}
