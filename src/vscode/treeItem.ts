/** The one mapping from the core's view rows (tree, suggestions, review prompts) to tree items. */
import * as vscode from 'vscode';
import type { RowIcon, ViewRow } from '../core/viewRow';

export function themeIcon(icon: RowIcon): vscode.ThemeIcon {
  return new vscode.ThemeIcon(icon.id, icon.color ? new vscode.ThemeColor(icon.color) : undefined);
}

/** A tree item for `row`; rows with children start expanded when `expanded` says so. */
export function treeItem(row: ViewRow, expanded: boolean): vscode.TreeItem {
  const state = !row.children.length
    ? vscode.TreeItemCollapsibleState.None
    : expanded
      ? vscode.TreeItemCollapsibleState.Expanded
      : vscode.TreeItemCollapsibleState.Collapsed;
  const item = new vscode.TreeItem(row.label, state);
  item.id = row.id;
  item.description = row.description;
  item.tooltip = row.tooltip;
  item.contextValue = row.contextValue;
  if (row.icon) item.iconPath = themeIcon(row.icon);
  if (row.command) item.command = row.command;
  return item;
}
