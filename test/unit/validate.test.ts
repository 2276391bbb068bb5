import * as assert from 'assert/strict';
import { parseMentoring, ParseOptions } from '../../src/core/file/parse';
import { formatProblem, Problem } from '../../src/core/file/problems';

/** `‸` marks where the expected problem starts; it is removed from the text. */
const MARK = '‸';

type Section = 'partners' | 'partnerships' | 'skills' | 'goals' | 'sessions';

const BASE: Record<Section, string> = {
  partners: `partners:
  - { id: alice, name: Alice }
  - { id: bob, name: Bob }
  - { id: carol, name: Carol }
`,
  partnerships: `partnerships:
  - { id: ab, members: [alice, bob], kind: mutual }
  - { id: cb, members: [carol, bob], kind: one-way, mentor: carol }
`,
  skills: `skills:
  - { id: parser, paths: ["src/parser/**"] }
`,
  goals: `goals:
  - { id: g1, partnership: ab, owner: bob, title: Async errors, status: active }
  - { id: g2, partnership: cb, owner: bob, title: Security, status: active }
`,
  sessions: `sessions:
  - { date: 2026-02-10, partnership: ab, status: held, goals: [g1] }
`,
};

/** A valid file with some sections replaced. */
function file(sections: Partial<Record<Section, string>> = {}, head = 'version: 1\n'): string {
  return head + (Object.keys(BASE) as Section[]).map((s) => sections[s] ?? BASE[s]).join('');
}

function at(marked: string): { text: string; line: number; col: number } {
  const i = marked.indexOf(MARK);
  assert.ok(i >= 0, 'test text has no marker');
  const before = marked.slice(0, i).split('\n');
  return { text: marked.replace(MARK, ''), line: before.length, col: before[before.length - 1].length + 1 };
}

function show(problems: Problem[]): string {
  return problems.map((p) => formatProblem('f', p)).join('\n') || '(none)';
}

/** Asserts `code` is reported at the marker with `severity`; returns that problem. */
function expectProblem(marked: string, code: string, severity: 'error' | 'warning' = 'error', options: ParseOptions = {}): Problem {
  const { text, line, col } = at(marked);
  const { problems } = parseMentoring(text, options);
  const found = problems.find((p) => p.code === code && p.range.start.line === line && p.range.start.col === col);
  assert.ok(found, `expected ${code} at ${line}:${col}, got:\n${show(problems)}`);
  assert.equal(found.severity, severity, formatProblem('f', found));
  return found;
}

function expectClean(text: string, options: ParseOptions = {}): void {
  const { problems } = parseMentoring(text, options);
  assert.deepEqual(problems, [], show(problems));
}

describe('validate: the base file', () => {
  it('is clean', () => expectClean(file()));
});

