import * as assert from 'assert/strict';
import type { FilePrompts, GoalPrompt } from '../../src/core/review';
import { touchedGoals } from '../../src/core/review';
import { buildScmRows, ScmFolderInput } from '../../src/core/view';

function goal(id: string, prompts: string[], over: Partial<GoalPrompt> = {}): GoalPrompt {
  return { id, title: `Goal ${id}`, status: 'active', owner: 'bob', ownerName: 'Bob Stone', mentors: ['ann'], partnership: 'ann-bob', role: 'observer', matchedBy: 'paths', skills: [], prompts, ...over };
}

function folder(files: FilePrompts[]): ScmFolderInput {
  return {
    key: 'file:///ws',
    name: 'ws',
    state: { kind: 'ready', comparedWith: 'HEAD', files, statuses: {}, names: { ann: 'Ann Lee' } },
    goals: touchedGoals(files),
  };
}

describe('Source Control view rows', () => {
  it('groups the changed files by goal, each goal once, with its questions then its files', () => {
    const files: FilePrompts[] = [
      { path: 'server/a.ts', goals: [goal('async', ['Q1', 'Q2'])] },
      { path: 'docs/x.md', goals: [] },
      { path: 'server/b.ts', goals: [goal('async', ['Q2', 'Q3']), goal('docs', [], { role: 'author' })] },
    ];
    const rows = buildScmRows([folder(files)]);
    assert.deepEqual(rows.map((r) => [r.kind, r.label, r.description]), [
      ['goal', 'Goal async', 'Bob Stone · mentor Ann Lee'],
      ['goal', 'Goal docs', 'Bob Stone · mentor Ann Lee · your goal'],
    ]);
    assert.deepEqual(rows[0].children.map((r) => [r.kind, r.label, r.description ?? '']), [
      ['question', 'Q1', ''],
      ['question', 'Q2', ''],
      ['question', 'Q3', ''],
      ['file', 'a.ts', 'server'],
      ['file', 'b.ts', 'server'],
    ]);
    assert.deepEqual(rows[0].children[3].command?.arguments, [{ folder: 'file:///ws', path: 'server/a.ts' }]);
    assert.equal(rows[0].contextValue, 'scmGoal');
    assert.deepEqual(rows[1].icon, { id: 'target' });
  });

  it('says when the change touches no goal, or there is no change', () => {
    assert.deepEqual(buildScmRows([folder([{ path: 'a.md', goals: [] }])]).map((r) => r.label), ['The change touches no open mentoring goal (1 changed file)']);
    assert.deepEqual(buildScmRows([folder([])]).map((r) => r.label), ['No changes against HEAD']);
  });

  it('adds later sections below the goals, only when they have rows', () => {
    const f = folder([{ path: 'server/a.ts', goals: [goal('async', [])] }]);
    const reviewer = { id: 'r', kind: 'notice' as const, folder: f.key, label: 'Ann Lee', contextValue: 'reviewer', children: [] };
    const rows = buildScmRows([f], [
      { id: 'reviewers', label: 'Suggested reviewers', rows: [reviewer] },
      { id: 'empty', label: 'Nothing', rows: [] },
    ]);
    assert.deepEqual(rows.map((r) => [r.kind, r.label]), [
      ['goal', 'Goal async'],
      ['section', 'Suggested reviewers'],
    ]);
    assert.equal(rows[1].children[0].label, 'Ann Lee');
  });
});
