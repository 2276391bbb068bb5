/**
 * Code-review prompts in the editor: the "Review prompts" view (changed files that touch open
 * goals, with the goals and their questions), the "Mentoring" view in Source Control (review/
 * scmView), line labels in editors and diff editors (review/lineLabels), a CodeLens on each such
 * file (review/codeLens), the `Mentoring-Goal:` trailer in the Source Control input box, and "Log
 * Session About These Changes" from a goal (in the palette only while there are such changes, so
 * that it never comes before "Log Mentoring Session").
 *
 * Which change: by default the branch under review, since it left its base (the pull request's
 * base, VS Code's merge base, the `baseBranch` setting or origin/HEAD: git/reviewBase.ts),
 * uncommitted changes included; the working tree against HEAD when there is no base; or, chosen in
 * the view, the working tree alone or a branch against a base picked by hand. `git/changes.ts`
 * reads the change set in one `git diff -U0`, with the hunks the labels and CodeLens need and the
 * untracked files. The built-in git extension, when present, says
 * *when* to read again (`repository.state.onDidChange` fires after each status refresh), owns the
 * commit message box, and provides `git:` URIs and merge bases for diffs; without it, saves and a
 * file watcher trigger the reads. Git is never run in an untrusted workspace. Reads are debounced,
 * run in child processes (typing is never blocked), and the view and lenses only refresh when the
 * result differs from the last one.
 *
 * CodeLens rather than the Comments API: a lens is a lightweight, read-only line above the first
 * changed hunk, with no thread state to create, resolve or persist; it shows in plain editors and
 * on the modified side of diff editors (with `diffEditor.codeLens` on). Comment threads would claim
 * a reviewer's conversation UI for hints nobody wrote, and linger as stale threads when code moves.
 */
import * as vscode from 'vscode';
import type { FilePrompts, GoalPrompt, Hunk } from '../../core/review';
import { addGoalTrailer, GOAL_TRAILER } from '../../core/review';
import { plain } from '../../core/text';
import { buildPromptRows, goalsOf, PromptRow, reviewedNotes, ScmFolderInput } from '../../core/view';
import { command } from '../command';
import { entryRange } from '../locate';
import { GitApi, GitRepository, gitApi, repositoryFor } from '../gitApi';
import { Identity } from '../identity';
import { MentoringStore } from '../store';
import { ShownRows, treeItem } from '../treeItem';
import { codeLenses } from './codeLens';
import { baseSetting, baseText, FolderResult, readFolderPrompts, ReviewMode } from './folderPrompts';
import { fileUri, LabelledFile } from './lineLabels';
import { ReviewerSuggestions } from './reviewerSuggestions';

export type { ReviewMode } from './folderPrompts';

export const PROMPTS_VIEW_ID = 'mentoring.reviewPrompts';
/** True while some changed file relates to an open goal (for the palette's `when` clauses). */
const HAS_GOALS_CONTEXT = 'mentoring.reviewPrompts.hasGoals';
const DEBOUNCE_MS = 500;
const MODE_KEY = 'mentoring.reviewPrompts.mode';

/** A file or goal named by a command argument (rows are such objects too). */
interface FileArg {
  folder: string;
  path?: string;
  goal?: { id: string; partnership: string };
}

export class ReviewPrompts implements vscode.TreeDataProvider<PromptRow>, vscode.CodeLensProvider, vscode.Disposable {
  private readonly shown = new ShownRows<PromptRow>(() =>
    buildPromptRows(
      this.store.all().map((f) => ({ key: f.key, name: f.folder.name, state: this.results.get(f.key)?.state ?? { kind: f.exists ? 'loading' : 'no-file' } })),
    ),
  );
  readonly onDidChangeTreeData = this.shown.onDidChange;
  private readonly lensChanged = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.lensChanged.event;
  private readonly resultsChanged = new vscode.EventEmitter<void>();
  /** The results differ from the last ones (the Source Control view and the line labels follow). */
  readonly onDidChangeResults = this.resultsChanged.event;
  /** What the last Add Trailer said (tests read it; the user sees it as a notification). */
  lastTrailerNotice: string | undefined;
  private readonly disposables: vscode.Disposable[] = [this.shown, this.lensChanged, this.resultsChanged];
  private readonly repoListeners = new Map<GitRepository, vscode.Disposable>();

