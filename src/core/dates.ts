/**
 * Calendar dates as the mentoring file writes them: `YYYY-MM-DD`, no time zone. Arithmetic is done on
 * UTC midnights so that day counts never drift with daylight saving.
 */
/** A calendar date written `YYYY-MM-DD` (kept as text: the file is the source of truth). */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** The first and last dates the format accepts: date arithmetic (a cadence added) stays well inside what `Date` can hold. */
export const MIN_DATE = '1900-01-01';
export const MAX_DATE = '2999-12-31';
const MIN_YEAR = 1900;
const MAX_YEAR = 2999;

/**
 * True for a real calendar date written `YYYY-MM-DD` from {@link MIN_DATE} to {@link MAX_DATE} (so
 * `2026-02-30` is false): the dates the mentoring file may hold.
 */
export function isIsoDate(value: string): boolean {
  if (toEpochDay(value) === undefined) return false;
  const year = Number(value.slice(0, 4));
  return year >= MIN_YEAR && year <= MAX_YEAR;
}

/** True for text shaped `YYYY-MM-DD`, whether or not it is a real date in range. */
export function looksLikeIsoDate(value: string): boolean {
  return ISO_DATE.test(value);
}

/** Days since 1970-01-01 for a real `YYYY-MM-DD` date (any year written with four digits), else undefined. */
export function toEpochDay(value: string): number | undefined {
  const m = ISO_DATE.exec(value);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return undefined;
  const ms = new Date(0).setUTCFullYear(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return undefined;
  return Math.round(ms / DAY_MS);
}

/** The date `day` days after 1970-01-01; days outside what `Date` holds are a RangeError. */
export function fromEpochDay(day: number): IsoDate {
  const date = new Date(day * DAY_MS);
  if (!Number.isFinite(date.getTime()) || date.getUTCFullYear() > 9999 || date.getUTCFullYear() < 0) throw new RangeError(`no calendar date ${day} days after 1970-01-01`);
  return date.toISOString().slice(0, 10);
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
    if (!isIsoDate(text)) {
      const year = Number(text.slice(0, 4));
      return { ok: false, message: year < MIN_YEAR || year > MAX_YEAR ? `${text} is not between ${MIN_DATE} and ${MAX_DATE}` : `${text} is not a real date` };
    }
    date = text;
  } else return { ok: false, message: 'Enter a date as YYYY-MM-DD, "today" or "yesterday"' };
  if (!options.allowFuture && daysBetween(today, date) > 0) {
    return { ok: false, message: `${date} is in the future; log sessions that have happened` };
  }
  return { ok: true, date };
}
