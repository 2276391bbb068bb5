import * as assert from 'assert/strict';
import type { MentoringFile, Partnership, Session } from '../../src/core/file/model';
import { dueReminders, emptyReminderState, isMuted, mute, readReminderState, unmute } from '../../src/core/mentoring/reminders';

const p = (id: string, members: string[], extra: Partial<Partnership> = {}): Partnership => ({ id, members, kind: 'mutual', cadence: 7, ...extra });
const held = (partnership: string, date: string): Session => ({ date, partnership, status: 'held' });

function file(partnerships: Partnership[], sessions: Session[]): MentoringFile {
  return { version: 1, partners: [{ id: 'alice', name: 'Alice' }, { id: 'bob', name: 'Bob' }, { id: 'carol', name: 'Carol' }], partnerships, skills: [], goals: [], sessions };
}

describe('reminders', () => {
  const f = file(
    [
      p('due-today', ['alice', 'bob']),
      p('overdue', ['alice', 'carol']),
      p('not-yet', ['bob', 'alice']),
      p('not-mine', ['bob', 'carol']),
      p('paused', ['alice', 'bob'], { status: 'paused' }),
      p('ended', ['alice', 'carol'], { status: 'ended' }),
      p('loose', ['alice', 'bob'], { cadence: undefined }),
    ],
    [held('due-today', '2026-03-03'), held('overdue', '2026-02-01'), held('not-yet', '2026-03-08'), held('not-mine', '2026-01-01'), held('paused', '2026-01-01'), held('ended', '2026-01-01'), held('loose', '2026-01-01')],
  );

  it('reminds only about the user’s active partnerships due today or overdue', () => {
    const { reminders, state } = dueReminders(f, emptyReminderState(), '2026-03-10', 'alice');
    assert.deepEqual(reminders.map((r) => r.partnership), ['due-today', 'overdue']);
    assert.equal(reminders[0].message, 'Time to meet: next session with Bob today');
    assert.equal(reminders[1].message, 'Time to meet: session with Carol overdue by 30 days');
    assert.deepEqual(state.lastReminded, { 'due-today': '2026-03-10', overdue: '2026-03-10' });
  });

  it('reminds once a day also about partnerships with ids named like Object members, and stores them as JSON', () => {
    const odd = file([p('__proto__', ['alice', 'bob']), p('constructor', ['alice', 'carol'])], [held('__proto__', '2026-03-01'), held('constructor', '2026-03-01')]);
    const first = dueReminders(odd, emptyReminderState(), '2026-03-10', 'alice');
    assert.deepEqual(first.reminders.map((r) => r.partnership), ['__proto__', 'constructor']);
    const stored = readReminderState(JSON.parse(JSON.stringify(first.state)));
    assert.deepEqual(Object.keys(stored.lastReminded), ['__proto__', 'constructor']);
    assert.deepEqual(dueReminders(odd, stored, '2026-03-10', 'alice').reminders, []);
  });

  it('reminds at most once per partnership per day', () => {
    const first = dueReminders(f, emptyReminderState(), '2026-03-10', 'alice');
    const again = dueReminders(f, first.state, '2026-03-10', 'alice');
    assert.deepEqual(again.reminders, []);
    assert.deepEqual(again.state, first.state);
    const tomorrow = dueReminders(f, first.state, '2026-03-11', 'alice');
    assert.deepEqual(tomorrow.reminders.map((r) => r.partnership), ['due-today', 'overdue']);
  });

  it('never reminds about a muted partnership, until unmuted', () => {
    const muted = mute(emptyReminderState(), 'overdue');
    assert.equal(isMuted(muted, 'overdue'), true);
    assert.deepEqual(dueReminders(f, muted, '2026-03-10', 'alice').reminders.map((r) => r.partnership), ['due-today']);
    const back = unmute(muted, 'overdue');
    assert.equal(isMuted(back, 'overdue'), false);
    assert.deepEqual(dueReminders(f, back, '2026-03-10', 'alice').reminders.map((r) => r.partnership), ['due-today', 'overdue']);
  });

  it('reminds nobody outside the file', () => {
    assert.deepEqual(dueReminders(f, emptyReminderState(), '2026-03-10', undefined).reminders, []);
    assert.deepEqual(dueReminders(f, emptyReminderState(), '2026-03-10', 'dave').reminders, []);
  });

  it('leaves the state passed in untouched', () => {
    const state = emptyReminderState();
    const frozen = JSON.stringify(state);
    dueReminders(f, state, '2026-03-10', 'alice');
    mute(state, 'x');
    assert.equal(JSON.stringify(state), frozen);
  });

  it('round-trips through JSON and drops malformed stored values', () => {
    const { state } = dueReminders(f, mute(emptyReminderState(), 'loose'), '2026-03-10', 'alice');
    assert.deepEqual(readReminderState(JSON.parse(JSON.stringify(state))), state);
    assert.deepEqual(readReminderState(undefined), emptyReminderState());
    assert.deepEqual(readReminderState('nonsense'), emptyReminderState());
    assert.deepEqual(readReminderState({ lastReminded: { a: '2026-02-30', b: 3, c: '2026-03-01' }, muted: ['x', 7, 'x'] }), {
      lastReminded: { c: '2026-03-01' },
      muted: ['x'],
    });
    assert.deepEqual(readReminderState({ lastReminded: ['2026-03-01'], muted: 'x' }), emptyReminderState());
  });
});
