/**
 * "Mentoring: Prepare Session": the agenda of a partnership's next session (core/agenda), opened in
 * the Markdown preview as a read-only document ("Agenda — Ana & Ben, 7 Dec"; one tab per partnership,
 * never asking to be saved; Copy and Save As in its title bar). Above it, to its owner only, the
 * private notes this machine keeps on the last session, which Copy and Save As leave out. Commits come
 * from git (git/evidence, the same reading as the review panel's), never in Restricted Mode or for
 * a folder that is not on this computer: then the agenda says that evidence needs git.
 *
 * Runs from the palette, a partnership's context menu in Partners & Goals, the status bar item
 * when a session is due, and the review panel.
 */
import * as vscode from 'vscode';
import { buildAgenda, lastSessionNotes, renderAgendaMarkdown, renderPrivateAgendaBlock, withPrivateBlock } from '../core/mentoring';
import type { Agenda, AgendaEvidenceInput } from '../core/mentoring';
import { localToday, shortDate } from '../core/dates';
import { plain } from '../core/text';
import { readAgendaEvidence } from '../git/evidence';
import { command } from './command';
import { evidenceBlocked } from './evidence';
import { GeneratedDocuments } from './generatedDocs';
import { Identity } from './identity';
import { partnershipTarget } from './partnershipTarget';
import { PrivateNotes } from './notes';
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
  /** The read-only document shown in the preview. */
  uri: vscode.Uri;
  title: string;
  /** What is shown: the agenda, with the owner's private block when there is one. */
  shown: string;
  /** What Copy and Save As take: the agenda alone. */
  shareable: string;
}

export function registerPrepareSession(context: vscode.ExtensionContext, store: MentoringStore, identity: Identity, notes: PrivateNotes, docs: GeneratedDocuments): void {
  context.subscriptions.push(command(PREPARE_COMMAND, (arg?: unknown) => prepareSession(store, identity, notes, docs, arg)));
}

/** "Agenda — Ana & Ben, 7 Dec": the members' first names (full names when two share one). */
export function agendaTitle(agenda: Agenda): string {
  const names = agenda.partnership.members.map((m) => m.name.trim());
  const first = names.map((n) => n.split(/\s+/)[0] || n);
  const shown = new Set(first).size === first.length ? first : names;
  const people = shown.length <= 1 ? shown.join('') : `${shown.slice(0, -1).join(', ')} & ${shown[shown.length - 1]}`;
  return plain(vscode.l10n.t('Agenda — {0}, {1}', people, shortDate(agenda.today, agenda.today)));
}

export async function prepareSession(store: MentoringStore, identity: Identity, notes: PrivateNotes, docs: GeneratedDocuments, arg?: unknown): Promise<PreparedSession | undefined> {
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
  const shareable = renderAgendaMarkdown(agenda);
  await notes.ready(target.file.key);
  const last = lastSessionNotes(model, target.partnership, notes.treeInput(target.file.key, model)?.resolution);
  const shown = withPrivateBlock(shareable, last && renderPrivateAgendaBlock(last));
  const title = agendaTitle(agenda);
  const beside = typeof arg === 'object' && arg !== null && (arg as { beside?: unknown }).beside === true;
  const uri = await docs.show(
    { key: `agenda/${target.file.folder.index}/${target.partnership}`, title, shown, shareable, language: 'markdown', folder: target.file.folder.uri },
    { beside },
  );
  if (target.file.hasErrors) void vscode.window.showWarningMessage(vscode.l10n.t('The mentoring file has errors: the agenda shows its last valid content.'));
  return { agenda, uri, title, shown, shareable };
}
