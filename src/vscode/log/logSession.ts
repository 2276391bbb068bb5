/**
 * "Mentoring: Log mentoring session": the multi-step quick input over the pure flow of
 * `core/logFlow` (which decides every step, default and check), the notes editor for longer notes
 * (a CodeLens at its top says how to finish; the session is a draft in the workspace state until it
 * is logged, so closing the editor, even with "Don't Save", loses nothing), writing with a
 * confirmation that offers Undo and Open (confirmWrite.ts), and "Mark done" on open action items.
 *
 * The command takes, as its argument:
 * - nothing: the whole flow, starting with the partnership;
 * - a tree row (partner, partnership, goal, session, action item) or `{ folder?, partnership?,
 *   partner?, goals?, notes?, date? }`: the flow, pre-filled;
 * - `{ folder?, partnership, status, date?, reason?, to?, minutes?, goals?, notes?, actions? }`
 *   (with `status`): no questions; the session is checked and written as given.
 * It resolves to what was written ({@link Logged}), or undefined when nothing was.
 */
import * as vscode from 'vscode';
import { healthOf } from '../../core/mentoring';
import { localToday, shortDate } from '../../core/dates';
import { EditError, setActionDone } from '../../core/file';
import {
  Answer,
  answer,
  back,
  FlowContext,
  FlowState,
  LogArgs,
  LogPlan,
  membersOf,
  minutesDefault,
  openGoalsOf,
  Outcome,
  partnershipChoices,
  partnershipName,
  partnershipSentence,
  planFromArgs,
  planOf,
  Prefill,
  startFlow,
  stepNumber,
  writePlan,
} from '../../core/mentoring';
import { MentoringFile, Partnership, PARTNERSHIP_KINDS, Session, SESSION_STATUSES } from '../../core/file';
import { parseMentoring } from '../../core/file';
import { sessionRef } from '../../core/notes';
import { plain } from '../../core/text';
import { locateAction, Row } from '../../core/view';
import { asked, writeAndConfirm } from '../confirmWrite';
import { Identity } from '../identity';
import { PrivateNotesEditors, registerPrivateEditors } from '../notes';
import type { PrivateNotes } from '../notes';
import { FolderFile, MentoringStore } from '../store';

export interface Logged {
  folder: string;
  /** The partnership's id (a new one when the flow made it). */
  partnership: string;
  session: Session;
  /** Position of the session in `sessions:`. */
  index: number;
  nextDue?: string;
  /** The file on this machine that kept the session's private notes. */
  privateNotes?: string;
}

/**
 * A session whose notes are being written (or were, in an editor since closed): kept in the
 * workspace state from the moment the notes editor opens until the session is logged or the draft
 * discarded, so that nothing typed is lost, whether the editor is closed with "Don't Save" or the
 * window is reloaded.
 */
export interface Draft {
  id: string;
  folder: string;
  plan: LogPlan;
  /** Who the session was with, as the flow named them. */
  name: string;
  notes: string;
  /** The session has private notes: they wait in the notes file under the draft's id, not here. */
  private?: boolean;
}

/** Session notes being written in an untitled editor, by the document's URI. */
interface PendingNotes {
  draft: Draft;
  /** The editor's text now (it becomes empty when the editor is closed with "Don't Save"). */
  text: string;
}

/** True while the active editor holds session notes to log (for the editor title's button and Ctrl+Enter). */
const NOTES_CONTEXT = 'mentoring.sessionNotesActive';
const DRAFTS_KEY = 'mentoring.sessionDrafts';

