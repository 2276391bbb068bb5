/**
 * The programme report: per partnership of one or more mentoring files, the sessions held, cancelled
 * and rescheduled and the hours met within a period, the last and next session and health as of
 * today, goals active and achieved in the period, open action items; the people without an active
 * partnership; the goals achieved in the period with their evidence; sessions per month. As a
 * Markdown table, JSON or CSV. Pure: `today` and the evidence are passed in.
 */
import type { EvidenceCommit } from '../review';
import type { HealthState, SessionTally } from './cadence';
import { healthOf, myPartnershipsFirst, openActionsOf, sessionsOf, tallySessions } from './cadence';
import type { IsoDate, MentoringFile, PartnershipKind, Session } from '../file';
import { jsonText, mdText, oneLine } from '../text';
import { goalsAchievedIn } from './achievements';
import { inPeriod, monthsBetween, periodText, type Period } from './period';

/** One mentoring file of the report: `file` names it in the output (a path, a folder). */
export interface ReportSource {
  file: string;
  model: MentoringFile;
  /** The user's partner id: their partnerships come first. */
  me?: string;
  /** Evidence commits by goal id, newest first (from git; absent when not read). */
  evidence?: ReadonlyMap<string, readonly EvidenceCommit[]>;
}

export interface PartnershipReport extends SessionTally {
  partnership: string;
  members: string[];
  kind: PartnershipKind;
  status: 'active' | 'paused' | 'ended';
  health: HealthState;
  goalsActive: number;
  /** Goals achieved within the period. */
  goalsAchieved: number;
  openActions: number;
  /** The mentoring file the partnership is in. */
  file: string;
}

export interface UnpairedPerson {
  id: string;
  name: string;
  file: string;
}

export interface AchievedGoal {
  goal: string;
  title: string;
  owner: string;
  partnership: string;
  /** Null for a goal achieved before dates were kept, with no review to date it (listed over all time only). */
  achieved: IsoDate | null;
  /** Evidence commit hashes, newest first. */
  evidence: string[];
  file: string;
}

/** Sessions of a calendar month (`YYYY-MM`) in the period. */
export interface MonthTally {
  month: string;
  held: number;
  cancelled: number;
}

export interface Report {
  today: IsoDate;
  /** Both ends included; null when open. */
  period: { since: IsoDate | null; until: IsoDate | null };
  partnerships: PartnershipReport[];
  unpaired: UnpairedPerson[];
  achieved: AchievedGoal[];
  months: MonthTally[];
}

/** Health from worst to best: the order a lead reads partnerships in. */
export const HEALTH_ORDER: readonly HealthState[] = ['drifting', 'overdue', 'due-soon', 'on-track', 'no-cadence', 'paused', 'ended'];

