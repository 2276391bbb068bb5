/**
 * "Mentoring: Review Goals": one webview panel per partnership with its summary, session timeline
 * and goals (core/reviewData), plus each goal's commits from git (git/evidence, never read in an
 * untrusted workspace). The webview's messages are checked with the protocol's guards; reviews are
 * written through the store. Panels come back after a reload from the webview's state.
 */
import * as vscode from 'vscode';
import { localToday } from '../../core/dates';
import { addGoalReview, EditError, EditResult } from '../../core/file';
import { evidenceGoals } from '../../core/review';
import type { MentoringFile, Partnership } from '../../core/file';
import { buildReviewData, EVIDENCE_LOADING } from '../../core/mentoring';
import { goalRef } from '../../core/notes';
import { plain } from '../../core/text';
import { readEvidence, showCommit } from '../../git/evidence';
import { isWebviewMessage } from '../../protocol/review';
import type { GoalEvidence, HostToWebview, WebviewToHost } from '../../protocol/review';
import { entryRange } from '../locate';
import { writeAndConfirm } from '../confirmWrite';
import { evidenceBlocked, RESTRICTED_REASON } from '../evidence';
import { Identity } from '../identity';
import { PREPARE_COMMAND } from '../prepareSession';
import { folderWith, partnershipTarget } from '../partnershipTarget';
import type { PrivateNotes } from '../notes';
import { showWebviewPage, webviewOptions } from './webviewPage';
import { FolderFile, MentoringStore, vscodeRange } from '../store';

export const REVIEW_VIEW_TYPE = 'mentoring.review';
export const REVIEW_COMMAND = 'mentoring.reviewGoals';
const COMMIT_SCHEME = 'mentoring-commit';

const RESTRICTED_EVIDENCE: GoalEvidence = { available: false, reason: RESTRICTED_REASON };

/** The command's argument from code: `{ folder?, partnership, goal? }` (folder: a workspace folder key). */
export interface ReviewArgs {
  folder?: string;
  partnership: string;
  /** A goal to open and scroll to. */
  goal?: string;
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

export function registerReviewPanel(context: vscode.ExtensionContext, store: MentoringStore, identity: Identity, notes?: PrivateNotes): ReviewPanels {
  const panels = new ReviewPanels(context.extensionUri, store, identity, notes);
  context.subscriptions.push(
    panels,
    vscode.commands.registerCommand(REVIEW_COMMAND, async (arg?: unknown) => {
      try {
        await panels.open(arg);
      } catch (e) {
        void vscode.window.showErrorMessage(plain(e instanceof Error ? e.message : String(e)));
      }
    }),
    vscode.window.registerWebviewPanelSerializer(REVIEW_VIEW_TYPE, { deserializeWebviewPanel: (panel, state: unknown) => panels.restore(panel, state) }),
    vscode.workspace.registerTextDocumentContentProvider(COMMIT_SCHEME, { provideTextDocumentContent: (uri) => panels.commitText(uri) }),
  );
  return panels;
}

/** The open review panels, one per workspace folder and partnership. */
export class ReviewPanels implements vscode.Disposable {
  private readonly panels = new Map<string, ReviewPanel>();
  private readonly disposables: vscode.Disposable[];

  constructor(
    private readonly extensionUri: vscode.Uri,
    readonly store: MentoringStore,
    readonly identity: Identity,
    readonly notes?: PrivateNotes,
  ) {
    this.disposables = [
      store.onDidChange((file) => {
        for (const p of this.panels.values()) if (!file || file.key === p.folderKey) p.refresh();
      }),
      ...(notes ? [notes.onDidChange(() => this.panels.forEach((p) => p.refresh()))] : []),
      identity.onDidChange(() => this.panels.forEach((p) => p.refresh())),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.panels.forEach((p) => p.refresh(true))),
    ];
  }

  /** The panel of a partnership, if open. */
  find(folderKey: string, partnershipId: string): ReviewPanel | undefined {
    return this.panels.get(panelKey(folderKey, partnershipId));
  }