  private results = new Map<string, FolderResult>();
  /** The last result, serialised: nothing is refreshed when a read gives the same. */
  private resultKey = '';
  /** Changed file URI → its prompts, for CodeLens. */
  private byUri = new Map<string, { folder: string; file: FilePrompts; names: Record<string, string>; hunks: Hunk[] }>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private idle: { promise: Promise<void>; resolve: () => void } | undefined;
  private git: GitApi | undefined;
  private readonly reviewers = new ReviewerSuggestions();
  private disposed = false;
  view: vscode.TreeView<PromptRow> | undefined;

  constructor(
    private readonly store: MentoringStore,
    private readonly identity: Identity,
    private readonly state: vscode.Memento,
  ) {
    this.disposables.push(
      store.onDidChange(() => this.schedule()),
      identity.onDidChange(() => this.schedule()),
      vscode.workspace.onDidGrantWorkspaceTrust(() => {
        void this.connectGit();
        this.schedule(0);
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('mentoring.reviewPrompts.codeLens')) this.lensChanged.fire();
        if (e.affectsConfiguration('mentoring.reviewPrompts.baseBranch') && this.mode.kind !== 'working-tree') this.schedule(0);
      }),
    );
    this.schedule(0);
    if (vscode.workspace.isTrusted) void this.connectGit();
  }

  get mode(): ReviewMode {
    return this.state.get<ReviewMode>(MODE_KEY) ?? { kind: 'auto' };
  }

  async setMode(mode: ReviewMode): Promise<void> {
    await this.state.update(MODE_KEY, mode.kind === 'auto' ? undefined : mode);
    await setModeContext(mode);
    this.updateDescription();
    this.schedule(0);
    await this.whenIdle();
  }

  /** Reads the changes again after {@link DEBOUNCE_MS} (or `delay`), once for a burst of triggers. */
  schedule(delay = DEBOUNCE_MS): void {
    if (this.disposed) return;
    this.idle ??= deferred();
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.run();
    }, delay);
  }

  /** Settles when no read is pending or running. */
  whenIdle(): Promise<void> {
    return this.idle?.promise ?? Promise.resolve();
  }

  /** The prompts of each folder's changed files (folder key → files), as last read. */
  prompts(): Map<string, FilePrompts[]> {
    return new Map([...this.results].map(([k, r]) => [k, r.files]));
  }

  /** Settles once the mentoring files have been read. */
  ready(): Promise<void> {
    return this.store.ready;
  }

  folderOf(key: string): vscode.WorkspaceFolder | undefined {
    return this.store.get(key)?.folder;
  }

  /** Each folder's state and the goals its change touches, for the Source Control view. */
  scmFolders(): ScmFolderInput[] {
    return this.store.all().map((f) => {
      const r = this.results.get(f.key);
      return { key: f.key, name: f.folder.name, state: r?.state ?? { kind: f.exists ? 'loading' : 'no-file' }, goals: r?.goals ?? [] };
    });
  }

  /** The goals and hunks of a changed file that touches goals, for its line labels. */
  labelsFor(uri: vscode.Uri): LabelledFile | undefined {
    const hit = this.byUri.get(uri.toString());
    return hit && { goals: hit.file.goals, hunks: hit.hunks, names: hit.names };
  }

  /** What the change is compared with, short (a view's description) and in a sentence (its message). */
  baseText(): { description: string; message: string } {
    return baseText(this.mode, [...this.results.values()]);
  }

  // ── Tree ──────────────────────────────────────────────────────────────────────────────────────

  rows(): PromptRow[] {
    return this.shown.get();
  }

  async getChildren(row?: PromptRow): Promise<PromptRow[]> {
    if (row) return row.children;
    await this.store.ready;
    return this.rows();
  }

  getParent(row: PromptRow): PromptRow | undefined {
    return this.shown.parentOf(row);
  }

  getTreeItem(row: PromptRow): vscode.TreeItem {
    const item = treeItem(row, !(row.kind === 'goal' && row.children.length > 3));
    if (row.kind === 'file' && row.path) {
      const file = this.store.get(row.folder);
      if (file) item.resourceUri = fileUri(file.folder, row.path);
      item.iconPath = vscode.ThemeIcon.File;
    }
    return item;
  }

  // ── CodeLens ──────────────────────────────────────────────────────────────────────────────────

  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    if (!vscode.workspace.getConfiguration('mentoring.reviewPrompts', doc.uri).get<boolean>('codeLens', true)) return [];
    const hit = this.byUri.get(doc.uri.toString());
    return hit ? codeLenses(doc, hit.folder, hit.file, hit.names) : [];
  }

  // ── Commands ──────────────────────────────────────────────────────────────────────────────────

  /** Opens a changed file's diff (against HEAD, or the merge base in branch mode), or the file itself. */
  async openChange(arg: FileArg): Promise<void> {
    const file = this.store.get(arg.folder);
    if (!file || !arg.path) return;
    const uri = fileUri(file.folder, arg.path);
    const result = this.results.get(file.key);
    const status = result?.state.kind === 'ready' ? result.state.statuses[arg.path] : undefined;
    const repo = repositoryFor(this.git, uri);
    if (this.git && repo && status !== 'added' && status !== 'untracked' && status !== 'deleted') {
      const ref = result?.base === undefined ? 'HEAD' : await repo.getMergeBase(result.base, 'HEAD').catch(() => undefined);
      if (ref) {
        const title = vscode.l10n.t('{0} ({1} ↔ Working Tree)', arg.path.slice(arg.path.lastIndexOf('/') + 1), ref === 'HEAD' ? 'HEAD' : ref.slice(0, 8));
        await vscode.commands.executeCommand('vscode.diff', this.git.toGitUri(uri, ref), uri, title);
        return;
      }
    }
    if (status === 'deleted') {
      void vscode.window.showInformationMessage(vscode.l10n.t('{0} was deleted.', plain(arg.path)));
      return;
    }
    await vscode.window.showTextDocument(uri);
  }

  /** The goal in the review panel ("Mentoring: Review Goals"), or in the mentoring file without it. */
  async openGoal(arg: FileArg): Promise<void> {
    const file = this.store.get(arg.folder);
    if (!file || !arg.goal) return;
    if ((await vscode.commands.getCommands(true)).includes('mentoring.reviewGoals')) {
      await vscode.commands.executeCommand('mentoring.reviewGoals', { folder: file.key, partnership: arg.goal.partnership, goal: arg.goal.id });
      return;
    }
    const range = entryRange(file, { section: 'goals', id: arg.goal.id });
    if (!range) throw new Error(vscode.l10n.t('Goal “{0}” is not in the mentoring file any more.', arg.goal.id));
    await this.store.revealRange(file.key, range);
  }

  /** A QuickPick of a file's questions, by goal; the one picked is copied for a review comment. */
  async showQuestions(arg: FileArg): Promise<void> {
    const prompts = this.results.get(arg.folder)?.files.find((f) => f.path === arg.path);
    if (!prompts?.goals.length) return;
    type Item = vscode.QuickPickItem & { question?: string };
    const items: Item[] = prompts.goals.flatMap((g): Item[] => [
      { label: plain(g.title), kind: vscode.QuickPickItemKind.Separator },
      ...g.prompts.map((q): Item => ({ label: plain(q), question: q })),
    ]);
    const picked = await vscode.window.showQuickPick(items, {
      title: vscode.l10n.t('Review questions for {0}', plain(prompts.path)),
      placeHolder: vscode.l10n.t('Pick a question to copy it'),
    });
    if (picked?.question) {
      await vscode.env.clipboard.writeText(picked.question);
      void vscode.window.setStatusBarMessage(vscode.l10n.t('Question copied'), 3000);
    }
  }

  /**
   * Adds `Mentoring-Goal: <id>` to the commit message in the Source Control input box of the
   * folder's repository (never twice). Without a goal, asks which of the goals the changes touch.
   */
  async addTrailer(arg?: FileArg | vscode.SourceControl): Promise<string | undefined> {
    const target = arg && 'folder' in arg && typeof arg.folder === 'string' ? arg : undefined;
    const picked = target?.goal ? { folder: target.folder, goal: target.goal } : await this.pickGoal(vscode.l10n.t('Which goal does this commit work towards?'));
    if (!picked) return undefined;
    const file = this.store.get(picked.folder);
    if (!file) return undefined;
    const git = this.git ?? (vscode.workspace.isTrusted ? await this.connectGit() : undefined);
    const repo = repositoryFor(git, file.folder.uri);
    if (!repo) {
      throw new Error(vscode.l10n.t('Adding a commit trailer needs the Git extension and a repository for {0}.', plain(file.folder.name)));
    }
    const message = addGoalTrailer(repo.inputBox.value, picked.goal.id);
    const trailer = `${GOAL_TRAILER}: ${picked.goal.id}`;
    const title = goalsOf(this.results.get(picked.folder)?.files ?? []).find((g) => g.id === picked.goal.id && g.partnership === picked.goal.partnership)?.title;
    if (message !== repo.inputBox.value) {
      repo.inputBox.value = message;
      this.lastTrailerNotice = title
        ? vscode.l10n.t('Added “{0}” to the commit message: the commit works towards “{1}”.', trailer, title)
        : vscode.l10n.t('Added “{0}” to the commit message.', trailer);
    } else {
      this.lastTrailerNotice = vscode.l10n.t('The commit message already has “{0}”.', trailer);
    }
    void vscode.window.showInformationMessage(plain(this.lastTrailerNotice));
    return message;
  }

  /** "Mentoring: Log Session" for the goal, with the reviewed files as notes. */
  async logSession(arg?: FileArg): Promise<void> {
    const picked = arg?.goal ? { folder: arg.folder, goal: arg.goal } : await this.pickGoal(vscode.l10n.t('Log a session about which goal?'));
    if (!picked) return;
    if (!(await vscode.commands.getCommands(true)).includes('mentoring.logSession')) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Logging a session needs the “Mentoring: Log Session” command, which is not available.'));
      return;
    }
    const notes = reviewedNotes(this.results.get(picked.folder)?.files ?? [], picked.goal.id);
    await vscode.commands.executeCommand('mentoring.logSession', {
      folder: picked.folder,
      partnership: picked.goal.partnership,
      goals: [picked.goal.id],
      ...(notes ? { notes } : {}),
    });
  }

  /** Chooses the base to compare the branch with: the setting's, or one of the repository's branches. */
  async reviewBranch(): Promise<void> {
    const configured = baseSetting();
    const refs = new Set<string>(configured ? [configured] : []);
    const file = this.store.all().find((f) => f.exists) ?? this.store.all()[0];
    const repo = file && vscode.workspace.isTrusted ? repositoryFor(this.git ?? (await this.connectGit()), file.folder.uri) : undefined;
    const head = repo?.state.HEAD?.name;
    for (const ref of (await repo?.getBranches({ remote: true }).catch(() => [])) ?? []) {
      const name = ref.type === 1 && ref.remote && ref.name && !ref.name.startsWith(`${ref.remote}/`) ? `${ref.remote}/${ref.name}` : ref.name;
      if (name && name !== head && !name.endsWith('/HEAD')) refs.add(name);
    }
    type Item = vscode.QuickPickItem & { ref?: string };
    const items: Item[] = [...refs].map((ref) => ({ label: plain(ref), ref, description: ref === configured ? vscode.l10n.t('the mentoring.reviewPrompts.baseBranch setting') : undefined }));
    items.push({ label: vscode.l10n.t('Another ref…'), alwaysShow: true });
    const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Review the branch since it left…'), placeHolder: vscode.l10n.t('A branch, tag or commit to compare with') });
    if (!picked) return;
    const base = picked.ref ?? (await vscode.window.showInputBox({ title: vscode.l10n.t('Compare the branch with'), prompt: vscode.l10n.t('A branch, tag or commit'), validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('Name a ref')) }))?.trim();
    if (!base) return;
    await this.setMode({ kind: 'branch', base: base === configured ? undefined : base });
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
    this.idle?.resolve();
    vscode.Disposable.from(...this.disposables, ...this.repoListeners.values()).dispose();
  }

  // ── Reading ───────────────────────────────────────────────────────────────────────────────────

  private run(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.compute()
      .catch((e: unknown) => console.error('Review prompts:', e))
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.run();
        } else if (!this.timer) {
          this.idle?.resolve();
          this.idle = undefined;
        }
      });
  }

  private async compute(): Promise<void> {
    await this.store.ready;
    const next = new Map<string, FolderResult>();
    for (const file of this.store.all()) next.set(file.key, await readFolderPrompts(file, this.mode, this.identity, this.reviewers));
    if (this.disposed) return;
    this.results = next;
    const key = JSON.stringify([...next].map(([k, r]) => [k, r.state, r.base, r.found, r.hunks]));
    if (key === this.resultKey) return;
    this.resultKey = key;
    this.byUri = new Map();
    for (const [k, r] of next) {
      const file = this.store.get(k);
      if (!file || r.state.kind !== 'ready') continue;
      for (const f of r.files) {
        if (f.goals.length) this.byUri.set(fileUri(file.folder, f.path).toString(), { folder: k, file: f, names: r.state.names, hunks: r.hunks[f.path] ?? [] });
      }
    }
    this.updateDescription();
    this.shown.refresh();
    this.lensChanged.fire();
    this.resultsChanged.fire();
    // The commands about a change and its goals are in the palette only while there is such a change.
    void vscode.commands.executeCommand('setContext', HAS_GOALS_CONTEXT, this.byUri.size > 0);
  }

  /**
   * The git extension's API (once), subscribed to its repositories' changes; without it, saves and
   * file changes in the workspace trigger reads instead.
   */
  private connecting: Promise<GitApi | undefined> | undefined;
  private connectGit(): Promise<GitApi | undefined> {
    this.connecting ??= (async () => {
      const api = await gitApi();
      if (this.disposed) return undefined;
      if (!api) {
        const watcher = vscode.workspace.createFileSystemWatcher('**/*');
        const changed = (): void => this.schedule();
        this.disposables.push(watcher, watcher.onDidChange(changed), watcher.onDidCreate(changed), watcher.onDidDelete(changed), vscode.workspace.onDidSaveTextDocument(changed));
        return undefined;
      }
      this.git = api;
      const listen = (repo: GitRepository): void => {
        if (!this.repoListeners.has(repo)) this.repoListeners.set(repo, repo.state.onDidChange(() => this.schedule()));
      };
      api.repositories.forEach(listen);
      this.disposables.push(
        api.onDidOpenRepository((repo) => {
          listen(repo);
          this.schedule();
        }),
        api.onDidCloseRepository((repo) => {
          this.repoListeners.get(repo)?.dispose();
          this.repoListeners.delete(repo);
        }),
      );
      return api;
    })();
    return this.connecting;
  }

  private async pickGoal(title: string): Promise<{ folder: string; goal: { id: string; partnership: string } } | undefined> {
    await this.whenIdle();
    type Item = vscode.QuickPickItem & { folder: string; goal: GoalPrompt };
    const items: Item[] = [...this.results].flatMap(([folder, r]) =>
      goalsOf(r.files).map((goal) => ({ label: plain(goal.title), description: `${plain(goal.ownerName)} · ${plain(goal.id)}`, folder, goal })),
    );
    if (!items.length) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No changed file relates to an open mentoring goal.'));
      return undefined;
    }
    const picked = items.length === 1 ? items[0] : await vscode.window.showQuickPick(items, { title });
    return picked && { folder: picked.folder, goal: { id: picked.goal.id, partnership: picked.goal.partnership } };
  }

  private updateDescription(): void {
    if (this.view) this.view.description = this.baseText().description;
  }
}

