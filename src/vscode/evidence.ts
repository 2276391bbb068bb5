/**
 * Where the extension may read commit evidence (git/evidence) for a workspace folder: never in
 * Restricted Mode (repository configuration can run programs), and only for a folder on this
 * computer. The review panel and the session agenda both ask here first.
 */
import * as vscode from 'vscode';

export const RESTRICTED_REASON = 'Restricted Mode: git is not read in an untrusted workspace';

/** Why git cannot be read for `folder`, or undefined when it can. */
export function evidenceBlocked(folder: vscode.WorkspaceFolder): string | undefined {
  if (!vscode.workspace.isTrusted) return vscode.l10n.t(RESTRICTED_REASON);
  if (folder.uri.scheme !== 'file') return vscode.l10n.t('Git history needs a folder on this computer');
  return undefined;
}