describe('validate: YAML level', () => {
  it('reports syntax errors at the yaml library position', () => {
    const p = expectProblem('version: 1\npartners: [alice\n‸', 'yaml-syntax');
    assert.match(p.message, /flow sequence/);
  });

  it('reports more than one document', () => {
    expectProblem(file({}, 'version: 1\n‸---\n'), 'yaml-syntax');
  });

  it('reports duplicate keys on the repeated key', () => {
    const p = expectProblem(file({ partners: 'partners:\n  - id: alice\n    name: Alice\n    ‸name: Al\n  - { id: bob, name: Bob }\n  - { id: carol, name: Carol }\n' }), 'duplicate-key');
    assert.equal(p.message, 'duplicate key "name"');
    assert.deepEqual(p.range.end, { line: p.range.start.line, col: p.range.start.col + 4 });
  });

  it('reports a tab used for indentation at the tab', () => {
    const p = expectProblem('version: 1\npartners:\n  - id: alice\n  ‸\t  name: Alice\n', 'tab-indent');
    assert.match(p.message, /tabs are not allowed/);
  });

  it('reports a tab at the start of a line', () => {
    expectProblem('version: 1\npartners:\n‸\t- { id: alice, name: Alice }\n', 'tab-indent');
  });

  it('accepts tabs inside block scalars and after the indentation', () => {
    const text = file({ sessions: 'sessions:\n  - date: 2026-02-10\n    partnership: ab\n    status: held\n    notes: |\n      steps:\n      \tone\n' });
    expectClean(text);
    expectClean(file({}, 'version:\t1\n'));
  });

  it('reports each git conflict marker and reads nothing else', () => {
    const marked = 'version: 1\n‸<<<<<<< HEAD\npartners: []\n=======\npartners: [x]\n>>>>>>> feature\n';
    const p = expectProblem(marked, 'merge-conflict');
    assert.match(p.message, /unresolved merge conflicts.*merge it by hand/);
    const parsed = parseMentoring(at(marked).text);
    assert.deepEqual(
      parsed.problems.map((x) => [x.code, x.range.start.line]),
      [
        ['merge-conflict', 2],
        ['merge-conflict', 4],
        ['merge-conflict', 6],
      ],
    );
    assert.equal(parsed.model, undefined);
    expectProblem('version: 1\n‸=======\r\n', 'merge-conflict');
  });

  it('refuses an alias bomb quickly, with a clear error at the alias that expands too far', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i++) levels.push(`l${i}: &l${i} [${Array(10).fill(i === 1 ? '*a' : `*l${i - 1}`).join(', ')}]`);
    const text = `version: 1\n${levels.join('\n')}\n`;
    const parsed = parseMentoring(text);
    const p = parsed.problems.find((x) => x.code === 'alias-limit');
    assert.ok(p, show(parsed.problems));
    assert.match(p.message, /aliases.*expand too much/);
    // the aliases of l3 expand to 1,111 nodes each: the ninth of them takes the file past 10,000 more nodes
    const line = text.split('\n')[p.range.start.line - 1];
    assert.match(line, /^l3: /);
    assert.equal(p.range.start.col, line.indexOf('*l2') + 1 + 5 * 8);
    assert.equal(parsed.model, undefined);
  });

  it('reads one scalar anchor used a hundred times', () => {
    const text = file({ partners: `partners:\n  - { id: alice, name: &n Alice }\n  - { id: bob, name: Bob }\n  - { id: carol, name: Carol }\n` }) + `x: [${Array(100).fill('*n').join(', ')}]\n`;
    const { problems, model } = parseMentoring(text);
    assert.deepEqual(problems.map((p) => p.code), ['unknown-key']);
    assert.equal(model?.partners[0].name, 'Alice');
  });

  it('refuses an alias inside the node it stands for', () => {
    expectProblem('version: 1\npartners: &p\n  - ‸*p\n', 'alias-cycle');
    expectProblem('version: 1\nx: &a [1, [‸*a]]\n', 'alias-cycle');
  });

  it('reads many aliases, anchors and keys (each once, in one pass)', () => {
    const n = 5000;
    const aliases = `version: 1\nx: &a 1\ny:\n${'  - *a\n'.repeat(n)}`;
    assert.deepEqual(parseMentoring(aliases).problems.map((p) => p.code), ['unknown-key', 'unknown-key']);
    const anchors = `version: 1\ny:\n${Array.from({ length: n }, (_, i) => `  - &a${i} ${i}\n  - *a${i}\n`).join('')}`;
    assert.deepEqual(parseMentoring(anchors).problems.map((p) => p.code), ['unknown-key']);
    const keys = `version: 1\ny:\n${Array.from({ length: n }, (_, i) => `  k${i}: 1\n`).join('')}  k7: 2\n`;
    const dup = parseMentoring(keys).problems.find((p) => p.code === 'duplicate-key');
    assert.equal(dup?.range.start.line, n + 3);
    assert.equal(dup?.message, 'duplicate key "k7"');
  });

  it('reports an alias without an anchor', () => {
    expectProblem('version: 1\npartners: ‸*people\n', 'unknown-alias');
  });

  it('reads small aliases as their anchors', () => {
    const text = file({ sessions: 'sessions:\n  - { date: 2026-02-10, partnership: ab, status: held, goals: &both [g1] }\n  - { date: 2026-02-24, partnership: ab, status: held, goals: *both }\n' });
    expectClean(text);
    assert.deepEqual(parseMentoring(text).model?.sessions[1].goals, ['g1']);
  });

  it('refuses files over maxBytes without parsing', () => {
    const parsed = parseMentoring(file() + '#'.repeat(2000), { maxBytes: 1000 });
    assert.deepEqual(parsed.problems.map((p) => [p.code, p.severity, p.range.start.line, p.range.start.col]), [['file-too-large', 'error', 1, 1]]);
    assert.match(parsed.problems[0].message, /larger than 1000 bytes/);
    assert.equal(parsed.model, undefined);
    // multi-byte characters count as UTF-8 bytes
    assert.equal(parseMentoring('#' + 'é'.repeat(600), { maxBytes: 1000 }).problems[0]?.code, 'file-too-large');
    assert.deepEqual(parseMentoring('version: 1\n#' + 'é'.repeat(400), { maxBytes: 1000 }).problems, []);
  });
});

