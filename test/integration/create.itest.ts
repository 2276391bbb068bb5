/**
 * "Create Mentoring File" on the fixture repository: partners from git authors (one row per person
 * with all their addresses, no bots, steady recent work and owners named by CODEOWNERS checked, every
 * row saying why), the file written whole, opened.
 */
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { newMentoringFile } from '../../src/core/file/newFile';
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

  it('proposes one row per person, checks steady recent work and owners, says why on every row, and writes the checked people as partners', async () => {
    fs.rmSync(fileUri().fsPath);
    const { store } = await api();
    await waitFor('the store to notice the deletion', () => store.get(folder())?.exists === false, SETTLE_MS);
    // For the length of the test (the newest commit stays Ben's, 2024-03-04): Eve commits steadily,
    // Jay twice in one month, Finn once, Gus once but the repository's CODEOWNERS names him; a bot;
    // and Ana under a second address.
    const git = (args: string[], env: NodeJS.ProcessEnv = {}): string => execFileSync('git', args, { cwd: folder().uri.fsPath, env: { ...process.env, ...env }, encoding: 'utf8' });
    const head = git(['rev-parse', 'HEAD']).trim();
    const commit = (name: string, email: string, date: string): string =>
      git(['commit', '-q', '--allow-empty', '-m', 'x'], { GIT_AUTHOR_NAME: name, GIT_AUTHOR_EMAIL: email, GIT_AUTHOR_DATE: `${date}T12:00:00Z`, GIT_COMMITTER_DATE: `${date}T12:00:00Z` });
    for (const date of ['2023-12-05', '2024-01-10', '2024-02-12', '2024-03-01']) commit('Eve Park', 'eve@example.com', date);
    commit('Jay Moreau', 'jay@example.com', '2024-02-05');
    commit('Jay Moreau', 'jay@example.com', '2024-02-06');
    commit('Finn Ruiz', 'finn@example.com', '2024-01-20');
    commit('jade-bot', 'jade-bot@example.com', '2024-03-01');
    commit('Ana Lima', 'ana@users.noreply.github.com', '2024-01-02');
    const codeowners = `${folder().uri.fsPath}/.github/CODEOWNERS`;
    fs.writeFileSync(codeowners, '* @gus-h @acme/maintainers\n');
    git(['add', '.github/CODEOWNERS']);
    commit('Gus Hill', '4242+gus-h@users.noreply.github.com', '2024-02-28');
    const months = 'in the 12 months before the newest commit';
    const why = {
      eve: `steady: 4 commits ${months}, in 4 months of them; last 3 days before it`,
      ana: `one of the 5 most active: 3 commits ${months}, in 2 months of them; last 13 days before it`,
      ben: `one of the 5 most active: 2 commits ${months}, in 2 months of them; last on the day of the newest commit`,
      chen: `one of the 5 most active: 2 commits ${months}, in 1 month of them; last 7 days before it`,
      jay: `one of the 5 most active: 2 commits ${months}, in 1 month of them; last 27 days before it`,
      gus: `listed in .github/CODEOWNERS as @gus-h: 1 commit ${months}, in 1 month of them; last 5 days before it`,
      finn: `not steady (fewer than 4 commits, or in fewer than 3 months): 1 commit ${months}, in 1 month of them; last 44 days before it`,
      dana: `left: no commit ${months}; last on 2022-05-02`,
    };
    try {
      const created = vscode.commands.executeCommand<vscode.Uri | undefined>('mentoring.createFile');
      if (host.available) {
        const row = '.quick-input-list .monaco-list-row';
        const rows = await waitFor('the authors in the quick pick', async () => {
          const found = await host.domText(row);
          return found.some((t) => t.includes('Dana Old')) && found;
        });
        const text = rows.join('\n');
        // One row per person, each with every address and why it is checked or not.
        const people: [string, string, string][] = [
          ['Eve Park', 'eve@example.com', why.eve],
          ['Ana Lima', 'ana@example.com, ana@users.noreply.github.com', why.ana],
          ['Ben Okafor', 'ben@example.com', why.ben],
          ['Chen Wei', 'chen@example.com', why.chen],
          ['Jay Moreau', 'jay@example.com', why.jay],
          ['Gus Hill', '4242+gus-h@users.noreply.github.com', why.gus],
          ['Finn Ruiz', 'finn@example.com', why.finn],
          ['Dana Old', 'dana@example.com', why.dana],
        ];
        const personRows = rows.filter((r) => people.some(([name]) => r.includes(name)));
        assert.strictEqual(personRows.length, people.length, text);
        people.forEach(([name, emails, reason], i) => {
          for (const part of [name, emails, reason]) assert.ok(personRows[i].includes(part), `"${part}" on row ${i + 1}:\n${personRows[i]}`);
        });
        assert.doesNotMatch(text, /jade-bot|acme/);
        // The proposal first, checked; the other contributors below it, unchecked (each heading is
        // drawn on the first row under it).
        const heading = (title: string): string[] => rows.filter((r) => r.includes(title)).map((r) => people.find(([name]) => r.includes(name))?.[0] ?? r);
        assert.deepStrictEqual([heading('Proposed: steady recent work, or named in an ownership file'), heading('Other contributors')], [['Eve Park'], ['Finn Ruiz']]);
        const checked = await host.domText(`${row}[aria-checked="true"]`);
        assert.deepStrictEqual(
          people.map(([name]) => name).filter((name) => checked.some((r) => r.includes(name))),
          ['Eve Park', 'Ana Lima', 'Ben Okafor', 'Chen Wei', 'Jay Moreau', 'Gus Hill'],
          checked.join('\n'),
        );
        assert.strictEqual((await host.domText(`${row}[aria-checked="false"]`)).filter((r) => /Finn Ruiz|Dana Old/.test(r)).length, 2);
        await host.screenshot('create-file-authors');
      } else {
        await new Promise((r) => setTimeout(r, 3000));
      }
      // Accepting the list as it comes takes the people it checked.
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      const uri = await created;
      assert.strictEqual(uri?.fsPath, fileUri().fsPath);
      const text = fs.readFileSync(fileUri().fsPath, 'utf8');
      const partners = [
        { id: 'eve', name: 'Eve Park', emails: ['eve@example.com'] },
        { id: 'ana', name: 'Ana Lima', emails: ['ana@example.com', 'ana@users.noreply.github.com'] },
        { id: 'ben', name: 'Ben Okafor', emails: ['ben@example.com'] },
        { id: 'chen', name: 'Chen Wei', emails: ['chen@example.com'] },
        { id: 'jay', name: 'Jay Moreau', emails: ['jay@example.com'] },
        { id: 'gus', name: 'Gus Hill', emails: ['4242+gus-h@users.noreply.github.com'] },
      ];
      // The file whole: the header and the checked people, one entry each with all their addresses, nothing else.
      assert.strictEqual(text, newMentoringFile(partners));
      const parsed = parseMentoring(text);
      assert.deepStrictEqual(parsed.problems, []);
      assert.deepStrictEqual(parsed.model?.partners, partners);
      assert.match(text, /^# Peer mentoring:/);
      await waitFor('the new file in an editor', () => vscode.window.activeTextEditor?.document.uri.fsPath === fileUri().fsPath);
      const names = partners.map((p) => p.name).sort().join();
      let listed: string[] = [];
      await waitFor('the tree to list the partners', async () => (listed = (await children()).map((r) => r.label)).slice().sort().join() === names, SETTLE_MS).catch((e: Error) => {
        throw new Error(`${e.message}: ${listed.join(', ')}`);
      });
    } finally {
      git(['reset', '-q', '--soft', head]);
      git(['rm', '-q', '--cached', '.github/CODEOWNERS']);
      fs.rmSync(codeowners);
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
