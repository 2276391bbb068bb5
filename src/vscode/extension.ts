/**
 * Peer Mentoring's entry point. `activate()` stays short: it wires up providers and commands
 * (each registration goes into `context.subscriptions`) and leaves all heavy work to later.
 */
import * as vscode from 'vscode';
import { registerCommands } from './commands';
import { registerDiagnostics } from './diagnostics';
import { Identity } from './identity';
import { registerReviewPanel } from './reviewPanel';
import { MentoringStore } from './store';
import { PartnersTree, VIEW_ID } from './tree';

/** What `activate` returns: handles for the integration tests. */
export interface MentoringApi {
  testing: { store: MentoringStore; tree: PartnersTree; identity: Identity };
}

export function activate(context: vscode.ExtensionContext): MentoringApi {
  const store = new MentoringStore();
  const identity = new Identity();
  const tree = new PartnersTree(store, identity);
  context.subscriptions.push(
    store,
    identity,
    tree,
    vscode.window.createTreeView(VIEW_ID, { treeDataProvider: tree, showCollapseAll: true }),
    registerDiagnostics(store),
    registerCommands(store, tree),
  );
  registerReviewPanel(context, store, identity);
  return { testing: { store, tree, identity } };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
