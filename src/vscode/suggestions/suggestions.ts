/**
 * The "Suggestions" view: who knows what, knowledge islands, mutual matches and suggested goals,
 * from the git history (`git/analyze.ts`) and the mentoring file. Rows come from
 * `core/suggestion-rows`; this module runs the analysis and the actions.
 *
 * The history is read lazily: when the view shows its rows or a command asks, never during
 * activation, and never in an untrusted workspace. It is read, scored and made into the view's rows
 * in a worker thread (`git/analysisHost.ts`), one per folder, which keeps the analysis to score it
 * again when the file or a setting changes: the extension host's thread only shows the rows it
 * sends back. Cancel terminates the worker. Each run shows progress on the view, and a
 * cancellable notification once it takes longer than {@link NOTIFY_AFTER_MS}. Results are cached in
 * the extension's global storage, so later runs read only the commits added since. A run is due
 * again when HEAD moves (the built-in git extension's repository state, when it is there; else on
 * refresh) or the file's team skill areas change; it starts at once if the view is visible, else
 * the next time it is shown.
 *
 * Settings (per folder): `mentoring.suggestions.activeMonths` (who counts as active: scores are
 * computed again, the history is not read again) and `mentoring.suggestions.botPatterns` (more
 * authors to leave out: the history is read again). "Suggest .mailmap Lines" opens, in an untitled
 * document, the `.mailmap` lines for people who appear under several addresses. Who is listed: `teamScope.ts`.
 */
import * as path from 'path';
import * as vscode from 'vscode';
import type { MentoringFile } from '../../core/file';
import { checkActiveMonths, DEFAULT_ACTIVE_MONTHS, MailmapSuggestion } from '../../core/expertise';
import type { Match, SuggestOptions } from '../../core/expertise';
import { plain } from '../../core/text';
import { AnalysisStatus, buildSuggestionRows, SuggestionRow } from '../../core/view';
import { AnalysisError, AnalysisWorker } from '../../git/analysisHost';
import type { AnalysisRead, AnalysisResult, AnalysisView } from '../../protocol/analysis';
import { command } from '../command';
import { GeneratedDocuments } from '../generatedDocs';
import { GitApi, GitRepository, gitApi, repositoryFor } from '../gitApi';
import { FolderFile, MentoringStore } from '../store';
import { addGoal, createPartnership } from './suggestionActions';
import { TeamScope } from './teamScope';
import { rowWidthSetting, ShownRows, treeItem } from '../treeItem';

export const SUGGESTIONS_VIEW_ID = 'mentoring.suggestions';
/** A run that takes longer than this also shows a notification, with Cancel. */
const NOTIFY_AFTER_MS = 2000;
/** Rows follow a running analysis's commit count at most this often. */
const PROGRESS_EVERY_MS = 250;

/** What the rows were made for: a change of any of these scores the analysis again (in the worker). */
interface ViewInputs {
  model: MentoringFile | undefined;
  activeMonths: number;
  hasErrors: boolean;
  name: string;
  options: string;
  /** The side bar width the rows are fitted to (`mentoring.views.rowWidth`). */
  width: number;
}

type RunState = Exclude<AnalysisStatus, { state: 'done' } | { state: 'shown' }> | { state: 'done'; result: AnalysisResult; inputs: ViewInputs };

interface FolderState {
  /** While a run reads the history again, the previous result stays on show. */
  status: RunState;
  /** Commits read so far by the current run. */
  commitsRead: number;
  /** The team skill areas the analysis classified with (JSON), to notice when they change. */
  skills: string;
  /** A new run is due (HEAD moved, skills changed) but the view was hidden. */
  stale: boolean;
  run?: { id: number; controller: AbortController; done: Promise<void> };
  /** The bot patterns the analysis left out (JSON), to notice when the setting changes. */
  bots: string;
  /** The worker thread that reads and scores this folder's history, and holds its last analysis. */
  worker: AnalysisWorker;
  /** What the last run read: scoring again asks the worker for the same. */
  read?: AnalysisRead;
  /** The inputs being scored again in the worker, while it does. */
  scoring?: ViewInputs;
}

const sameInputs = (a: ViewInputs, b: ViewInputs): boolean =>
  a.model === b.model && a.activeMonths === b.activeMonths && a.hasErrors === b.hasErrors && a.name === b.name && a.options === b.options && a.width === b.width;

