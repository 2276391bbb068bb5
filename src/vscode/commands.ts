/**
 * The Partners & Goals view's commands: refresh, open the file, reveal an entry or the first problem,
 * mark a goal achieved and set its progress. Edits go through the store (`applyEdit`).
 */
import * as vscode from 'vscode';
import { updateGoal } from '../core/edit';
import { plain } from '../core/text';
import { EntryRef, Row } from '../core/tree-model';
import { parseProgress } from '../protocol/review';
import { createMentoringFile, CreateFileArgs } from './createFile';
import { FolderFile, FolderRef, MentoringStore } from './store';
import { PartnersTree } from './tree';

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

export function registerCommands(store: MentoringStore, tree: PartnersTree): vscode.Disposable {
  return vscode.Disposable.from(
    command('mentoring.refresh', async () => {
      await store.refresh();
      tree.refresh(true);
    }),
    command('mentoring.openFile', async (ref?: FolderRef) => {
      const file = await folderFile(store, ref);
      if (!file) return;
      if (!file.exists) {
        const create = await vscode.window.showInformationMessage(vscode.l10n.t('{0} does not exist yet.', plain(vscode.workspace.asRelativePath(file.uri))), vscode.l10n.t('Create Mentoring File'));
        if (create) await createMentoringFile(store, { folder: file.key });
        return;
      }
      await vscode.window.showTextDocument(file.uri);
    }),
    command('mentoring.createFile', (args?: CreateFileArgs) => createMentoringFile(store, args)),
    command('mentoring.revealProblem', (ref?: FolderRef) => store.revealFirstProblem(ref ?? { folder: store.all()[0]?.key ?? '' })),
    command('mentoring.revealEntry', async (row?: Row) => {
      const file = row && store.get(row);
      if (!file || !row.ref) return;
      const range = entryRange(file, row.ref);
      if (!range) throw new Error(vscode.l10n.t('{0} is not in {1} any more', row.label, vscode.workspace.asRelativePath(file.uri)));
      await store.revealRange(file.key, range);
    }),
    command('mentoring.markGoalAchieved', async (row?: Row) => {
      const goal = goalOf(row);
      if (row && goal) await store.applyEdit(row, (text) => updateGoal(text, goal, { status: 'achieved', progress: 100 }));
    }),
    command('mentoring.setGoalProgress', async (row?: Row) => {
      const goal = goalOf(row);
      if (!row || !goal) return;
      const current = store.get(row)?.lastValid?.goals.find((g) => g.id === goal)?.progress;
      const input = await vscode.window.showInputBox({
        title: vscode.l10n.t('Progress of “{0}”', plain(row.label)),
        prompt: vscode.l10n.t('Percent done, a whole number from 0 to 100'),
        value: current === undefined ? '' : String(current),
        validateInput: (text) => {
          const r = parseProgress(text);
          return r.ok ? undefined : r.message;
        },
      });
      if (input === undefined) return;
      const progress = parseProgress(input);
      if (progress.ok) await store.applyEdit(row, (text) => updateGoal(text, goal, { progress: progress.value }));
    }),
  );
}

async function folderFile(store: MentoringStore, ref: FolderRef | undefined): Promise<FolderFile | undefined> {
  await store.ready;
  const direct = store.get(ref);
  if (direct) return direct;
  const folder = await vscode.window.showWorkspaceFolderPick({ placeHolder: vscode.l10n.t('Whose mentoring file?') });
  return folder && store.get(folder);
}

function goalOf(row: Row | undefined): string | undefined {
  return row?.ref?.section === 'goals' ? row.ref.id : undefined;
}

/**
 * Where a row's entry is in the file's current text. Entries are found by id (sessions by date and
 * partnership, nearest to their old position), so reveal works after edits that moved them.
 */
export function entryRange(file: FolderFile, ref: EntryRef): ReturnType<NonNullable<FolderFile['parsed']>['rangeOf']> {
  const parsed = file.parsed;
  const model = parsed?.model;
  if (!parsed || !model) return undefined;
  let entry: object | undefined;
  if (ref.section === 'sessions') {
    const old = file.lastValid?.sessions[ref.index];
    if (!old) return undefined;
    const same = (s: (typeof model.sessions)[number]): boolean => s.date === old.date && s.partnership === old.partnership;
    const at = model.sessions[ref.index];
    entry = at && same(at) ? at : model.sessions.find(same);
  } else {
    const list: { id: string }[] = model[ref.section];
    entry = list.find((e) => e.id === ref.id);
  }
  const path = entry && parsed.pathOf(entry);
  return path && parsed.rangeOf(path);
}
