/**
 * The "Review prompts" view's rows, from the prompts of each workspace folder's change set
 * (core/prompts): changed files that touch open goals, each with its goals and their questions.
 * Pure: the host reads git and the mentoring file, this decides what is shown.
 *
 *   folder (only with several folders)
 *   ├─ notice: Restricted Mode, no repository, nothing related, …
 *   ├─ Suggested reviewers
 *   │  └─ reviewer  Dev Patel — learner · scripts/data/
 *   │     └─ reason  only Erin Walsh has changed or reviewed scripts/data/ in the last year; …
 *   └─ file  src/api/users.ts — src/api · 1 goal
 *      └─ goal  Write the API handlers in strict TypeScript — Ben Okafor · mentor Ana Lima
 *         └─ question  Are the handler's inputs validated before use?
 */
import type { ChangeStatus, ChangedFile } from '../review';
import { normalizePath } from '../glob';
import type { FilePrompts, GoalPrompt, ReviewerSuggestion, ReviewRole } from '../review';
import type { RowIcon, ViewRow } from './viewRow';

export type PromptRowKind = 'folder' | 'notice' | 'reviewers' | 'reviewer' | 'reason' | 'file' | 'goal' | 'question';

/** `contextValue`: `reviewers`, `reviewer`, `reviewReason`, `reviewFile`, `reviewGoal`, `reviewQuestion`, `notice-…`. */
export interface PromptRow extends ViewRow<PromptRowKind, PromptRow> {
  /** File rows and below: the changed file, relative to the workspace folder. */
  path?: string;
  status?: ChangeStatus;
  /** Goal and question rows: the goal. */
  goal?: { id: string; partnership: string };
}

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

const ROLE_NOTE: Record<ReviewRole, string> = { author: 'your goal', mentor: 'you mentor it', partner: 'your partnership', observer: '' };

/** Top-level rows; with several folders, one row per folder that has a mentoring file. */
export function buildPromptRows(folders: readonly PromptFolderInput[]): PromptRow[] {
  const shown = folders.filter((f) => f.state.kind !== 'no-file');
  if (shown.length === 0) {
    return folders.length ? [notice(folders[0].key, 'no-file', 'No mentoring file in this workspace', { id: 'info' })] : [];
  }
  if (folders.length === 1) return folderRows(shown[0]);
  return shown.map((f) => ({
    id: `${f.key}`,
    kind: 'folder',
    folder: f.key,
    label: f.name,
    description: f.state.kind === 'ready' ? f.state.comparedWith : undefined,
    icon: { id: 'root-folder' },
    contextValue: 'folder',
    children: folderRows(f),
  }));
}

function folderRows(f: PromptFolderInput): PromptRow[] {
  const s = f.state;
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
  const rows: PromptRow[] = [];
  if (s.stale) rows.push(notice(f.key, 'stale', 'The mentoring file has errors — prompts from its last valid content', { id: 'warning', color: 'problemsWarningIcon.foreground' }));
  const related = s.files.filter((file) => file.goals.length);
  if (s.files.length && s.reviewers?.length) rows.push(reviewersRow(f.key, s.reviewers));
  if (!s.files.length) rows.push(notice(f.key, 'no-changes', `No changes against ${s.comparedWith}`, { id: 'info' }));
  else if (!related.length) {
    const n = s.files.length;
    rows.push(notice(f.key, 'unrelated', `No changed file relates to an open goal (${n} changed file${n === 1 ? '' : 's'})`, { id: 'info' }));
  }
  for (const file of related) rows.push(fileRow(f.key, file, s.statuses[file.path], s.names));
  return rows;
}

/** "Suggested reviewers", each with their role, the area and the reason in words. */
function reviewersRow(folder: string, list: readonly ReviewerSuggestion[]): PromptRow {
  const id = `${folder}#reviewers`;
  return {
    id,
    kind: 'reviewers',
    folder,
    label: 'Suggested reviewers',
    description: list.some((r) => r.role === 'learner') ? 'spread what one person knows' : undefined,
    icon: { id: 'organization' },
    contextValue: 'reviewers',
    children: list.map((r, i) => {
      const role = r.role === 'learner' ? 'learner' : 'expert';
      const rowId = `${id}#${i}-${r.person}`;
      return {
        id: rowId,
        kind: 'reviewer' as const,
        folder,
        label: r.name,
        description: r.area ? `${role} · ${r.area}` : role,
        tooltip: `${r.name} (${role}${r.area ? `, ${r.area}` : ''})\n${r.reason}${r.goal ? `\nGoal: ${r.goal}` : ''}`,
        icon: { id: r.role === 'learner' ? 'mortar-board' : 'star-empty' },
        contextValue: 'reviewer',
        children: [{ id: `${rowId}#reason`, kind: 'reason' as const, folder, label: r.reason, tooltip: r.reason, icon: { id: 'info' }, contextValue: 'reviewReason', children: [] }],
      };
    }),
  };
}