export class SessionLogger implements vscode.Disposable, vscode.CodeLensProvider {
  private readonly pending = new Map<string, PendingNotes>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly logged = new vscode.EventEmitter<Logged>();
  /** Fires after a session was written. */
  readonly onDidLog = this.logged.event;
  private readonly lensChanged = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.lensChanged.event;
  private saveTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: MentoringStore,
    private readonly identity: Identity,
    private readonly memento: vscode.Memento,
    private readonly notes?: PrivateNotes,
    private readonly privateEditors?: PrivateNotesEditors,
  ) {
    this.disposables.push(
      this.logged,
      this.lensChanged,
      vscode.workspace.onDidChangeTextDocument((e) => {
        const p = this.pending.get(e.document.uri.toString());
        if (!p) return;
        p.text = e.document.getText();
        // What was typed is kept (a revert to nothing, as "Don't Save" does, keeps the last text).
        if (p.text.trim() !== '') {
          p.draft.notes = p.text;
          this.saveDraftSoon(p.draft);
        }
      }),
      vscode.workspace.onDidCloseTextDocument((d) => void this.notesClosed(d.uri.toString())),
      vscode.window.onDidChangeActiveTextEditor(() => void this.updateNotesContext()),
      vscode.window.tabGroups.onDidChangeTabs((e) => {
        for (const tab of e.closed) {
          if (tab.input instanceof vscode.TabInputText && !isShown(tab.input.uri)) void this.notesClosed(tab.input.uri.toString());
        }
      }),
    );
  }

  /** The command: see the module comment for its argument. */
  async run(arg?: unknown): Promise<Logged | undefined> {
    await this.store.ready;
    const { folder, prefill, args } = this.readArg(arg);
    const file = await this.pickFile(folder);
    if (!file) return undefined;
    const model = this.usableModel(file);
    if (!model) return undefined;
    const ctx: FlowContext = { file: model, me: await this.identity.resolve(file.folder, model), today: localToday() };

    if (args) {
      const r = planFromArgs(ctx, args);
      if (!r.ok || !r.plan) throw new Error(vscode.l10n.t('Cannot log the session: {0}', r.ok ? '' : r.message));
      return this.write(file.key, r.plan);
    }
    // A session whose notes were left in a closed editor comes first.
    const drafts = this.drafts().filter((d) => d.folder === file.key && ![...this.pending.values()].some((p) => p.draft.id === d.id));
    if (drafts.length && isEmptyPrefill(prefill)) {
      const picked = await pickDraft(drafts, ctx.today);
      if (picked === undefined) return undefined;
      if (picked !== 'new') {
        await this.openNotesEditor(picked);
        return undefined;
      }
    }
    const state = await runSteps(ctx, startFlow(ctx, prefill));
    if (!state) return undefined;
    const plan = planOf(ctx, state);
    if (state.notesInEditor) {
      const draft: Draft = { id: newDraftId(), folder: file.key, plan, name: nameOf(ctx, plan), notes: plan.session.notes ?? '' };
      if (!(await this.stashPrivate(draft))) return undefined;
      await this.openNotesEditor(draft);
      return undefined;
    }
    return this.write(file.key, plan);
  }

  /** The sessions kept as drafts (notes written, not logged yet), oldest first. */
  drafts(): Draft[] {
    const all = this.memento.get<unknown>(DRAFTS_KEY);
    return Array.isArray(all) ? all.filter(isDraft) : [];
  }

  /** CodeLens at the top of a notes editor: how to finish, and that closing loses nothing. */
  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    const p = this.pending.get(doc.uri.toString());
    if (!p) return [];
    const top = new vscode.Range(0, 0, 0, 0);
    const when = shortDate(p.draft.plan.session.date, localToday());
    return [
      new vscode.CodeLens(top, {
        title: `$(check) ${vscode.l10n.t('Log the session with {0} on {1} (Ctrl+Enter)', plain(p.draft.name), when)}`,
        tooltip: vscode.l10n.t('Writes the session to the mentoring file with this text as its notes'),
        command: 'mentoring.logSessionNotes',
        arguments: [doc.uri],
      }),
      new vscode.CodeLens(top, { title: vscode.l10n.t('Closing this editor keeps the notes as a draft'), command: '' }),
    ];
  }

  /** "Log Session" in the notes editor's title: writes the session with the editor's text as notes. */
  async finishNotes(uri?: vscode.Uri): Promise<Logged | undefined> {
    const key = (uri ?? vscode.window.activeTextEditor?.document.uri)?.toString();
    const p = key !== undefined ? this.pending.get(key) : undefined;
    if (!key || !p) {
      void vscode.window.showInformationMessage(vscode.l10n.t('This editor holds no session notes to log.'));
      return undefined;
    }
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
    const logged = await this.writeNotes(key, doc && !doc.isClosed ? doc.getText() : p.draft.notes);
    if (logged && doc && !doc.isClosed) {
      // The notes now live in the mentoring file: the scratch editor goes without asking to save.
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
    return logged;
  }

  /** Marks an open action item (a tree row) done, finding it again if the file changed meanwhile. */
  async markActionDone(row?: Row): Promise<boolean> {
    const action = row?.action;
    if (!row || !action) return false;
    let at: { session: number; action: number } | undefined;
    const result = await writeAndConfirm(
      this.store,
      row.folder,
      (text) => {
        const model = parseMentoring(text).model;
        at = model && locateAction(model, action);
        if (!at) throw new EditError(vscode.l10n.t('the action item “{0}” is no longer open in the file', action.what));
        return setActionDone(text, at, true);
      },
      {
        message: () => vscode.l10n.t('Marked “{0}” done.', plain(action.what)),
        reveal: (file) => (at ? file.parsed?.rangeOf(['sessions', at.session, 'actions', at.action]) : undefined),
      },
    );
    return result !== undefined;
  }

  dispose(): void {
    clearTimeout(this.saveTimer);
    vscode.Disposable.from(...this.disposables).dispose();
  }

  private readArg(arg: unknown): { folder?: string; prefill: Prefill; args?: LogArgs } {
    if (!isRecord(arg)) return { prefill: {} };
    if (typeof arg.kind === 'string' && typeof arg.folder === 'string' && typeof arg.contextValue === 'string') {
      return { folder: arg.folder, prefill: this.prefillOfRow(arg as unknown as Row) };
    }
    const folder = typeof arg.folder === 'string' ? arg.folder : undefined;
    if (typeof arg.status === 'string') {
      if (!SESSION_STATUSES.includes(arg.status as Session['status'])) {
        throw new Error(vscode.l10n.t('Cannot log the session: status must be one of {0}', SESSION_STATUSES.join(', ')));
      }
      if (typeof arg.partnership !== 'string') throw new Error(vscode.l10n.t('Cannot log the session: a partnership id is needed'));
      return { folder, prefill: {}, args: arg as unknown as LogArgs };
    }
    const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
    const goals = Array.isArray(arg.goals) ? arg.goals.filter((g): g is string => typeof g === 'string') : undefined;
    return { folder, prefill: { partnership: text(arg.partnership), partner: text(arg.partner), goals, notes: text(arg.notes), date: text(arg.date) } };
  }

  private prefillOfRow(row: Row): Prefill {
    const ref = row.ref;
    if (!ref) return {};
    if (ref.section !== 'sessions') {
      return ref.section === 'partners' ? { partner: ref.id } : ref.section === 'partnerships' ? { partnership: ref.id } : { goals: [ref.id] };
    }
    const session = this.store.get(row.folder)?.lastValid?.sessions[ref.index];
    return session ? { partnership: session.partnership } : {};
  }

  private async pickFile(folder: string | undefined): Promise<FolderFile | undefined> {
    if (folder !== undefined) {
      const file = this.store.get(folder);
      if (!file) throw new Error(vscode.l10n.t('No workspace folder {0}', folder));
      return file;
    }
    const withFile = this.store.all().filter((f) => f.exists);
    if (withFile.length <= 1) {
      if (withFile[0]) return withFile[0];
      const create = await vscode.window.showInformationMessage(vscode.l10n.t('There is no mentoring file to log a session in yet.'), vscode.l10n.t('Create Mentoring File'));
      if (create) await vscode.commands.executeCommand('mentoring.createFile');
      return undefined;
    }
    const picked = await vscode.window.showQuickPick(
      withFile.map((f) => ({ label: plain(f.folder.name), description: plain(vscode.workspace.asRelativePath(f.uri)), file: f })),
      { title: vscode.l10n.t('Log mentoring session'), placeHolder: vscode.l10n.t('Which folder’s mentoring file?') },
    );
    return picked?.file;
  }

  /** The file's current model, or undefined (with the problem shown) when it cannot take a session. */
  private usableModel(file: FolderFile): MentoringFile | undefined {
    if (!file.exists) {
      void vscode.window.showErrorMessage(vscode.l10n.t('{0} does not exist.', plain(vscode.workspace.asRelativePath(file.uri))));
      return undefined;
    }
    if (file.hasErrors || !file.parsed?.model) {
      const show = vscode.l10n.t('Show Problem');
      void vscode.window
        .showErrorMessage(vscode.l10n.t('The mentoring file has errors; fix them before logging a session. Nothing was written.'), show)
        .then((a) => (a === show ? this.store.revealFirstProblem(file.key) : undefined));
      return undefined;
    }
    return file.parsed.model;
  }

  /** Writes the plan through the store (onto the file's text as it is now) and confirms it, with Undo and Open. */
  private async write(folder: string, plan: LogPlan, draftId?: string): Promise<Logged | undefined> {
    const ready = await this.privateReady(folder, plan, draftId);
    if (!ready) return undefined;
    let logged: Logged | undefined;
    let name = '';
    let model: MentoringFile | undefined;
    /** The private note kept with the session, which Undo takes back with it. */
    let kept: string | undefined;
    const today = localToday();
    const result = await writeAndConfirm(this.store, folder, (text) => writePlan(text, plan), {
      message: (result) => {
        const file = this.store.get(folder);
        model = parseMentoring(result.text).model;
        const id = result.id ?? plan.session.partnership;
        const partnership = model?.partnerships.find((p) => p.id === id);
        const session: Session = { ...plan.session, partnership: id };
        const index = (model?.sessions.length ?? 1) - 1;
        const me = model && file ? this.identity.me(file.folder, model) : undefined;
        const health = model && partnership ? healthOf(model, partnership, today, { me }) : undefined;
        const nextDue = health && health.state !== 'paused' && health.state !== 'ended' ? health.nextDue : undefined;
        logged = { folder, partnership: id, session, index, nextDue };
        name = model && partnership ? partnershipName({ file: model, me, today }, partnership) : id;
        const said = confirmation(logged, name, today);
        return ready === 'keep' ? `${said} ${vscode.l10n.t('Private notes kept on this machine only.')}` : said;
      },
      reveal: (file) => (logged ? file.parsed?.rangeOf(['sessions', logged.index]) : undefined),
      more: [{ label: vscode.l10n.t('Review Goals'), run: () => logged && this.reviewGoals(logged) }],
      undone: () => (kept && this.notes ? this.notes.remove(folder, kept) : undefined),
    });
    if (!result || !logged) return undefined;
    if (model) kept = await this.keepPrivate(logged, plan, model, name, draftId);
    this.logged.fire(logged);
    return logged;
  }

  /**
   * Whether the plan's private notes can be kept: checked before the session is written, so that
   * a notes file that cannot take them (a hand-edited one, say) stops the whole log, with the reason.
   */
  private async privateReady(folder: string, plan: LogPlan, draftId?: string): Promise<'keep' | 'editor' | 'none' | false> {
    if (plan.privateNotes === undefined && !plan.privateEditor && draftId === undefined) return 'none';
    try {
      if (!this.notes) throw new Error(vscode.l10n.t('private notes are not available here'));
      await this.notes.check(folder);
      if (plan.privateEditor) return 'editor';
      if (plan.privateNotes !== undefined) return 'keep';
      // A draft's private notes wait in the notes file (see stashPrivate).
      return draftId !== undefined && (await this.notes.draftText(folder, draftId)) !== undefined ? 'keep' : 'none';
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e);
      void vscode.window.showErrorMessage(vscode.l10n.t('The private notes cannot be kept ({0}); nothing was written.', plain(reason)));
      return false;
    }
  }

  /**
   * Moves a new draft's private notes out of it, into the notes file under the draft's id: the draft
   * itself is kept in the workspace state, where private text must not go. False (with the reason
   * shown) when the notes file cannot take them.
   */
  private async stashPrivate(draft: Draft): Promise<boolean> {
    const text = draft.plan.privateNotes;
    if (text === undefined) return true;
    try {
      if (!this.notes) throw new Error(vscode.l10n.t('private notes are not available here'));
      await this.notes.setDraft(draft.folder, draft.id, text);
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e);
      void vscode.window.showErrorMessage(vscode.l10n.t('The private notes cannot be kept ({0}); nothing was written.', plain(reason)));
      return false;
    }
    draft.plan = withoutPrivateText(draft.plan);
    draft.private = true;
    return true;
  }

  /**
   * Keeps the plan's private notes on the session just logged (resolving to the note's id), or opens
   * their editor; says when that failed.
   */
  private async keepPrivate(logged: Logged, plan: LogPlan, model: MentoringFile, name: string, draftId?: string): Promise<string | undefined> {
    const session = model.sessions[logged.index];
    if (!this.notes || !session) return undefined;
    try {
      // A draft's private notes, waiting in the notes file: they start the editor, or go on the session.
      const waiting = draftId === undefined ? undefined : await this.notes.draftText(logged.folder, draftId);
      if (plan.privateEditor && this.privateEditors) {
        if (draftId !== undefined && waiting !== undefined) await this.notes.setDraft(logged.folder, draftId, '');
        await this.privateEditors.open(logged.folder, sessionRef(session), name, waiting ?? plan.privateNotes ?? '');
        return undefined;
      }
      if (draftId !== undefined && waiting !== undefined) {
        const kept = await this.notes.attachDraft(logged.folder, model, draftId, sessionRef(session));
        logged.privateNotes = kept?.file;
        return kept?.id;
      }
    } catch (e) {
      void vscode.window.showWarningMessage(vscode.l10n.t('The session was logged, but its private notes were not kept: {0}', plain(e instanceof Error ? e.message : String(e))));
      return undefined;
    }
    if (plan.privateNotes === undefined) return undefined;
    try {
      const kept = await this.notes.add(logged.folder, model, { session: sessionRef(session), text: plan.privateNotes });
      logged.privateNotes = kept.file;
      return kept.id;
    } catch (e) {
      void vscode.window.showWarningMessage(vscode.l10n.t('The session was logged, but its private notes were not kept: {0}', plain(e instanceof Error ? e.message : String(e))));
      return undefined;
    }
  }

  private async reviewGoals(logged: Logged): Promise<void> {
    const commands = await vscode.commands.getCommands(true);
    if (!commands.includes('mentoring.reviewGoals')) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Goal reviews are not available in this version.'));
      return;
    }
    try {
      await vscode.commands.executeCommand('mentoring.reviewGoals', { folder: logged.folder, partnership: logged.partnership });
    } catch (e) {
      void vscode.window.showErrorMessage(plain(e instanceof Error ? e.message : String(e)));
    }
  }

  /** Opens an editor for the draft's notes; the session is logged from it (Ctrl+Enter, ✓) and kept as a draft until then. */
  private async openNotesEditor(draft: Draft): Promise<void> {
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: draft.notes });
    this.pending.set(doc.uri.toString(), { draft, text: doc.getText() });
    await this.saveDraft(draft);
    await this.updateNotesContext();
    this.lensChanged.fire();
    await vscode.window.showTextDocument(doc);
  }

  /**
   * A notes editor closed without logging (also with "Don't Save", which empties it first): the
   * session stays a draft with what was typed, and the notification offers to log it now.
   */
  private async notesClosed(key: string): Promise<void> {
    const p = this.pending.get(key);
    if (!p) return;
    this.pending.delete(key);
    clearTimeout(this.saveTimer);
    await this.saveDraft(p.draft);
    await this.updateNotesContext();
    const { draft } = p;
    const when = shortDate(draft.plan.session.date, localToday());
    const log = vscode.l10n.t('Log Session');
    const reopen = vscode.l10n.t('Reopen Notes');
    const discard = vscode.l10n.t('Discard');
    const message = draft.notes.trim()
      ? vscode.l10n.t('The session with {0} on {1} is not logged yet; its notes are kept as a draft.', plain(draft.name), when)
      : vscode.l10n.t('The session with {0} on {1} is not logged yet; it is kept as a draft, without notes.', plain(draft.name), when);
    const action = await vscode.window.showWarningMessage(message, log, reopen, discard);
    if (action === log) await this.logDraft(draft);
    else if (action === reopen) await this.openNotesEditor(draft);
    else if (action === discard) await this.discardDraft(draft.id);
  }

  /** Logs a draft as it is (its notes as written). */
  async logDraft(draft: Draft): Promise<Logged | undefined> {
    const notes = draft.notes.trim();
    const session: Session = { ...draft.plan.session };
    if (notes) session.notes = notes;
    else delete session.notes;
    const logged = await this.write(draft.folder, { ...draft.plan, session }, draft.private ? draft.id : undefined);
    if (logged) await this.discardDraft(draft.id);
    return logged;
  }

  private async writeNotes(key: string, text: string): Promise<Logged | undefined> {
    const p = this.pending.get(key);
    if (!p) return undefined;
    this.pending.delete(key);
    clearTimeout(this.saveTimer);
    await this.updateNotesContext();
    // The editor's text as it is: emptied on purpose, the session is logged without notes.
    p.draft.notes = text;
    const logged = await this.logDraft(p.draft);
    if (!logged) {
      // Not written (the file has errors, say): the notes stay in their editor for another try.
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key && !d.isClosed);
      if (doc) {
        this.pending.set(key, p);
        await this.updateNotesContext();
      }
    }
    this.lensChanged.fire();
    return logged;
  }

  private saveDraftSoon(draft: Draft): void {
    clearTimeout(this.saveTimer);
    // Only while its editor is open: a draft logged meanwhile is not brought back.
    this.saveTimer = setTimeout(() => {
      if ([...this.pending.values()].some((p) => p.draft.id === draft.id)) void this.saveDraft(draft);
    }, 500);
  }

  private async saveDraft(draft: Draft): Promise<void> {
    const others = this.drafts().filter((d) => d.id !== draft.id);
    // Never private text in the workspace state: a draft's private notes are in the notes file.
    await this.memento.update(DRAFTS_KEY, [...others, { ...draft, plan: withoutPrivateText(draft.plan) }]);
  }

  /** Forgets a draft (its notes with it, shared and private). */
  async discardDraft(id: string): Promise<void> {
    const draft = this.drafts().find((d) => d.id === id);
    await this.memento.update(DRAFTS_KEY, this.drafts().filter((d) => d.id !== id));
    // Its private notes (after a log they are on the session already, and this finds none).
    if (draft?.private && this.notes) await this.notes.setDraft(draft.folder, id, '').catch(() => undefined);
  }

  private updateNotesContext(): Thenable<unknown> {
    const active = vscode.window.activeTextEditor?.document.uri.toString();
    return vscode.commands.executeCommand('setContext', NOTES_CONTEXT, active !== undefined && this.pending.has(active));
  }
}

