import * as assert from 'assert/strict';
import {
  addGoal,
  addGoalReview,
  addPartner,
  addPartnership,
  addSession,
  clearEditCache,
  EditError,
  setActionDone,
  slugify,
  uniqueId,
  updateGoal,
} from '../../src/core/file';
import { assertEdit, fixture, modelOf } from './editHelpers';

function refused(fn: () => unknown, code: string | RegExp): EditError {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof EditError, `expected an EditError, got ${String(caught)}`);
  if (typeof code === 'string') assert.ok(caught.problems.some((p) => p.code === code), `expected ${code} in ${JSON.stringify(caught.problems)}`);
  else assert.match(caught.message, code);
  return caught;
}

describe('edit: ids', () => {
  it('makes readable slugs', () => {
    assert.equal(slugify('Handle async errors'), 'handle-async-errors');
    assert.equal(slugify('  Zoë  Ångström! '), 'zoe-angstrom');
    assert.equal(slugify('C++ & SQL: joins'), 'c-sql-joins');
    assert.equal(slugify('!!!'), '');
    const long = slugify('Write every request handler of the public API in strict TypeScript with tests');
    assert.ok(long.length <= 40 && !long.endsWith('-'), long);
  });

  it('numbers ids that are taken', () => {
    assert.equal(uniqueId('ana', []), 'ana');
    assert.equal(uniqueId('ana', ['ana']), 'ana-2');
    assert.equal(uniqueId('ana', ['ana', 'ana-2', 'ana-3']), 'ana-4');
  });
});

