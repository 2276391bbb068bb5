/**
 * The Mentoring views at VS Code's default side bar width (300 px), in the real workbench: every row
 * of Partners & Goals and of Suggestions, opened all the way down, shows its label and its state word
 * whole — the DOM says nothing is cut (the label container's scrollWidth is within its clientWidth).
 */
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { Row } from '../../src/core/view';
import { host, waitFor } from './host';
import { api, SETTLE_MS } from './mentoring';
import { Cut, DEFAULT_SIDE_BAR, measureRows, setSideBarWidth, showOnly } from './sideBar';

function report(cut: Cut[]): string {
  return cut.map((c) => `  ${c.text.replace(/\n/g, ' ')} (${c.scrollWidth} px in ${c.clientWidth} px)`).join('\n');
}

describe('The Mentoring views at the default side bar width', function () {
  this.timeout(180000);
  before(async function () {
    host.requireDriver(this);
    await api();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('workbench.view.extension.mentoring');
    const width = await setSideBarWidth(DEFAULT_SIDE_BAR);
    assert.ok(Math.abs(width - DEFAULT_SIDE_BAR) <= 2, `the side bar is ${width} px wide`);
  });

  it('Partners & Goals: every row’s label and state show whole', async () => {
    const { tree, partnersView } = await api();
    await vscode.commands.executeCommand('mentoring.partners.focus');
    await showOnly('Partners & Goals');
    const roots = await tree.getChildren();
    await waitFor('the tree in the view', async () => (await host.domText('.pane-body .monaco-list-row')).length > 0, SETTLE_MS);
    const { seen, cut, rows } = await measureRows('Partners & Goals', partnersView, roots);
    const missing = rows.filter((r) => ![...seen.keys()].some((t) => t.startsWith(r.label)));
    assert.deepStrictEqual(missing.map((r) => r.label), [], 'every row was measured');
    assert.strictEqual(cut.length, 0, `rows cut at ${DEFAULT_SIDE_BAR} px:\n${report(cut)}`);
    await host.screenshot('side-bar-partners');
  });

  it('Show Details opens a row’s whole text beside the view, read-only, and not for a private note', async () => {
    const { tree, generated } = await api();
    const flat = (rows: Row[]): Row[] => rows.flatMap((r) => [r, ...flat(r.children)]);
    const goal = flat(await tree.getChildren()).find((r) => r.kind === 'goal' && r.whole);
    assert.ok(goal?.whole, 'a goal whose title is shortened in the tree');
    const uri = await vscode.commands.executeCommand<vscode.Uri | undefined>('mentoring.showDetails', goal);
    assert.ok(uri);
    const doc = generated.get(uri);
    assert.ok(doc && doc.shown.startsWith(`# ${goal.whole.label}\n`), doc?.shown);
    assert.match(doc.shown, /^Owner: /m);
    await waitFor('the details tab', () => vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.label.includes('Details — '))), SETTLE_MS);
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.isDirty), 'nothing to save');
    const lock: Row = { id: 'x', kind: 'private', folder: goal.folder, label: 'Private note', contextValue: 'private-note', tooltip: 'secret', children: [] };
    assert.strictEqual(await vscode.commands.executeCommand('mentoring.showDetails', lock), undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('fits the rows to a wider side bar when mentoring.views.rowWidth says so', async () => {
    const { tree } = await api();
    const flat = (rows: Row[]): Row[] => rows.flatMap((r) => [r, ...flat(r.children)]);
    const shortened = async (): Promise<number> => flat(await tree.getChildren()).filter((r) => r.whole).length;
    assert.ok((await shortened()) > 0, 'some rows are shortened at 300 px');
    const config = vscode.workspace.getConfiguration('mentoring.views');
    try {
      await config.update('rowWidth', 900, vscode.ConfigurationTarget.Global);
      await waitFor('the rows whole at 900 px', async () => (await shortened()) === 0, SETTLE_MS);
    } finally {
      await config.update('rowWidth', undefined, vscode.ConfigurationTarget.Global);
    }
    await waitFor('the rows fitted to 300 px again', async () => (await shortened()) > 0, SETTLE_MS);
  });

  it('Suggestions: every row’s label and state show whole', async () => {
    const { suggestions } = await api();
    await vscode.commands.executeCommand('mentoring.suggestions.focus');
    await showOnly('Suggestions');
    await suggestions.analyze();
    const roots = suggestions.rows();
    const { seen, cut, rows } = await measureRows('Suggestions', suggestions.view, roots);
    const missing = rows.filter((r) => ![...seen.keys()].some((t) => t.startsWith(r.label)));
    assert.deepStrictEqual(missing.map((r) => r.label), [], 'every row was measured');
    assert.strictEqual(cut.length, 0, `rows cut at ${DEFAULT_SIDE_BAR} px:\n${report(cut)}`);
    await host.screenshot('side-bar-suggestions');
  });
});