describe('validate: file level', () => {
  it('reports a missing version', () => {
    const p = expectProblem('‸partners: []\n', 'missing-version');
    assert.match(p.message, /add 'version: 1'/);
  });

  it('reports an unsupported version and reads no further', () => {
    const p = expectProblem('version: ‸2\npartners: 3\n', 'unsupported-version');
    assert.equal(p.message, 'version 2 is not supported by this extension (supports 1)');
    assert.equal(parseMentoring('version: 2\npartners: 3\n').problems.length, 1);
  });

  it('reports a version that is not a number', () => {
    expectProblem('version: ‸"1"\n', 'unsupported-version');
  });

  it('reports an empty file and a root that is not a map', () => {
    assert.match(expectProblem('‸', 'not-a-map').message, /empty/);
    expectProblem('‸- version: 1\n', 'not-a-map');
  });

  it('warns about unknown keys', () => {
    const p = expectProblem(file({}, 'version: 1\n‸teams: []\n'), 'unknown-key', 'warning');
    assert.equal(p.message, 'unknown key "teams" in the file');
    expectProblem(file({ partners: 'partners:\n  - { id: alice, name: Alice, ‸email: a@x.org }\n  - { id: bob, name: Bob }\n  - { id: carol, name: Carol }\n' }), 'unknown-key', 'warning');
  });

  it('reports a section that is not a list, and an entry that is not a map', () => {
    expectProblem(file({ skills: 'skills: ‸parser\n' }), 'wrong-type');
    expectProblem(file({ skills: 'skills:\n  - ‸parser\n' }), 'wrong-type');
  });
});

