/**
 * The Partners & Goals view's commands: refresh, open the file, reveal an entry or the first problem,
 * mark a goal achieved and set its progress. From the tree, a write first shows the lines it will
 * change; every write is confirmed afterwards with Undo and Open (confirmWrite.ts). With an argument
 * object from code (`{ folder?, goal }`, and `progress` for Set Progress) nothing is asked.
 */
import * as vscode from 'vscode';
import { localToday } from '../core/dates';
import { achieveGoal, EditResult, updateGoal } from '../core/file';
import { achievedChange, progressChange } from '../core/mentoring';
import type { Goal, GoalStatus } from '../core/file';
import { plain } from '../core/text';
import type { Row } from '../core/view';
import { parseProgress } from '../protocol/review';
import { asked, askToWrite, writeAndConfirm } from './confirmWrite';
import { createMentoringFile, CreateFileArgs } from './suggestions';
import type { Identity } from './identity';
import { FolderFile, FolderRef, MentoringStore } from './store';
import { command } from './command';
import { actionRange, entryRange } from './locate';
import { PartnersTree } from './tree';

export function registerCommands(store: MentoringStore, tree: PartnersTree, identity?: Identity): vscode.Disposable {
  /** Achieving a goal dates it and adds a review by the user (by the goal's owner when the user is not a partner). */
  const achieve = (file: FolderFile, goal: Goal) => (text: string): EditResult => {
    const me = identity?.me(file.folder, file.lastValid);
    return achieveGoal(text, goal.id, { date: localToday(), by: me ?? goal.owner });
  };
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
      const range = row.action ? actionRange(file, row.action) : entryRange(file, row.ref);
      if (!range) throw new Error(vscode.l10n.t('{0} is not in {1} any more', plain(row.label), vscode.workspace.asRelativePath(file.uri)));
      await store.revealRange(file.key, range);
    }),
    command('mentoring.markGoalAchieved', async (arg?: Row | GoalArgs) => {
      const target = goalTarget(store, arg);
      if (!target) return undefined;
      const { file, goal } = target;
      const change = achievedChange(goal);
      const title = plain(goal.title);
      if (!Object.keys(change).length && goal.achieved !== undefined) {
        void vscode.window.showInformationMessage(vscode.l10n.t('“{0}” is achieved already.', title));
        return undefined;
      }
      const op = achieve(file, goal);
      // From the tree (one click), it asks first; an argument object from code asks nothing.
      if (isRow(arg) && !(await askToWrite(store, file.key, op, { title: vscode.l10n.t('Mark “{0}” achieved', title), action: vscode.l10n.t('Mark Achieved') }))) return undefined;
      return writeAndConfirm(store, file.key, op, { message: () => vscode.l10n.t('Marked “{0}” achieved.', title), reveal: (f) => entryRange(f, { section: 'goals', id: goal.id }) });
    }),
    command('mentoring.setGoalProgress', async (arg?: Row | (GoalArgs & { progress?: number | string })) => {
      const target = goalTarget(store, arg);
      if (!target) return undefined;
      const { file, goal } = target;
      const title = plain(goal.title);
      let value: number;
      if (isRow(arg) || arg?.progress === undefined) {
        const heading = vscode.l10n.t('Progress of “{0}”', title);
        const shown = vscode.window.showInputBox({
          title: heading,
          prompt: vscode.l10n.t('Percent done, a whole number from 0 to 100 (now {0})', goal.progress === undefined ? vscode.l10n.t('not set') : `${goal.progress}%`),
          value: goal.progress === undefined ? '' : String(goal.progress),
          validateInput: (text) => {
            const r = parseProgress(text);
            if (!r.ok) return r.message;
            // Say now what the status will become with it.
            const status = progressChange(goal, r.value).status;
            return status ? { message: statusNote(goal.status, status, r.value), severity: vscode.InputBoxValidationSeverity.Info } : undefined;
          },
        });
        const input = await asked({ title: heading, step: 1, items: [String(goal.progress ?? '')] }, Promise.resolve(shown));
        if (input === undefined) return undefined;
        const r = parseProgress(input);
        if (!r.ok) return undefined;
        value = r.value;
      } else {
        const r = parseProgress(String(arg.progress));
        if (!r.ok) throw new Error(r.message);
        value = r.value;
      }
      const change = progressChange(goal, value);
      // 100% makes the goal achieved: dated, with a review entry; below 100% it loses its date.
      const op = change.status === 'achieved' ? achieve(file, goal) : (text: string): EditResult => updateGoal(text, goal.id, change);
      if (change.progress === goal.progress && !change.status) return undefined;
      if (isRow(arg)) {
        const action = change.status
          ? vscode.l10n.t('Set Progress to {0}% and Status to {1}', value, change.status)
          : vscode.l10n.t('Set Progress to {0}%', value);
        const detail = change.status ? statusNote(goal.status, change.status, value) : undefined;
        if (!(await askToWrite(store, file.key, op, { title: vscode.l10n.t('Progress of “{0}”', title), action, detail, step: 2, totalSteps: 2 }))) return undefined;
      }
      const said = change.status ? vscode.l10n.t('Set “{0}” to {1}%, {2}.', title, value, change.status) : vscode.l10n.t('Set “{0}” to {1}%.', title, value);
      return writeAndConfirm(store, file.key, op, { message: () => said, reveal: (f) => entryRange(f, { section: 'goals', id: goal.id }) });
    }),
  );
}

/** `{ folder?, goal }`: a goal by id, from code (keybindings, other commands). */
interface GoalArgs {
  folder?: string;
  goal: string;
}

function isRow(arg: unknown): arg is Row {
  return typeof arg === 'object' && arg !== null && typeof (arg as Row).kind === 'string' && typeof (arg as Row).folder === 'string';
}

/** The goal a command is about, from a tree row or `{ folder?, goal }`, in the file as it is now. */
function goalTarget(store: MentoringStore, arg: Row | GoalArgs | undefined): { file: FolderFile; goal: Goal } | undefined {
  const id = isRow(arg) ? goalOf(arg) : typeof arg?.goal === 'string' ? arg.goal : undefined;
  if (!arg || id === undefined) return undefined;
  const file = isRow(arg) ? store.get(arg) : store.get(arg.folder);
  if (!file) throw new Error(vscode.l10n.t('No workspace folder with a mentoring file for this goal'));
  const model = file.hasErrors ? file.lastValid : file.parsed?.model;
  const goal = model?.goals.find((g) => g.id === id);
  if (!goal) throw new Error(vscode.l10n.t('There is no goal “{0}” in {1}.', plain(id), vscode.workspace.asRelativePath(file.uri)));
  return { file, goal };
}

/** "100% means achieved: the status becomes achieved." */
function statusNote(from: GoalStatus, to: GoalStatus, progress: number): string {
  if (to === 'achieved') return vscode.l10n.t('100% means achieved: the status goes from {0} to achieved.', from);
  if (from === 'achieved') return vscode.l10n.t('{0}% is not achieved yet: the status goes back to {1}.', progress, to);
  return vscode.l10n.t('Progress means the goal has started: the status goes from {0} to {1}.', from, to);
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
