/**
 * Review prompts where the commit is made and where a change is reviewed, with default settings:
 * a change under a goal's paths shows the goal in the "Mentoring" view of the Source Control
 * container; the diff opened from Source Control shows the goal's title after the first changed
 * line (VS Code keeps `diffEditor.codeLens` off); Add Mentoring-Goal Trailer says what it did; the
 * base is the pull request's when GitHub Pull Requests has written it into the git config (the
 * extension cannot be installed here: the test writes that config as it would); and "Questions…"
 * stays on screen in a narrow editor. Screenshots: test/.output/scm-view.png, diff-labels.png.
 */
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as vscode from 'vscode';
import type { ScmRow } from '../../src/core/view/scmRows';
import type { GitApi, GitRepository } from '../../src/vscode/gitApi';
import { host, waitFor } from './host';
import { api, folder, restore } from './mentoring';

const CHANGED = 'src/api/users.ts';
const GOAL = 'Write the API handlers in strict TypeScript';
const SETTLE_MS = 20000;

function changedUri(): vscode.Uri {
  return vscode.Uri.joinPath(folder().uri, ...CHANGED.split('/'));
}

function git(...args: string[]): string {
  return execFileSync('git', args, { cwd: folder().uri.fsPath, encoding: 'utf8' });
}

async function repository(): Promise<GitRepository> {
  const ext = vscode.extensions.getExtension<{ getAPI(v: 1): GitApi }>('vscode.git');
  assert.ok(ext, 'the built-in git extension is installed');
  const gitApi = (ext.isActive ? ext.exports : await ext.activate()).getAPI(1);
  return waitFor('the git extension to open the fixture repository', () => gitApi.getRepository(folder().uri) ?? undefined, SETTLE_MS);
}

/** Waits until the built-in git extension lists the changed file (its watcher may lag behind the write). */
async function gitSeesChange(): Promise<void> {
  const repo = (await repository()) as unknown as { status(): Promise<void>; state: { workingTreeChanges: { uri: vscode.Uri }[] } };
  await waitFor('the git extension to see the changed file', async () => {
    await repo.status();
    return repo.state.workingTreeChanges.some((c) => c.uri.toString() === changedUri().toString());
  }, SETTLE_MS);
}

async function goalRow(): Promise<ScmRow> {
  const { scmView } = await api();
  return waitFor(`"${GOAL}" in the Source Control view`, async () => (await scmView.getChildren()).find((r) => r.kind === 'goal' && r.label === GOAL), SETTLE_MS);
}

async function refresh(): Promise<void> {
  await vscode.commands.executeCommand('mentoring.reviewPrompts.refresh');
}

