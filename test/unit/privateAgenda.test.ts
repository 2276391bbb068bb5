import * as assert from 'assert/strict';
import { listNotes } from '../../src/cli/notes';
import { MentoringFile } from '../../src/core/file/model';
import { parseMentoring } from '../../src/core/file/parse';
import { lastSessionNotes, renderPrivateAgendaBlock, withPrivateBlock } from '../../src/core/mentoring/privateAgenda';
import { PrivateNote, resolveNotes, sessionRef } from '../../src/core/notes/privateNotes';
import { privateBlock } from '../../src/core/notes/privateView';

const BASE = `version: 1
partners:
  - { id: alice, name: Alice }
  - { id: bob, name: Bob }
partnerships:
  - { id: alice-bob, members: [alice, bob], kind: mutual }
sessions:
`;

function fileWith(...sessions: string[]): MentoringFile {
  const text = `${BASE}${sessions.map((s) => `  - ${s}\n`).join('')}`;
  const parsed = parseMentoring(text);
  assert.deepEqual(parsed.problems.filter((p) => p.severity === 'error'), [], text);
  return parsed.model as MentoringFile;
}

const S1 = '{ date: 2026-01-10, partnership: alice-bob, status: held, minutes: 45, notes: "Tokenizer" }';
const S2 = '{ date: 2026-01-24, partnership: alice-bob, status: held, minutes: 30, notes: "Error handling" }';
const S2_MOVED = S2.replace('2026-01-24', '2026-01-25');
const S3 = '{ date: 2026-02-07, partnership: alice-bob, status: cancelled, reason: "Bob was ill" }';

function noteOn(file: MentoringFile, index: number, text: string): PrivateNote {
  return { id: `n-${text.length}-${index}`, file: '.mentoring.yml', session: sessionRef(file.sessions[index]), written: '2026-01-24T12:00:00Z', text };
}

describe('private notes on the agenda', () => {
  it('offers the notes on the last held session, not on earlier or cancelled ones', () => {
    const file = fileWith(S1, S2, S3);
    const notes = [noteOn(file, 0, 'old'), noteOn(file, 1, 'Next time: ask about retries'), noteOn(file, 2, 'cancelled one')];
    const last = lastSessionNotes(file, 'alice-bob', resolveNotes(notes, file, '.mentoring.yml'));
    assert.ok(last);
    assert.equal(last.date, '2026-01-24');
    assert.deepEqual(
      last.notes.map((n) => n.text),
      ['Next time: ask about retries'],
    );
    assert.equal(lastSessionNotes(file, 'alice-bob', resolveNotes([notes[0]], file, '.mentoring.yml')), undefined, 'none on the last held session: no block');
    assert.equal(lastSessionNotes(file, 'alice-bob', undefined), undefined, 'notes that cannot be read: no block');
  });

  it('shows the block marked private, its text inert, between the title and the agenda', () => {
    const file = fileWith(S1, S2);
    const note = noteOn(file, 1, 'Ask *why* [here](command:x)\n# not a heading');
    const last = lastSessionNotes(file, 'alice-bob', resolveNotes([note], file, '.mentoring.yml'));
    assert.ok(last);
    const block = renderPrivateAgendaBlock(last);
    assert.equal(
      block,
      '> **Private — only you see this.** Your notes from the session of 2026-01-24, kept on this machine: Copy and Save As leave them out.\n' +
        '>\n' +
        '> Ask \\*why\\* \\[here\\]\\(command:x\\)\n' +
        '> \\# not a heading',
    );
    const agenda = '# Session agenda: Alice and Bob\n\nMutual mentoring (alice-bob) · prepared 2026-02-01\n\n## Since the last session\n\n- x\n';
    assert.equal(withPrivateBlock(agenda, block), `# Session agenda: Alice and Bob\n\nMutual mentoring (alice-bob) · prepared 2026-02-01\n\n${block}\n\n## Since the last session\n\n- x\n`);
    assert.equal(withPrivateBlock(agenda, undefined), agenda);
  });
});

describe('private notes follow a session’s date change everywhere', () => {
  const before = fileWith(S1, S2, S3);
  const note = noteOn(before, 1, 'Kept on the second session');
  const after = fileWith(S1, S2_MOVED, S3);

  it('the CLI lists it under the new date', () => {
    const [listed] = listNotes([note], after, '.mentoring.yml');
    assert.equal(listed.attached, true);
    assert.equal(listed.date, '2026-01-25');
    assert.equal(listed.status, 'held');
    assert.equal(listed.session, 1);
  });

  it('the review panel shows it at the new date', () => {
    const block = privateBlock(after, 'alice-bob', { store: '/x', resolution: resolveNotes([note], after, '.mentoring.yml') });
    assert.deepEqual(
      block.sessions.map((s) => [s.date, s.notes.map((n) => n.text)]),
      [['2026-01-25', ['Kept on the second session']]],
    );
  });

  it('the agenda offers it from the moved session', () => {
    const last = lastSessionNotes(after, 'alice-bob', resolveNotes([note], after, '.mentoring.yml'));
    assert.equal(last?.date, '2026-01-25');
    assert.match(renderPrivateAgendaBlock(last), /session of 2026-01-25/);
  });

  it('all say the same date (and the old one nowhere)', () => {
    const res = resolveNotes([note], after, '.mentoring.yml');
    const dates = [listNotes([note], after, '.mentoring.yml')[0].date, privateBlock(after, 'alice-bob', { store: '/x', resolution: res }).sessions[0]?.date, lastSessionNotes(after, 'alice-bob', res)?.date];
    assert.deepEqual(dates, ['2026-01-25', '2026-01-25', '2026-01-25']);
  });
});
