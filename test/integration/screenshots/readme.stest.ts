/**
 * The README's pictures, taken in the real workbench on the demo workspace (the repository
 * `npm run demo` opens, made by scripts/demo-workspace.js; you are Alice): the Partners & Goals tree,
 * the log-session flow, the goal review panel, the Team Overview, the Suggestions view, and a change's goal in Source
 * Control and in the diff editor; then a session's agenda (its tab closes without asking to save), the
 * review panel of a partnership gone quiet (its whole history, and the range to choose), and the side bar
 * at VS Code's default width (300 px), every row whole.
 *
 * Each test brings the workbench to the state the picture shows, reads the text on screen and saves
 * a screenshot to test/.output/readme-NAME.png. The committed picture, media/screenshots/NAME.png,
 * comes with the text it showed (NAME.txt, dates and commit ids written as placeholders): when what
 * the demo shows no longer matches that text, the test fails and says to run `npm run screenshots`,
 * which runs this suite with PM_UPDATE_SCREENSHOTS=1 and writes the new pictures (in 256 colours, to
 * keep the .vsix small) and texts.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { host, waitFor } from '../host';
import { api, SETTLE_MS } from '../mentoring';
import { DEFAULT_SIDE_BAR, measureRows, setSideBarWidth } from '../sideBar';

/** Where the README's pictures live (shipped in the .vsix, so the Extensions view shows them too). */
const SHOTS = path.resolve(__dirname, '..', '..', '..', '..', 'media', 'screenshots');
const UPDATE = process.env.PM_UPDATE_SCREENSHOTS === '1';
/** The review panel's content frame, inside VS Code's webview iframe. */
const FRAME = ['iframe.webview.ready', '#active-frame'];

