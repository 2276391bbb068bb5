/**
 * "Mentoring: Prepare Session": the agenda of a partnership's next session (core/agenda) in an
 * untitled Markdown document, so that nothing is written until the user saves it. Commits come
 * from git (git/evidence, the same reading as the review panel's), never in Restricted Mode or for
 * a folder that is not on this computer: then the agenda says that evidence needs git.
 *
 * Runs from the palette, a partnership's context menu in Partners & Goals, the status bar item
 * when a session is due, and the review panel.
 */
import * as vscode from 'vscode';
import { buildAgenda, renderAgendaMarkdown } from '../core/mentoring';
import type { Agenda, AgendaEvidenceInput } from '../core/mentoring';
import { localToday } from '../core/dates';
import { readAgendaEvidence } from '../git/evidence';
import { command } from './command';
import { evidenceBlocked } from './evidence';
import { Identity } from './identity';
import { partnershipTarget } from './partnershipTarget';
import { MentoringStore } from './store';

export const PREPARE_COMMAND = 'mentoring.prepareSession';

/** The command's argument from code: `{ folder?, partnership, beside? }`, or a Partners & Goals row. */
export interface PrepareArgs {
  /** A workspace folder key. */
  folder?: string;
  partnership: string;
  /** Open the agenda beside the active editor. */
  beside?: boolean;
}

/** What the command resolves to (undefined when nothing was chosen): the agenda and its document. */
export interface PreparedSession {
  agenda: Agenda;
  document: vscode.TextDocument;
}

export function registerPrepareSession(context: vscode.ExtensionContext, store: MentoringStore, identity: Identity): void {
  context.subscriptions.push(command(PREPARE_COMMAND, (arg?: unknown) => prepareSession(store, identity, arg)));
}

export async function prepareSession(store: MentoringStore, identity: Identity, arg?: unknown): Promise<PreparedSession | undefined> {
  await store.ready;
  const target = await partnershipTarget(store, identity, arg, {
    title: vscode.l10n.t('Prepare Session'),
    placeHolder: vscode.l10n.t('Which partnership’s next session?'),
  });
  const model = target?.file.lastValid;
  if (!target || !model) return undefined;
  const today = localToday();
  const blocked = evidenceBlocked(target.file.folder);
  const evidence: AgendaEvidenceInput = blocked
    ? { available: false, reason: blocked }
    : await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Reading the commits since the last session…') }, () =>
        readAgendaEvidence(target.file.folder.uri.fsPath, model, target.partnership, today),
      );
  const agenda = buildAgenda(model, target.partnership, today, evidence);
  if (!agenda) throw new Error(vscode.l10n.t('There is no partnership “{0}” in the mentoring file.', target.partnership));
  const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: renderAgendaMarkdown(agenda) });
  const beside = typeof arg === 'object' && arg !== null && (arg as { beside?: unknown }).beside === true;
  await vscode.window.showTextDocument(document, { preview: false, viewColumn: beside ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active });
  if (target.file.hasErrors) void vscode.window.showWarningMessage(vscode.l10n.t('The mentoring file has errors: the agenda shows its last valid content.'));
  return { agenda, document };
}
