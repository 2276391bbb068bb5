/** The one mapping from the core's view rows (tree, suggestions, review prompts) to tree items. */
import * as vscode from 'vscode';
import { inert, plain } from '../core/text';
import { rowWidth } from '../core/view';
import type { RowIcon, ViewRow } from '../core/view';

/** The side bar width rows are fitted to: `mentoring.views.rowWidth` (VS Code's default, 300 px, unless set). */
export function rowWidthSetting(): number {
  return rowWidth(vscode.workspace.getConfiguration('mentoring.views').get<unknown>('rowWidth'));
}

export function themeIcon(icon: RowIcon): vscode.ThemeIcon {
  return new vscode.ThemeIcon(icon.id, icon.color ? new vscode.ThemeColor(icon.color) : undefined);
}

/**
 * A tree item for `row`; rows with children start expanded when `expanded` says so. Labels,
 * descriptions and tooltips carry text from the mentoring file and git: they are made inert here,
 * whatever the row builder did, so no row can show an icon, a link or a second line it did not mean to.
 */
export function treeItem(row: ViewRow, expanded: boolean): vscode.TreeItem {
  const state = !row.children.length
    ? vscode.TreeItemCollapsibleState.None
    : expanded
      ? vscode.TreeItemCollapsibleState.Expanded
      : vscode.TreeItemCollapsibleState.Collapsed;
  const item = new vscode.TreeItem(plain(row.label), state);
  item.id = row.id;
  item.description = row.description === undefined ? undefined : plain(row.description);
  item.tooltip = row.tooltip === undefined ? undefined : inert(row.tooltip);
  item.contextValue = row.contextValue;
  if (row.icon) item.iconPath = themeIcon(row.icon);
  if (row.command) item.command = row.command;
  return item;
}

/**
 * The rows a view has handed to VS Code, with each row's parent. {@link refresh} rebuilds them and
 * tells VS Code only when they changed: a refresh while VS Code is still fetching an expanded row's
 * children makes it drop them (the row stays open and empty), and one before VS Code has asked for
 * anything makes it fetch the top level twice, with the same result.
 */
export class ShownRows<R extends ViewRow<string, R>> implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private roots: R[] | undefined;
  private parents = new Map<string, R>();

  constructor(private readonly build: () => R[]) {}

  /** Rows have been built (and so, in the normal course, handed to VS Code). */
  get built(): boolean {
    return this.roots !== undefined;
  }

  /** The top-level rows, built on first use. */
  get(): R[] {
    return this.roots ?? this.use(this.build());
  }

  parentOf(row: R): R | undefined {
    return this.parents.get(row.id);
  }

  /** Rebuilds the rows and tells VS Code when they changed (always, when `force`d). */
  refresh(force = false): void {
    const shown = this.roots;
    if (force) {
      this.roots = undefined;
    } else if (shown) {
      const next = this.build();
      if (JSON.stringify(next) === JSON.stringify(shown)) return;
      this.use(next);
    } else {
      return; // Not asked for yet: the first request builds them from what is current.
    }
    this.changed.fire();
  }

  dispose(): void {
    this.changed.dispose();
  }

  private use(roots: R[]): R[] {
    this.roots = roots;
    this.parents = new Map();
    const index = (rows: R[], parent?: R): void => {
      for (const row of rows) {
        if (parent) this.parents.set(row.id, parent);
        index(row.children, row);
      }
    };
    index(roots);
    return roots;
  }
}
