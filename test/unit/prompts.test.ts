import * as assert from 'assert';
import type { ChangedFile } from '../../src/core/review/changes';
import type { Goal, MentoringFile } from '../../src/core/file/model';
import { defaultPrompts, promptsForChanges } from '../../src/core/review/prompts';

function goal(id: string, fields: Partial<Goal>): Goal {
  return { id, partnership: 'ann-bob', owner: 'bob', title: `Goal ${id}`, status: 'active', ...fields };
}

function mentoring(goals: Goal[]): MentoringFile {
  return {
    version: 1,
    partners: [
      { id: 'ann', name: 'Ann Lee' },
      { id: 'bob', name: 'Bob Stone' },
      { id: 'cyd', name: 'Cyd Park' },
      { id: 'dee', name: 'Dee Roy' },
      { id: 'eve', name: 'Eve Ng' },
    ],
    partnerships: [
      { id: 'ann-bob', members: ['ann', 'bob'], kind: 'mutual', status: 'active' },
      { id: 'circle', members: ['cyd', 'dee', 'eve'], kind: 'one-way', mentor: 'cyd' },
      { id: 'resting', members: ['ann', 'cyd'], kind: 'mutual', status: 'paused' },
      { id: 'over', members: ['bob', 'cyd'], kind: 'mutual', status: 'ended' },
    ],
    skills: [{ id: 'api', name: 'HTTP API', paths: ['src/api/**'] }],
    goals,
    sessions: [],
  };
}

const changed = (path: string, extra: Partial<ChangedFile> = {}): ChangedFile => ({ path, status: 'modified', ...extra });