describe('edit: adding entries', () => {
  beforeEach(clearEditCache);

  it('appends a session after the last one, indented like its neighbours', () => {
    const before = fixture('basic.yml');
    const r = addSession(before, {
      date: '2024-03-04',
      partnership: 'ana-ben',
      status: 'held',
      minutes: 30,
      goals: ['ben-ts'],
      notes: 'Paired on the router.\nNext: error handling.',
      actions: [{ who: 'ben', what: 'Write the error middleware', due: '2024-03-18' }],
    });
    const model = assertEdit(before, r, [], [
      '  - date: 2024-03-04',
      '    partnership: ana-ben',
      '    status: held',
      '    minutes: 30',
      '    goals: [ben-ts]',
      '    notes: |-',
      '      Paired on the router.',
      '      Next: error handling.',
      '    actions:',
      '      - who: ben',
      '        what: Write the error middleware',
      '        due: 2024-03-18',
    ]);
    assert.equal(model.sessions.length, 3);
    assert.ok(r.text.endsWith('    reason: Chen was away.\n  - date: 2024-03-04\n') === false, 'the trailing comment stays last');
    assert.ok(r.text.endsWith('        due: 2024-03-18\n# end of file\n'));
  });

  it('writes action items in the style of the neighbours’ (flow items, quoting, spacing)', () => {
    const withFlowItems = fixture('basic.yml').replace(
      '      - who: ben\n        what: Type the user handler\n        done: true\n      - who: ana\n        what: Share the lint config\n',
      '      - { who: ben, what: "Type the user handler", done: true }\n',
    );
    const session = { date: '2024-03-04', partnership: 'ana-ben', status: 'held' as const, actions: [{ who: 'ben', what: 'Write the error middleware', done: false }, { who: 'ana', what: 'Review it, then merge', done: false }] };
    const flowItems = addSession(withFlowItems, session);
    assertEdit(withFlowItems, flowItems, [], [
      '  - date: 2024-03-04',
      '    partnership: ana-ben',
      '    status: held',
      '    actions:',
      '      - { who: ben, what: "Write the error middleware", done: false }',
      '      - { who: ana, what: "Review it, then merge", done: false }',
    ]);
    // A neighbour with the whole list in flow style, no spaces inside the braces; a session between without actions.
    const flowList = fixture('basic.yml').replace(
      '    actions:\n      - who: ben\n        what: Type the user handler\n        done: true\n      - who: ana\n        what: Share the lint config\n',
      "    actions: [{who: ben, what: 'Type the user handler', done: true}]\n",
    );
    const list = addSession(flowList, session);
    assertEdit(flowList, list, [], ['  - date: 2024-03-04', '    partnership: ana-ben', '    status: held', "    actions: [{who: ben, what: 'Write the error middleware', done: false}, {who: ana, what: 'Review it, then merge', done: false}]"]);
    // Block items next to block items, as before.
    const block = addSession(fixture('basic.yml'), session);
    assertEdit(fixture('basic.yml'), block, [], [
      '  - date: 2024-03-04',
      '    partnership: ana-ben',
      '    status: held',
      '    actions:',
      '      - who: ben',
      '        what: Write the error middleware',
      '        done: false',
      '      - who: ana',
      '        what: Review it, then merge',
      '        done: false',
    ]);
  });

  it('adds a partner with a slug id, keeping the blank line between entries', () => {
    const before = fixture('basic.yml');
    const r = addPartner(before, { name: 'Dana Smith', emails: ['dana@example.com'], strengths: [], wants: ['go'] });
    assert.equal(r.id, 'dana-smith');
    const model = assertEdit(before, r, [], ['  - id: dana-smith', '    name: Dana Smith', '    emails: [dana@example.com]', '    wants: [go]', '']);
    assert.ok(r.text.includes("    wants: [testing]\n\n  - id: dana-smith\n"));
    assert.deepEqual(model.partners[3], { id: 'dana-smith', name: 'Dana Smith', emails: ['dana@example.com'], wants: ['go'] });
    const again = addPartner(r.text, { name: 'Dana Smith' });
    assert.equal(again.id, 'dana-smith-2');
  });

  it('adds a partnership and a goal in the format order, with an active status by default', () => {
    const before = fixture('basic.yml');
    const p = addPartnership(before, { members: ['ben', 'chen'], kind: 'one-way', mentor: 'ben', cadence: 7 });
    assert.equal(p.id, 'ben-chen');
    assertEdit(before, p, [], ['  - id: ben-chen', '    members: [ben, chen]', '    kind: one-way', '    mentor: ben', '    cadence: 7']);
    const g = addGoal(p.text, { title: 'Handle async errors', partnership: 'ben-chen', owner: 'chen', skills: ['node'], progress: 0 });
    assert.equal(g.id, 'handle-async-errors');
    const model = assertEdit(p.text, g, [], [
      '  - id: handle-async-errors',
      '    partnership: ben-chen',
      '    owner: chen',
      '    title: Handle async errors',
      '    skills: [node]',
      '    status: active',
      '    progress: 0',
    ]);
    assert.equal(model.goals[2].status, 'active');
  });

  it('follows `- ` at the key column and 4-space indents', () => {
    const flush = fixture('flush.yml');
    const r = addSession(flush, { date: '2024-03-08', partnership: 'ana-ben', status: 'held', actions: [{ who: 'ben', what: 'Review', done: false }] });
    assertEdit(flush, r, [], ['- date: 2024-03-08', '  partnership: ana-ben', '  status: held', '  actions:', '  - who: ben', '    what: Review', '    done: false']);
    const p = addPartnership(r.text, { id: 'ben-ana', members: ['ben', 'ana'], kind: 'mutual' });
    assertEdit(r.text, p, [], ['- id: ben-ana', '  members:', '  - ben', '  - ana', '  kind: mutual'], );

    const four = fixture('four-space.yml');
    const s = addSession(four, { date: '2024-04-09', partnership: 'ana-ben', status: 'held', notes: 'Two\nlines\n', actions: [{ who: 'ana', what: 'Read' }] });
    assertEdit(four, s, [], [
      '    -   date: 2024-04-09',
      '        partnership: ana-ben',
      '        status: held',
      '        notes: |',
      '            Two',
      '            lines',
      '        actions:',
      '            -   who: ana',
      '                what: Read',
    ]);
  });

  it('keeps CRLF line endings and the byte order mark', () => {
    const before = fixture('crlf-bom.yml');
    assert.ok(before.startsWith('\ufeff') && before.includes('\r\n'));
    const r = addSession(before, { date: '2024-06-08', partnership: 'ana-ben', status: 'held', notes: 'A\nB' });
    assert.ok(r.text.startsWith('\ufeff# Saved on Windows.\r\n'));
    assert.equal(r.text.replace(/\r\n/g, '').includes('\n'), false, 'no bare line feeds');
    assertEdit(before, r, [], ['  - date: 2024-06-08', '    partnership: ana-ben', '    status: held', '    notes: |-', '      A', '      B']);
    const g = addGoalReview(r.text, 'g1', { date: '2024-06-08', by: 'ana', progress: 20 });
    assert.equal(g.text.replace(/\r\n/g, '').includes('\n'), false, 'no bare line feeds');
    assertEdit(r.text, g, [], ['    progress: 20', '    reviews:', '      - date: 2024-06-08', '        by: ana', '        progress: 20']);
  });

  it('appends to flow lists in flow style', () => {
    const before = fixture('quoting.yml');
    const r = addPartnership(before, { members: ['ana', 'chen'], kind: 'mutual', notes: 'Mondays, 10:00' });
    const line = r.text.split('\n').find((l) => l.startsWith('partnerships:'));
    assert.equal(
      line,
      'partnerships: [{id: ana-ben, members: [ana, ben], kind: mutual}, {id: ben-chen, members: [ben, chen], kind: mutual}, ' +
        '{id: ana-chen, members: [ana, chen], kind: mutual, notes: "Mondays, 10:00"}]',
    );
    const model = modelOf(r.text);
    assert.equal(model.partnerships[2].notes, 'Mondays, 10:00');
  });

  it('creates a missing list, or replaces an empty one, and keeps a missing final newline missing', () => {
    const before = fixture('minimal.yml');
    const g = addGoal(before, { title: 'SQL', partnership: 'ana-ben', owner: 'ana' });
    assertEdit(before, g, [], ['goals:', '  - id: sql', '    partnership: ana-ben', '    owner: ana', '    title: SQL', '    status: active']);
    assert.ok(g.text.includes('    kind: mutual\ngoals:\n'), 'goals go before sessions, in the format order');
    const s = addSession(g.text, { date: '2024-01-01', partnership: 'ana-ben', status: 'cancelled', reason: 'Holiday' });
    assertEdit(g.text, s, ['sessions: []'], ['sessions:', '  - date: 2024-01-01', '    partnership: ana-ben', '    status: cancelled', '    reason: Holiday']);
    assert.ok(!s.text.endsWith('\n'));
    const t = addSession(s.text, { date: '2024-01-08', partnership: 'ana-ben', status: 'held' });
    assertEdit(s.text, t, [], ['  - date: 2024-01-08', '    partnership: ana-ben', '    status: held']);

    const empty = 'version: 1 # v1\npartners:\n  - id: a\n    name: A\n  - id: b\n    name: B\npartnerships:  # none yet\n';
    const p = addPartnership(empty, { members: ['a', 'b'], kind: 'mutual' });
    assertEdit(empty, p, [], ['  - id: a-b', '    members: [a, b]', '    kind: mutual']);
  });

  it('quotes only values that need it and reads every value back', () => {
    const before = fixture('basic.yml');
    const odd = ['yes', '123', 'a: b', '#tag', ' lead', 'it\'s', '"q"', '2024-01-01', 'null', '- x', '[x]', 'tab\there', 'ünïcode ✓'];
    let text = before;
    for (const what of odd) text = addSession(text, { date: '2024-03-01', partnership: 'ana-ben', status: 'held', actions: [{ who: 'ana', what }] }).text;
    const model = modelOf(text);
    assert.deepEqual(
      model.sessions.slice(2).map((s) => s.actions?.[0].what),
      odd,
    );
    assert.ok(text.includes('what: Walk') === false);
    assert.ok(text.includes('        what: ünïcode ✓\n'), 'plain when plain is safe');
    assert.ok(text.includes('        what: "yes"\n'), 'YAML 1.1 booleans are quoted');
    const notes = ['  indented first line\nsecond', 'trailing\n\n', 'a\n\nb\n', '\n', 'bell\u0007\nline'];
    for (const n of notes) text = addSession(text, { date: '2024-03-02', partnership: 'ana-ben', status: 'held', notes: n }).text;
    assert.deepEqual(
      modelOf(text).sessions.slice(-notes.length).map((s) => s.notes),
      notes,
    );
  });

  it('normalises line breaks of new text and leaves out empty values', () => {
    const before = fixture('basic.yml');
    const r = addSession(before, { date: '2024-03-01', partnership: 'ana-ben', status: 'held', notes: 'one\r\ntwo', goals: [], reason: '' });
    assertEdit(before, r, [], ['  - date: 2024-03-01', '    partnership: ana-ben', '    status: held', '    notes: |-', '      one', '      two']);
  });
});

