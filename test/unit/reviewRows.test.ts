import * as assert from 'assert';
import type { ChangedFile } from '../../src/core/review/changes';
import type { FilePrompts, GoalPrompt } from '../../src/core/review/prompts';
import { RESTRICTED_PROMPTS_NOTICE, describeGoal } from '../../src/core/view/changeRows';
import { PromptRow, buildPromptRows, goalsOf, relativeToFolder, reviewedNotes } from '../../src/core/view/reviewRows';

const names = { ana: 'Ana Lima', ben: 'Ben Okafor' };

function goal(over: Partial<GoalPrompt> = {}): GoalPrompt {
  return {
    id: 'ben-ts',
    title: 'Write the API handlers in strict TypeScript',
    status: 'active',
    owner: 'ben',
    ownerName: 'Ben Okafor',
    mentors: ['ana'],
    partnership: 'ana-ben',
    role: 'observer',
    matchedBy: 'paths',
    skills: ['api'],
    prompts: ['Are the inputs validated?', 'Which case fails first?'],
    ...over,
  };
}

const labels = (rows: PromptRow[]): string[] => rows.map((r) => (r.description ? `${r.label} — ${r.description}` : r.label));

describe('review prompt rows', () => {
  it('lists related files with their goals and questions, and counts the others', () => {
    const files: FilePrompts[] = [
      { path: 'README.md', goals: [] },
      { path: 'src/api/users.ts', firstChangedLine: 4, goals: [goal(), goal({ id: 'x', title: 'Own goal', owner: 'ana', ownerName: 'Ana Lima', mentors: [], role: 'author', matchedBy: 'skills', prompts: [] })] },
    ];
    const rows = buildPromptRows([{ key: 'f', name: 'ws', state: { kind: 'ready', comparedWith: 'HEAD', files, statuses: { 'src/api/users.ts': 'modified' }, names } }]);
    assert.deepStrictEqual(labels(rows), ['users.ts — src/api · 2 goals']);
    const [file] = rows;
    assert.strictEqual(file.kind, 'file');
    assert.strictEqual(file.status, 'modified');
    assert.deepStrictEqual(file.command, { command: 'mentoring.reviewPrompts.openChange', title: 'Open Changes', arguments: [{ folder: 'f', path: 'src/api/users.ts' }] });
    assert.deepStrictEqual(labels(file.children), [
      'Write the API handlers in strict TypeScript — Ben Okafor · mentor Ana Lima',
      'Own goal — Ana Lima · your goal',
    ]);
    const [g] = file.children;
    assert.deepStrictEqual(g.goal, { id: 'ben-ts', partnership: 'ana-ben' });
    assert.strictEqual(g.contextValue, 'reviewGoal');
    assert.match(g.tooltip ?? '', /Related because the file is in its paths/);
    assert.match(file.children[1].tooltip ?? '', /touches its skills: api/);
    assert.deepStrictEqual(
      g.children.map((q) => [q.kind, q.label, q.path, q.goal?.id]),
      [
        ['question', 'Are the inputs validated?', 'src/api/users.ts', 'ben-ts'],
        ['question', 'Which case fails first?', 'src/api/users.ts', 'ben-ts'],
      ],
    );
    const ids = [file, ...file.children, ...g.children].map((r) => r.id);
    assert.strictEqual(new Set(ids).size, ids.length, 'ids are unique');
  });

  it('explains when nothing relates, nothing changed, git is off or the file has errors', () => {
    const ready = (files: FilePrompts[], stale?: boolean) =>
      buildPromptRows([{ key: 'f', name: 'ws', state: { kind: 'ready', comparedWith: 'main...HEAD', files, statuses: {}, names, ...(stale ? { stale } : {}) } }]);
    assert.deepStrictEqual(labels(ready([])), ['No changes against main...HEAD']);
    assert.deepStrictEqual(labels(ready([{ path: 'a', goals: [] }, { path: 'b', goals: [] }])), ['No changed file relates to an open goal (2 changed files)']);
    assert.deepStrictEqual(labels(ready([{ path: 'a', goals: [] }], true)), [
      'The mentoring file has errors — prompts from its last valid content',
      'No changed file relates to an open goal (1 changed file)',
    ]);
    const [restricted] = buildPromptRows([{ key: 'f', name: 'ws', state: { kind: 'restricted' } }]);
    assert.strictEqual(restricted.label, RESTRICTED_PROMPTS_NOTICE);
    assert.strictEqual(restricted.command?.command, 'workbench.trust.manage');
    assert.deepStrictEqual(labels(buildPromptRows([{ key: 'f', name: 'ws', state: { kind: 'error', message: 'Not a git repository' } }])), ['Not a git repository']);
    assert.deepStrictEqual(labels(buildPromptRows([{ key: 'f', name: 'ws', state: { kind: 'no-file' } }])), ['No mentoring file in this workspace']);
    assert.deepStrictEqual(buildPromptRows([]), []);
  });

  it('gives each folder with a mentoring file a row of its own in a multi-root workspace', () => {
    const rows = buildPromptRows([
      { key: 'a', name: 'app', state: { kind: 'ready', comparedWith: 'HEAD', files: [{ path: 'x.ts', goals: [goal()] }], statuses: {}, names } },
      { key: 'b', name: 'docs', state: { kind: 'no-file' } },
      { key: 'c', name: 'lib', state: { kind: 'loading' } },
    ]);
    assert.deepStrictEqual(labels(rows), ['app — HEAD', 'lib']);
    assert.deepStrictEqual(labels(rows[0].children), ['x.ts — 1 goal']);
    assert.deepStrictEqual(labels(rows[1].children), ['Reading the changes…']);
  });

  it('heads the rows with the suggested reviewers, each with role, area and the reason as a row of its own', () => {
    const reviewers = [
      { person: 'dev', name: 'Dev Patel', role: 'learner' as const, area: 'scripts/data/', reason: "only Erin Walsh has changed or reviewed scripts/data/ in the last year; Dev Patel's goal “Learn the data scripts” covers it", goal: 'dev-data' },
      { person: 'erin', name: 'Erin Walsh', role: 'expert' as const, area: 'scripts/data/', reason: 'knows scripts/data/ besides the author: pair with Dev Patel' },
    ];
    const files: FilePrompts[] = [{ path: 'scripts/data/export.py', goals: [] }];
    const [group, unrelated] = buildPromptRows([{ key: 'f', name: 'ws', state: { kind: 'ready', comparedWith: 'HEAD', files, statuses: {}, names, reviewers } }]);
    assert.strictEqual(group.kind, 'reviewers');
    assert.strictEqual(group.label, 'Suggested reviewers');
    assert.deepStrictEqual(
      group.children.map((r) => [r.label, r.description, r.icon?.id, r.children.map((c) => c.label)]),
      [
        ['Dev Patel', 'learner · scripts/data/', 'mortar-board', [reviewers[0].reason]],
        ['Erin Walsh', 'expert · scripts/data/', 'star-empty', [reviewers[1].reason]],
      ],
    );
    assert.match(group.children[0].tooltip ?? '', /Goal: dev-data$/);
    assert.strictEqual(unrelated.contextValue, 'notice-unrelated');
    // No change, no reviewers row.
    const none = buildPromptRows([{ key: 'f', name: 'ws', state: { kind: 'ready', comparedWith: 'HEAD', files: [], statuses: {}, names, reviewers } }]);
    assert.deepStrictEqual(none.map((r) => r.kind), ['notice']);
  });

  it('describes a goal by owner, mentors and the user’s role', () => {
    assert.strictEqual(describeGoal(goal({ role: 'mentor', mentors: ['ana', 'zoe'] }), names), 'Ben Okafor · mentor Ana Lima, zoe · you mentor it');
    assert.strictEqual(describeGoal(goal({ mentors: [], role: 'partner' }), names), 'Ben Okafor · your partnership');
  });
});