async function setModeContext(mode: ReviewMode): Promise<void> {
  await vscode.commands.executeCommand('setContext', 'mentoring.reviewPrompts.branchMode', mode.kind === 'branch');
  await vscode.commands.executeCommand('setContext', 'mentoring.reviewPrompts.mode', mode.kind);
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** The view, the CodeLens provider and the commands of review prompts. */
export function registerReviewPrompts(context: vscode.ExtensionContext, store: MentoringStore, identity: Identity): ReviewPrompts {
  const prompts = new ReviewPrompts(store, identity, context.workspaceState);
  const view = vscode.window.createTreeView(PROMPTS_VIEW_ID, { treeDataProvider: prompts, showCollapseAll: true });
  prompts.view = view;
  void setModeContext(prompts.mode);
  context.subscriptions.push(
    prompts,
    view,
    vscode.languages.registerCodeLensProvider({ scheme: 'file' }, prompts),
    command('mentoring.reviewPrompts.refresh', async () => {
      prompts.schedule(0);
      await prompts.whenIdle();
    }),
    command('mentoring.reviewPrompts.reviewBranch', () => prompts.reviewBranch()),
    command('mentoring.reviewPrompts.reviewWorkingTree', () => prompts.setMode({ kind: 'working-tree' })),
    command('mentoring.reviewPrompts.reviewSinceBase', () => prompts.setMode({ kind: 'auto' })),
    command('mentoring.reviewPrompts.openChange', (arg: FileArg) => prompts.openChange(arg)),
    command('mentoring.reviewPrompts.openGoal', (arg: FileArg) => prompts.openGoal(arg)),
    command('mentoring.reviewPrompts.showQuestions', (arg: FileArg) => prompts.showQuestions(arg)),
    command('mentoring.reviewPrompts.logSession', (arg?: FileArg) => prompts.logSession(arg)),
    command('mentoring.addGoalTrailer', (arg?: FileArg | vscode.SourceControl) => prompts.addTrailer(arg)),
  );
  return prompts;
}