function fileRow(folder: string, file: FilePrompts, status: ChangeStatus | undefined, names: Record<string, string>): PromptRow {
  const slash = file.path.lastIndexOf('/');
  const dir = slash < 0 ? '' : file.path.slice(0, slash);
  const count = `${file.goals.length} goal${file.goals.length === 1 ? '' : 's'}`;
  const id = `${folder}#${file.path}`;
  return {
    id,
    kind: 'file',
    folder,
    label: file.path.slice(slash + 1),
    description: dir ? `${dir} · ${count}` : count,
    tooltip: `${file.path}${status ? ` (${status})` : ''}\n${file.goals.map((g) => `• ${g.title}`).join('\n')}`,
    contextValue: 'reviewFile',
    path: file.path,
    status,
    command: { command: 'mentoring.reviewPrompts.openChange', title: 'Open Changes', arguments: [{ folder, path: file.path }] },
    children: file.goals.map((g) => goalRow(id, folder, file.path, g, names)),
  };
}

function goalRow(parent: string, folder: string, path: string, g: GoalPrompt, names: Record<string, string>): PromptRow {
  const id = `${parent}#${g.partnership}/${g.id}`;
  const goal = { id: g.id, partnership: g.partnership };
  const matched = g.matchedBy === 'paths' ? 'the file is in its paths' : `the file touches its skills: ${g.skills.join(', ')}`;
  return {
    id,
    kind: 'goal',
    folder,
    label: g.title,
    description: describeGoal(g, names),
    tooltip: `${g.title} [${g.id}]\nOwner: ${g.ownerName}${g.mentors.length ? ` · mentor: ${mentorNames(g, names)}` : ''}\nRelated because ${matched}.`,
    icon: { id: g.role === 'author' ? 'target' : g.role === 'mentor' ? 'mortar-board' : 'milestone' },
    contextValue: 'reviewGoal',
    path,
    goal,
    children: g.prompts.map((q, i) => ({
      id: `${id}#${i}`,
      kind: 'question',
      folder,
      label: q,
      tooltip: q,
      icon: { id: 'question' },
      contextValue: 'reviewQuestion',
      path,
      goal,
      children: [],
    })),
  };
}

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

function notice(folder: string, what: string, label: string, icon: RowIcon): PromptRow {
  return { id: `${folder}#notice-${what}`, kind: 'notice', folder, label, icon, contextValue: `notice-${what}`, children: [] };
}

/**
 * The changed files of a repository as seen from a workspace folder: paths made relative to the
 * folder (the mentoring file's globs are), files outside the folder left out. `root` and `folder`
 * are absolute paths.
 */
export function relativeToFolder(files: readonly ChangedFile[], root: string, folder: string): ChangedFile[] {
  const r = trimSlash(normalizePath(root));
  const f = trimSlash(normalizePath(folder));
  if (sameDir(r, f)) return [...files];
  if (isUnder(f, r)) {
    // The folder is inside the repository: keep its files, without the folder's prefix.
    const prefix = f.slice(r.length + 1) + '/';
    const strip = (p: string | undefined): string | undefined => (p !== undefined && sameDir(p.slice(0, prefix.length), prefix, r) ? p.slice(prefix.length) : undefined);
    return files.flatMap((file) => {
      const p = strip(file.path);
      if (p === undefined) return [];
      const out: ChangedFile = { ...file, path: p };
      const old = strip(file.oldPath);
      if (old === undefined) delete out.oldPath;
      else out.oldPath = old;
      return [out];
    });
  }
  if (isUnder(r, f)) {
    // The repository is inside the folder.
    const prefix = r.slice(f.length + 1) + '/';
    return files.map((file) => ({ ...file, path: prefix + file.path, ...(file.oldPath ? { oldPath: prefix + file.oldPath } : {}) }));
  }
  return [];
}

function trimSlash(p: string): string {
  return p.length > 1 && p.endsWith('/') ? p.slice(0, -1) : p;
}

/** Paths under a Windows drive (`like`'s, default `a`'s) compare case-insensitively; others exactly. */
function sameDir(a: string, b: string, like = a): boolean {
  return /^[a-z]:/i.test(like) ? a.toLowerCase() === b.toLowerCase() : a === b;
}

function isUnder(child: string, parent: string): boolean {
  if (child.length <= parent.length + 1) return false;
  const head = child.slice(0, parent.length);
  return sameDir(head, parent) && child[parent.length] === '/';
}

/** Notes for a session logged from a goal's prompts: "Reviewed: a.ts, b.ts" (the files related to it). */
export function reviewedNotes(files: readonly FilePrompts[], goalId: string, max = 10): string {
  const paths = files.filter((f) => f.goals.some((g) => g.id === goalId)).map((f) => f.path);
  if (!paths.length) return '';
  const shown = paths.slice(0, max).join(', ');
  return `Reviewed: ${shown}${paths.length > max ? ` and ${paths.length - max} more` : ''}`;
}

/** The distinct goals of some files' prompts, in first-seen order. */
export function goalsOf(files: readonly FilePrompts[]): GoalPrompt[] {
  const seen = new Map<string, GoalPrompt>();
  for (const f of files) for (const g of f.goals) if (!seen.has(`${g.partnership}/${g.id}`)) seen.set(`${g.partnership}/${g.id}`, g);
  return [...seen.values()];
}
