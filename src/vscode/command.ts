/** The host's one way to register a command: failures are shown to the user, never lost. */
import * as vscode from 'vscode';
import { plain } from '../core/text';

/** Registers a command whose failures are shown to the user instead of being lost (made inert: they may quote the file). */
export function command(id: string, run: (...args: never[]) => unknown): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (...args: never[]) => {
    try {
      return await run(...args);
    } catch (e) {
      void vscode.window.showErrorMessage(plain(e instanceof Error ? e.message : String(e)));
      return undefined;
    }
  });
}
