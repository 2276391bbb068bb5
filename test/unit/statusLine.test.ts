import * as assert from 'assert/strict';
import type { MentoringFile, Partnership, Session } from '../../src/core/file/model';
import { commitments, statusLine, statusView } from '../../src/core/view/statusLine';

function file(partnerships: Partnership[], sessions: Session[] = []): MentoringFile {
  return {
    version: 1,
    partners: [
      { id: 'ana', name: 'Ana' },
      { id: 'bob', name: 'Bob' },
      { id: 'cy', name: 'Cy' },
      { id: 'dee', name: 'Dee' },
    ],
    partnerships,
    skills: [],
    goals: [],
    sessions,
  };
}

const p = (id: string, members: string[], extra: Partial<Partnership> = {}): Partnership => ({ id, members, kind: 'mutual', since: '2026-01-01', cadence: 14, ...extra });

describe('status line', () => {
  it('shows the soonest due partnership of `me`, with all of them in the tooltip', () => {
    const f = file(
      [p('ana-bob', ['ana', 'bob']), p('ana-cy', ['ana', 'cy']), p('bob-cy', ['bob', 'cy'], { cadence: 1 })],
      [
        { date: '2026-02-01', partnership: 'ana-bob', status: 'held' },
        { date: '2026-02-06', partnership: 'ana-cy', status: 'held' },
      ],
    );
    const line = statusLine([{ folder: 'f', file: f, me: 'ana' }], '2026-02-12');
    assert.ok(line);
    assert.equal(line.text, '$(calendar) Bob in 3 days');
    assert.deepEqual(line.target.partnership, 'ana-bob');
    assert.equal(line.tooltip, 'Next session with Bob in 3 days.\nNext session with Cy in 8 days.\n\nClick to log a session with Bob.');
    assert.equal(line.action, 'log');
    // Due within two days (or overdue): the click prepares the session.
    const due = statusLine([{ folder: 'f', file: f, me: 'ana' }], '2026-02-13');
    assert.equal(due?.action, 'prepare');
    assert.match(due?.tooltip ?? '', /\n\nClick to prepare the session with Bob\.$/);
    assert.equal(statusLine([{ folder: 'f', file: f, me: 'ana' }], '2026-02-20')?.action, 'prepare');
    assert.equal(statusLine([{ folder: 'f', file: f, me: 'ana' }], '2026-02-15')?.text, '$(calendar) Bob today');
    assert.equal(statusLine([{ folder: 'f', file: f, me: 'ana' }], '2026-02-14')?.text, '$(calendar) Bob tomorrow');
  });

  it('puts the most overdue first and warns', () => {
    const f = file([p('ana-bob', ['ana', 'bob'], { since: '2026-01-20' }), p('ana-cy', ['ana', 'cy'], { since: '2026-01-10' }), p('ana-dee', ['ana', 'dee'], { cadence: undefined })]);
    const line = statusLine([{ folder: 'f', file: f, me: 'ana' }], '2026-02-10');
    assert.equal(line?.text, '$(warning) Overdue with Cy');
    assert.deepEqual(
      line?.all.map((c) => c.partnership),
      ['ana-cy', 'ana-bob', 'ana-dee'],
    );
    const undated = statusLine([{ folder: 'f', file: file([p('ana-dee', ['ana', 'dee'], { cadence: undefined })]), me: 'ana' }], '2026-02-10');
    assert.equal(undated?.text, '$(calendar) Dee');
  });

  it('is hidden without `me` or without an active partnership of theirs', () => {
    const f = file([p('ana-bob', ['ana', 'bob'], { status: 'paused' }), p('bob-cy', ['bob', 'cy']), p('ana-cy', ['ana', 'cy'], { status: 'ended' })]);
    assert.equal(statusLine([{ folder: 'f', file: f }], '2026-02-10'), undefined);
    assert.equal(statusLine([{ folder: 'f', file: f, me: 'ana' }], '2026-02-10'), undefined);
    assert.equal(statusLine([], '2026-02-10'), undefined);
  });

  it('gathers commitments across workspace folders', () => {
    const one = file([p('ana-bob', ['ana', 'bob'], { since: '2026-02-05' })]);
    const two = file([p('x', ['dee', 'cy'], { since: '2026-02-01' })]);
    const list = commitments(
      [
        { folder: 'one', file: one, me: 'ana' },
        { folder: 'two', file: two, me: 'dee' },
      ],
      '2026-02-10',
    );
    assert.deepEqual(
      list.map((c) => [c.folder, c.partnership, c.name, c.health.daysUntilDue]),
      [
        ['two', 'x', 'Cy', 5],
        ['one', 'ana-bob', 'Bob', 9],
      ],
    );
  });
});

describe('status bar item while the file has errors', () => {
  const f = file([p('ana-bob', ['ana', 'bob'])], [{ date: '2026-02-01', partnership: 'ana-bob', status: 'held' }]);

  it('stays in sight with a warning and nothing else to say', () => {
    const view = statusView(undefined, [{ folder: 'f', shown: { from: 'none', reason: 'no committed version is valid' } }]);
    assert.ok(view);
    assert.equal(view.text, '$(warning) Mentoring file has errors');
    assert.equal(view.tooltip, 'The mentoring file has errors, and there is no valid version of it to show.\n\nClick to show the first problem.');
    assert.equal(view.warning, true);
    assert.deepEqual([view.command, view.arguments], ['mentoring.revealProblem', [{ folder: 'f' }]]);
    assert.equal(statusView(undefined, [{ folder: 'f' }])?.text, '$(warning) Mentoring file has errors');
  });

  it('keeps the partnership from the version shown, marked with the warning', () => {
    const line = statusLine([{ folder: 'f', file: f, me: 'ana' }], '2026-02-12');
    const view = statusView(line, [{ folder: 'f', shown: { from: 'commit', commit: 'abc', date: '2026-02-03' } }]);
    assert.ok(view);
    assert.equal(view.text, '$(warning) Bob in 3 days');
    assert.equal(view.tooltip, 'The mentoring file has errors; the views show the version committed on 2026-02-03.\n\nNext session with Bob in 3 days.\n\nClick to show the first problem.');
    assert.equal(view.command, 'mentoring.revealProblem');
  });

  it('is the plain status line when no file has errors', () => {
    const line = statusLine([{ folder: 'f', file: f, me: 'ana' }], '2026-02-20');
    const view = statusView(line, []);
    assert.deepEqual(view && [view.text, view.warning, view.command], ['$(warning) Overdue with Bob', true, 'mentoring.prepareSession'], 'an overdue session is prepared');
    const later = statusView(statusLine([{ folder: 'f', file: f, me: 'ana' }], '2026-02-03'), []);
    assert.deepEqual(later && [later.text, later.warning, later.command], ['$(calendar) Bob in 12 days', false, 'mentoring.logSession']);
    assert.equal(statusView(undefined, []), undefined);
  });
});
