/**
 * Mentoring: Prepare Session in the real workbench: run on a partnership row of Partners & Goals
 * (through the provider, and from the row's context menu on screen), from the status bar item when
 * a session is due and from the review panel's button; the agenda opens in the Markdown preview as a
 * read-only document titled for its partnership (one tab each, never asking to be saved), with Copy
 * and Save As; the owner's private notes on the last session are shown above it and left out of
 * both; and nothing is written.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { Row } from '../../src/core/view/treeModel';
import type { PreparedSession } from '../../src/vscode/prepareSession';
import { host, waitFor } from './host';
import { api, children, fileUri, folder, originalText, restore, SETTLE_MS } from './mentoring';

const FRAME = ['iframe.webview.ready', '#active-frame'];

/** The fixture with Ana and Ben's last session moved before Ben's commit of 2024-01-15 that names his goal. */
function withEarlierSession(): string {
  const text = originalText().replace('  - date: 2024-01-22\n    partnership: ana-ben', '  - date: 2024-01-12\n    partnership: ana-ben');
  assert.notStrictEqual(text, originalText(), 'the fixture has the session this test moves');
  return text;
}

const SCHEME = 'mentoring-generated';

function previewTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('markdown.preview'));
}

function agendaTabs(): vscode.Tab[] {
  return previewTabs().filter((t) => t.label.includes('Agenda — '));
}

function notesDir(): string {
  const dir = process.env.PEER_MENTORING_NOTES_DIR;
  assert.ok(dir && path.isAbsolute(dir), 'the test run points the private notes at a folder of its own');
  return dir;
}

async function partnershipRow(partner: string, label: string): Promise<Row> {
  const person = (await children()).find((r) => r.label === partner);
  assert.ok(person, `a row for ${partner}`);
  const row = (await children(person)).find((r) => r.label === label);
  assert.ok(row, `${partner}'s partnership row "${label}"`);
  return row;
}

async function useFile(text: string): Promise<void> {
  fs.writeFileSync(fileUri().fsPath, text);
  const { store } = await api();
  await waitFor('the store to read the file', () => store.get(folder())?.text === text, SETTLE_MS);
}

/** The agenda in the active tab, a Markdown preview: what it shows, what is shareable, and its document. */
async function agendaShown(what: string): Promise<{ text: string; shareable: string; uri: vscode.Uri; tab: vscode.Tab }> {
  const { generated } = await api();
  return waitFor(
    what,
    () => {
      const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
      const doc = generated.activeDocument();
      if (!tab || !doc || !doc.shown.startsWith('# Session agenda:')) return undefined;
      assert.ok(tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith('markdown.preview'), 'shown in the Markdown preview');
      return { text: doc.shown, shareable: doc.shareable, uri: doc.uri, tab };
    },
    SETTLE_MS,
  ).catch((e: Error) => {
    const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
    throw new Error(`${e.message}; the active tab: ${tab?.label} (${tab?.input?.constructor.name}); tabs: ${vscode.window.tabGroups.all.flatMap((g) => g.tabs.map((x) => x.label)).join(' | ')}`);
  });
}

