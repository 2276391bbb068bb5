import * as assert from 'assert';
import { newMentoringFile, partnerIds } from '../../src/core/new-file';
import { parseMentoring } from '../../src/core/parse';

function parseClean(text: string): ReturnType<typeof parseMentoring> {
  const parsed = parseMentoring(text);
  assert.deepStrictEqual(parsed.problems, [], text);
  assert.ok(parsed.model);
  return parsed;
}

describe('new mentoring file', () => {
  it('lists the authors as partners, and reads back without problems', () => {
    const text = newMentoringFile([
      { name: 'Ana Lima', email: 'ana@example.com' },
      { name: 'Ben Okafor', email: 'ben@example.com' },
      { name: 'ana lima', email: 'ana@home.example' },
    ]);
    assert.match(text, /^# Peer mentoring: /);
    const model = parseClean(text).model!;
    assert.deepStrictEqual(model.partners, [
      { id: 'ana', name: 'Ana Lima', emails: ['ana@example.com', 'ana@home.example'] },
      { id: 'ben', name: 'Ben Okafor', emails: ['ben@example.com'] },
    ]);
    assert.deepStrictEqual([model.partnerships, model.goals, model.sessions], [[], [], []]);
  });

  it('is a valid template without anyone', () => {
    const text = newMentoringFile([]);
    assert.match(text, /partners: \[\]/);
    assert.match(text, /# {3}- id: ana/);
    assert.deepStrictEqual(parseClean(text).model!.partners, []);
  });

  it('quotes names and emails that YAML would read differently', () => {
    const people = [
      { name: 'Null', email: 'null' },
      { name: 'true', email: 'x,y@example.com' },
      { name: '@handle: # odd', email: '[weird]@example.com' },
      { name: "O'Brien \"Pat\"", email: 'pat@example.com' },
      { name: '2024', email: '' },
      { name: ' Zoë Ångström ' },
    ];
    const model = parseClean(newMentoringFile(people)).model!;
    assert.deepStrictEqual(
      model.partners.map((p) => [p.name, p.emails]),
      [
        ['Null', ['null']],
        ['true', ['x,y@example.com']],
        ['@handle: # odd', ['[weird]@example.com']],
        ["O'Brien \"Pat\"", ['pat@example.com']],
        ['2024', undefined],
        ['Zoë Ångström', undefined],
      ],
    );
    assert.deepStrictEqual(
      model.partners.map((p) => p.id),
      ['null', 'true', 'handle', 'o', '2024', 'zoe'],
    );
  });

  it('makes ids unique: first names, full names on a clash, then numbers', () => {
    assert.deepStrictEqual(
      partnerIds([{ name: 'Ana Lima' }, { name: 'Ana Silva' }, { name: 'Ben' }, { name: 'Ana-Lima' }, { name: '陈伟', emails: ['chen@example.com'] }, { name: '李' }]),
      ['ana-lima', 'ana-silva', 'ben', 'ana-lima-2', 'chen', 'partner'],
    );
  });
});
