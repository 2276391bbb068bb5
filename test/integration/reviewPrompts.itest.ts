/**
 * Review prompts on the fixture repository: a working-tree change under a goal's paths shows in the
 * view with the goal and its questions, as CodeLens on the changed file (off by setting), opens as a
 * diff, and the trailer action writes exactly one `Mentoring-Goal:` line into the Source Control
 * input box of the built-in git extension. Screenshot: test/.output/review-prompts.png.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import type { GoalPrompt } from '../../src/core/review/prompts';
import type { PromptRow } from '../../src/core/view/reviewRows';
import { lensTitle, lensTooltip } from '../../src/vscode/review/codeLens';
import type { GitApi, GitRepository } from '../../src/vscode/gitApi';
import { host, waitFor } from './host';
import { api, folder, restore } from './mentoring';

const CHANGED = 'src/api/users.ts';
const GOAL = 'Write the API handlers in strict TypeScript';
/** The view reads git after a 500 ms debounce, once git has noticed the change. */
const SETTLE_MS = 20000;

function changedUri(): vscode.Uri {
  return vscode.Uri.joinPath(folder().uri, ...CHANGED.split('/'));
}

async function repository(): Promise<GitRepository> {
  const ext = vscode.extensions.getExtension<{ getAPI(v: 1): GitApi }>('vscode.git');
  assert.ok(ext, 'the built-in git extension is installed');
  const git = (ext.isActive ? ext.exports : await ext.activate()).getAPI(1);
  return waitFor('the git extension to open the fixture repository', () => git.getRepository(folder().uri) ?? undefined, SETTLE_MS);
}

async function fileRow(): Promise<PromptRow> {
  const { reviewPrompts } = await api();
  return waitFor(
    `${CHANGED} in the Review prompts view`,
    async () => (await reviewPrompts.getChildren()).find((r) => r.kind === 'file' && r.path === CHANGED),
    SETTLE_MS,
  );
}

