/** Shared helpers of the mentoring integration tests: the extension's test handles and the fixture file. */
import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import type { Row } from '../../src/core/view/treeModel';
import type { MentoringApi } from '../../src/vscode/extension';
import { waitFor } from './host';

export const EXTENSION_ID = 'peer-mentoring.peer-mentoring';

/** How long to wait for file watchers and debounced reloads: generous, for busy machines. */
export const SETTLE_MS = 30000;

export async function api(): Promise<MentoringApi['testing']> {
  const ext = vscode.extensions.getExtension<MentoringApi>(EXTENSION_ID);
  if (!ext) throw new Error(`${EXTENSION_ID} is not installed`);
  const handles = ext.isActive ? ext.exports : await ext.activate();
  await handles.testing.store.ready;
  return handles.testing;
}

export function folder(): vscode.WorkspaceFolder {
  const f = vscode.workspace.workspaceFolders?.[0];
  if (!f) throw new Error('no workspace folder');
  return f;
}

export function fileUri(): vscode.Uri {
  return vscode.Uri.joinPath(folder().uri, '.mentoring.yml');
}

/** The fixture file's text as the tests found it; {@link restore} puts it back. */
let original: string | undefined;

export function originalText(): string {
  original ??= fs.readFileSync(fileUri().fsPath, 'utf8');
  return original;
}

/** Closes every editor without saving, puts the fixture text back and waits for the store to read it. */
export async function restore(): Promise<void> {
  const text = originalText();
  for (const doc of vscode.workspace.textDocuments.filter((d) => d.isDirty)) {
    await waitFor(`${doc.fileName} to revert`, async () => {
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.files.revert');
      return !doc.isDirty;
    }, SETTLE_MS);
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  // Only when it differs: rewriting the same text still makes the file newer than a loaded document
  // thinks, and the next save through that document could then fail as a conflict.
  // A loaded document that still shows other text is brought back by a write too.
  const loaded = () => vscode.workspace.textDocuments.filter((d) => d.uri.fsPath === fileUri().fsPath && !d.isClosed);
  const onDisk = fs.existsSync(fileUri().fsPath) ? fs.readFileSync(fileUri().fsPath, 'utf8') : undefined;
  if (onDisk !== text || loaded().some((d) => d.getText() !== text)) fs.writeFileSync(fileUri().fsPath, text);
  // Documents still loaded (closed editors keep theirs for a while) catch up with the disk.
  let nudged = Date.now();
  await waitFor(
    'loaded documents to show the fixture text',
    async () => {
      const stale = loaded().filter((d) => d.getText() !== text);
      // One that stays behind on a busy machine (its file event lost) is reverted to the disk's text,
      // every few seconds, with the file touched first so that a new event says it changed.
      if (stale.length && Date.now() - nudged > 3000) {
        nudged = Date.now();
        const now = new Date();
        fs.utimesSync(fileUri().fsPath, now, now);
        for (const d of stale) {
          await vscode.window.showTextDocument(d);
          await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
        }
      }
      return stale.length === 0;
    },
    SETTLE_MS,
  ).catch((e: Error) => {
    const docs = loaded().map((d) => `dirty ${d.isDirty}, version ${d.version}, ${d.getText().length} chars (fixture ${text.length})`);
    throw new Error(`${e.message}: ${docs.join('; ')}`);
  });
  const { store } = await api();
  // A file event lost on a busy machine: the store is asked to read again every few seconds.
  let asked = Date.now();
  await waitFor(
    'the store to read the fixture file again',
    async () => {
      if (store.get(folder())?.text === text) return true;
      if (Date.now() - asked > 3000) {
        asked = Date.now();
        await store.refresh();
      }
      return store.get(folder())?.text === text;
    },
    SETTLE_MS,
  );
}

/** The tree's rows under `parent` (the top level when omitted), through the provider. */
export async function children(parent?: Row): Promise<Row[]> {
  const { tree } = await api();
  return tree.getChildren(parent);
}

/** Labels and descriptions of rows, for compact assertions. */
/** Each row's label and description as one line: whole, as before any shortening to fit the side bar. */
export function summary(rows: Row[]): string[] {
  return rows.map((r) => {
    const label = r.whole?.label ?? r.label;
    const description = r.whole ? r.whole.description : r.description;
    return description ? `${label} — ${description}` : label;
  });
}

/** The question a command shows on screen now (quick pick or input box), once it matches `title` (and `step`). */
export async function question(title: string | RegExp, step?: number): Promise<{ title: string; step?: number; items: string[] }> {
  const { writes } = await api();
  const matches = (t: string): boolean => (typeof title === 'string' ? t.includes(title) : title.test(t));
  return waitFor(`the question "${String(title)}"${step ? ` at step ${step}` : ''}`, () => {
    const q = writes.asking;
    return q && matches(q.title) && (step === undefined || q.step === step) && q;
  });
}

/** Answers the question on screen as Enter does (its active item, or the input box's value), and waits for it to go. */
export async function accept(): Promise<void> {
  const { writes } = await api();
  const shown = writes.asking;
  await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
  if (shown) await waitFor('the question to be answered', () => writes.asking !== shown);
}

/** Ana's partnership row with Ben, as the tree shows it now. */
export async function anaBen(): Promise<Row> {
  const ana = (await children()).find((r) => r.label === 'Ana Lima');
  assert.ok(ana, 'Ana in the tree');
  const row = (await children(ana)).find((r) => r.label === 'with Ben Okafor');
  assert.ok(row, 'the partnership with Ben under Ana');
  return row;
}
