/**
 * The mentoring file's problems in the Problems panel, at their exact ranges. Follows the store, so
 * they update as the user types (debounced there) and when the file changes or is deleted on disk.
 */
import * as vscode from 'vscode';
import { Problem } from '../core/file';
import { plain } from '../core/text';
import { FolderFile, MentoringStore, vscodeRange } from './store';

export const DIAGNOSTIC_SOURCE = 'mentoring';

export function toDiagnostic(p: Problem): vscode.Diagnostic {
  const severity = p.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning;
  const d = new vscode.Diagnostic(vscodeRange(p.range), plain(p.message), severity);
  d.code = p.code;
  d.source = DIAGNOSTIC_SOURCE;
  return d;
}

export function registerDiagnostics(store: MentoringStore): vscode.Disposable {
  const collection = vscode.languages.createDiagnosticCollection(DIAGNOSTIC_SOURCE);
  const show = (file: FolderFile): void => {
    if (file.exists) collection.set(file.uri, file.problems.map(toDiagnostic));
    else collection.delete(file.uri);
  };
  const showAll = (): void => {
    collection.clear();
    store.all().forEach(show);
  };
  showAll();
  const listener = store.onDidChange((file) => (file ? show(file) : showAll()));
  return vscode.Disposable.from(listener, collection);
}
