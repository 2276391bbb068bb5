/**
 * The agenda written out: as Markdown, where every value from the file or git goes through
 * `mdText`/`mdLines` so none of it becomes a link, markup or a command, and as JSON.
 */
import { jsonText, mdLines, mdText } from '../text';

import { Agenda, AgendaGoal, COMMITS_LISTED, FILES_LISTED, ago, count, filesFact, stalledFact } from './agenda';

/** The agenda as Markdown: headings and lists of ours around values that stay plain text. */
export function renderAgendaMarkdown(a: Agenda): string {
  const t = mdText;
  const out: string[] = [];
  const names = a.partnership.members.map((m) => m.name);
  out.push(`# Session agenda: ${t(joinNames(names))}`, '');
  const kind =
    a.partnership.kind === 'mutual'
      ? 'Mutual mentoring'
      : `${t(a.partnership.mentor?.name ?? '—')} mentors ${t(joinNames(a.partnership.members.filter((m) => m.id !== a.partnership.mentor?.id).map((m) => m.name)))}`;
  const status = a.partnership.status && a.partnership.status !== 'active' ? ` · ${a.partnership.status}` : '';
  out.push(`${kind} (${t(a.partnership.id)})${status} · prepared ${a.today}`, '');

  // Schedule
  const s = a.schedule;
  out.push('## Since the last session', '');
  if (s.lastHeld) {
    const minutes = s.lastHeld.minutes !== undefined ? `, ${s.lastHeld.minutes} minutes` : '';
    out.push(`- Last session: ${s.lastHeld.date} (${ago(s.lastHeld.daysAgo)})${minutes}.`);
    if (s.lastHeld.goals.length) out.push(`- Discussed then: ${s.lastHeld.goals.map((g) => t(g.title)).join('; ')}.`);
  } else {
    out.push(`- No session held yet${s.partnershipSince ? `; partners since ${s.partnershipSince}` : ''}.`);
  }
  out.push(`- ${cadenceLine(a)}`);
  for (const x of s.since) {
    const what = x.status === 'rescheduled' ? `Rescheduled on ${x.date}${x.to ? ` to ${x.to}` : ''}` : `Cancelled on ${x.date}`;
    out.push(`- ${what}${x.reason ? `: ${t(x.reason)}` : ''}.`);
  }
  if (s.cancelledInARow > 0) out.push(`- Cancelled in a row: ${s.cancelledInARow}.`);
  if (s.lastHeld?.notes) out.push('', 'Notes of the last session:', '', ...mdLines(s.lastHeld.notes, '> '));
  out.push('');

  // Action items
  out.push('## Action items', '');
  if (a.actions.open.length) {
    out.push(`Open, oldest first (${a.actions.open.length}):`, '');
    for (const x of a.actions.open) {
      const due = x.due ? (x.overdueDays > 0 ? `, **overdue**: due ${x.due}` : `, due ${x.due}`) : '';
      out.push(`- ${t(x.who.name)}: ${t(x.what)} — open ${count(x.openDays, 'day')} (agreed ${x.agreed}${due})`);
    }
  } else {
    out.push('No open action items.');
  }
  out.push('');
  if (a.actions.doneSince.length) {
    out.push(`Done since the last session (${a.actions.doneSince.length}):`, '');
    for (const x of a.actions.doneSince) out.push(`- ${t(x.who.name)}: ${t(x.what)} (agreed ${x.agreed})`);
    out.push('');
  }

  // Goals
  out.push('## Goals', '');
  if (!a.evidence.available) out.push(`_Commits are not shown: evidence needs git (${t(a.evidence.reason)})._`, '');
  else if (!a.evidence.complete) out.push(`_Only the newest ${a.evidence.scanned} commits${a.evidence.readFrom ? ` since ${a.evidence.readFrom}` : ''} were read._`, '');
  if (!a.goals.length) out.push('No active goals.', '');
  for (const g of a.goals) out.push(...goalMarkdown(a, g), '');
  if (a.otherGoals.length) {
    out.push(`Other open goals: ${a.otherGoals.map((g) => `${t(g.title)} (${t(g.owner.name)}, ${g.status})`).join('; ')}.`, '');
  }

  // Topics
  out.push('## Suggested topics', '');
  if (a.topics.length) a.topics.forEach((x, i) => out.push(`${i + 1}. **${t(x.subject)}** — ${t(x.fact)}`));
  else out.push('Nothing stands out from the file and the history.');
  return out.join('\n') + '\n';
}