describe('Prepare Session', function () {
  this.timeout(120000);
  before(async () => {
    originalText();
    await api();
  });
  afterEach(async () => {
    await vscode.window.tabGroups.close(vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview));
    await vscode.commands.executeCommand('notifications.clearAll');
    await restore();
  });

  it('opens the agenda of a partnership row in the Markdown preview, read-only, with the work since the last session', async () => {
    await useFile(withEarlierSession());
    const row = await partnershipRow('Ben Okafor', 'with Ana Lima');
    assert.strictEqual(row.contextValue, 'partnership');
    const prepared = await vscode.commands.executeCommand<PreparedSession | undefined>('mentoring.prepareSession', row);
    assert.ok(prepared, 'the command prepared an agenda');
    const doc = await agendaShown('the agenda in the Markdown preview');
    assert.strictEqual(doc.uri.toString(), prepared.uri.toString());
    assert.strictEqual(doc.uri.scheme, SCHEME);
    assert.match(doc.tab.label, /Agenda — Ana & Ben, \d{1,2} [A-Z][a-z]{2}/);
    const source = await vscode.workspace.openTextDocument(doc.uri);
    assert.strictEqual(source.languageId, 'markdown');
    assert.strictEqual(source.isDirty, false, 'never dirty: closing it asks nothing');
    const text = doc.text;
    assert.strictEqual(source.getText(), text);
    assert.match(text, /^# Session agenda: Ana Lima and Ben Okafor\n\nMutual mentoring \(ana-ben\) · prepared \d{4}-\d{2}-\d{2}\n/);
    assert.match(text, /- Last session: 2024-01-12 \(\d+ days ago\), 45 minutes\./);
    assert.match(text, /next session due 2024-01-26: \*\*overdue\*\* by \d+ days\./);
    // Ben's commit names his goal and touches src/api; the goal's question follows from it.
    assert.match(text, /### Write the API handlers in strict TypeScript — stalled\n/);
    assert.match(text, / {2}- 2024-01-15 · [0-9a-f]{7} · Add the users API · Ben Okafor · names the goal · 1 file: src\/api\/users\\?\.ts\n/, 'a file name may have its dot escaped: never read as a link');
    assert.match(text, / {2}- Are the handler's inputs validated before use\? \(src\/api\/users\\?\.ts\)\n/);
    assert.match(text, /Done since the last session \(1\):\n\n- Ben Okafor: Type the user handler \(agreed 2024-01-12\)/);
    assert.match(text, /## Suggested topics\n\n1\. \*\*The schedule\*\* — the session was due on 2024-01-26, \d+ days ago\n/);
    assert.deepStrictEqual(prepared.agenda.goals.map((g) => g.id), ['ben-ts']);
    assert.strictEqual(fs.readFileSync(fileUri().fsPath, 'utf8'), withEarlierSession(), 'the mentoring file is untouched');
  });

  it('runs from the partnership’s context menu in the Partners & Goals view', async function () {
    host.requireDriver(this);
    await vscode.commands.executeCommand('workbench.view.extension.mentoring');
    await vscode.commands.executeCommand('mentoring.partners.focus');
    const row = '.pane-body .monaco-list-row:has-text("with Ben Okafor")';
    // Ana's row may be drawn collapsed (an earlier test's view state, or rows that came before VS Code
    // asked for them): it is expanded, which a click on a collapsed row does.
    const collapsedAna = '.pane-body .monaco-list-row[aria-level="1"][aria-expanded="false"]:has-text("Ana Lima")';
    await waitFor(
      'the partnership row on screen',
      async () => {
        if ((await host.domText(row)).length > 0) return true;
        if ((await host.domText(collapsedAna)).length > 0) await host.click(`${collapsedAna} .label-name`);
        return false;
      },
      SETTLE_MS,
    ).catch(async (e: Error) => {
      throw new Error(`${e.message}; rows on screen: ${(await host.domText('.pane-body .monaco-list-row')).join(' | ')}`);
    });
    await host.click(`${row} .label-name`);
    await host.press('Shift+F10');
    const item = '.monaco-menu .action-item:has-text("Prepare Session")';
    await waitFor('Prepare Session in the row’s context menu', async () => (await host.domText(item)).length > 0, SETTLE_MS);
    await host.screenshot('prepare-session-menu');
    await host.click(item);
    const doc = await agendaShown('the agenda opened from the context menu');
    assert.match(doc.text, /^# Session agenda: Ana Lima and Ben Okafor\n/);
    assert.match(doc.text, /- Last session: 2024-01-22 /);
    await host.screenshot('prepare-session');
  });

  it('runs from the command palette, asking which partnership', async function () {
    host.requireDriver(this);
    await host.press('F1');
    await waitFor('the command palette', async () => (await host.domText('.quick-input-list .monaco-list-row')).length > 0, SETTLE_MS);
    await host.type('Mentoring: Prepare Session');
    const focused = async (text: string) => (await host.domText('.quick-input-list .monaco-list-row.focused')).some((t) => t.includes(text));
    await waitFor('the command in the palette', () => focused('Mentoring: Prepare Session'), SETTLE_MS);
    await host.press('Enter');
    // The partnerships, with how each is doing; typing the id picks one.
    await waitFor('the partnership pick', async () => (await host.domText('.quick-input-title')).some((t) => t.includes('Prepare Session')), SETTLE_MS);
    await host.type('ana-chen');
    await waitFor('Ana and Chen’s partnership focused', () => focused('ana-chen'), SETTLE_MS);
    await host.press('Enter');
    const doc = await agendaShown('the agenda opened from the palette');
    assert.match(doc.text, /^# Session agenda: Ana Lima and Chen Wei\n/);
  });

  it('is what the status bar item does when a session is due', async () => {
    const { cadence } = await api();
    const config = vscode.workspace.getConfiguration('mentoring', folder().uri);
    await config.update('me', 'ana', vscode.ConfigurationTarget.WorkspaceFolder);
    try {
      const line = await waitFor('the status bar item', () => cadence.line, SETTLE_MS);
      assert.strictEqual(line.text, '$(warning) Overdue with Ben Okafor');
      assert.strictEqual(line.action, 'prepare');
      assert.match(line.tooltip, /Click to prepare the session with Ben Okafor\.$/);
      if (host.available) {
        await host.click('.statusbar-item:has-text("Overdue with Ben Okafor")');
        const doc = await agendaShown('the agenda opened from the status bar');
        assert.match(doc.text, /^# Session agenda: Ana Lima and Ben Okafor\n/);
      }
    } finally {
      await config.update('me', undefined, vscode.ConfigurationTarget.WorkspaceFolder);
    }
  });

  it('runs from the review panel’s button, beside the panel', async function () {
    host.requireDriver(this);
    await vscode.commands.executeCommand('mentoring.reviewGoals', { partnership: 'ana-chen' });
    await waitFor('the panel’s button', async () => (await host.domText('#prepare-session', FRAME).catch(() => [])).length > 0, SETTLE_MS);
    await waitFor('a click on the button', () => host.click('#prepare-session', FRAME).then(() => true, () => false), SETTLE_MS);
    const doc = await agendaShown('the agenda opened from the panel');
    assert.match(doc.text, /^# Session agenda: Ana Lima and Chen Wei\n/);
    assert.match(doc.text, /- Cancelled on 2024-02-12: Chen was away\./);
    assert.match(doc.text, /Other open goals: Cover the docs build with tests \(Chen Wei, proposed\)\./);
    const panel = vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputWebview && !t.input.viewType.endsWith('markdown.preview'));
    assert.ok(panel, 'the panel is still open');
    assert.notStrictEqual(panel.group.viewColumn, doc.tab.group.viewColumn, 'the agenda opens beside it');
  });

  it('refuses a partnership the file does not have, opening nothing', async () => {
    const before = previewTabs().length;
    const result = await vscode.commands.executeCommand('mentoring.prepareSession', { partnership: 'nobody' });
    assert.strictEqual(result, undefined);
    assert.strictEqual(previewTabs().length, before);
  });

  it('keeps one tab per partnership, brought up to date when prepared again', async () => {
    await vscode.commands.executeCommand('mentoring.prepareSession', { partnership: 'ana-ben' });
    await agendaShown('the first agenda');
    await vscode.commands.executeCommand('mentoring.prepareSession', { partnership: 'ana-ben' });
    await vscode.commands.executeCommand('mentoring.prepareSession', { partnership: 'ana-chen' });
    await agendaShown('the second partnership’s agenda');
    await useFile(withEarlierSession());
    await vscode.commands.executeCommand('mentoring.prepareSession', { partnership: 'ana-ben' });
    await waitFor('the agenda brought up to date', async () => (await agendaShown('Ana and Ben’s agenda')).text.includes('- Last session: 2024-01-12 '), SETTLE_MS);
    const labels = agendaTabs().map((t) => t.label.replace(/, \d.*$/, '')).sort();
    assert.deepStrictEqual(labels, ['[Preview] Agenda — Ana & Ben', '[Preview] Agenda — Ana & Chen'], `one tab each: ${agendaTabs().map((t) => t.label).join(' | ')}`);
    const source = await vscode.workspace.openTextDocument((await agendaShown('Ana and Ben’s agenda')).uri);
    await waitFor('the document itself to follow', () => source.getText().includes('- Last session: 2024-01-12 '), SETTLE_MS);
  });

  it('closes without asking to save, its preview showing no escape backslashes', async function () {
    host.requireDriver(this);
    const title = 'Write the API handlers (in *strict* TypeScript) [now]';
    await useFile(originalText().replace('title: Write the API handlers in strict TypeScript', `title: "${title}"`));
    await vscode.commands.executeCommand('mentoring.prepareSession', { partnership: 'ana-ben' });
    const doc = await agendaShown('the agenda');
    assert.ok(doc.text.includes('\\(in \\*strict\\* TypeScript\\)'), 'the Markdown source escapes what the file holds');
    const preview = ['iframe.webview.ready', '#active-frame'];
    const shown = await waitFor('the preview’s text', async () => (await host.domText('body', preview).catch(() => [])).join('\n') || undefined, SETTLE_MS);
    assert.match(shown, /Session agenda: Ana Lima and Ben Okafor/);
    assert.ok(shown.includes(title), `the title as written in the file: ${shown}`);
    assert.doesNotMatch(shown, /\\[()[\]`*_]/, 'no escape backslashes in what is shown');
    await host.screenshot('agenda-preview');
    // As the tab's close button does; a save prompt would keep the tab open and show a dialog.
    void vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await waitFor('the tab closed, or a dialog', async () => agendaTabs().length === 0 || (await host.domText('.monaco-dialog-box')).length > 0, SETTLE_MS);
    assert.deepStrictEqual(await host.domText('.monaco-dialog-box'), [], 'no “Do you want to save” dialog');
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.scheme === SCHEME && d.isDirty), 'nothing left dirty');
  });

  it('copies and saves the agenda without the owner’s private notes, which it shows above the agenda', async () => {
    const { store } = await api();
    const model = store.get(folder())?.lastValid;
    assert.ok(model, 'the fixture parses');
    const last = model.sessions.findIndex((s) => s.partnership === 'ana-ben' && s.date === '2024-01-22' && s.status === 'held');
    assert.ok(last >= 0, 'the fixture has Ana and Ben’s last session');
    const note = 'Next time: ask Ben how the *strict* [mode](command:x) rollout went';
    try {
      await vscode.commands.executeCommand('mentoring.addPrivateNote', { folder: folder().uri.toString(), session: last, text: note });
      const prepared = await vscode.commands.executeCommand<PreparedSession | undefined>('mentoring.prepareSession', { partnership: 'ana-ben' });
      assert.ok(prepared);
      const doc = await agendaShown('the agenda with the private block');
      assert.match(doc.text, /^# Session agenda: Ana Lima and Ben Okafor\n\nMutual mentoring \(ana-ben\) · prepared \d{4}-\d{2}-\d{2}\n\n> \*\*Private — only you see this\.\*\* Your notes from the session of 2024-01-22/);
      assert.ok(doc.text.includes('> Next time: ask Ben how the \\*strict\\* \\[mode\\]\\(command:x\\) rollout went'), 'the note, as text');
      assert.ok(!doc.shareable.includes('Private'), 'the shareable agenda has no private block');
      assert.ok(!doc.shareable.includes('Next time'), 'nor the note');
      assert.strictEqual(doc.shareable, prepared.shareable);

      await vscode.env.clipboard.writeText('');
      assert.strictEqual(await vscode.commands.executeCommand('mentoring.generated.copy'), true, 'Copy works on the active preview');
      assert.strictEqual(await vscode.env.clipboard.readText(), doc.shareable);

      const to = vscode.Uri.file(path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pm-agenda-')), 'agenda.md'));
      const saved = await vscode.commands.executeCommand<vscode.Uri | undefined>('mentoring.generated.saveAs', undefined, to);
      assert.strictEqual(saved?.toString(), to.toString());
      assert.strictEqual(fs.readFileSync(to.fsPath, 'utf8'), doc.shareable);
      assert.strictEqual(fs.readFileSync(fileUri().fsPath, 'utf8'), originalText(), 'the mentoring file is untouched');
    } finally {
      for (const name of fs.readdirSync(notesDir())) fs.rmSync(path.join(notesDir(), name), { force: true, recursive: true });
      const { privateNotes } = await api();
      await waitFor('no private notes left', () => (privateNotes.get(folder())?.data?.notes.length ?? 0) === 0, SETTLE_MS);
    }
  });

  it('shows Copy and Save As in the preview’s title bar', async function () {
    host.requireDriver(this);
    await vscode.commands.executeCommand('mentoring.prepareSession', { partnership: 'ana-ben' });
    await agendaShown('the agenda');
    for (const label of ['Copy', 'Save As...']) {
      await waitFor(`${label} in the title bar`, async () => (await host.domText(`.editor-actions .action-label[aria-label^="${label}"]`)).length > 0, SETTLE_MS);
    }
  });
});