export function registerLogSession(context: vscode.ExtensionContext, store: MentoringStore, identity: Identity, notes?: PrivateNotes): SessionLogger {
  const editors = notes && registerPrivateEditors(context, store, notes);
  const logger = new SessionLogger(store, identity, context.workspaceState, notes, editors);
  const command = (id: string, run: (arg?: never) => Promise<unknown>): vscode.Disposable =>
    vscode.commands.registerCommand(id, async (arg?: never) => {
      try {
        return await run(arg);
      } catch (e) {
        void vscode.window.showErrorMessage(plain(e instanceof Error ? e.message : String(e)));
        return undefined;
      }
    });
  context.subscriptions.push(
    logger,
    command('mentoring.logSession', (arg?: unknown) => logger.run(arg)),
    command('mentoring.logSessionNotes', (uri?: vscode.Uri) => logger.finishNotes(uri)),
    command('mentoring.markActionDone', (row?: Row) => logger.markActionDone(row)),
    vscode.languages.registerCodeLensProvider({ scheme: 'untitled' }, logger),
  );
  return logger;
}

// ---------------------------------------------------------------------------------------------
// The steps as quick inputs

type Nav<T> = { back: true } | { value: T };

interface PickItem extends vscode.QuickPickItem {
  id: string;
}

const TITLE = (): string => vscode.l10n.t('Log mentoring session');

