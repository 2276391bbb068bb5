/** The overview's sections, built from `OverviewData` (workspace text as text nodes only). */
import type { OverviewAchieved, OverviewData, OverviewRow, OverviewUnpaired, PeriodChoice } from '../../src/protocol/overview';
import { h } from '../shared/dom';
import { monthsChart } from './chart';
import { post } from './state';

const HEALTH_LABEL: Record<OverviewRow['health'], string> = {
  drifting: 'drifting',
  overdue: 'overdue',
  'due-soon': 'due soon',
  'on-track': 'on track',
  'no-cadence': 'no cadence',
  paused: 'paused',
  ended: 'ended',
};

const PERIODS: [PeriodChoice['kind'], string][] = [
  ['this-quarter', 'This quarter'],
  ['last-quarter', 'Last quarter'],
  ['last-12-months', 'Last 12 months'],
  ['custom', 'Custom…'],
];

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
const names = (row: OverviewRow): string => row.members.map((m) => m.name).join(' & ') || row.partnership;

function button(label: string, onClick: () => void, attrs: Record<string, string | boolean> = {}): HTMLElement {
  const b = h('vscode-button', { secondary: true, ...attrs }, label);
  b.addEventListener('click', (e) => {
    e.stopPropagation();
    onClick();
  });
  return b;
}

function periodText(data: OverviewData): string {
  const { since, until } = data.period;
  if (since && until) return `${since} to ${until}`;
  if (since) return `since ${since}`;
  if (until) return `until ${until}`;
  return 'all time';
}

/** All sections, in order; `banner` is the host's warning line, kept between renders. */
export function render(data: OverviewData, banner: HTMLElement): HTMLElement[] {
  const warnings = data.warnings.length ? h('div', { class: 'banner', role: 'status' }, data.warnings.join(' ')) : undefined;
  return [header(data), banner, ...(warnings ? [warnings] : []), summary(data), table(data), unpairedSection(data), achievedSection(data), monthsSection(data)];
}

function header(data: OverviewData): HTMLElement {
  const select = h('select', { id: 'period', 'aria-label': 'Period' });
  for (const [kind, label] of PERIODS) select.append(h('option', { value: kind, selected: kind === data.kind }, label));
  const since = h('input', { type: 'date', id: 'since', 'aria-label': 'From', value: data.period.since ?? '' });
  const until = h('input', { type: 'date', id: 'until', 'aria-label': 'To', value: data.period.until ?? '' });
  const custom = h('span', { class: 'custom', hidden: data.kind !== 'custom' }, since, ' – ', until);
  const send = (): void => {
    const kind = select.value as PeriodChoice['kind'];
    const period: PeriodChoice = { kind };
    if (kind === 'custom') {
      if (since.value) period.since = since.value;
      if (until.value) period.until = until.value;
    }
    post({ type: 'setPeriod', period });
  };
  select.addEventListener('change', () => {
    custom.hidden = select.value !== 'custom';
    if (select.value === 'custom') {
      // Custom starts from the dates shown; the person changes them.
      since.value ||= data.period.since ?? '';
      until.value ||= data.period.until ?? data.today;
    }
    send();
  });
  since.addEventListener('change', send);
  until.addEventListener('change', send);
  return h(
    'header',
    { class: 'panel-header' },
    h('div', { class: 'title' }, h('h1', {}, 'Team overview'), h('p', { class: 'muted', id: 'period-text' }, `Sessions, hours and goals achieved: ${periodText(data)} · health as of ${data.today}`)),
    h(
      'div',
      { class: 'header-actions' },
      h('label', { class: 'period' }, 'Period ', select),
      custom,
      button('Export Markdown', () => post({ type: 'export', format: 'markdown' }), { id: 'export-markdown' }),
      button('Export CSV', () => post({ type: 'export', format: 'csv' }), { id: 'export-csv' }),
      button('Add to Calendar', () => post({ type: 'addToCalendar' }), { id: 'add-to-calendar', title: 'An iCalendar file with the next session of every active partnership' }),
    ),
  );
}

