/**
 * The side bar in the real workbench: its width set by dragging its sash, its Mentoring views folded
 * and unfolded, and each rendered row's label and description measured in the DOM (is anything cut?).
 */
import * as assert from 'assert';
import type * as vscode from 'vscode';
import type { ViewRow } from '../../src/core/view';
import { host } from './host';

/** VS Code's default width of the side bar. */
export const DEFAULT_SIDE_BAR = 300;

/** Drags the sash at the side bar's right edge until the side bar is `width` px wide; returns its width. */
export async function setSideBarWidth(width: number): Promise<number> {
  const measure = async () => {
    const [bar] = await host.rects('.part.sidebar');
    assert.ok(bar, 'the side bar is open');
    return bar;
  };
  let bar = await measure();
  for (let i = 0; i < 3 && Math.abs(bar.right - bar.left - width) > 1; i++) {
    const y = Math.round((bar.top + bar.bottom) / 2);
    await host.drag(bar.right, y, bar.left + width, y);
    await new Promise((r) => setTimeout(r, 300));
    bar = await measure();
  }
  return bar.right - bar.left;
}

/** Every row under `roots`, depth first, as the view shows them once all is expanded. */
function flatten<R extends ViewRow<string, R>>(roots: R[]): R[] {
  return roots.flatMap((r) => [r, ...flatten(r.children)]);
}

const header = (name: string, expanded: boolean): string => `.pane-header[aria-expanded="${expanded}"]:has-text("${name}") .title`;

/** Folds the other Mentoring views so that `view` has the side bar's height. */
export async function showOnly(view: string): Promise<void> {
  for (const name of ['Partners & Goals', 'Suggestions', 'Review Prompts']) {
    const want = name === view;
    if ((await host.domText(header(name, !want))).length > 0) await host.click(header(name, !want));
  }
}

export interface Cut {
  text: string;
  scrollWidth: number;
  clientWidth: number;
}

/**
 * Opens every row of `view` (its title `name` in the side bar), scrolls through them and measures
 * each row's label and description as rendered; returns the rows measured and those cut.
 */
export async function measureRows<R extends ViewRow<string, R>>(name: string, view: vscode.TreeView<R>, roots: R[]): Promise<{ seen: Map<string, Cut>; cut: Cut[]; rows: R[] }> {
  for (const root of roots) if (root.children.length) await view.reveal(root, { expand: 3, select: false, focus: false });
  const rows = flatten(roots);
  const selector = `.pane:has(> .pane-header:has-text("${name}")) .pane-body .monaco-list-row .monaco-icon-label-container`;
  const seen = new Map<string, Cut>();
  // The list renders only the rows in sight: bring each stretch of them into sight in turn.
  const stops = rows.filter((_, i) => i % 8 === 0 || i === rows.length - 1);
  for (const row of stops) {
    await view.reveal(row, { select: false, focus: false });
    await new Promise((r) => setTimeout(r, 150));
    for (const w of await host.widths(selector)) seen.set(w.text, w);
  }
  return { seen, cut: [...seen.values()].filter((w) => w.scrollWidth > w.clientWidth), rows };
}