  /** Opens (or reveals) the panel the command's argument names; asks when it names none. */
  async open(arg?: unknown): Promise<ReviewPanel | undefined> {
    await this.store.ready;
    const target = await partnershipTarget(this.store, this.identity, arg, { title: vscode.l10n.t('Review Goals'), placeHolder: vscode.l10n.t('Which partnership’s goals?') });
    if (!target) return undefined;
    const existing = this.find(target.file.key, target.partnership);
    if (existing) {
      existing.panel.reveal(existing.panel.viewColumn);
      if (target.goal) existing.revealGoal(target.goal);
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(REVIEW_VIEW_TYPE, vscode.l10n.t('Goal Review'), vscode.ViewColumn.Active, webviewOptions(this.extensionUri));
    return this.attach(panel, target.file.key, target.partnership, target.goal);
  }

  /** Brings back a panel VS Code kept across a reload, from the webview's state. */
  async restore(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    await this.store.ready;
    const partnership = isRecord(state) && typeof state.partnershipId === 'string' ? state.partnershipId : undefined;
    const folder = isRecord(state) && typeof state.folder === 'string' ? state.folder : undefined;
    const file = partnership === undefined ? undefined : (folder !== undefined ? this.store.get(folder) : undefined) ?? folderWith(this.store, partnership);
    if (!file || partnership === undefined || this.find(file.key, partnership)) {
      panel.dispose();
      return;
    }
    panel.webview.options = webviewOptions(this.extensionUri);
    this.attach(panel, file.key, partnership);
  }

  /** The text of a `mentoring-commit:` document: `git show` of the commit. */
  async commitText(uri: vscode.Uri): Promise<string> {
    const query = new URLSearchParams(uri.query);
    const file = this.store.get(query.get('folder') ?? '');
    const hash = query.get('hash') ?? '';
    if (!file) return vscode.l10n.t('The workspace folder of this commit is not open.');
    if (!vscode.workspace.isTrusted) return vscode.l10n.t('Restricted Mode: git is not read in an untrusted workspace.');
    return showCommit(file.folder.uri.fsPath, hash);
  }

  dispose(): void {
    for (const p of [...this.panels.values()]) p.panel.dispose();
    vscode.Disposable.from(...this.disposables).dispose();
  }

  private attach(panel: vscode.WebviewPanel, folderKey: string, partnership: string, goal?: string): ReviewPanel {
    const key = panelKey(folderKey, partnership);
    showWebviewPage(panel, this.extensionUri, 'webview');
    const view = new ReviewPanel(panel, folderKey, partnership, this, () => this.panels.delete(key));
    this.panels.set(key, view);
    if (goal) view.revealGoal(goal);
    view.refresh();
    return view;
  }
}

/** "Alice Chen & Bob Diaz": the partnership's members by name, as the panel's heading says them. */
function memberNames(model: MentoringFile, p: Partnership): string {
  return p.members.map((m) => model.partners.find((x) => x.id === m)?.name ?? m).join(' & ');
}

function panelKey(folderKey: string, partnershipId: string): string {
  return `${folderKey}\n${partnershipId}`;
}

/** One partnership's panel: data after `ready`, again with evidence; the webview's requests. */
export class ReviewPanel {
  private ready = false;
  private readonly disposables: vscode.Disposable[] = [];
  /** Each goal's evidence from the last git read. */
  private evidence = new Map<string, GoalEvidence>();
  /** What the last git read was for (goals, paths, owners); a change reads again. */
  private evidenceFor: string | undefined;
  private evidenceRun = 0;
  private abort: AbortController | undefined;
  private pendingGoal: string | undefined;
  /** Private reflections typed in the forms, by goal: in memory only, never in the webview's saved state. */
  private readonly drafts = new Map<string, string>();

  constructor(
    readonly panel: vscode.WebviewPanel,
    readonly folderKey: string,
    readonly partnershipId: string,
    private readonly owner: ReviewPanels,
    onDispose: () => void,
  ) {
    this.disposables.push(
      panel.webview.onDidReceiveMessage((m: unknown) => {
        if (isWebviewMessage(m)) void this.handle(m);
      }),
      panel.onDidChangeViewState(() => {
        // A hidden webview is torn down; it says `ready` again when shown.
        if (!panel.visible) this.ready = false;
      }),
      panel.onDidDispose(() => {
        this.abort?.abort();
        onDispose();
        vscode.Disposable.from(...this.disposables).dispose();
      }),
    );
  }

  /** Opens and scrolls to a goal once the panel shows its data. */
  revealGoal(goalId: string): void {
    if (this.ready) void this.post({ type: 'revealGoal', goalId });
    else this.pendingGoal = goalId;
  }

  /** Sends the current data (when the webview listens), then reads the evidence again if needed. */
  refresh(rereadEvidence = false): void {
    if (rereadEvidence) {
      this.evidence.clear();
      this.evidenceFor = undefined;
    }
    const file = this.owner.store.get(this.folderKey);
    const model = file?.lastValid;
    const ps = model?.partnerships.find((p) => p.id === this.partnershipId);
    this.panel.title = vscode.l10n.t('Goal Review: {0}', plain(ps && model ? memberNames(model, ps) : this.partnershipId));
    if (!this.ready) return;
    if (!file || !model) {
      void this.post({ type: 'error', message: file?.exists ? vscode.l10n.t('The mentoring file has errors; fix them to review goals.') : vscode.l10n.t('There is no mentoring file in this workspace folder.') });
      return;
    }
    if (!ps) {
      void this.post({ type: 'error', message: vscode.l10n.t('Partnership “{0}” is not in the mentoring file any more.', this.partnershipId) });
      return;
    }
    this.send(file, model);
    const goals = evidenceGoals(model, this.partnershipId);
    const inputs = JSON.stringify(goals);
    if (inputs !== this.evidenceFor) void this.loadEvidence(file, model, inputs);
  }