interface Upng {
  decode(png: ArrayBuffer | Uint8Array): { width: number; height: number };
  toRGBA8(image: { width: number; height: number }): ArrayBuffer[];
  encode(frames: ArrayBuffer[], width: number, height: number, colours: number): ArrayBuffer;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const UPNG = require('upng-js') as Upng;

/** The picture with its colours reduced to 256: the same to the eye, about 2.5 times smaller in the .vsix. */
function smallerPng(png: Buffer): Buffer {
  const image = UPNG.decode(png);
  return Buffer.from(UPNG.encode(UPNG.toRGBA8(image), image.width, image.height, 256));
}

/** What stays the same from one day's demo to the next: dates and commit ids become placeholders. */
function normalise(lines: string[]): string {
  return (
    lines
      .flatMap((l) => l.split('\n'))
      .map((l) =>
        l
          .replace(/(?<!\d)\d{4}-\d{2}-\d{2}(?!\d)/g, 'YYYY-MM-DD')
          .replace(/(?<![0-9a-z])(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{7,40}(?![0-9a-z])/g, '<commit>')
          .trimEnd(),
      )
      .filter((l) => l.trim() !== '')
      .join('\n') + '\n'
  );
}

/** Saves the screenshot; then either records it for the README (update) or checks the README's record. */
async function picture(name: string, shown: string[]): Promise<void> {
  // The mouse off to an empty part of the title bar, so that no row is hovered and no tooltip shows.
  await host.move(1100, 16);
  await new Promise((r) => setTimeout(r, 600));
  const png = await host.screenshot(`readme-${name}`);
  const text = normalise(shown);
  const committedPng = path.join(SHOTS, `${name}.png`);
  const committedText = path.join(SHOTS, `${name}.txt`);
  if (UPDATE) {
    fs.mkdirSync(SHOTS, { recursive: true });
    fs.writeFileSync(committedPng, smallerPng(fs.readFileSync(png)));
    fs.writeFileSync(committedText, text);
    return;
  }
  const advice = 'run `npm run screenshots` to take the README pictures again, and look at them before committing';
  assert.ok(fs.existsSync(committedPng), `${path.relative(process.cwd(), committedPng)} is missing: ${advice}`);
  const before = fs.existsSync(committedText) ? fs.readFileSync(committedText, 'utf8') : '';
  assert.strictEqual(text, before, `media/screenshots/${name}.png no longer shows what the demo shows (new picture: ${png}); ${advice}`);
}

/** The workbench's side bar a little wider, so rows' descriptions are not cut. */
async function widenSideBar(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
  for (let i = 0; i < 6; i++) await vscode.commands.executeCommand('workbench.action.decreaseViewWidth');
}

const header = (name: string, expanded: boolean): string => `.pane-header[aria-expanded="${expanded}"]:has-text("${name}") .title`;

/** Folds or unfolds the Mentoring views by a click on their titles, as a user would. */
async function showOnly(view: string): Promise<void> {
  for (const name of ['Partners & Goals', 'Suggestions', 'Review Prompts']) {
    const want = name === view;
    if ((await host.domText(header(name, !want))).length > 0) await host.click(header(name, !want));
  }
}

/** The rows `view` shows once they include what `has` looks for and have stopped changing for a second. */
async function rowsOnScreen(view: string, what: string, has: (joined: string) => boolean): Promise<string[]> {
  const selector = `.pane:has(> .pane-header:has-text("${view}")) .pane-body .monaco-list-row`;
  let seen: string[] = [];
  let since = 0;
  return waitFor(
    what,
    async () => {
      const now = await host.domText(selector);
      if (now.join('\n') !== seen.join('\n')) [seen, since] = [now, Date.now()];
      return has(seen.join('\n')) && Date.now() - since >= 1000 && seen;
    },
    SETTLE_MS,
  ).catch((e: Error) => {
    throw new Error(`${e.message}; rows on screen:\n${seen.join('\n')}`);
  });
}

describe('README screenshots, on the demo workspace', function () {
  this.timeout(180000);
  before(async function () {
    host.requireDriver(this);
    await api();
    await vscode.commands.executeCommand('notifications.clearAll');
    await vscode.commands.executeCommand('workbench.view.extension.mentoring');
    await widenSideBar();
  });
  afterEach(async () => {
    await host.press('Escape');
    await vscode.commands.executeCommand('notifications.clearAll');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('Partners & Goals beside the mentoring file (tree.png)', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder);
    await vscode.window.showTextDocument(vscode.Uri.joinPath(folder.uri, '.mentoring.yml'), { preview: false });
    await vscode.commands.executeCommand('mentoring.partners.focus');
    await showOnly('Partners & Goals');
    // Every partner's partnerships rendered too (Bob's side of his partnership with Alice, for one).
    const rows = await rowsOnScreen('Partners & Goals', 'Alice first, then everyone with their partnerships', (t) => t.includes('Alice Chen (you)') && t.includes('with Alice Chen'));
    await picture('tree', rows);
  });

  it('logging a session from the command palette (log-session.png)', async () => {
    await vscode.commands.executeCommand('mentoring.partners.focus');
    await host.press('F1');
    await waitFor('the command palette', async () => (await host.domText('.quick-input-list .monaco-list-row')).length > 0, SETTLE_MS);
    await host.type('Mentoring: Log Mentoring Session');
    await waitFor('the command in the palette', async () => (await host.domText('.quick-input-list .monaco-list-row')).some((t) => t.startsWith('Mentoring: Log Mentoring Session')), SETTLE_MS);
    // Other commands match the words too: go down to this one.
    const focused = async () => (await host.domText('.quick-input-list .monaco-list-row.focused')).some((t) => t.startsWith('Mentoring: Log Mentoring Session'));
    for (let i = 0; i < 8 && !(await focused()); i++) await host.press('ArrowDown');
    assert.ok(await focused(), 'the Log Mentoring Session command is selected in the palette');
    await host.press('Enter');
    // The first step: your partnerships, the most pressing first, with how each is doing.
    const shown = await waitFor(
      'the partnership step',
      async () => {
        const widget = (await host.domText('.quick-input-widget'))[0] ?? '';
        return widget.includes('1/8') && widget.includes('Bob Okafor') && [widget];
      },
      SETTLE_MS,
    );
    await picture('log-session', shown);
  });

  it('the goal review panel of Alice and Bob (review-panel.png)', async () => {
    await vscode.commands.executeCommand('mentoring.reviewGoals', { partnership: 'alice-bob' });
    // Evidence comes after the first render: wait for Bob's commits that name his goal.
    await waitFor('the goals with their commits', async () => (await host.domText('#g0 .commits li', FRAME).catch(() => [])).some((t) => t.includes('trailer')), SETTLE_MS);
    const shown = [...(await host.domText('h1', FRAME)), ...(await host.domText('.summary', FRAME)), ...(await host.domText('vscode-collapsible.goal h3.title', FRAME))];
    await picture('review-panel', shown);
  });

  it('the Team Overview of the demo programme (team-overview.png)', async () => {
    await vscode.commands.executeCommand('mentoring.teamOverview');
    // Evidence follows the first render: wait for the rows and the achieved goal with its commit.
    await waitFor('the partnerships, worst health first, and the achieved goal', async () => (await host.domText('#partnerships tbody tr', FRAME).catch(() => [])).length > 0 && (await host.domText('#achieved li', FRAME).catch(() => [])).length > 0, SETTLE_MS);
    const shown = [...(await host.domText('h1', FRAME)), ...(await host.domText('#partnerships tbody tr .partnership-id', FRAME)), ...(await host.domText('#unpaired li', FRAME)), ...(await host.domText('#achieved li .goal-link', FRAME))];
    await picture('team-overview', shown);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('the Suggestions view from the demo history (suggestions.png)', async () => {
    await vscode.commands.executeCommand('mentoring.suggestions.focus');
    await showOnly('Suggestions');
    const rows = await rowsOnScreen('Suggestions', 'the analysis: who knows what, islands, knowledge at risk, matches', (t) => t.includes('Who knows what') && t.includes('Knowledge at risk') && t.includes('Mutual matches'));
    await picture('suggestions', rows);
  });

  it('the agenda of Alice and Bob’s next session, closed without a save prompt (agenda.png)', async () => {
    const { generated } = await api();
    await vscode.commands.executeCommand('mentoring.prepareSession', { partnership: 'alice-bob' });
    const tab = await waitFor(
      'the agenda in the Markdown preview',
      () => {
        const active = vscode.window.tabGroups.activeTabGroup.activeTab;
        return active?.label.includes('Agenda — ') && generated.activeDocument()?.shown.startsWith('# Session agenda:') && active;
      },
      SETTLE_MS,
    );
    await waitFor('the preview to render', async () => (await host.domText('h1', FRAME).catch(() => [])).some((t) => t.startsWith('Session agenda')), SETTLE_MS);
    assert.match(tab.label, /Agenda — Alice & Bob, /);
    // The tab's title carries today's date: the text kept with the picture does not.
    const shown = [...(await host.domText('h1', FRAME)), ...(await host.domText('h2', FRAME))];
    await picture('agenda', shown);
    // Closing it asks nothing: it is a read-only document, never dirty.
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await waitFor('the agenda tab to close', () => !vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.label.includes('Agenda — '))), SETTLE_MS);
    assert.deepStrictEqual(await host.domText('.monaco-dialog-box'), [], 'no dialog asks to save');
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.isDirty), 'nothing left dirty');
  });

  it('the review panel of Erin and Bob, gone quiet last summer (review-panel-old.png)', async () => {
    await vscode.commands.executeCommand('mentoring.reviewGoals', { partnership: 'erin-bob' });
    // Their history is longer than six months, shorter than twelve: the last six months (without a session) or all.
    await waitFor('the timeline with its range', async () => (await host.domText('.ranges button', FRAME).catch(() => [])).join(' | ') === 'Last 6 months | All', SETTLE_MS);
    const marks = await host.rects('.timeline-chart .mark', FRAME);
    assert.strictEqual(marks.length, 3, 'the whole history: every session of the partnership on the chart');
    const shown = [...(await host.domText('h1', FRAME)), ...(await host.domText('#timeline-title', FRAME)), ...(await host.domText('.ranges button', FRAME))];
    await picture('review-panel-old', shown);
  });

  it('a change to Bob’s goal in Source Control and its diff (scm-view.png)', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder);
    const file = vscode.Uri.joinPath(folder.uri, 'src', 'server', 'errors.ts');
    const original = fs.readFileSync(file.fsPath, 'utf8');
    fs.writeFileSync(file.fsPath, `${original}\nexport async function retry<T>(run: () => Promise<T>): Promise<T> {\n  try {\n    return await run();\n  } catch {\n    return run();\n  }\n}\n`);
    try {
      await vscode.commands.executeCommand('workbench.view.scm');
      if ((await host.domText(header('Graph', true))).length > 0) await host.click(header('Graph', true));
      await vscode.commands.executeCommand('mentoring.scm.focus');
      const rows = await rowsOnScreen('Mentoring', 'Bob’s goal with its questions and the changed file', (t) => t.includes('Handle async errors confidently') && t.includes('errors.ts'));
      await vscode.commands.executeCommand('git.openChange', file);
      // The diff wider, so the label after the changed line shows whole.
      await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
      for (let i = 0; i < 4; i++) await vscode.commands.executeCommand('workbench.action.increaseViewWidth');
      const label = await waitFor(
        'the goal’s title after the first changed line',
        async () => {
          const found = (await host.afterText('.monaco-diff-editor .editor.modified .view-line span')).filter((t) => t.includes('Mentoring goal'));
          return found.length > 0 && found;
        },
        SETTLE_MS,
      );
      await picture('scm-view', [...rows, ...label]);
    } finally {
      fs.writeFileSync(file.fsPath, original);
    }
  });

  // Last: it leaves the side bar at its default width.
  it('the side bar at VS Code’s default width, every row whole (side-bar.png)', async () => {
    const { tree, partnersView } = await api();
    await vscode.commands.executeCommand('mentoring.partners.focus');
    await showOnly('Partners & Goals');
    const width = await setSideBarWidth(DEFAULT_SIDE_BAR);
    assert.ok(Math.abs(width - DEFAULT_SIDE_BAR) <= 2, `the side bar is ${width} px wide`);
    const roots = await tree.getChildren();
    const { cut } = await measureRows('Partners & Goals', partnersView, roots);
    assert.deepStrictEqual(cut, [], 'no row is cut');
    await partnersView.reveal(roots[0], { select: false, focus: false });
    const rows = await rowsOnScreen('Partners & Goals', 'Alice first', (t) => t.includes('Alice Chen (you)'));
    await picture('side-bar', rows);
  });
});