describe('validate: fields', () => {
  it('reports missing required fields at the entry', () => {
    const p = expectProblem(file({ goals: 'goals:\n  - ‸id: g1\n    partnership: ab\n    owner: bob\n    status: active\n' }), 'missing-field');
    assert.equal(p.message, `goal "g1" has no 'title'`);
  });

  it('reports a required key without a value at the key', () => {
    expectProblem(file({ goals: 'goals:\n  - id: g1\n    partnership: ab\n    owner: bob\n    ‸title:\n    status: active\n' }), 'missing-field');
  });

  for (const [name, section, marked] of [
    ['partner name', 'partners', 'partners:\n  - { id: alice, name: ‸42 }\n  - { id: bob, name: Bob }\n  - { id: carol, name: Carol }\n'],
    ['emails not a list', 'partners', 'partners:\n  - { id: alice, name: Alice, emails: ‸a@x.org }\n  - { id: bob, name: Bob }\n  - { id: carol, name: Carol }\n'],
    ['a list item', 'partners', 'partners:\n  - { id: alice, name: Alice, emails: [‸{ a: 1 }] }\n  - { id: bob, name: Bob }\n  - { id: carol, name: Carol }\n'],
    ['action done', 'sessions', 'sessions:\n  - date: 2026-02-10\n    partnership: ab\n    status: held\n    actions:\n      - { who: bob, what: Read, done: ‸"yes" }\n'],
    ['an id', 'goals', 'goals:\n  - { id: ‸7, partnership: ab, owner: bob, title: T, status: active }\n'],
  ] as const) {
    it(`reports a wrong type: ${name}`, () => expectProblem(file({ [section]: marked }), 'wrong-type'));
  }

  it('warns about ids that are not slugs', () => {
    const p = expectProblem(file({ skills: 'skills:\n  - { id: ‸Parser, paths: [src] }\n' }), 'invalid-id', 'warning');
    assert.match(p.message, /lower-case slug/);
  });

  for (const [name, value] of [
    ['impossible day', '2026-02-30'],
    ['short month', '2026-2-10'],
    ['number', '20260210'],
    ['timestamp', '2026-02-10T10:00:00Z'],
  ]) {
    it(`reports an invalid date: ${name}`, () => {
      const p = expectProblem(file({ sessions: `sessions:\n  - { date: ‸${value}, partnership: ab, status: held }\n` }), 'invalid-date');
      assert.match(p.message, /YYYY-MM-DD/);
    });
  }

  it('reports dates outside 1900-01-01 to 2999-12-31', () => {
    for (const value of ['9999-12-31', '3000-01-01', '1899-12-31', '0001-01-01']) {
      const p = expectProblem(file({ sessions: `sessions:\n  - { date: ‸${value}, partnership: ab, status: held }\n` }), 'invalid-date');
      assert.match(p.message, /a date from 1900-01-01 to 2999-12-31/);
    }
    expectClean(file({ sessions: 'sessions:\n  - { date: 2999-12-31, partnership: ab, status: held }\n  - { date: 1900-01-01, partnership: ab, status: held }\n' }));
  });

  it('checks every date field', () => {
    expectProblem(file({ partnerships: 'partnerships:\n  - { id: ab, members: [alice, bob], kind: mutual, since: ‸yesterday }\n  - { id: cb, members: [carol, bob], kind: one-way, mentor: carol }\n' }), 'invalid-date');
    expectProblem(file({ goals: 'goals:\n  - { id: g1, partnership: ab, owner: bob, title: T, status: active, due: ‸2026-13-01 }\n' }), 'invalid-date');
    expectProblem(file({ sessions: 'sessions:\n  - { date: 2026-02-10, partnership: ab, status: rescheduled, reason: ill, to: ‸soon }\n' }), 'invalid-date');
  });

  for (const value of ['101', '-1', '40.5', '"40"']) {
    it(`reports progress ${value}`, () => {
      const p = expectProblem(file({ goals: `goals:\n  - { id: g1, partnership: ab, owner: bob, title: T, status: active, progress: ‸${value} }\n` }), 'invalid-progress');
      assert.match(p.message, /0 to 100/);
    });
  }

  it('reports progress in a review', () => {
    expectProblem(file({ goals: 'goals:\n  - id: g1\n    partnership: ab\n    owner: bob\n    title: T\n    status: active\n    reviews:\n      - { date: 2026-02-10, by: alice, progress: ‸200 }\n' }), 'invalid-progress');
  });

  for (const [key, value] of [
    ['cadence', '0'],
    ['cadence', 'weekly'],
    ['cadence', '100000000000'],
    ['cadence', '366'],
    ['cadence', '.inf'],
    ['minutes', '-5'],
    ['minutes', '1441'],
  ]) {
    it(`reports ${key}: ${value}`, () => {
      const marked =
        key === 'cadence'
          ? file({ partnerships: `partnerships:\n  - { id: ab, members: [alice, bob], kind: mutual, cadence: ‸${value} }\n  - { id: cb, members: [carol, bob], kind: one-way, mentor: carol }\n` })
          : file({ sessions: `sessions:\n  - { date: 2026-02-10, partnership: ab, status: held, minutes: ‸${value} }\n` });
      assert.match(expectProblem(marked, 'invalid-number').message, /above 0 and at most/);
    });
  }

  for (const [name, section, marked, allowed] of [
    ['partnership kind', 'partnerships', 'partnerships:\n  - { id: ab, members: [alice, bob], kind: ‸peer }\n  - { id: cb, members: [carol, bob], kind: one-way, mentor: carol }\n', 'mutual, one-way'],
    ['partnership status', 'partnerships', 'partnerships:\n  - { id: ab, members: [alice, bob], kind: mutual, status: ‸done }\n  - { id: cb, members: [carol, bob], kind: one-way, mentor: carol }\n', 'active, paused, ended'],
    ['goal status', 'goals', 'goals:\n  - { id: g1, partnership: ab, owner: bob, title: T, status: ‸open }\n', 'proposed, active, achieved, paused, dropped'],
    ['session status', 'sessions', 'sessions:\n  - { date: 2026-02-10, partnership: ab, status: ‸skipped }\n', 'held, cancelled, rescheduled'],
    ['review status', 'goals', 'goals:\n  - id: g1\n    partnership: ab\n    owner: bob\n    title: T\n    status: active\n    reviews: [{ date: 2026-02-10, by: alice, status: ‸done }]\n', 'proposed, active, achieved, paused, dropped'],
  ] as const) {
    it(`reports an unknown enum value: ${name}, listing the allowed ones`, () => {
      const p = expectProblem(file({ [section]: marked }), 'invalid-enum');
      assert.ok(p.message.includes(allowed), p.message);
    });
  }
});

