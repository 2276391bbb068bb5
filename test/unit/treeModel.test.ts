import * as assert from 'assert';
import { MentoringFile } from '../../src/core/file/model';
import { goalRef, resolveNotes, sessionRef } from '../../src/core/notes/privateNotes';
import { privateNote } from './helpers/notes';
import { ERRORS_NOTICE, PRIVATE_ERROR_NOTICE, RESTRICTED_NOTICE, Row, buildTree, describeDue, describeRole, partnershipLabel } from '../../src/core/view/treeModel';

const TODAY = '2026-03-20';

function sample(): MentoringFile {
  return {
    version: 1,
    partners: [
      { id: 'alice', name: 'Alice', emails: ['alice@example.com'], strengths: ['typescript'] },
      { id: 'bob', name: 'Bob' },
      { id: 'carol', name: 'Carol' },
      { id: 'dan', name: 'Dan' },
    ],
    partnerships: [
      { id: 'alice-bob', members: ['alice', 'bob'], kind: 'one-way', mentor: 'alice', cadence: 14, since: '2026-01-01' },
      { id: 'bob-carol', members: ['bob', 'carol'], kind: 'mutual', cadence: 7 },
      { id: 'alice-dan', members: ['alice', 'dan'], kind: 'one-way', mentor: 'alice', status: 'ended' },
    ],
    skills: [],
    goals: [
      { id: 'g1', partnership: 'alice-bob', owner: 'bob', title: 'Learn the parser', status: 'active', progress: 40, due: '2026-03-15' },
      { id: 'g2', partnership: 'alice-bob', owner: 'bob', title: 'Write a benchmark', status: 'achieved', progress: 100, due: '2026-03-01' },
      { id: 'g3', partnership: 'bob-carol', owner: 'carol', title: 'Review habits', status: 'proposed', due: '2026-03-23' },
    ],
    sessions: [
      { date: '2026-03-01', partnership: 'alice-bob', status: 'held', minutes: 45 },
      { date: '2026-03-15', partnership: 'bob-carol', status: 'held', minutes: 30 },
      { date: '2026-03-08', partnership: 'alice-bob', status: 'cancelled', reason: 'sick' },
      { date: '2026-02-15', partnership: 'alice-bob', status: 'held', minutes: 60 },
      { date: '2026-02-01', partnership: 'alice-bob', status: 'held', minutes: 60 },
    ],
  };
}

function one(model: MentoringFile | undefined, extra: Partial<Parameters<typeof buildTree>[0]['folders'][number]> = {}, trusted = true): Row[] {
  return buildTree({ folders: [{ key: 'f', name: 'repo', missing: false, hasErrors: false, model, ...extra }], today: TODAY, trusted });
}

function find(rows: Row[], id: string): Row {
  for (const row of rows) {
    if (row.id === id) return row;
    const hit = findOrUndefined(row.children, id);
    if (hit) return hit;
  }
  throw new Error(`no row ${id}`);
}

function findOrUndefined(rows: Row[], id: string): Row | undefined {
  try {
    return find(rows, id);
  } catch {
    return undefined;
  }
}