  /** Acts on a checked message from the webview. */
  async handle(message: WebviewToHost): Promise<void> {
    try {
      switch (message.type) {
        case 'ready':
          this.ready = true;
          this.evidenceFor = undefined;
          this.refresh();
          if (this.pendingGoal) {
            void this.post({ type: 'revealGoal', goalId: this.pendingGoal });
            this.pendingGoal = undefined;
          }
          return;
        case 'saveReview':
          return await this.save(message);
        case 'reflectionDraft':
          if (message.text) this.drafts.set(message.goalId, message.text);
          else this.drafts.delete(message.goalId);
          return;
        case 'logSession':
          return await this.logSession(message.goalId);
        case 'prepareSession':
          await vscode.commands.executeCommand(PREPARE_COMMAND, { folder: this.folderKey, partnership: this.partnershipId, beside: true });
          return;
        case 'openGoal':
          return await this.openGoal(message.goalId);
        case 'openCommit':
          return await this.openCommit(message.hash);
      }
    } catch (e) {
      void vscode.window.showErrorMessage(plain(e instanceof Error ? e.message : String(e)));
    }
  }

  private send(file: FolderFile, model: MentoringFile): void {
    const data = buildReviewData(model, this.partnershipId, localToday(), {
      me: this.owner.identity.me(file.folder, model),
      folder: this.folderKey,
      evidence: (goal) => this.evidence.get(goal),
      pending: vscode.workspace.isTrusted ? EVIDENCE_LOADING : RESTRICTED_EVIDENCE,
      private: this.owner.notes?.view(file.key, model, this.drafts),
    });
    if (!data) return;
    void this.post({ type: 'data', data });
    if (file.hasErrors) {
      const shown = file.shown;
      const message =
        shown?.from === 'commit'
          ? vscode.l10n.t('The mentoring file has errors: this shows its version committed on {0}. Saving is refused until they are fixed.', shown.date)
          : vscode.l10n.t('The mentoring file has errors: this shows its last valid content. Saving is refused until they are fixed.');
      void this.post({ type: 'error', message });
    }
  }

  private async loadEvidence(file: FolderFile, model: MentoringFile, inputs: string): Promise<void> {
    this.evidenceFor = inputs;
    const goals = evidenceGoals(model, this.partnershipId);
    if (!vscode.workspace.isTrusted) {
      this.evidence = new Map(goals.map((g) => [g.id, RESTRICTED_EVIDENCE]));
      return;
    }
    const run = ++this.evidenceRun;
    this.abort?.abort();
    const abort = (this.abort = new AbortController());
    let next: Map<string, GoalEvidence>;
    const blocked = evidenceBlocked(file.folder);
    if (blocked) {
      const reason: GoalEvidence = { available: false, reason: blocked };
      next = new Map(goals.map((g) => [g.id, reason]));
    } else {
      try {
        const found = await readEvidence(file.folder.uri.fsPath, goals, { signal: abort.signal });
        next = new Map(goals.map((g) => [g.id, { available: true, commits: found.get(g.id) ?? [] }]));
      } catch (e) {
        if (abort.signal.aborted) return;
        const reason: GoalEvidence = { available: false, reason: vscode.l10n.t('Git history could not be read: {0}', e instanceof Error ? e.message : String(e)) };
        next = new Map(goals.map((g) => [g.id, reason]));
      }
    }
    if (run !== this.evidenceRun) return;
    this.evidence = next;
    const current = this.owner.store.get(this.folderKey);
    if (this.ready && current?.lastValid) this.send(current, current.lastValid);
  }

