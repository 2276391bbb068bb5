/**
 * A mentoring file written by an adversary, in a real VS Code: names, titles, notes, questions and
 * keys full of `[text](command:…)` links and `$(icon)` syntax. Whatever the extension shows of it (the
 * tree, the status bar, a reminder, the log flow's quick pick, the Problems panel, CodeLens) must
 * show it as text: no link, no icon, no command. Through the API in any host; in the rendered
 * workbench (code-server), by looking at the DOM and clicking where a link would be.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { addDays, localToday } from '../../src/core/dates';
import type { Row } from '../../src/core/view/treeModel';
import type { ScmRow } from '../../src/core/view/scmRows';
import { host, waitFor } from './host';
import { api, fileUri, folder, originalText, restore, SETTLE_MS } from './mentoring';

/** A command the hostile links point at: it must never run. */
const PWNED = 'peerMentoringTest.pwned';
const LINK = (label: string): string => `[${label}](command:${PWNED})`;
/** Icons VS Code's own UI does not use, so any of them in the workbench came from the file. */
const FOREIGN_ICONS = ['squirrel', 'flame', 'rocket'];
const ICON_SELECTOR = (within: string): string => FOREIGN_ICONS.map((i) => `${within} .codicon-${i}`).join(', ');

const HOSTILE = `version: 1
partners:
  - id: ana
    name: "Ana $(flame) ${LINK('open settings')}"
    emails: [ana@example.com]
  - id: ben
    name: "$(squirrel) Ben ${LINK('click me')} $(rocket)"
    emails: [ben@example.com]
partnerships:
  - id: hostile-pair
    members: [ana, ben]
    kind: mutual
    since: 2024-01-01
    cadence: 7
    notes: "${LINK('notes')} $(squirrel)"
skills:
  - id: api
    name: "$(rocket) API ${LINK('skill')}"
    paths: ["src/**"]
goals:
  - id: hostile-goal
    partnership: hostile-pair
    owner: ben
    title: "$(squirrel) Learn ${LINK('the goal')}"
    status: active
    progress: 10
    paths: ["src/**"]
    prompts: ["$(flame) Why? ${LINK('a question')}"]
sessions:
  - date: 2024-01-02
    partnership: hostile-pair
    status: held
    minutes: 30
    notes: "$(rocket) ${LINK('session notes')}"
    actions:
      - { who: ben, what: "$(squirrel) ${LINK('an action')}" }
"$(flame) ${LINK('a key')}": 1
`;

const CHANGED = 'src/api/users.ts';

