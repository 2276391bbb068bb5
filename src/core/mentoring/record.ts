/**
 * A person's mentoring record over a period: as a mentor and as a mentee, the partnerships, the
 * sessions held and their hours, and the goals reached with their dates, review notes and evidence
 * commits. In a mutual partnership each member mentors the goals the other owns. Built from the
 * shared file only: private notes never enter a record. Pure: evidence is passed in.
 */
import type { Goal, GoalReview, IsoDate, MentoringFile, Partner, Partnership } from '../file';
import { mentorsOf, partnerByEmail } from '../file';
import type { EvidenceCommit } from '../review';
import { jsonText, mdLines, mdText } from '../text';
import { goalsAchievedIn } from './achievements';
import { sessionsOf } from './cadence';
import { inPeriod, periodText, type Period } from './period';

/** One mentoring file of the record, with the evidence found for its goals (by goal id). */
export interface RecordSource {
  file: string;
  model: MentoringFile;
  evidence?: ReadonlyMap<string, readonly EvidenceCommit[]>;
}

export interface RecordGoal {
  goal: string;
  title: string;
  owner: string;
  ownerName: string;
  /** Undefined for a goal achieved before dates were kept, with no review to date it. */
  achieved?: IsoDate;
  file: string;
  /** The goal's reviews that say something, oldest first (shared text from the file). */
  reviews: { date: IsoDate; by: string; progress?: number; note: string }[];
  evidence: EvidenceCommit[];
}

export interface RecordSide {
  /** Partnership ids. */
  partnerships: string[];
  /** Per partnership, for the Markdown: the other members by name, its kind and status. */
  details: { with: string[]; kind: Partnership['kind']; status: NonNullable<Partnership['status']> }[];
  /** Held sessions in the period. */
  sessions: number;
  /** Their minutes / 60, one decimal. */
  hours: number;
  goalsAchieved: RecordGoal[];
}

export interface PersonRecord {
  person: { id: string; name: string };
  since?: IsoDate;
  until?: IsoDate;
  asMentor: RecordSide;
  asMentee: RecordSide;
}

/** The partner `who` names in `model`: an id, or one of their emails (any case). */
export function findPerson(model: MentoringFile, who: string): Partner | undefined {
  const byId = model.partners.find((p) => p.id === who);
  if (byId) return byId;
  const id = partnerByEmail(model, who);
  return id === undefined ? undefined : model.partners.find((p) => p.id === id);
}

/** True when `person` mentors someone in `p`: any member of a mutual partnership, the mentor of a one-way one. */
function mentorsIn(p: Partnership, person: string): boolean {
  return p.members.includes(person) && (p.kind === 'mutual' || p.mentor === person);
}

/** True when someone mentors `person` in `p`. */
function menteeIn(p: Partnership, person: string): boolean {
  return mentorsOf(p, person).length > 0;
}

/** The record of `who` (an id or email) across `sources`; undefined when no file knows them. */
export function buildRecord(sources: readonly RecordSource[], who: string, period: Period): PersonRecord | undefined {
  const empty = (): RecordSide => ({ partnerships: [], details: [], sessions: 0, hours: 0, goalsAchieved: [] });
  const asMentor = empty();
  const asMentee = empty();
  const minutes = { mentor: 0, mentee: 0 };
  let person: Partner | undefined;
  for (const source of sources) {
    const me = findPerson(source.model, who);
    if (!me) continue;
    person ??= me;
    const model = source.model;
    for (const p of model.partnerships) {
      const roles: [RecordSide, 'mentor' | 'mentee'][] = [];
      if (mentorsIn(p, me.id)) roles.push([asMentor, 'mentor']);
      if (menteeIn(p, me.id)) roles.push([asMentee, 'mentee']);
      if (!roles.length) continue;
      const held = sessionsOf(model, p.id).filter((s) => s.session.status === 'held' && inPeriod(s.session.date, period));
      const others = p.members.filter((m) => m !== me.id).map((m) => nameOf(model, m));
      for (const [side, role] of roles) {
        side.partnerships.push(p.id);
        side.details.push({ with: others, kind: p.kind, status: p.status ?? 'active' });
        side.sessions += held.length;
        minutes[role] += held.reduce((sum, s) => sum + (s.session.minutes ?? 0), 0);
      }
    }
    const partnerships = new Map(model.partnerships.map((p) => [p.id, p]));
    for (const { goal, achieved } of goalsAchievedIn(model, period)) {
      const p = partnerships.get(goal.partnership);
      if (!p) continue;
      const entry = recordGoal(source, goal, achieved);
      if (goal.owner === me.id) asMentee.goalsAchieved.push(entry);
      else if (mentorsOf(p, goal.owner).includes(me.id)) asMentor.goalsAchieved.push(entry);
    }
  }
  if (!person) return undefined;
  asMentor.hours = Math.round((minutes.mentor / 60) * 10) / 10;
  asMentee.hours = Math.round((minutes.mentee / 60) * 10) / 10;
  const record: PersonRecord = { person: { id: person.id, name: person.name }, asMentor, asMentee };
  if (period.since !== undefined) record.since = period.since;
  if (period.until !== undefined) record.until = period.until;
  return record;
}

