import * as assert from 'assert/strict';
import type { MentoringFile } from '../../src/core/file';
import { achievedOn, buildOverview, byHealth, inPeriod, monthsBetween, presetPeriod, renderCalendar, calendarEvents, type PartnershipReport } from '../../src/core/mentoring';

describe('reporting periods', () => {
  it('gives calendar quarters and the last 12 months, both ends included', () => {
    assert.deepEqual(presetPeriod('this-quarter', '2026-05-26'), { since: '2026-04-01', until: '2026-06-30' });
    assert.deepEqual(presetPeriod('last-quarter', '2026-05-26'), { since: '2026-01-01', until: '2026-03-31' });
    assert.deepEqual(presetPeriod('last-quarter', '2026-02-10'), { since: '2025-10-01', until: '2025-12-31' });
    assert.deepEqual(presetPeriod('this-quarter', '2026-12-31'), { since: '2026-10-01', until: '2026-12-31' });
    assert.deepEqual(presetPeriod('last-12-months', '2026-05-26'), { since: '2025-05-27', until: '2026-05-26' });
    assert.deepEqual(presetPeriod('all', '2026-05-26'), {});
    assert.equal(inPeriod('2026-04-01', { since: '2026-04-01', until: '2026-06-30' }), true);
    assert.equal(inPeriod('2026-06-30', { since: '2026-04-01', until: '2026-06-30' }), true);
    assert.equal(inPeriod('2026-07-01', { since: '2026-04-01', until: '2026-06-30' }), false);
    assert.deepEqual(monthsBetween('2025-11-20', '2026-02-01'), ['2025-11', '2025-12', '2026-01', '2026-02']);
  });
});

describe('achieved dates', () => {
  it('takes achieved:, else the last review’s date, and none for a goal not achieved', () => {
    const goal = { id: 'g', partnership: 'p', owner: 'a', title: 'G', status: 'achieved' as const, reviews: [{ date: '2026-03-02', by: 'b' }, { date: '2026-02-01', by: 'b' }] };
    assert.equal(achievedOn(goal), '2026-03-02');
    assert.equal(achievedOn({ ...goal, achieved: '2026-01-15' }), '2026-01-15');
    assert.equal(achievedOn({ ...goal, status: 'active' }), undefined);
    assert.equal(achievedOn({ ...goal, reviews: [] }), undefined);
  });
});

describe('the overview', () => {
  const file: MentoringFile = {
    version: 1,
    partners: [
      { id: 'a', name: 'Ann' },
      { id: 'b', name: 'Ben' },
      { id: 'c', name: 'Cy' },
      { id: 'd', name: 'Di' },
    ],
    partnerships: [
      { id: 'ab', members: ['a', 'b'], kind: 'mutual', cadence: 14, since: '2026-05-20' },
      { id: 'bc', members: ['b', 'c'], kind: 'mutual', cadence: 20, since: '2026-01-01' },
      { id: 'cd', members: ['c', 'd'], kind: 'mutual', status: 'paused' },
    ],
    skills: [],
    goals: [],
    sessions: [
      { date: '2026-05-01', partnership: 'bc', status: 'held', minutes: 30, actions: [{ who: 'b', what: 'Read', due: '2026-05-10' }] },
      { date: '2026-05-10', partnership: 'bc', status: 'cancelled', reason: 'x' },
    ],
  };

  it('orders rows worst health first and suggests the best-scoring partner for people without one', () => {
    const data = buildOverview(
      [
        {
          folder: 'f',
          file: 'team/.mentoring.yml',
          model: file,
          matches: [
            { a: 'd@x', b: 'a@x', aName: 'Di', bName: 'Ann', aPartnerId: 'd', bPartnerId: 'a', aTeachesB: ['sql'], bTeachesA: ['ts'], score: 2 },
            { a: 'c@x', b: 'd@x', aName: 'Cy', bName: 'Di', aPartnerId: 'c', bPartnerId: 'd', aTeachesB: ['go'], bTeachesA: [], score: 5 },
            { a: 'd@x', b: 'z@x', aName: 'Di', bName: 'Zed', aPartnerId: 'd', aTeachesB: [], bTeachesA: ['rust'], score: 9 },
          ],
        },
      ],
      '2026-05-26',
      'this-quarter',
      presetPeriod('this-quarter', '2026-05-26'),
    );
    assert.deepEqual(data.rows.map((r) => [r.partnership, r.health]), [['bc', 'overdue'], ['ab', 'on-track'], ['cd', 'paused']]);
    assert.deepEqual(data.rows[0].actions, [{ who: { id: 'b', name: 'Ben' }, what: 'Read', due: '2026-05-10', overdue: true }]);
    assert.deepEqual(data.unpaired.map((u) => [u.id, u.suggestion?.partner.id, u.suggestion?.teaches, u.suggestion?.learns]), [['d', 'c', [], ['go']]]);
    assert.deepEqual(data.months, [{ month: '2026-04', held: 0, cancelled: 0 }, { month: '2026-05', held: 1, cancelled: 1 }, { month: '2026-06', held: 0, cancelled: 0 }]);
  });

  it('sorts by health, then by days overdue', () => {
    const row = (health: PartnershipReport['health'], overdueDays: number, id: string) => ({ health, overdueDays, cancelledInARow: 0, id });
    const sorted = byHealth([row('ended', 0, 'e'), row('overdue', 2, 'o2'), row('drifting', 1, 'd'), row('overdue', 9, 'o9'), row('on-track', 0, 't')]);
    assert.deepEqual(sorted.map((r) => r.id), ['d', 'o9', 'o2', 't', 'e']);
  });

  it('writes a calendar that folds long lines without splitting a character', () => {
    const model: MentoringFile = { ...file, partners: file.partners.map((p) => ({ ...p, name: `${p.name} ${'é'.repeat(60)}` })) };
    const text = renderCalendar(calendarEvents([{ file: 'team/.mentoring.yml', model }], '2026-05-26'), '2026-05-26');
    for (const line of text.split('\r\n')) assert.ok(Buffer.byteLength(line) <= 75, line);
    assert.ok(!text.includes('\uFFFD'));
    assert.match(text.replace(/\r\n /g, ''), /SUMMARY:Mentoring: Ann é+ & Ben é+\r\n/);
  });
});
