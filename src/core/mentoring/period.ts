/**
 * Reporting periods: a range of calendar dates, both ends included, either end open. The presets
 * are what a programme lead asks for (this quarter, last quarter, the last 12 months); quarters are
 * calendar quarters (January–March, ...). Pure: `today` is passed in.
 */
import { addDays, isIsoDate } from '../dates';
import type { IsoDate } from '../file';

/** Dates from `since` to `until`, both included; an end left out is open. */
export interface Period {
  since?: IsoDate;
  until?: IsoDate;
}

export const PERIOD_PRESETS = ['this-quarter', 'last-quarter', 'last-12-months', 'all'] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

/** The dates of a preset as of `today`: a quarter runs to its last day, the last 12 months end today. */
export function presetPeriod(preset: PeriodPreset, today: IsoDate): Period {
  const year = Number(today.slice(0, 4));
  const quarter = Math.floor((Number(today.slice(5, 7)) - 1) / 3);
  switch (preset) {
    case 'this-quarter':
      return quarterOf(year, quarter);
    case 'last-quarter':
      return quarter === 0 ? quarterOf(year - 1, 3) : quarterOf(year, quarter - 1);
    case 'last-12-months':
      // From the same day a year ago, the day after: 2026-05-26 → 2025-05-27 … 2026-05-26.
      return { since: addDays(`${String(year - 1).padStart(4, '0')}${today.slice(4, 7)}-01`, Number(today.slice(8, 10))), until: today };
    case 'all':
      return {};
  }
}

/** A quarter (0–3) of `year`, first to last day. */
function quarterOf(year: number, quarter: number): Period {
  const y = String(year).padStart(4, '0');
  const first = `${y}-${String(quarter * 3 + 1).padStart(2, '0')}-01`;
  const next = quarter === 3 ? `${String(year + 1).padStart(4, '0')}-01-01` : `${y}-${String(quarter * 3 + 4).padStart(2, '0')}-01`;
  return { since: first, until: addDays(next, -1) };
}

/** True when `date` lies in `period` (ends included). Dates compare as text: `YYYY-MM-DD` sorts as dates do. */
export function inPeriod(date: IsoDate | undefined, period: Period): boolean {
  if (date === undefined) return false;
  if (period.since !== undefined && date < period.since) return false;
  if (period.until !== undefined && date > period.until) return false;
  return true;
}

/** Why a period given by a person cannot be used, or undefined when it can. */
export function periodProblem(period: Period): string | undefined {
  for (const [name, value] of [['since', period.since], ['until', period.until]] as const) {
    if (value !== undefined && !isIsoDate(value)) return `${name}: not a YYYY-MM-DD date from 1900 to 2999`;
  }
  if (period.since !== undefined && period.until !== undefined && period.since > period.until) return `the period starts (${period.since}) after it ends (${period.until})`;
  return undefined;
}

/** "2026-04-01 to 2026-06-30", "since 2026-04-01", "until 2026-06-30", "all time". */
export function periodText(period: Period): string {
  if (period.since !== undefined && period.until !== undefined) return `${period.since} to ${period.until}`;
  if (period.since !== undefined) return `since ${period.since}`;
  if (period.until !== undefined) return `until ${period.until}`;
  return 'all time';
}

/** Every month (`YYYY-MM`) from the month of `first` to the month of `last`, at most `max` (the latest). */
export function monthsBetween(first: IsoDate, last: IsoDate, max = 60): string[] {
  const months: string[] = [];
  let y = Number(last.slice(0, 4));
  let m = Number(last.slice(5, 7));
  const end = first.slice(0, 7);
  while (months.length < max) {
    const month = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`;
    if (month < end) break;
    months.push(month);
    if (--m === 0) {
      m = 12;
      y--;
    }
  }
  return months.reverse();
}