/** Text that shows no icon and no link whatever renders it. */
function assertInert(text: string | undefined, where: string): void {
  if (text === undefined) return;
  assert.doesNotMatch(text, /\$\(/, `${where} has icon syntax: ${JSON.stringify(text)}`);
  assert.doesNotMatch(text, /\]\(/, `${where} has a link: ${JSON.stringify(text)}`);
}

function labelText(label: string | vscode.TreeItemLabel | undefined): string | undefined {
  return typeof label === 'object' ? label.label : label;
}

describe('a hostile mentoring file', () => {
  const pwned: unknown[] = [];
  let command: vscode.Disposable;
  let source = '';
  const changedUri = (): vscode.Uri => vscode.Uri.joinPath(folder().uri, ...CHANGED.split('/'));

  before(async () => {
    originalText();
    const { store } = await api();
    command = vscode.commands.registerCommand(PWNED, (...args: unknown[]) => void pwned.push(args));
    await vscode.workspace.getConfiguration('mentoring', folder().uri).update('me', 'ana', vscode.ConfigurationTarget.WorkspaceFolder);
    fs.writeFileSync(fileUri().fsPath, HOSTILE);
    source = fs.readFileSync(changedUri().fsPath, 'utf8');
    fs.writeFileSync(changedUri().fsPath, `${source}\nexport const hostile = true;\n`);
    await waitFor('the store to read the hostile file', () => store.get(folder())?.text === HOSTILE, SETTLE_MS);
  });

  after(async () => {
    await vscode.commands.executeCommand('notifications.clearAll');
    fs.writeFileSync(changedUri().fsPath, source);
    await vscode.workspace.getConfiguration('mentoring', folder().uri).update('me', undefined, vscode.ConfigurationTarget.WorkspaceFolder);
    command.dispose();
    await restore();
  });

  it('is read, with its text made inert in every tree item, the status bar, reminders, problems and CodeLens', async () => {
    const { store, tree, cadence, reviewPrompts, scmView, lineLabels } = await api();
    assert.strictEqual(store.get(folder())?.hasErrors, false, 'the file is valid: everything in it is shown');

    // Every row of the Partners & Goals tree, as VS Code gets it.
    const walk = async (parent?: Row): Promise<number> => {
      let n = 0;
      for (const row of await tree.getChildren(parent)) {
        const item = tree.getTreeItem(row);
        assertInert(labelText(item.label), 'a tree label');
        assertInert(typeof item.description === 'string' ? item.description : undefined, 'a tree description');
        assertInert(typeof item.tooltip === 'string' ? item.tooltip : item.tooltip?.value, 'a tree tooltip');
        n += 1 + (await walk(row));
      }
      return n;
    };
    assert.ok((await walk()) >= 6, 'partners, partnership, goal, session and action rows');

    // The status bar: our own icon first, then the partner's name as text.
    cadence.update();
    const line = await waitFor('the status bar item', () => cadence.line);
    const [, icon, rest] = /^(\$\((?:warning|calendar)\) )(.*)$/.exec(line.text) ?? [];
    assert.ok(icon, line.text);
    assertInert(rest, 'the status bar text');
    assert.match(rest, /Ben/);

    // Problems: the unknown key is quoted in a warning, inert.
    const diagnostics = await waitFor('the unknown-key warning', () => vscode.languages.getDiagnostics(fileUri()).filter((d) => d.code === 'unknown-key').length > 0 && vscode.languages.getDiagnostics(fileUri()));
    for (const d of diagnostics) assertInert(d.message, 'a problem');

    // CodeLens on a changed file under the goal's paths.
    const doc = await vscode.workspace.openTextDocument(changedUri());
    await vscode.commands.executeCommand('mentoring.reviewPrompts.refresh');
    const lenses = await waitFor(
      'the review CodeLens',
      async () => {
        const found = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri);
        return found.some((l) => l.command?.command === 'mentoring.reviewPrompts.openGoal') && found;
      },
      SETTLE_MS,
    );
    for (const lens of lenses) if (lens.command?.command.startsWith('mentoring.')) assertInert(lens.command.title, 'a CodeLens title');
    for (const row of await reviewPrompts.getChildren()) assertInert(labelText(reviewPrompts.getTreeItem(row).label), 'a review prompt');
    for (const lens of lenses) if (lens.command?.tooltip) assertInert(lens.command.tooltip, 'a CodeLens tooltip');

    // The Mentoring view in Source Control, every row, and the line labels of the changed file.
    const scmRows = async (rows: ScmRow[]): Promise<number> => {
      let n = 0;
      for (const row of rows) {
        const item = scmView.getTreeItem(row);
        assertInert(labelText(item.label), 'a Source Control row');
        assertInert(typeof item.description === 'string' ? item.description : undefined, 'a Source Control description');
        assertInert(typeof item.tooltip === 'string' ? item.tooltip : undefined, 'a Source Control tooltip');
        n += 1 + (await scmRows(await scmView.getChildren(row)));
      }
      return n;
    };
    assert.ok((await scmRows(await scmView.getChildren())) >= 2, 'the goal and its file in Source Control');
    await vscode.window.showTextDocument(doc);
    const labels = await waitFor('the line labels', () => lineLabels.labels(changedUri()).length > 0 && lineLabels.labels(changedUri()), SETTLE_MS);
    for (const l of labels) assertInert(l.text, 'a line label');

    // A reminder: the partnership has been overdue since 2024. Asked as of tomorrow: the extension's
    // own first check may have shown today's already, and a reminder is shown once a day.
    const shown = await cadence.checkReminders(addDays(localToday(), 1));
    assert.deepStrictEqual(
      shown.map((r) => r.partnership),
      ['hostile-pair'],
    );
    assert.deepStrictEqual(pwned, []);
  });

  it('renders no link, icon or command anywhere in the workbench', async function () {
    host.requireDriver(this);
    const { cadence } = await api();

    // The tree.
    await vscode.commands.executeCommand('mentoring.partners.focus');
    await waitFor('the hostile partners in the tree', async () => (await host.domText('.pane-body .monaco-list-row')).some((t) => t.includes('Ben') && t.includes('(squirrel)')), SETTLE_MS);
    assert.deepStrictEqual(await host.domText(ICON_SELECTOR('.pane-body .monaco-list-row')), [], 'no icon from the file in the tree');
    assert.deepStrictEqual(await host.domText('.pane-body .monaco-list-row a[href]'), [], 'no link in the tree');

    // The status bar.
    cadence.update();
    await waitFor('the status bar item', async () => (await host.domText('.statusbar-item')).some((t) => t.includes('Ben')), SETTLE_MS);
    assert.deepStrictEqual(await host.domText(ICON_SELECTOR('.statusbar')), [], 'no icon from the file in the status bar');

    // A reminder notification, in the notification center: text only; clicking where the link would be runs nothing.
    await vscode.commands.executeCommand('notifications.clearAll');
    const again = await showReminderAgain(cadence);
    assert.strictEqual(again.length, 1, 'the reminder was shown again');
    await vscode.commands.executeCommand('notifications.showList');
    const message = '.notifications-center .notification-list-item-message';
    await waitFor('the reminder', async () => (await host.domText(message)).some((t) => t.includes('Time to meet') && t.includes('(squirrel)')), SETTLE_MS).catch(async (e: Error) => {
      await host.screenshot('hostile-reminder');
      throw e;
    });
    assert.deepStrictEqual(await host.domText(`${message} a[href]`), [], 'no link in the message');
    assert.deepStrictEqual(await host.domText(ICON_SELECTOR('.notifications-center')), [], 'no icon in the message');
    await host.click(`${message}:has-text("click me")`);
    await vscode.commands.executeCommand('notifications.hideList');
    await vscode.commands.executeCommand('notifications.clearAll');

    // The log flow's first quick pick lists the partnership by its members' names.
    void vscode.commands.executeCommand('mentoring.logSession');
    await waitFor('the partnership in the quick pick', async () => (await host.domText('.quick-input-widget .monaco-list-row')).some((t) => t.includes('Ben')), SETTLE_MS);
    assert.deepStrictEqual(await host.domText(ICON_SELECTOR('.quick-input-widget')), [], 'no icon from the file in the quick pick');
    assert.deepStrictEqual(await host.domText('.quick-input-widget a[href]'), [], 'no link in the quick pick');
    await host.press('Escape');

    // The Problems panel.
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await waitFor('the unknown key in the Problems panel', async () => (await host.domText('.markers-panel .monaco-list-row')).some((t) => t.includes('unknown key')), SETTLE_MS);
    assert.deepStrictEqual(await host.domText(ICON_SELECTOR('.markers-panel')), [], 'no icon from the file in the Problems panel');

    // CodeLens on the changed file.
    await vscode.window.showTextDocument(changedUri());
    await waitFor('the CodeLens', async () => (await host.domText('.codelens-decoration')).some((t) => t.includes('Goal:')), SETTLE_MS);
    assert.deepStrictEqual(await host.domText(ICON_SELECTOR('.codelens-decoration')), [], 'no icon from the file in CodeLens');
    await host.screenshot('hostile');

    // Anywhere at all.
    assert.deepStrictEqual(await host.domText(FOREIGN_ICONS.map((i) => `.codicon-${i}`).join(', ')), [], 'no icon from the file anywhere');
    assert.deepStrictEqual(await host.domText(`a[href*="${PWNED}"]`), [], 'no link to the command anywhere');
    assert.deepStrictEqual(pwned, [], 'the command never ran');
  });
});

/** Shows the reminder once more: one was shown as of tomorrow already, so as if it were the day after. */
async function showReminderAgain(cadence: Awaited<ReturnType<typeof api>>['cadence']): Promise<string[]> {
  return (await cadence.checkReminders(addDays(localToday(), 2))).map((r) => r.message);
}
