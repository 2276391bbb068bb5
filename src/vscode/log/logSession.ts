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
  FlowContext,
  LogArgs,
  LogPlan,
  partnershipName,
  planFromArgs,
  planOf,
  Prefill,
  startFlow,
  writePlan,
} from '../../core/mentoring';
import { MentoringFile, Session, SESSION_STATUSES } from '../../core/file';
import { parseMentoring } from '../../core/file';
import { sessionRef } from '../../core/notes';
import { plain } from '../../core/text';
import { locateAction, Row } from '../../core/view';
import { command } from '../command';
import { writeAndConfirm } from '../confirmWrite';
import { Identity } from '../identity';
import { PrivateNotesEditors, registerPrivateEditors } from '../notes';
import type { PrivateNotes } from '../notes';
import { FolderFile, MentoringStore } from '../store';

import { confirmation, nameOf, Logged } from './confirmation';
import { Draft, isEmptyPrefill, isRecord, newDraftId, pickDraft, withoutPrivateText, SessionDrafts } from './drafts';
import { runSteps } from './steps';

/** Session notes being written in an untitled editor, by the document's URI. */
interface PendingNotes {
  draft: Draft;
  /** The editor's text now (it becomes empty when the editor is closed with "Don't Save"). */
  text: string;
}

/** True while the active editor holds session notes to log (for the editor title's button and Ctrl+Enter). */
const NOTES_CONTEXT = 'mentoring.sessionNotesActive';
export class SessionLogger implements vscode.Disposable, vscode.CodeLensProvider {
  private readonly pending = new Map<string, PendingNotes>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly logged = new vscode.EventEmitter<Logged>();
  /** Fires after a session was written. */
  readonly onDidLog = this.logged.event;
  private readonly lensChanged = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.lensChanged.event;
  private saveTimer: NodeJS.Timeout | undefined;
  private readonly savedDrafts: SessionDrafts;

  constructor(
    private readonly store: MentoringStore,
    private readonly identity: Identity,
    memento: vscode.Memento,
    private readonly notes?: PrivateNotes,
    private readonly privateEditors?: PrivateNotesEditors,
  ) {
    this.savedDrafts = new SessionDrafts(memento, notes);
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
    const drafts = this.savedDrafts.all().filter((d) => d.folder === file.key && ![...this.pending.values()].some((p) => p.draft.id === d.id));
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
    return this.savedDrafts.all();
  }

  /** Forgets a draft (its notes with it, shared and private). */
  discardDraft(id: string): Promise<void> {
    return this.savedDrafts.discard(id);
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
      more: [
        { label: vscode.l10n.t('Review Goals'), run: () => logged && this.reviewGoals(logged) },
        // The next date, for the partner whose calendar VS Code does not reach.
        { label: vscode.l10n.t('Add to Calendar'), run: () => logged?.nextDue && vscode.commands.executeCommand('mentoring.addToCalendar', { folder, partnership: logged.partnership }) },
      ],
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
    await this.savedDrafts.save(draft);
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
    await this.savedDrafts.save(p.draft);
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
    else if (action === discard) await this.savedDrafts.discard(draft.id);
  }

  /** Logs a draft as it is (its notes as written). */
  async logDraft(draft: Draft): Promise<Logged | undefined> {
    const notes = draft.notes.trim();
    const session: Session = { ...draft.plan.session };
    if (notes) session.notes = notes;
    else delete session.notes;
    const logged = await this.write(draft.folder, { ...draft.plan, session }, draft.private ? draft.id : undefined);
    if (logged) await this.savedDrafts.discard(draft.id);
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
      if ([...this.pending.values()].some((p) => p.draft.id === draft.id)) void this.savedDrafts.save(draft);
    }, 500);
  }

  private updateNotesContext(): Thenable<unknown> {
    const active = vscode.window.activeTextEditor?.document.uri.toString();
    return vscode.commands.executeCommand('setContext', NOTES_CONTEXT, active !== undefined && this.pending.has(active));
  }
}

export function registerLogSession(context: vscode.ExtensionContext, store: MentoringStore, identity: Identity, notes?: PrivateNotes): SessionLogger {
  const editors = notes && registerPrivateEditors(context, store, notes);
  const logger = new SessionLogger(store, identity, context.workspaceState, notes, editors);
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

function isShown(uri: vscode.Uri): boolean {
  const key = uri.toString();
  return vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === key));
}