/** The folder's suggestion settings (also read by "Create Mentoring File"), with anything invalid replaced by the default. */
export function suggestionSettings(folder: vscode.WorkspaceFolder): { activeMonths: number; botPatterns: string[] } {
  const config = vscode.workspace.getConfiguration('mentoring.suggestions', folder.uri);
  const months = checkActiveMonths(config.get<number>('activeMonths', DEFAULT_ACTIVE_MONTHS));
  const patterns = config.get<unknown>('botPatterns', []);
  return {
    activeMonths: typeof months === 'number' ? months : DEFAULT_ACTIVE_MONTHS,
    botPatterns: Array.isArray(patterns) ? patterns.filter((p): p is string => typeof p === 'string' && p.length > 0) : [],
  };
}

export class SuggestionsView implements vscode.TreeDataProvider<SuggestionRow>, vscode.Disposable {
  private readonly shown = new ShownRows<SuggestionRow>(() => this.build());
  readonly onDidChangeTreeData = this.shown.onDidChange;
  private readonly disposables: vscode.Disposable[] = [this.shown];
  private readonly folders = new Map<string, FolderState>();
  private readonly repoListeners = new Map<GitRepository, vscode.Disposable>();
  private git: Promise<GitApi | undefined> | undefined;
  private runs = 0;
  private hasMailmap: boolean | undefined;
  private redraw: NodeJS.Timeout | undefined;
  readonly view: vscode.TreeView<SuggestionRow>;

