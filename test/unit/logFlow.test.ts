import * as assert from 'assert/strict';
import {
  Answer,
  answer,
  back,
  FlowContext,
  FlowState,
  minutesDefault,
  partnershipChoices,
  planFromArgs,
  planOf,
  singleEdit,
  startFlow,
  stepNumber,
  writePlan,
} from '../../src/core/mentoring/logFlow';
import { applyEdits } from '../../src/core/file';
import type { MentoringFile } from '../../src/core/file/model';
import { parseMentoring } from '../../src/core/file/parse';

const TEXT = `version: 1
partners:
  - id: ana
    name: Ana
  - id: bob
    name: Bob
  - id: cy
    name: Cy
partnerships:
  - id: bob-cy
    members: [bob, cy]
    kind: mutual
  - id: ana-bob
    members: [ana, bob]
    kind: mutual
    cadence: 14
    since: 2026-01-01
  - id: old
    members: [ana, cy]
    kind: one-way
    mentor: ana
    status: ended
goals:
  - id: g1
    partnership: ana-bob
    owner: bob
    title: Learn TypeScript
    status: active
  - id: g2
    partnership: ana-bob
    owner: ana
    title: Learn SQL
    status: achieved
  - id: g3
    partnership: ana-bob
    owner: ana
    title: Learn Go
    status: proposed
sessions:
  - date: 2026-01-20
    partnership: ana-bob
    status: held
    minutes: 45
`;

function model(text = TEXT): MentoringFile {
  const m = parseMentoring(text).model;
  assert.ok(m);
  return m;
}

const ctx: FlowContext = { file: model(), me: 'ana', today: '2026-02-10' };

/** Answers in order; fails the test on a refused answer. */
function run(state: FlowState, ...answers: Answer[]): FlowState {
  for (const a of answers) {
    const r = answer(ctx, state, a);
    assert.ok(r.ok, `${a.step}: ${r.ok ? '' : r.message}`);
    state = r.state;
  }
  return state;
}

function refused(state: FlowState, a: Answer): string {
  const r = answer(ctx, state, a);
  assert.ok(!r.ok, `${a.step} should be refused`);
  return r.message;
}