function summary(data: OverviewData): HTMLElement {
  const active = data.rows.filter((r) => r.status === 'active');
  const attention = data.rows.filter((r) => r.health === 'drifting' || r.health === 'overdue').length;
  const held = data.rows.reduce((n, r) => n + r.held, 0);
  const cancelled = data.rows.reduce((n, r) => n + r.cancelled, 0);
  const hours = Math.round(data.rows.reduce((n, r) => n + r.hours, 0) * 10) / 10;
  const stat = (value: string | number, label: string, cls = ''): HTMLElement => h('div', { class: `stat ${cls}`.trim() }, h('div', { class: 'stat-value' }, String(value)), h('div', { class: 'stat-label' }, label));
  return h(
    'section',
    { class: 'summary', 'aria-label': 'Summary' },
    stat(active.length, plural(active.length, 'active partnership').replace(/^\d+ /, '')),
    stat(attention, 'need attention', attention ? 'is-warning' : ''),
    stat(held, 'sessions held'),
    stat(cancelled, 'cancelled'),
    stat(hours, 'hours together'),
    stat(data.achieved.length, plural(data.achieved.length, 'goal').replace(/^\d+ /, '') + ' achieved'),
    stat(data.unpaired.length, 'without a partner', data.unpaired.length ? 'is-warning' : ''),
  );
}

function table(data: OverviewData): HTMLElement {
  if (!data.rows.length) return h('section', { class: 'partnerships' }, h('h2', {}, 'Partnerships'), h('p', { class: 'muted' }, 'No partnerships in the mentoring files yet.'));
  const files = new Set(data.rows.map((r) => r.folder)).size > 1;
  const head = h(
    'tr',
    {},
    h('th', { scope: 'col' }, 'Partnership'),
    h('th', { scope: 'col' }, 'Health'),
    h('th', { scope: 'col', class: 'date' }, 'Last'),
    h('th', { scope: 'col', class: 'date' }, 'Next'),
    h('th', { scope: 'col', class: 'num wide', title: 'Cancelled in a row' }, 'Cancelled'),
    h('th', { scope: 'col', class: 'num wide' }, 'Hours'),
    h('th', { scope: 'col', class: 'num wide', title: 'Goals active / achieved in the period' }, 'Goals'),
    h('th', { scope: 'col', class: 'wide' }, 'Open actions'),
  );
  const body = h('tbody');
  data.rows.forEach((r, i) => body.append(row(r, i, files)));
  return h(
    'section',
    { class: 'partnerships' },
    h('h2', {}, `Partnerships (${data.rows.length})`),
    h('p', { class: 'muted hint' }, 'Worst health first. Select a row to review its goals.'),
    h('div', { class: 'table-wrap' }, h('table', { id: 'partnerships' }, columns(), h('thead', {}, head), body)),
  );
}

/** Column widths, so the browser lays the table out from its first row instead of measuring every cell. */
function columns(): HTMLElement {
  return h(
    'colgroup',
    {},
    h('col', { class: 'c-who' }),
    h('col', { class: 'c-health' }),
    h('col', { class: 'c-date' }),
    h('col', { class: 'c-date' }),
    h('col', { class: 'c-num wide' }),
    h('col', { class: 'c-num wide' }),
    h('col', { class: 'c-num wide' }),
    h('col', { class: 'c-actions wide' }),
  );
}

function row(r: OverviewRow, index: number, files: boolean): HTMLElement {
  const open = (): void => post({ type: 'openReview', folder: r.folder, partnership: r.partnership });
  const next = r.nextDue ? [r.nextDue, r.overdueDays > 0 ? h('div', { class: 'overdue' }, `overdue ${r.overdueDays} d`) : undefined] : ['—'];
  const dueSoon = r.actions.filter((a) => a.overdue).length;
  const actions = r.actions.length
    ? h(
        'ul',
        { class: 'actions' },
        ...r.actions.slice(0, 3).map((a) => h('li', { class: a.overdue ? 'is-overdue' : '' }, h('span', { class: 'who' }, a.who.name), ': ', a.what, a.due ? h('span', { class: 'muted' }, ` (due ${a.due})`) : undefined)),
        r.actions.length > 3 ? h('li', { class: 'muted' }, `and ${r.actions.length - 3} more`) : undefined,
      )
    : '—';
  const tr = h(
    'tr',
    { id: `row-${index}`, class: `row health-${r.health}`, tabindex: 0, 'data-partnership': r.partnership, 'data-folder': r.folder, title: `${r.sentence}${dueSoon ? ` · ${plural(dueSoon, 'action')} overdue` : ''}` },
    h(
      'td',
      { class: 'who' },
      h('div', { class: 'names' }, names(r)),
      h('div', { class: 'muted small' }, `${r.kind}${r.status !== 'active' ? ` · ${r.status}` : ''} · `, h('span', { class: 'partnership-id' }, r.partnership), files ? ` · ${r.file}` : ''),
    ),
    h('td', { class: 'health' }, h('span', { class: `badge health-${r.health}` }, HEALTH_LABEL[r.health]), h('div', { class: 'muted small sentence' }, r.sentence)),
    h('td', { class: 'date' }, r.lastSession ?? '—'),
    h('td', { class: `date${r.overdueDays > 0 ? ' is-overdue' : ''}` }, ...next),
    h('td', { class: `num wide${r.cancelledInARow >= 2 ? ' is-warning' : ''}` }, String(r.cancelledInARow)),
    h('td', { class: 'num wide' }, r.hours.toFixed(1)),
    h('td', { class: 'num wide' }, `${r.goalsActive} / ${r.goalsAchieved}`),
    h('td', { class: 'wide' }, actions),
  );
  tr.addEventListener('click', open);
  tr.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      open();
    }
  });
  return tr;
}