/** Runs the flow from `state` until done; undefined when the person pressed Escape. */
async function runSteps(ctx: FlowContext, state: FlowState): Promise<FlowState | undefined> {
  const ui = new Steps();
  try {
    while (state.step !== 'done') {
      const nav = await askStep(ui, ctx, state);
      if (!nav) return undefined;
      state = 'back' in nav ? back(state) : nav.value;
    }
    return state;
  } finally {
    ui.close();
  }
}

function askStep(ui: Steps, ctx: FlowContext, state: FlowState): Promise<Nav<FlowState> | undefined> {
  const { step, total } = stepNumber(state);
  const base = { step, total, back: state.history.length > 0 };
  const take = (a: Answer): Outcome => answer(ctx, state, a);
  const who = (id: string): string => ctx.file.partners.find((p) => p.id === id)?.name ?? id;
  switch (state.step) {
    case 'partnership': {
      const items: PickItem[] = partnershipChoices(ctx).map((p) => ({
        id: p.id,
        label: plain(partnershipName(ctx, p)),
        description: plain(p.status === 'paused' ? vscode.l10n.t('{0} · paused', p.id) : p.id),
        detail: plain(partnershipSentence(ctx, p)),
      }));
      items.push({ id: '', label: '', kind: vscode.QuickPickItemKind.Separator }, { id: '+new', label: `$(add) ${vscode.l10n.t('New partnership…')}` });
      return ui.pick({ ...base, placeholder: vscode.l10n.t('Which partnership met?'), items, active: state.newPartnership ? ['+new'] : [state.partnership ?? ''] }, ([item]) =>
        take(item?.id === '+new' ? { step: 'partnership', newPartnership: true } : { step: 'partnership', partnership: item?.id ?? '' }),
      );
    }
    case 'members': {
      const items = ctx.file.partners.map((p) => ({ id: p.id, label: plain(p.name), description: plain(p.id) + (p.id === ctx.me ? ` · ${vscode.l10n.t('you')}` : '') }));
      return ui.pick({ ...base, placeholder: vscode.l10n.t('New partnership: who are its members?'), items, many: true, selected: state.newPartnership?.members ?? [] }, (picked) =>
        take({ step: 'members', members: picked.map((i) => i.id) }),
      );
    }
    case 'kind': {
      const items = PARTNERSHIP_KINDS.map((k) => ({
        id: k,
        label: k,
        detail: k === 'mutual' ? vscode.l10n.t('Each mentors the other') : vscode.l10n.t('One mentor, the others mentees'),
      }));
      return ui.pick({ ...base, placeholder: vscode.l10n.t('New partnership: what kind?'), items, active: [state.newPartnership?.kind ?? 'mutual'] }, ([item]) =>
        take({ step: 'kind', kind: (item?.id ?? 'mutual') as Partnership['kind'] }),
      );
    }
    case 'mentor': {
      const items = (state.newPartnership?.members ?? []).map((m) => ({ id: m, label: plain(who(m)), description: plain(m) }));
      return ui.pick({ ...base, placeholder: vscode.l10n.t('New partnership: who is the mentor?'), items, active: [state.newPartnership?.mentor ?? ctx.me ?? ''] }, ([item]) =>
        take({ step: 'mentor', mentor: item?.id ?? '' }),
      );
    }
    case 'date':
      return ui.input(
        { ...base, value: state.date ?? ctx.today, prompt: vscode.l10n.t('When did it take place? YYYY-MM-DD, “today” or “yesterday”') },
        (text) => take({ step: 'date', text }),
      );
    case 'status': {
      const labels: Record<Session['status'], string> = {
        held: vscode.l10n.t('$(check) Held'),
        cancelled: vscode.l10n.t('$(close) Cancelled'),
        rescheduled: vscode.l10n.t('$(history) Rescheduled'),
      };
      const items = SESSION_STATUSES.map((s) => ({ id: s, label: labels[s] }));
      return ui.pick({ ...base, placeholder: vscode.l10n.t('Did the session take place on {0}?', state.date ?? ctx.today), items, active: [state.status ?? 'held'] }, ([item]) =>
        take({ step: 'status', status: (item?.id ?? 'held') as Session['status'] }),
      );
    }
    case 'reason':
      return ui.input(
        { ...base, value: state.reason ?? '', prompt: state.status === 'rescheduled' ? vscode.l10n.t('Why was it rescheduled? (one line)') : vscode.l10n.t('Why was it cancelled? (one line)') },
        (text) => take({ step: 'reason', text }),
      );
    case 'to':
      return ui.input({ ...base, value: state.to ?? '', prompt: vscode.l10n.t('The new date (YYYY-MM-DD), or leave empty if not yet known') }, (text) => take({ step: 'to', text }));
    case 'minutes':
      return ui.input(
        { ...base, value: String(minutesDefault(ctx, state) ?? ''), prompt: vscode.l10n.t('How many minutes did it take? (empty: not recorded)') },
        (text) => take({ step: 'minutes', text }),
      );
    case 'goals': {
      const items = openGoalsOf(ctx, state.partnership).map((g) => ({ id: g.id, label: plain(g.title), description: `${plain(who(g.owner))} · ${g.status}` }));
      return ui.pick(
        {
          ...base,
          placeholder: items.length ? vscode.l10n.t('Goals discussed (none is fine); Enter to go on') : vscode.l10n.t('The partnership has no open goals; Enter to go on'),
          items,
          many: true,
          selected: state.goals ?? [],
        },
        (picked) => take({ step: 'goals', goals: picked.map((i) => i.id) }),
      );
    }
    case 'notes':
    case 'privateNotes': {
      // Two kinds of notes, asked one after the other and named for where they go.
      const step = state.step;
      const shared = step === 'notes';
      const itemsFor = (value: string): PickItem[] => notesChoices(value, shared);
      const value = (shared ? state.notes : state.privateNotes) ?? '';
      const placeholder = shared
        ? vscode.l10n.t('Shared notes (in the file): the team reads them. Type one line, or open an editor')
        : vscode.l10n.t('Private notes (this machine only): never in the file. Type one line, or open an editor');
      return ui.pick(
        { ...base, placeholder, items: itemsFor(value), value, itemsFor },
        // Typed text is the notes whichever item is active (the list may lag behind fast typing).
        ([item], typed) => take(item?.id === 'editor' ? { step, editor: true, notes: typed } : { step, notes: typed }),
      );
    }
    case 'actionWho': {
      const count = state.actions.length;
      const items: PickItem[] = [
        { id: 'done', label: `$(check) ${count ? vscode.l10n.t('Done') : vscode.l10n.t('No action items')}`, description: count ? vscode.l10n.t('{0} action item(s)', count) : undefined },
        ...membersOf(ctx, state).map((m) => ({ id: m, label: `$(person) ${plain(who(m))}`, description: vscode.l10n.t('add an action item for {0}', plain(who(m))) })),
      ];
      return ui.pick({ ...base, placeholder: vscode.l10n.t('Action items: who will do something? (Done to finish)'), items, active: [state.pendingWho ?? 'done'] }, ([item]) =>
        take(!item || item.id === 'done' ? { step: 'actionWho', done: true } : { step: 'actionWho', who: item.id }),
      );
    }
    case 'actionWhat':
      return ui.input(
        { ...base, value: state.pendingWhat ?? '', prompt: vscode.l10n.t('What will {0} do? (one line)', plain(who(state.pendingWho ?? ''))) },
        (text) => take({ step: 'actionWhat', text }),
      );
    case 'done':
      return Promise.resolve({ value: state });
  }
}

