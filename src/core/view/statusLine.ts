/**
 * The status bar's view of the user's commitments: of the user's active partnerships (across
 * workspace folders), the most pressing one in a few words — "$(warning) Overdue with Bob",
 * "$(calendar) Bob in 3 days" — and every one of them for the tooltip.
 */
import { DEFAULT_DUE_SOON_DAYS, Health, healthOf, withWhom } from '../mentoring';
import type { IsoDate, MentoringFile } from '../file';
import { plain } from '../text';
import type { ShownVersion } from './treeModel';

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

/** Our icon, then the name made inert: a name cannot add an icon of its own. */
function shortText(c: Commitment): string {
  const d = c.health.daysUntilDue;
  const name = plain(c.name);
  if (d === undefined) return `$(calendar) ${name}`;
  if (d < 0) return `$(warning) Overdue with ${name}`;
  return `$(calendar) ${name} ${d === 0 ? 'today' : d === 1 ? 'tomorrow' : `in ${d} days`}`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** What the status bar item shows: the line above, with a warning while a mentoring file has errors. */
export interface StatusView {
  text: string;
  tooltip: string;
  /** Shown on the warning background. */
  warning: boolean;
  command: string;
  arguments: unknown[];
}

/** A mentoring file with errors, and what the views show of it meanwhile. */
export interface FileWithErrors {
  folder: string;
  /** Where the content the views show comes from (undefined or `none`: nothing valid is shown). */
  shown?: ShownVersion;
}

/**
 * The status bar item: the user's most pressing partnership (click: prepare or log a session), or, while a
 * file has errors, a warning that stays in sight (click: the first problem), with the partnership
 * from the content still shown when there is some.
 */
export function statusView(line: StatusLine | undefined, errors: readonly FileWithErrors[]): StatusView | undefined {
  const broken = errors[0];
  if (!broken) {
    if (!line) return undefined;
    // A session due soon or overdue is prepared; otherwise the click logs one.
    const command = line.action === 'prepare' ? 'mentoring.prepareSession' : 'mentoring.logSession';
    return { text: line.text, tooltip: line.tooltip, warning: line.target.health.overdueDays > 0, command, arguments: [{ folder: line.target.folder, partnership: line.target.partnership }] };
  }
  const shown = broken.shown;
  const first =
    shown?.from === 'commit'
      ? `The mentoring file has errors; the views show the version committed on ${shown.date}.`
      : shown?.from === 'editor'
        ? 'The mentoring file has errors; the views show its last valid content.'
        : 'The mentoring file has errors, and there is no valid version of it to show.';
  // The line without its own icon, made inert (names come from the file) under the warning's.
  const about = line ? plain(line.text.replace(/^\$\([\w-]+\)\s*/, '')) : 'Mentoring file has errors';
  const tooltip = [first, ...(line ? ['', ...line.tooltip.split('\n').slice(0, line.all.length)] : []), '', 'Click to show the first problem.'];
  return { text: `$(warning) ${about}`, tooltip: tooltip.join('\n'), warning: true, command: 'mentoring.revealProblem', arguments: [{ folder: broken.folder }] };
}
