/** The panel's sections, built from a `ReviewPanelData` (workspace text as text nodes only). */
import type { GoalView, PersonRef, PrivateNoteView, ReviewPanelData } from '../../src/protocol/review';
import { progressChart, progressPoints, timelineChart } from './charts';
import { facts, h, lockIcon, s } from '../shared/dom';
import type { Child } from '../shared/dom';
import { reviewForm } from './form';
import { post, saveState, state } from './state';

/** Characters of a goal's title its section heading shows. */
const HEADING_MAX = 60;

/** `text` cut at a word to at most `max` characters, with "…" when cut. */
function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut.slice(0, max - 1)).replace(/[\s,.;:]+$/, '')}…`;
}

const names = (people: PersonRef[]): string => people.map((p) => p.name).join(', ') || '—';
const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

function button(label: string, onClick: () => void, attrs: Record<string, string> = {}): HTMLElement {
  const b = h('vscode-button', { secondary: true, ...attrs }, label);
  b.addEventListener('click', onClick);
  return b;
}

export function header(data: ReviewPanelData): HTMLElement {
  const p = data.partnership;
  const who =
    p.kind === 'mutual'
      ? `Mutual mentoring: ${names(p.members)}`
      : `One-way mentoring: ${p.mentor?.name ?? '—'} mentors ${names(p.members.filter((m) => m.id !== p.mentor?.id))}`;
  const cadence = p.cadence ? ` · meets every ${plural(p.cadence, 'day')}` : '';
  const status = p.status && p.status !== 'active' ? ` · ${p.status}` : '';
  return h(
    'header',
    { class: 'panel-header' },
    h(
      'div',
      { class: 'title' },
      h('h1', {}, 'Goal review: ', h('span', { class: 'names' }, p.members.map((m) => m.name).join(' & ') || p.id)),
      h('p', { class: 'members' }, who + cadence + status, ' · ', h('span', { class: 'partnership-id' }, p.id)),
    ),
    h(
      'div',
      { class: 'header-actions' },
      button('Prepare session', () => post({ type: 'prepareSession', partnershipId: p.id }), { id: 'prepare-session', title: 'An agenda for the next session, from the work since the last one' }),
      button('Log a session', () => post({ type: 'logSession', partnershipId: p.id }), { id: 'log-session' }),
    ),
  );
}

export function summarySection(data: ReviewPanelData): HTMLElement {
  const sm = data.summary;
  const stat = (label: string, value: Child, extra?: Child, cls = ''): HTMLElement =>
    h('div', { class: `stat ${cls}`.trim() }, h('div', { class: 'stat-value' }, value), h('div', { class: 'stat-label' }, label), extra);
  const due = sm.nextDue
    ? stat(
        'next session due',
        sm.nextDue,
        sm.overdueDays > 0 ? h('div', { class: 'overdue' }, `overdue by ${plural(sm.overdueDays, 'day')}`) : undefined,
        sm.overdueDays > 0 ? 'is-overdue' : '',
      )
    : undefined;
  const streak =
    sm.cancelledInARow > 0 ? stat('cancelled in a row', sm.cancelledInARow, undefined, sm.cancelledInARow >= 2 ? 'is-warning' : '') : undefined;
  const actions = sm.openActions.length
    ? h(
        'ul',
        { class: 'actions' },
        ...sm.openActions.map((a) =>
          h(
            'li',
            {},
            h('span', { class: 'who' }, a.who.name),
            ': ',
            h('span', { class: 'what' }, a.what),
            h('span', { class: 'muted' }, ` (agreed ${a.sessionDate}${a.due ? `, due ${a.due}` : ''})`),
          ),
        ),
      )
    : h('p', { class: 'muted' }, 'No open action items.');
  return h(
    'section',
    { class: 'summary', 'aria-labelledby': 'summary-title' },
    h('h2', { id: 'summary-title' }, 'Summary'),
    h(
      'div',
      { class: 'stats' },
      stat('held', sm.held, undefined, 'held'),
      stat('cancelled', sm.cancelled, undefined, 'cancelled'),
      stat('rescheduled', sm.rescheduled, undefined, 'rescheduled'),
      stat('hours together', sm.hours.toFixed(1)),
      stat('last session', sm.lastSession ?? '—'),
      due,
      streak,
    ),
    h('h3', { id: 'actions-title' }, `Open action items (${sm.openActions.length})`),
    actions,
  );
}

export function timelineSection(data: ReviewPanelData): HTMLElement {
  const icon = (cls: string): SVGSVGElement => {
    const svg = s('svg', { class: `legend-icon`, viewBox: '0 0 12 12', 'aria-hidden': 'true' });
    if (cls === 'held') svg.append(s('circle', { class: 'mark held', cx: 6, cy: 6, r: 5 }));
    else if (cls === 'rescheduled') svg.append(s('path', { class: 'mark rescheduled', d: 'M6 0L12 6L6 12L0 6Z' }));
    else svg.append(s('path', { class: 'mark cancelled', d: 'M1 1L11 11M11 1L1 11' }));
    return svg;
  };
  return h(
    'section',
    { class: 'timeline', 'aria-labelledby': 'timeline-title' },
    h('h2', { id: 'timeline-title' }, 'Sessions since ', data.timeline.from),
    timelineChart(data.timeline, data.today),
    h(
      'p',
      { class: 'legend' },
      ...(['held', 'rescheduled', 'cancelled'] as const).map((st) => h('span', {}, icon(st), ` ${st}`)),
    ),
  );
}

function privateNotes(notes: PrivateNoteView[]): HTMLElement {
  return h(
    'ul',
    { class: 'private-notes' },
    ...notes.map((n) =>
      h('li', {}, h('div', { class: 'muted' }, n.review ? `with the review of ${n.review}` : `written ${n.written.slice(0, 10)}`), h('p', { class: 'note' }, n.text)),
    ),
  );
}

/**
 * The private block: notes on this partnership's sessions and notes whose session or goal has left
 * the file, kept on this machine only. Clearly set apart from everything that is in the file.
 */
export function privateSection(data: ReviewPanelData): HTMLElement | undefined {
  const p = data.private;
  // Nothing private yet: no block (the review form offers a private reflection all the same).
  if (!p || (p.error === undefined && !p.sessions.length && !p.detached.length && !p.goals.length)) return undefined;
  const body: Child[] = [];
  if (p.error !== undefined) body.push(h('p', { class: 'private-error', role: 'alert' }, `They cannot be read: ${p.error}`));
  for (const session of p.sessions) body.push(h('h3', {}, `Session ${session.date}`, h('span', { class: 'muted' }, ` · ${session.status}`)), privateNotes(session.notes));
  for (const d of p.detached) body.push(h('h3', {}, `No longer in the file: ${d.subject}`), privateNotes(d.notes));
  const reflections = p.goals.reduce((n, g) => n + g.notes.length, 0);
  if (reflections) body.push(h('p', { class: 'muted' }, `${plural(reflections, 'private reflection')} on goals: under each goal below.`));
  return h(
    'section',
    { class: 'private', 'aria-labelledby': 'private-title' },
    h('h2', { id: 'private-title' }, lockIcon(), 'Private notes — only on this machine'),
    h('p', { class: 'muted private-where' }, 'Never written to the mentoring file or to git. Kept in ', h('code', {}, p.store), '.'),
    ...body,
  );
}

function goalBody(goal: GoalView, index: number, data: ReviewPanelData): HTMLElement {
  const dueValue: Child[] = goal.due
    ? [goal.due, goal.overdue ? ' ' : undefined, goal.overdue ? h('vscode-badge', { class: 'overdue-badge', variant: 'default' }, 'overdue') : undefined]
    : ['—'];
  const reviews = goal.reviews.length
    ? h(
        'ol',
        { class: 'reviews', reversed: true },
        ...[...goal.reviews].reverse().map((r) =>
          h(
            'li',
            {},
            h('div', { class: 'review-head' }, h('strong', {}, r.date), ' · ', r.by.name, r.progress !== undefined ? ` · ${r.progress}%` : '', r.status ? ` · ${r.status}` : ''),
            r.note ? h('p', { class: 'note' }, r.note) : undefined,
          ),
        ),
      )
    : h('p', { class: 'muted' }, 'Not reviewed yet.');
  // Newest first, as the reviews above.
  const sessions = goal.sessions.length
    ? h(
        'ul',
        { class: 'sessions' },
        ...[...goal.sessions].reverse().map((t) =>
          h(
            'li',
            {},
            h('strong', {}, t.date),
            ` · ${t.status}${t.minutes !== undefined ? ` · ${t.minutes} min` : ''}`,
            t.notes ? h('p', { class: 'note' }, t.notes) : undefined,
          ),
        ),
      )
    : h('p', { class: 'muted' }, 'No session has discussed this goal yet.');
  const ev = goal.evidence;
  const evidence = !ev.available
    ? h('p', { class: 'muted evidence-unavailable' }, ev.reason)
    : ev.commits.length
      ? h(
          'ul',
          { class: 'commits' },
          ...ev.commits.map((c) => {
            const open = h('button', { type: 'button', class: 'link hash', title: `Show commit ${c.hash}` }, c.hash.slice(0, 8));
            open.addEventListener('click', () => post({ type: 'openCommit', hash: c.hash }));
            return h(
              'li',
              {},
              open,
              ' ',
              h('span', { class: 'subject' }, c.subject),
              h('span', { class: 'muted' }, ` · ${c.author} · ${c.date}`),
              c.trailer ? h('vscode-badge', { class: 'trailer', variant: 'default', title: 'Names this goal in a trailer' }, 'trailer') : undefined,
            );
          }),
        )
      : h('p', { class: 'muted' }, 'No commits found for this goal.');

  return h(
    'div',
    { class: 'goal-body' },
    h(
      'div',
      { class: 'goal-top' },
      facts([
        ['Owner', goal.owner.name],
        ['Mentors', names(goal.mentors)],
        ['Status', goal.status],
        ['Progress', goal.progress !== undefined ? `${goal.progress}%` : '—'],
        ['Due', dueValue],
        ['Created', goal.created],
      ]),
      h(
        'div',
        { class: 'goal-actions' },
        button('Reveal in file', () => post({ type: 'openGoal', goalId: goal.id }), { id: `g${index}-reveal` }),
        button('Log a session', () => post({ type: 'logSession', partnershipId: data.partnership.id, goalId: goal.id }), { id: `g${index}-log` }),
      ),
    ),
    h('h4', {}, 'Progress over time'),
    progressPoints(goal, data.today).length ? progressChart(goal, data.today) : h('p', { class: 'muted' }, 'No progress recorded yet.'),
    h('h4', {}, 'Reviews'),
    reviews,
    ...goalReflections(goal, data),
    h('h4', {}, 'Sessions'),
    sessions,
    h('h4', {}, 'Evidence'),
    evidence,
    reviewForm(goal, index, data),
  );
}

/** The goal's private reflections, set apart with their own label. */
function goalReflections(goal: GoalView, data: ReviewPanelData): HTMLElement[] {
  const notes = data.private?.goals.find((g) => g.goal === goal.id)?.notes;
  if (!notes?.length) return [];
  return [h('div', { class: 'private private-reflections' }, h('h4', {}, lockIcon(), 'Private reflections — only on this machine'), privateNotes(notes))];
}

export function goalsSection(data: ReviewPanelData): HTMLElement {
  const section = h('section', { class: 'goals', 'aria-labelledby': 'goals-title' }, h('h2', { id: 'goals-title' }, `Goals (${data.goals.length})`));
  if (!data.goals.length) section.append(h('p', { class: 'muted' }, 'This partnership has no goals yet.'));
  data.goals.forEach((goal, index) => {
    const progress = goal.progress !== undefined ? ` · ${goal.progress}%` : '';
    const c = h('vscode-collapsible', { id: `g${index}`, class: 'goal', 'data-goal': goal.id, open: !state.closed.includes(goal.id) });
    // The heading is one line that clips: a long title is cut so that owner, status and progress stay in sight.
    const heading = shorten(goal.title, HEADING_MAX);
    c.heading = heading;
    c.description = `${shorten(goal.owner.name, 40)} · ${goal.status}${progress}`;
    if (goal.overdue) c.append(h('vscode-badge', { slot: 'decorations', class: 'overdue-badge', variant: 'default' }, 'overdue'));
    if (heading !== goal.title) c.append(h('p', { class: 'goal-title' }, goal.title));
    c.append(goalBody(goal, index, data));
    c.addEventListener('vsc-collapsible-toggle', (e) => {
      state.closed = state.closed.filter((g) => g !== goal.id);
      if (!e.detail.open) state.closed.push(goal.id);
      saveState();
    });
    section.append(c);
  });
  return section;
}