describe('changed files seen from a workspace folder', () => {
  const files: ChangedFile[] = [
    { path: 'app/src/a.ts', status: 'modified', hunks: [{ startLine: 3, lineCount: 1 }] },
    { path: 'app/b.ts', status: 'renamed', oldPath: 'lib/b.ts' },
    { path: 'lib/c.ts', status: 'renamed', oldPath: 'app/c.ts' },
    { path: 'README.md', status: 'added' },
  ];

  it('keeps the paths when the folder is the repository', () => {
    assert.deepStrictEqual(relativeToFolder(files, '/repo', '/repo/'), files);
  });

  it('keeps only the folder’s files, relative to it, when the folder is inside the repository', () => {
    assert.deepStrictEqual(relativeToFolder(files, '/repo', '/repo/app'), [
      { path: 'src/a.ts', status: 'modified', hunks: [{ startLine: 3, lineCount: 1 }] },
      { path: 'b.ts', status: 'renamed' },
    ]);
    assert.deepStrictEqual(relativeToFolder(files, '/repo', '/repository'), [], 'a sibling with a common prefix is not inside');
  });

  it('prefixes the paths when the repository is inside the folder', () => {
    assert.deepStrictEqual(relativeToFolder(files.slice(1, 2), '/ws/repo', '/ws'), [{ path: 'repo/app/b.ts', status: 'renamed', oldPath: 'repo/lib/b.ts' }]);
  });

  it('compares Windows paths without regard to case or slashes', () => {
    assert.deepStrictEqual(relativeToFolder(files.slice(0, 1), 'C:\\Repo', 'c:/repo/App'), [{ path: 'src/a.ts', status: 'modified', hunks: [{ startLine: 3, lineCount: 1 }] }]);
  });
});

describe('review prompt helpers', () => {
  const files: FilePrompts[] = [
    { path: 'a.ts', goals: [goal()] },
    { path: 'b.ts', goals: [goal({ id: 'other', partnership: 'p2' }), goal()] },
    { path: 'c.ts', goals: [] },
  ];

  it('names the files reviewed for a goal', () => {
    assert.strictEqual(reviewedNotes(files, 'ben-ts'), 'Reviewed: a.ts, b.ts');
    assert.strictEqual(reviewedNotes(files, 'other'), 'Reviewed: b.ts');
    assert.strictEqual(reviewedNotes(files, 'none'), '');
    assert.strictEqual(reviewedNotes(files, 'ben-ts', 1), 'Reviewed: a.ts and 1 more');
  });

  it('lists the distinct goals in first-seen order', () => {
    assert.deepStrictEqual(
      goalsOf(files).map((g) => g.id),
      ['ben-ts', 'other'],
    );
  });
});
