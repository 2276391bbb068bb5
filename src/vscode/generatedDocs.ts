/**
 * Documents the extension makes for the user to read (a session agenda, suggested `.mailmap` lines):
 * virtual, read-only documents of their own scheme, so they are never dirty and closing one never asks
 * to save. A Markdown document opens straight in the Markdown preview, titled by what it is; each
 * kind of document for one subject (an agenda per partnership) keeps one tab, brought up to date
 * when it is made again. "Copy" and "Save As…" in the editor's title bar (and the preview's) take the
 * document's shareable text: a private block shown to its owner is left out of both.
 */
import * as vscode from 'vscode';
import { plain } from '../core/text';
import { command } from './command';

export const GENERATED_SCHEME = 'mentoring-generated';
const PREVIEW_CONTEXT = 'mentoring.generatedPreviewActive';
const MARKDOWN_PREVIEW = 'markdown.preview';

export interface GeneratedInput {
  /** What the document is about, stable across updates: one tab per key ("agenda/<folder>/<partnership>"). */
  key: string;
  /** The tab's title ("Agenda — Alice & Bob, 7 Dec"). */
  title: string;
  /** The text shown. */
  shown: string;
  /** What Copy and Save As take (default: what is shown); private blocks are shown only. */
  shareable?: string;
  language: 'markdown' | 'plaintext';
  /** For Save As: where the dialog starts. */
  folder?: vscode.Uri;
}

interface Generated extends Required<Omit<GeneratedInput, 'folder'>> {
  uri: vscode.Uri;
  folder?: vscode.Uri;
}

/** A title as a file name: no path separators or control characters. */
function fileTitle(title: string): string {
  return plain(title).replace(/[/\\]/g, '-').replace(/\s+/g, ' ').trim() || 'Untitled';
}

