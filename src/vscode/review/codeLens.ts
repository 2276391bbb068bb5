/**
 * The review prompts' CodeLens in a plain editor, above the first changed line of a file that
 * touches open goals: "Questions…" first (a lens line is cut at the editor's width, and it is the
 * one that does something beyond naming the goal), then one short lens per goal, with whose goal it
 * is and how many questions in its tooltip. Off with `mentoring.reviewPrompts.codeLens`; in diff
 * editors VS Code shows lenses only with `diffEditor.codeLens`, which is why the line labels exist.
 */
import * as vscode from 'vscode';
import type { FilePrompts, GoalPrompt } from '../../core/review';
import { plain } from '../../core/text';
import { mentorNames, shorten } from '../../core/view';

/** Characters of a goal's title a lens shows: with "Questions…" before it, two lenses fit a 600 px editor. */
export const LENS_TITLE_MAX = 36;

/** "Goal: Handle async errors" (a long title cut at a word). */
export function lensTitle(g: GoalPrompt): string {
  return plain(vscode.l10n.t('Goal: {0}', shorten(g.title, LENS_TITLE_MAX)));
}

/** "Write the API handlers in strict TypeScript — Ben Okafor, mentor Ana Lima — 3 review questions. Open the goal…" */
export function lensTooltip(g: GoalPrompt, names: Record<string, string>): string {
  const who = g.mentors.length ? vscode.l10n.t('{0}, mentor {1}', g.ownerName, mentorNames(g, names)) : g.ownerName;
  const n = g.prompts.length;
  const questions = n === 1 ? vscode.l10n.t('1 review question') : vscode.l10n.t('{0} review questions', n);
  return plain(vscode.l10n.t('{0} — {1} — {2}. Open the goal in the review panel.', g.title, who, questions));
}

export function codeLenses(doc: vscode.TextDocument, folder: string, file: FilePrompts, names: Record<string, string>): vscode.CodeLens[] {
  if (!file.goals.length || doc.lineCount === 0) return [];
  const line = Math.min(Math.max((file.firstChangedLine ?? 1) - 1, 0), doc.lineCount - 1);
  const range = new vscode.Range(line, 0, line, 0);
  const lenses: vscode.CodeLens[] = [];
  if (file.goals.some((g) => g.prompts.length)) {
    lenses.push(
      new vscode.CodeLens(range, {
        title: vscode.l10n.t('Questions…'),
        tooltip: vscode.l10n.t('The review questions for this file'),
        command: 'mentoring.reviewPrompts.showQuestions',
        arguments: [{ folder, path: file.path }],
      }),
    );
  }
  for (const g of file.goals) {
    lenses.push(
      new vscode.CodeLens(range, {
        title: lensTitle(g),
        tooltip: lensTooltip(g, names),
        command: 'mentoring.reviewPrompts.openGoal',
        arguments: [{ folder, goal: { id: g.id, partnership: g.partnership } }],
      }),
    );
  }
  return lenses;
}