function recordGoal(source: RecordSource, goal: Goal, achieved: IsoDate | undefined): RecordGoal {
  const reviews = [...(goal.reviews ?? [])]
    .filter((r): r is GoalReview & { note: string } => r.note !== undefined && r.note.trim() !== '')
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
    .map((r) => ({ date: r.date, by: nameOf(source.model, r.by), ...(r.progress !== undefined ? { progress: r.progress } : {}), note: r.note }));
  return {
    goal: goal.id,
    title: goal.title,
    owner: goal.owner,
    ownerName: nameOf(source.model, goal.owner),
    ...(achieved !== undefined ? { achieved } : {}),
    file: source.file,
    reviews,
    evidence: [...(source.evidence?.get(goal.id) ?? [])],
  };
}

function nameOf(model: MentoringFile, id: string): string {
  return model.partners.find((p) => p.id === id)?.name ?? id;
}

/** The record as JSON: the person, the period and both sides, goals with their evidence hashes. */
export function renderRecordJson(record: PersonRecord): string {
  const side = (s: RecordSide): object => ({
    partnerships: s.partnerships,
    sessions: s.sessions,
    hours: s.hours,
    goalsAchieved: s.goalsAchieved.map((g) => ({ goal: g.goal, title: g.title, owner: g.owner, achieved: g.achieved ?? null, evidence: g.evidence.map((c) => c.hash) })),
  });
  return jsonText({ person: record.person, since: record.since ?? null, until: record.until ?? null, asMentor: side(record.asMentor), asMentee: side(record.asMentee) }) + '\n';
}

/** The record as Markdown to paste into a review or a promotion case; file text is escaped, never markup. */
export function renderRecordMarkdown(record: PersonRecord): string {
  const out = [`# Mentoring record: ${mdText(record.person.name)}`, '', `Period: ${periodText(record)}`];
  const section = (heading: string, s: RecordSide, goalsHeading: string, whose: (g: RecordGoal) => string): void => {
    out.push('', `## ${heading}`, '');
    if (!s.partnerships.length) {
      out.push('No partnerships.');
      return;
    }
    out.push(`- Partnerships: ${s.details.map((d) => `${d.with.map(mdText).join(', ')} (${d.kind}${d.status === 'active' ? '' : `, ${d.status}`})`).join('; ')}`);
    out.push(`- Sessions held: ${s.sessions} (${s.hours.toFixed(1)} hours)`);
    out.push('', `### ${goalsHeading}`, '');
    if (!s.goalsAchieved.length) {
      out.push('None in this period.');
      return;
    }
    for (const g of s.goalsAchieved) {
      out.push(`- ${mdText(g.title)}${whose(g)}, achieved${g.achieved ? ` ${g.achieved}` : ''}`);
      for (const r of g.reviews) {
        const [first, ...rest] = mdLines(r.note);
        out.push(`  - Review of ${r.date} by ${mdText(r.by)}${r.progress !== undefined ? ` (${r.progress}%)` : ''}: ${first ?? ''}`.trimEnd());
        for (const line of rest) out.push(`    ${line}`.trimEnd());
      }
      for (const c of g.evidence) out.push(`  - Commit ${c.hash.slice(0, 10)} (${c.date}): ${mdText(c.subject)}`);
    }
  };
  section('As a mentor', record.asMentor, 'Goals reached with my help', (g) => ` (${mdText(g.ownerName)})`);
  section('As a mentee', record.asMentee, 'Goals reached', () => '');
  return out.join('\n') + '\n';
}
