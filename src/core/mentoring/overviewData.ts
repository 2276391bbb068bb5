/**
 * What the Team Overview shows, from the programme report (./report): every partnership of every
 * workspace folder's file, worst health first, with names, the cadence sentence and open action
 * items; the people without an active partnership with the best partner the git analysis suggests;
 * the goals achieved in the period with their evidence; sessions held and cancelled per month. Pure:
 * `today`, the evidence and the suggestions are passed in. The view types below are what the
 * overview's protocol (src/protocol/overview.ts) sends to the webview.
 */
import { daysBetween } from '../dates';
import type { IsoDate, MentoringFile, PartnershipKind, PartnershipStatus } from '../file';
import type { Match } from '../expertise';
import type { EvidenceCommit } from '../review';
import { healthOf, openActionsOf, type HealthState } from './cadence';
import type { Period, PeriodPreset } from './period';
import { buildReport, byHealth, sessionsByPartnership, type MonthTally, type Report } from './report';

export type OverviewPeriodKind = Exclude<PeriodPreset, 'all'> | 'custom';

export interface OverviewPerson {
  id: string;
  name: string;
}

export interface OverviewAction {
  who: OverviewPerson;
  what: string;
  due?: IsoDate;
  /** Due before today. */
  overdue: boolean;
}

export interface OverviewRow {
  /** The workspace folder (its key), to act on the row. */
  folder: string;
  /** The file as shown (folder name, or the path when several). */
  file: string;
  partnership: string;
  members: OverviewPerson[];
  kind: PartnershipKind;
  status: PartnershipStatus;
  health: HealthState;
  /** "next session with Bob in 3 days". */
  sentence: string;
  lastSession?: IsoDate;
  nextDue?: IsoDate;
  overdueDays: number;
  cancelledInARow: number;
  /** Within the period. */
  held: number;
  cancelled: number;
  hours: number;
  goalsActive: number;
  goalsAchieved: number;
  actions: OverviewAction[];
}

export interface OverviewSuggestion {
  partner: OverviewPerson;
  /** Skill areas each would teach the other (ids). */
  teaches: string[];
  learns: string[];
}

export interface OverviewUnpaired extends OverviewPerson {
  folder: string;
  file: string;
  /** The best partner from the git analysis, when one was done and found someone in the file. */
  suggestion?: OverviewSuggestion;
}

export interface OverviewAchieved {
  folder: string;
  file: string;
  goal: string;
  title: string;
  owner: OverviewPerson;
  partnership: string;
  /** Absent for a goal achieved before dates were kept, with no review to date it. */
  achieved?: IsoDate;
  /** Evidence commits, newest first; absent with `evidenceNote` saying why (not read yet, Restricted Mode…). */
  evidence?: Pick<EvidenceCommit, 'hash' | 'date' | 'subject'>[];
  evidenceNote?: string;
}

export interface OverviewData {
  today: IsoDate;
  kind: OverviewPeriodKind;
  period: { since?: IsoDate; until?: IsoDate };
  rows: OverviewRow[];
  unpaired: OverviewUnpaired[];
  achieved: OverviewAchieved[];
  months: MonthTally[];
  /** Whether a git analysis was available to suggest partners (in any folder). */
  suggestions: boolean;
  /** Files shown from their last valid content, and the like: one sentence each. */
  warnings: string[];
}

/** A workspace folder's file as the overview reads it. */
export interface OverviewSource {
  folder: string;
  file: string;
  model: MentoringFile;
  me?: string;
  evidence?: ReadonlyMap<string, readonly EvidenceCommit[]>;
  /** Why there is no evidence (yet). */
  evidenceNote?: string;
  /** Matches from the git analysis, best first; absent without one. */
  matches?: readonly Match[];
}

const personOf = (model: MentoringFile, id: string): OverviewPerson => ({ id, name: model.partners.find((p) => p.id === id)?.name ?? id });

