import * as assert from 'assert/strict';
import { MentoringFile, Session } from '../../src/core/file/model';
import { parseMentoring } from '../../src/core/file/parse';
import {
  emptyNotes,
  matchScore,
  mergeNotes,
  NotesData,
  NotesFormatError,
  parseNotes,
  PrivateNote,
  refreshRefs,
  resolveNotes,
  serializeNotes,
  sessionFingerprint,
  sessionRef,
  goalRef,
  withIdentity,
} from '../../src/core/notes/privateNotes';

const BASE = `version: 1
partners:
  - { id: alice, name: Alice }
  - { id: bob, name: Bob }
  - { id: carol, name: Carol }
partnerships:
  - { id: alice-bob, members: [alice, bob], kind: mutual }
  - { id: bob-carol, members: [bob, carol], kind: one-way, mentor: bob }
goals:
  - { id: parser, partnership: alice-bob, owner: alice, title: Learn the parser, status: active }
  - { id: go, partnership: bob-carol, owner: carol, title: Learn Go, status: active }
`;

/** A file with these sessions (YAML flow maps), in this order. */
function fileWith(...sessions: string[]): MentoringFile {
  const text = `${BASE}sessions:\n${sessions.map((s) => `  - ${s}\n`).join('')}`;
  const parsed = parseMentoring(text);
  assert.deepEqual(parsed.problems.filter((p) => p.severity === 'error'), [], text);
  return parsed.model as MentoringFile;
}

const S1 = '{ date: 2026-01-10, partnership: alice-bob, status: held, minutes: 45, goals: [parser], notes: "Walked through the tokenizer" }';
const S2 = '{ date: 2026-01-24, partnership: alice-bob, status: held, minutes: 30, notes: "Error handling" }';
const S3 = '{ date: 2026-01-12, partnership: bob-carol, status: held, minutes: 60 }';
const S4 = '{ date: 2026-02-07, partnership: alice-bob, status: cancelled, reason: "Bob was ill" }';

let seq = 0;
function noteOn(file: MentoringFile, index: number, text = `note ${++seq}`): PrivateNote {
  return { id: `n${++seq}`, file: '.mentoring.yml', session: sessionRef(file.sessions[index]), written: '2026-01-10T12:00:00Z', text };
}

/** Where each note is now: a session's date and status, `goal:<id>`, or `detached`. */
function placed(notes: PrivateNote[], file: MentoringFile): Record<string, string> {
  const res = resolveNotes(notes, file, '.mentoring.yml');
  const out: Record<string, string> = {};
  for (const [i, list] of res.sessions) for (const n of list) out[n.text] = `${file.sessions[i].partnership} ${file.sessions[i].date} ${file.sessions[i].status} #${i}`;
  for (const [g, list] of res.goals) for (const n of list) out[n.text] = `goal:${g}`;
  for (const n of res.detached) out[n.text] = 'detached';
  return out;
}

