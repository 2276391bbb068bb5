/**
 * One workspace folder's review prompts, read: which change (by the review mode, and for the
 * default mode the base found by git/reviewBase), its files' prompts, the goals it touches and
 * the hunks of the related files; and how the views say what the change was compared with.
 */
import * as vscode from 'vscode';
import { BASE_SOURCE_LABEL, BaseCandidate, FilePrompts, Hunk, promptsForChanges, TouchedGoal, touchedGoals } from '../../core/review';
import { plain } from '../../core/text';
import { FolderPrompts, relativeToFolder } from '../../core/view';
import { ChangeSource, ChangesError, readChanges } from '../../git/changes';
import { resolveReviewBase } from '../../git/reviewBase';
import type { Identity } from '../identity';
import type { FolderFile } from '../store';
import type { ReviewerSuggestions } from './reviewerSuggestions';

/**
 * What the prompts are computed for: `auto`, the branch under review since its base with the
 * uncommitted changes (the working tree against HEAD when no base is found); the working tree and
 * index alone; or the branch's commits since it left `base`.
 */
export type ReviewMode = { kind: 'auto' } | { kind: 'working-tree' } | { kind: 'branch'; base?: string };

export interface FolderResult {
  state: FolderPrompts;
  /** Ready folders: the prompts of every changed file (folder-relative paths). */
  files: FilePrompts[];
  /** The goals the change touches, each once. */
  goals: TouchedGoal[];
  /** Changed line ranges of the related files, by folder-relative path. */
  hunks: Record<string, Hunk[]>;
  /** The base the branch was compared with (branch and auto modes). */
  base?: string;
  /** Auto mode: the base found, and where it came from. */
  found?: BaseCandidate;
}

/** The `baseBranch` setting, when set. */
export function baseSetting(): string | undefined {
  return vscode.workspace.getConfiguration('mentoring.reviewPrompts').get<string>('baseBranch')?.trim() || undefined;
}

export async function readFolderPrompts(file: FolderFile, mode: ReviewMode, identity: Identity, reviewers: ReviewerSuggestions): Promise<FolderResult> {
  const none = (state: FolderPrompts): FolderResult => ({ state, files: [], goals: [], hunks: {} });
  if (!file.exists) return none({ kind: 'no-file' });
  const model = file.lastValid;
  if (!model) return none({ kind: 'error', message: vscode.l10n.t('The mentoring file has errors: fix them to see review prompts') });
  if (!vscode.workspace.isTrusted) return none({ kind: 'restricted' });
  if (file.folder.uri.scheme !== 'file') return none({ kind: 'error', message: vscode.l10n.t('Review prompts need a folder on this computer') });
  const dir = file.folder.uri.fsPath;
  let base: string | undefined;
  let found: BaseCandidate | undefined;
  try {
    let source: ChangeSource = { kind: 'working-tree' };
    if (mode.kind === 'branch') {
      base = mode.base ?? baseSetting() ?? (await resolveReviewBase(dir))?.ref;
      source = { kind: 'branch', base };
    } else if (mode.kind === 'auto') {
      const resolved = await resolveReviewBase(dir, baseSetting());
      if (resolved) {
        found = { ref: resolved.ref, source: resolved.source };
        base = resolved.ref;
        source = { kind: 'branch', base, withWorkingTree: true };
      }
    }
    const [changes, me] = await Promise.all([readChanges(dir, source), identity.resolve(file.folder, model)]);
    const changed = relativeToFolder(changes.files, changes.root, file.folder.uri.fsPath);
    const files = promptsForChanges(changed, model, { me });
    const statuses = Object.fromEntries(changed.map((f) => [f.path, f.status]));
    const names = Object.fromEntries(model.partners.map((p) => [p.id, p.name]));
    const related = new Set(files.filter((f) => f.goals.length).map((f) => f.path));
    const hunks = Object.fromEntries(changed.filter((f) => related.has(f.path)).map((f) => [f.path, f.hunks ?? []]));
    const existing = changes.files.filter((f) => f.status !== 'deleted').map((f) => f.path);
    const suggested = await reviewers.suggest(changes.root, model, existing, base).catch((e: unknown) => (console.error('Reviewer suggestions:', e), []));
    const state: FolderPrompts = {
      kind: 'ready',
      comparedWith: changes.comparedWith,
      files,
      statuses,
      names,
      ...(file.hasErrors ? { stale: true } : {}),
      ...(suggested.length ? { reviewers: suggested } : {}),
    };
    return { state, files, goals: touchedGoals(files), hunks, base, found };
  } catch (e) {
    const message = e instanceof ChangesError ? e.message : vscode.l10n.t('git failed: {0}', e instanceof Error ? e.message.trim() : String(e));
    const hint = base !== undefined && e instanceof ChangesError ? vscode.l10n.t(' (choose another base with “Review a Branch…”)') : '';
    return { state: { kind: 'error', message: message.charAt(0).toUpperCase() + message.slice(1) + hint }, files: [], goals: [], hunks: {}, base, found };
  }
}

/** What the change is compared with, short (a view's description) and in a sentence (its message). */
export function baseText(mode: ReviewMode, results: readonly FolderResult[]): { description: string; message: string } {
  const r = results.find((x) => x.state.kind === 'ready' || x.state.kind === 'error');
  if (mode.kind === 'branch') {
    const base = r?.base ?? mode.base ?? baseSetting() ?? vscode.l10n.t('its base');
    return { description: `${plain(base)}...HEAD`, message: plain(vscode.l10n.t('The commits since the branch left {0}.', base)) };
  }
  if (mode.kind === 'auto' && r?.found) {
    const { ref, source } = r.found;
    return {
      description: plain(vscode.l10n.t('since {0}', ref)),
      message: plain(vscode.l10n.t('Since {0} ({1}), uncommitted changes included.', ref, vscode.l10n.t(BASE_SOURCE_LABEL[source]))),
    };
  }
  return {
    description: vscode.l10n.t('working tree'),
    message:
      mode.kind === 'auto' && r
        ? vscode.l10n.t('Uncommitted changes against HEAD: no base branch found.')
        : vscode.l10n.t('Uncommitted changes against HEAD.'),
  };
}
