/**
 * "Create Mentoring File" on the fixture repository: partners from git authors (one row per person,
 * no bots, steady recent work checked, every row saying why), a valid file, opened.
 */
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { parseMentoring } from '../../src/core/file/parse';
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

  it('is in the command palette only while a folder has no mentoring file', async function () {
    host.requireDriver(this);
    const paletteShows = async (): Promise<string[]> => {
      await host.press('Escape');
      await host.press('F1');
      await waitFor('the command palette', async () => (await host.domText('.quick-input-list .monaco-list-row')).length > 0);
      await host.type('Mentoring: Create Mentoring File');
      await new Promise((r) => setTimeout(r, 500));
      const rows = await host.domText('.quick-input-list .monaco-list-row');
      await host.press('Escape');
      return rows.filter((r) => r.includes('Create Mentoring File'));
    };
    const { store } = await api();
    await waitFor('the file to be there', () => store.get(folder())?.exists === true, SETTLE_MS);
    assert.deepStrictEqual(await paletteShows(), [], 'hidden while the file exists');
    fs.rmSync(fileUri().fsPath);
    await waitFor('the store to notice the deletion', () => store.get(folder())?.exists === false, SETTLE_MS);
    await waitFor('the command in the palette', async () => (await paletteShows()).length === 1, SETTLE_MS);
  });

  it('proposes one row per person, checks steady recent work, says why on every row, and writes them as partners', async () => {
    fs.rmSync(fileUri().fsPath);
    const { store } = await api();
    await waitFor('the store to notice the deletion', () => store.get(folder())?.exists === false, SETTLE_MS);
    // A bot, and Ana under a second address, for the length of the test.
    const git = (args: string[], env: NodeJS.ProcessEnv = {}): string => execFileSync('git', args, { cwd: folder().uri.fsPath, env: { ...process.env, ...env }, encoding: 'utf8' });
    const head = git(['rev-parse', 'HEAD']).trim();
    const commit = (name: string, email: string, date: string): string =>
      git(['commit', '-q', '--allow-empty', '-m', 'x'], { GIT_AUTHOR_NAME: name, GIT_AUTHOR_EMAIL: email, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date });
    commit('jade-bot', 'jade-bot@example.com', '2024-03-01T12:00:00Z');
    commit('Ana Lima', 'ana@users.noreply.github.com', '2024-01-02T12:00:00Z');
    try {
      const created = vscode.commands.executeCommand<vscode.Uri | undefined>('mentoring.createFile');
      if (host.available) {
        const rows = await waitFor('the authors in the quick pick', async () => {
          const found = await host.domText('.quick-input-list .monaco-list-row');
          return found.some((t) => t.includes('Dana Old')) && found;
        });
        const text = rows.join('\n');
        assert.strictEqual(rows.filter((r) => r.includes('Ana Lima')).length, 1, text);
        assert.match(text, /Proposed: steady recent work, or named in an ownership file/);
        assert.match(text, /Other contributors/);
        assert.match(text, /no commit in the 12 months before the newest commit; last on 2022-05-02/);
        assert.match(text, /commits? in the 12 months before the newest commit, in \d+ months? of them; last/);
        assert.doesNotMatch(text, /jade-bot/);
        await host.screenshot('create-file-authors');
      } else {
        await new Promise((r) => setTimeout(r, 3000));
      }
      // Accepting the list as it comes takes the people it checked.
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      const uri = await created;
      assert.strictEqual(uri?.fsPath, fileUri().fsPath);
      const text = fs.readFileSync(fileUri().fsPath, 'utf8');
      const parsed = parseMentoring(text);
      assert.deepStrictEqual(parsed.problems, []);
      // Active people (the newest commit is 2024-03-04), one entry each with all their addresses; Dana
      // (last commit 2022) is listed but not checked; the bot is not listed.
      assert.deepStrictEqual(parsed.model?.partners, [
        { id: 'ana', name: 'Ana Lima', emails: ['ana@example.com', 'ana@users.noreply.github.com'] },
        { id: 'ben', name: 'Ben Okafor', emails: ['ben@example.com'] },
        { id: 'chen', name: 'Chen Wei', emails: ['chen@example.com'] },
      ]);
      assert.match(text, /^# Peer mentoring:/);
      await waitFor('the new file in an editor', () => vscode.window.activeTextEditor?.document.uri.fsPath === fileUri().fsPath);
      await waitFor('the tree to list the partners', async () => (await children()).map((r) => r.label).join() === 'Ana Lima,Ben Okafor,Chen Wei', SETTLE_MS);
    } finally {
      git(['reset', '-q', '--soft', head]);
    }
  });

  it('takes every author, also those who left, when asked to', async () => {
    fs.rmSync(fileUri().fsPath);
    const { store } = await api();
    await waitFor('the store to notice the deletion', () => store.get(folder())?.exists === false, SETTLE_MS);
    const uri = await vscode.commands.executeCommand<vscode.Uri | undefined>('mentoring.createFile', { authors: 'all' });
    assert.strictEqual(uri?.fsPath, fileUri().fsPath);
    const parsed = parseMentoring(fs.readFileSync(fileUri().fsPath, 'utf8'));
    assert.deepStrictEqual(parsed.model?.partners.map((p) => p.name), ['Ana Lima', 'Ben Okafor', 'Chen Wei', 'Dana Old']);
  });

  it('never overwrites an existing file', async () => {
    const uri = await vscode.commands.executeCommand<vscode.Uri | undefined>('mentoring.createFile', { authors: 'all' });
    assert.strictEqual(uri, undefined);
    assert.strictEqual(fs.readFileSync(fileUri().fsPath, 'utf8'), originalText());
  });
});