describe('validate: ids and references', () => {
  for (const [kind, section, marked] of [
    ['partner', 'partners', 'partners:\n  - { id: alice, name: Alice }\n  - { id: bob, name: Bob }\n  - { id: carol, name: Carol }\n  - { id: ‸bob, name: Bobby }\n'],
    ['partnership', 'partnerships', 'partnerships:\n  - { id: ab, members: [alice, bob], kind: mutual }\n  - { id: cb, members: [carol, bob], kind: one-way, mentor: carol }\n  - { id: ‸ab, members: [alice, carol], kind: mutual }\n'],
    ['goal', 'goals', 'goals:\n  - { id: g1, partnership: ab, owner: bob, title: T, status: active }\n  - { id: ‸g1, partnership: ab, owner: alice, title: U, status: active }\n'],
    ['skill', 'skills', 'skills:\n  - { id: parser, paths: [src/parser] }\n  - { id: ‸parser, paths: [src/lexer] }\n'],
  ] as const) {
    it(`reports a duplicate ${kind} id at the second one`, () => {
      const p = expectProblem(file({ [section]: marked }), 'duplicate-id');
      assert.match(p.message, new RegExp(`duplicate ${kind} id .*first used on line \\d+`));
    });
  }

  for (const [where, code, section, marked] of [
    ['members', 'unknown-partner', 'partnerships', 'partnerships:\n  - { id: ab, members: [alice, ‸zed], kind: mutual }\n  - { id: cb, members: [carol, bob], kind: one-way, mentor: carol }\n'],
    ['mentor', 'unknown-partner', 'partnerships', 'partnerships:\n  - { id: ab, members: [alice, bob], kind: mutual }\n  - { id: cb, members: [carol, bob], kind: one-way, mentor: ‸dave }\n'],
    ['goal owner', 'unknown-partner', 'goals', 'goals:\n  - { id: g1, partnership: ab, owner: ‸zed, title: T, status: active }\n'],
    ['review by', 'unknown-partner', 'goals', 'goals:\n  - id: g1\n    partnership: ab\n    owner: bob\n    title: T\n    status: active\n    reviews:\n      - date: 2026-02-10\n        by: ‸zed\n'],
    ['action who', 'unknown-partner', 'sessions', 'sessions:\n  - date: 2026-02-10\n    partnership: ab\n    status: held\n    actions: [{ who: ‸zed, what: Read }]\n'],
    ['goal partnership', 'unknown-partnership', 'goals', 'goals:\n  - { id: g1, partnership: ‸xy, owner: bob, title: T, status: active }\n'],
    ['session partnership', 'unknown-partnership', 'sessions', 'sessions:\n  - { date: 2026-02-10, partnership: ‸xy, status: held }\n'],
    ['session goals', 'unknown-goal', 'sessions', 'sessions:\n  - { date: 2026-02-10, partnership: ab, status: held, goals: [g1, ‸g9] }\n'],
  ] as const) {
    it(`reports an unknown reference: ${where}`, () => {
      const p = expectProblem(file({ [section]: marked }), code);
      assert.match(p.message, /refers to unknown (partner|partnership|goal) "\w+"/);
    });
  }

  it('says which entry refers to what', () => {
    const p = expectProblem(file({ goals: 'goals:\n  - { id: g1, partnership: ‸xy, owner: bob, title: T, status: active }\n' }), 'unknown-partnership');
    assert.equal(p.message, 'goal "g1" refers to unknown partnership "xy"');
  });
});

