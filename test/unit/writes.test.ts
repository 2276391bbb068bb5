import * as assert from 'assert/strict';
import { addSession, EditError, updateGoal } from '../../src/core/file';
import { achievedChange, progressChange } from '../../src/core/mentoring/goalProgress';
import { changedLines, undoWrite, writtenSpan } from '../../src/core/file/writes';
import { fixture } from './editHelpers';

const SESSION = { date: '2024-03-04', partnership: 'ana-ben', status: 'held' as const, minutes: 30 };

describe('writes: shown before, undone after', () => {
  it('shows the lines an edit adds, with their line numbers', () => {
    const before = fixture('basic.yml');
    const r = addSession(before, SESSION);
    const lines = changedLines(before, r);
    const first = before.split('\n').indexOf('    reason: Chen was away.') + 2;
    assert.deepEqual(lines, [
      { sign: '+', line: first, text: '  - date: 2024-03-04' },
      { sign: '+', line: first + 1, text: '    partnership: ana-ben' },
      { sign: '+', line: first + 2, text: '    status: held' },
      { sign: '+', line: first + 3, text: '    minutes: 30' },
    ]);
  });

  it('shows a changed value as the old line and the new one', () => {
    const before = fixture('basic.yml');
    const r = updateGoal(before, 'ben-ts', { status: 'achieved', progress: 100 });
    const lines = changedLines(before, r).map((l) => `${l.sign} ${l.text.trim()}`);
    assert.deepEqual(lines, ['- status: active # agreed in January', '+ status: achieved # agreed in January', '- progress: 40', '+ progress: 100'], 'whole lines, comments and all');
  });

  it('knows the span it wrote', () => {
    const before = fixture('basic.yml');
    const r = addSession(before, SESSION);
    const span = writtenSpan(r);
    assert.ok(span);
    assert.equal(r.text.slice(span.start, span.end), '  - date: 2024-03-04\n    partnership: ana-ben\n    status: held\n    minutes: 30\n');
    assert.equal(writtenSpan({ text: before, edits: [] }), undefined);
  });

  it('undoes a write on the text it made', () => {
    const before = fixture('basic.yml');
    const r = updateGoal(before, 'ben-ts', { status: 'achieved', progress: 100 });
    const undone = undoWrite(before, r, r.text);
    assert.equal(undone.text, before);
    assert.equal(undone.edits.length, 2, 'only the values it changed');
  });

  it('undoes a write after other changes elsewhere in the file, keeping them', () => {
    const before = fixture('basic.yml');
    const r = addSession(before, SESSION);
    const later = addSession(r.text, { ...SESSION, date: '2024-03-05' });
    const commented = `# a comment added meanwhile\n${later.text}`;
    const undone = undoWrite(before, r, commented);
    assert.equal(undone.text, `# a comment added meanwhile\n${addSession(before, { ...SESSION, date: '2024-03-05' }).text}`);
  });

  it('refuses when the written lines were changed since, or the file has errors', () => {
    const before = fixture('basic.yml');
    const r = addSession(before, SESSION);
    assert.throws(() => undoWrite(before, r, r.text.replace('minutes: 30', 'minutes: 35')), (e: unknown) => e instanceof EditError && /changed since/.test(e.message));
    assert.throws(() => undoWrite(before, r, r.text.replace('version: 1', 'version: [')), (e: unknown) => e instanceof EditError && /has errors now/.test(e.message));
  });
});

describe('goal progress and status agree', () => {
  it('marks a goal achieved at 100%, and active again below it', () => {
    assert.deepEqual(progressChange({ status: 'active', progress: 40 }, 100), { progress: 100, status: 'achieved' });
    assert.deepEqual(progressChange({ status: 'proposed' }, 100), { progress: 100, status: 'achieved' });
    assert.deepEqual(progressChange({ status: 'achieved', progress: 100 }, 30), { progress: 30, status: 'active' });
    assert.deepEqual(progressChange({ status: 'proposed' }, 30), { progress: 30, status: 'active' }, 'a goal with progress has started');
    assert.deepEqual(progressChange({ status: 'proposed' }, 0), { progress: 0 });
    assert.deepEqual(progressChange({ status: 'active', progress: 10 }, 60), { progress: 60 });
    assert.deepEqual(progressChange({ status: 'paused', progress: 10 }, 60), { progress: 60 }, 'paused stays paused');
    assert.deepEqual(progressChange({ status: 'dropped' }, 100), { progress: 100 }, 'dropped stays dropped');
  });

  it('brings progress to 100% when a goal is marked achieved', () => {
    assert.deepEqual(achievedChange({ status: 'active', progress: 40 }), { status: 'achieved', progress: 100 });
    assert.deepEqual(achievedChange({ status: 'active', progress: 100 }), { status: 'achieved' });
    assert.deepEqual(achievedChange({ status: 'achieved', progress: 100 }), {});
  });
});