describe('edit: changing entries', () => {
  beforeEach(clearEditCache);

  it('replaces only the scalar text, keeping comments and quotes', () => {
    const before = fixture('basic.yml');
    const r = updateGoal(before, 'ben-ts', { status: 'achieved', progress: 100 });
    assertEdit(before, r, ['    status: active # agreed in January', '    progress: 40'], ['    status: achieved # agreed in January', '    progress: 100']);
    const q = updateGoal(before, 'chen-tests', { status: 'active' });
    assertEdit(before, q, ['    status: "proposed"'], ['    status: "active"']);
    const quoted = updateGoal(fixture('quoting.yml'), 'ben-ts', { status: 'paused', progress: 15 });
    assertEdit(fixture('quoting.yml'), quoted, ["    status: 'active'", '    progress: 10'], ["    status: 'paused'", '    progress: 15']);
  });

  it('inserts an absent key after the most related sibling', () => {
    const before = fixture('basic.yml');
    const r = updateGoal(before, 'chen-tests', { progress: 5 });
    assertEdit(before, r, [], ['    progress: 5']);
    assert.ok(r.text.includes('    status: "proposed"\n    progress: 5\n'));
  });

  it('makes no edit when nothing changes', () => {
    const before = fixture('basic.yml');
    const r = updateGoal(before, 'ben-ts', { progress: 40 });
    assert.equal(r.text, before);
    assert.deepEqual(r.edits, []);
  });

  it('adds a review and moves the goal to it', () => {
    const before = fixture('basic.yml');
    const r = addGoalReview(before, 'ben-ts', { date: '2024-03-01', by: 'ana', progress: 70, note: 'Handlers typed.\nTests next.' });
    const model = assertEdit(before, r, ['    progress: 40', '    reviews:', '      - date: 2024-02-01', '        by: ana', '        progress: 40'], [
      '    progress: 70',
      '    reviews:',
      '      - date: 2024-02-01',
      '        by: ana',
      '        progress: 40',
      '      - date: 2024-03-01',
      '        by: ana',
      '        progress: 70',
      '        note: |-',
      '          Handlers typed.',
      '          Tests next.',
    ]);
    assert.equal(model.goals[0].progress, 70);
    const only = addGoalReview(before, 'ben-ts', { date: '2024-03-01', by: 'ana', progress: 70, status: 'paused' }, { updateGoal: false });
    assert.equal(modelOf(only.text).goals[0].progress, 40);
    assert.equal(modelOf(only.text).goals[0].status, 'active');
    const first = addGoalReview(before, 'chen-tests', { date: '2024-03-01', by: 'chen', progress: 10, status: 'active' });
    assertEdit(before, first, ['    status: "proposed"'], ['    status: "active"', '    progress: 10', '    reviews:', '      - date: 2024-03-01', '        by: chen', '        progress: 10', '        status: active']);
  });

  it('ticks an action in block and in flow style', () => {
    const before = fixture('basic.yml');
    const r = setActionDone(before, { session: 0, action: 1 }, true);
    assertEdit(before, r, [], ['        done: true']);
    const back = setActionDone(r.text, { session: 0, action: 0 }, false);
    assertEdit(r.text, back, ['        done: true'], ['        done: false']);
    const q = fixture('quoting.yml');
    const f = setActionDone(q, { session: 0, action: 0 }, true);
    assertEdit(
      q,
      f,
      ['  - {date: 2024-05-01, partnership: ana-ben, status: held, actions: [{who: ana, what: Pair on tests}]}'],
      ['  - {date: 2024-05-01, partnership: ana-ben, status: held, actions: [{who: ana, what: Pair on tests, done: true}]}'],
    );
    const g = setActionDone(q, { session: 1, action: 0 }, true);
    assertEdit(q, g, ['      - {who: ben, what: "Fix: the build", done: false}'], ['      - {who: ben, what: "Fix: the build", done: true}']);
  });
});

