import * as assert from 'assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { isMap } from 'yaml';
import { MAX_FILE_BYTES, parseMentoring } from '../../src/core/file/parse';
import { formatProblem, hasErrors } from '../../src/core/file/problems';

const SAMPLE = path.join(__dirname, '../../../test/fixtures/sample/.mentoring.yml');

const SMALL = `version: 1
partners:
  - id: alice
    name: Alice
  - id: bob   # the newest
    name: Bob
partnerships:
  - id: alice-bob
    members: [alice, bob]
    kind: mutual
    since: 2026-01-12
goals:
  - id: g1
    partnership: alice-bob
    owner: bob
    title: Async errors
    status: active
    progress: 40
    reviews:
      - { date: 2026-02-10, by: alice, progress: 40 }
sessions:
  - date: 2026-02-10
    partnership: alice-bob
    status: held
    actions:
      - { who: bob, what: Read the docs }
`;

describe('parseMentoring', () => {
  it('reads the sample file without problems', () => {
    const text = fs.readFileSync(SAMPLE, 'utf8');
    const parsed = parseMentoring(text);
    assert.deepEqual(parsed.problems.map((p) => formatProblem('sample', p)), []);
    const m = parsed.model;
    assert.ok(m);
    assert.equal(m.partners.length, 6);
    assert.deepEqual(
      m.partnerships.map((p) => p.kind),
      ['mutual', 'one-way', 'mutual'],
    );
    assert.ok(m.goals.some((g) => (g.reviews ?? []).length > 0));
    assert.deepEqual(new Set(m.sessions.map((s) => s.status)), new Set(['held', 'cancelled', 'rescheduled']));
  });

  it('keeps the text exactly and dates as text', () => {
    const parsed = parseMentoring(SMALL);
    assert.equal(parsed.text, SMALL);
    assert.ok(isMap(parsed.doc.contents));
    const m = parsed.model;
    assert.ok(m);
    assert.equal(m.partnerships[0].since, '2026-01-12');
    assert.equal(m.sessions[0].date, '2026-02-10');
    assert.equal(m.goals[0].reviews?.[0].date, '2026-02-10');
    // even under a YAML 1.1 directive, which would otherwise read timestamps
    const m11 = parseMentoring(`%YAML 1.1\n---\n${SMALL}`).model;
    assert.equal(typeof m11?.sessions[0].date, 'string');
  });

  it('normalises missing lists to []', () => {
    const parsed = parseMentoring('version: 1\npartners:\n');
    assert.deepEqual(parsed.problems, []);
    assert.deepEqual(parsed.model, { version: 1, partners: [], partnerships: [], skills: [], goals: [], sessions: [] });
  });

  it('gives a best-effort model when there are validation errors', () => {
    const text = SMALL.replace('title: Async errors\n', '').replace('progress: 40\n    reviews', 'progress: 400\n    reviews').replace('since: 2026-01-12', 'since: 2026-01-32');
    const parsed = parseMentoring(text);
    assert.ok(hasErrors(parsed.problems));
    const m = parsed.model;
    assert.ok(m);
    assert.equal(m.goals.length, 0, 'a goal without a title is left out');
    assert.equal(m.partnerships[0].since, undefined, 'an invalid optional field is left out');
    assert.equal(m.partnerships[0].id, 'alice-bob');
    assert.equal(m.sessions.length, 1);
  });

  it('has no model when the YAML is not a map or the version is unsupported', () => {
    assert.equal(parseMentoring('just text\n').model, undefined);
    assert.equal(parseMentoring(SMALL.replace('version: 1', 'version: 2')).model, undefined);
    assert.equal(parseMentoring(SMALL.replace('version: 1\n', '')).model, undefined);
  });

  it('reports syntax and validation problems together, sorted by position', () => {
    const text = SMALL.replace('kind: mutual', 'kind: peer').replace('members: [alice, bob]', 'members: [alice, bob') + 'extra: }\n';
    const { problems } = parseMentoring(text);
    const lines = problems.map((p) => p.range.start.line);
    assert.deepEqual(lines, [...lines].sort((a, b) => a - b));
    assert.ok(problems.some((p) => p.code === 'yaml-syntax'));
  });

  it('gives 1-based ranges and 0-based offsets of nodes by path', () => {
    const parsed = parseMentoring(SMALL);
    assert.deepEqual(parsed.rangeOf(['partners', 1, 'id']), { start: { line: 5, col: 9 }, end: { line: 5, col: 12 } });
    assert.deepEqual(parsed.offsetsOf(['partners', 1, 'id']), [SMALL.indexOf('bob   #'), SMALL.indexOf('bob   #') + 3]);
    // an entry runs from its first key to its last value, without the trailing newline
    assert.deepEqual(parsed.rangeOf(['partners', 0]), { start: { line: 3, col: 5 }, end: { line: 4, col: 16 } });
    assert.deepEqual(parsed.rangeOf(['goals', 0, 'progress']), { start: { line: 18, col: 15 }, end: { line: 18, col: 17 } });
    assert.deepEqual(parsed.rangeOf(['goals', 0, 'reviews', 0, 'by'])?.start, { line: 20, col: 33 });
    const [s, e] = parsed.offsetsOf(['sessions', 0, 'actions', 0]) ?? [0, 0];
    assert.equal(SMALL.slice(s, e), '{ who: bob, what: Read the docs }');
    assert.equal(parsed.rangeOf(['goals', 3]), undefined);
    assert.equal(parsed.rangeOf(['goals', 'x']), undefined);
    assert.equal(parsed.rangeOf(['nothing']), undefined);
  });

  it("finds where a model entry came from, also when earlier entries were left out", () => {
    const text = SMALL.replace('  - id: alice\n    name: Alice\n', '  - id: alice\n');
    const parsed = parseMentoring(text);
    const m = parsed.model;
    assert.ok(m);
    assert.deepEqual(m.partners.map((p) => p.id), ['bob']);
    assert.deepEqual(parsed.pathOf(m.partners[0]), ['partners', 1]);
    assert.deepEqual(parsed.pathOf(m.sessions[0].actions?.[0] ?? {}), ['sessions', 0, 'actions', 0]);
    assert.equal(parsed.pathOf({}), undefined);
  });

  it('refuses files over 5 MB by default', () => {
    assert.equal(MAX_FILE_BYTES, 5 * 1024 * 1024);
    const parsed = parseMentoring(SMALL + '#'.repeat(MAX_FILE_BYTES));
    assert.deepEqual(parsed.problems.map((p) => p.code), ['file-too-large']);
    assert.match(parsed.problems[0].message, /larger than 5 MB/);
    assert.equal(parsed.rangeOf(['partners']), undefined);
  });

  it('reads a file with a byte order mark', () => {
    assert.deepEqual(parseMentoring('\uFEFF' + SMALL).problems, []);
  });
});
