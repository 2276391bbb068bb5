/**
 * The one way the extension's commands write the mentoring file where a person can see it:
 *
 * - {@link askToWrite}: before, the lines the edit will remove and add, in a quick pick whose first
 *   item writes them (Escape writes nothing);
 * - {@link writeAndConfirm}: the edit through the store (the editor when the file is open, else an
 *   atomic write), then a notification saying what was written, with **Undo** (the write's own
 *   changes taken back out of the file as it is by then, through the editor or on disk alike) and
 *   **Open** (the written lines selected in the file).
 */
import * as vscode from 'vscode';
import { EditError, EditResult } from '../core/file';
import type { Range } from '../core/file';
import { plain } from '../core/text';
import { changedLines, undoWrite, writtenSpan } from '../core/file';
import { FolderFile, FolderRef, MentoringStore } from './store';

/** What a write said afterwards, with its two actions (for tests, which cannot click notifications everywhere). */
export interface Confirmation {
  folder: string;
  message: string;
  result: EditResult;
  /** Takes the write back out of the file; true when it did. */
  undo(): Promise<boolean>;
  /** Shows the written lines in the file. */
  open(): Promise<void>;
}

/** The question on screen: its title, step and item labels (for tests). */
export interface Question {
  title: string;
  step?: number;
  items: string[];
}

let last: Confirmation | undefined;
let asking: Question | undefined;

/** The last confirmation shown, and the question on screen now (for tests). */
export const writeLog = {
  get last(): Confirmation | undefined {
    return last;
  },
  get asking(): Question | undefined {
    return asking;
  },
};

/** Says which question is on screen while `shown` runs (the steps before a write use it too). */
export async function asked<T>(question: Question, shown: Promise<T>): Promise<T> {
  asking = question;
  try {
    return await shown;
  } finally {
    if (asking === question) asking = undefined;
  }
}

export interface AskOptions {
  /** The quick pick's title (untrusted parts already made plain). */
  title: string;
  /** The first item: what accepting does ("Mark Achieved"). */
  action: string;
  /** More about it, shown under the action (untrusted parts already made plain). */
  detail?: string;
  step?: number;
  totalSteps?: number;
}

interface LineItem extends vscode.QuickPickItem {
  write?: true;
}

/**
 * Shows the lines `op` would change in the folder's file as it is now, under an item that writes
 * them; resolves true when the person accepts it, false on Escape (or when the edit is refused,
 * with the reason shown).
 */
export async function askToWrite(store: MentoringStore, folder: FolderRef, op: (text: string) => EditResult, options: AskOptions): Promise<boolean> {
  const file = store.get(folder);
  if (!file?.exists || file.text === undefined) throw new Error(vscode.l10n.t('There is no mentoring file to write to.'));
  let preview: EditResult;
  try {
    preview = op(file.text);
  } catch (e) {
    if (!(e instanceof EditError)) throw e;
    showRefusal(store, file, e);
    return false;
  }
  const where = vscode.workspace.asRelativePath(file.uri);
  const write: LineItem = { label: `$(check) ${options.action}`, description: where, detail: options.detail, alwaysShow: true, write: true };
  const lines: LineItem[] = changedLines(file.text, preview).map((l) => ({
    label: `$(${l.sign === '+' ? 'diff-added' : 'diff-removed'}) ${plain(l.text).replace(/^ +/, (s) => '\u00a0'.repeat(s.length))}`,
    description: vscode.l10n.t('line {0}', l.line),
  }));
  const items: LineItem[] = [write, { label: vscode.l10n.t('will change these lines of {0}', where), kind: vscode.QuickPickItemKind.Separator }, ...lines];
  const qp = vscode.window.createQuickPick<LineItem>();
  qp.title = options.title;
  qp.placeholder = vscode.l10n.t('Enter writes these lines; Escape writes nothing');
  qp.items = items;
  qp.activeItems = [write];
  if (options.step !== undefined) qp.step = options.step;
  if (options.totalSteps !== undefined) qp.totalSteps = options.totalSteps;
  const answer = new Promise<boolean>((resolve) => {
    qp.onDidAccept(() => {
      // Only the action writes; Enter on a line of the preview goes back to it.
      if (qp.activeItems[0]?.write) resolve(true);
      else qp.activeItems = [write];
    });
    qp.onDidHide(() => resolve(false));
    qp.show();
  });
  try {
    return await asked({ title: options.title, step: options.step, items: items.map((i) => i.label) }, answer);
  } finally {
    qp.dispose();
  }
}

