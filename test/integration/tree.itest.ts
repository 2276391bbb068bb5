/**
 * The Partners & Goals view on the fixture workspace: rows through the provider and in the rendered
 * workbench, refresh on edits, the "who am I" setting, and the goal actions that edit the file.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { localToday } from '../../src/core/dates';
import { parseMentoring } from '../../src/core/file/parse';
import { Row } from '../../src/core/view/treeModel';
import { host, waitFor } from './host';
import { accept, api, children, fileUri, folder, originalText, question, restore, SETTLE_MS, summary } from './mentoring';

async function rowByLabel(rows: Row[], label: string): Promise<Row> {
  const row = rows.find((r) => (r.whole?.label ?? r.label) === label);
  assert.ok(row, `a row "${label}" among ${summary(rows).join(' | ')}`);
  return row;
}

async function benGoal(): Promise<Row> {
  const ben = await rowByLabel(await children(), 'Ben Okafor');
  const [partnership] = await children(ben);
  return rowByLabel(await children(partnership), 'Write the API handlers in strict TypeScript');
}

describe('Partners & Goals tree', () => {
  before(async () => {
    originalText();
    await api();
  });
  afterEach(restore);

  it('lists the partners with their roles, partnerships, goals and sessions', async () => {
    const roots = await children();
    assert.deepStrictEqual(summary(roots), [
      'Ana Lima — mentor · mutual',
      'Ben Okafor — mutual',
      'Chen Wei — mentee',
    ]);
    assert.match(roots[0].tooltip ?? '', /^Mentor of Chen Wei · mutual partner of Ben Okafor$/m);
    const ana = await children(roots[0]);
    assert.deepStrictEqual(
      ana.map((r) => r.label),
      ['with Ben Okafor', 'mentoring Chen Wei'],
    );
    // The fixture's sessions are in 2024: both partnerships are long overdue.
    for (const p of ana) assert.strictEqual(p.description, 'overdue');
    for (const p of ana) assert.match(p.tooltip ?? '', /overdue by \d+ days/);
    const rows = await children(ana[0]);
    assert.deepStrictEqual(
      rows.map((r) => [r.kind, r.whole?.label ?? r.label]),
      [
        ['goal', 'Write the API handlers in strict TypeScript'],
        ['session', '2024-01-22'],
      ],
    );
    assert.strictEqual(rows[0].description, 'overdue');
    assert.match(rows[0].tooltip ?? '', /^Owner: Ben Okafor · status: active · 40%$/m);
    assert.strictEqual(rows[1].description, 'held · 45 min');
    const chen = await children((await children(roots[2]))[0]);
    assert.deepStrictEqual(summary(chen), ['Cover the docs build with tests — proposed', '2024-02-12 — cancelled']);
  });

  it('turns rows into tree items with ids, icons and context values', async () => {
    const { tree } = await api();
    const goal = await benGoal();
    const item = tree.getTreeItem(goal);
    assert.strictEqual(item.contextValue, 'goal');
    assert.strictEqual(item.collapsibleState, vscode.TreeItemCollapsibleState.None);
    assert.ok(item.iconPath instanceof vscode.ThemeIcon);
    assert.strictEqual(item.iconPath.id, 'warning', 'an overdue goal is marked');
    assert.match(String(item.tooltip), /Owner: Ben Okafor · status: active · 40%/);
    const partner = tree.getTreeItem((await children())[0]);
    assert.strictEqual(partner.contextValue, 'partner');
    assert.strictEqual(partner.collapsibleState, vscode.TreeItemCollapsibleState.Expanded);
    assert.strictEqual(tree.getTreeItem(tree.getParent(goal)!).collapsibleState, vscode.TreeItemCollapsibleState.Expanded);
    assert.strictEqual(tree.getParent(goal)?.kind, 'partnership');
  });

  it('renders in the Mentoring view of the workbench (screenshot test/.output/tree.png)', async function () {
    host.requireDriver(this);
    await vscode.commands.executeCommand('workbench.view.extension.mentoring');
    // Wider, so descriptions are not cut: the editor area gives up room to the side bar.
    await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
    for (let i = 0; i < 6; i++) await vscode.commands.executeCommand('workbench.action.decreaseViewWidth');
    // Earlier suites may have collapsed or shrunk this view beside the others: bring it forward.
    await vscode.commands.executeCommand('mentoring.partners.focus');
    // The list renders only the rows in sight, and how much of the view is in sight depends on the
    // views beside it: the first partner's row, with its roles, is always there.
    let seen: string[] = [];
    await waitFor(
      'the view to render its first partner',
      async () => {
        seen = await host.domText('.pane-body .monaco-list-row');
        return seen.some((t) => t.includes('Ana Lima') && t.includes('mentor · mutual'));
      },
      SETTLE_MS,
    ).catch((e: Error) => {
      throw new Error(`${e.message}; rows rendered:\n${seen.join('\n')}`);
    });
    await host.screenshot('tree');
  });

  it('refreshes when the file changes on disk', async () => {
    const text = originalText().replace('partnerships:\n', '  - id: dee\n    name: Dee Park\npartnerships:\n');
    fs.writeFileSync(fileUri().fsPath, text);
    await waitFor('the new partner in the tree', async () => (await children()).some((r) => r.label === 'Dee Park'), SETTLE_MS);
    assert.strictEqual((await rowByLabel(await children(), 'Dee Park')).description, 'no partnership');
  });

  it('follows unsaved typing in the open document', async () => {
    const doc = await vscode.workspace.openTextDocument(fileUri());
    const editor = await vscode.window.showTextDocument(doc);
    const at = doc.positionAt(doc.getText().indexOf('name: Chen Wei') + 'name: '.length);
    await editor.edit((e) => e.replace(new vscode.Range(at, at.translate(0, 'Chen Wei'.length)), 'Chen Wu'));
    assert.ok(doc.isDirty);
    await waitFor('the renamed partner in the tree', async () => (await children()).some((r) => r.label === 'Chen Wu'), SETTLE_MS);
  });

  it('puts "me" first, from the mentoring.me setting', async () => {
    const config = vscode.workspace.getConfiguration('mentoring', folder().uri);
    await config.update('me', 'ben', vscode.ConfigurationTarget.WorkspaceFolder);
    try {
      await waitFor('Ben first, as "you"', async () => (await children())[0]?.label === 'Ben Okafor (you)', SETTLE_MS);
    } finally {
      await config.update('me', undefined, vscode.ConfigurationTarget.WorkspaceFolder);
    }
    await waitFor('Ana first again', async () => (await children())[0]?.label === 'Ana Lima', SETTLE_MS);
  });

  it('reveals a goal at its exact range in the file', async () => {
    const goal = await benGoal();
    await vscode.commands.executeCommand('mentoring.revealEntry', goal);
    const editor = await waitFor('the file in an editor', () => vscode.window.activeTextEditor?.document.uri.fsPath === fileUri().fsPath && vscode.window.activeTextEditor);
    const parsed = parseMentoring(editor.document.getText());
    const range = parsed.rangeOf(['goals', 0]);
    assert.ok(range);
    assert.deepStrictEqual(
      [editor.selection.start.line, editor.selection.start.character, editor.selection.end.line, editor.selection.end.character],
      [range.start.line - 1, range.start.col - 1, range.end.line - 1, range.end.col - 1],
    );
    assert.ok(editor.document.getText(editor.selection).startsWith('id: ben-ts'));
  });

  it('marks a goal achieved on disk when the file is not open: shows the lines first, confirms after, and undoes', async () => {
    const { writes } = await api();
    const today = localToday();
    const marking = vscode.commands.executeCommand('mentoring.markGoalAchieved', await benGoal());
    const asked = await question('Mark “Write the API handlers in strict TypeScript” achieved');
    assert.deepStrictEqual(
      asked.items.map((i) => i.replace(/\u00a0/g, ' ')),
      [
        '$(check) Mark Achieved',
        'will change these lines of .mentoring.yml',
        '$(diff-removed)     status: active',
        '$(diff-added)     status: achieved',
        '$(diff-removed)     progress: 40',
        '$(diff-added)     progress: 100',
        `$(diff-added)     achieved: ${today}`,
        '$(diff-added)     reviews:',
        `$(diff-added)       - date: ${today}`,
        '$(diff-added)         by: ben',
        '$(diff-added)         progress: 100',
        '$(diff-added)         status: achieved',
      ],
    );
    assert.strictEqual(fs.readFileSync(fileUri().fsPath, 'utf8'), originalText(), 'nothing written while it asks');
    await accept();
    await marking;
    const text = fs.readFileSync(fileUri().fsPath, 'utf8');
    const goal = parseMentoring(text).model?.goals.find((g) => g.id === 'ben-ts');
    assert.deepStrictEqual([goal?.status, goal?.progress], ['achieved', 100]);
    // The two values changed, the date and a review entry added: comments and everything else stay as they were.
    assert.strictEqual(
      text,
      originalText().replace(
        '    status: active\n    progress: 40\n    created: 2024-01-08\n    due: 2024-06-30\n',
        `    status: achieved\n    progress: 100\n    created: 2024-01-08\n    due: 2024-06-30\n    achieved: ${today}\n    reviews:\n      - date: ${today}\n        by: ben\n        progress: 100\n        status: achieved\n`,
      ),
    );
    assert.strictEqual(writes.last?.message, 'Marked “Write the API handlers in strict TypeScript” achieved.');
    await waitFor('the tree to show the achieved goal', async () => (await benGoal()).contextValue === 'goal-achieved', SETTLE_MS);
    // Undo, on disk.
    assert.strictEqual(await writes.last?.undo(), true);
    assert.strictEqual(fs.readFileSync(fileUri().fsPath, 'utf8'), originalText());
    await waitFor('the tree to show the goal open again', async () => (await benGoal()).contextValue === 'goal', SETTLE_MS);
  });

  it('writes nothing when the question is dismissed', async () => {
    const marking = vscode.commands.executeCommand('mentoring.markGoalAchieved', await benGoal());
    await question('Mark “Write the API handlers');
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    assert.strictEqual(await marking, undefined);
    assert.strictEqual(fs.readFileSync(fileUri().fsPath, 'utf8'), originalText());
  });

  it('sets progress from "60%", and keeps status and progress agreeing at 100% and back', async () => {
    const { writes } = await api();
    await vscode.commands.executeCommand('mentoring.setGoalProgress', { goal: 'ben-ts', progress: '60%' });
    const goal = () => parseMentoring(fs.readFileSync(fileUri().fsPath, 'utf8')).model?.goals.find((g) => g.id === 'ben-ts');
    assert.deepStrictEqual([goal()?.progress, goal()?.status], [60, 'active']);
    assert.strictEqual(writes.last?.message, 'Set “Write the API handlers in strict TypeScript” to 60%.');
    // From the tree: the question says what the status becomes.
    const setting = vscode.commands.executeCommand('mentoring.setGoalProgress', await benGoal());
    await question('Progress of “Write the API handlers', 1);
    if (host.available) {
      await host.press('Control+A');
      await host.type('100 %');
      await waitFor('the note that 100% means achieved', async () => (await host.domText('.quick-input-widget'))[0]?.includes('100% means achieved: the status goes from active to achieved'));
      await host.press('Enter');
      const asked = await question('Progress of “Write the API handlers', 2);
      assert.strictEqual(asked.items[0], '$(check) Set Progress to 100% and Status to achieved');
      await accept();
      await setting;
      assert.deepStrictEqual([goal()?.progress, goal()?.status], [100, 'achieved']);
    } else {
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      await setting;
      await vscode.commands.executeCommand('mentoring.setGoalProgress', { goal: 'ben-ts', progress: 100 });
      assert.deepStrictEqual([goal()?.progress, goal()?.status], [100, 'achieved']);
    }
    await vscode.commands.executeCommand('mentoring.setGoalProgress', { goal: 'ben-ts', progress: 30 });
    assert.deepStrictEqual([goal()?.progress, goal()?.status], [30, 'active'], 'below 100% it is active again');
    assert.strictEqual(writes.last?.message, 'Set “Write the API handlers in strict TypeScript” to 30%, active.');
  });

  it('edits an open, dirty document in place and leaves it unsaved', async () => {
    const doc = await vscode.workspace.openTextDocument(fileUri());
    const editor = await vscode.window.showTextDocument(doc);
    await editor.edit((e) => e.insert(new vscode.Position(doc.lineCount - 1, 0), '# unsaved note\n'));
    await vscode.commands.executeCommand('mentoring.markGoalAchieved', { goal: 'ben-ts' });
    assert.ok(doc.isDirty, 'still dirty');
    assert.match(doc.getText(), /# unsaved note/);
    assert.strictEqual(parseMentoring(doc.getText()).model?.goals[0].status, 'achieved');
    assert.strictEqual(fs.readFileSync(fileUri().fsPath, 'utf8'), originalText(), 'disk untouched');
    // One undo step takes the edit back, keeping the unsaved note.
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('undo');
    assert.strictEqual(parseMentoring(doc.getText()).model?.goals[0].status, 'active');
    assert.match(doc.getText(), /# unsaved note/);
  });

  it('saves a clean open document after editing it, so disk matches; Undo goes through the editor too', async () => {
    const doc = await vscode.workspace.openTextDocument(fileUri());
    await vscode.window.showTextDocument(doc);
    assert.ok(!doc.isDirty);
    await vscode.commands.executeCommand('mentoring.markGoalAchieved', { goal: 'ben-ts' });
    assert.ok(!doc.isDirty);
    assert.strictEqual(fs.readFileSync(fileUri().fsPath, 'utf8'), doc.getText());
    assert.strictEqual(parseMentoring(doc.getText()).model?.goals[0].status, 'achieved');
    // Typing elsewhere meanwhile stays when the write is undone.
    const editor = await vscode.window.showTextDocument(doc);
    await editor.edit((e) => e.insert(new vscode.Position(0, 0), '# typed after the write\n'));
    const { writes } = await api();
    assert.strictEqual(await writes.last?.undo(), true);
    assert.strictEqual(doc.getText(), `# typed after the write\n${originalText()}`);
    assert.ok(doc.isDirty, 'the unsaved typing is still unsaved');
  });

  it('reveals an action item at its own line, not the whole session', async () => {
    await vscode.commands.executeCommand('mentoring.logSession', { partnership: 'ana-ben', date: '2024-03-01', status: 'held', actions: [{ who: 'ben', what: 'Read the Node docs' }] });
    const ben = await rowByLabel(await children(), 'Ben Okafor');
    const [partnership] = await children(ben);
    const actions = await waitFor('the open action items', async () => (await children(partnership)).find((r) => r.kind === 'actions'), SETTLE_MS);
    const [item] = await children(actions);
    await vscode.commands.executeCommand('mentoring.revealEntry', item);
    const editor = await waitFor('the file in an editor', () => vscode.window.activeTextEditor?.document.uri.fsPath === fileUri().fsPath && vscode.window.activeTextEditor);
    const selected = editor.document.getText(editor.selection);
    assert.match(selected, /^who: ben\s+what: Read the Node docs\s+done: false$/);
    assert.match(editor.document.lineAt(editor.selection.start.line).text, /^ {6}- who: ben$/);
  });

  it('shows the last valid committed version of a file broken before it was read, with the status bar kept and warned', async () => {
    const { store, cadence } = await api();
    const config = vscode.workspace.getConfiguration('mentoring', folder().uri);
    const broken = originalText().replace('progress: 40', 'progress: 140');
    fs.writeFileSync(fileUri().fsPath, broken);
    // A fresh read, as after a reload: the file is looked at under another name, then under its own.
    await config.update('file', 'other.yml', vscode.ConfigurationTarget.WorkspaceFolder);
    try {
      await waitFor('the store to follow the setting', () => store.get(folder())?.uri.path.endsWith('/other.yml'), SETTLE_MS);
      await config.update('file', undefined, vscode.ConfigurationTarget.WorkspaceFolder);
      const file = await waitFor('the committed version', () => {
        const f = store.get(folder());
        return f?.uri.path.endsWith('/.mentoring.yml') && f.shown?.from === 'commit' && f;
      }, SETTLE_MS);
      assert.ok(file.hasErrors);
      assert.deepStrictEqual(file.shown, { from: 'commit', commit: file.shown?.from === 'commit' ? file.shown.commit : '', date: '2024-01-08' });
      const roots = await waitFor('the tree to say so', async () => {
        const rows = await children();
        return rows[0]?.description?.startsWith('as of') && rows;
      }, SETTLE_MS);
      assert.deepStrictEqual([roots[0].label, roots[0].description], ['File has errors', 'as of 2024-01-08']);
      assert.match(roots[0].tooltip ?? '', /^The mentoring file has errors — showing the version committed on 2024-01-08 /);
      assert.deepStrictEqual(roots.slice(1).map((r) => r.label), ['Ana Lima', 'Ben Okafor', 'Chen Wei']);
      cadence.update();
      assert.strictEqual(cadence.view?.text, '$(warning) Mentoring file has errors', 'the status bar item stays, with a warning');
      assert.strictEqual(cadence.view?.command, 'mentoring.revealProblem');
    } finally {
      await config.update('file', undefined, vscode.ConfigurationTarget.WorkspaceFolder);
    }
  });

  it('says plainly when a file with errors has no valid version to show', async () => {
    const { store, cadence } = await api();
    const config = vscode.workspace.getConfiguration('mentoring', folder().uri);
    const draft = vscode.Uri.joinPath(folder().uri, 'draft.mentoring.yml');
    fs.writeFileSync(draft.fsPath, 'version: 1\npartners: [\n');
    await config.update('file', 'draft.mentoring.yml', vscode.ConfigurationTarget.WorkspaceFolder);
    try {
      const file = await waitFor('nothing valid, with why', () => {
        const f = store.get(folder());
        return f?.uri.path.endsWith('/draft.mentoring.yml') && f.shown?.from === 'none' && f;
      }, SETTLE_MS);
      assert.deepStrictEqual(file.shown, { from: 'none', reason: 'it was never committed' });
      const roots = await children();
      assert.deepStrictEqual(summary(roots), ['File has errors — nothing valid']);
      assert.match(roots[0].tooltip ?? '', /there is no valid version to show \(it was never committed\)/);
      cadence.update();
      assert.strictEqual(cadence.view?.text, '$(warning) Mentoring file has errors');
      if (host.available) await waitFor('the item in the status bar', async () => (await host.domText('.statusbar-item')).some((t) => t.includes('Mentoring file has errors')));
    } finally {
      await config.update('file', undefined, vscode.ConfigurationTarget.WorkspaceFolder);
      fs.rmSync(draft.fsPath, { force: true });
    }
  });

  it('refuses to edit a file with errors and writes nothing', async () => {
    const broken = originalText().replace('progress: 40', 'progress: 140');
    fs.writeFileSync(fileUri().fsPath, broken);
    const { store } = await api();
    await waitFor('the store to see the errors', () => store.get(folder())?.hasErrors, SETTLE_MS);
    // The tree keeps the last valid content under a warning.
    const roots = await children();
    assert.deepStrictEqual([roots[0].label, roots[0].description], ['File has errors', 'last valid']);
    assert.strictEqual(roots[1].label, 'Ana Lima');
    assert.strictEqual(await vscode.commands.executeCommand('mentoring.markGoalAchieved', await benGoal()), undefined);
    assert.strictEqual(fs.readFileSync(fileUri().fsPath, 'utf8'), broken);
    // The notice's command reveals the first problem at its exact range (the same as the message's "Show Problem").
    assert.ok(roots[0].command);
    // A document already open on the file (from earlier tests) may still be reloading the new bytes.
    await waitFor('open documents to show the new bytes', () =>
      vscode.workspace.textDocuments.every((d) => d.uri.toString() !== fileUri().toString() || d.getText() === broken),
    );
    await vscode.commands.executeCommand(roots[0].command.command, ...roots[0].command.arguments);
    const editor = await waitFor('the problem revealed', () => vscode.window.activeTextEditor);
    assert.strictEqual(editor.document.getText(editor.selection), '140');
  });
});
