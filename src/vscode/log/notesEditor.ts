/** The session notes editor: an untitled Markdown document named for the session it will log. */
import * as vscode from 'vscode';
import type { Draft } from './drafts';

/** An untitled document named for the session, unique among the open ones. */
export function notesEditorUri(draft: Draft): vscode.Uri {
  // A tab title, not a path: no separators or control characters from the names.
  // eslint-disable-next-line no-control-regex
  const name = `${draft.name}, ${draft.plan.session.date}`.replace(/[\u0000-\u001f\u007f/\\:*?"<>|]+/g, ' ').trim().slice(0, 100);
  const open = new Set(vscode.workspace.textDocuments.map((d) => d.uri.toString()));
  for (let n = 1; ; n++) {
    const uri = vscode.Uri.from({ scheme: 'untitled', path: `${vscode.l10n.t('Session notes')} — ${name}${n > 1 ? ` (${n})` : ''}.md` });
    if (!open.has(uri.toString())) return uri;
  }
}

/** Whether a document is in a tab (closing a tab is how a notes editor is left). */
export function isShown(uri: vscode.Uri): boolean {
  const key = uri.toString();
  return vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === key));
}