describe('review prompts', () => {
  let original = '';

  before(async () => {
    await api();
    original = fs.readFileSync(changedUri().fsPath, 'utf8');
    fs.writeFileSync(changedUri().fsPath, `${original}\nexport function removeUser(users: User[], id: string): User[] {\n  return users.filter((u) => u.id !== id);\n}\n`);
  });

  after(async () => {
    fs.writeFileSync(changedUri().fsPath, original);
    (await repository()).inputBox.value = '';
    await vscode.workspace.getConfiguration('mentoring.reviewPrompts').update('codeLens', undefined, vscode.ConfigurationTarget.Global);
    await restore();
  });

  it('lists the changed file with its goal, owner, mentor and questions', async () => {
    const file = await fileRow();
    const { reviewPrompts } = await api();
    const rows = await reviewPrompts.getChildren();
    assert.deepStrictEqual(
      rows.filter((r) => r.kind !== 'reviewers').map((r) => [r.kind, r.label, r.description]),
      [['file', 'users.ts', 'src/api · 1 goal']],
      'only the change under a goal is listed (after who should review it)',
    );
    const [goal] = file.children;
    assert.strictEqual(goal.label, GOAL);
    assert.strictEqual(goal.description, 'Ben Okafor · mentor Ana Lima');
    assert.deepStrictEqual(goal.goal, { id: 'ben-ts', partnership: 'ana-ben' });
    const questions = goal.children.map((q) => q.label);
    assert.strictEqual(questions[0], "Are the handler's inputs validated before use?", 'the goal’s own prompt comes first');
    assert.strictEqual(questions.length, 3);
    const item = reviewPrompts.getTreeItem(file);
    assert.strictEqual(item.contextValue, 'reviewFile');
    assert.strictEqual(item.resourceUri?.toString(), changedUri().toString());
    assert.strictEqual(reviewPrompts.getTreeItem(goal).contextValue, 'reviewGoal');
  });

  it('shows CodeLens at the first changed line, and none when the setting is off', async () => {
    await fileRow();
    const doc = await vscode.workspace.openTextDocument(changedUri());
    const lenses = await waitFor(
      'the review CodeLens',
      async () => {
        const found = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri);
        return found.some((l) => l.command?.title.startsWith('Goal:')) && found;
      },
      SETTLE_MS,
    );
    const ours = lenses.filter((l) => l.command?.command.startsWith('mentoring.'));
    assert.deepStrictEqual(
      ours.map((l) => l.command?.title),
      ['Questions…', 'Goal: Write the API handlers in strict…'],
      '"Questions…" first, then the goal, short',
    );
    assert.strictEqual(ours[1].command?.tooltip, `${GOAL} — Ben Okafor, mentor Ana Lima — 3 review questions. Open the goal in the review panel.`);
    const firstChanged = original.split('\n').length - 1; // the appended lines start after the old last line
    for (const lens of lenses.filter((l) => l.command?.command.startsWith('mentoring.'))) assert.strictEqual(lens.range.start.line, firstChanged);
    const open = lenses.find((l) => l.command?.title.startsWith('Goal:'))?.command;
    assert.deepStrictEqual(open?.arguments, [{ folder: folder().uri.toString(), goal: { id: 'ben-ts', partnership: 'ana-ben' } }]);

    await vscode.workspace.getConfiguration('mentoring.reviewPrompts').update('codeLens', false, vscode.ConfigurationTarget.Global);
    await waitFor('the CodeLens to go', async () => {
      const found = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri);
      return !found.some((l) => l.command?.command.startsWith('mentoring.'));
    });
    await vscode.workspace.getConfiguration('mentoring.reviewPrompts').update('codeLens', undefined, vscode.ConfigurationTarget.Global);
  });

  it('cuts a long goal title in its CodeLens at a word, and keeps who and how many questions for the tooltip', () => {
    const goal = {
      id: 'long',
      title: 'Make every request handler of the public API validate its input before it touches the database',
      status: 'active',
      owner: 'ben',
      ownerName: 'Ben Okafor',
      mentors: ['ana'],
      partnership: 'ana-ben',
      role: 'owner',
      matchedBy: 'paths',
      skills: [],
      prompts: ['Is it validated?', 'Is it tested?'],
    } as unknown as GoalPrompt;
    assert.strictEqual(lensTitle(goal), 'Goal: Make every request handler of the…');
    assert.strictEqual(lensTooltip(goal, { ana: 'Ana Lima' }), `${goal.title} — Ben Okafor, mentor Ana Lima — 2 review questions. Open the goal in the review panel.`);
    assert.strictEqual(lensTitle({ ...goal, title: '$(bug) Short' }), 'Goal: $\u200b(bug) Short', 'no icon from the file');
  });

  it('opens the file’s changes against HEAD in a diff editor', async () => {
    const file = await fileRow();
    assert.ok(file.command);
    await vscode.commands.executeCommand(file.command.command, ...file.command.arguments);
    const tab = await waitFor('a diff tab', () => {
      const active = vscode.window.tabGroups.activeTabGroup.activeTab;
      return active?.input instanceof vscode.TabInputTextDiff && active.input;
    });
    assert.strictEqual(tab.modified.toString(), changedUri().toString());
    assert.strictEqual(tab.original.scheme, 'git');
  });

  it('adds exactly one Mentoring-Goal trailer to the commit message, however often it is asked', async () => {
    const repo = await repository();
    repo.inputBox.value = 'Remove users by id';
    const [goal] = (await fileRow()).children;
    const first = await vscode.commands.executeCommand<string | undefined>('mentoring.addGoalTrailer', goal);
    assert.strictEqual(first, 'Remove users by id\n\nMentoring-Goal: ben-ts');
    await vscode.commands.executeCommand('mentoring.addGoalTrailer', goal);
    assert.strictEqual(repo.inputBox.value, 'Remove users by id\n\nMentoring-Goal: ben-ts');
    assert.strictEqual(repo.inputBox.value.match(/^Mentoring-Goal:/gm)?.length, 1);
  });

  it('compares the branch with its base in branch mode, and explains an unknown base', async () => {
    const { reviewPrompts } = await api();
    await fileRow();
    try {
      await reviewPrompts.setMode({ kind: 'branch', base: 'HEAD~1' });
      const rows = await reviewPrompts.getChildren();
      assert.ok(!rows.some((r) => r.path === CHANGED), 'the uncommitted change is not part of the branch');
      assert.ok(!rows.some((r) => r.contextValue === 'notice-error'), rows.map((r) => r.label).join(' | '));
      assert.strictEqual(reviewPrompts.view?.description, 'HEAD~1...HEAD');
      await reviewPrompts.setMode({ kind: 'branch', base: 'no-such-branch' });
      const [error] = await reviewPrompts.getChildren();
      assert.strictEqual(error.contextValue, 'notice-error');
      assert.match(error.label, /^Unknown base 'no-such-branch'.*Review a Branch/);
    } finally {
      await reviewPrompts.setMode({ kind: 'auto' });
    }
    assert.ok((await reviewPrompts.getChildren()).some((r) => r.path === CHANGED), 'back to the change under review');
    assert.strictEqual(reviewPrompts.view?.description, 'working tree', 'no base in a repository without a remote');
  });

  it('renders in the Mentoring view with the CodeLens in the editor (screenshot test/.output/review-prompts.png)', async function () {
    host.requireDriver(this);
    await fileRow();
    await vscode.commands.executeCommand('workbench.view.extension.mentoring');
    await vscode.commands.executeCommand('mentoring.reviewPrompts.focus');
    // Wider, so the goal's title is not cut.
    for (let i = 0; i < 4; i++) await vscode.commands.executeCommand('workbench.action.increaseViewWidth');
    await vscode.window.showTextDocument(changedUri());
    const rows = await waitFor('the view to render its rows', async () => {
      const texts = await host.domText('.pane-body .monaco-list-row');
      return texts.some((t) => t.includes('users.ts')) && texts.some((t) => t.includes(GOAL)) && texts;
    });
    assert.ok(rows.join('\n').includes('Ben Okafor · mentor Ana Lima'), rows.join('\n'));
    let rendered: string[] = [];
    await waitFor('the CodeLens in the editor', async () => (rendered = await host.domText('.codelens-decoration')).some((t) => t.includes('Goal:')), SETTLE_MS).catch(async (e: Error) => {
      const provided = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', changedUri());
      const editors = vscode.window.visibleTextEditors.map((ed) => vscode.workspace.asRelativePath(ed.document.uri)).join(', ');
      throw new Error(`${e.message}; rendered: [${rendered.join(' | ')}]; provided: [${provided.map((l) => l.command?.title).join(' | ')}]; visible editors: ${editors}`);
    });
    await host.screenshot('review-prompts');
    for (let i = 0; i < 4; i++) await vscode.commands.executeCommand('workbench.action.decreaseViewWidth');
  });
});