  constructor(
    private readonly store: MentoringStore,
    /** Where the history analysis is cached (in the extension's global storage). */
    readonly cacheDir: string,
    readonly scope: TeamScope,
  ) {
    this.view = vscode.window.createTreeView(SUGGESTIONS_VIEW_ID, { treeDataProvider: this, showCollapseAll: true });
    this.disposables.push(
      this.view,
      this.view.onDidChangeVisibility((e) => {
        if (e.visible) this.startDue();
      }),
      store.onDidChange((file) => this.fileChanged(file)),
      vscode.workspace.onDidGrantWorkspaceTrust(() => {
        this.refresh();
        if (this.view.visible) this.startDue();
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('mentoring.views.rowWidth')) this.refresh();
        if (!e.affectsConfiguration('mentoring.suggestions')) return;
        for (const file of this.store.all()) {
          const f = this.folders.get(file.key);
          if (f && f.bots !== JSON.stringify(suggestionSettings(file.folder).botPatterns)) this.due(file.key);
        }
        this.refresh();
      }),
    );
  }

  /** The suggested `.mailmap` lines of a folder's analysis (empty before one is done). */
  mailmapOf(folderKey: string): MailmapSuggestion[] {
    const file = this.store.get(folderKey);
    if (!file) return [];
    this.statusOf(file);
    const status = this.folders.get(folderKey)?.status;
    return status?.state === 'done' ? status.result.mailmap : [];
  }

  /**
   * The mutual matches of a folder's last analysis, best first (undefined before one is done): what
   * the Team Overview suggests to people without a partner. Starts no analysis.
   */
  matchesOf(folderKey: string): readonly Match[] | undefined {
    const file = this.store.get(folderKey);
    if (!file) return undefined;
    // Scored in the worker with the rows; a changed file is scored again there, and the view's change event follows.
    this.statusOf(file);
    const status = this.folders.get(folderKey)?.status;
    return status?.state === 'done' ? status.result.matches : undefined;
  }

  /** Rebuilds the rows from what is known (no analysis started). */
  refresh(): void {
    this.shown.refresh();
  }

  /**
   * Reads the history of every folder again (only new commits, thanks to the cache; the whole
   * history with `full`) and resolves when all runs have ended.
   */
  async analyze(options: { full?: boolean } = {}): Promise<void> {
    await this.store.ready;
    if (!vscode.workspace.isTrusted) return this.refresh();
    await Promise.all(this.store.all().map((f) => this.start(f, options.full ?? false)));
  }

  /** The folder's analysis state, for tests and commands. */
  status(folderKey: string): RunState['state'] | undefined {
    return this.folders.get(folderKey)?.status.state;
  }

  async getChildren(row?: SuggestionRow): Promise<SuggestionRow[]> {
    if (row) return row.children;
    await this.store.ready;
    // Showing the rows is what asks for the analysis.
    this.startDue();
    this.scope.follow(this.store.all());
    return this.rows();
  }

  getParent(row: SuggestionRow): SuggestionRow | undefined {
    return this.shown.parentOf(row);
  }

  getTreeItem(row: SuggestionRow): vscode.TreeItem {
    return treeItem(row, !!row.expanded);
  }

  /** The current top-level rows (built on demand). */
  rows(): SuggestionRow[] {
    return this.shown.get();
  }

  private build(): SuggestionRow[] {
    const files = this.store.all();
    const only = files.length === 1 ? this.folders.get(files[0].key)?.status : undefined;
    this.view.description = only?.state === 'done' ? vscode.l10n.t('{0} commits', only.result.commits) : undefined;
    const folders = files.map((f) => ({ key: f.key, name: f.folder.name, status: this.statusOf(f), mentoring: f.lastValid, hasErrors: f.hasErrors }));
    const hasMailmap = files.some((f) => this.mailmapOf(f.key).length > 0);
    if (hasMailmap !== this.hasMailmap) {
      this.hasMailmap = hasMailmap;
      void vscode.commands.executeCommand('setContext', 'mentoring.suggestions.hasMailmap', hasMailmap);
    }
    return buildSuggestionRows({ trusted: vscode.workspace.isTrusted, folders, options: this.rowOptions(), width: rowWidthSetting() });
  }

  /** What the rows are asked for (the worker builds a done folder's rows with these). */
  private rowOptions(): SuggestOptions {
    return { everyone: this.scope.everyone };
  }

  dispose(): void {
    clearTimeout(this.redraw);
    for (const f of this.folders.values()) {
      f.run?.controller.abort();
      f.worker.terminate();
    }
    vscode.Disposable.from(...this.repoListeners.values(), ...this.disposables).dispose();
  }

  /**
   * The folder's status as the rows show it. When the file, a setting or the options changed since
   * the rows were made, the worker scores its analysis again; the rows shown until then are the last ones.
   */
  private statusOf(file: FolderFile): AnalysisStatus {
    const f = this.folders.get(file.key);
    if (!f) return { state: 'idle' };
    if (f.status.state === 'running') return { state: 'running', commitsRead: f.commitsRead };
    if (f.status.state !== 'done') return f.status;
    const inputs = this.inputsOf(file);
    if (!sameInputs(f.status.inputs, inputs) && !(f.scoring && sameInputs(f.scoring, inputs))) this.score(file, f, inputs);
    return { state: 'shown', rows: f.status.result.rows };
  }

  private inputsOf(file: FolderFile): ViewInputs {
    return { model: file.lastValid, activeMonths: suggestionSettings(file.folder).activeMonths, hasErrors: file.hasErrors, name: file.folder.name, options: JSON.stringify(this.rowOptions()), width: rowWidthSetting() };
  }

  private viewOf(file: FolderFile, inputs: ViewInputs): AnalysisView {
    return { key: file.key, name: inputs.name, mentoring: inputs.model, hasErrors: inputs.hasErrors, activeMonths: inputs.activeMonths, options: JSON.parse(inputs.options) as SuggestOptions, width: inputs.width };
  }

  /** Scores the analysis the worker holds again, for the file and settings now (it reads the history only if it holds none). */
  private score(file: FolderFile, f: FolderState, inputs: ViewInputs): void {
    if (!f.read || !vscode.workspace.isTrusted) return;
    f.scoring = inputs;
    f.worker.run({ read: f.read, fresh: false, view: this.viewOf(file, inputs) }).then(
      (result) => {
        if (this.folders.get(file.key) !== f || f.scoring !== inputs) return;
        f.scoring = undefined;
        if (f.status.state !== 'done') return;
        f.status = { state: 'done', result, inputs };
        this.refresh();
      },
      (e: unknown) => {
        if (this.folders.get(file.key) !== f || f.scoring !== inputs) return;
        f.scoring = undefined;
        // A worker stopped by a cancelled or newer run leaves the rows as they are; an error in the analysis is shown.
        if (e instanceof AnalysisError && f.status.state === 'done' && !f.run) {
          f.status = { state: 'failed', message: e.message };
          this.refresh();
        }
      },
    );
  }

  /** Starts the runs that are due: folders never analysed, or stale ones. */
  private startDue(): void {
    if (!vscode.workspace.isTrusted) return;
    for (const file of this.store.all()) {
      const f = this.folders.get(file.key);
      if (!f || (f.stale && !f.run)) void this.start(file, false);
    }
  }

  private fileChanged(file: FolderFile | undefined): void {
    for (const f of file ? [file] : this.store.all()) {
      const state = this.folders.get(f.key);
      if (state && state.skills !== skillsKey(f.lastValid)) this.due(f.key);
    }
    this.refresh();
  }

  /** Marks a folder's analysis as due; runs it now when the view is visible. */
  private due(key: string): void {
    const f = this.folders.get(key);
    if (!f) return;
    f.stale = true;
    if (this.view.visible) this.startDue();
  }

  private start(file: FolderFile, full: boolean): Promise<void> {
    const previous = this.folders.get(file.key);
    previous?.run?.controller.abort();
    const skills = file.lastValid?.skills ?? [];
    const kept = previous?.status.state === 'done' ? previous.status : undefined;
    const { botPatterns } = suggestionSettings(file.folder);
    const f: FolderState = {
      status: kept ?? { state: 'running', commitsRead: 0 },
      commitsRead: 0,
      skills: skillsKey(file.lastValid),
      bots: JSON.stringify(botPatterns),
      stale: false,
      worker: previous?.worker ?? new AnalysisWorker(),
      read: previous?.read,
    };
    this.folders.set(file.key, f);
    if (file.folder.uri.scheme !== 'file') {
      f.status = { state: 'virtual' };
      this.refresh();
      return Promise.resolve();
    }
    const id = ++this.runs;
    const controller = new AbortController();
    /** A newer run (or a reset) replaces this one: its result is then dropped. */
    const current = (): boolean => this.folders.get(file.key) === f && f.run?.id === id;
    const started = Date.now();
    let lastDraw = 0;
    const read: AnalysisRead = { repoDir: file.folder.uri.fsPath, cacheDir: this.cacheDir, noCache: full, teamSkills: skills, botPatterns };
    const inputs = this.inputsOf(file);
    const work = f.worker.run({ read, fresh: true, view: this.viewOf(file, inputs) }, {
      signal: controller.signal,
      onProgress: (n) => {
        f.commitsRead = n;
        if (Date.now() - lastDraw > PROGRESS_EVERY_MS) {
          lastDraw = Date.now();
          this.scheduleRedraw();
        }
      },
    });
    const done = work.then(
      (result) => {
        if (!current()) return;
        f.read = { ...read, noCache: false };
        f.status = result.mode === 'empty' ? { state: 'empty' } : { state: 'done', result, inputs };
        if (result.head) void this.watchHead(file, result.head);
      },
      (e: unknown) => {
        if (!current()) return;
        // A cancelled run leaves the previous result, if any.
        if (controller.signal.aborted) f.status = kept ?? { state: 'cancelled' };
        else if (e instanceof AnalysisError && e.kind === 'not-a-repository') f.status = { state: 'not-a-repository' };
        else f.status = { state: 'failed', message: e instanceof Error ? e.message : String(e) };
      },
    );
    f.run = { id, controller, done };
    const finished = done.then(() => {
      if (!current()) return;
      f.run = undefined;
      this.refresh();
      // HEAD moved or the skill areas changed while it ran.
      if (f.stale && this.view.visible) this.startDue();
    });
    this.refresh();
    void vscode.window.withProgress({ location: { viewId: SUGGESTIONS_VIEW_ID } }, () => finished);
    const timer = setTimeout(() => {
      if (!current()) return;
      void vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Reading the git history of {0} for suggestions', plain(file.folder.name)), cancellable: true },
        async (progress, token) => {
          token.onCancellationRequested(() => controller.abort());
          const tick = setInterval(() => {
            progress.report({ message: vscode.l10n.t('{0} commits read ({1} s)', f.commitsRead, Math.round((Date.now() - started) / 1000)) });
          }, 500);
          try {
            await finished;
          } finally {
            clearInterval(tick);
          }
        },
      );
    }, NOTIFY_AFTER_MS);
    return finished.finally(() => clearTimeout(timer));
  }

  private scheduleRedraw(): void {
    if (this.redraw) return;
    this.redraw = setTimeout(() => {
      this.redraw = undefined;
      this.refresh();
    }, 0);
  }

  /**
   * Follows HEAD through the built-in git extension (when it is there): a commit, checkout or pull
   * makes the analysis due again. Without the extension, refresh reads new commits.
   */
  private async watchHead(file: FolderFile, head: string): Promise<void> {
    this.git ??= gitApi().then((api) => {
      if (api) this.disposables.push(api.onDidOpenRepository(() => this.listenToRepositories(api)));
      return api;
    });
    const api = await this.git;
    if (!api) return;
    this.listenToRepositories(api);
    const current = repositoryFor(api, file.folder.uri)?.state.HEAD?.commit;
    if (current && current !== head) this.due(file.key);
  }

  private listenToRepositories(api: GitApi): void {
    for (const repo of api.repositories) {
      if (this.repoListeners.has(repo)) continue;
      this.repoListeners.set(
        repo,
        repo.state.onDidChange(() => {
          const commit = repo.state.HEAD?.commit;
          if (!commit) return;
          for (const file of this.store.all()) {
            const f = this.folders.get(file.key);
            if (f?.status.state !== 'done' || f.status.result.head === commit) continue;
            if (repositoryFor(api, file.folder.uri) === repo) this.due(file.key);
          }
        }),
      );
    }
  }
}