describe('edit: refusals', () => {
  beforeEach(clearEditCache);
  const base = fixture('basic.yml');

  it('refuses a file with errors, with its problems', () => {
    const broken = base.replace('partnership: ana-chen\n    status: cancelled', 'partnership: nobody\n    status: cancelled');
    const e = refused(() => addPartner(broken, { name: 'X' }), 'unknown-partnership');
    assert.match(e.message, /has an error/);
    refused(() => addSession('version: 1\nsessions: [\n', { date: '2024-01-01', partnership: 'x', status: 'held' }), 'yaml-syntax');
  });

  it('refuses unknown references and duplicate ids', () => {
    refused(() => addSession(base, { date: '2024-03-01', partnership: 'nope', status: 'held' }), 'unknown-partnership');
    refused(() => addSession(base, { date: '2024-03-01', partnership: 'ana-ben', status: 'held', goals: ['nope'] }), 'unknown-goal');
    refused(() => addSession(base, { date: '2024-03-01', partnership: 'ana-ben', status: 'held', goals: ['chen-tests'] }), 'goal-not-in-partnership');
    refused(() => addSession(base, { date: '2024-03-01', partnership: 'ana-ben', status: 'held', actions: [{ who: 'chen', what: 'x' }] }), 'not-a-member');
    refused(() => addGoal(base, { title: 'T', partnership: 'ana-ben', owner: 'chen' }), 'not-a-member');
    refused(() => addGoal(base, { title: 'T', partnership: 'zz', owner: 'ana' }), 'unknown-partnership');
    refused(() => addPartnership(base, { members: ['ana', 'zed'], kind: 'mutual' }), 'unknown-partner');
    refused(() => addPartnership(base, { members: ['ana'], kind: 'mutual' }), 'too-few-members');
    refused(() => addPartnership(base, { members: ['ana', 'ben'], kind: 'one-way' }), 'missing-mentor');
    refused(() => addPartnership(base, { members: ['ana', 'ben'], kind: 'one-way', mentor: 'chen' }), 'mentor-not-member');
    refused(() => addPartner(base, { id: 'ana', name: 'Another Ana' }), /already a partner with id 'ana'/);
    refused(() => addGoal(base, { id: 'ben-ts', title: 'T', partnership: 'ana-ben', owner: 'ana' }), /already a goal/);
    refused(() => addGoalReview(base, 'ben-ts', { date: '2024-03-01', by: 'zed' }), 'unknown-partner');
    refused(() => updateGoal(base, 'nope', { progress: 1 }), /no goal 'nope'/);
    refused(() => setActionDone(base, { session: 5, action: 0 }, true), /no session #6/);
    refused(() => setActionDone(base, { session: 1, action: 0 }, true), /has no action #1/);
  });

  it('refuses values the format does not allow', () => {
    refused(() => addSession(base, { date: '2024-02-30', partnership: 'ana-ben', status: 'held' }), 'invalid-date');
    refused(() => addSession(base, { date: '2024-03-01', partnership: 'ana-ben', status: 'maybe' as 'held' }), 'invalid-enum');
    refused(() => addSession(base, { date: '2024-03-01', partnership: 'ana-ben', status: 'held', minutes: -5 }), 'invalid-number');
    refused(() => addSession(base, { date: '2024-03-01', partnership: 'ana-ben', status: 'held', minutes: Number.NaN }), /not a number/);
    refused(() => updateGoal(base, 'ben-ts', { progress: 150 }), 'invalid-progress');
    refused(() => updateGoal(base, 'ben-ts', { progress: 12.5 }), 'invalid-progress');
    refused(() => updateGoal(base, 'ben-ts', {}), /nothing to change/);
    refused(() => addPartner(base, { name: '  ' }), /needs a name/);
    refused(() => addGoal(base, { title: '', partnership: 'ana-ben', owner: 'ana' }), /needs a title/);
    refused(() => addSession(base, { date: '2024-03-01', partnership: 'ana-ben', status: 'held', mood: 'good' } as never), /unknown key 'mood'/);
    refused(() => addSession(base, { date: '', partnership: 'ana-ben', status: 'held' }), 'missing-field');
  });

  it('points a refused entry at where it would go', () => {
    const e = refused(() => addSession(base, { date: '2024-03-01', partnership: 'nope', status: 'held' }), 'unknown-partnership');
    assert.deepEqual(e.problems[0].range.start, { line: 72, col: 1 });
    assert.match(e.message, /^cannot add the session: session on 2024-03-01 refers to unknown partnership "nope"$/);
  });

  it('refuses to change a value shared through an anchor', () => {
    const text = 'version: 1\npartners:\n  - {id: a, name: A}\n  - {id: b, name: B}\npartnerships:\n  - {id: ab, members: [a, b], kind: mutual}\ngoals:\n  - {id: g1, partnership: ab, owner: a, title: T, status: &s active}\n  - {id: g2, partnership: ab, owner: b, title: U, status: *s}\n';
    modelOf(text);
    refused(() => updateGoal(text, 'g1', { status: 'achieved' }), /anchor &s/);
    const r = updateGoal(text, 'g2', { status: 'paused' });
    assertEdit(text, r, ['  - {id: g2, partnership: ab, owner: b, title: U, status: *s}'], ['  - {id: g2, partnership: ab, owner: b, title: U, status: paused}']);
    assert.equal(modelOf(r.text).goals[0].status, 'active');
  });
});