/** The report of one file (`source` may be a model alone) or of several. */
export function buildReport(sources: MentoringFile | ReportSource | readonly ReportSource[], today: IsoDate, options: { me?: string; period?: Period } = {}): Report {
  const list: readonly ReportSource[] = Array.isArray(sources) ? sources : 'model' in sources ? [sources as ReportSource] : [{ file: '', model: sources as MentoringFile, me: options.me }];
  const period = options.period ?? {};
  const report: Report = { today, period: { since: period.since ?? null, until: period.until ?? null }, partnerships: [], unpaired: [], achieved: [], months: [] };
  const months = new Map<string, MonthTally>();
  let first: IsoDate | undefined;
  let last: IsoDate | undefined;
  for (const { file, model, me, evidence } of list) {
    const achieved = goalsAchievedIn(model, period);
    const bySession = sessionsByPartnership(model);
    const partners = new Map(model.partners.map((x) => [x.id, x]));
    for (const p of myPartnershipsFirst(model.partnerships, me ?? options.me)) {
      const goals = model.goals.filter((g) => g.partnership === p.id);
      // Each partnership's sessions alone: the cadence maths then reads its own few, not the whole file's.
      const own = { partners: p.members.flatMap((m) => partners.get(m) ?? []), sessions: bySession.get(p.id) ?? [] };
      const health = healthOf(own, p, today, { me: me ?? options.me });
      const tally = tallySessions(own, p, health);
      const inside = sessionsOf(own, p.id).filter((s) => inPeriod(s.session.date, period)).map((s) => s.session);
      const held = inside.filter((s) => s.status === 'held');
      const minutes = held.reduce((sum, s) => sum + (s.minutes ?? 0), 0);
      for (const s of inside) {
        if (s.status === 'rescheduled') continue;
        const month = s.date.slice(0, 7);
        const m = months.get(month) ?? { month, held: 0, cancelled: 0 };
        m[s.status === 'held' ? 'held' : 'cancelled']++;
        months.set(month, m);
        if (first === undefined || s.date < first) first = s.date;
        if (last === undefined || s.date > last) last = s.date;
      }
      report.partnerships.push({
        partnership: p.id,
        members: [...p.members],
        kind: p.kind,
        status: p.status ?? 'active',
        ...tally,
        held: held.length,
        cancelled: inside.filter((s) => s.status === 'cancelled').length,
        rescheduled: inside.filter((s) => s.status === 'rescheduled').length,
        hours: Math.round((minutes / 60) * 10) / 10,
        health: health.state,
        goalsActive: goals.filter((g) => g.status === 'active').length,
        goalsAchieved: achieved.filter((a) => a.goal.partnership === p.id).length,
        openActions: openActionsOf(own, p.id).length,
        file,
      });
    }
    const paired = new Set(model.partnerships.filter((p) => (p.status ?? 'active') === 'active').flatMap((p) => p.members));
    for (const person of model.partners) if (!paired.has(person.id)) report.unpaired.push({ id: person.id, name: person.name, file });
    for (const { goal, achieved: date } of achieved) {
      report.achieved.push({
        goal: goal.id,
        title: goal.title,
        owner: goal.owner,
        partnership: goal.partnership,
        achieved: date ?? null,
        evidence: (evidence?.get(goal.id) ?? []).map((c) => c.hash),
        file,
      });
    }
  }
  // Every month of the period (or from the first session to the last), quiet ones included.
  const from = period.since ?? first;
  const to = period.until ?? (last !== undefined && last > today ? last : today);
  if (from !== undefined && from <= to) report.months = monthsBetween(from, to).map((month) => months.get(month) ?? { month, held: 0, cancelled: 0 });
  return report;
}

/** The partnerships worst health first (drifting … ended), most overdue first within a state, then as listed. */
export function byHealth<T extends Pick<PartnershipReport, 'health' | 'overdueDays' | 'cancelledInARow'>>(rows: readonly T[]): T[] {
  const rank = (r: T): number => HEALTH_ORDER.indexOf(r.health);
  return rows
    .map((row, i) => ({ row, i }))
    .sort((a, b) => rank(a.row) - rank(b.row) || b.row.overdueDays - a.row.overdueDays || b.row.cancelledInARow - a.row.cancelledInARow || a.i - b.i)
    .map((x) => x.row);
}

export function renderReportJson(report: Report): string {
  return jsonText(report) + '\n';
}

const COLUMNS = ['Partnership', 'Members', 'Health', 'Held', 'Cancelled', 'Rescheduled', 'Hours', 'Last session', 'Next due', 'Goals active', 'Goals achieved', 'Open actions'];

function cells(r: PartnershipReport, text: (s: string) => string): string[] {
  return [
    text(r.partnership),
    r.members.map(text).join(', '),
    r.health,
    String(r.held),
    String(r.cancelled),
    String(r.rescheduled),
    r.hours.toFixed(1),
    r.lastSession ?? '—',
    r.nextDue === undefined ? '—' : r.overdueDays > 0 ? `${r.nextDue} (overdue ${r.overdueDays} d)` : r.nextDue,
    String(r.goalsActive),
    String(r.goalsAchieved),
    String(r.openActions),
  ];
}

/** Several files' reports name each row's file in a first column. */
const manyFiles = (report: Report): boolean => new Set(report.partnerships.map((r) => r.file)).size > 1 || new Set([...report.unpaired, ...report.achieved].map((x) => x.file)).size > 1;