function goalMarkdown(a: Agenda, g: AgendaGoal): string[] {
  const t = mdText;
  const out: string[] = [`### ${t(g.title)}${g.stalled ? ' — stalled' : ''}`, ''];
  const facts = [`${t(g.owner.name)}’s goal`];
  if (g.mentors.length) facts.push(`mentor: ${t(joinNames(g.mentors.map((m) => m.name)))}`);
  facts.push(g.progress !== undefined ? `${g.progress}%` : 'progress not set');
  if (g.due !== undefined) {
    const d = g.daysUntilDue;
    const when = d === undefined ? '' : d < 0 ? ` (**overdue** by ${count(-d, 'day')})` : d === 0 ? ' (today)' : ` (in ${count(d, 'day')})`;
    facts.push(`due ${t(g.due)}${when}${g.dueBeforeNextSession ? ', **due before the next session**' : ''}`);
  }
  out.push(facts.join(' · '), '');
  const r = g.lastReview;
  if (r) {
    const extra = [r.progress !== undefined ? `${r.progress}%` : '', r.status ?? ''].filter(Boolean).join(', ');
    out.push(`- Last review: ${r.date} by ${t(r.by.name)}${extra ? `, ${extra}` : ''}${r.note ? `: ${t(r.note)}` : ''}`);
  } else {
    out.push('- Not reviewed yet.');
  }
  if (g.stalled) out.push(`- **Stalled**: ${stalledFact(g, a.today)}.`);
  const ev = g.evidence;
  if (ev.available) {
    const since = a.evidence.available && a.evidence.since ? `since ${a.evidence.since}` : 'so far';
    if (!ev.commits.length) out.push(`- No commits ${since}.`);
    else {
      out.push(`- Commits ${since} (${ev.commits.length}):`);
      for (const c of ev.commits.slice(0, COMMITS_LISTED)) {
        const files = c.files.slice(0, FILES_LISTED).map(t).join(', ');
        const more = c.filesChanged > FILES_LISTED ? ` and ${c.filesChanged - FILES_LISTED} more` : '';
        const trailer = c.trailer ? ' · names the goal' : '';
        out.push(`  - ${c.date} · ${t(c.hash.slice(0, 7))} · ${t(c.subject)} · ${t(c.author)}${trailer} · ${count(c.filesChanged, 'file')}${files ? `: ${files}${more}` : ''}`);
      }
      if (ev.commits.length > COMMITS_LISTED) out.push(`  - and ${ev.commits.length - COMMITS_LISTED} older`);
    }
  }
  if (g.questions.length) {
    out.push('- Review questions these commits raise:');
    for (const q of g.questions) out.push(`  - ${t(q.text)} (${t(filesFact(q.files))})`);
  }
  return out;
}

function cadenceLine(a: Agenda): string {
  const s = a.schedule;
  if (s.health === 'paused' || s.health === 'ended') return `The partnership is ${s.health}.`;
  const every = s.cadence !== undefined ? `Meets every ${count(s.cadence, 'day')}` : 'No cadence set';
  if (s.nextDue === undefined || s.daysUntilDue === undefined) return `${every}.`;
  const planned = s.rescheduled ? 'rescheduled to' : 'next session due';
  if (s.overdueDays > 0) return `${every}; ${planned} ${s.nextDue}: **overdue** by ${count(s.overdueDays, 'day')}.`;
  const when = s.daysUntilDue === 0 ? 'today' : s.daysUntilDue === 1 ? 'tomorrow' : `in ${count(s.daysUntilDue, 'day')}`;
  return `${every}; ${planned} ${s.nextDue} (${when}).`;
}

/**
 * The agenda as JSON, every section. JSON escapes C0 controls itself; the other characters that
 * could drive a terminal or hide text (C1 controls, bidirectional overrides) are written as `\\u` escapes too.
 */
export function renderAgendaJson(a: Agenda): string {
  return jsonText(a) + '\n';
}

function joinNames(names: readonly string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
