import * as assert from 'assert/strict';
import { cadenceOf, defaultMinutes, healthOf, myPartnershipsFirst, openActionsOf, sessionsOf, withWhom } from '../../src/core/mentoring/cadence';
import type { MentoringFile, Partnership, Session } from '../../src/core/file/model';

const ab: Partnership = { id: 'ab', members: ['alice', 'bob'], kind: 'mutual', cadence: 14, since: '2026-01-01' };

function file(sessions: Session[], partnerships: Partnership[] = [ab]): MentoringFile {
  return {
    version: 1,
    partners: [
      { id: 'alice', name: 'Alice' },
      { id: 'bob', name: 'Bob' },
      { id: 'carol', name: 'Carol' },
    ],
    partnerships,
    skills: [],
    goals: [],
    sessions,
  };
}

const held = (date: string, extra: Partial<Session> = {}): Session => ({ date, partnership: 'ab', status: 'held', ...extra });
const cancelled = (date: string): Session => ({ date, partnership: 'ab', status: 'cancelled', reason: 'something urgent came up' });

describe('cadence', () => {
  it('is due one cadence after the last held session, whatever the file order', () => {
    const f = file([held('2026-02-20'), held('2026-01-10'), { ...held('2026-02-25'), partnership: 'other' }]);
    const c = cadenceOf(ab, f, '2026-02-25');
    assert.equal(c.lastHeld?.session.date, '2026-02-20');
    assert.equal(c.lastHeld?.index, 0);
    assert.equal(c.nextDue, '2026-03-06');
    assert.equal(c.daysUntilDue, 9);
    assert.equal(c.overdueDays, 0);
    assert.equal(c.rescheduled, false);
  });

  it('counts from `since` while nothing was held', () => {
    const c = cadenceOf(ab, file([cancelled('2026-01-10')]), '2026-01-20');
    assert.equal(c.lastHeld, undefined);
    assert.equal(c.nextDue, '2026-01-15');
    assert.equal(c.overdueDays, 5);
    assert.equal(c.daysUntilDue, -5);
  });

  it('has no due date without cadence, or without a held session and `since`', () => {
    assert.equal(cadenceOf({ ...ab, cadence: undefined }, file([held('2026-01-10')]), '2026-02-01').nextDue, undefined);
    const c = cadenceOf({ ...ab, since: undefined }, file([]), '2026-02-01');
    assert.equal(c.nextDue, undefined);
    assert.equal(c.daysUntilDue, undefined);
    assert.equal(c.overdueDays, 0);
  });

  it('takes a rescheduled session’s `to:` as the planned date, until a later cancellation voids it', () => {
    const moved: Session = { date: '2026-02-24', partnership: 'ab', status: 'rescheduled', reason: 'travel', to: '2026-03-12' };
    const c = cadenceOf(ab, file([held('2026-02-10'), moved]), '2026-03-01');
    assert.equal(c.nextDue, '2026-03-12');
    assert.equal(c.rescheduled, true);
    assert.equal(c.daysUntilDue, 11);

    const voided = cadenceOf(ab, file([held('2026-02-10'), moved, cancelled('2026-03-12')]), '2026-03-13');
    assert.equal(voided.nextDue, '2026-02-24');
    assert.equal(voided.overdueDays, 17);

    const meantime = cadenceOf(ab, file([held('2026-02-10'), moved, held('2026-03-12')]), '2026-03-13');
    assert.equal(meantime.nextDue, '2026-03-26', 'a held session after the reschedule resets the clock');
    assert.equal(meantime.rescheduled, false);
  });

  it('ignores a reschedule that came before the last held session', () => {
    const moved: Session = { date: '2026-02-01', partnership: 'ab', status: 'rescheduled', reason: 'ill', to: '2026-02-05' };
    const c = cadenceOf(ab, file([moved, held('2026-02-05')]), '2026-02-06');
    assert.equal(c.nextDue, '2026-02-19');
  });

  it('counts cancellations in a row since the last held session and over the last N sessions', () => {
    const sessions = [held('2026-01-05'), cancelled('2026-01-19'), held('2026-01-26'), cancelled('2026-02-09'), cancelled('2026-02-23')];
    const c = cadenceOf(ab, file(sessions), '2026-02-24');
    assert.equal(c.cancellations.inARow, 2);
    assert.equal(c.cancellations.recentCancelled, 3);
    assert.equal(c.cancellations.considered, 5);
    assert.equal(c.cancellations.share, 0.6);

    const last3 = cadenceOf(ab, file(sessions), '2026-02-24', { recent: 3 });
    assert.equal(last3.cancellations.considered, 3);
    assert.equal(last3.cancellations.recentCancelled, 2);

    const twelve = Array.from({ length: 12 }, (_, i) => (i < 2 ? cancelled : held)(`2026-01-${String(i + 1).padStart(2, '0')}`));
    const tenOnly = cadenceOf(ab, file(twelve), '2026-01-13');
    assert.equal(tenOnly.cancellations.considered, 10, 'the last 10 by default');
    assert.equal(tenOnly.cancellations.recentCancelled, 0);
    assert.equal(tenOnly.cancellations.inARow, 0);

    const none = cadenceOf(ab, file([]), '2026-01-13');
    assert.deepEqual(none.cancellations, { inARow: 0, recentCancelled: 0, considered: 0, share: 0 });
  });

  describe('health', () => {
    const at = (sessions: Session[], today: string, p: Partnership = ab) => healthOf(file(sessions, [p]), p, today, { me: 'alice' });

    it('is on track, then due soon, then due today', () => {
      assert.equal(at([held('2026-03-01')], '2026-03-05').state, 'on-track');
      assert.equal(at([held('2026-03-01')], '2026-03-05').sentence, 'next session with Bob in 10 days');
      assert.equal(at([held('2026-03-01')], '2026-03-13').state, 'due-soon');
      assert.equal(at([held('2026-03-01')], '2026-03-14').sentence, 'next session with Bob tomorrow');
      const today = at([held('2026-03-01')], '2026-03-15');
      assert.equal(today.state, 'due-soon');
      assert.equal(today.sentence, 'next session with Bob today');
    });

    it('is overdue, then drifting once overdue by more than one cadence', () => {
      const overdue = at([held('2026-03-01')], '2026-03-20');
      assert.equal(overdue.state, 'overdue');
      assert.equal(overdue.sentence, 'session with Bob overdue by 5 days');
      assert.equal(at([held('2026-03-01')], '2026-03-16').sentence, 'session with Bob overdue by 1 day');
      assert.equal(at([held('2026-03-01')], '2026-03-29').state, 'overdue', 'exactly one cadence late');
      assert.equal(at([held('2026-03-01')], '2026-03-30').state, 'drifting');
    });

    it('is drifting after two cancellations in a row, even when not overdue', () => {
      const p = { ...ab, cadence: 30 };
      const h = at([held('2026-03-01'), cancelled('2026-03-08'), cancelled('2026-03-15')], '2026-03-16', p);
      assert.equal(h.state, 'drifting');
      assert.equal(h.sentence, '2 cancelled in a row');
      const one = at([held('2026-03-01'), cancelled('2026-03-08')], '2026-03-16', p);
      assert.equal(one.state, 'on-track');
      const both = at([held('2026-01-01'), cancelled('2026-01-08'), cancelled('2026-01-15')], '2026-03-16', p);
      assert.equal(both.sentence, 'session with Bob overdue by 44 days, 2 cancelled in a row');
    });

    it('reports paused, ended and no-cadence partnerships', () => {
      assert.equal(at([held('2026-01-01')], '2026-06-01', { ...ab, status: 'paused' }).state, 'paused');
      assert.equal(at([held('2026-01-01')], '2026-06-01', { ...ab, status: 'ended' }).state, 'ended');
      const loose = at([held('2026-01-01')], '2026-06-01', { ...ab, cadence: undefined });
      assert.equal(loose.state, 'no-cadence');
      assert.equal(loose.sentence, 'last session with Bob on 2026-01-01; no cadence set');
      const fresh = at([], '2026-06-01', { ...ab, since: undefined });
      assert.equal(fresh.state, 'on-track');
      assert.equal(fresh.sentence, 'first session with Bob not logged yet');
    });

    it('names the other members, or all of them for someone outside the partnership', () => {
      const trio: Partnership = { id: 't', members: ['alice', 'bob', 'carol'], kind: 'mutual' };
      const f = file([], [trio]);
      assert.equal(withWhom(f, trio, 'alice'), 'Bob and Carol');
      assert.equal(withWhom(f, trio, 'dave'), 'Alice, Bob and Carol');
      assert.equal(withWhom(f, { ...trio, members: ['alice', 'zed'] }, 'alice'), 'zed', 'an unknown id is shown as is');
    });
  });

  it('lists open action items with their session and action positions', () => {
    const f = file([
      held('2026-02-01', { actions: [{ who: 'bob', what: 'read the RFC', done: true }, { who: 'alice', what: 'pair on the parser' }] }),
      { ...held('2026-01-01', { actions: [{ who: 'x', what: 'other' }] }), partnership: 'cd' },
      held('2026-01-15', { actions: [{ who: 'bob', what: 'write tests', done: false }] }),
    ]);
    assert.deepEqual(
      openActionsOf(f, 'ab').map((a) => [a.session, a.action, a.date, a.item.what]),
      [
        [2, 0, '2026-01-15', 'write tests'],
        [0, 1, '2026-02-01', 'pair on the parser'],
      ],
    );
  });

  it('defaults minutes to the last held session that recorded them', () => {
    const f = file([held('2026-01-01', { minutes: 45 }), held('2026-02-01', { minutes: 60 }), held('2026-02-15'), { ...cancelled('2026-03-01'), minutes: 5 }]);
    assert.equal(defaultMinutes(f, 'ab'), 60);
    assert.equal(defaultMinutes(f, 'zz'), undefined);
  });

  it('puts the user’s own partnerships first, keeping file order', () => {
    const ps: Partnership[] = [
      { id: 'bc', members: ['bob', 'carol'], kind: 'mutual' },
      { id: 'ab', members: ['alice', 'bob'], kind: 'mutual' },
      { id: 'cd', members: ['carol', 'dave'], kind: 'mutual' },
      { id: 'ac', members: ['alice', 'carol'], kind: 'one-way', mentor: 'carol' },
    ];
    assert.deepEqual(myPartnershipsFirst(ps, 'alice').map((p) => p.id), ['ab', 'ac', 'bc', 'cd']);
    assert.deepEqual(myPartnershipsFirst(ps, undefined).map((p) => p.id), ['bc', 'ab', 'cd', 'ac']);
  });

  it('orders sessions by date, file order among equal dates, skipping unreadable dates', () => {
    const f = file([held('2026-02-01'), held('2026-01-01'), cancelled('2026-02-01'), held('2026-02-30')]);
    assert.deepEqual(sessionsOf(f, 'ab').map((s) => s.index), [1, 0, 2]);
  });
});
