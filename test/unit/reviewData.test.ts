import * as assert from 'assert/strict';
import type { MentoringFile } from '../../src/core/file/model';
import { buildReviewData, EVIDENCE_LOADING, TIMELINE_DAYS } from '../../src/core/mentoring/reviewData';
import { goalRef, resolveNotes, sessionRef } from '../../src/core/notes/privateNotes';
import { privateNote } from './helpers/notes';
import { isHostMessage } from '../../src/protocol/review';
import type { GoalEvidence } from '../../src/core/review/evidence';

const TODAY = '2026-03-10';

function file(): MentoringFile {
  return {
    version: 1,
    partners: [
      { id: 'ada', name: 'Ada Lovelace', emails: ['ada@example.com'] },
      { id: 'bob', name: 'Bob Brown' },
      { id: 'cy', name: 'Cy Young' },
    ],
    partnerships: [
      { id: 'ada-bob', members: ['ada', 'bob'], kind: 'one-way', mentor: 'ada', cadence: 14, since: '2025-06-01', status: 'active' },
      { id: 'bob-cy', members: ['bob', 'cy'], kind: 'mutual', cadence: 7, status: 'paused' },
      { id: 'ada-cy', members: ['ada', 'cy'], kind: 'mutual' },
    ],
    skills: [],
    goals: [
      {
        id: 'parser',
        partnership: 'ada-bob',
        owner: 'bob',
        title: 'Learn the parser',
        status: 'active',
        progress: 30,
        created: '2025-06-01',
        due: '2026-03-01',
        reviews: [
          { date: '2026-02-01', by: 'ada', progress: 30, note: 'Lexer done.' },
          { date: '2025-10-01', by: 'ada', progress: 10, status: 'active' },
          { date: '2026-02-01', by: 'bob', note: 'Same day, later in the file.' },
        ],
      },
      { id: 'shipped', partnership: 'ada-bob', owner: 'bob', title: 'Ship it', status: 'achieved', due: '2025-12-01' },
      { id: 'docs', partnership: 'ada-bob', owner: 'ada', title: 'Write docs', status: 'proposed' },
      { id: 'other', partnership: 'bob-cy', owner: 'cy', title: 'Not this one', status: 'active' },
    ],
    sessions: [
      { date: '2025-07-01', partnership: 'ada-bob', status: 'held', minutes: 60, goals: ['parser'], notes: 'Kick-off.' },
      { date: '2026-02-15', partnership: 'ada-bob', status: 'held', minutes: 45, goals: ['parser', 'docs'], actions: [{ who: 'bob', what: 'Read chapter 2', due: '2026-03-01' }, { who: 'ada', what: 'Done one', done: true }] },
      { date: '2025-10-01', partnership: 'ada-bob', status: 'held', minutes: 30, actions: [{ who: 'ghost', what: 'Unknown person' }] },
      { date: '2026-02-22', partnership: 'ada-bob', status: 'cancelled', reason: 'ill' },
      { date: '2026-03-01', partnership: 'ada-bob', status: 'cancelled' },
      { date: '2026-03-20', partnership: 'ada-bob', status: 'rescheduled', to: '2026-03-25' },
      { date: '2026-02-01', partnership: 'bob-cy', status: 'held', minutes: 20 },
    ],
  };
}

function data(partnership = 'ada-bob', options: Parameters<typeof buildReviewData>[3] = {}) {
  const d = buildReviewData(file(), partnership, TODAY, options);
  assert.ok(d, `data for ${partnership}`);
  return d;
}

