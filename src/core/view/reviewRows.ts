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
import type { FilePrompts, GoalPrompt, ReviewerSuggestion } from '../review';
import { changedFiles, fileRow, goalRow, mentorNames, noChangesNotice, noticeRow, questionRows, reviewerRow, waitingNotice, workspaceRows } from './changeRows';
import type { PromptFolderInput } from './changeRows';
import type { ViewRow } from './viewRow';

export type PromptRowKind = 'folder' | 'notice' | 'reviewers' | 'reviewer' | 'reason' | 'file' | 'goal' | 'question';

/** `contextValue`: `reviewers`, `reviewer`, `reviewReason`, `reviewFile`, `reviewGoal`, `reviewQuestion`, `notice-…`. */
export interface PromptRow extends ViewRow<PromptRowKind, PromptRow> {
  /** File rows and below: the changed file, relative to the workspace folder. */
  path?: string;
  status?: ChangeStatus;
  /** Goal and question rows: the goal. */
  goal?: { id: string; partnership: string };
}

/** Top-level rows; with several folders, one row per folder that has a mentoring file. */
export function buildPromptRows(folders: readonly PromptFolderInput[]): PromptRow[] {
  return workspaceRows(folders, '', folderRows, (f) => (f.state.kind === 'ready' ? f.state.comparedWith : undefined));
}

function folderRows(f: PromptFolderInput): PromptRow[] {
  const s = f.state;
  if (s.kind !== 'ready') return [waitingNotice(f.key, f.key, s)];
  const rows: PromptRow[] = [];
  if (s.stale) rows.push(noticeRow(f.key, f.key, 'stale', 'The mentoring file has errors — prompts from its last valid content', { id: 'warning', color: 'problemsWarningIcon.foreground' }));
  const related = s.files.filter((file) => file.goals.length);
  if (s.files.length && s.reviewers?.length) rows.push(reviewersRow(f.key, s.reviewers));
  if (!s.files.length) rows.push(noChangesNotice(f.key, f.key, s.comparedWith));
  else if (!related.length) rows.push(noticeRow(f.key, f.key, 'unrelated', `No changed file relates to an open goal (${changedFiles(s.files.length)})`, { id: 'info' }));
  for (const file of related) rows.push(fileRowOf(f.key, file, s.statuses[file.path], s.names));
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
    children: list.map((r, i) => reviewerRow(`${id}#${i}-${r.person}`, folder, r, ['reviewer', 'reviewReason'])),
  };
}

function fileRowOf(folder: string, file: FilePrompts, status: ChangeStatus | undefined, names: Record<string, string>): PromptRow {
  const count = `${file.goals.length} goal${file.goals.length === 1 ? '' : 's'}`;
  const id = `${folder}#${file.path}`;
  return fileRow(id, folder, file.path, (dir) => (dir ? `${dir} · ${count}` : count), {
    tooltip: `${file.path}${status ? ` (${status})` : ''}\n${file.goals.map((g) => `• ${g.title}`).join('\n')}`,
    contextValue: 'reviewFile',
    status,
    children: file.goals.map((g) => goalRowOf(id, folder, file.path, g, names)),
  });
}

function goalRowOf(parent: string, folder: string, path: string, g: GoalPrompt, names: Record<string, string>): PromptRow {
  const id = `${parent}#${g.partnership}/${g.id}`;
  const matched = g.matchedBy === 'paths' ? 'the file is in its paths' : `the file touches its skills: ${g.skills.join(', ')}`;
  return goalRow(id, folder, g, names, {
    tooltip: `${g.title} [${g.id}]\nOwner: ${g.ownerName}${g.mentors.length ? ` · mentor: ${mentorNames(g, names)}` : ''}\nRelated because ${matched}.`,
    contextValue: 'reviewGoal',
    path,
    children: questionRows(`${id}#`, folder, g.prompts, g, 'reviewQuestion', { path }),
  });
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