describe('review prompts', () => {
  it('matches a goal by its path globs, own prompts first, then defaults of the file’s areas', () => {
    const file = mentoring([goal('errors', { paths: ['src/server/'], prompts: ['Is every rejection handled?'] })]);
    const [server, client] = promptsForChanges(
      [changed('src/server/errors.ts', { hunks: [{ startLine: 40, lineCount: 2 }, { startLine: 12, lineCount: 0 }] }), changed('src/client/app.ts')],
      file,
      { me: 'ann' },
    );
    assert.strictEqual(server.path, 'src/server/errors.ts');
    assert.strictEqual(server.firstChangedLine, 12);
    assert.deepStrictEqual(server.goals, [
      {
        id: 'errors',
        title: 'Goal errors',
        status: 'active',
        owner: 'bob',
        ownerName: 'Bob Stone',
        mentors: ['ann'],
        partnership: 'ann-bob',
        role: 'mentor',
        matchedBy: 'paths',
        skills: [],
        prompts: [
          'Is every rejection handled?',
          'Where could a rejected promise or an `undefined` slip through unhandled?',
          'Could any type here be narrower, so the compiler catches the next mistake?',
        ],
      },
    ]);
    assert.deepStrictEqual(client, { path: 'src/client/app.ts', goals: [] });
  });

  it('matches by the team’s skill areas and by built-in practice areas', () => {
    const file = mentoring([goal('api', { skills: ['api'] }), goal('tests', { skills: ['tests'] }), goal('py', { skills: ['python'] })]);
    const result = promptsForChanges([changed('src/api/routes.ts'), changed('test/unit/parse.test.ts'), changed('README.md')], file);
    assert.deepStrictEqual(
      result.map((f) => f.goals.map((g) => [g.id, g.matchedBy, g.skills])),
      [[['api', 'skills', ['api']]], [['tests', 'skills', ['tests']]], []],
    );
    assert.strictEqual(result[1].goals[0].prompts[0], 'Which case would fail first if this broke?');
    assert.strictEqual(result[0].goals[0].prompts[0], defaultPrompts({ id: 'api', kind: 'team', label: 'HTTP API' })[0]);
  });

  it('prefers a path match and lists the goal’s skills the file carries', () => {
    const file = mentoring([goal('both', { paths: ['db/**'], skills: ['database-migrations', 'go'] })]);
    const [f] = promptsForChanges([changed('db/migrations/0042_users.sql')], file);
    assert.strictEqual(f.goals[0].matchedBy, 'paths');
    assert.deepStrictEqual(f.goals[0].skills, ['database-migrations']);
    assert.strictEqual(f.goals[0].prompts[0], 'Can this migration run on a live database without locking a busy table?');
  });

  it('takes defaults for the goal’s skills in the goal’s order, before the file’s other areas', () => {
    const file = mentoring([goal('g', { skills: ['typescript', 'api'] })]);
    const [f] = promptsForChanges([changed('src/api/users.test.ts')], file, { maxPrompts: 10 });
    assert.deepStrictEqual(f.goals[0].skills, ['typescript', 'api']);
    assert.deepStrictEqual(f.goals[0].prompts, [
      'Where could a rejected promise or an `undefined` slip through unhandled?',
      'Could any type here be narrower, so the compiler catches the next mistake?',
      'What should someone new to this area know before changing it?',
      'Which case would fail first if this broke?',
      'Does each test name say which behaviour it protects?',
      'Could this test pass or fail by timing, order or the network rather than the code?',
    ]);
  });

  it('matches a renamed file by its old path too', () => {
    const file = mentoring([goal('g', { paths: ['legacy/**'] })]);
    const [f] = promptsForChanges([changed('src/moved.ts', { status: 'renamed', oldPath: 'legacy/moved.ts' })], file);
    assert.deepStrictEqual(f.goals.map((g) => g.id), ['g']);
  });

  it('gives each role: author, mentor, partner, observer', () => {
    const file = mentoring([
      goal('bobs', { paths: ['**'] }),
      goal('dees', { partnership: 'circle', owner: 'dee', paths: ['**'] }),
      goal('cyds', { partnership: 'circle', owner: 'cyd', paths: ['**'] }),
    ]);
    const roles = (me?: string): Record<string, string> =>
      Object.fromEntries(promptsForChanges([changed('x.txt')], file, { me })[0].goals.map((g) => [g.id, g.role]));
    assert.deepStrictEqual(roles('bob'), { bobs: 'author', dees: 'observer', cyds: 'observer' });
    assert.deepStrictEqual(roles('ann'), { bobs: 'mentor', dees: 'observer', cyds: 'observer' });
    assert.deepStrictEqual(roles('cyd'), { bobs: 'observer', dees: 'mentor', cyds: 'author' });
    assert.deepStrictEqual(roles('eve'), { bobs: 'observer', dees: 'partner', cyds: 'partner' });
    assert.deepStrictEqual(roles(undefined), { bobs: 'observer', dees: 'observer', cyds: 'observer' });
    const [f] = promptsForChanges([changed('x.txt')], file, { me: 'cyd' });
    assert.deepStrictEqual(f.goals.find((g) => g.id === 'cyds')?.mentors, []);
    assert.deepStrictEqual(f.goals.find((g) => g.id === 'dees')?.mentors, ['cyd']);
  });

  it('orders the user’s own goals first, then goals they mentor, path matches before skill matches', () => {
    const file = mentoring([
      goal('other-skill', { partnership: 'circle', owner: 'dee', skills: ['typescript'] }),
      goal('other-path', { partnership: 'circle', owner: 'eve', paths: ['src/**'] }),
      goal('mentored', { owner: 'ann', skills: ['typescript'] }),
      goal('mine-skill', { skills: ['typescript'] }),
      goal('mine-path', { paths: ['src/**'] }),
    ]);
    const [f] = promptsForChanges([changed('src/a.ts')], file, { me: 'bob' });
    assert.deepStrictEqual(
      f.goals.map((g) => g.id),
      ['mine-path', 'mine-skill', 'mentored', 'other-path', 'other-skill'],
    );
  });

  it('shares at most a few questions per file among its goals, without repeats', () => {
    const file = mentoring([
      goal('a', { paths: ['**'], prompts: ['A1?', 'Same question?', 'A3?'] }),
      goal('b', { paths: ['**'], prompts: ['same  question?', 'B2?'] }),
      goal('c', { paths: ['**'] }),
    ]);
    const prompts = (maxPrompts?: number): string[][] =>
      promptsForChanges([changed('notes.txt')], file, { maxPrompts })[0].goals.map((g) => g.prompts);
    // Goals take turns: the repeated question counts once, for the goal whose turn came first.
    assert.deepStrictEqual(prompts(), [['A1?'], ['same  question?', 'B2?'], []]);
    assert.deepStrictEqual(prompts(1), [['A1?'], [], []]);
    assert.deepStrictEqual(prompts(0), [[], [], []]);
    assert.deepStrictEqual(prompts(10), [['A1?', 'A3?'], ['same  question?', 'B2?'], []]);
  });

  it('fills up with defaults in turns once the goals’ own questions run out', () => {
    const file = mentoring([goal('a', { skills: ['tests'], prompts: ['Own?'] }), goal('b', { skills: ['ci'] })]);
    const [f] = promptsForChanges([changed('.github/workflows/test.yml')], file, { maxPrompts: 4 });
    assert.deepStrictEqual(f.goals.map((g) => g.id), ['b']);
    const [g] = promptsForChanges([changed('test/workflows.test.ts')], file, { maxPrompts: 4 });
    assert.deepStrictEqual(g.goals[0].prompts, ['Own?', 'Which case would fail first if this broke?', 'Does each test name say which behaviour it protects?', 'Could this test pass or fail by timing, order or the network rather than the code?']);
  });

  it('leaves out closed goals and goals of paused, ended or unknown partnerships', () => {
    const file = mentoring([
      goal('active', { paths: ['**'] }),
      goal('proposed', { paths: ['**'], status: 'proposed' }),
      goal('paused-goal', { paths: ['**'], status: 'paused' }),
      goal('achieved', { paths: ['**'], status: 'achieved' }),
      goal('dropped', { paths: ['**'], status: 'dropped' }),
      goal('in-paused', { partnership: 'resting', owner: 'ann', paths: ['**'] }),
      goal('in-ended', { partnership: 'over', paths: ['**'] }),
      goal('orphan', { partnership: 'nowhere', paths: ['**'] }),
    ]);
    const [f] = promptsForChanges([changed('x.md')], file);
    assert.deepStrictEqual(f.goals.map((g) => g.id), ['active', 'proposed', 'paused-goal']);
  });

  it('uses an injected classifier and has defaults for every kind of area', () => {
    const file = mentoring([goal('g', { skills: ['weird'] })]);
    const [f] = promptsForChanges([changed('a.zz')], file, { classify: () => [{ id: 'weird', kind: 'module', label: 'weird' }] });
    assert.deepStrictEqual(f.goals[0].prompts, ['What should someone new to this area know before changing it?']);
    assert.ok(defaultPrompts({ id: 'cobol', kind: 'language', label: 'COBOL' }).length > 0);
    for (const id of ['tests', 'ci', 'build', 'infra', 'docs', 'database-migrations', 'dependencies']) {
      assert.ok(defaultPrompts({ id, kind: 'practice', label: id }).length > 0, id);
    }
  });
});
