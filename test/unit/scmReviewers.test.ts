import * as assert from 'assert';
import { buildScmRows, ScmFolderInput } from '../../src/core/view/scmRows';
import { scmReviewerSection } from '../../src/core/view/scmReviewers';

const reviewers = [
  { person: 'dev', name: 'Dev Patel', role: 'learner' as const, area: 'scripts/data/', reason: "only Erin Walsh has changed or reviewed scripts/data/ in the last year; Dev Patel's goal “Learn the data scripts” covers it", goal: 'dev-data' },
  { person: 'erin', name: 'Erin Walsh', role: 'expert' as const, area: 'scripts/data/', reason: 'knows scripts/data/ besides the author: pair with Dev Patel' },
];

function folder(over: Partial<ScmFolderInput> = {}): ScmFolderInput {
  return { key: 'f', name: 'ws', goals: [], state: { kind: 'ready', comparedWith: 'HEAD', files: [{ path: 'scripts/data/x.py', goals: [] }], statuses: {}, names: {}, reviewers }, ...over };
}

describe('suggested reviewers in the Source Control view', () => {
  it('is a section below the goals: each reviewer with role and area, the reason beneath', () => {
    const section = scmReviewerSection([folder()]);
    assert.ok(section);
    const rows = buildScmRows([folder()], [section]);
    const row = rows[rows.length - 1];
    assert.strictEqual(row.kind, 'section');
    assert.strictEqual(row.label, 'Suggested reviewers');
    assert.deepStrictEqual(
      row.children.map((r) => [r.kind, r.label, r.description, r.children.map((c) => c.label)]),
      [
        ['reviewer', 'Dev Patel', 'learner · scripts/data/', [reviewers[0].reason]],
        ['reviewer', 'Erin Walsh', 'expert · scripts/data/', [reviewers[1].reason]],
      ],
    );
  });

  it('is hidden while no change has a suggestion, and names the folder with several', () => {
    assert.strictEqual(scmReviewerSection([folder({ state: { kind: 'loading' } })]), undefined);
    assert.strictEqual(scmReviewerSection([folder({ state: { kind: 'ready', comparedWith: 'HEAD', files: [], statuses: {}, names: {}, reviewers } })]), undefined);
    const two = scmReviewerSection([folder(), folder({ key: 'g', name: 'api', state: { kind: 'loading' } })]);
    assert.strictEqual(two?.rows[0].description, 'ws: learner · scripts/data/');
  });
});
