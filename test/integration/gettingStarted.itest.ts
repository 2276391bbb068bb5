/** "Get started with Peer Mentoring": the walkthrough in the Welcome page, and Add Partnership, its second step. */
import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { parseMentoring } from '../../src/core/file/parse';
import { host, waitFor } from './host';
import { api, EXTENSION_ID, fileUri, folder, originalText, restore } from './mentoring';

const WALKTHROUGH = `${EXTENSION_ID}#mentoring.getStarted`;

describe('getting started', () => {
  before(async () => {
    originalText();
    await api();
  });
  afterEach(restore);

  it('shows the walkthrough with its six steps, and ticks a step when its command runs (screenshot test/.output/walkthrough.png)', async function () {
    host.requireDriver(this);
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', WALKTHROUGH, false);
    const titles = await waitFor('the walkthrough to render', async () => {
      const texts = await host.domText('.gettingStartedContainer .getting-started-step .step-title');
      return texts.length === 6 && texts;
    }, 20000);
    assert.deepStrictEqual(titles.map((t) => t.trim()), ['Create the mentoring file', 'See suggestions', 'Create a partnership', 'Log the first session', 'Review goals', 'See the whole team']);
    // A done step's checkbox is a codicon with the class `complete`.
    const done = async () => (await host.domText('.gettingStartedContainer .getting-started-step:has(.codicon.complete) .step-title')).map((t) => t.trim());
    await host.screenshot('walkthrough');
    assert.ok(!(await done()).includes('Create a partnership'), 'the partnership step is not done before its command runs');
    // Its descriptions are plain text: no literal backticks.
    assert.deepStrictEqual((await host.domText('.gettingStartedContainer .getting-started-step')).filter((s) => s.includes('`')), []);
    // The workbench sees a command run from its UI (a call from an extension stays in the extension host):
    // the step's own button, which asks for the members; Escape leaves the file as it was.
    await host.click('.gettingStartedContainer .getting-started-step:has-text("Create a partnership")');
    await host.click('.gettingStartedContainer .getting-started-step.expanded :is(a, button):has-text("Add Partnership")');
    await waitFor('the members to be asked for', async () => (await host.domText('.quick-input-widget .monaco-list-row')).some((t) => t.includes('Ben Okafor')));
    // Nobody is checked beforehand, not even you: a lead often pairs two other people.
    assert.ok((await host.domText('.quick-input-widget .monaco-list-row[aria-checked="false"]')).length >= 3, 'the members are rows with a checkbox each');
    assert.deepStrictEqual(await host.domText('.quick-input-widget .monaco-list-row[aria-checked="true"]'), []);
    await host.press('Escape');
    await waitFor('the partnership step to be complete', async () => (await done()).includes('Create a partnership'));
  });

  it('adds a one-way partnership from arguments, dated today', async () => {
    const id = await vscode.commands.executeCommand<string | undefined>('mentoring.addPartnership', { folder: folder().uri.toString(), members: ['ben', 'chen'], kind: 'one-way', mentor: 'ben', cadence: 21 });
    assert.strictEqual(id, 'ben-chen');
    const { model, problems } = parseMentoring(fs.readFileSync(fileUri().fsPath, 'utf8'));
    assert.deepStrictEqual(problems, []);
    const added = model?.partnerships.find((p) => p.id === id);
    assert.ok(added, 'the partnership is in the file');
    assert.deepStrictEqual({ ...added, since: undefined }, { id: 'ben-chen', members: ['ben', 'chen'], kind: 'one-way', mentor: 'ben', cadence: 21, status: 'active', since: undefined });
    assert.match(added.since ?? '', /^\d{4}-\d{2}-\d{2}$/);
  });

  it('writes nothing for a partnership with an unknown member', async () => {
    const id = await vscode.commands.executeCommand<string | undefined>('mentoring.addPartnership', { folder: folder().uri.toString(), members: ['ben', 'zed'], kind: 'mutual' });
    assert.strictEqual(id, undefined);
    assert.strictEqual(fs.readFileSync(fileUri().fsPath, 'utf8'), originalText());
  });

});
