/**
 * Peer Mentoring's entry point. `activate()` stays short: it wires up providers and commands
 * (each registration goes into `context.subscriptions`) and leaves all heavy work to later.
 */
import * as vscode from 'vscode';

export function activate(context: vscode.ExtensionContext): void {
  void context;
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