function skillsKey(model: MentoringFile | undefined): string {
  return JSON.stringify((model?.skills ?? []).map((s) => [s.id, s.name, s.paths]));
}

/** The view, its actions and refresh commands. */
export function registerSuggestions(context: vscode.ExtensionContext, store: MentoringStore, docs: GeneratedDocuments): SuggestionsView {
  const view = new SuggestionsView(store, path.join(context.globalStorageUri.fsPath, 'history'), new TeamScope(context.workspaceState));
  const show = (everyone: boolean) => view.scope.show(everyone).then(() => view.refresh());
  context.subscriptions.push(
    view,
    command('mentoring.suggestions.refresh', async () => {
      await store.refresh();
      await view.analyze();
    }),
    command('mentoring.suggestions.analyzeAgain', () => view.analyze({ full: true })),
    command('mentoring.suggestions.showEveryone', () => show(true)),
    command('mentoring.suggestions.showTeamOnly', () => show(false)),
    command('mentoring.suggestions.showMailmap', (arg?: { folder?: string }) => showMailmap(store, view, docs, arg?.folder)),
    command('mentoring.createPartnership', (row?: SuggestionRow, how?: Parameters<typeof createPartnership>[2]) => createPartnership(store, row, how)),
    command('mentoring.addSuggestedGoal', (row?: SuggestionRow, given?: { title?: string }) => addGoal(store, row, given)),
  );
  return view;
}

