/**
 * The Source Control container's "Mentoring" view: the goals the change under review touches, each
 * with its questions and its changed files, where the commit is made. Pure: built from the same
 * per-folder state as the "Review prompts" view (reviewRows), grouped by goal instead of by file.
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
import { describeGoal, FolderPrompts, PromptFolderInput, RESTRICTED_PROMPTS_NOTICE } from './reviewRows';
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
  const shown = folders.filter((f) => f.state.kind !== 'no-file');
  const rows: ScmRow[] =
    shown.length === 0
      ? folders.length
        ? [notice(folders[0].key, 'no-file', 'No mentoring file in this workspace', { id: 'info' })]
        : []
      : folders.length === 1
        ? folderRows(shown[0])
        : shown.map((f) => ({ id: `scm:${f.key}`, kind: 'folder', folder: f.key, label: f.name, icon: { id: 'root-folder' }, contextValue: 'folder', children: folderRows(f) }));
  for (const s of sections) {
    if (!s.rows.length) continue;
    rows.push({ id: `scm:section:${s.id}`, kind: 'section', folder: s.rows[0].folder, label: s.label, description: s.description, icon: s.icon, contextValue: 'scmSection', children: s.rows });
  }
  return rows;
}

function folderRows(f: ScmFolderInput): ScmRow[] {
  const s: FolderPrompts = f.state;
  switch (s.kind) {
    case 'no-file':
      return [notice(f.key, 'no-file', 'No mentoring file in this folder', { id: 'info' })];
    case 'loading':
      return [notice(f.key, 'loading', 'Reading the changes…', { id: 'loading~spin' })];
    case 'restricted': {
      const row = notice(f.key, 'restricted', RESTRICTED_PROMPTS_NOTICE, { id: 'shield' });
      row.command = { command: 'workbench.trust.manage', title: 'Manage Workspace Trust', arguments: [] };
      return [row];
    }
    case 'error':
      return [notice(f.key, 'error', s.message, { id: 'error', color: 'problemsErrorIcon.foreground' })];
    case 'ready':
      break;
  }
  const rows: ScmRow[] = [];
  if (s.stale) rows.push(notice(f.key, 'stale', 'The mentoring file has errors — goals from its last valid content', { id: 'warning', color: 'problemsWarningIcon.foreground' }));
  if (!s.files.length) rows.push(notice(f.key, 'no-changes', `No changes against ${s.comparedWith}`, { id: 'info' }));
  else if (!f.goals.length) {
    const n = s.files.length;
    rows.push(notice(f.key, 'unrelated', `The change touches no open mentoring goal (${n} changed file${n === 1 ? '' : 's'})`, { id: 'info' }));
  }
  for (const t of f.goals) rows.push(goalRow(f.key, t, s.names));
  return rows;
}

function goalRow(folder: string, t: TouchedGoal, names: Record<string, string>): ScmRow {
  const g = t.goal;
  const goal = { id: g.id, partnership: g.partnership };
  const id = `scm:${folder}#${g.partnership}/${g.id}`;
  const n = t.files.length;
  const questions: ScmRow[] = t.questions.map((q, i) => ({
    id: `${id}#q${i}`,
    kind: 'question',
    folder,
    label: q,
    tooltip: q,
    icon: { id: 'question' },
    contextValue: 'scmQuestion',
    goal,
    children: [],
  }));
  const files: ScmRow[] = t.files.map((path) => {
    const slash = path.lastIndexOf('/');
    return {
      id: `${id}#f:${path}`,
      kind: 'file',
      folder,
      label: path.slice(slash + 1),
      description: slash < 0 ? undefined : path.slice(0, slash),
      tooltip: path,
      contextValue: 'scmFile',
      path,
      goal,
      command: { command: 'mentoring.reviewPrompts.openChange', title: 'Open Changes', arguments: [{ folder, path }] },
      children: [],
    };
  });
  return {
    id,
    kind: 'goal',
    folder,
    label: g.title,
    description: describeGoal(g, names),
    tooltip: `${g.title} [${g.id}]\n${describeGoal(g, names)}\n${n} changed file${n === 1 ? '' : 's'} in this goal's ${g.matchedBy === 'paths' ? 'paths' : 'skills'}`,
    icon: { id: g.role === 'author' ? 'target' : g.role === 'mentor' ? 'mortar-board' : 'milestone' },
    contextValue: 'scmGoal',
    goal,
    children: [...questions, ...files],
  };
}

function notice(folder: string, what: string, label: string, icon: RowIcon): ScmRow {
  return { id: `scm:${folder}#notice-${what}`, kind: 'notice', folder, label, icon, contextValue: `notice-${what}`, children: [] };
}
