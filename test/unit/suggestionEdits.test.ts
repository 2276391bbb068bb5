import * as assert from 'assert/strict';
import { addPartner, applyEdits, EditError, EditResult, TextEdit } from '../../src/core/file';
import { Goal } from '../../src/core/file/model';
import { diffEdit } from '../../src/core/file';
import { addSuggestedGoal, composeEdits, newPartnerId, partnershipFromMatch } from '../../src/core/view/suggestionEdits';
import { modelOf } from './editHelpers';

const FILE = `# The team's mentoring
version: 1
partners:
  - id: ana
    name: Ana Lima
    emails: [ana@example.com]   # work address
  - id: ben
    name: Ben Okafor
    emails: [Ben@Example.com]

partnerships: []
goals: []
sessions: []
`;

const dana = { name: 'Dana Kovacs', email: 'dana@example.com' };
const eli = { name: 'Eli Novak', email: 'eli@example.com' };

/** An edit step that replaces each listed range of its input text. */
const replace =
  (...edits: TextEdit[]) =>
  (text: string): EditResult => ({ text: applyEdits(text, edits), edits });

describe('suggestion edits', () => {
  it('composes steps into edits against the original text', () => {
    const text = 'abcdefghij';
    const cases: ((t: string) => EditResult)[][] = [
      [replace({ offset: 2, length: 1, text: 'XX' }), replace({ offset: 8, length: 1, text: '' })],
      [replace({ offset: 5, length: 0, text: '12' }), replace({ offset: 7, length: 0, text: '34' })],
      [replace({ offset: 5, length: 0, text: '12' }), replace({ offset: 5, length: 0, text: '0' })],
      [replace({ offset: 2, length: 3, text: 'Z' }), replace({ offset: 1, length: 3, text: 'yy' })],
      [replace({ offset: 1, length: 1, text: 'B' }, { offset: 6, length: 2, text: 'GH!' }), replace({ offset: 0, length: 1, text: '' }, { offset: 4, length: 4, text: '-' })],
    ];
    for (const steps of cases) {
      let expected = text;
      for (const s of steps) expected = s(expected).text;
      const r = composeEdits(text, steps);
      assert.equal(r.text, expected);
      assert.equal(applyEdits(text, r.edits), expected);
      for (let i = 1; i < r.edits.length; i++) assert.ok(r.edits[i - 1].offset + r.edits[i - 1].length <= r.edits[i].offset, 'sorted, no overlap');
    }
    // Separate changes stay separate edits.
    assert.equal(composeEdits(text, cases[0]).edits.length, 2);
    // Insertions next to each other become one.
    assert.deepEqual(composeEdits(text, cases[1]).edits, [{ offset: 5, length: 0, text: '1234' }]);
  });

  it('composes random edit sequences exactly, keeping them apart where they do not touch', () => {
    let seed = 7;
    const rand = (n: number): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const randomStep = (): ((t: string) => EditResult) => {
      const plan = Array.from({ length: 3 }, () => [rand(100), rand(3), rand(4)]);
      return (t) => {
        const edits: TextEdit[] = [];
        let at = 0;
        for (const [where, len, size] of plan) {
          const offset = at + (where % (t.length - at + 1));
          const length = Math.min(len, t.length - offset);
          edits.push({ offset, length, text: 'XYZ'.slice(0, size) });
          at = offset + length;
        }
        return { text: applyEdits(t, edits), edits };
      };
    };
    for (let round = 0; round < 500; round++) {
      const text = 'abcdefghijklmnopqrstuvwxyz'.slice(0, 3 + rand(20));
      const steps = Array.from({ length: 1 + rand(3) }, randomStep);
      let expected = text;
      for (const s of steps) expected = s(expected).text;
      const r = composeEdits(text, steps);
      assert.equal(r.text, expected);
      assert.equal(applyEdits(text, r.edits), expected, `round ${round}`);
    }
  });

  it("falls back to one diff when a step's edits do not match its text", () => {
    const liar = (t: string): EditResult => ({ text: t.toUpperCase(), edits: [{ offset: 0, length: 1, text: 'A' }] });
    assert.deepEqual(composeEdits('abc', [liar]).edits, [{ offset: 0, length: 3, text: 'ABC' }]);
  });

  it('diffs two texts into one edit', () => {
    assert.deepEqual(diffEdit('abcdef', 'abXYef'), { offset: 2, length: 2, text: 'XY' });
    assert.deepEqual(diffEdit('aaa', 'aaaa'), { offset: 3, length: 0, text: 'a' });
    assert.deepEqual(diffEdit('same', 'same'), { offset: 4, length: 0, text: '' });
  });

  it('makes partner ids from first names, then full names, then numbers', () => {
    assert.equal(newPartnerId('Dana Kovacs', 'd@x', ['ana']), 'dana');
    assert.equal(newPartnerId('Ana Souza', 'a@x', ['ana']), 'ana-souza');
    assert.equal(newPartnerId('Ana Souza', 'a@x', ['ana', 'ana-souza']), 'ana-souza-2');
    assert.equal(newPartnerId('', 'zoë.k@x', []), 'zoe');
  });

  it('adds two new people and their mutual partnership in one composed edit', () => {
    const r = partnershipFromMatch(FILE, dana, eli, '2026-03-01');
    assert.equal(r.id, 'dana-eli');
    assert.equal(applyEdits(FILE, r.edits), r.text);
    // Both partners in one insertion after Ben; then `partnerships: []` opened into a list.
    assert.deepEqual(
      r.edits.map((e) => [FILE.slice(0, e.offset).split('\n').length, e.length, e.text.split('\n')[0]]),
      [
        [10, 0, '  - id: dana'],
        [11, 3, ''],
        [12, 0, '  - id: dana-eli'],
      ],
    );
    const m = modelOf(r.text);
    assert.deepEqual(m.partners.slice(2), [
      { id: 'dana', name: 'Dana Kovacs', emails: ['dana@example.com'] },
      { id: 'eli', name: 'Eli Novak', emails: ['eli@example.com'] },
    ]);
    assert.deepEqual(m.partnerships, [{ id: 'dana-eli', members: ['dana', 'eli'], kind: 'mutual', since: '2026-03-01', status: 'active' }]);
    // Everything else is untouched, comments included.
    assert.ok(r.text.includes('emails: [ana@example.com]   # work address\n'));
    assert.ok(r.text.startsWith('# The team'));
  });

  it('uses existing partners found by email (case-insensitively)', () => {
    const r = partnershipFromMatch(FILE, { name: 'Benjamin', email: 'ben@example.com' }, dana, '2026-03-01');
    const m = modelOf(r.text);
    assert.equal(m.partners.length, 3);
    assert.deepEqual(m.partnerships[0].members, ['ben', 'dana']);
    assert.equal(applyEdits(FILE, r.edits), r.text);
  });

  it('makes the partnership one-way with the mentor chosen, and with a cadence, when asked', () => {
    const r = partnershipFromMatch(FILE, dana, eli, '2026-03-01', { kind: 'one-way', mentor: 'b', cadence: 7 });
    assert.deepEqual(modelOf(r.text).partnerships, [{ id: 'dana-eli', members: ['dana', 'eli'], kind: 'one-way', mentor: 'eli', since: '2026-03-01', cadence: 7, status: 'active' }]);
    assert.throws(() => partnershipFromMatch(FILE, dana, eli, '2026-03-01', { kind: 'one-way' }), /needs a mentor/);
  });

  it('refuses pairs already in a partnership, the same person twice, and files with errors', () => {
    const first = partnershipFromMatch(FILE, { name: 'Ana Lima', email: 'ana@example.com' }, { name: 'Ben Okafor', email: 'ben@example.com' }, '2026-03-01');
    assert.throws(() => partnershipFromMatch(first.text, { name: 'Ben', email: 'ben@example.com' }, { name: 'Ana', email: 'ANA@example.com' }, '2026-03-02'), (e: unknown) => e instanceof EditError && /already partners in 'ana-ben'/.test(e.message));
    const twoEmails = addPartner(FILE, { id: 'cy', name: 'Cy', emails: ['cy@a.org', 'cy@b.org'] }).text;
    assert.throws(() => partnershipFromMatch(twoEmails, { name: 'Cy', email: 'cy@a.org' }, { name: 'Cy', email: 'cy@b.org' }, '2026-03-01'), /the same partner, 'cy'/);
    assert.throws(() => partnershipFromMatch(FILE.replace('version: 1', 'version: one'), dana, eli, '2026-03-01'), (e: unknown) => e instanceof EditError && e.problems.length > 0);
  });

  it('adds a suggested goal as proposed, created today, with a fresh id if its own is taken by now', () => {
    const withPs = partnershipFromMatch(FILE, { name: 'Ana', email: 'ana@example.com' }, { name: 'Ben', email: 'ben@example.com' }, '2026-03-01').text;
    const goal: Goal = { id: 'ben-python', partnership: 'ana-ben', owner: 'ben', title: 'Learn Python from Ana Lima', description: 'Ana Lima authors 6 of the 6 files in Python.', skills: ['python'], paths: ['analysis/**'], status: 'proposed' };
    const r = addSuggestedGoal(withPs, goal, '2026-03-02');
    assert.equal(r.id, 'ben-python');
    assert.deepEqual(modelOf(r.text).goals, [{ ...goal, created: '2026-03-02' }]);
    const again = addSuggestedGoal(r.text, goal, '2026-03-03');
    assert.equal(again.id, 'ben-python-2');
    assert.equal(modelOf(again.text).goals.length, 2);
  });
});
