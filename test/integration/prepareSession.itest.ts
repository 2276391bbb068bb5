/**
 * Mentoring: Prepare Session in the real workbench: run on a partnership row of Partners & Goals
 * (through the provider, and from the row's context menu on screen), from the status bar item when
 * a session is due and from the review panel's button; the agenda is an untitled Markdown document
 * with the work since the last session, and nothing is written.
 */
import * as assert from 'assert';
import * as fs from 'fs';
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

function agendaDocuments(): vscode.TextDocument[] {
  return vscode.workspace.textDocuments.filter((d) => d.isUntitled && d.languageId === 'markdown' && d.getText().startsWith('# Session agenda:'));
}

/** Closes the agendas without saving them (they are untitled: a plain close would ask). */
async function closeAgendas(): Promise<void> {
  for (const doc of agendaDocuments()) {
    if (doc.isClosed) continue;
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
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

async function agendaShown(what: string): Promise<vscode.TextDocument> {
  return waitFor(what, () => vscode.window.activeTextEditor?.document.isUntitled && vscode.window.activeTextEditor.document.getText().startsWith('# Session agenda:') && vscode.window.activeTextEditor.document, SETTLE_MS);
}

describe('Prepare Session', function () {
  this.timeout(120000);
  before(async () => {
    originalText();
    await api();
  });
  afterEach(async () => {
    await closeAgendas();
    await vscode.window.tabGroups.close(vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview));
    await restore();
  });

  it('opens the agenda of a partnership row as an untitled Markdown document, with the work since the last session', async () => {
    await useFile(withEarlierSession());
    const row = await partnershipRow('Ben Okafor', 'with Ana Lima');
    assert.strictEqual(row.contextValue, 'partnership');
    const prepared = await vscode.commands.executeCommand<PreparedSession | undefined>('mentoring.prepareSession', row);
    assert.ok(prepared, 'the command prepared an agenda');
    const doc = await agendaShown('the agenda in the active editor');
    assert.strictEqual(doc, prepared.document);
    assert.strictEqual(doc.languageId, 'markdown');
    assert.ok(doc.isUntitled, 'untitled: nothing written until it is saved');
    const text = doc.getText();
    assert.match(text, /^# Session agenda: Ana Lima and Ben Okafor\n\nMutual mentoring \(ana-ben\) · prepared \d{4}-\d{2}-\d{2}\n/);
    assert.match(text, /- Last session: 2024-01-12 \(\d+ days ago\), 45 minutes\./);
    assert.match(text, /next session due 2024-01-26: \*\*overdue\*\* by \d+ days\./);
    // Ben's commit names his goal and touches src/api; the goal's question follows from it.
    assert.match(text, /### Write the API handlers in strict TypeScript — stalled\n/);
    assert.match(text, / {2}- 2024-01-15 · [0-9a-f]{7} · Add the users API · Ben Okafor · names the goal · 1 file: src\/api\/users\.ts\n/);
    assert.match(text, / {2}- Are the handler's inputs validated before use\? \(src\/api\/users\.ts\)\n/);
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
    assert.match(doc.getText(), /^# Session agenda: Ana Lima and Ben Okafor\n/);
    assert.match(doc.getText(), /- Last session: 2024-01-22 /);
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
    assert.match(doc.getText(), /^# Session agenda: Ana Lima and Chen Wei\n/);
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
        assert.match(doc.getText(), /^# Session agenda: Ana Lima and Ben Okafor\n/);
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
    assert.match(doc.getText(), /^# Session agenda: Ana Lima and Chen Wei\n/);
    assert.match(doc.getText(), /- Cancelled on 2024-02-12: Chen was away\./);
    assert.match(doc.getText(), /Other open goals: Cover the docs build with tests \(Chen Wei, proposed\)\./);
    const panel = vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputWebview);
    assert.ok(panel, 'the panel is still open');
    assert.notStrictEqual(panel.group.viewColumn, vscode.window.activeTextEditor?.viewColumn, 'the agenda opens beside it');
  });

  it('refuses a partnership the file does not have, opening nothing', async () => {
    const before = agendaDocuments().length;
    const result = await vscode.commands.executeCommand('mentoring.prepareSession', { partnership: 'nobody' });
    assert.strictEqual(result, undefined);
    assert.strictEqual(agendaDocuments().length, before);
  });
});