function unpairedSection(data: OverviewData): HTMLElement {
  const section = h('section', { class: 'unpaired', id: 'unpaired' }, h('h2', {}, `Without an active partnership (${data.unpaired.length})`));
  if (!data.unpaired.length) {
    section.append(h('p', { class: 'muted' }, 'Everyone in the mentoring files has an active partnership.'));
    return section;
  }
  const ul = h('ul', { class: 'people' });
  for (const u of data.unpaired) ul.append(unpairedItem(u, data.suggestions));
  section.append(ul);
  if (!data.suggestions) section.append(h('p', { class: 'muted' }, 'Partner suggestions come from the git history: open the Suggestions view to analyse it.'));
  return section;
}

function unpairedItem(u: OverviewUnpaired, analysed: boolean): HTMLElement {
  const li = h('li', { 'data-partner': u.id }, h('span', { class: 'names' }, u.name), ' ', h('span', { class: 'muted partnership-id' }, u.id));
  const s = u.suggestion;
  if (s) {
    const what = [s.teaches.length ? `teaches ${s.teaches.slice(0, 3).join(', ')}` : '', s.learns.length ? `learns ${s.learns.slice(0, 3).join(', ')}` : ''].filter(Boolean).join('; ');
    li.append(
      h('div', { class: 'suggestion' }, 'Suggested partner: ', h('span', { class: 'names' }, s.partner.name), what ? h('span', { class: 'muted' }, ` (${what})`) : undefined, ' '),
      button(`Create Partnership with ${s.partner.name}`, () => post({ type: 'createPartnership', folder: u.folder, members: [u.id, s.partner.id] }), { class: 'create' }),
    );
  } else if (analysed) li.append(h('div', { class: 'muted' }, 'No partner suggested by the git history.'));
  return li;
}

function achievedSection(data: OverviewData): HTMLElement {
  const section = h('section', { class: 'achieved', id: 'achieved' }, h('h2', {}, `Goals achieved (${data.achieved.length})`));
  if (!data.achieved.length) {
    section.append(h('p', { class: 'muted' }, 'No goal was achieved in this period.'));
    return section;
  }
  const ul = h('ul', { class: 'goals' });
  for (const a of data.achieved) ul.append(achievedItem(a));
  section.append(ul);
  return section;
}

function achievedItem(a: OverviewAchieved): HTMLElement {
  const title = h('a', { href: '#', class: 'goal-link' }, a.title);
  title.addEventListener('click', (e) => {
    e.preventDefault();
    post({ type: 'openGoal', folder: a.folder, goal: a.goal });
  });
  const li = h('li', { 'data-goal': a.goal }, h('span', { class: 'date' }, a.achieved ?? 'undated'), ' ', title, h('span', { class: 'muted' }, ` — ${a.owner.name}`));
  if (a.evidence?.length) {
    const commits = h('ul', { class: 'evidence' });
    for (const c of a.evidence.slice(0, 5)) {
      const link = h('a', { href: '#', class: 'hash' }, c.hash.slice(0, 8));
      link.addEventListener('click', (e) => {
        e.preventDefault();
        post({ type: 'openCommit', folder: a.folder, hash: c.hash });
      });
      commits.append(h('li', {}, link, ' ', c.subject, h('span', { class: 'muted' }, ` (${c.date})`)));
    }
    if (a.evidence.length > 5) commits.append(h('li', { class: 'muted' }, `and ${a.evidence.length - 5} more commits`));
    li.append(commits);
  } else li.append(h('div', { class: 'muted small' }, a.evidence ? 'No evidence commits found.' : (a.evidenceNote ?? '')));
  return li;
}

function monthsSection(data: OverviewData): HTMLElement {
  return h('section', { class: 'months' }, h('h2', {}, 'Sessions per month'), data.months.length ? monthsChart(data.months) : h('p', { class: 'muted' }, 'No sessions in this period.'));
}
