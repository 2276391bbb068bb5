/**
 * The goal review panel in the real workbench: one panel per partnership, its goals and commits read
 * from the webview's frame, a review typed into the form and saved to the file, the goal and commit
 * links, and a screenshot (test/.output/review-panel.png).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { localToday } from '../../src/core/dates';
import { addGoalReview } from '../../src/core/file';
import { parseMentoring } from '../../src/core/file/parse';
import { host, waitFor } from './host';
import { api, children, fileUri, folder, originalText, restore } from './mentoring';
import { FRAME, frameText, reviewTabs, WAIT } from './panel';

async function closeReviewTabs(): Promise<void> {
  await vscode.window.tabGroups.close(reviewTabs());
  await waitFor('every review panel to close', () => reviewTabs().length === 0, WAIT);
}

/** Clicks in the panel, again while the webview is still being laid out (e.g. just after a split). */
async function clickInPanel(selector: string): Promise<void> {
  await waitFor(`a click on ${selector} in the review panel`, () => host.click(selector, FRAME).then(() => true, () => false), 2 * WAIT);
}

describe('goal review panel', function () {
  this.timeout(120000);
  before(async () => {
    originalText();
    await api();
  });
  afterEach(async () => {
    await closeReviewTabs();
    await restore();
  });

  it('opens one panel per partnership, titled with its members, and reveals it when asked again', async () => {
    await vscode.commands.executeCommand('mentoring.reviewGoals', { partnership: 'ana-ben' });
    const [tab] = await waitFor('a review panel', () => reviewTabs().length === 1 && reviewTabs(), WAIT);
    await waitFor('the panel title', () => reviewTabs()[0]?.label === 'Goal Review: Ana Lima & Ben Okafor', WAIT);
    assert.ok(tab.isActive);
    await vscode.commands.executeCommand('mentoring.reviewGoals', { partnership: 'ana-ben', folder: folder().uri.toString() });
    assert.strictEqual(reviewTabs().length, 1, 'the same partnership reuses its panel');
    await vscode.commands.executeCommand('mentoring.reviewGoals', { partnership: 'ana-chen' });
    await waitFor('a second panel for the other partnership', () => reviewTabs().length === 2, WAIT);
    assert.deepStrictEqual(reviewTabs().map((t) => t.label).sort(), ['Goal Review: Ana Lima & Ben Okafor', 'Goal Review: Ana Lima & Chen Wei']);
  });

  it('opens from a goal, a partnership or a partner row of the tree', async () => {
    const ben = (await children()).find((r) => r.label === 'Ben Okafor');
    assert.ok(ben);
    const [partnership] = await children(ben);
    const [goal] = await children(partnership);
    assert.strictEqual(goal.kind, 'goal');
    await vscode.commands.executeCommand('mentoring.reviewGoals', goal);
    await waitFor('the panel of the goal’s partnership', () => reviewTabs()[0]?.label === 'Goal Review: Ana Lima & Ben Okafor', WAIT);
    await vscode.commands.executeCommand('mentoring.reviewGoals', partnership);
    // Ben has one partnership: his row opens it without asking.
    await vscode.commands.executeCommand('mentoring.reviewGoals', ben);
    assert.strictEqual(reviewTabs().length, 1);
  });

  it('restores a panel from the webview’s state after a reload, and drops one it cannot place', async () => {
    const { reviews } = await api();
    // What VS Code hands the serializer after a reload: a fresh panel and the state the webview saved.
    const panel = vscode.window.createWebviewPanel('mentoring.review', 'Goal Review', vscode.ViewColumn.Active);
    await reviews.restore(panel, { closed: [], drafts: {}, scrollY: 0, partnershipId: 'ana-chen', folder: folder().uri.toString() });
    assert.strictEqual(reviews.find(folder().uri.toString(), 'ana-chen')?.panel, panel);
    assert.strictEqual(panel.title, 'Goal Review: Ana Lima & Chen Wei');
    assert.strictEqual(panel.webview.options.enableScripts, true);
    if (host.available) await frameText('vscode-collapsible.goal h3.title', 'Cover the docs build with tests');
    // Asking for the same partnership reveals the restored panel.
    await vscode.commands.executeCommand('mentoring.reviewGoals', { partnership: 'ana-chen' });
    assert.strictEqual(reviewTabs().length, 1);

    const stale = vscode.window.createWebviewPanel('mentoring.review', 'Goal Review', vscode.ViewColumn.Active);
    let disposed = false;
    stale.onDidDispose(() => (disposed = true));
    await reviews.restore(stale, { closed: [], drafts: {}, scrollY: 0 });
    assert.ok(disposed, 'a panel whose state names no partnership is closed');
  });

  it('refuses a partnership the file does not have, opening nothing', async () => {
    await vscode.commands.executeCommand('mentoring.reviewGoals', { partnership: 'nobody' });
    assert.strictEqual(reviewTabs().length, 0);
  });

  it('shows the partnership’s goals and their commits in the webview (screenshot review-panel.png)', async function () {
    host.requireDriver(this);
    await vscode.commands.executeCommand('mentoring.reviewGoals', { partnership: 'ana-ben' });
    // A goal's heading is in its collapsible's shadow root (the driver's CSS reaches into it).
    const headings = await frameText('vscode-collapsible.goal h3.title', 'Write the API handlers in strict TypeScript');
    assert.strictEqual(headings.length, 1, `one goal: ${headings.join(' | ')}`);
    assert.strictEqual((await host.domText('h1', FRAME)).join(), 'Goal review: Ana Lima & Ben Okafor', 'the people, by name');
    assert.match((await host.domText('.summary', FRAME)).join(), /held/);
    // Evidence follows the first render: Ben's commit names the goal in a trailer and touches src/api.
    const commits = await frameText('#g0 .commits li', 'Add the users API');
    assert.strictEqual(commits.length, 1, commits.join(' | '));
    assert.match(commits[0], /Ben Okafor · 2024-01-15/);
    assert.match(commits[0], /trailer/);
    await host.screenshot('review-panel');
  });

  it('shows the whole history of a partnership gone quiet, never an empty timeline (screenshot review-panel-old.png)', async function () {
    host.requireDriver(this);
    // Ana and Ben last met in January 2024, long more than six months ago.
    await vscode.commands.executeCommand('mentoring.reviewGoals', { partnership: 'ana-ben' });
    const title = await waitFor('the timeline’s title', async () => (await host.domText('#timeline-title', FRAME).catch(() => [])).join(), 2 * WAIT);
    assert.match(title, /^Sessions since 2024-01-0\d$/, 'from the partnership’s start');
    const marks = await host.domText('.timeline-chart .mark', FRAME);
    assert.ok(marks.length >= 1, `its sessions are drawn: ${marks.length}`);
    // The range to choose: the whole history is shown; the last 6 and 12 months hold no session, so they are offered disabled.
    assert.deepStrictEqual(await host.domText('.ranges button', FRAME), ['Last 6 months', 'Last 12 months', 'All']);
    assert.deepStrictEqual(await host.domText('.ranges button:disabled', FRAME), ['Last 6 months', 'Last 12 months']);
    assert.deepStrictEqual(await host.domText('.ranges button[aria-pressed="true"]', FRAME), ['All']);
    await host.screenshot('review-panel-old');
  });

  it('saves a review typed into the panel’s form to the mentoring file', async function () {
    host.requireDriver(this);
    await vscode.commands.executeCommand('mentoring.reviewGoals', { partnership: 'ana-ben' });
    await frameText('#g0 .review-form', 'Review this goal');
    await host.click('#g0-progress input', FRAME);
    for (const key of ['End', 'Backspace', 'Backspace']) await host.press(key);
    await host.type('55');
    await host.click('#g0-note textarea', FRAME);
    await host.type('Handlers typed end to end.');
    await host.click('#g0-save', FRAME);
    await frameText('#g0-save-status', 'Review saved.');
    // Not open in an editor: written to disk, exactly as the edit makes it (Ana, the goal's mentor, reviews).
    const review = { date: localToday(), by: 'ana', progress: 55, status: 'active' as const, note: 'Handlers typed end to end.' };
    const text = fs.readFileSync(fileUri().fsPath, 'utf8');
    assert.strictEqual(text, addGoalReview(originalText(), 'ben-ts', review).text);
    const goal = parseMentoring(text).model?.goals.find((g) => g.id === 'ben-ts');
    assert.deepStrictEqual([goal?.progress, goal?.reviews], [55, [review]]);
    await frameText('#g0 .reviews li', 'Handlers typed end to end.');
  });

  it('writes nothing while the file has errors, and says why in the panel', async function () {
    host.requireDriver(this);
    await vscode.commands.executeCommand('mentoring.reviewGoals', { partnership: 'ana-ben' });
    await frameText('#g0 .review-form', 'Review this goal');
    const broken = originalText().replace('cadence: 7', 'cadence: -7');
    fs.writeFileSync(fileUri().fsPath, broken);
    const { store } = await api();
    await waitFor('the store to see the errors', () => store.get(folder())?.hasErrors, WAIT);
    await frameText('.banner', 'has errors');
    await host.click('#g0-save', FRAME);
    const [error] = await frameText('#g0-save-error', 'Not saved');
    assert.match(error, /has an error/);
    assert.strictEqual(fs.readFileSync(fileUri().fsPath, 'utf8'), broken);
  });

  it('reveals the goal in the file and shows a commit from the panel’s links', async function () {
    host.requireDriver(this);
    await vscode.commands.executeCommand('mentoring.reviewGoals', { partnership: 'ana-ben' });
    await frameText('#g0 .commits li', 'Add the users API');
    await clickInPanel('#g0-reveal');
    const editor = await waitFor('the mentoring file in an editor', () => vscode.window.visibleTextEditors.find((e) => e.document.uri.fsPath === fileUri().fsPath), WAIT);
    const line = editor.document.lineAt(editor.selection.start.line).text;
    assert.match(line, /- id: ben-ts/);
    await clickInPanel('#g0 .commits button.hash');
    const commit = await waitFor('the commit in a read-only editor', () => vscode.window.visibleTextEditors.find((e) => e.document.uri.scheme === 'mentoring-commit'), WAIT);
    assert.match(commit.document.getText(), /Add the users API[\s\S]*Mentoring-Goal: ben-ts[\s\S]*src\/api\/users\.ts/);
    assert.strictEqual(commit.document.languageId, 'diff');
  });
});