  private async save(message: Extract<WebviewToHost, { type: 'saveReview' }>): Promise<void> {
    const { requestId, goalId, review } = message;
    const reflection = message.reflection?.trim() || undefined;
    const notes = this.owner.notes;
    if (reflection !== undefined) {
      // Checked first, so that a review is not saved while its private reflection could not be.
      try {
        if (!notes) throw new Error(vscode.l10n.t('Private notes are not available here.'));
        await notes.check(this.folderKey);
      } catch (e) {
        const reason = e instanceof Error ? e.message : String(e);
        await this.post({ type: 'saveResult', requestId, ok: false, message: vscode.l10n.t('The private reflection cannot be kept ({0}); nothing was saved.', reason) });
        return;
      }
    }
    let refused: string | undefined;
    let date = localToday();
    try {
      const title = plain(this.owner.store.get(this.folderKey)?.lastValid?.goals.find((g) => g.id === goalId)?.title ?? goalId);
      const op = (text: string): EditResult => {
        try {
          date = localToday();
          return addGoalReview(text, goalId, { date, ...review });
        } catch (e) {
          if (e instanceof EditError) refused = e.message;
          throw e;
        }
      };
      /** The reflection kept with the review, which Undo takes back with it. */
      let kept: string | undefined;
      const result = await writeAndConfirm(this.owner.store, this.folderKey, op, {
        message: () =>
          `${vscode.l10n.t('Saved the review of “{0}”: {1}%, {2}.', title, review.progress, review.status)}${reflection !== undefined ? ` ${vscode.l10n.t('Private reflection kept on this machine only.')}` : ''}`,
        reveal: (f) => entryRange(f, { section: 'goals', id: goalId }),
        undone: () => (kept && notes ? notes.remove(this.folderKey, kept) : undefined),
      });
      if (result && reflection !== undefined && notes) kept = await this.saveReflection(requestId, goalId, reflection, date);
      else if (result) await this.post({ type: 'saveResult', requestId, ok: true });
      else await this.post({ type: 'saveResult', requestId, ok: false, message: sentence(refused ?? vscode.l10n.t('the review was not saved')) });
    } catch (e) {
      await this.post({ type: 'saveResult', requestId, ok: false, message: sentence(e instanceof Error ? e.message : String(e)) });
    }
  }

  /**
   * Keeps the reflection of a review just saved (resolving to its id); when that fails, the review
   * stays saved and the reflection in the form.
   */
  private async saveReflection(requestId: string, goalId: string, text: string, review: string): Promise<string | undefined> {
    const model = this.owner.store.get(this.folderKey)?.lastValid;
    const goal = model?.goals.find((g) => g.id === goalId);
    try {
      if (!model || !goal) throw new Error(vscode.l10n.t('goal “{0}” is not in the mentoring file any more', goalId));
      const kept = await this.owner.notes?.add(this.folderKey, model, { goal: goalRef(goal), review, text });
      this.drafts.delete(goalId);
      await this.post({ type: 'saveResult', requestId, ok: true });
      return kept?.id;
    } catch (e) {
      const warning = vscode.l10n.t('The review was saved, but the private reflection was not kept: {0}', e instanceof Error ? e.message : String(e));
      await this.post({ type: 'saveResult', requestId, ok: true, warning: sentence(warning) });
      return undefined;
    }
  }

  private async logSession(goal: string | undefined): Promise<void> {
    if (!(await vscode.commands.getCommands(true)).includes('mentoring.logSession')) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Logging a session needs the “Mentoring: Log Session” command, which is not available.'));
      return;
    }
    await vscode.commands.executeCommand('mentoring.logSession', { folder: this.folderKey, partnership: this.partnershipId, ...(goal ? { goals: [goal] } : {}) });
  }

  private async openGoal(goalId: string): Promise<void> {
    const file = this.owner.store.get(this.folderKey);
    const range = file && entryRange(file, { section: 'goals', id: goalId });
    if (!file || !range) throw new Error(vscode.l10n.t('Goal “{0}” is not in the mentoring file any more.', goalId));
    const doc = await vscode.workspace.openTextDocument(file.uri);
    await vscode.window.showTextDocument(doc, { selection: vscodeRange(range), viewColumn: vscode.ViewColumn.Beside });
  }

  private openCommit(hash: string): Promise<void> {
    return openCommitDocument(this.folderKey, hash);
  }

  private post(message: HostToWebview): Thenable<boolean> {
    return this.panel.webview.postMessage(message);
  }
}

function sentence(text: string): string {
  const t = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?…]$/.test(t) ? t : `${t}.`;
}

/** Opens `git show` of a commit of a workspace folder's repository beside the active editor (trusted workspaces only). */
export async function openCommitDocument(folderKey: string, hash: string): Promise<void> {
  if (!vscode.workspace.isTrusted) throw new Error(vscode.l10n.t(RESTRICTED_REASON));
  const query = new URLSearchParams({ folder: folderKey, hash }).toString();
  const uri = vscode.Uri.from({ scheme: COMMIT_SCHEME, path: `/${hash.slice(0, 8)}.diff`, query });
  const doc = await vscode.workspace.openTextDocument(uri);
  if (doc.languageId !== 'diff') await vscode.languages.setTextDocumentLanguage(doc, 'diff');
  await vscode.window.showTextDocument(doc, { preview: true, viewColumn: vscode.ViewColumn.Beside });
}
