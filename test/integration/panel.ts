/** Helpers of the integration tests that look into the goal review panel's webview. */
import * as vscode from 'vscode';
import { host, waitFor } from './host';

/** The webview's content frame, inside VS Code's webview iframe. */
export const FRAME = ['iframe.webview.ready', '#active-frame'];
/** Generous: webviews start slowly on a busy machine. */
export const WAIT = 30000;

export function reviewTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('mentoring.review'));
}

/** The innerText of `selector` in the panel, once some match contains `text` (in any case: styles may upper-case it). */
export async function frameText(selector: string, text: string, timeoutMs = WAIT): Promise<string[]> {
  return waitFor(
    `"${text}" in ${selector} of the review panel`,
    async () => {
      const found = await host.domText(selector, FRAME).catch(() => []);
      return found.some((t) => t.toLowerCase().includes(text.toLowerCase())) && found;
    },
    timeoutMs,
  );
}