describe('private notes: references to sessions and goals', () => {
  it('fingerprints what a session says, not whether its action items are done or how its lines end', () => {
    const base: Session = { date: '2026-01-10', partnership: 'a', status: 'held', notes: 'One\ntwo', actions: [{ who: 'bob', what: 'Read' }] };
    const f = sessionFingerprint(base);
    assert.match(f, /^[0-9a-f]{16}$/);
    assert.equal(sessionFingerprint({ ...base, date: '2027-01-01', partnership: 'b' }), f, 'date and partnership are kept beside it');
    assert.equal(sessionFingerprint({ ...base, notes: 'One\r\ntwo\n' }), f);
    assert.equal(sessionFingerprint({ ...base, actions: [{ who: 'bob', what: 'Read', done: true }] }), f);
    assert.notEqual(sessionFingerprint({ ...base, notes: 'One\nthree' }), f);
    assert.notEqual(sessionFingerprint({ ...base, minutes: 30 }), f);
    assert.notEqual(sessionFingerprint({ ...base, status: 'cancelled' }), f);
  });

  it('keeps each note on its session when others add, reorder and remove sessions around it', () => {
    const before = fileWith(S1, S2, S3);
    const notes = [noteOn(before, 0, 'on S1'), noteOn(before, 1, 'on S2'), noteOn(before, 2, 'on S3')];
    assert.deepEqual(placed(notes, before), { 'on S1': 'alice-bob 2026-01-10 held #0', 'on S2': 'alice-bob 2026-01-24 held #1', 'on S3': 'bob-carol 2026-01-12 held #2' });
    // Reordered, one inserted at the top, one appended.
    const after = fileWith(S4, S3, S2, '{ date: 2026-01-10, partnership: bob-carol, status: held }', S1);
    assert.deepEqual(placed(notes, after), { 'on S1': 'alice-bob 2026-01-10 held #4', 'on S2': 'alice-bob 2026-01-24 held #2', 'on S3': 'bob-carol 2026-01-12 held #1' });
  });

  it('follows sessions through a merge of two branches that both logged sessions', () => {
    const base = fileWith(S1, S2);
    const notes = [noteOn(base, 0, 'first'), noteOn(base, 1, 'second')];
    const ours = '{ date: 2026-02-01, partnership: alice-bob, status: held, minutes: 45 }';
    const theirs = '{ date: 2026-02-01, partnership: bob-carol, status: held, minutes: 45 }';
    const merged = fileWith(S1, ours, S2, theirs);
    assert.deepEqual(placed(notes, merged), { first: 'alice-bob 2026-01-10 held #0', second: 'alice-bob 2026-01-24 held #2' });
  });

  it('stays with a session whose notes or minutes someone edited', () => {
    const before = fileWith(S1, S2);
    const notes = [noteOn(before, 0, 'mine')];
    const edited = fileWith('{ date: 2026-01-10, partnership: alice-bob, status: held, minutes: 50, goals: [parser], notes: "Walked through the tokenizer and the lexer" }', S2);
    assert.deepEqual(placed(notes, edited), { mine: 'alice-bob 2026-01-10 held #0' });
  });

  it('tells two sessions of one day apart, also after one of them was edited', () => {
    const morning = '{ date: 2026-03-02, partnership: alice-bob, status: held, minutes: 30, notes: "Morning: CI" }';
    const evening = '{ date: 2026-03-02, partnership: alice-bob, status: held, minutes: 90, goals: [parser], notes: "Evening: the parser" }';
    const before = fileWith(morning, evening);
    const notes = [noteOn(before, 0, 'morning note'), noteOn(before, 1, 'evening note')];
    // Swapped in the file, and the evening's notes rewritten: the morning keeps its exact match,
    // the evening's note goes to the one left.
    const after = fileWith('{ date: 2026-03-02, partnership: alice-bob, status: held, minutes: 90, goals: [parser], notes: "Evening: the parser, the lexer" }', morning);
    assert.deepEqual(placed(notes, after), { 'morning note': 'alice-bob 2026-03-02 held #1', 'evening note': 'alice-bob 2026-03-02 held #0' });
    // Both edited: the most similar (minutes, goals) wins.
    const both = fileWith('{ date: 2026-03-02, partnership: alice-bob, status: held, minutes: 90, goals: [parser], notes: "E" }', '{ date: 2026-03-02, partnership: alice-bob, status: held, minutes: 30, notes: "M" }');
    assert.deepEqual(placed(notes, both), { 'morning note': 'alice-bob 2026-03-02 held #1', 'evening note': 'alice-bob 2026-03-02 held #0' });
  });

  it('finds a session whose date or partnership id was corrected, by its unchanged content', () => {
    const before = fileWith(S1, S2);
    const notes = [noteOn(before, 1, 'moved')];
    assert.deepEqual(placed(notes, fileWith(S1, S2.replace('2026-01-24', '2026-01-23'))), { moved: 'alice-bob 2026-01-23 held #1' });
    const renamed = parseMentoring(`${BASE.replace(/alice-bob/g, 'ab')}sessions:\n  - ${S1.replace('alice-bob', 'ab')}\n  - ${S2.replace('alice-bob', 'ab')}\n`).model as MentoringFile;
    assert.deepEqual(placed(notes, renamed), { moved: 'ab 2026-01-24 held #1' });
    // Date and content both changed: no longer the same session.
    assert.deepEqual(placed(notes, fileWith(S1, S2.replace('2026-01-24', '2026-01-23').replace('Error handling', 'Errors'))), { moved: 'detached' });
  });

  it('keeps a note whose session was removed, as detached: also when another session took its day', () => {
    const before = fileWith(S1, S4);
    const notes = [noteOn(before, 1, 'why we cancelled'), noteOn(before, 0, 'kept')];
    assert.deepEqual(placed(notes, fileWith(S1)), { 'why we cancelled': 'detached', kept: 'alice-bob 2026-01-10 held #0' });
    // The cancelled session replaced by a held one on the same day: a different session.
    const replaced = fileWith(S1, '{ date: 2026-02-07, partnership: alice-bob, status: held, minutes: 20 }');
    assert.deepEqual(placed(notes, replaced), { 'why we cancelled': 'detached', kept: 'alice-bob 2026-01-10 held #0' });
    // And it comes back when the session does.
    assert.deepEqual(placed(notes, fileWith(S4, S1)).kept, 'alice-bob 2026-01-10 held #1');
    assert.deepEqual(placed(notes, fileWith(S4, S1))['why we cancelled'], 'alice-bob 2026-02-07 cancelled #0');
  });

  it('puts several notes on one session together, also when they were written against different versions of it', () => {
    const v1 = fileWith(S1);
    const first = noteOn(v1, 0, 'first');
    const v2 = fileWith(S1.replace('minutes: 45', 'minutes: 50'));
    // The second note is written against the edited session; writing it refreshes the first one's reference.
    const notes = [...refreshRefs([first], v2, '.mentoring.yml'), noteOn(v2, 0, 'second')];
    assert.equal(notes[0].session?.minutes, 50);
    const res = resolveNotes(notes, v2, '.mentoring.yml');
    assert.deepEqual(res.sessions.get(0)?.map((n) => n.text), ['first', 'second']);
  });

  it('refreshes only attached notes and leaves detached ones and other files’ notes as they were', () => {
    const before = fileWith(S1, S2);
    const a = noteOn(before, 0, 'a');
    const b = noteOn(before, 1, 'b');
    const other: PrivateNote = { ...noteOn(before, 0, 'other'), file: 'team/.mentoring.yml' };
    const after = fileWith(S1.replace('minutes: 45', 'minutes: 40'));
    const fresh = refreshRefs([a, b, other], after, '.mentoring.yml');
    assert.deepEqual(fresh[0].session, sessionRef(after.sessions[0]));
    assert.equal(fresh[1], b);
    assert.equal(fresh[2], other);
    assert.deepEqual(placed([a, b, other], after), { a: 'alice-bob 2026-01-10 held #0', b: 'detached' });
  });

  it('attaches reflections to goals by id, by partnership and title after an id change, else detached', () => {
    const file = fileWith(S1);
    const reflection = (goal: { id: string; partnership: string; title: string }, text: string): PrivateNote => ({ id: text, file: '.mentoring.yml', goal: goalRef(goal), review: '2026-01-10', written: '2026-01-10T12:00:00Z', text });
    const notes = [reflection(file.goals[0], 'same'), reflection({ id: 'old-id', partnership: 'bob-carol', title: 'Learn Go' }, 'renamed'), reflection({ id: 'gone', partnership: 'alice-bob', title: 'Gone' }, 'gone')];
    assert.deepEqual(placed(notes, file), { same: 'goal:parser', renamed: 'goal:go', gone: 'detached' });
    assert.equal(refreshRefs(notes, file, '.mentoring.yml')[1].goal?.id, 'go');
  });
});

