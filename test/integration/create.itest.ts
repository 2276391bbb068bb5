/** "Create Mentoring File" on the fixture repository: partners from git authors, a valid file, opened. */
import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { parseMentoring } from '../../src/core/parse';
import { host, waitFor } from './host';
import { api, children, fileUri, folder, originalText, restore, SETTLE_MS } from './mentoring';

describe('create mentoring file', () => {
  before(async () => {
    originalText();
    await api();
  });
  afterEach(restore);

  it('shows the welcome view when there is no file', async function () {
    fs.rmSync(fileUri().fsPath);
    const { store } = await api();
    await waitFor('the store to notice the deletion', () => store.get(folder())?.exists === false, SETTLE_MS);
    assert.deepStrictEqual(await children(), []);
    if (!host.available) return;
    await vscode.commands.executeCommand('workbench.view.extension.mentoring');
    const texts = await waitFor('the welcome content', async () => {
      const found = await host.domText('.welcome-view-content');
      return found.some((t) => t.includes('Create Mentoring File')) && found;
    });
    assert.match(texts.join('\n'), /No mentoring file in this workspace yet/);
    await host.screenshot('welcome');
  });

  it('writes a valid file with the repository authors as partners and opens it', async () => {
    fs.rmSync(fileUri().fsPath);
    const { store } = await api();
    await waitFor('the store to notice the deletion', () => store.get(folder())?.exists === false, SETTLE_MS);
    const uri = await vscode.commands.executeCommand<vscode.Uri | undefined>('mentoring.createFile', { authors: 'all' });
    assert.strictEqual(uri?.fsPath, fileUri().fsPath);
    const text = fs.readFileSync(fileUri().fsPath, 'utf8');
    const parsed = parseMentoring(text);
    assert.deepStrictEqual(parsed.problems, []);
    // The fixture history: two commits each (ties go by name); the committer "Fixture" wrote none.
    assert.deepStrictEqual(parsed.model?.partners, [
      { id: 'ana', name: 'Ana Lima', emails: ['ana@example.com'] },
      { id: 'ben', name: 'Ben Okafor', emails: ['ben@example.com'] },
      { id: 'chen', name: 'Chen Wei', emails: ['chen@example.com'] },
    ]);
    assert.match(text, /^# Peer mentoring:/);
    await waitFor('the new file in an editor', () => vscode.window.activeTextEditor?.document.uri.fsPath === fileUri().fsPath);
    await waitFor('the tree to list the partners', async () => (await children()).map((r) => r.label).join() === 'Ana Lima,Ben Okafor,Chen Wei', SETTLE_MS);
  });

  it('never overwrites an existing file', async () => {
    const uri = await vscode.commands.executeCommand<vscode.Uri | undefined>('mentoring.createFile', { authors: 'all' });
    assert.strictEqual(uri, undefined);
    assert.strictEqual(fs.readFileSync(fileUri().fsPath, 'utf8'), originalText());
  });
});
