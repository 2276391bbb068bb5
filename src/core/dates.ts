/**
 * Calendar dates as the mentoring file writes them: `YYYY-MM-DD`, no time zone. Arithmetic is done on
 * UTC midnights so that day counts never drift with daylight saving.
 */
import type { IsoDate } from './model';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** True for a real calendar date written `YYYY-MM-DD` (so `2026-02-30` is false). */
export function isIsoDate(value: string): boolean {
  return toEpochDay(value) !== undefined;
}

/** Days since 1970-01-01 for a real `YYYY-MM-DD` date, else undefined. */
export function toEpochDay(value: string): number | undefined {
  const m = ISO_DATE.exec(value);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return undefined;
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return undefined;
  return Math.round(ms / DAY_MS);
}

export function fromEpochDay(day: number): IsoDate {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The local calendar date of `now` (the user's "today"). */
export function localToday(now: Date = new Date()): IsoDate {
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, '0');
  const d = String(now.getDate()).padStart(2, '0');
  return `${String(y).padStart(4, '0')}-${m}-${d}`;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  const day = toEpochDay(date);
  if (day === undefined) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  return fromEpochDay(day + days);
}

const SHORT_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A date as a message says it: "30 Nov", with the year when it is not `today`'s ("30 Nov 2024"). */
export function shortDate(date: IsoDate, today: IsoDate): string {
  if (!isIsoDate(date)) return date;
  const [y, m, d] = date.split('-');
  const day = `${Number(d)} ${SHORT_MONTHS[Number(m) - 1]}`;
  return y === today.slice(0, 4) ? day : `${day} ${y}`;
}

/** Whole days from `a` to `b` (positive when b is later). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  const x = toEpochDay(a);
  const y = toEpochDay(b);
  if (x === undefined || y === undefined) throw new RangeError(`not a YYYY-MM-DD date: ${x === undefined ? a : b}`);
  return y - x;
}

export type DateInputResult = { ok: true; date: IsoDate } | { ok: false; message: string };

/**
 * What a person types for a date: `today`, `yesterday`, or `YYYY-MM-DD`. Dates after `today` are
 * refused unless `allowFuture` is set (a session cannot have happened tomorrow).
 */
export function parseDateInput(input: string, today: IsoDate, options: { allowFuture?: boolean } = {}): DateInputResult {
  const text = input.trim().toLowerCase();
  let date: IsoDate;
  if (text === '' || text === 'today') date = today;
  else if (text === 'yesterday') date = addDays(today, -1);
  else if (ISO_DATE.test(text)) {
    if (!isIsoDate(text)) return { ok: false, message: `${input.trim()} is not a real date` };
    date = text;
  } else return { ok: false, message: 'Enter a date as YYYY-MM-DD, "today" or "yesterday"' };
  if (!options.allowFuture && daysBetween(today, date) > 0) {
    return { ok: false, message: `${date} is in the future; log sessions that have happened` };
  }
  return { ok: true, date };
}