/**
 * The notes step's choices for what has been typed: the typed line (or none), then the other
 * places notes can be written (each with its own id, answered in the step above).
 */
/** The items of a notes step: what is typed (or none), and an editor; `shared` notes go to the file, the others stay on this machine. */
function notesChoices(value: string, shared = true): PickItem[] {
  // What the notes are and where they go, on the first item whatever is typed.
  const kind = shared ? vscode.l10n.t('Shared notes (in the file)') : `$(lock) ${vscode.l10n.t('Private notes (this machine only)')}`;
  const typed: PickItem = value.trim()
    ? { id: 'text', label: plain(value), description: kind, alwaysShow: true }
    : { id: 'none', label: shared ? vscode.l10n.t('No shared notes') : vscode.l10n.t('No private notes'), description: kind, alwaysShow: true };
  const editor: PickItem = shared
    ? {
        id: 'editor',
        label: `$(note) ${vscode.l10n.t('Open a notes editor…')}`,
        detail: vscode.l10n.t('For several lines, after the last step: Ctrl+Enter there logs the session; closing it keeps a draft'),
        alwaysShow: true,
      }
    : {
        id: 'editor',
        label: `$(lock) ${vscode.l10n.t('Open a private notes editor…')}`,
        detail: vscode.l10n.t('For several lines, once the session is logged: Ctrl+Enter there keeps them on this machine only'),
        alwaysShow: true,
      };
  return [typed, editor];
}

