import * as assert from 'assert';
import { newMentoringFile, partnerIds } from '../../src/core/file/newFile';
import { parseMentoring } from '../../src/core/file/parse';
import { isoDay } from '../../src/core/expertise/people';
import { listAuthors } from '../../src/git/authors';
import { buildRepo } from './helpers/gitRepo';

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

describe('a new mentoring file from a long history', () => {
  it('lists one row per person, no bots, and takes only those active in the last months', async () => {
    const dir = buildRepo([
      { author: 'Aaron Heckmann <aaron@old.example>', date: '2009-05-01', files: { 'a.js': '1' } },
      { author: 'aaron heckmann <aaron.heckmann@gmail.com>', date: '2010-06-14', files: { 'a.js': '2' } },
      { author: 'Aaron Heckmann <aaron@learnboost.example>', date: '2010-01-02', files: { 'a.js': '3' } },
      { author: 'jade-bot <jade@example.com>', date: '2025-03-01', files: { 'b.js': '1' } },
      { author: 'dependabot[bot] <49699333+dependabot[bot]@users.noreply.github.com>', date: '2025-03-02', files: { 'package.json': '{}' } },
      { author: 'Kai <123+kai@users.noreply.github.com>', date: '2024-11-01', files: { 'c.js': '1' } },
      { author: 'kai <kai@users.noreply.github.com>', date: '2025-02-01', files: { 'c.js': '2' } },
      { author: 'Pat New <pat@example.com>', date: '2025-03-03', files: { 'd.js': '1' } },
    ]);
    const authors = await listAuthors(dir);
    assert.deepStrictEqual(
      authors.map((a) => [a.name, a.emails, a.commits, isoDay(a.lastDate), a.active]),
      [
        ['kai', ['kai@users.noreply.github.com', '123+kai@users.noreply.github.com'], 2, '2025-02-01', true],
        ['Pat New', ['pat@example.com'], 1, '2025-03-03', true],
        ['aaron heckmann', ['aaron.heckmann@gmail.com', 'aaron@learnboost.example', 'aaron@old.example'], 3, '2010-06-14', false],
      ],
    );
    // What the command writes for the people it checks: the active ones, with all their addresses.
    const model = parseClean(newMentoringFile(authors.filter((a) => a.active))).model!;
    assert.deepStrictEqual(model.partners, [
      { id: 'kai', name: 'kai', emails: ['kai@users.noreply.github.com', '123+kai@users.noreply.github.com'] },
      { id: 'pat', name: 'Pat New', emails: ['pat@example.com'] },
    ]);
    // Active means within the months asked for, before the newest commit.
    assert.deepStrictEqual((await listAuthors(dir, { activeMonths: 200 })).map((a) => a.active), [true, true, true]);
    assert.deepStrictEqual((await listAuthors(dir, { botPatterns: ['^Pat '] })).map((a) => a.name), ['kai', 'aaron heckmann']);
  });
});
