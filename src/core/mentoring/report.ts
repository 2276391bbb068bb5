/**
 * The partnership report: sessions held, cancelled and rescheduled, hours met, last and next session,
 * goals and open action items, as a markdown table or JSON. Pure: `today` is passed in.
 */
import { healthOf, myPartnershipsFirst, openActionsOf, tallySessions, type HealthState, type SessionTally } from './cadence';
import type { IsoDate, MentoringFile } from '../file';
import { jsonText, mdText } from '../text';

export interface PartnershipReport extends SessionTally {
  partnership: string;
  members: string[];
  status: 'active' | 'paused' | 'ended';
  health: HealthState;
  goalsActive: number;
  goalsAchieved: number;
  openActions: number;
}

export interface Report {
  today: IsoDate;
  partnerships: PartnershipReport[];
}

export function buildReport(file: MentoringFile, today: IsoDate, options: { me?: string } = {}): Report {
  const partnerships = myPartnershipsFirst(file.partnerships, options.me).map((p): PartnershipReport => {
    const goals = file.goals.filter((g) => g.partnership === p.id);
    const health = healthOf(file, p, today, { me: options.me });
    return {
      partnership: p.id,
      members: [...p.members],
      status: p.status ?? 'active',
      ...tallySessions(file, p, health),
      health: health.state,
      goalsActive: goals.filter((g) => g.status === 'active').length,
      goalsAchieved: goals.filter((g) => g.status === 'achieved').length,
      openActions: openActionsOf(file, p.id).length,
    };
  });
  return { today, partnerships };
}

export function renderReportJson(report: Report): string {
  return jsonText(report) + '\n';
}

const COLUMNS = ['Partnership', 'Members', 'Health', 'Held', 'Cancelled', 'Rescheduled', 'Hours', 'Last session', 'Next due', 'Goals active', 'Goals achieved', 'Open actions'];

export function renderReportMarkdown(report: Report): string {
  // Ids come from the file: escaped as Markdown text, so they cannot become links, markup or new rows.
  const rows = report.partnerships.map((r) => [
    mdText(r.partnership),
    r.members.map(mdText).join(', '),
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
  ]);
  const line = (cells: string[]): string => `| ${cells.join(' | ')} |`;
  const lines = [`Mentoring report, ${report.today}`, '', line(COLUMNS), `|${COLUMNS.map(() => '---').join('|')}|`, ...rows.map(line)];
  if (!rows.length) lines.push('', 'No partnerships yet.');
  return lines.join('\n') + '\n';
}