/** The overview of `sources` over `period` (`kind` is how it was chosen, for the selector). */
export function buildOverview(sources: readonly OverviewSource[], today: IsoDate, kind: OverviewPeriodKind, period: Period, warnings: string[] = []): OverviewData {
  const report: Report = buildReport(
    sources.map((s, i) => ({ file: String(i), model: s.model, me: s.me, evidence: s.evidence })),
    today,
    { period },
  );
  const at = (i: string): OverviewSource => sources[Number(i)];
  const grouped = sources.map((s) => sessionsByPartnership(s.model));
  const rows = byHealth(report.partnerships).map((r): OverviewRow => {
    const source = at(r.file);
    const model = source.model;
    const p = model.partnerships.find((x) => x.id === r.partnership);
    const own = { partners: model.partners.filter((x) => r.members.includes(x.id)), sessions: grouped[Number(r.file)].get(r.partnership) ?? [] };
    const sentence = p ? healthOf(own, p, today, { me: source.me }).sentence : '';
    const row: OverviewRow = {
      folder: source.folder,
      file: source.file,
      partnership: r.partnership,
      members: r.members.map((m) => personOf(model, m)),
      kind: r.kind,
      status: r.status,
      health: r.health,
      sentence,
      overdueDays: r.overdueDays,
      cancelledInARow: r.cancelledInARow,
      held: r.held,
      cancelled: r.cancelled,
      hours: r.hours,
      goalsActive: r.goalsActive,
      goalsAchieved: r.goalsAchieved,
      actions: openActionsOf(own, r.partnership).map((a) => {
        const action: OverviewAction = { who: personOf(model, a.item.who), what: a.item.what, overdue: a.item.due !== undefined && daysBetween(today, a.item.due) < 0 };
        if (a.item.due !== undefined) action.due = a.item.due;
        return action;
      }),
    };
    if (r.lastSession !== undefined) row.lastSession = r.lastSession;
    if (r.nextDue !== undefined) row.nextDue = r.nextDue;
    return row;
  });
  const unpaired = report.unpaired.map((u): OverviewUnpaired => {
    const source = at(u.file);
    const entry: OverviewUnpaired = { id: u.id, name: u.name, folder: source.folder, file: source.file };
    const suggestion = bestPartner(source, u.id);
    if (suggestion) entry.suggestion = suggestion;
    return entry;
  });
  const achieved = report.achieved.map((a): OverviewAchieved => {
    const source = at(a.file);
    const entry: OverviewAchieved = {
      folder: source.folder,
      file: source.file,
      goal: a.goal,
      title: a.title,
      owner: personOf(source.model, a.owner),
      partnership: a.partnership,
      ...(a.achieved !== null ? { achieved: a.achieved } : {}),
    };
    const commits = source.evidence?.get(a.goal);
    if (commits) entry.evidence = commits.map((c) => ({ hash: c.hash, date: c.date, subject: c.subject }));
    else entry.evidenceNote = source.evidenceNote ?? 'Evidence is read from git.';
    return entry;
  });
  return {
    today,
    kind,
    period: { ...(period.since !== undefined ? { since: period.since } : {}), ...(period.until !== undefined ? { until: period.until } : {}) },
    rows,
    unpaired,
    achieved,
    months: report.months,
    suggestions: sources.some((s) => s.matches !== undefined),
    warnings,
  };
}

/** The best-scoring match of `id` with another partner of the same file. */
function bestPartner(source: OverviewSource, id: string): OverviewSuggestion | undefined {
  let best: Match | undefined;
  for (const m of source.matches ?? []) {
    const other = m.aPartnerId === id ? m.bPartnerId : m.bPartnerId === id ? m.aPartnerId : undefined;
    if (other === undefined || other === id || !source.model.partners.some((p) => p.id === other)) continue;
    if (!best || m.score > best.score) best = m;
  }
  if (!best) return undefined;
  const mine = best.aPartnerId === id;
  const other = (mine ? best.bPartnerId : best.aPartnerId) as string;
  return { partner: personOf(source.model, other), teaches: mine ? best.aTeachesB : best.bTeachesA, learns: mine ? best.bTeachesA : best.aTeachesB };
}