describe('validate: partnerships, goals and sessions', () => {
  const pships = (second: string) => `partnerships:\n  - { id: ab, members: [alice, bob], kind: mutual }\n${second}`;

  it('reports a one-way partnership without a mentor at its kind', () => {
    expectProblem(file({ partnerships: pships('  - { id: cb, members: [carol, bob], kind: ‸one-way }\n') }), 'missing-mentor');
  });

  it('reports a mentor who is not a member', () => {
    const p = expectProblem(file({ partnerships: pships('  - { id: cb, members: [carol, bob], kind: one-way, mentor: ‸alice }\n') }), 'mentor-not-member');
    assert.equal(p.message, 'mentor "alice" is not a member of partnership "cb"');
  });

  it('warns about a mentor in a mutual partnership', () => {
    expectProblem(file({ partnerships: pships('  - { id: cb, members: [carol, bob], kind: mutual, ‸mentor: carol }\n') }), 'mentor-in-mutual', 'warning');
  });

  it('reports a partnership with fewer than 2 members', () => {
    expectProblem(file({ partnerships: pships('  - { id: cb, members: ‸[carol], kind: one-way, mentor: carol }\n') }), 'too-few-members');
    expectProblem(file({ partnerships: pships('  - { id: cb, members: ‸[carol, carol], kind: one-way, mentor: carol }\n') }), 'too-few-members');
  });

  it('warns about a member listed twice', () => {
    expectProblem(file({ partnerships: pships('  - { id: cb, members: [carol, bob, ‸bob], kind: one-way, mentor: carol }\n') }), 'duplicate-member', 'warning');
  });

  it('reports a goal owner who is not a member of the partnership', () => {
    const p = expectProblem(file({ goals: 'goals:\n  - { id: g1, partnership: ab, owner: ‸carol, title: T, status: active }\n' }), 'not-a-member');
    assert.match(p.message, /owner "carol" is not a member of partnership "ab"/);
  });

  it("reports a session goal from another partnership", () => {
    const p = expectProblem(file({ sessions: 'sessions:\n  - { date: 2026-02-10, partnership: ab, status: held, goals: [g1, ‸g2] }\n' }), 'goal-not-in-partnership');
    assert.match(p.message, /goal "g2" belongs to partnership "cb", not "ab"/);
  });

  it("reports an action for someone outside the session's partnership", () => {
    expectProblem(file({ sessions: 'sessions:\n  - date: 2026-02-10\n    partnership: ab\n    status: held\n    actions:\n      - { who: bob, what: Read }\n      - { who: ‸carol, what: Write }\n' }), 'not-a-member');
  });

  it('warns about a cancelled or rescheduled session without a reason', () => {
    expectProblem(file({ sessions: 'sessions:\n  - { date: 2026-02-10, partnership: ab, status: ‸cancelled }\n' }), 'missing-reason', 'warning');
    expectProblem(file({ sessions: 'sessions:\n  - { date: 2026-02-10, partnership: ab, status: ‸rescheduled, to: 2026-02-12 }\n' }), 'missing-reason', 'warning');
    expectClean(file({ sessions: 'sessions:\n  - { date: 2026-02-10, partnership: ab, status: cancelled, reason: ill }\n' }));
  });
});

