/**
 * The rows both views of a change are built from: the "Review prompts" view (reviewRows, by file)
 * and Source Control's "Mentoring" view (scmRows, by goal). What a folder's change set is, the
 * workspace's folders and their notices, a goal, its questions, a changed file, a suggested
 * reviewer; each view gives its own ids and `contextValue`s. Pure.
 */
import type { ChangeStatus, FilePrompts, GoalPrompt, ReviewerSuggestion, ReviewRole } from '../review';
import type { RowIcon, ViewRow } from './viewRow';

/** What is known about one folder's change set. */
export type FolderPrompts =
  | { kind: 'restricted' }
  | { kind: 'no-file' }
  | { kind: 'loading' }
  /** Git could not be read: not a repository, unknown base, git missing. */
  | { kind: 'error'; message: string }
  | {
      kind: 'ready';
      /** `HEAD` or `BASE...HEAD`. */
      comparedWith: string;
      /** Every changed file (related or not), in order. */
      files: FilePrompts[];
      statuses: Record<string, ChangeStatus>;
      /** Partner id → name, for mentors. */
      names: Record<string, string>;
      /** The mentoring file has errors: prompts come from its last valid content. */
      stale?: boolean;
      /** Who should review the change (learner first), from the history. */
      reviewers?: ReviewerSuggestion[];
    };

export interface PromptFolderInput {
  key: string;
  name: string;
  state: FolderPrompts;
}

export const RESTRICTED_PROMPTS_NOTICE = 'Review prompts need git, which is off in Restricted Mode';

/** The goal a row is about. */
export interface GoalRef {
  id: string;
  partnership: string;
}

const ROLE_NOTE: Record<ReviewRole, string> = { author: 'your goal', mentor: 'you mentor it', partner: 'your partnership', observer: '' };

/** "Ben Okafor · mentor Ana Lima · you mentor it": whose goal, who mentors it, and the user's part in it. */
export function describeGoal(g: GoalPrompt, names: Record<string, string>): string {
  const parts = [g.ownerName];
  if (g.mentors.length) parts.push(`mentor ${mentorNames(g, names)}`);
  if (ROLE_NOTE[g.role]) parts.push(ROLE_NOTE[g.role]);
  return parts.join(' · ');
}

export function mentorNames(g: GoalPrompt, names: Record<string, string>): string {
  return g.mentors.map((m) => names[m] ?? m).join(', ');
}

/** A notice row; `base` starts its id (the view's prefix and the folder key). */
export function noticeRow(base: string, folder: string, what: string, label: string, icon: RowIcon): ViewRow<'notice', never> {
  return { id: `${base}#notice-${what}`, kind: 'notice', folder, label, icon, contextValue: `notice-${what}`, children: [] };
}

/**
 * The workspace's rows: a notice when no folder has a mentoring file; a single folder's rows alone;
 * otherwise a row for each folder with a mentoring file, its rows below. `prefix` starts every id.
 */
export function workspaceRows<F extends PromptFolderInput, R>(
  folders: readonly F[],
  prefix: string,
  rowsOf: (f: F) => R[],
  describe?: (f: F) => string | undefined,
): (R | ViewRow<'folder', R> | ViewRow<'notice', never>)[] {
  const shown = folders.filter((f) => f.state.kind !== 'no-file');
  if (shown.length === 0) {
    return folders.length ? [noticeRow(`${prefix}${folders[0].key}`, folders[0].key, 'no-file', 'No mentoring file in this workspace', { id: 'info' })] : [];
  }
  if (folders.length === 1) return rowsOf(shown[0]);
  return shown.map((f) => ({
    id: `${prefix}${f.key}`,
    kind: 'folder',
    folder: f.key,
    label: f.name,
    ...(describe && { description: describe(f) }),
    icon: { id: 'root-folder' },
    contextValue: 'folder',
    children: rowsOf(f),
  }));
}

