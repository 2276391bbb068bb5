/**
 * The status bar's view of the user's commitments: of the user's active partnerships (across
 * workspace folders), the most pressing one in a few words — "$(warning) Overdue with Bob",
 * "$(calendar) Bob in 3 days" — and every one of them for the tooltip.
 */
import { DEFAULT_DUE_SOON_DAYS, Health, healthOf, withWhom } from './cadence';
import type { IsoDate, MentoringFile } from './model';

export interface StatusSource {
  /** The workspace folder's key. */
  folder: string;
  file: MentoringFile;
  /** The user's partner id in this file (nothing is shown for a file without one). */
  me?: string;
}

export interface Commitment {
  folder: string;
  partnership: string;
  /** Who the user meets: "Bob", "Bob and Carol". */
  name: string;
  health: Health;
}

export interface StatusLine {
  /** With a codicon: "$(warning) Overdue with Bob". */
  text: string;
  tooltip: string;
  /** The most pressing commitment (the one a click is about). */
  target: Commitment;
  /** What a click does: prepare the session when it is due (within a couple of days, or overdue), else log one. */
  action: 'prepare' | 'log';
  all: Commitment[];
}

/** The user's active partnerships, most pressing first: most overdue, then soonest due, then undated. */
export function commitments(sources: readonly StatusSource[], today: IsoDate): Commitment[] {
  const list: Commitment[] = [];
  for (const { folder, file, me } of sources) {
    if (me === undefined) continue;
    for (const p of file.partnerships) {
      if (!p.members.includes(me) || (p.status ?? 'active') !== 'active') continue;
      list.push({ folder, partnership: p.id, name: withWhom(file, p, me), health: healthOf(file, p, today, { me }) });
    }
  }
  const rank = (c: Commitment): number => c.health.daysUntilDue ?? Number.MAX_SAFE_INTEGER;
  return list.map((c, i) => ({ c, i })).sort((a, b) => rank(a.c) - rank(b.c) || a.i - b.i).map(({ c }) => c);
}

/** What the status bar shows, or undefined when it is hidden (no `me`, no active partnership). */
export function statusLine(sources: readonly StatusSource[], today: IsoDate): StatusLine | undefined {
  const all = commitments(sources, today);
  const target = all[0];
  if (!target) return undefined;
  const lines = all.map((c) => `${capitalize(c.health.sentence)}.`);
  const d = target.health.daysUntilDue;
  const action = d !== undefined && d <= DEFAULT_DUE_SOON_DAYS ? 'prepare' : 'log';
  lines.push('', action === 'prepare' ? `Click to prepare the session with ${target.name}.` : `Click to log a session with ${target.name}.`);
  return { text: shortText(target), tooltip: lines.join('\n'), target, action, all };
}

function shortText(c: Commitment): string {
  const d = c.health.daysUntilDue;
  if (d === undefined) return `$(calendar) ${c.name}`;
  if (d < 0) return `$(warning) Overdue with ${c.name}`;
  return `$(calendar) ${c.name} ${d === 0 ? 'today' : d === 1 ? 'tomorrow' : `in ${d} days`}`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