export interface ConfirmOptions {
  /** What the notification says, from the result (untrusted parts already made plain). */
  message: (result: EditResult) => string;
  /** Where "Open" goes in the file after the write (1-based); default: the lines written. */
  reveal?: (file: FolderFile, result: EditResult) => Range | undefined;
  /** Extra buttons after Undo and Open, with what they do. */
  more?: { label: string; run: () => unknown }[];
  /** Takes back what went with the write outside the file (a private note), once Undo took the write back. */
  undone?: () => unknown;
}

/**
 * Writes `op` through the store and says so, with Undo and Open. Resolves to what was written,
 * or undefined when nothing was (the reason has been shown).
 */
export async function writeAndConfirm(store: MentoringStore, folder: FolderRef, op: (text: string) => EditResult, options: ConfirmOptions): Promise<EditResult | undefined> {
  let before = '';
  const result = await store.applyEdit(folder, (text) => {
    before = text;
    return op(text);
  });
  const file = store.get(folder);
  if (!result || !file) return undefined;
  const key = file.key;
  let undone = false;
  const confirmation: Confirmation = {
    folder: key,
    message: options.message(result),
    result,
    undo: async () => {
      if (undone) return false;
      const back = await store.applyEdit(key, (text) => undoWrite(before, result, text));
      if (!back) return false;
      undone = true;
      await options.undone?.();
      void vscode.window.showInformationMessage(vscode.l10n.t('Undone: {0}', confirmation.message));
      return true;
    },
    open: async () => {
      const now = store.get(key);
      if (!now) return;
      const range = options.reveal?.(now, result) ?? writtenRange(now, result);
      if (range) await store.revealRange(key, range);
      else await vscode.window.showTextDocument(now.uri);
    },
  };
  last = confirmation;
  const undo = vscode.l10n.t('Undo');
  const open = vscode.l10n.t('Open');
  const more = options.more ?? [];
  void vscode.window.showInformationMessage(confirmation.message, undo, open, ...more.map((m) => m.label)).then(async (action) => {
    if (action === undo) await confirmation.undo();
    else if (action === open) await confirmation.open();
    else await more.find((m) => m.label === action)?.run();
  });
  return result;
}

/** The lines a write added or changed, in the file's current text (when it is still the text written). */
function writtenRange(file: FolderFile, result: EditResult): Range | undefined {
  const span = writtenSpan(result);
  if (!span || file.text !== result.text) return undefined;
  const text = result.text;
  const end = span.end > span.start && text[span.end - 1] === '\n' ? span.end - 1 : span.end;
  return { start: position(text, span.start), end: position(text, end) };
}

function position(text: string, offset: number): Range['start'] {
  let line = 1;
  let start = 0;
  for (let nl = text.indexOf('\n'); nl >= 0 && nl < offset; nl = text.indexOf('\n', nl + 1)) {
    line++;
    start = nl + 1;
  }
  return { line, col: offset - start + 1 };
}

/** An edit refused before anything was written: the reason, with "Show Problem" when it has one. */
function showRefusal(store: MentoringStore, file: FolderFile, e: EditError): void {
  const message = plain(e.message.charAt(0).toUpperCase() + e.message.slice(1));
  const first = e.problems[0];
  if (!first) {
    void vscode.window.showErrorMessage(message);
    return;
  }
  const show = vscode.l10n.t('Show Problem');
  void vscode.window.showErrorMessage(message, show).then((a) => (a ? store.revealRange(file.key, first.range) : undefined));
}
