/**
 * The Partners & Goals view on the fixture workspace: rows through the provider and in the rendered
 * workbench, refresh on edits, the "who am I" setting, and the goal actions that edit the file.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { parseMentoring } from '../../src/core/parse';
import { Row } from '../../src/core/tree-model';
import { host, waitFor } from './host';
import { api, children, fileUri, folder, originalText, restore, SETTLE_MS, summary } from './mentoring';

async function rowByLabel(rows: Row[], label: string): Promise<Row> {
  const row = rows.find((r) => r.label === label);
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
      'Ana Lima — mentor of Chen Wei · mutual partner of Ben Okafor',
      'Ben Okafor — mutual partner of Ana Lima',
      'Chen Wei — mentee of Ana Lima',
    ]);
    const ana = await children(roots[0]);
    assert.deepStrictEqual(
      ana.map((r) => r.label),
      ['with Ben Okafor', 'mentoring Chen Wei'],
    );
    // The fixture's sessions are in 2024: both partnerships are long overdue.
    for (const p of ana) assert.match(p.description ?? '', /^overdue by \d+ days/);
    const rows = await children(ana[0]);
    assert.deepStrictEqual(
      rows.map((r) => [r.kind, r.label]),
      [
        ['goal', 'Write the API handlers in strict TypeScript'],
        ['session', '2024-01-22'],
      ],
    );
    assert.match(rows[0].description ?? '', /^Ben Okafor · 40% · overdue by \d+ days$/);
    assert.strictEqual(rows[1].description, 'held · 45 min');
    const chen = await children((await children(roots[2]))[0]);
    assert.deepStrictEqual(summary(chen), ['Cover the docs build with tests — Chen Wei · proposed', '2024-02-12 — cancelled · Chen was away.']);
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
        return seen.some((t) => t.includes('Ana Lima') && t.includes('mentor of Chen Wei · mutual partner of Ben Okafor'));
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

  it('marks a goal achieved on disk when the file is not open', async () => {
    await vscode.commands.executeCommand('mentoring.markGoalAchieved', await benGoal());
    const text = fs.readFileSync(fileUri().fsPath, 'utf8');
    const goal = parseMentoring(text).model?.goals.find((g) => g.id === 'ben-ts');
    assert.deepStrictEqual([goal?.status, goal?.progress], ['achieved', 100]);
    // Only the two values changed: comments and everything else stay as they were.
    assert.strictEqual(text, originalText().replace('    status: active\n    progress: 40\n', '    status: achieved\n    progress: 100\n'));
    await waitFor('the tree to show the achieved goal', async () => (await benGoal()).contextValue === 'goal-achieved', SETTLE_MS);
  });

  it('edits an open, dirty document in place and leaves it unsaved', async () => {
    const doc = await vscode.workspace.openTextDocument(fileUri());
    const editor = await vscode.window.showTextDocument(doc);
    await editor.edit((e) => e.insert(new vscode.Position(doc.lineCount - 1, 0), '# unsaved note\n'));
    await vscode.commands.executeCommand('mentoring.markGoalAchieved', await benGoal());
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

  it('saves a clean open document after editing it, so disk matches', async () => {
    const doc = await vscode.workspace.openTextDocument(fileUri());
    await vscode.window.showTextDocument(doc);
    assert.ok(!doc.isDirty);
    await vscode.commands.executeCommand('mentoring.markGoalAchieved', await benGoal());
    assert.ok(!doc.isDirty);
    assert.strictEqual(fs.readFileSync(fileUri().fsPath, 'utf8'), doc.getText());
    assert.strictEqual(parseMentoring(doc.getText()).model?.goals[0].status, 'achieved');
  });

  it('refuses to edit a file with errors and writes nothing', async () => {
    const broken = originalText().replace('progress: 40', 'progress: 140');
    fs.writeFileSync(fileUri().fsPath, broken);
    const { store } = await api();
    await waitFor('the store to see the errors', () => store.get(folder())?.hasErrors, SETTLE_MS);
    // The tree keeps the last valid content under a warning.
    const roots = await children();
    assert.strictEqual(roots[0].label, 'The mentoring file has errors — showing the last valid content');
    assert.strictEqual(roots[1].label, 'Ana Lima');
    await vscode.commands.executeCommand('mentoring.markGoalAchieved', await benGoal());
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