describe('private notes: the store file', () => {
  const sample = (): NotesData => {
    const file = fileWith(S1);
    const data = emptyNotes();
    data.repository = { roots: ['a'.repeat(40)], remotes: ['github.com/acme/shop'], paths: ['/home/alice/shop'] };
    data.notes = [
      { id: 'aa11', file: '.mentoring.yml', session: sessionRef(file.sessions[0]), written: '2026-01-10T15:04:05Z', text: 'I froze in that design review.\nAnd said nothing.\n' },
      { id: 'bb22', file: 'team/.mentoring.yml', goal: goalRef(file.goals[0]), review: '2026-01-11', written: '2026-01-11T09:00:00Z', text: 'Hostile: ---\n# not a comment\n  indented\t\u0007\u202e\u0000 "quotes" \'single\' |pipe\nnull\n' },
      { id: 'cc33', file: '.mentoring.yml', goal: { id: 'yes', partnership: 'no', title: '123' }, written: '2026-01-11T09:00:00Z', text: '' },
    ];
    return data;
  };

  it('writes the notes as readable YAML that reads back exactly, whatever the text holds', () => {
    const data = sample();
    const text = serializeNotes(data);
    assert.match(text, /^# Private mentoring notes/);
    assert.match(text, /text: \|\n {6}I froze in that design review\.\n {6}And said nothing\.\n/);
    assert.deepEqual(parseNotes(text), data);
  });

  it('reads an empty file as no notes', () => {
    assert.deepEqual(parseNotes(''), emptyNotes());
  });

  const fails = (text: string, line: number, reason: RegExp): void => {
    assert.throws(
      () => parseNotes(text),
      (e: unknown) => e instanceof NotesFormatError && e.line === line && reason.test(e.reason),
      `expected line ${line}: ${reason}`,
    );
  };

  it('reports a corrupt file at its line', () => {
    const good = serializeNotes(sample()).split('\n');
    const at = good.findIndex((l) => l.includes('id: bb22'));
    fails([...good.slice(0, at), '  - id: bb22: bad', ...good.slice(at + 1)].join('\n'), at + 1, /nested mappings are not allowed/i);
    fails(good.join('\n').replace('status: held', 'status: maybe'), good.findIndex((l) => l.includes('status: held')) + 1, /status must be held, cancelled or rescheduled/);
    fails(good.join('\n').replace('    review: 2026-01-11', '    reviewed: 2026-01-11'), good.findIndex((l) => l.includes('review: 2026-01-11')) + 1, /unknown key "reviewed"/);
    fails(good.join('\n').replace('id: cc33', 'id: aa11'), good.findIndex((l) => l.includes('id: cc33')) + 1, /duplicate note id 'aa11'/);
    fails(good.join('\n').replace('version: 1', 'version: 2'), good.findIndex((l) => l.startsWith('version')) + 1, /newer Peer Mentoring/);
    fails('- just\n- a list\n', 1, /must be a map/);
    fails('version: 1\nnotes:\n  - id: x\n    file: a\n    written: 2026-01-01T00:00:00Z\n    text: hi\n', 3, /exactly one of session, goal and draft/);
  });

  it('merges imported notes: new ones added, identical ones skipped, different ones replaced only when forced', () => {
    const data = sample();
    const incoming: PrivateNote[] = [{ ...data.notes[0] }, { ...data.notes[1], text: 'other text' }, { ...data.notes[2], id: 'dd44' }];
    const m = mergeNotes(data, incoming, false);
    assert.deepEqual([m.added.map((n) => n.id), m.same.map((n) => n.id), m.conflicts.map((n) => n.id)], [['dd44'], ['aa11'], ['bb22']]);
    assert.equal(m.data.notes.find((n) => n.id === 'bb22')?.text, data.notes[1].text);
    assert.equal(mergeNotes(data, incoming, true).data.notes.find((n) => n.id === 'bb22')?.text, 'other text');
  });

  it('matches a store to a repository by root commit, then remote, then folder, and records what it learns', () => {
    const ids = { roots: ['r1'], remotes: ['github.com/acme/shop'], paths: ['/a'] };
    assert.equal(matchScore(ids, { key: 'git:r1', roots: ['r1'], remotes: [], path: '/b' }), 3);
    assert.equal(matchScore(ids, { key: 'remote:x', roots: [], remotes: ['x', 'github.com/acme/shop'], path: '/b' }), 2);
    assert.equal(matchScore(ids, { key: 'path:/a', roots: [], remotes: [], path: '/a' }), 1);
    assert.equal(matchScore(ids, { key: 'git:r2', roots: ['r2'], remotes: [], path: '/b' }), 0);
    const grown = withIdentity(ids, { key: 'git:r1', roots: ['r1'], remotes: ['gitlab.com/acme/shop'], path: '/c' });
    assert.deepEqual(grown, { roots: ['r1'], remotes: ['github.com/acme/shop', 'gitlab.com/acme/shop'], paths: ['/c', '/a'] });
  });
});