describe('validate: skills', () => {
  const known = new Set(['typescript', 'testing']);
  const knownSkill = (id: string) => known.has(id);
  const withSkills = (list: string) => file({ partners: `partners:\n  - { id: alice, name: Alice, strengths: ${list} }\n  - { id: bob, name: Bob }\n  - { id: carol, name: Carol }\n` });

  it('accepts team skills and known built-in areas', () => {
    expectClean(withSkills('[parser, typescript]'), { knownSkill });
  });

  it('warns about a skill that is neither, when a vocabulary is given', () => {
    const p = expectProblem(withSkills('[typescript, ‸cobol]'), 'unknown-skill', 'warning', { knownSkill });
    assert.match(p.message, /skill "cobol" is not a team skill/);
    expectProblem(file({ goals: 'goals:\n  - { id: g1, partnership: ab, owner: bob, title: T, status: active, skills: [‸cobol] }\n' }), 'unknown-skill', 'warning', { knownSkill });
    expectProblem(file({ partners: 'partners:\n  - { id: alice, name: Alice, wants: [‸cobol] }\n  - { id: bob, name: Bob }\n  - { id: carol, name: Carol }\n' }), 'unknown-skill', 'warning', { knownSkill });
  });

  it('accepts any slug without a vocabulary, and flags skill ids that are not slugs', () => {
    expectClean(withSkills('[cobol, k8s, c-sharp]'));
    expectClean(withSkills('[module:src, module:packages/api, "module:src/Web App"]'));
    expectProblem(withSkills('[‸"module:"]'), 'invalid-id', 'warning');
    expectProblem(withSkills('[‸"module:/etc"]'), 'invalid-id', 'warning');
    const p = expectProblem(withSkills('[‸Type Script]'), 'invalid-id', 'warning');
    assert.match(p.message, /"type-script"/);
  });
});

describe('validate: keys named like Object members', () => {
  const names = ['constructor', 'toString', 'hasOwnProperty', 'valueOf', '__proto__', 'isPrototypeOf', '__defineGetter__'];
  for (const name of names) {
    it(`warns about an unknown key ${name} at every level`, () => {
      expectProblem(`version: 1\n‸${name}: 1\n`, 'unknown-key', 'warning');
      expectProblem(file({ partners: `partners:\n  - id: alice\n    name: Alice\n    ‸${name}: x\n  - { id: bob, name: Bob }\n  - { id: carol, name: Carol }\n` }), 'unknown-key', 'warning');
      expectProblem(file({ sessions: `sessions:\n  - date: 2026-02-10\n    partnership: ab\n    status: held\n    actions:\n      - { who: bob, what: Read, ‸${name}: [1] }\n` }), 'unknown-key', 'warning');
    });
  }

  it('reads ids named like Object members', () => {
    const text = `version: 1
partners:
  - { id: constructor, name: C }
  - { id: __proto__, name: P }
partnerships:
  - { id: tostring, members: [constructor, __proto__], kind: mutual, cadence: 7 }
goals:
  - { id: hasownproperty, partnership: tostring, owner: __proto__, title: T, status: active }
sessions:
  - { date: 2026-02-10, partnership: tostring, status: held, goals: [hasownproperty] }
`;
    const parsed = parseMentoring(text);
    assert.deepEqual(parsed.problems.map((p) => [p.code, p.message]), [['invalid-id', `id "__proto__" should be a lower-case slug (a-z, 0-9, '.', '_', '-')`]]);
    assert.deepEqual(parsed.model?.partners.map((p) => p.id), ['constructor', '__proto__']);
  });
});

