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

  refresh(): void {
    this.roots = undefined;
    this.changed.fire();
  }

  /** The current top-level rows (built on demand). */
  rows(): Row[] {
    if (!this.roots) {
      this.day = localToday();
      const files = this.store.all();
      this.roots = buildTree({
        today: this.day,
        trusted: vscode.workspace.isTrusted,
        folders: files.map((f) => {
          const model = f.lastValid;
          return { key: f.key, name: f.folder.name, missing: !f.exists, model, hasErrors: f.hasErrors, me: this.identity.me(f.folder, model) };
        }),
      });
      this.parents = new Map();
      const index = (rows: Row[], parent?: Row): void => {
        for (const row of rows) {
          if (parent) this.parents.set(row.id, parent);
          index(row.children, row);
        }
      };
      index(this.roots);
    }
    return this.roots;
  }

  async getChildren(row?: Row): Promise<Row[]> {
    if (row) return row.children;
    await this.store.ready;
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
