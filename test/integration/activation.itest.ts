/**
 * The extension is installed and activates in a workspace that has a mentoring file; the
 * workbench around it is a real VS Code (screenshot, explorer, command palette).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { host, waitFor } from './host';

const EXTENSION_ID = 'peer-mentoring.peer-mentoring';

describe('activation', () => {
  it('opens the fixture workspace, a git repository with a mentoring file', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'a folder is open');
    const found = await vscode.workspace.findFiles('.mentoring.yml');
    assert.strictEqual(found.length, 1);
    assert.ok(fs.existsSync(vscode.Uri.joinPath(folder.uri, '.git').fsPath), 'the workspace is a git repository');
  });

  it('is installed and activates on workspaceContains:.mentoring.yml', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is installed`);
    assert.ok((ext.packageJSON.activationEvents as string[]).includes('workspaceContains:.mentoring.yml'));
    // Not activated by hand: the activation event alone must do it.
    await waitFor(`${EXTENSION_ID} to activate`, () => ext.isActive, 20000);
  });

  it('shows a real workbench: screenshot to test/.output/workbench.png', async function () {
    host.requireDriver(this);
    const file = await host.screenshot('workbench');
    const png = fs.readFileSync(file);
    assert.strictEqual(png.subarray(1, 4).toString('latin1'), 'PNG');
    assert.ok(png.length > 10000, `a real picture, not a blank page (${png.length} bytes)`);
  });

  it('lists the workspace in the explorer and opens a file on click', async function () {
    host.requireDriver(this);
    const rows = await waitFor('the explorer to list .mentoring.yml', async () => {
      const texts = await host.domText('.explorer-folders-view .monaco-list-row');
      return texts.some((t) => t.includes('.mentoring.yml')) && texts;
    });
    assert.ok(rows.some((t) => t.includes('src')), `explorer rows: ${rows.join(', ')}`);
    await host.click('.explorer-folders-view .monaco-list-row[aria-label=".mentoring.yml"]');
    await waitFor('.mentoring.yml to open in an editor', () => vscode.window.activeTextEditor?.document.fileName.endsWith('.mentoring.yml'));
  });

  it('runs a command typed into the command palette', async function () {
    host.requireDriver(this);
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder);
    await vscode.window.showTextDocument(vscode.Uri.joinPath(folder.uri, 'README.md'));
    await host.press('F1');
    await host.type('View: Close All Editors');
    const items = await waitFor('the palette to offer the command', async () => {
      const texts = await host.domText('.quick-input-widget .monaco-list-row');
      return texts.some((t) => t.includes('Close All Editors')) && texts;
    });
    assert.ok(items.length > 0);
    await host.press('Enter');
    await waitFor('every editor to close', () => vscode.window.visibleTextEditors.length === 0);
  });
});