interface StepOptions {
  step: number;
  total: number;
  back: boolean;
}

/**
 * One quick input at a time: each step's input replaces the previous one only once it is shown, so
 * the widget does not flicker; Back is a title button; hiding (Escape) cancels.
 */
class Steps {
  private current: vscode.QuickInput | undefined;

  input(opts: StepOptions & { value: string; prompt: string }, accept: (text: string) => Outcome): Promise<Nav<FlowState> | undefined> {
    const box = vscode.window.createInputBox();
    box.value = opts.value;
    box.prompt = opts.prompt;
    box.onDidChangeValue((text) => {
      const r = accept(text);
      box.validationMessage = r.ok ? undefined : plain(r.message);
    });
    return this.show(box, opts, (resolve) =>
      box.onDidAccept(() => {
        const r = accept(box.value);
        if (r.ok) resolve({ value: r.state });
        else box.validationMessage = plain(r.message);
      }),
    );
  }

  pick(
    opts: StepOptions & {
      items: PickItem[];
      placeholder: string;
      many?: boolean;
      selected?: string[];
      active?: string[];
      value?: string;
      itemsFor?: (value: string) => PickItem[];
    },
    accept: (picked: readonly PickItem[], value: string) => Outcome,
  ): Promise<Nav<FlowState> | undefined> {
    const qp = vscode.window.createQuickPick<PickItem>();
    qp.placeholder = opts.placeholder;
    qp.matchOnDescription = true;
    qp.canSelectMany = !!opts.many;
    if (opts.value) qp.value = opts.value;
    qp.items = opts.items;
    if (opts.selected) qp.selectedItems = opts.items.filter((i) => opts.selected?.includes(i.id));
    const active = opts.items.filter((i) => opts.active?.includes(i.id) && i.kind !== vscode.QuickPickItemKind.Separator);
    if (active.length) qp.activeItems = active;
    const itemsFor = opts.itemsFor;
    if (itemsFor) qp.onDidChangeValue((value) => (qp.items = itemsFor(value)));
    return this.show(qp, opts, (resolve) =>
      qp.onDidAccept(() => {
        const r = accept(qp.canSelectMany ? qp.selectedItems : qp.activeItems, qp.value);
        if (r.ok) resolve({ value: r.state });
        else qp.placeholder = `⚠ ${plain(r.message)}`;
      }),
    );
  }

