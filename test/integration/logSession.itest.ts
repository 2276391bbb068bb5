/**
 * "Log mentoring session" in the real workbench: the command with an argument object, the whole
 * palette flow driven from the keyboard, an open document with unsaved changes, a broken file,
 * open action items in the tree, the status bar and reminders.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { parseMentoring } from '../../src/core/file/parse';
import type { Logged } from '../../src/vscode/log';
import { host, waitFor } from './host';
import { accept, anaBen, api, children, fileUri, folder, originalText, question, restore, summary } from './mentoring';
import { openLogSession, quickInput, typeAndEnter } from './palette';

const SESSION = {
  partnership: 'ana-ben',
  date: '2024-03-01',
  status: 'held',
  minutes: 30,
  goals: ['ben-ts'],
  notes: 'Paired on the handlers.',
  actions: [{ who: 'ben', what: 'Read the Node docs' }],
};

const SESSION_YAML = [
  '  - date: 2024-03-01',
  '    partnership: ana-ben',
  '    status: held',
  '    minutes: 30',
  '    goals: [ben-ts]',
  '    notes: Paired on the handlers.',
  '    actions:',
  '      - who: ben',
  '        what: Read the Node docs',
  '        done: false',
  '',
].join('\n');

function disk(): string {
  return fs.readFileSync(fileUri().fsPath, 'utf8');
}

describe('Log mentoring session', () => {
  before(async () => {
    originalText();
    await api();
  });
  afterEach(async () => {
    await vscode.commands.executeCommand('notifications.clearAll');
    const { logSession } = await api();
    for (const d of logSession.drafts()) await logSession.discardDraft(d.id);
    await restore();
  });

  it('writes a session given as an argument object: only the added lines, shown in the tree', async () => {
    const logged = await vscode.commands.executeCommand<Logged | undefined>('mentoring.logSession', SESSION);
    assert.ok(logged, 'the command says what it wrote');
    assert.deepStrictEqual([logged.partnership, logged.index, logged.nextDue], ['ana-ben', 2, '2024-03-15']);
    assert.strictEqual(disk(), originalText() + SESSION_YAML);

    const rows = await waitFor('the new session in the tree', async () => {
      const list = await children(await anaBen());
      return list.some((r) => r.label === '2024-03-01') && list;
    });
    assert.deepStrictEqual(summary(rows), [
      'Write the API handlers in strict TypeScript — ' + rows[0].description,
      'Open action items (1)',
      '2024-03-01 — held · 30 min',
      '2024-01-22 — held · 45 min',
    ]);
    const [item] = await children(rows[1]);
    assert.deepStrictEqual([item.whole?.label ?? item.label, item.description, item.contextValue], ['Ben: Read the Node docs', undefined, 'action']);

    // "Mark done" on the item: one value added in the file, and the node goes.
    assert.strictEqual(await vscode.commands.executeCommand('mentoring.markActionDone', item), true);
    assert.strictEqual(disk(), originalText() + SESSION_YAML.replace('done: false', 'done: true'));
    const { writes } = await api();
    assert.strictEqual(writes.last?.message, 'Marked “Read the Node docs” done.');
    await waitFor('the open action items to go', async () => !(await children(await anaBen())).some((r) => r.kind === 'actions'));
  });

  it('runs the whole flow from the command palette with the keyboard (screenshot test/.output/log-session.png)', async function () {
    host.requireDriver(this);
    this.timeout(120000);
    await openLogSession();

    await quickInput('1/8', 'Ana Lima and Chen Wei');
    await typeAndEnter('Chen Wei');
    await quickInput('2/8', 'When did it take place?');
    await host.press('Control+A');
    await host.type('2099-01-01');
    await waitFor('the future date refused in the input box', async () => (await host.domText('.quick-input-widget'))[0]?.includes('2099-01-01 is in the future'));
    await host.screenshot('log-session');
    await typeAndEnter('2024-03-05', true);
    await quickInput('3/8', 'Held');
    await typeAndEnter('');
    await quickInput('4/8', 'How many minutes');
    await typeAndEnter('50', true);
    await quickInput('5/8', 'Cover the docs build with tests');
    await typeAndEnter('');
    await quickInput('6/8', 'Open a notes editor');
    await typeAndEnter('Set up the docs build');
    await quickInput('7/8', 'No private notes');
    await typeAndEnter('');
    await quickInput('8/8', 'No action items');
    await typeAndEnter('Chen');
    await quickInput('8/8', 'What will Chen Wei do?');
    await typeAndEnter('Write the first test');
    await quickInput('8/8', 'When is it due?');
    await typeAndEnter('2024-03-12');
    await quickInput('8/8', '1 action item(s)');
    await typeAndEnter('');

    const expected = [
      '  - date: 2024-03-05',
      '    partnership: ana-chen',
      '    status: held',
      '    minutes: 50',
      '    notes: Set up the docs build',
      '    actions:',
      '      - who: chen',
      '        what: Write the first test',
      '        done: false',
      '        due: 2024-03-12',
      '',
    ].join('\n');
    // Saved through the editor, the file can be read half-written: wait for the whole of it.
    await waitFor('the session in the file', () => disk() === originalText() + expected, 10000).catch(() => undefined);
    assert.strictEqual(disk(), originalText() + expected);
    await vscode.commands.executeCommand('notifications.showList');
    const texts = await waitFor('the confirmation', async () => {
      const list = await host.domText('.notifications-center .notification-list-item');
      return list.some((t) => t.includes('Logged the session with')) && list;
    });
    const toast = texts.find((t) => t.includes('Logged the session with')) ?? '';
    assert.match(toast, /Logged the session with Ana Lima and Chen Wei on 5 Mar 2024\. Next one due 12 Mar 2024\./);
    assert.match(toast, /Undo[\s\S]*Open[\s\S]*Review Goals/);
    // Undo, from the notification: the file is as it was.
    await host.click('.notifications-center .notification-list-item .notification-list-item-buttons-container .monaco-button');
    await waitFor('the session undone', () => disk() === originalText(), 10000);
    await vscode.commands.executeCommand('notifications.hideList');
  });

  it('keeps the headline command first in the palette, and the change-only one out of it without a change', async function () {
    host.requireDriver(this);
    this.timeout(60000);
    const rows = async (typed: string): Promise<string[]> => {
      await host.press('Escape');
      await host.press('F1');
      await waitFor('the command palette', async () => (await host.domText('.quick-input-list .monaco-list-row')).length > 0);
      await host.type(typed);
      // The list settles on what was typed.
      await new Promise((r) => setTimeout(r, 500));
      return waitFor('the matches', async () => {
        const list = await host.domText('.quick-input-list .monaco-list-row');
        return list.length > 0 && list;
      });
    };
    // Recently used commands come first in the palette: without that history, the order is the palette's own.
    const palette = vscode.workspace.getConfiguration('workbench.commandPalette');
    await palette.update('history', 0, vscode.ConfigurationTarget.Global);
    try {
      for (const typed of ['Log Mentoring Session', 'Mentoring: Log Mentoring Session', 'mentoring log session']) {
        const list = await rows(typed);
        assert.ok(list[0].startsWith('Mentoring: Log Mentoring Session'), `"${typed}" lists first: ${JSON.stringify(list.slice(0, 3))}`);
      }
      assert.ok(!(await rows('Log Session About These Changes')).some((t) => t.includes('Log Session About These Changes')), 'not in the palette without a change that relates to a goal');
      // With such a change, it is there, and still after the headline command.
      await vscode.commands.executeCommand('setContext', 'mentoring.reviewPrompts.hasGoals', true);
      const list = await rows('Mentoring: Log');
      const mine = list.findIndex((t) => t.startsWith('Mentoring: Log Mentoring Session'));
      const other = list.findIndex((t) => t.includes('Log Session About These Changes'));
      assert.ok(mine === 0 && other > mine, JSON.stringify(list));
    } finally {
      await vscode.commands.executeCommand('setContext', 'mentoring.reviewPrompts.hasGoals', false);
      await palette.update('history', undefined, vscode.ConfigurationTarget.Global);
      await host.press('Escape');
    }
  });

  it('says how to finish in the notes editor, and keeps its notes as a draft when it is closed without saving', async () => {
    const { logSession, writes } = await api();
    const run = vscode.commands.executeCommand<Logged | undefined>('mentoring.logSession', { partnership: 'ana-ben', date: '2024-03-01' });
    // Date, held, minutes, goals: the defaults; then the notes editor; no action items.
    for (const step of [2, 3, 4, 5]) {
      await question('Log mentoring session', step);
      await accept();
    }
    const notes = await question('Log mentoring session', 6);
    assert.deepStrictEqual(notes.items, ['No shared notes', '$(note) Open a notes editor…']);
    await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
    await accept();
    // Then the private notes: none.
    const privately = await question('Log mentoring session', 7);
    assert.deepStrictEqual(privately.items, ['No private notes', '$(lock) Open a private notes editor…']);
    await accept();
    await question('Log mentoring session', 8);
    await accept();
    assert.strictEqual(await run, undefined, 'nothing is written before the notes are');
    const editor = await waitFor('the notes editor', () => vscode.window.activeTextEditor?.document.isUntitled && vscode.window.activeTextEditor);
    // Its tab is named for the session, not "Untitled-N".
    assert.match(editor.document.uri.path, /^Session notes — Ana Lima and Ben Okafor, 2024-03-01\.md$/);
    // The editor itself says how to finish.
    const lenses = await waitFor('its CodeLens', async () => {
      const found = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri);
      return found.length >= 2 && found;
    });
    assert.deepStrictEqual(
      lenses.map((l) => [l.range.start.line, l.command?.title, l.command?.command ?? '']),
      [
        [0, '$(check) Log session (Ctrl+Enter)', 'mentoring.logSessionNotes'],
        [0, 'Closing keeps a draft', ''],
      ],
    );
    await editor.edit((e) => e.insert(new vscode.Position(0, 0), 'Paired on the router.\nNext: error handling.'));
    // Closed with "Don't Save": the text is reverted, then the editor goes.
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    const [draft] = await waitFor('the draft', () => logSession.drafts().length === 1 && logSession.drafts());
    assert.strictEqual(draft.notes, 'Paired on the router.\nNext: error handling.');
    assert.strictEqual(disk(), originalText(), 'not written');
    // The next Log Mentoring Session offers the draft first.
    const again = vscode.commands.executeCommand<Logged | undefined>('mentoring.logSession');
    const drafts = await question('Log mentoring session', 0);
    assert.deepStrictEqual(drafts.items, ['$(edit) Session with Ana Lima and Ben Okafor on 1 Mar 2024', '', '$(add) A new session…']);
    await accept();
    assert.strictEqual(await again, undefined);
    const reopened = await waitFor('the notes editor again', () => vscode.window.activeTextEditor?.document.isUntitled && vscode.window.activeTextEditor);
    assert.strictEqual(reopened.document.getText(), 'Paired on the router.\nNext: error handling.');
    // Ctrl+Enter (the button in the title, the CodeLens) logs it with these notes.
    const logged = await vscode.commands.executeCommand<Logged | undefined>('mentoring.logSessionNotes');
    assert.ok(logged);
    assert.strictEqual(logged.session.notes, 'Paired on the router.\nNext: error handling.');
    assert.ok(disk().endsWith('    notes: |-\n      Paired on the router.\n      Next: error handling.\n'), disk());
    assert.deepStrictEqual(logSession.drafts(), [], 'the draft is gone once logged');
    assert.match(writes.last?.message ?? '', /^Logged the session with Ana Lima and Ben Okafor on 1 Mar 2024\./);
  });

  it('goes back with the Back button and cancels with Escape, writing nothing', async function () {
    host.requireDriver(this);
    const run = vscode.commands.executeCommand<Logged | undefined>('mentoring.logSession', { partnership: 'ana-ben' });
    await quickInput('2/8', 'When did it take place?');
    await host.click('.quick-input-widget .codicon-quick-input-back');
    await quickInput('1/8', 'New partnership');
    await host.press('Escape');
    assert.strictEqual(await run, undefined);
    assert.strictEqual(disk(), originalText());
  });

  it('adds the session to an open document with unsaved changes, keeping them', async () => {
    const doc = await vscode.workspace.openTextDocument(fileUri());
    await vscode.window.showTextDocument(doc);
    const edit = new vscode.WorkspaceEdit();
    edit.insert(doc.uri, new vscode.Position(2, 0), '# an unsaved comment\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.ok(doc.isDirty);
    const logged = await vscode.commands.executeCommand<Logged | undefined>('mentoring.logSession', SESSION);
    assert.ok(logged);
    const lines = originalText().split('\n');
    lines.splice(2, 0, '# an unsaved comment');
    assert.strictEqual(doc.getText(), lines.join('\n') + SESSION_YAML);
    assert.ok(doc.isDirty, 'still unsaved');
    assert.strictEqual(disk(), originalText(), 'disk untouched while the document is dirty');
  });

  it('writes nothing to a file with errors and shows the problem', async () => {
    const broken = originalText().replace('progress: 40', 'progress: 140');
    fs.writeFileSync(fileUri().fsPath, broken);
    const { store } = await api();
    await waitFor('the store to see the errors', () => store.get(folder())?.hasErrors, 10000);
    const logged = await vscode.commands.executeCommand<Logged | undefined>('mentoring.logSession', SESSION);
    assert.strictEqual(logged, undefined);
    assert.strictEqual(disk(), broken, 'the bytes are unchanged');
    if (host.available) {
      // Looked for in the notification centre: a toast may already have gone by.
      await vscode.commands.executeCommand('notifications.showList');
      const item = '.notifications-center .notification-list-item';
      await waitFor('the error notification', async () => (await host.domText(item)).some((t) => t.includes('fix them before logging a session') && t.includes('Show Problem'))).catch(
        async (e: Error) => {
          await host.screenshot('log-session-error-failure');
          throw new Error(`${e.message}; notifications: ${JSON.stringify(await host.domText('.notifications-center'))}`);
        },
      );
      await host.click(`${item} .notification-list-item-buttons-container .monaco-button`);
      await vscode.commands.executeCommand('notifications.hideList');
      const editor = await waitFor('the problem revealed', () => vscode.window.activeTextEditor);
      assert.strictEqual(editor.document.getText(editor.selection), '140');
    }
  });

  it('refuses a session that does not fit the file, with the reason', async () => {
    const logged = await vscode.commands.executeCommand<Logged | undefined>('mentoring.logSession', { ...SESSION, actions: [{ who: 'chen', what: 'x' }] });
    assert.strictEqual(logged, undefined);
    assert.strictEqual(disk(), originalText());
  });

  it('shows the most pressing partnership of "me" in the status bar, and reminds once a day', async () => {
    const { cadence } = await api();
    assert.strictEqual(cadence.line, undefined, 'hidden while the user is not a partner');
    const config = vscode.workspace.getConfiguration('mentoring', folder().uri);
    await config.update('me', 'ana', vscode.ConfigurationTarget.WorkspaceFolder);
    try {
      const line = await waitFor('the status bar item', () => cadence.line);
      // Ben's was due 2024-02-05, Chen's 2024-02-12: Ben's is the more overdue.
      assert.strictEqual(line.text, '$(warning) Overdue with Ben Okafor');
      assert.deepStrictEqual(
        line.all.map((c) => c.partnership),
        ['ana-ben', 'ana-chen'],
      );
      if (host.available) {
        await waitFor('the item in the status bar', async () => (await host.domText('.statusbar-item')).some((t) => t.includes('Overdue with Ben Okafor')));
      }
      const shown = await cadence.checkReminders('2030-01-01');
      assert.deepStrictEqual(
        shown.map((r) => r.partnership),
        ['ana-ben', 'ana-chen'],
      );
      assert.deepStrictEqual(await cadence.checkReminders('2030-01-01'), [], 'once a day');
      await vscode.workspace.getConfiguration('mentoring').update('reminders.enabled', false, vscode.ConfigurationTarget.Workspace);
      try {
        assert.deepStrictEqual(await cadence.checkReminders('2030-01-02'), [], 'turned off');
      } finally {
        await vscode.workspace.getConfiguration('mentoring').update('reminders.enabled', undefined, vscode.ConfigurationTarget.Workspace);
      }
      assert.strictEqual((await cadence.checkReminders('2030-01-02')).length, 2, 'the next day');
    } finally {
      await config.update('me', undefined, vscode.ConfigurationTarget.WorkspaceFolder);
    }
    await waitFor('the item hidden again', () => cadence.line === undefined);
    // The session written last is in the file the status bar reads.
    assert.ok(parseMentoring(disk()).model);
  });
});
