/**
 * Private notes written in an editor of their own, for a session just logged: an untitled
 * document whose top says, in a CodeLens, that its text stays on this machine and how to keep it
 * (Ctrl+Enter, or the lock in the editor title). Closing it keeps what was written, with a
 * "Remove" to take it back: nothing typed is lost, and nothing of it is stored anywhere but in the
 * private notes (not in the workspace state, where drafts of shared notes live).
 */
import * as vscode from 'vscode';
import type { SessionRef } from '../../core/notes';
import { plain } from '../../core/text';
import type { PrivateNotes } from './privateNotes';
import { MentoringStore } from '../store';

/** True while the active editor holds private notes to keep (editor title button, Ctrl+Enter). */
export const PRIVATE_NOTES_CONTEXT = 'mentoring.privateNotesActive';

interface Pending {
  folder: string;
  ref: SessionRef;
  /** Who the session was with, for messages. */
  name: string;
  /** The editor's text; `last` the last non-empty one ("Don't Save" empties an editor before closing it). */
  text: string;
  last: string;
}

export class PrivateNotesEditors implements vscode.Disposable, vscode.CodeLensProvider {
  private readonly pending = new Map<string, Pending>();
  private readonly lensChanged = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.lensChanged.event;
  private readonly disposables: vscode.Disposable[] = [this.lensChanged];

  constructor(
    private readonly store: MentoringStore,
    private readonly notes: PrivateNotes,
  ) {
    this.disposables.push(
      vscode.languages.registerCodeLensProvider({ scheme: 'untitled' }, this),
      vscode.workspace.onDidChangeTextDocument((e) => {
        const p = this.pending.get(e.document.uri.toString());
        if (!p) return;
        p.text = e.document.getText();
        if (p.text.trim()) p.last = p.text;
      }),
      vscode.workspace.onDidCloseTextDocument((d) => void this.closed(d.uri.toString())),
      vscode.window.tabGroups.onDidChangeTabs((e) => {
        for (const tab of e.closed) {
          if (tab.input instanceof vscode.TabInputText && !isShown(tab.input.uri)) void this.closed(tab.input.uri.toString());
        }
      }),
      vscode.window.onDidChangeActiveTextEditor(() => void this.updateContext()),
    );
  }

  /** Opens an editor for private notes on the session `ref` of the folder's file, starting with `text`. */
  async open(folder: string, ref: SessionRef, name: string, text = ''): Promise<vscode.TextDocument> {
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: text });
    this.pending.set(doc.uri.toString(), { folder, ref, name, text, last: text });
    this.lensChanged.fire();
    await vscode.window.showTextDocument(doc);
    await this.updateContext();
    return doc;
  }

  /** Whether `uri` is a private notes editor (for tests and the notes' own commands). */
  has(uri: vscode.Uri): boolean {
    return this.pending.has(uri.toString());
  }

  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    const p = this.pending.get(doc.uri.toString());
    if (!p) return [];
    const top = new vscode.Range(0, 0, 0, 0);
    return [
      new vscode.CodeLens(top, {
        title: `$(lock) ${vscode.l10n.t('Private notes on the session with {0} on {1}: only on this machine, never in the file', plain(p.name), p.ref.date)}`,
        command: '',
      }),
      new vscode.CodeLens(top, { title: `$(check) ${vscode.l10n.t('Keep (Ctrl+Enter or Ctrl+S)')}`, command: 'mentoring.keepPrivateNotes', arguments: [doc.uri] }),
    ];
  }

  /** Keeps the editor's text as the session's private notes and closes it; resolves to the notes file. */
  async keep(uri?: vscode.Uri): Promise<string | undefined> {
    const key = (uri ?? vscode.window.activeTextEditor?.document.uri)?.toString();
    const p = key === undefined ? undefined : this.pending.get(key);
    if (!key || !p) {
      void vscode.window.showInformationMessage(vscode.l10n.t('This editor holds no private notes to keep.'));
      return undefined;
    }
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key && !d.isClosed);
    const text = (doc?.getText() ?? p.last).trim();
    this.pending.delete(key);
    let kept: string | undefined;
    if (text) {
      try {
        kept = await this.write(p, text);
      } catch (e) {
        // Not kept: the text stays in its editor for another try.
        this.pending.set(key, p);
        void vscode.window.showErrorMessage(vscode.l10n.t('The private notes were not kept: {0}', plain(e instanceof Error ? e.message : String(e))));
        return undefined;
      }
    }
    if (doc) {
      // The text now lives in the private notes: the scratch editor goes without asking to save.
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
    await this.updateContext();
    this.lensChanged.fire();
    return kept;
  }

  dispose(): void {
    vscode.Disposable.from(...this.disposables).dispose();
  }

  private async write(p: Pending, text: string): Promise<string> {
    const model = this.store.get(p.folder)?.lastValid;
    if (!model) throw new Error(vscode.l10n.t('the mentoring file cannot be read now'));
    const kept = await this.notes.add(p.folder, model, { session: p.ref, text });
    const remove = vscode.l10n.t('Remove');
    void vscode.window.showInformationMessage(vscode.l10n.t('Private notes on the session with {0} kept on this machine only.', plain(p.name)), remove).then(async (action) => {
      if (action === remove) await this.notes.remove(p.folder, kept.id);
    });
    return kept.file;
  }

  /** An editor closed without "Keep": what was written is kept all the same (with Remove offered). */
  private async closed(key: string): Promise<void> {
    const p = this.pending.get(key);
    if (!p) return;
    this.pending.delete(key);
    await this.updateContext();
    if (!p.last.trim()) return;
    try {
      await this.write(p, p.last.trim());
    } catch (e) {
      // Not kept: the text comes back in an editor, so that nothing typed is lost.
      await this.open(p.folder, p.ref, p.name, p.last);
      void vscode.window.showErrorMessage(vscode.l10n.t('The private notes were not kept: {0}', plain(e instanceof Error ? e.message : String(e))));
    }
  }

  private updateContext(): Thenable<unknown> {
    const active = vscode.window.activeTextEditor?.document.uri.toString();
    return vscode.commands.executeCommand('setContext', PRIVATE_NOTES_CONTEXT, active !== undefined && this.pending.has(active));
  }
}

function isShown(uri: vscode.Uri): boolean {
  const key = uri.toString();
  return vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === key));
}

export function registerPrivateEditors(context: vscode.ExtensionContext, store: MentoringStore, notes: PrivateNotes): PrivateNotesEditors {
  const editors = new PrivateNotesEditors(store, notes);
  context.subscriptions.push(
    editors,
    vscode.commands.registerCommand('mentoring.keepPrivateNotes', async (uri?: vscode.Uri) => {
      try {
        return await editors.keep(uri instanceof vscode.Uri ? uri : undefined);
      } catch (e) {
        void vscode.window.showErrorMessage(plain(e instanceof Error ? e.message : String(e)));
        return undefined;
      }
    }),
  );
  return editors;
}