describe('tree model', () => {
  it('describes roles across partnerships, leaving ended ones out', () => {
    const f = sample();
    assert.strictEqual(describeRole(f, 'alice'), 'mentor of Bob');
    assert.strictEqual(describeRole(f, 'bob'), 'mentee of Alice · mutual partner of Carol');
    assert.strictEqual(describeRole(f, 'carol'), 'mutual partner of Bob');
    assert.strictEqual(describeRole(f, 'dan'), 'no partnership');
    f.partnerships.push({ id: 'x', members: ['carol', 'dan', 'alice'], kind: 'mutual' });
    assert.strictEqual(describeRole(f, 'carol'), 'mutual partner of Bob, Dan and Alice', 'one role, a list of partners');
  });

  it('labels a partnership from the partner side', () => {
    const f = sample();
    assert.strictEqual(partnershipLabel(f, f.partnerships[0], 'alice'), 'mentoring Bob');
    assert.strictEqual(partnershipLabel(f, f.partnerships[0], 'bob'), 'mentored by Alice');
    assert.strictEqual(partnershipLabel(f, f.partnerships[1], 'bob'), 'with Carol');
  });

  it('describes due dates of open and closed goals', () => {
    assert.deepStrictEqual(describeDue('2026-03-15', TODAY, true), { text: 'overdue by 5 days', overdue: true });
    assert.deepStrictEqual(describeDue('2026-03-19', TODAY, true), { text: 'overdue by 1 day', overdue: true });
    assert.deepStrictEqual(describeDue(TODAY, TODAY, true), { text: 'due today', overdue: false });
    assert.deepStrictEqual(describeDue('2026-03-21', TODAY, true), { text: 'due in 1 day', overdue: false });
    assert.deepStrictEqual(describeDue('2026-03-01', TODAY, false), { text: 'due 2026-03-01', overdue: false });
  });

  it('builds partners, partnerships, goals and recent sessions', () => {
    const rows = one(sample(), { me: 'bob' });
    assert.deepStrictEqual(
      rows.map((r) => [r.label, r.description]),
      [
        ['Bob (you)', 'mentee · mutual'],
        ['Alice', 'mentor'],
        ['Carol', 'mutual'],
        ['Dan', 'no partnership'],
      ],
    );
    const bob = rows[0];
    // Whom each role is with: in the tooltip.
    assert.match(bob.tooltip ?? '', /^Mentee of Alice · mutual partner of Carol$/m);
    assert.strictEqual(bob.contextValue, 'partner');
    assert.deepStrictEqual(bob.ref, { section: 'partners', id: 'bob' });
    assert.deepStrictEqual(
      bob.children.map((r) => [r.label, r.description, r.contextValue]),
      [
        // Last held 2026-03-01 + 14 days = 2026-03-15: overdue by 5 days.
        ['mentored by Alice', 'overdue', 'partnership'],
        // Last held 2026-03-15 + 7 = 2026-03-22.
        ['with Carol', 'in 2 days', 'partnership'],
      ],
    );
    const ab = bob.children[0];
    assert.match(ab.tooltip ?? '', /Meets every 14 days/);
    assert.match(ab.tooltip ?? '', /Session with Alice overdue by 5 days/);
    assert.deepStrictEqual(
      ab.children.map((r) => [r.kind, r.label, r.description, r.icon?.id, r.contextValue]),
      [
        ['goal', 'Learn the parser', 'overdue', 'warning', 'goal'],
        ['goal', 'Write a benchmark', 'achieved', 'pass-filled', 'goal-achieved'],
        ['session', '2026-03-08', 'cancelled', 'close', 'session'],
        ['session', '2026-03-01', 'held · 45 min', 'check', 'session'],
        ['session', '2026-02-15', 'held · 60 min', 'check', 'session'],
      ],
    );
    assert.deepStrictEqual(ab.children[2].ref, { section: 'sessions', index: 2 });
    assert.deepStrictEqual(ab.children[0].ref, { section: 'goals', id: 'g1' });
    const g3 = find(rows, 'f/partner/carol/partnership/bob-carol/goal/g3');
    assert.strictEqual(g3.description, 'proposed');
    assert.match(g3.tooltip ?? '', /^Owner: Carol · status: proposed$/m);
    assert.match(ab.children[2].tooltip ?? '', /^Session 2026-03-08: cancelled — sick$/m);
    assert.strictEqual(g3.icon?.id, 'lightbulb');
    const ended = find(rows, 'f/partner/alice/partnership/alice-dan');
    assert.strictEqual(ended.description, 'ended');
    assert.strictEqual(ended.contextValue, 'partnership-ended');
  });

  it('keeps row ids stable and unique', () => {
    const rows = one(sample());
    const ids: string[] = [];
    const walk = (list: Row[]): void => {
      for (const r of list) {
        ids.push(r.id);
        walk(r.children);
      }
    };
    walk(rows);
    assert.strictEqual(new Set(ids).size, ids.length);
    assert.deepStrictEqual(one(sample()), rows);
  });

  it('warns when the file has errors and still shows the last valid content', () => {
    const rows = one(sample(), { hasErrors: true });
    assert.strictEqual(rows[0].label, ERRORS_NOTICE);
    assert.strictEqual(rows[0].command?.command, 'mentoring.revealProblem');
    assert.deepStrictEqual(rows[0].command?.arguments, [{ folder: 'f' }]);
    assert.strictEqual(rows[1].label, 'Alice');
  });

  it('says which version it shows of a file with errors: the committed one, or plainly none', () => {
    const committed = one(sample(), { hasErrors: true, shown: { from: 'commit', commit: '0123456789abcdef', date: '2026-03-02' } });
    assert.deepStrictEqual([committed[0].label, committed[0].description], [ERRORS_NOTICE, 'as of 2026-03-02']);
    assert.match(committed[0].tooltip ?? '', /^The mentoring file has errors — showing the version committed on 2026-03-02 \(0123456\)\. Click/);
    assert.strictEqual(committed[1].label, 'Alice');
    const noModel = one(undefined, { hasErrors: true });
    assert.deepStrictEqual(noModel.map((r) => [r.label, r.description]), [[ERRORS_NOTICE, 'nothing valid']]);
    const none = one(undefined, { hasErrors: true, shown: { from: 'none', reason: 'no committed version is valid' } });
    assert.deepStrictEqual(none.map((r) => [r.label, r.description]), [[ERRORS_NOTICE, 'nothing valid']]);
    assert.match(none[0].tooltip ?? '', /there is no valid version to show \(no committed version is valid\)/);
    assert.strictEqual(none[0].command?.command, 'mentoring.revealProblem');
  });

  it('shows the Restricted Mode notice when the workspace is not trusted', () => {
    const rows = one(sample(), {}, false);
    assert.strictEqual(rows[0].label, RESTRICTED_NOTICE);
    assert.strictEqual(rows[0].command?.command, 'workbench.trust.manage');
    assert.strictEqual(rows[1].label, 'Alice');
  });

  it('is empty when no folder has a file, so the welcome content shows', () => {
    assert.deepStrictEqual(buildTree({ folders: [{ key: 'f', name: 'repo', missing: true, hasErrors: false }], today: TODAY, trusted: true }), []);
    assert.deepStrictEqual(buildTree({ folders: [], today: TODAY, trusted: false }), []);
  });

  it('groups by folder when there are several', () => {
    const rows = buildTree({
      folders: [
        { key: 'a', name: 'api', missing: false, hasErrors: false, model: sample() },
        { key: 'b', name: 'web', missing: true, hasErrors: false },
      ],
      today: TODAY,
      trusted: true,
    });
    assert.deepStrictEqual(rows.map((r) => [r.kind, r.label, r.description]), [
      ['folder', 'api', undefined],
      ['folder', 'web', 'no mentoring file'],
    ]);
    assert.strictEqual(rows[0].children[0].id, 'a/partner/alice');
    assert.strictEqual(rows[1].command?.command, 'mentoring.createFile');
    assert.deepStrictEqual(rows[1].command?.arguments, [{ folder: 'b' }]);
  });

  it('limits recent sessions', () => {
    const f = sample();
    const rows = buildTree({ folders: [{ key: 'f', name: 'r', missing: false, hasErrors: false, model: f }], today: TODAY, trusted: true, recentSessions: 1 });
    const ab = find(rows, 'f/partner/alice/partnership/alice-bob');
    assert.deepStrictEqual(ab.children.filter((r) => r.kind === 'session').map((r) => r.label), ['2026-03-08']);
  });

  it('marks sessions and goals with private notes by a lock row, lists detached notes, and says when they cannot be read', () => {
    const f = sample();
    const notes = [
      privateNote({ session: sessionRef(f.sessions[0]) }, 'I froze [x](command:evil) $(bug)'),
      privateNote({ session: sessionRef(f.sessions[0]) }, 'second'),
      privateNote({ goal: goalRef(f.goals[0]), review: '2026-03-02' }, 'Not sure I can mentor this.'),
      privateNote({ session: { partnership: 'alice-bob', date: '2026-01-05', status: 'held', fingerprint: '0' } }, 'about a removed session'),
    ];
    const rows = one(f, { notes: { resolution: resolveNotes(notes, f, '.mentoring.yml') } });
    const session = find(rows, 'f/partner/alice/partnership/alice-bob/session/0');
    assert.deepEqual(session.children.map((r) => [r.kind, r.label, r.description, r.icon?.id, r.contextValue]), [['private', 'Private notes (2)', undefined, 'lock', 'private-note']]);
    assert.ok(session.children[0].tooltip?.startsWith('Private — only on this machine\n'));
    assert.ok(session.children[0].tooltip?.includes('I froze [x](command:evil) $(bug)'), 'the text, made inert where VS Code shows it (treeItem)');
    assert.deepEqual(session.children[0].command?.arguments, [{ folder: 'f', partnership: 'alice-bob' }]);
    assert.ok(!session.tooltip?.includes('froze'), 'the session row itself does not carry the private text');
    const goal = find(rows, 'f/partner/alice/partnership/alice-bob/goal/g1');
    assert.deepEqual(goal.children.map((r) => [r.label, r.description]), [['Private reflection', undefined]]);
    assert.match(goal.children[0].tooltip ?? '', /Review 2026-03-02:\nNot sure I can mentor this\./);
    assert.equal(find(rows, 'f/partner/alice/partnership/alice-bob/session/2').children.length, 0);
    const detached = rows.find((r) => r.contextValue === 'private-detached');
    assert.ok(detached);
    assert.equal(detached.label, 'Detached private notes (1)');
    assert.deepEqual(detached.children.map((r) => [r.label, r.description]), [['session 2026-01-05 (held)', undefined]]);
    assert.match(detached.children[0].tooltip ?? '', /on session 2026-01-05 \(held\) of alice-bob/);

    const broken = one(f, { notes: { error: '/home/u/notes/x.yml:4:1: unknown key' } });
    assert.equal(broken[0].label, PRIVATE_ERROR_NOTICE);
    assert.match(broken[0].tooltip ?? '', /^\/home\/u\/notes\/x\.yml:4:1: unknown key\n/);
    assert.deepEqual(summaryOf(one(f)), summaryOf(one(f, { notes: { resolution: resolveNotes([], f, '.mentoring.yml') } })), 'no notes: the tree as before');
  });
});

function summaryOf(rows: Row[]): string {
  return JSON.stringify(rows);
}