describe('log session flow', () => {
  it('offers the user’s own partnerships first and leaves ended ones out', () => {
    assert.deepEqual(
      partnershipChoices(ctx).map((p) => p.id),
      ['ana-bob', 'bob-cy'],
    );
    assert.deepEqual(
      partnershipChoices({ ...ctx, me: undefined }, 'cy').map((p) => p.id),
      ['bob-cy', 'ana-bob'],
    );
  });

  it('walks a held session through all seven steps and builds the session', () => {
    let s = startFlow(ctx);
    assert.equal(s.step, 'partnership');
    assert.deepEqual(stepNumber(s), { step: 1, total: 7 });
    s = run(s, { step: 'partnership', partnership: 'ana-bob' });
    assert.deepEqual([s.step, stepNumber(s).step], ['date', 2]);
    s = run(s, { step: 'date', text: 'yesterday' }, { step: 'status', status: 'held' });
    assert.equal(s.date, '2026-02-09');
    assert.equal(s.step, 'minutes');
    assert.equal(minutesDefault(ctx, s), 45, 'minutes default to the last held session');
    s = run(s, { step: 'minutes', text: '50' }, { step: 'goals', goals: ['g1'] }, { step: 'notes', notes: '  Paired on types. ' });
    assert.deepEqual([s.step, stepNumber(s).step], ['privateNotes', 6], 'private notes are part of the notes step');
    s = run(s, { step: 'privateNotes', notes: ' I froze when Bob asked. ' });
    assert.deepEqual([s.step, stepNumber(s).step], ['actionWho', 7]);
    s = run(s, { step: 'actionWho', who: 'bob' });
    assert.deepEqual([s.step, stepNumber(s).step], ['actionWhat', 7]);
    s = run(s, { step: 'actionWhat', text: 'Read the handbook' });
    assert.deepEqual([s.step, stepNumber(s).step], ['actionDue', 7], 'the due date is part of the action items step');
    assert.match(refused(s, { step: 'actionDue', text: '2026-02-01' }), /must not be before the session, 2026-02-09/);
    assert.match(refused(s, { step: 'actionDue', text: 'soon' }), /YYYY-MM-DD/);
    s = run(s, { step: 'actionDue', text: '2026-02-20' }, { step: 'actionWho', who: 'ana' }, { step: 'actionWhat', text: 'Send the RFC' }, { step: 'actionDue', text: '' });
    s = run(s, { step: 'actionWho', done: true });
    assert.equal(s.step, 'done');
    assert.deepEqual(planOf(ctx, s), {
      session: {
        date: '2026-02-09',
        partnership: 'ana-bob',
        status: 'held',
        minutes: 50,
        goals: ['g1'],
        notes: 'Paired on types.',
        actions: [
          { who: 'bob', what: 'Read the handbook', done: false, due: '2026-02-20' },
          { who: 'ana', what: 'Send the RFC', done: false },
        ],
      },
      privateNotes: 'I froze when Bob asked.',
    });
    assert.ok(!writePlan(TEXT, planOf(ctx, s)).text.includes('I froze'), 'private notes are never written to the file');
  });

  it('leaves out minutes, goals, notes and actions when none are given', () => {
    const s = run(
      startFlow(ctx, { partnership: 'bob-cy' }),
      { step: 'date', text: '' },
      { step: 'status', status: 'held' },
      { step: 'minutes', text: '' },
      { step: 'goals', goals: [] },
      { step: 'notes', notes: '' },
      { step: 'privateNotes', notes: '' },
      { step: 'actionWho', done: true },
    );
    assert.deepEqual(planOf(ctx, s), { session: { date: '2026-02-10', partnership: 'bob-cy', status: 'held' } });
  });

  it('asks a cancelled session for a reason only, and a rescheduled one also for the new date', () => {
    let s = run(startFlow(ctx, { partnership: 'ana-bob' }), { step: 'date', text: '2026-02-05' }, { step: 'status', status: 'cancelled' });
    assert.deepEqual([s.step, stepNumber(s).step, stepNumber(s).total], ['reason', 4, 4]);
    assert.match(refused(s, { step: 'reason', text: '   ' }), /Enter a reason/);
    assert.match(refused(s, { step: 'reason', text: 'a\nb' }), /One line/);
    s = run(s, { step: 'reason', text: 'Bob was ill' });
    assert.deepEqual(planOf(ctx, s).session, { date: '2026-02-05', partnership: 'ana-bob', status: 'cancelled', reason: 'Bob was ill' });

    s = run(startFlow(ctx, { partnership: 'ana-bob' }), { step: 'date', text: 'today' }, { step: 'status', status: 'rescheduled' }, { step: 'reason', text: 'Travel' });
    assert.deepEqual([s.step, stepNumber(s).step, stepNumber(s).total], ['to', 5, 5]);
    assert.match(refused(s, { step: 'to', text: '2026-02-10' }), /must be after the session's date, 2026-02-10/);
    assert.match(refused(s, { step: 'to', text: 'next week' }), /YYYY-MM-DD/);
    const moved = run(s, { step: 'to', text: '2026-02-17' });
    assert.deepEqual(planOf(ctx, moved).session, { date: '2026-02-10', partnership: 'ana-bob', status: 'rescheduled', reason: 'Travel', to: '2026-02-17' });
    const open = run(s, { step: 'to', text: '' });
    assert.equal(planOf(ctx, open).session.to, undefined, 'the new date may be left open');
  });

  it('refuses future and unreal dates with the message to show', () => {
    const s = startFlow(ctx, { partnership: 'ana-bob' });
    assert.equal(refused(s, { step: 'date', text: '2026-02-11' }), '2026-02-11 is in the future; log sessions that have happened');
    assert.equal(refused(s, { step: 'date', text: '2026-02-30' }), '2026-02-30 is not a real date');
    assert.match(refused(s, { step: 'date', text: 'last tuesday' }), /YYYY-MM-DD, "today" or "yesterday"/);
  });

  it('keeps typed notes as the start of the notes editor', () => {
    const s = run(startFlow(ctx, { partnership: 'ana-bob' }), { step: 'date', text: '' }, { step: 'status', status: 'held' }, { step: 'minutes', text: '' }, { step: 'goals', goals: [] });
    const typed = run(s, { step: 'notes', editor: true, notes: ' First line ' }, { step: 'privateNotes', notes: '' }, { step: 'actionWho', done: true });
    assert.deepEqual([typed.notesInEditor, planOf(ctx, typed).session.notes], [true, 'First line']);
    const empty = run(s, { step: 'notes', editor: true }, { step: 'privateNotes', notes: '' }, { step: 'actionWho', done: true });
    assert.deepEqual([empty.notesInEditor, planOf(ctx, empty).session.notes], [true, undefined]);
    // Private notes the same way, each kind on its own.
    const both = run(s, { step: 'notes', notes: 'Shared line' }, { step: 'privateNotes', editor: true, notes: ' Private start ' }, { step: 'actionWho', done: true });
    assert.deepEqual([both.notesInEditor, both.privateNotesInEditor, planOf(ctx, both).session.notes, planOf(ctx, both).privateNotes], [false, true, 'Shared line', 'Private start']);
    // Back from the private notes to the shared ones keeps both answers.
    const again = back(run(s, { step: 'notes', notes: 'Shared line' }, { step: 'privateNotes', notes: 'Private line' }));
    assert.deepEqual([again.step, again.notes, again.privateNotes], ['privateNotes', 'Shared line', 'Private line']);
    assert.deepEqual([back(again).step, back(again).notes], ['notes', 'Shared line']);
    // Gone back to make it a cancelled session: what was typed for the held one is not kept.
    let status = run(s, { step: 'notes', notes: 'Shared line' }, { step: 'privateNotes', notes: 'Private line' });
    while (status.step !== 'status') status = back(status);
    const cancelled = run(status, { step: 'status', status: 'cancelled' }, { step: 'reason', text: 'Ill' });
    assert.deepEqual(planOf(ctx, cancelled), { session: { date: '2026-02-10', partnership: 'ana-bob', status: 'cancelled', reason: 'Ill' } });
  });

  it('validates minutes, goals and action owners', () => {
    const s = run(startFlow(ctx, { partnership: 'ana-bob' }), { step: 'date', text: '' }, { step: 'status', status: 'held' });
    for (const bad of ['0', '-5', '1.5', 'abc', '1441']) assert.match(refused(s, { step: 'minutes', text: bad }), /whole minutes from 1 to 1440/);
    const g = run(s, { step: 'minutes', text: '30' });
    assert.match(refused(g, { step: 'goals', goals: ['g2'] }), /'g2' is not an open goal/);
    const w = run(g, { step: 'goals', goals: ['g3'] }, { step: 'notes', notes: '' }, { step: 'privateNotes', notes: '' });
    assert.match(refused(w, { step: 'actionWho', who: 'cy' }), /'cy' is not a member/);
    assert.match(refused(run(w, { step: 'actionWho', who: 'bob' }), { step: 'actionWhat', text: ' ' }), /Enter what is to be done/);
    assert.match(refused(w, { step: 'notes', notes: 'x' }), /expected an answer to the actionWho step/);
  });

  it('goes back step by step keeping the answers as defaults', () => {
    let s = run(startFlow(ctx), { step: 'partnership', partnership: 'ana-bob' }, { step: 'date', text: 'yesterday' }, { step: 'status', status: 'held' }, { step: 'minutes', text: '20' });
    assert.equal(s.step, 'goals');
    s = back(s);
    assert.deepEqual([s.step, s.minutes, minutesDefault(ctx, s)], ['minutes', 20, 20]);
    s = back(back(s));
    assert.deepEqual([s.step, s.date], ['date', '2026-02-09']);
    s = back(s);
    assert.equal(s.step, 'partnership');
    assert.equal(back(s), s, 'Back at the first step changes nothing');
    // Picking another partnership forgets what belonged to the first one.
    s = run(s, { step: 'partnership', partnership: 'bob-cy' });
    assert.equal(s.minutes, undefined);
    assert.equal(s.date, '2026-02-09');
  });

  it('reopens the last action item on Back from the next one', () => {
    let s = run(
      startFlow(ctx, { partnership: 'ana-bob' }),
      { step: 'date', text: '' },
      { step: 'status', status: 'held' },
      { step: 'minutes', text: '' },
      { step: 'goals', goals: [] },
      { step: 'notes', notes: '' },
      { step: 'privateNotes', notes: '' },
      { step: 'actionWho', who: 'bob' },
      { step: 'actionWhat', text: 'Read the docs' },
      { step: 'actionDue', text: '2026-02-17' },
    );
    assert.equal(s.actions.length, 1);
    s = back(s);
    assert.deepEqual([s.step, s.actions.length, s.pendingWho, s.pendingWhat, s.pendingDue], ['actionDue', 0, 'bob', 'Read the docs', '2026-02-17']);
    s = back(s);
    assert.deepEqual([s.step, s.pendingWhat], ['actionWhat', 'Read the docs']);
    s = run(s, { step: 'actionWhat', text: 'Read the Node docs' }, { step: 'actionDue', text: '' }, { step: 'actionWho', done: true });
    assert.deepEqual(planOf(ctx, s).session.actions, [{ who: 'bob', what: 'Read the Node docs', done: false }]);
    assert.equal(planOf(ctx, s).session.minutes, undefined, 'minutes left empty are left out');
  });

  it('pre-fills from a goal, a partner or another command', () => {
    const fromGoal = startFlow(ctx, { goals: ['g1'] });
    assert.deepEqual([fromGoal.step, fromGoal.partnership, fromGoal.goals, fromGoal.history], ['date', 'ana-bob', ['g1'], ['partnership']]);
    assert.equal(back(fromGoal).step, 'partnership', 'a pre-filled partnership can still be changed');
    assert.equal(startFlow(ctx, { partner: 'bob' }).partnership, 'ana-bob', 'the partner’s one partnership with me');
    assert.equal(startFlow(ctx, { partner: 'cy' }).partnership, 'bob-cy', 'their only open partnership');
    assert.equal(startFlow({ ...ctx, me: undefined }, { partner: 'bob' }).step, 'partnership', 'two to choose from');
    const pre = startFlow(ctx, { partnership: 'ana-bob', goals: ['g2', 'g1'], notes: 'Reviewed: a.ts' });
    assert.deepEqual([pre.goals, pre.notes], [['g1'], 'Reviewed: a.ts']);
    assert.equal(startFlow(ctx, { partnership: 'old' }).step, 'partnership', 'an ended partnership is not pre-filled');
  });

  it('makes a new partnership on the way', () => {
    let s = run(startFlow(ctx), { step: 'partnership', newPartnership: true });
    assert.deepEqual([s.step, s.newPartnership?.members, stepNumber(s).step], ['members', ['ana'], 1]);
    assert.match(refused(s, { step: 'members', members: ['ana'] }), /at least two/);
    assert.match(refused(s, { step: 'members', members: ['ana', 'zed'] }), /unknown partner 'zed'/);
    s = run(s, { step: 'members', members: ['ana', 'cy'] }, { step: 'kind', kind: 'one-way' });
    assert.equal(s.step, 'mentor');
    assert.match(refused(s, { step: 'mentor', mentor: 'bob' }), /one of the members/);
    s = run(s, { step: 'mentor', mentor: 'ana' }, { step: 'date', text: '' }, { step: 'status', status: 'held' }, { step: 'minutes', text: '' });
    assert.equal(s.minutes, null);
    s = run(s, { step: 'goals', goals: [] }, { step: 'notes', notes: '' }, { step: 'privateNotes', notes: '' }, { step: 'actionWho', who: 'cy' }, { step: 'actionWhat', text: 'Set up the docs build' }, { step: 'actionDue', text: '' }, { step: 'actionWho', done: true });
    const plan = planOf(ctx, s);
    assert.deepEqual(plan.newPartnership, { members: ['ana', 'cy'], kind: 'one-way', mentor: 'ana', since: '2026-02-10', status: 'active' });

    const result = writePlan(TEXT, plan);
    assert.equal(result.id, 'ana-cy');
    assert.equal(result.edits.length, 1, 'one edit, one undo step');
    assert.equal(applyEdits(TEXT, result.edits), result.text);
    const after = model(result.text);
    assert.deepEqual(after.partnerships.at(-1), { id: 'ana-cy', members: ['ana', 'cy'], kind: 'one-way', mentor: 'ana', since: '2026-02-10', status: 'active' });
    assert.deepEqual(after.sessions.at(-1), { date: '2026-02-10', partnership: 'ana-cy', status: 'held', actions: [{ who: 'cy', what: 'Set up the docs build', done: false }] });
  });

  it('runs a complete argument object through the same checks', () => {
    const ok = planFromArgs(ctx, { partnership: 'ana-bob', status: 'held', goals: ['g1'], notes: 'Line one\nLine two', actions: [{ who: 'bob', what: 'Read' }] });
    assert.ok(ok.ok && ok.plan);
    assert.deepEqual(ok.plan.session, {
      date: '2026-02-10',
      partnership: 'ana-bob',
      status: 'held',
      minutes: 45,
      goals: ['g1'],
      notes: 'Line one\nLine two',
      actions: [{ who: 'bob', what: 'Read', done: false }],
    });
    const message = (r: ReturnType<typeof planFromArgs>): string => (r.ok ? '' : r.message);
    assert.match(message(planFromArgs(ctx, { partnership: 'nope', status: 'held' })), /unknown partnership 'nope'/);
    assert.match(message(planFromArgs(ctx, { partnership: 'ana-bob', status: 'held', date: '2030-01-01' })), /in the future/);
    assert.match(message(planFromArgs(ctx, { partnership: 'ana-bob', status: 'cancelled' })), /Enter a reason/);
    assert.match(message(planFromArgs(ctx, { partnership: 'ana-bob', status: 'held', reason: 'x' })), /reason is for cancelled/);
    assert.match(message(planFromArgs(ctx, { partnership: 'ana-bob', status: 'cancelled', reason: 'x', minutes: 5 })), /for held sessions/);
    assert.match(message(planFromArgs(ctx, { partnership: 'ana-bob', status: 'held', minutes: 'lots' })), /whole minutes/);
    const moved = planFromArgs(ctx, { partnership: 'ana-bob', status: 'rescheduled', reason: 'Travel', to: '2026-02-20', date: 'yesterday' });
    assert.ok(moved.ok);
    assert.deepEqual(moved.plan?.session, { date: '2026-02-09', partnership: 'ana-bob', status: 'rescheduled', reason: 'Travel', to: '2026-02-20' });
    // Private notes beside the session, for any status; never in it.
    const held = planFromArgs(ctx, { partnership: 'ana-bob', status: 'held', notes: 'Shared', privateNotes: ' Just between us ' });
    assert.deepEqual([held.plan?.session.notes, held.plan?.privateNotes], ['Shared', 'Just between us']);
    const cancelled = planFromArgs(ctx, { partnership: 'ana-bob', status: 'cancelled', reason: 'Tired', privateNotes: 'I am burning out' });
    assert.deepEqual([cancelled.plan?.session, cancelled.plan?.privateNotes], [{ date: '2026-02-10', partnership: 'ana-bob', status: 'cancelled', reason: 'Tired' }, 'I am burning out']);
    assert.equal(planFromArgs(ctx, { partnership: 'ana-bob', status: 'held', privateNotes: '  ' }).plan?.privateNotes, undefined);
  });

  it('writes only the added lines for an existing partnership', () => {
    const r = writePlan(TEXT, { session: { date: '2026-02-10', partnership: 'ana-bob', status: 'held', minutes: 30 } });
    assert.equal(r.text, `${TEXT}  - date: 2026-02-10\n    partnership: ana-bob\n    status: held\n    minutes: 30\n`);
  });

  it('computes one edit between two texts', () => {
    assert.deepEqual(singleEdit('abcdef', 'abXYef'), { text: 'abXYef', edits: [{ offset: 2, length: 2, text: 'XY' }] });
    assert.deepEqual(singleEdit('aaa', 'aaaa'), { text: 'aaaa', edits: [{ offset: 3, length: 0, text: 'a' }] });
    assert.deepEqual(singleEdit('same', 'same'), { text: 'same', edits: [] });
    for (const [a, b] of [['', 'x'], ['x', ''], ['abab', 'ab'], ['ab', 'abab']]) assert.equal(applyEdits(a, singleEdit(a, b).edits), b);
  });
});
