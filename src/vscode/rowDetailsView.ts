/**
 * "Show Details" on a row of Partners & Goals or Suggestions: the row's whole text — its label and
 * state as they read before being shortened to fit the side bar, its tooltip, the rows under it — in
 * a read-only Markdown preview beside the view (one tab, reused), with Copy and Save As.
 */
import * as vscode from 'vscode';
import { hasDetails, rowDetails, ViewRow, wholeText } from '../core/view';
import { command } from './command';
import type { GeneratedDocuments } from './generatedDocs';

export function registerRowDetails(docs: GeneratedDocuments): vscode.Disposable {
  return command('mentoring.showDetails', (row?: ViewRow) => showDetails(docs, row));
}

export async function showDetails(docs: GeneratedDocuments, row: ViewRow | undefined): Promise<vscode.Uri | undefined> {
  if (!row || typeof row.label !== 'string' || !Array.isArray(row.children) || !hasDetails(row)) return undefined;
  return docs.show({ key: 'details', title: vscode.l10n.t('Details — {0}', wholeText(row).label), shown: rowDetails(row), language: 'markdown' }, { beside: true });
}
