/**
 * "Mentoring: Team Overview": one webview panel with every partnership of every workspace folder's
 * file, worst health first, for the period the person picks (core/mentoring/overviewData); the
 * people without a partnership with the partner the git analysis suggests; the goals achieved with
 * their evidence (git, never read in an untrusted workspace). Updates when a file, the analysis or
 * the identity changes; comes back after a reload with its period.
 */
import * as path from 'path';
import * as vscode from 'vscode';
import { localToday } from '../../core/dates';
import type { MentoringFile } from '../../core/file';
import {
  buildOverview,
  buildReport,
  goalsAchievedIn,
  presetPeriod,
  renderReportCsv,
  renderReportMarkdown,
  type OverviewPeriodKind,
  type OverviewSource,
  type Period,
} from '../../core/mentoring';
import type { Match } from '../../core/expertise';
import { evidenceGoalsOf, type EvidenceCommit } from '../../core/review';
import { plain } from '../../core/text';
import { readEvidence } from '../../git/evidence';
import { isOverviewWebviewMessage, type OverviewHostMessage, type OverviewWebviewMessage, type PeriodChoice } from '../../protocol/overview';
import { command } from '../command';
import { evidenceBlocked } from '../evidence';
import { entryRange } from '../locate';
import type { Identity } from '../identity';
import { PREPARE_COMMAND } from '../prepareSession';
import { openCommitDocument, REVIEW_COMMAND } from '../review';
import { showWebviewPage, webviewOptions } from '../review';
import { FolderFile, MentoringStore } from '../store';
import { ADD_TO_CALENDAR_COMMAND } from './calendar';

export const OVERVIEW_VIEW_TYPE = 'mentoring.overview';
export const OVERVIEW_COMMAND = 'mentoring.teamOverview';