  close(): void {
    this.current?.dispose();
    this.current = undefined;
  }

  private show(
    input: vscode.InputBox | vscode.QuickPick<PickItem>,
    opts: StepOptions,
    onAccept: (resolve: (nav: Nav<FlowState>) => void) => vscode.Disposable,
  ): Promise<Nav<FlowState> | undefined> {
    input.title = TITLE();
    input.step = opts.step;
    input.totalSteps = opts.total;
    input.ignoreFocusOut = false;
    input.buttons = opts.back ? [vscode.QuickInputButtons.Back] : [];
    const labels = 'items' in input ? input.items.map((i) => i.label) : [input.value];
    return asked({ title: input.title ?? '', step: opts.step, items: labels }, this.answer(input, onAccept));
  }

  private answer(
    input: vscode.InputBox | vscode.QuickPick<PickItem>,
    onAccept: (resolve: (nav: Nav<FlowState>) => void) => vscode.Disposable,
  ): Promise<Nav<FlowState> | undefined> {
    return new Promise((resolve) => {
      const listeners: vscode.Disposable[] = [];
      const finish = (nav: Nav<FlowState> | undefined): void => {
        vscode.Disposable.from(...listeners).dispose();
        resolve(nav);
      };
      listeners.push(
        onAccept(finish),
        input.onDidTriggerButton((b) => {
          if (b === vscode.QuickInputButtons.Back) finish({ back: true });
        }),
        input.onDidHide(() => finish(undefined)),
      );
      this.current?.dispose();
      this.current = input;
      input.show();
    });
  }
}