/** The one notice of a folder whose change set is not ready: no file, reading, Restricted Mode, or git's error. */
export function waitingNotice(base: string, folder: string, state: Exclude<FolderPrompts, { kind: 'ready' }>): ViewRow<'notice', never> {
  switch (state.kind) {
    case 'no-file':
      return noticeRow(base, folder, 'no-file', 'No mentoring file in this folder', { id: 'info' });
    case 'loading':
      return noticeRow(base, folder, 'loading', 'Reading the changes…', { id: 'loading~spin' });
    case 'restricted': {
      const row = noticeRow(base, folder, 'restricted', RESTRICTED_PROMPTS_NOTICE, { id: 'shield' });
      row.command = { command: 'workbench.trust.manage', title: 'Manage Workspace Trust', arguments: [] };
      return row;
    }
    case 'error':
      return noticeRow(base, folder, 'error', state.message, { id: 'error', color: 'problemsErrorIcon.foreground' });
  }
}

/** The notice of a change set with no changes. */
export function noChangesNotice(base: string, folder: string, comparedWith: string): ViewRow<'notice', never> {
  return noticeRow(base, folder, 'no-changes', `No changes against ${comparedWith}`, { id: 'info' });
}

/** "3 changed files". */
export function changedFiles(n: number): string {
  return `${n} changed file${n === 1 ? '' : 's'}`;
}

/** A goal's row: its title, whose it is and the user's part in it; the view adds the rest. */
export function goalRow<C, More extends { tooltip: string; contextValue: string; children: C[]; path?: string }>(
  id: string,
  folder: string,
  g: GoalPrompt,
  names: Record<string, string>,
  more: More,
): ViewRow<'goal', C> & { goal: GoalRef } & More {
  return {
    id,
    kind: 'goal',
    folder,
    label: g.title,
    description: describeGoal(g, names),
    icon: { id: g.role === 'author' ? 'target' : g.role === 'mentor' ? 'mortar-board' : 'milestone' },
    goal: { id: g.id, partnership: g.partnership },
    ...more,
  };
}

/** A goal's questions, one row each: ids `${stem}0`, `${stem}1`, …; `more` adds the same fields to each. */
export function questionRows<More extends { path?: string }>(stem: string, folder: string, questions: readonly string[], g: GoalRef, contextValue: string, more?: More): (ViewRow<'question', never> & { goal: GoalRef })[] {
  const goal = { id: g.id, partnership: g.partnership };
  return questions.map((q, i) => ({ id: `${stem}${i}`, kind: 'question', folder, label: q, tooltip: q, icon: { id: 'question' }, contextValue, ...more, goal, children: [] }));
}

/** A changed file's row: its name, a click opens its changes; `dir` is its folder (undefined at the root). */
export function fileRow<C, More extends { tooltip: string; contextValue: string; children: C[] }>(
  id: string,
  folder: string,
  path: string,
  description: (dir: string | undefined) => string | undefined,
  more: More,
): ViewRow<'file', C> & { path: string } & More {
  const slash = path.lastIndexOf('/');
  return {
    id,
    kind: 'file',
    folder,
    label: path.slice(slash + 1),
    description: description(slash < 0 ? undefined : path.slice(0, slash)),
    path,
    command: { command: 'mentoring.reviewPrompts.openChange', title: 'Open Changes', arguments: [{ folder, path }] },
    ...more,
  };
}

/** A suggested reviewer with their role, the area and, below, the reason in words. `contexts`: the reviewer's and the reason's `contextValue`. */
export function reviewerRow(id: string, folder: string, r: ReviewerSuggestion, contexts: [reviewer: string, reason: string], where = ''): ViewRow<'reviewer', ViewRow<'reason', never>> {
  return {
    id,
    kind: 'reviewer',
    folder,
    label: r.name,
    description: `${where}${r.role}${r.area ? ` · ${r.area}` : ''}`,
    tooltip: `${r.name} (${r.role}${r.area ? `, ${r.area}` : ''})\n${r.reason}${r.goal ? `\nGoal: ${r.goal}` : ''}`,
    icon: { id: r.role === 'learner' ? 'mortar-board' : 'star-empty' },
    contextValue: contexts[0],
    children: [{ id: `${id}#reason`, kind: 'reason', folder, label: r.reason, tooltip: r.reason, icon: { id: 'info' }, contextValue: contexts[1], children: [] }],
  };
}
