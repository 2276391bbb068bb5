/**
 * The Team Overview in the real workbench: every partnership in health order, a person without a
 * partner, an achieved goal with its evidence commit, a row that opens the review panel, and the
 * panel restored after a reload with its period (screenshot test/.output/team-overview.png).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { localToday } from '../../src/core/dates';
import { achieveGoal, addPartner, parseMentoring } from '../../src/core/file';
import { buildOverview, presetPeriod } from '../../src/core/mentoring';
import { host, waitFor } from './host';
import { api, fileUri, folder, originalText, restore } from './mentoring';
import { FRAME, frameText, reviewTabs, WAIT } from './panel';

function overviewTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('mentoring.overview'));
}

/** The fixture with Eve, who has no partner, and Ben's goal achieved today. */
function programmeText(): string {
  const withEve = addPartner(originalText(), { id: 'eve', name: 'Eve Moreau', emails: ['eve@example.com'] }).text;
  return achieveGoal(withEve, 'ben-ts', { date: localToday(), by: 'ana', note: 'Handlers typed end to end.' }).text;
}

describe('team overview', function () {
  this.timeout(120000);
  before(async () => {
    originalText();
    await api();
  });
  afterEach(async () => {
    await vscode.window.tabGroups.close([...overviewTabs(), ...reviewTabs()]);
    await restore();
  });

  async function withProgramme(): Promise<void> {
    fs.writeFileSync(fileUri().fsPath, programmeText());
    const { store } = await api();
    await waitFor('the store to read Eve', () => store.get(folder())?.lastValid?.partners.some((p) => p.id === 'eve'), WAIT);
  }

  it('shows every partnership worst health first, Eve without a partner and Ben’s achieved goal with its commit; a row opens the review', async function () {
    host.requireDriver(this);
    await withProgramme();
    await vscode.commands.executeCommand('mentoring.teamOverview');
    await waitFor('the overview tab', () => overviewTabs()[0]?.label === 'Team Overview', WAIT);
    const model = parseMentoring(programmeText()).model;
    assert.ok(model);
    const today = localToday();
    const expected = buildOverview([{ folder: '', file: '', model }], today, 'this-quarter', presetPeriod('this-quarter', today)).rows.map((r) => r.partnership);
    await frameText('#partnerships tbody tr', 'Ana Lima');
    const rows = await host.domText('#partnerships tbody tr .partnership-id', FRAME);
    assert.deepStrictEqual(rows, expected, 'the rows in the core’s health order');
    assert.strictEqual(rows.length, model.partnerships.length);
    await frameText('#unpaired li', 'Eve Moreau');
    // Evidence follows the first render: Ben's commit names the goal in a trailer.
    const [achieved] = await frameText('#achieved li', 'Add the users API');
    assert.match(achieved, /Write the API handlers in strict TypeScript/);
    await host.screenshot('team-overview');
    await host.click('#row-0', FRAME);
    await waitFor('the review panel of the first row', () => reviewTabs().length === 1, WAIT);
  });

  it('comes back after a reload with the period it showed, and lets a second one go', async () => {
    await withProgramme();
    const { overview } = await api();
    const panel = vscode.window.createWebviewPanel('mentoring.overview', 'Team Overview', vscode.ViewColumn.Active);
    await overview.restore(panel, { period: { kind: 'last-12-months' }, scrollY: 0 });
    assert.strictEqual(overview.webviewPanel, panel);
    assert.strictEqual(panel.webview.options.enableScripts, true);
    if (host.available) await frameText('#period-text', presetPeriod('last-12-months', localToday()).since ?? '');
    const second = vscode.window.createWebviewPanel('mentoring.overview', 'Team Overview', vscode.ViewColumn.Active);
    let disposed = false;
    second.onDidDispose(() => (disposed = true));
    await overview.restore(second, {});
    assert.ok(disposed, 'one overview at a time');
    await vscode.commands.executeCommand('mentoring.teamOverview');
    assert.strictEqual(overviewTabs().length, 1);
  });

  it('saves the next sessions as an iCalendar file with Add to Calendar', async () => {
    const out = `${fileUri().fsPath}.ics`;
    try {
      const saved = await vscode.commands.executeCommand<vscode.Uri | undefined>('mentoring.addToCalendar', { out });
      assert.strictEqual(saved?.fsPath, out);
      const text = fs.readFileSync(out, 'utf8');
      assert.strictEqual((text.match(/BEGIN:VEVENT/g) ?? []).length, 2);
      assert.match(text, /ATTENDEE;CN="Ana Lima";ROLE=REQ-PARTICIPANT:mailto:ana@example\.com/);
    } finally {
      fs.rmSync(out, { force: true });
    }
  });
});
