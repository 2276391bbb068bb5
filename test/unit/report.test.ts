import * as assert from 'assert/strict';
import type { MentoringFile } from '../../src/core/file/model';
import { buildReport, renderReportJson, renderReportMarkdown } from '../../src/core/mentoring/report';

const file: MentoringFile = {
  version: 1,
  partners: [
    { id: 'alice', name: 'Alice' },
    { id: 'bob', name: 'Bob' },
    { id: 'carol', name: 'Carol' },
  ],
  partnerships: [
    { id: 'bob-carol', members: ['bob', 'carol'], kind: 'mutual', status: 'paused', cadence: 7 },
    { id: 'alice-bob', members: ['alice', 'bob'], kind: 'one-way', mentor: 'bob', cadence: 14, since: '2026-01-01' },
  ],
  skills: [],
  goals: [
    { id: 'g1', partnership: 'alice-bob', owner: 'alice', title: 'Learn the parser', status: 'active' },
    { id: 'g2', partnership: 'alice-bob', owner: 'alice', title: 'Ship | release', status: 'achieved' },
    { id: 'g3', partnership: 'alice-bob', owner: 'alice', title: 'Later', status: 'proposed' },
    { id: 'g4', partnership: 'bob-carol', owner: 'carol', title: 'Go', status: 'active' },
  ],
  sessions: [
    { date: '2026-01-10', partnership: 'alice-bob', status: 'held', minutes: 45, actions: [{ who: 'alice', what: 'read', done: true }] },
    { date: '2026-01-24', partnership: 'alice-bob', status: 'cancelled', reason: 'ill' },
    { date: '2026-01-31', partnership: 'alice-bob', status: 'held', minutes: 50, actions: [{ who: 'bob', what: 'review' }, { who: 'alice', what: 'write' }] },
    { date: '2026-02-10', partnership: 'alice-bob', status: 'rescheduled', reason: 'travel', to: '2026-02-16' },
    { date: '2026-02-16', partnership: 'alice-bob', status: 'held' },
    { date: '2026-01-05', partnership: 'bob-carol', status: 'held', minutes: 30 },
  ],
};

describe('report', () => {
  it('sums sessions, hours, goals and open actions per partnership', () => {
    const report = buildReport(file, '2026-03-10');
    assert.equal(report.today, '2026-03-10');
    assert.deepEqual(report.partnerships[1], {
      partnership: 'alice-bob',
      members: ['alice', 'bob'],
      kind: 'one-way',
      status: 'active',
      held: 3,
      cancelled: 1,
      rescheduled: 1,
      hours: 1.6,
      lastSession: '2026-02-16',
      nextDue: '2026-03-02',
      overdueDays: 8,
      cancelledInARow: 0,
      health: 'overdue',
      goalsActive: 1,
      goalsAchieved: 1,
      openActions: 2,
      file: '',
    });
    const paused = report.partnerships[0];
    assert.equal(paused.partnership, 'bob-carol');
    assert.equal(paused.health, 'paused');
    assert.equal(paused.nextDue, undefined, 'a paused partnership is not due');
    assert.equal(paused.overdueDays, 0);
    assert.equal(paused.hours, 0.5);
  });

  it('lists the user’s partnerships first', () => {
    assert.deepEqual(buildReport(file, '2026-03-10', { me: 'alice' }).partnerships.map((p) => p.partnership), ['alice-bob', 'bob-carol']);
  });

  it('renders a markdown table', () => {
    const md = renderReportMarkdown(buildReport(file, '2026-03-10'));
    const lines = md.trimEnd().split('\n');
    assert.equal(lines[0], 'Mentoring report, 2026-03-10');
    assert.equal(lines[2], '| Partnership | Members | Health | Held | Cancelled | Rescheduled | Hours | Last session | Next due | Goals active | Goals achieved | Open actions |');
    assert.equal(lines[3], '|---|---|---|---|---|---|---|---|---|---|---|---|');
    assert.equal(lines[4], '| bob-carol | bob, carol | paused | 1 | 0 | 0 | 0.5 | 2026-01-05 | — | 1 | 0 | 0 |');
    assert.equal(lines[5], '| alice-bob | alice, bob | overdue | 3 | 1 | 1 | 1.6 | 2026-02-16 | 2026-03-02 (overdue 8 d) | 1 | 1 | 2 |');
    // Then the people without an active partnership, the goals achieved (an undated one over all time) and sessions per month.
    assert.deepEqual(lines.slice(6), [
      '',
      '## Without an active partnership',
      '',
      '- Carol (carol)',
      '',
      '## Goals achieved',
      '',
      '- undated: Ship \\| release (alice, alice-bob)',
      '',
      '## Sessions per month',
      '',
      '| Month | Held | Cancelled |',
      '|---|---|---|',
      '| 2026-01 | 3 | 1 |',
      '| 2026-02 | 1 | 0 |',
      '| 2026-03 | 0 | 0 |',
    ]);
  });

  it('escapes pipes in cells and says so when there are no partnerships', () => {
    const odd: MentoringFile = { ...file, partnerships: [{ id: 'a|b', members: ['alice', 'bob'], kind: 'mutual' }], sessions: [] };
    assert.match(renderReportMarkdown(buildReport(odd, '2026-03-10')), /\| a\\\|b \|/);
    const empty = renderReportMarkdown(buildReport({ ...file, partnerships: [] }, '2026-03-10'));
    assert.match(empty, /No partnerships yet\./);
  });

  it('renders JSON that parses back to the report', () => {
    const report = buildReport(file, '2026-03-10');
    const json = renderReportJson(report);
    assert.ok(json.endsWith('\n'));
    assert.deepEqual(JSON.parse(json), JSON.parse(JSON.stringify(report)));
    assert.equal(JSON.parse(json).partnerships[1].hours, 1.6);
  });
});