export class GeneratedDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  /** Every document made in this window, one per key (a few kilobytes each): kept while VS Code may reopen it. */
  private readonly byUri = new Map<string, Generated>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [];

  constructor() {
    this.disposables.push(
      this.changed,
      vscode.workspace.registerTextDocumentContentProvider(GENERATED_SCHEME, this),
      vscode.window.tabGroups.onDidChangeTabs(() => void this.updateContext()),
      vscode.window.tabGroups.onDidChangeTabGroups(() => void this.updateContext()),
    );
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.byUri.get(uri.toString())?.shown ?? '';
  }

  /** The document of a URI of this scheme, if it is one this window made. */
  get(uri: vscode.Uri): Generated | undefined {
    return this.byUri.get(uri.toString());
  }

  /** Makes (or updates) the document and shows it: Markdown in the preview, text in a read-only editor. */
  async show(input: GeneratedInput, options: { beside?: boolean } = {}): Promise<vscode.Uri> {
    const name = fileTitle(input.title);
    const uri = vscode.Uri.from({ scheme: GENERATED_SCHEME, path: `/${input.key.split('/').map(encodeURIComponent).join('/')}/${name}` });
    // An older document of the same subject (yesterday's agenda) gives way to this one.
    const older = [...this.byUri.values()].filter((g) => g.key === input.key && g.uri.toString() !== uri.toString());
    const doc: Generated = { key: input.key, title: name, shown: input.shown, shareable: input.shareable ?? input.shown, language: input.language, uri };
    if (input.folder) doc.folder = input.folder;
    this.byUri.set(uri.toString(), doc);
    this.changed.fire(uri);
    await this.closeTabs(older.map((g) => g.uri));
    for (const g of older) this.byUri.delete(g.uri.toString());
    const viewColumn = options.beside ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active;
    const text = await vscode.workspace.openTextDocument(uri);
    if (text.languageId !== input.language) await vscode.languages.setTextDocumentLanguage(text, input.language);
    if (input.language === 'markdown') {
      // Locked: a preview of its own, which no other document takes over; the same document reuses it.
      await vscode.commands.executeCommand(options.beside ? 'markdown.showLockedPreviewToSide' : 'markdown.showPreview', uri, undefined, { locked: true });
    } else {
      await vscode.window.showTextDocument(text, { preview: false, viewColumn });
    }
    await this.updateContext();
    return uri;
  }

  /** The shareable text of the document a command was run on: its URI, else the active tab's. */
  target(arg?: unknown): Generated | undefined {
    if (arg instanceof vscode.Uri && arg.scheme === GENERATED_SCHEME) return this.get(arg);
    return this.activeDocument();
  }

  /** The generated document in the active tab: its editor, or its Markdown preview. */
  activeDocument(): Generated | undefined {
    const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
    if (!tab) return undefined;
    if (tab.input instanceof vscode.TabInputText) return tab.input.uri.scheme === GENERATED_SCHEME ? this.get(tab.input.uri) : undefined;
    if (tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith(MARKDOWN_PREVIEW)) {
      // The preview's tab says which document it shows only by its title ("[Preview] NAME").
      return [...this.byUri.values()].find((g) => tab.label === previewLabel(g) || tab.label.endsWith(` ${basename(g.uri)}`));
    }
    return undefined;
  }

  async copy(arg?: unknown): Promise<boolean> {
    const doc = this.target(arg);
    if (!doc) return false;
    await vscode.env.clipboard.writeText(doc.shareable);
    const privateLeftOut = doc.shareable !== doc.shown;
    void vscode.window.showInformationMessage(
      privateLeftOut ? vscode.l10n.t('Copied “{0}”, without your private notes.', doc.title) : vscode.l10n.t('Copied “{0}”.', doc.title),
    );
    return true;
  }

  async saveAs(arg?: unknown, to?: vscode.Uri): Promise<vscode.Uri | undefined> {
    const doc = this.target(arg);
    if (!doc) return undefined;
    const extension = doc.language === 'markdown' ? 'md' : 'txt';
    const start = doc.folder ? vscode.Uri.joinPath(doc.folder, `${doc.title}.${extension}`) : undefined;
    const target =
      to ??
      (await vscode.window.showSaveDialog({
        defaultUri: start,
        saveLabel: vscode.l10n.t('Save'),
        filters: doc.language === 'markdown' ? { Markdown: ['md'] } : { Text: ['txt'] },
      }));
    if (!target) return undefined;
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(doc.shareable));
    const open = vscode.l10n.t('Open');
    const privateLeftOut = doc.shareable !== doc.shown;
    void vscode.window
      .showInformationMessage(
        privateLeftOut
          ? vscode.l10n.t('Saved “{0}” as {1}, without your private notes.', doc.title, plain(vscode.workspace.asRelativePath(target)))
          : vscode.l10n.t('Saved “{0}” as {1}.', doc.title, plain(vscode.workspace.asRelativePath(target))),
        open,
      )
      .then((picked) => (picked === open ? vscode.window.showTextDocument(target) : undefined));
    return target;
  }

  private async closeTabs(uris: vscode.Uri[]): Promise<void> {
    if (!uris.length) return;
    const docs = uris.map((u) => this.get(u)).filter((g): g is Generated => g !== undefined);
    const tabs = vscode.window.tabGroups.all.flatMap((group) =>
      group.tabs.filter(
        (t) =>
          (t.input instanceof vscode.TabInputText && uris.some((u) => u.toString() === (t.input as vscode.TabInputText).uri.toString())) ||
          (t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith(MARKDOWN_PREVIEW) && docs.some((g) => t.label === previewLabel(g))),
      ),
    );
    if (tabs.length) await vscode.window.tabGroups.close(tabs);
  }

  private async updateContext(): Promise<void> {
    await vscode.commands.executeCommand('setContext', PREVIEW_CONTEXT, this.activeDocument() !== undefined);
  }
}

function basename(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}

/** The Markdown preview's tab title for a document (locked: "[Preview] NAME"). */
function previewLabel(g: Generated): string {
  return `[Preview] ${basename(g.uri)}`;
}

export function registerGeneratedDocuments(context: vscode.ExtensionContext): GeneratedDocuments {
  const docs = new GeneratedDocuments();
  context.subscriptions.push(
    docs,
    command('mentoring.generated.copy', (arg?: unknown) => docs.copy(arg)),
    command('mentoring.generated.saveAs', (arg?: unknown, to?: vscode.Uri) => docs.saveAs(arg, to)),
  );
  return docs;
}
