/**
 * The "Partners & Goals" view: rows from `core/tree-model`, turned into TreeItems. Refreshes when
 * the store, the identity or the workspace trust changes, and once a day for relative dates.
 */
import * as vscode from 'vscode';
import { localToday } from '../core/dates';
import { Row, buildTree } from '../core/tree-model';
import { Identity } from './identity';
import { MentoringStore } from './store';
import { treeItem } from './treeItem';

export const VIEW_ID = 'mentoring.partners';

export class PartnersTree implements vscode.TreeDataProvider<Row>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private roots: Row[] | undefined;
  private parents = new Map<string, Row>();
  private day = localToday();

  constructor(
    private readonly store: MentoringStore,
    private readonly identity: Identity,
  ) {
    this.disposables.push(
      store.onDidChange(() => this.refresh()),
      identity.onDidChange(() => this.refresh()),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.refresh()),
      vscode.window.onDidChangeWindowState((s) => {
        if (s.focused && localToday() !== this.day) this.refresh();
      }),
    );
  }

  /**
   * Rebuilds the rows and tells VS Code, unless they came out the same. A refresh while VS Code is
   * still fetching an expanded row's children makes it drop them (the row stays open and empty), so
   * one that changes nothing (the file opened in an editor, a save) is not sent, unless `force`d
   * (the view's Refresh button).
   */
  refresh(force = false): void {
    const shown = this.roots;
    if (force) {
      this.roots = undefined;
    } else if (shown) {
      const next = this.build();
      if (JSON.stringify(next) === JSON.stringify(shown)) return;
      this.use(next);
    } else {
      // No rows handed out yet: the first request builds them from what is current. Telling VS Code
      // now would only make it fetch the top level twice at start-up, and lose expanded rows' children.
      return;
    }
    this.changed.fire();
  }

  /** The current top-level rows (built on demand). */
  rows(): Row[] {
    return this.roots ?? this.use(this.build());
  }

  private build(): Row[] {
    this.day = localToday();
    return buildTree({
      today: this.day,
      trusted: vscode.workspace.isTrusted,
      folders: this.store.all().map((f) => {
        const model = f.lastValid;
        return { key: f.key, name: f.folder.name, missing: !f.exists, model, hasErrors: f.hasErrors, me: this.identity.me(f.folder, model) };
      }),
    });
  }

  private use(roots: Row[]): Row[] {
    this.roots = roots;
    this.parents = new Map();
    const index = (rows: Row[], parent?: Row): void => {
      for (const row of rows) {
        if (parent) this.parents.set(row.id, parent);
        index(row.children, row);
      }
    };
    index(roots);
    return roots;
  }

  async getChildren(row?: Row): Promise<Row[]> {
    if (row) return row.children;
    await this.store.ready;
    // Who "I" am first (one quick `git config` per folder), so that the first rows are final and no
    // refresh follows while VS Code is still fetching their children.
    if (!this.roots) await Promise.all(this.store.all().map((f) => this.identity.resolve(f.folder, f.lastValid)));
    return this.rows();
  }

  getParent(row: Row): Row | undefined {
    return this.parents.get(row.id);
  }

  getTreeItem(row: Row): vscode.TreeItem {
    // Partners and active partnerships start open, so goals are in sight; the rest start closed.
    return treeItem(row, row.kind === 'folder' || row.kind === 'partner' || row.contextValue === 'partnership');
  }

  dispose(): void {
    vscode.Disposable.from(...this.disposables).dispose();
  }
}