/**
 * Opens the suggested `.mailmap` lines of a folder (the only one with suggestions, or the one
 * picked) in a read-only document with Copy, for the user to review and copy into `.mailmap`; writes nothing.
 */
async function showMailmap(store: MentoringStore, view: SuggestionsView, docs: GeneratedDocuments, key: string | undefined): Promise<vscode.TextDocument | undefined> {
  await store.ready;
  const candidates = (key !== undefined ? [store.get(key)] : store.all()).filter((f): f is FolderFile => !!f && view.mailmapOf(f.key).length > 0);
  let file = candidates[0];
  if (candidates.length > 1) {
    file = (await vscode.window.showQuickPick(candidates.map((f) => ({ label: plain(f.folder.name), file: f })), { placeHolder: vscode.l10n.t('Folder whose .mailmap lines to show') }))?.file as FolderFile;
  }
  if (!file) {
    if (candidates.length === 0) void vscode.window.showInformationMessage(vscode.l10n.t('Nobody appears under several addresses with the same name.'));
    return undefined;
  }
  const lines = view.mailmapOf(file.key).flatMap((m) => m.lines);
  const header = [
    vscode.l10n.t('# Suggested .mailmap lines for {0}: people who appear under several addresses with the same name.', file.folder.name),
    vscode.l10n.t('# Each line maps an address to the name and address of the same person’s latest commit.'),
    vscode.l10n.t('# Check each one, then add those you agree with to .mailmap at the root of the repository.'),
  ];
  const uri = await docs.show({
    key: `mailmap/${file.folder.index}`,
    title: vscode.l10n.t('Suggested .mailmap lines — {0}', file.folder.name),
    shown: [...header, ...lines].join('\n') + '\n',
    language: 'plaintext',
    folder: file.folder.uri,
  });
  return vscode.workspace.openTextDocument(uri);
}
