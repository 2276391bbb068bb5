/**
 * The Source Control container's "Mentoring" view: the goals the change under review touches, each
 * with its questions and its changed files, where the commit is made. Pure: built from the same
 * per-folder state and rows (changeRows) as the "Review prompts" view (reviewRows), grouped by goal
 * instead of by file.
 *
 *   notice  (only when there is something to say: Restricted Mode, errors, nothing related)
 *   goal  Write the API handlers in strict TypeScript — Ben Okafor · mentor Ana Lima
 *   ├─ question  Are the handler's inputs validated before use?
 *   └─ file  users.ts — src/api
 *   section  (later sections, such as suggested reviewers, each a row with its own children)
 *
 * With several folders, each folder with a mentoring file is a row of its own above its goals.
 */
import type { TouchedGoal } from '../review';
import { changedFiles, describeGoal, fileRow, goalRow, noChangesNotice, noticeRow, questionRows, waitingNotice, workspaceRows } from './changeRows';
import type { PromptFolderInput } from './changeRows';
import type { RowIcon, ViewRow } from './viewRow';

export type ScmRowKind = 'folder' | 'notice' | 'goal' | 'question' | 'file' | 'section' | 'reviewer' | 'reason';

/** `contextValue`: `scmGoal`, `scmQuestion`, `scmFile`, `scmSection`, `scmReviewer`, `scmReviewReason`, `notice-…`. */
export interface ScmRow extends ViewRow<ScmRowKind, ScmRow> {
  /** File rows: the changed file, relative to the workspace folder. */
  path?: string;
  /** Goal rows and below: the goal. */
  goal?: { id: string; partnership: string };
}

export interface ScmFolderInput extends PromptFolderInput {
  /** The goals its change touches (empty unless the state is ready). */
  goals: TouchedGoal[];
}

/** A section below the goals (its rows built by whoever owns it), shown only when it has rows. */
export interface ScmSection {
  id: string;
  label: string;
  description?: string;
  icon?: RowIcon;
  rows: ScmRow[];
}

export function buildScmRows(folders: readonly ScmFolderInput[], sections: readonly ScmSection[] = []): ScmRow[] {
  const rows: ScmRow[] = workspaceRows(folders, 'scm:', folderRows);
  for (const s of sections) {
    if (!s.rows.length) continue;
    rows.push({ id: `scm:section:${s.id}`, kind: 'section', folder: s.rows[0].folder, label: s.label, description: s.description, icon: s.icon, contextValue: 'scmSection', children: s.rows });
  }
  return rows;
}

function folderRows(f: ScmFolderInput): ScmRow[] {
  const s = f.state;
  const base = `scm:${f.key}`;
  if (s.kind !== 'ready') return [waitingNotice(base, f.key, s)];
  const rows: ScmRow[] = [];
  if (s.stale) rows.push(noticeRow(base, f.key, 'stale', 'The mentoring file has errors — goals from its last valid content', { id: 'warning', color: 'problemsWarningIcon.foreground' }));
  if (!s.files.length) rows.push(noChangesNotice(base, f.key, s.comparedWith));
  else if (!f.goals.length) rows.push(noticeRow(base, f.key, 'unrelated', `The change touches no open mentoring goal (${changedFiles(s.files.length)})`, { id: 'info' }));
  for (const t of f.goals) rows.push(goalRowOf(f.key, t, s.names));
  return rows;
}

function goalRowOf(folder: string, t: TouchedGoal, names: Record<string, string>): ScmRow {
  const g = t.goal;
  const id = `scm:${folder}#${g.partnership}/${g.id}`;
  const goal = { id: g.id, partnership: g.partnership };
  const questions: ScmRow[] = questionRows(`${id}#q`, folder, t.questions, g, 'scmQuestion');
  const files: ScmRow[] = t.files.map((path) => fileRow(`${id}#f:${path}`, folder, path, (dir) => dir, { tooltip: path, contextValue: 'scmFile', goal, children: [] }));
  return goalRow(id, folder, g, names, {
    tooltip: `${g.title} [${g.id}]\n${describeGoal(g, names)}\n${changedFiles(t.files.length)} in this goal's ${g.matchedBy === 'paths' ? 'paths' : 'skills'}`,
    contextValue: 'scmGoal',
    children: [...questions, ...files],
  });
}