function nameOf(ctx: FlowContext, plan: LogPlan): string {
  if (plan.newPartnership) {
    const others = plan.newPartnership.members.filter((m) => m !== ctx.me);
    return others.map((m) => ctx.file.partners.find((p) => p.id === m)?.name ?? m).join(', ');
  }
  const p = ctx.file.partnerships.find((x) => x.id === plan.session.partnership);
  return p ? partnershipName(ctx, p) : plan.session.partnership;
}

/** "Logged the session with Bob on 30 Nov. Next one due 14 Dec." */
function confirmation(logged: Logged, name: string, today: string): string {
  const s = logged.session;
  const who = plain(name);
  const when = shortDate(s.date, today);
  const what =
    s.status === 'held'
      ? vscode.l10n.t('Logged the session with {0} on {1}.', who, when)
      : s.status === 'cancelled'
        ? vscode.l10n.t('Logged the cancelled session with {0} on {1}.', who, when)
        : s.to
          ? vscode.l10n.t('Logged the session with {0} on {1} as rescheduled to {2}.', who, when, shortDate(s.to, today))
          : vscode.l10n.t('Logged the session with {0} on {1} as rescheduled.', who, when);
  return logged.nextDue ? `${what} ${vscode.l10n.t('Next one due {0}.', shortDate(logged.nextDue, today))}` : what;
}

function isEmptyPrefill(p: Prefill): boolean {
  return p.partnership === undefined && p.partner === undefined && !p.goals?.length && p.notes === undefined && p.date === undefined;
}

/** The plan without the text of its private notes (which must not be kept with it in the workspace state). */
function withoutPrivateText(plan: LogPlan): LogPlan {
  if (plan.privateNotes === undefined) return plan;
  const rest = { ...plan };
  delete rest.privateNotes;
  return rest;
}

function newDraftId(): string {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

function isDraft(x: unknown): x is Draft {
  const d = x as Partial<Draft> | undefined;
  return (
    isRecord(d) &&
    typeof d.id === 'string' &&
    typeof d.folder === 'string' &&
    typeof d.name === 'string' &&
    typeof d.notes === 'string' &&
    isRecord(d.plan) &&
    isRecord(d.plan.session) &&
    typeof d.plan.session.date === 'string' &&
    typeof d.plan.session.partnership === 'string'
  );
}

/** Drafts first: finish one, or start a new session; undefined on Escape. */
async function pickDraft(drafts: Draft[], today: string): Promise<Draft | 'new' | undefined> {
  type Item = vscode.QuickPickItem & { draft?: Draft };
  const items: Item[] = [
    ...[...drafts].reverse().map((d) => ({
      label: `$(edit) ${vscode.l10n.t('Session with {0} on {1}', plain(d.name), shortDate(d.plan.session.date, today))}`,
      description: vscode.l10n.t('draft'),
      detail: d.notes.trim() ? plain(d.notes.trim().split('\n')[0]) : vscode.l10n.t('no notes yet'),
      draft: d,
    })),
    { label: '', kind: vscode.QuickPickItemKind.Separator },
    { label: `$(add) ${vscode.l10n.t('A new session…')}` },
  ];
  const shown = vscode.window.showQuickPick(items, { title: TITLE(), placeHolder: vscode.l10n.t('Finish a session kept as a draft, or log a new one') });
  const picked = await asked({ title: TITLE(), step: 0, items: items.map((i) => i.label) }, Promise.resolve(shown));
  return picked ? (picked.draft ?? 'new') : undefined;
}

function isShown(uri: vscode.Uri): boolean {
  const key = uri.toString();
  return vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === key));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