describe('review panel data', () => {
  it('is undefined for a partnership the file does not have', () => {
    assert.equal(buildReviewData(file(), 'nobody', TODAY), undefined);
  });

  it('describes the partnership with people by name', () => {
    assert.deepEqual(data().partnership, {
      id: 'ada-bob',
      kind: 'one-way',
      status: 'active',
      members: [
        { id: 'ada', name: 'Ada Lovelace' },
        { id: 'bob', name: 'Bob Brown' },
      ],
      mentor: { id: 'ada', name: 'Ada Lovelace' },
      cadence: 14,
    });
    assert.deepEqual(data('ada-cy').partnership, {
      id: 'ada-cy',
      kind: 'mutual',
      members: [
        { id: 'ada', name: 'Ada Lovelace' },
        { id: 'cy', name: 'Cy Young' },
      ],
    });
  });

  it('sums the sessions and finds the next due date from the cadence', () => {
    const s = data().summary;
    assert.equal(s.held, 3);
    assert.equal(s.cancelled, 2);
    assert.equal(s.rescheduled, 1);
    // 60 + 45 + 30 minutes.
    assert.equal(s.hours, 2.3);
    assert.equal(s.lastSession, '2026-02-15');
    // The reschedule after the cancellations plans the next session.
    assert.equal(s.nextDue, '2026-03-25');
    assert.equal(s.overdueDays, 0);
    assert.equal(s.cancelledInARow, 2);
  });

  it('counts days overdue from last held session + cadence', () => {
    const f = file();
    f.sessions = f.sessions.filter((x) => x.status === 'held');
    const s = buildReviewData(f, 'ada-bob', TODAY)?.summary;
    assert.equal(s?.nextDue, '2026-03-01');
    assert.equal(s?.overdueDays, 9);
    assert.equal(s?.cancelledInARow, 0);
  });

  it('expects no session from a paused partnership', () => {
    const s = data('bob-cy').summary;
    assert.equal(s.nextDue, undefined);
    assert.equal(s.overdueDays, 0);
    assert.equal(s.held, 1);
    assert.equal(s.lastSession, '2026-02-01');
  });

  it('lists open action items, oldest session first, with unknown people by id', () => {
    assert.deepEqual(data().summary.openActions, [
      { who: { id: 'ghost', name: 'ghost' }, what: 'Unknown person', sessionDate: '2025-10-01' },
      { who: { id: 'bob', name: 'Bob Brown' }, what: 'Read chapter 2', due: '2026-03-01', sessionDate: '2026-02-15' },
    ]);
  });

  it('puts the partnership’s whole recorded history on the timeline, in date order, none after today', () => {
    const t = data().timeline;
    assert.equal(t.from, '2025-06-01', 'from its start, more than six months ago');
    assert.equal(TIMELINE_DAYS, 182);
    assert.deepEqual(t.sessions, [
      { date: '2025-07-01', status: 'held', minutes: 60, goals: ['parser'] },
      { date: '2025-10-01', status: 'held', minutes: 30, goals: [] },
      { date: '2026-02-15', status: 'held', minutes: 45, goals: ['parser', 'docs'] },
      { date: '2026-02-22', status: 'cancelled', goals: [] },
      { date: '2026-03-01', status: 'cancelled', goals: [] },
    ]);
  });

  it('never draws an empty timeline for a partnership gone quiet: its old sessions are there', () => {
    const f = file();
    f.sessions = f.sessions.filter((s) => s.partnership !== 'ada-bob' || s.date < '2025-09-01');
    const t = buildReviewData(f, 'ada-bob', TODAY)?.timeline;
    assert.deepEqual(t?.sessions.map((s) => s.date), ['2025-07-01']);
  });

  it('starts the timeline at the partnership’s start, its `since` or an earlier first session', () => {
    const f = file();
    f.partnerships[0].since = '2026-01-20';
    assert.equal(buildReviewData(f, 'ada-bob', TODAY)?.timeline.from, '2025-07-01', 'a session before `since` counts as the start');
    f.sessions = f.sessions.filter((s) => s.date !== '2025-07-01');
    assert.equal(buildReviewData(f, 'ada-bob', TODAY)?.timeline.from, '2025-10-01');
    f.sessions = f.sessions.filter((s) => s.partnership !== 'ada-bob' || s.date >= '2026-01-20');
    const t = buildReviewData(f, 'ada-bob', TODAY)?.timeline;
    assert.equal(t?.from, '2026-01-20');
    assert.deepEqual(
      t?.sessions.map((s) => s.date),
      ['2026-02-15', '2026-02-22', '2026-03-01'],
    );
    f.partnerships[0].since = '2026-04-01';
    f.sessions = [];
    assert.equal(buildReviewData(f, 'ada-bob', TODAY)?.timeline.from, TODAY, 'never after today');
    delete f.partnerships[0].since;
    assert.equal(buildReviewData(f, 'ada-bob', TODAY)?.timeline.from, '2025-09-09', 'no start known: six months');
  });

  it('shows the partnership’s goals with mentors, reviews oldest first and the sessions that discussed them', () => {
    const goals = data().goals;
    assert.deepEqual(
      goals.map((g) => g.id),
      ['parser', 'shipped', 'docs'],
    );
    const [parser, shipped, docs] = goals;
    assert.deepEqual(parser.owner, { id: 'bob', name: 'Bob Brown' });
    assert.deepEqual(parser.mentors, [{ id: 'ada', name: 'Ada Lovelace' }]);
    assert.equal(parser.progress, 30);
    assert.equal(parser.created, '2025-06-01');
    assert.equal(parser.due, '2026-03-01');
    assert.equal(parser.overdue, true);
    assert.deepEqual(parser.reviews, [
      { date: '2025-10-01', by: { id: 'ada', name: 'Ada Lovelace' }, progress: 10, status: 'active' },
      { date: '2026-02-01', by: { id: 'ada', name: 'Ada Lovelace' }, progress: 30, note: 'Lexer done.' },
      { date: '2026-02-01', by: { id: 'bob', name: 'Bob Brown' }, note: 'Same day, later in the file.' },
    ]);
    assert.deepEqual(parser.sessions, [
      { date: '2025-07-01', status: 'held', minutes: 60, notes: 'Kick-off.' },
      { date: '2026-02-15', status: 'held', minutes: 45 },
    ]);
    // An achieved goal past its due date is not overdue; the mentor of a one-way partnership has none.
    assert.equal(shipped.overdue, false);
    assert.deepEqual(docs.mentors, []);
    assert.deepEqual(docs.reviews, []);
    assert.equal(docs.progress, undefined);
  });

  it('takes each goal’s evidence from the caller, with a placeholder for the rest', () => {
    const commits: GoalEvidence = { available: true, commits: [{ hash: 'abcdef12', date: '2026-02-02', author: 'Bob Brown', subject: 'Lexer', trailer: true, files: ['src/lexer.ts'], filesChanged: 1 }] };
    const restricted: GoalEvidence = { available: false, reason: 'Restricted Mode' };
    const d = data('ada-bob', { evidence: (id) => (id === 'parser' ? commits : undefined), pending: restricted });
    assert.deepEqual(
      d.goals.map((g) => g.evidence),
      [commits, restricted, restricted],
    );
    assert.deepEqual(data().goals[0].evidence, EVIDENCE_LOADING);
  });

  it('carries the user and the folder when given, and passes the protocol’s own check', () => {
    const d = data('ada-bob', { me: 'ada', folder: 'file:///work/team' });
    assert.equal(d.me, 'ada');
    assert.equal(d.folder, 'file:///work/team');
    assert.equal(d.today, TODAY);
    assert.equal(isHostMessage({ type: 'data', data: d }), true);
    assert.equal(isHostMessage({ type: 'data', data: data('ada-cy') }), true);
    assert.equal('me' in data(), false);
  });

  it('lets the host ask the panel to open a goal', () => {
    assert.equal(isHostMessage({ type: 'revealGoal', goalId: 'parser' }), true);
    assert.equal(isHostMessage({ type: 'revealGoal', goalId: '' }), false);
    assert.equal(isHostMessage({ type: 'revealGoal' }), false);
  });

  it('gathers the partnership’s private notes in one block: its sessions newest first, its goals, its detached notes and drafts', () => {
    const f = file();
    const notes = [
      privateNote({ session: sessionRef(f.sessions[0]) }, 'older session'),
      privateNote({ session: sessionRef(f.sessions[1]) }, 'newer session'),
      privateNote({ session: sessionRef(f.sessions[6]) }, 'another partnership'),
      privateNote({ goal: goalRef(f.goals[0]), review: '2026-02-01' }, 'reflection'),
      privateNote({ session: { partnership: 'ada-bob', date: '2024-01-01', status: 'held', fingerprint: '0' } }, 'gone'),
    ];
    const data = buildReviewData(f, 'ada-bob', TODAY, { private: { store: '/n/x.yml', resolution: resolveNotes(notes, f, '.mentoring.yml'), drafts: new Map([['parser', 'typing'], ['elsewhere', 'x']]) } });
    const p = data?.private;
    assert.ok(p);
    assert.equal(p.store, '/n/x.yml');
    assert.deepEqual(p.sessions.map((x) => [x.date, x.status, x.notes.map((n) => n.text)]), [
      ['2026-02-15', 'held', ['newer session']],
      ['2025-07-01', 'held', ['older session']],
    ]);
    assert.deepEqual(p.goals, [{ goal: 'parser', notes: [{ written: '2026-03-01T10:00:00Z', text: 'reflection', review: '2026-02-01' }] }]);
    assert.deepEqual(p.detached, [{ subject: 'session 2024-01-01 (held)', notes: [{ written: '2026-03-01T10:00:00Z', text: 'gone' }] }]);
    assert.deepEqual(p.drafts, [{ goal: 'parser', text: 'typing' }]);
    assert.ok(!JSON.stringify(data).includes('another partnership'));
    assert.equal(isHostMessage({ type: 'data', data }), true);
    assert.equal(buildReviewData(f, 'ada-bob', TODAY)?.private, undefined, 'none without private input');
  });
});
