/**
 * The "Partners & Goals" view: rows from `core/tree-model`, turned into TreeItems. Refreshes when
 * the store, the identity or the workspace trust changes, and once a day for relative dates.
 */
import * as vscode from 'vscode';
import { localToday } from '../core/dates';
import { Row, buildTree } from '../core/view';
import { Identity } from './identity';
import type { PrivateNotes } from './notes';
import { MentoringStore } from './store';
import { rowWidthSetting, ShownRows, treeItem } from './treeItem';

export const VIEW_ID = 'mentoring.partners';

export class PartnersTree implements vscode.TreeDataProvider<Row>, vscode.Disposable {
  private readonly shown = new ShownRows<Row>(() => this.build());
  readonly onDidChangeTreeData = this.shown.onDidChange;
  private readonly disposables: vscode.Disposable[] = [this.shown];
  private day = localToday();

  constructor(
    private readonly store: MentoringStore,
    private readonly identity: Identity,
    private readonly notes?: PrivateNotes,
  ) {
    this.disposables.push(
      store.onDidChange(() => this.refresh()),
      ...(notes ? [notes.onDidChange(() => this.refresh())] : []),
      identity.onDidChange(() => this.refresh()),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.refresh()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('mentoring.views.rowWidth')) this.refresh();
      }),
      vscode.window.onDidChangeWindowState((s) => {
        if (s.focused && localToday() !== this.day) this.refresh();
      }),
    );
  }

  /** Rebuilds the rows; VS Code hears of it when they changed, or when `force`d (the view's Refresh button). */
  refresh(force = false): void {
    this.shown.refresh(force);
  }

  /** The current top-level rows (built on demand). */
  rows(): Row[] {
    return this.shown.get();
  }

  private build(): Row[] {
    this.day = localToday();
    return buildTree({
      today: this.day,
      trusted: vscode.workspace.isTrusted,
      width: rowWidthSetting(),
      folders: this.store.all().map((f) => {
        const model = f.lastValid;
        return { key: f.key, name: f.folder.name, missing: !f.exists, model, hasErrors: f.hasErrors, shown: f.shown, me: this.identity.me(f.folder, model), notes: this.notes?.treeInput(f.key, model) };
      }),
    });
  }

  async getChildren(row?: Row): Promise<Row[]> {
    if (row) return row.children;
    await this.store.ready;
    // Who "I" am first (one quick `git config` per folder), so that the first rows are final and no
    // refresh follows while VS Code is still fetching their children.
    if (!this.shown.built) await Promise.all(this.store.all().map((f) => this.identity.resolve(f.folder, f.lastValid)));
    return this.rows();
  }

  getParent(row: Row): Row | undefined {
    return this.shown.parentOf(row);
  }

  getTreeItem(row: Row): vscode.TreeItem {
    // Partners and active partnerships start open, so goals are in sight, and so do sessions and
    // goals with private notes, so their lock is; the rest start closed.
    const hasPrivate = (row.kind === 'session' || row.kind === 'goal') && row.children.some((c) => c.kind === 'private');
    return treeItem(row, row.kind === 'folder' || row.kind === 'partner' || row.contextValue === 'partnership' || hasPrivate);
  }

  dispose(): void {
    vscode.Disposable.from(...this.disposables).dispose();
  }
}