export function renderReportMarkdown(report: Report): string {
  // Everything from the files is escaped as Markdown text: it cannot become links, markup or new rows.
  const withFile = manyFiles(report);
  const columns = withFile ? ['File', ...COLUMNS] : COLUMNS;
  const rows = report.partnerships.map((r) => (withFile ? [mdText(r.file), ...cells(r, mdText)] : cells(r, mdText)));
  const line = (c: string[]): string => `| ${c.join(' | ')} |`;
  const bounded = report.period.since !== null || report.period.until !== null;
  const period = { since: report.period.since ?? undefined, until: report.period.until ?? undefined };
  const lines = [`Mentoring report, ${report.today}${bounded ? ` (sessions and goals achieved: ${periodText(period)})` : ''}`, '', line(columns), `|${columns.map(() => '---').join('|')}|`, ...rows.map(line)];
  if (!rows.length) lines.push('', 'No partnerships yet.');
  const where = (file: string): string => (withFile ? ` (${mdText(file)})` : '');
  if (report.unpaired.length) {
    lines.push('', '## Without an active partnership', '');
    for (const u of report.unpaired) lines.push(`- ${mdText(u.name)} (${mdText(u.id)})${where(u.file)}`);
  }
  if (report.achieved.length) {
    lines.push('', '## Goals achieved', '');
    for (const a of report.achieved) {
      const evidence = a.evidence.length ? `; evidence: ${a.evidence.slice(0, 5).map((h) => h.slice(0, 10)).join(', ')}${a.evidence.length > 5 ? ` and ${a.evidence.length - 5} more` : ''}` : '';
      lines.push(`- ${a.achieved ?? 'undated'}: ${mdText(a.title)} (${mdText(a.owner)}, ${mdText(a.partnership)})${where(a.file)}${evidence}`);
    }
  }
  if (report.months.some((m) => m.held || m.cancelled)) {
    lines.push('', '## Sessions per month', '', '| Month | Held | Cancelled |', '|---|---|---|');
    for (const m of report.months) lines.push(`| ${m.month} | ${m.held} | ${m.cancelled} |`);
  }
  return lines.join('\n') + '\n';
}

/**
 * A CSV cell (RFC 4180): quoted when it holds a comma, quote or line break; a cell a spreadsheet
 * would read as a formula (`=`, `+`, `-`, `@` first) starts with an apostrophe; control characters are
 * escaped as in CLI output (so a cell never breaks a row), rows end with a line feed.
 */
export function csvCell(value: string): string {
  const one = oneLine(value);
  const safe = /^[=+\-@]/.test(one) ? `'${one}` : one;
  return /[",]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const CSV_COLUMNS = ['file', 'partnership', 'members', 'kind', 'status', 'health', 'held', 'cancelled', 'rescheduled', 'hours', 'last_session', 'next_due', 'overdue_days', 'cancelled_in_a_row', 'goals_active', 'goals_achieved', 'open_actions'];

/** One row per partnership, with the period in the first two columns of every row: ready for a spreadsheet. */
export function renderReportCsv(report: Report): string {
  const rows = report.partnerships.map((r) =>
    [r.file, r.partnership, r.members.join(' '), r.kind, r.status, r.health, r.held, r.cancelled, r.rescheduled, r.hours, r.lastSession ?? '', r.nextDue ?? '', r.overdueDays, r.cancelledInARow, r.goalsActive, r.goalsAchieved, r.openActions].map((v) => csvCell(String(v))),
  );
  const head = ['since', 'until', ...CSV_COLUMNS];
  const period = [report.period.since ?? '', report.period.until ?? ''];
  return [head, ...rows.map((r) => [...period, ...r])].map((r) => r.join(',')).join('\n') + '\n';
}

/** The file's sessions grouped by partnership, in file order. */
export function sessionsByPartnership(model: Pick<MentoringFile, 'sessions'>): Map<string, Session[]> {
  const groups = new Map<string, Session[]>();
  for (const s of model.sessions) {
    const list = groups.get(s.partnership);
    if (list) list.push(s);
    else groups.set(s.partnership, [s]);
  }
  return groups;
}
