/**
 * Reviewer suggestions on the demo workspace (scripts/demo-workspace.js): only Erin changes the data
 * scripts, and Dev's goal "Learn the data scripts" covers them. A working-tree change there by Alice
 * (the workspace's git user) shows Dev in the Review prompts view and in the Source Control view as
 * the learner, with the reason in words, and Erin as the expert to pair with; never Alice herself.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import type { PromptRow } from '../../src/core/view';
import { waitFor } from './host';
import { api, folder } from './mentoring';

const CHANGED = 'scripts/data/export_orders.py';
/** The view reads git after a 500 ms debounce, once git has noticed the change; the history read comes first. */
const SETTLE_MS = 30000;

function changedPath(): string {
  return vscode.Uri.joinPath(folder().uri, ...CHANGED.split('/')).fsPath;
}

describe('reviewer suggestions on the demo workspace', () => {
  let original = '';

  before(async () => {
    await api();
    original = fs.readFileSync(changedPath(), 'utf8');
    fs.writeFileSync(changedPath(), `${original}\ndef export_refunds(rows):\n    return [r for r in rows if r.refunded]\n`);
  });

  after(async () => {
    fs.writeFileSync(changedPath(), original);
    const { reviewPrompts } = await api();
    reviewPrompts.schedule(0);
    await reviewPrompts.whenIdle();
  });

  it('shows the learner whose goal covers the island, with the reason, and the expert to pair with', async () => {
    const { reviewPrompts } = await api();
    const group = await waitFor(
      'suggested reviewers in the Review prompts view',
      async () => {
        reviewPrompts.schedule(0);
        await reviewPrompts.whenIdle();
        return (await reviewPrompts.getChildren()).find((r: PromptRow) => r.kind === 'reviewers');
      },
      SETTLE_MS,
    );
    assert.strictEqual(group.label, 'Suggested reviewers');
    assert.deepStrictEqual(
      group.children.map((r) => [r.label, r.description]),
      [
        ['Dev Patel', `learner · ${CHANGED}`],
        ['Erin Walsh', `expert · ${CHANGED}`],
      ],
    );
    const [learner, expert] = group.children;
    const reason = `only Erin Walsh has changed or reviewed ${CHANGED} in the last year; Dev Patel's goal “Learn the data scripts” covers it`;
    assert.deepStrictEqual(learner.children.map((r) => r.label), [reason]);
    assert.deepStrictEqual(expert.children.map((r) => r.label), [`knows ${CHANGED} besides the author: pair with Dev Patel`]);
    const item = reviewPrompts.getTreeItem(learner);
    assert.strictEqual(item.label, 'Dev Patel');
    assert.strictEqual(item.description, `learner · ${CHANGED}`);
    assert.match(String(item.tooltip), /Goal: dev-data-scripts/);
    assert.strictEqual(item.collapsibleState, vscode.TreeItemCollapsibleState.Expanded, 'the reason shows without a click');
    assert.ok(!group.children.some((r) => r.label === 'Alice Chen'), 'never the author');
  });

  it('shows the same suggestions as a section of the Source Control view', async () => {
    const { scmView } = await api();
    const section = await waitFor('suggested reviewers in the Source Control view', async () => (await scmView.getChildren()).find((r) => r.kind === 'section' && r.label === 'Suggested reviewers'), SETTLE_MS);
    assert.deepStrictEqual(
      section.children.map((r) => [r.label, r.description, r.children.map((c) => c.label)]),
      [
        ['Dev Patel', `learner · ${CHANGED}`, [`only Erin Walsh has changed or reviewed ${CHANGED} in the last year; Dev Patel's goal “Learn the data scripts” covers it`]],
        ['Erin Walsh', `expert · ${CHANGED}`, [`knows ${CHANGED} besides the author: pair with Dev Patel`]],
      ],
    );
  });
});