describe('validate: positions', () => {
  it('reports all problems at once, sorted by position', () => {
    const text = file({
      goals: 'goals:\n  - { id: g1, partnership: xy, owner: zed, title: T, status: open, progress: 101 }\n',
      sessions: 'sessions:\n  - { date: 2026-02-31, partnership: ab, status: held, minutes: 0 }\n',
    });
    const { problems } = parseMentoring(text);
    assert.deepEqual(
      problems.map((p) => p.code),
      ['unknown-partnership', 'unknown-partner', 'invalid-enum', 'invalid-progress', 'invalid-date', 'invalid-number'],
    );
  });

  it('counts columns in UTF-16 code units and lines across CRLF', () => {
    const text = 'version: 1\r\npartners:\r\n  - { name: "😀 Ünï", id: alice, emails: 3 }\r\n';
    const p = parseMentoring(text).problems.find((x) => x.code === 'wrong-type');
    assert.deepEqual(p?.range, { start: { line: 3, col: 42 }, end: { line: 3, col: 43 } });
  });
});

describe('validate: every position exists in the file', () => {
  it('counts columns after a byte order mark as editors do', () => {
    const { problems } = parseMentoring('\uFEFFversion: 1\nteams: []\n\uFEFF');
    assert.deepEqual(parseMentoring('\uFEFFversion: 1\nteams: []\n').problems.map((p) => [p.code, p.range.start.line, p.range.start.col]), [['unknown-key', 2, 1]]);
    void problems;
    const bad = parseMentoring('\uFEFFversion: 2\n').problems[0];
    assert.deepEqual([bad.code, bad.range.start], ['unsupported-version', { line: 1, col: 10 }]);
  });

  it('refuses lone carriage returns as line endings, at the first one', () => {
    const { problems, model } = parseMentoring('version: 1\rpartners: []\r');
    assert.deepEqual(problems.map((p) => [p.code, p.range.start.line, p.range.start.col]), [['line-endings', 1, 11]]);
    assert.match(problems[0].message, /LF or CRLF/);
    assert.equal(model, undefined);
    assert.deepEqual(parseMentoring('version: 1\r\npartners: []\r\n').problems, []);
  });

  it('keeps syntax errors inside the file, also inside error tokens', () => {
    for (const text of ['a: "abc\ndef\nghi\n', 'version: 1\nx: [\n', 'version: 1\nx: "\n\n\n', 'version: 1\nx: !!foo\n  "x\ny"\nb: &\n', 'x: \'', '[', '{a: [', 'version: 1\n- a\n']) {
      const parsed = parseMentoring(text);
      assert.ok(parsed.problems.length, JSON.stringify(text));
      for (const p of parsed.problems) {
        assert.ok(parsed.lines.contains(p.range.start) && parsed.lines.contains(p.range.end), `${JSON.stringify(text)}: ${formatProblem('f', p)}`);
      }
    }
  });

  it('says so when a file nests too deeply to be read', () => {
    const { problems } = parseMentoring(`version: 1\nx: ${'['.repeat(3000)}${']'.repeat(3000)}\n`);
    assert.ok(problems.some((p) => p.code === 'yaml-syntax' && /nests too deeply/.test(p.message)), show(problems));
  });
});