/** Where the overview finds the git analysis's partner matches of a folder (undefined before one). */
export interface MatchSource {
  matchesOf(folderKey: string): readonly Match[] | undefined;
  readonly onDidChangeTreeData: vscode.Event<unknown>;
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const KINDS: readonly OverviewPeriodKind[] = ['this-quarter', 'last-quarter', 'last-12-months', 'custom'];

/** A period as kept in the webview's state: anything unexpected is the default, this quarter. */
export function periodChoice(x: unknown): PeriodChoice {
  if (!isRecord(x) || typeof x.kind !== 'string' || !KINDS.includes(x.kind as OverviewPeriodKind)) return { kind: 'this-quarter' };
  const choice: PeriodChoice = { kind: x.kind as OverviewPeriodKind };
  if (choice.kind === 'custom') {
    if (typeof x.since === 'string') choice.since = x.since;
    if (typeof x.until === 'string') choice.until = x.until;
  }
  return choice;
}

/** The dates of a choice as of `today`; custom dates are taken as given (the protocol checked them). */
export function periodOf(choice: PeriodChoice, today: string): Period {
  if (choice.kind !== 'custom') return presetPeriod(choice.kind, today);
  const period: Period = {};
  if (choice.since) period.since = choice.since;
  if (choice.until) period.until = choice.until;
  // Ends given the wrong way round are swapped rather than showing nothing.
  if (period.since && period.until && period.since > period.until) [period.since, period.until] = [period.until, period.since];
  return period;
}

/** The file as the overview names it: the folder's name, with the path when it is not the default. */
export function fileLabel(file: FolderFile): string {
  const rel = path.relative(file.folder.uri.fsPath, file.uri.fsPath) || path.basename(file.uri.fsPath);
  return `${file.folder.name}/${rel.split(path.sep).join('/')}`;
}

export function registerOverview(context: vscode.ExtensionContext, store: MentoringStore, identity: Identity, matches?: MatchSource): Overview {
  const overview = new Overview(context.extensionUri, store, identity, matches);
  context.subscriptions.push(
    overview,
    command(OVERVIEW_COMMAND, () => overview.open()),
    vscode.window.registerWebviewPanelSerializer(OVERVIEW_VIEW_TYPE, { deserializeWebviewPanel: (panel, state: unknown) => overview.restore(panel, state) }),
  );
  return overview;
}

interface FolderEvidence {
  /** The goals the read was for (JSON), to notice when they change. */
  inputs: string;
  byGoal?: Map<string, EvidenceCommit[]>;
  note?: string;
}

/** The one Team Overview panel. */
export class Overview implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private ready = false;
  private period: PeriodChoice = { kind: 'this-quarter' };
  private readonly evidence = new Map<string, FolderEvidence>();
  private readonly reads = new Map<string, AbortController>();
  private readonly disposables: vscode.Disposable[];
  private panelDisposables: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly store: MentoringStore,
    private readonly identity: Identity,
    private readonly matches?: MatchSource,
  ) {
    this.disposables = [
      store.onDidChange(() => this.refresh()),
      identity.onDidChange(() => this.refresh()),
      vscode.workspace.onDidGrantWorkspaceTrust(() => {
        this.evidence.clear();
        this.refresh();
      }),
      ...(matches ? [matches.onDidChangeTreeData(() => this.refresh())] : []),
    ];
  }

  /** The panel when open (tests). */
  get webviewPanel(): vscode.WebviewPanel | undefined {
    return this.panel;
  }

  async open(): Promise<void> {
    await this.store.ready;
    if (this.panel) {
      this.panel.reveal(this.panel.viewColumn);
      return;
    }
    const panel = vscode.window.createWebviewPanel(OVERVIEW_VIEW_TYPE, vscode.l10n.t('Team Overview'), vscode.ViewColumn.Active, webviewOptions(this.extensionUri));
    this.attach(panel);
  }

  /** Brings back the panel VS Code kept across a reload, with the period it showed. */
  async restore(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    await this.store.ready;
    if (this.panel) {
      panel.dispose();
      return;
    }
    this.period = periodChoice(isRecord(state) ? state.period : undefined);
    panel.webview.options = webviewOptions(this.extensionUri);
    this.attach(panel);
  }

  dispose(): void {
    this.panel?.dispose();
    for (const c of this.reads.values()) c.abort();
    vscode.Disposable.from(...this.disposables).dispose();
  }

  private attach(panel: vscode.WebviewPanel): void {
    showWebviewPage(panel, this.extensionUri, 'overview', { title: 'Team overview', loading: 'Loading the overview…' });
    this.panel = panel;
    this.ready = false;
    this.panelDisposables = [
      panel.webview.onDidReceiveMessage((m: unknown) => {
        if (isOverviewWebviewMessage(m)) void this.handle(m);
      }),
      panel.onDidChangeViewState(() => {
        if (!panel.visible) this.ready = false;
      }),
      panel.onDidDispose(() => {
        this.panel = undefined;
        this.ready = false;
        vscode.Disposable.from(...this.panelDisposables).dispose();
        this.panelDisposables = [];
      }),
    ];
  }

  /** Acts on a checked message from the webview. */
  async handle(message: OverviewWebviewMessage): Promise<void> {
    try {
      switch (message.type) {
        case 'ready':
          this.ready = true;
          if (message.period) this.period = periodChoice(message.period);
          return this.refresh();
        case 'setPeriod':
          this.period = periodChoice(message.period);
          return this.refresh();
        case 'openReview':
          await vscode.commands.executeCommand(REVIEW_COMMAND, { folder: message.folder, partnership: message.partnership });
          return;
        case 'prepareSession':
          await vscode.commands.executeCommand(PREPARE_COMMAND, { folder: message.folder, partnership: message.partnership, beside: true });
          return;
        case 'createPartnership':
          await vscode.commands.executeCommand('mentoring.addPartnership', { folder: message.folder, members: message.members });
          return;
        case 'openGoal': {
          const file = this.store.get(message.folder);
          const range = file && entryRange(file, { section: 'goals', id: message.goal });
          if (!file || !range) throw new Error(vscode.l10n.t('Goal “{0}” is not in the mentoring file any more.', message.goal));
          await this.store.revealRange(file.key, range);
          return;
        }
        case 'openCommit':
          await openCommitDocument(message.folder, message.hash);
          return;
        case 'export':
          return await this.export(message.format);
        case 'addToCalendar':
          await vscode.commands.executeCommand(ADD_TO_CALENDAR_COMMAND, message.folder !== undefined && message.partnership !== undefined ? { folder: message.folder, partnership: message.partnership } : undefined);
          return;
      }
    } catch (e) {
      void vscode.window.showErrorMessage(plain(e instanceof Error ? e.message : String(e)));
    }
  }

  /** Sends the overview as it is now (when the webview listens) and starts the evidence reads it needs. */
  refresh(): void {
    if (!this.panel || !this.ready) return;
    const today = localToday();
    const period = periodOf(this.period, today);
    const { sources, warnings } = this.sources(period);
    if (!sources.length) {
      const files = this.store.all();
      const message = files.some((f) => f.exists) ? vscode.l10n.t('The mentoring files have errors and no valid version to show; fix them to see the overview.') : vscode.l10n.t('There is no mentoring file in this workspace yet.');
      void this.post({ type: 'error', message });
      return;
    }
    const data = buildOverview(sources, today, this.period.kind, period, warnings);
    void this.post({ type: 'data', data });
  }

  /** The folders' files with their evidence and matches (reads started for evidence not read yet). */
  private sources(period: Period): { sources: OverviewSource[]; warnings: string[] } {
    const sources: OverviewSource[] = [];
    const warnings: string[] = [];
    for (const file of this.store.all()) {
      const model = file.lastValid;
      if (!model) {
        if (file.exists && file.hasErrors) warnings.push(vscode.l10n.t('{0} has errors and no valid version: it is left out.', fileLabel(file)));
        continue;
      }
      if (file.hasErrors) warnings.push(vscode.l10n.t('{0} has errors: this shows its last valid content.', fileLabel(file)));
      const source: OverviewSource = { folder: file.key, file: fileLabel(file), model, me: this.identity.me(file.folder, model) };
      const evidence = this.evidenceOf(file, model, period);
      if (evidence.byGoal) source.evidence = evidence.byGoal;
      if (evidence.note) source.evidenceNote = evidence.note;
      const matches = this.matches?.matchesOf(file.key);
      if (matches) source.matches = matches;
      sources.push(source);
    }
    return { sources, warnings };
  }

  private evidenceOf(file: FolderFile, model: MentoringFile, period: Period): FolderEvidence {
    const goals = evidenceGoalsOf(model, goalsAchievedIn(model, period).map((a) => a.goal));
    const inputs = JSON.stringify(goals);
    const known = this.evidence.get(file.key);
    if (known?.inputs === inputs) return known;
    const blocked = evidenceBlocked(file.folder);
    if (blocked || !goals.length) {
      const entry: FolderEvidence = blocked ? { inputs, note: blocked } : { inputs, byGoal: new Map() };
      this.evidence.set(file.key, entry);
      return entry;
    }
    const loading: FolderEvidence = { inputs, note: vscode.l10n.t('Reading the git history…') };
    this.evidence.set(file.key, loading);
    this.reads.get(file.key)?.abort();
    const abort = new AbortController();
    this.reads.set(file.key, abort);
    const dated = goals.map((g) => g.created);
    const since = dated.every((d) => d !== undefined) ? (dated as string[]).reduce((a, b) => (a < b ? a : b)) : undefined;
    readEvidence(file.folder.uri.fsPath, goals, { signal: abort.signal, since, maxCommits: 10_000 }).then(
      (byGoal) => this.evidenceRead(file.key, { inputs, byGoal }, abort),
      (e: unknown) => this.evidenceRead(file.key, { inputs, note: vscode.l10n.t('Git history could not be read: {0}', e instanceof Error ? e.message : String(e)) }, abort),
    );
    return loading;
  }

  private evidenceRead(key: string, entry: FolderEvidence, abort: AbortController): void {
    if (abort.signal.aborted || this.reads.get(key) !== abort) return;
    this.reads.delete(key);
    this.evidence.set(key, entry);
    this.refresh();
  }

  /** The overview's report as Markdown or CSV in a new editor, to save or share. */
  private async export(format: 'markdown' | 'csv'): Promise<void> {
    const today = localToday();
    const period = periodOf(this.period, today);
    const { sources } = this.sources(period);
    const report = buildReport(
      sources.map((s) => ({ file: s.file, model: s.model, me: s.me, evidence: s.evidence })),
      today,
      { period },
    );
    const content = format === 'markdown' ? renderReportMarkdown(report) : renderReportCsv(report);
    const doc = await vscode.workspace.openTextDocument({ language: format === 'markdown' ? 'markdown' : 'plaintext', content });
    await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: false });
  }

  private post(message: OverviewHostMessage): Thenable<boolean> | undefined {
    return this.panel?.webview.postMessage(message);
  }
}