describe('review prompts in Source Control and the diff editor', () => {
  let original = '';

  before(async () => {
    await api();
    for (const key of ['codeLens', 'lineLabels', 'baseBranch']) {
      const inspected = vscode.workspace.getConfiguration('mentoring.reviewPrompts').inspect(key);
      assert.strictEqual(inspected?.globalValue ?? inspected?.workspaceValue, undefined, `mentoring.reviewPrompts.${key} is at its default`);
    }
    assert.strictEqual(vscode.workspace.getConfiguration('diffEditor').get('codeLens'), false, 'VS Code’s default: no CodeLens in diff editors');
    original = fs.readFileSync(changedUri().fsPath, 'utf8');
    fs.writeFileSync(changedUri().fsPath, `${original}\nexport function removeUser(users: User[], id: string): User[] {\n  return users.filter((u) => u.id !== id);\n}\n`);
  });

  after(async () => {
    fs.writeFileSync(changedUri().fsPath, original);
    (await repository()).inputBox.value = '';
    await restore();
  });

  it('lists the goal the change touches, with its questions and file, and says what it is compared with', async () => {
    const goal = await goalRow();
    const { scmView } = await api();
    assert.strictEqual(goal.description, 'Ben Okafor · mentor Ana Lima');
    assert.deepStrictEqual(goal.goal, { id: 'ben-ts', partnership: 'ana-ben' });
    const questions = goal.children.filter((r) => r.kind === 'question').map((r) => r.label);
    assert.strictEqual(questions[0], "Are the handler's inputs validated before use?");
    assert.deepStrictEqual(
      goal.children.filter((r) => r.kind === 'file').map((r) => [r.label, r.description, r.path]),
      [['users.ts', 'src/api', CHANGED]],
    );
    const item = scmView.getTreeItem(goal.children.find((r) => r.kind === 'file') as ScmRow);
    assert.strictEqual(item.resourceUri?.toString(), changedUri().toString());
    assert.strictEqual(item.command?.command, 'mentoring.reviewPrompts.openChange');
    assert.match(scmView.view?.message ?? '', /^Uncommitted changes against HEAD: no base branch found\.$/);
  });

  it('compares with the pull request’s base written by GitHub Pull Requests, then with VS Code’s merge base, and says which', async () => {
    const { scmView } = await api();
    await goalRow();
    try {
      git('remote', 'add', 'origin', 'https://github.com/acme/app.git');
      git('update-ref', 'refs/remotes/origin/main', 'HEAD~1');
      git('update-ref', 'refs/remotes/origin/release', 'HEAD~2');
      git('config', 'branch.main.github-pr-base-branch', 'acme#app#main');
      git('config', 'branch.main.vscode-merge-base', 'origin/release');
      await refresh();
      assert.strictEqual(scmView.view?.description, 'since origin/main');
      assert.strictEqual(scmView.view?.message, 'Since origin/main (the pull request’s base), uncommitted changes included.');
      const goal = await goalRow();
      const files = goal.children.filter((r) => r.kind === 'file').map((r) => r.path);
      assert.ok(files.includes(CHANGED), 'uncommitted changes are part of the change');
      assert.ok(files.includes('src/web/server.ts'), `the branch's last commit is part of it too: ${files.join(', ')}`);

      git('config', '--unset', 'branch.main.github-pr-base-branch');
      await refresh();
      assert.strictEqual(scmView.view?.message, 'Since origin/release (the branch it was created from), uncommitted changes included.');
    } finally {
      for (const key of ['branch.main.vscode-merge-base', 'branch.main.github-pr-base-branch']) {
        try {
          git('config', '--unset-all', key);
        } catch {
          // not set (any more)
        }
      }
      git('remote', 'remove', 'origin');
      await refresh();
    }
    assert.strictEqual(scmView.view?.description, 'working tree');
  }).timeout(120000);

  it('shows the goal in the Source Control container (screenshot test/.output/scm-view.png)', async function () {
    host.requireDriver(this);
    await goalRow();
    await gitSeesChange();
    await vscode.commands.executeCommand('workbench.view.scm');
    await vscode.commands.executeCommand('mentoring.scm.focus');
    const rows = await waitFor('the Mentoring view to render in Source Control, with the goal and its changed file', async () => {
      const texts = await host.domText('.pane-body .monaco-list-row');
      return texts.some((t) => t.includes(GOAL)) && texts.some((t) => t.includes('users.ts')) && texts;
    }, SETTLE_MS);
    assert.ok(rows.some((t) => t.includes('users.ts')), rows.join('\n'));
    await host.screenshot('scm-view');
  });

  it('labels the first changed line in the diff editor opened from Source Control, without diffEditor.codeLens', async function () {
    const { lineLabels } = await api();
    await goalRow();
    await gitSeesChange();
    await vscode.commands.executeCommand('git.openChange', changedUri());
    await waitFor('the diff editor', () => {
      const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
      return input instanceof vscode.TabInputTextDiff && input.modified.toString() === changedUri().toString();
    });
    const firstChanged = original.split('\n').length - 1;
    const labels = await waitFor('the line label', () => lineLabels.labels(changedUri()).length > 0 && lineLabels.labels(changedUri()), SETTLE_MS);
    assert.deepStrictEqual(labels, [{ line: firstChanged, text: `Mentoring goal: ${GOAL}` }]);
    if (!host.available) return;
    const shown = await waitFor('the label drawn on the modified side', async () => {
      const after = await host.afterText('.monaco-diff-editor .editor.modified .view-line span');
      return after.some((t) => t.includes(`Mentoring goal: ${GOAL}`)) && after;
    }, SETTLE_MS);
    assert.ok(shown.length >= 1);
    await host.screenshot('diff-labels');
  });

  it('says what Add Mentoring-Goal Trailer added, and that it was already there', async () => {
    const { reviewPrompts } = await api();
    const repo = await repository();
    repo.inputBox.value = 'Remove users by id';
    const goal = await goalRow();
    await vscode.commands.executeCommand('mentoring.addGoalTrailer', goal);
    assert.strictEqual(repo.inputBox.value, 'Remove users by id\n\nMentoring-Goal: ben-ts');
    const added = `Added “Mentoring-Goal: ben-ts” to the commit message: the commit works towards “${GOAL}”.`;
    assert.strictEqual(reviewPrompts.lastTrailerNotice, added);
    if (host.available) {
      await vscode.commands.executeCommand('notifications.showList');
      await waitFor('the notification', async () => (await host.domText('.notifications-center .notification-list-item-message')).some((t) => t.includes(added)), SETTLE_MS);
      await vscode.commands.executeCommand('notifications.hideList');
    }
    await vscode.commands.executeCommand('mentoring.addGoalTrailer', goal);
    assert.strictEqual(repo.inputBox.value, 'Remove users by id\n\nMentoring-Goal: ben-ts');
    assert.strictEqual(reviewPrompts.lastTrailerNotice, 'The commit message already has “Mentoring-Goal: ben-ts”.');
    await vscode.commands.executeCommand('notifications.clearAll');
  });

  it('keeps "Questions…" on screen in a 600 px editor', async function () {
    host.requireDriver(this);
    await goalRow();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.window.showTextDocument(changedUri());
    // Two editors side by side: each well under 600 px in the 1280 px window.
    await vscode.commands.executeCommand('workbench.action.splitEditorRight');
    try {
      const groups = await waitFor('two editor groups', async () => {
        const r = await host.rects('.editor-group-container');
        return r.length === 2 && r;
      });
      for (const g of groups) assert.ok(g.right - g.left <= 600, `an editor ${g.right - g.left} px wide`);
      let seen: string[] = [];
      const lenses = await waitFor('the CodeLens in the narrow editors', async () => {
        const all = await host.rects('.codelens-decoration a');
        seen = all.map((a) => `${a.text}@${Math.round(a.left)}-${Math.round(a.right)}`);
        const r = all.filter((a) => a.text.trim() === 'Questions…');
        return r.length > 0 && r;
      }, SETTLE_MS).catch((e: Error) => {
        throw new Error(`${e.message}; lenses: [${seen.join(' | ')}]; groups: ${JSON.stringify(groups)}`);
      });
      for (const lens of lenses) {
        const group = groups.find((g) => lens.left >= g.left && lens.left < g.right);
        assert.ok(group && lens.right <= group.right, `"Questions…" ends at ${lens.right} px, its editor at ${group?.right} px`);
      }
    } finally {
      await vscode.commands.executeCommand('workbench.action.joinAllGroups');
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
  });
});
