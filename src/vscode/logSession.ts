/**
 * "Mentoring: Log mentoring session": the multi-step quick input over the pure flow of
 * `core/logFlow` (which decides every step, default and check), the notes editor for longer notes,
 * writing through the store, and "Mark done" on open action items.
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
import { healthOf } from '../core/cadence';
import { localToday } from '../core/dates';
import { EditError, setActionDone } from '../core/edit';
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
} from '../core/logFlow';
import { MentoringFile, Partnership, PARTNERSHIP_KINDS, Session, SESSION_STATUSES } from '../core/model';
import { parseMentoring } from '../core/parse';
import { sessionRef } from '../core/privateNotes';
import { locateAction, Row } from '../core/tree-model';
import { Identity } from './identity';
import { PrivateNotesEditors, registerPrivateEditors } from './privateEditor';
import type { PrivateNotes } from './privateNotes';
import { FolderFile, MentoringStore } from './store';

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

/** Session notes being written in an untitled editor, by the document's URI. */
interface PendingNotes {
  folder: string;
  plan: LogPlan;
  name: string;
  text: string;
}

/** True while the active editor holds session notes to log (for the editor title's button). */
const NOTES_CONTEXT = 'mentoring.sessionNotesActive';

export class SessionLogger implements vscode.Disposable {
  private readonly pending = new Map<string, PendingNotes>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly logged = new vscode.EventEmitter<Logged>();
  /** Fires after a session was written. */
  readonly onDidLog = this.logged.event;

  constructor(
    private readonly store: MentoringStore,
    private readonly identity: Identity,
    private readonly notes?: PrivateNotes,
    private readonly privateEditors?: PrivateNotesEditors,
  ) {
    this.disposables.push(
      this.logged,
      vscode.workspace.onDidChangeTextDocument((e) => {
        const p = this.pending.get(e.document.uri.toString());
        if (p) p.text = e.document.getText();
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
    const state = await runSteps(ctx, startFlow(ctx, prefill));
    if (!state) return undefined;
    const plan = planOf(ctx, state);
    if (state.notesInEditor) {
      await this.openNotesEditor(file.key, plan, nameOf(ctx, plan));
      return undefined;
    }
    return this.write(file.key, plan);
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
    const logged = await this.writeNotes(key, doc?.getText() ?? p.text);
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
    const result = await this.store.applyEdit(row.folder, (text) => {
      const model = parseMentoring(text).model;
      const at = model && locateAction(model, action);
      if (!at) throw new EditError(vscode.l10n.t('the action item “{0}” is no longer open in the file', action.what));
      return setActionDone(text, at, true);
    });
    return result !== undefined;
  }

  dispose(): void {
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
      withFile.map((f) => ({ label: f.folder.name, description: vscode.workspace.asRelativePath(f.uri), file: f })),
      { title: vscode.l10n.t('Log mentoring session'), placeHolder: vscode.l10n.t('Which folder’s mentoring file?') },
    );
    return picked?.file;
  }

  /** The file's current model, or undefined (with the problem shown) when it cannot take a session. */
  private usableModel(file: FolderFile): MentoringFile | undefined {
    if (!file.exists) {
      void vscode.window.showErrorMessage(vscode.l10n.t('{0} does not exist.', vscode.workspace.asRelativePath(file.uri)));
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

  /** Writes the plan through the store (onto the file's text as it is now) and confirms it. */
  private async write(folder: string, plan: LogPlan): Promise<Logged | undefined> {
    if (!(await this.privateReady(folder, plan))) return undefined;
    const result = await this.store.applyEdit(folder, (text) => writePlan(text, plan));
    if (!result) return undefined;
    const file = this.store.get(folder);
    const model = parseMentoring(result.text).model;
    const id = result.id ?? plan.session.partnership;
    const partnership = model?.partnerships.find((p) => p.id === id);
    const session: Session = { ...plan.session, partnership: id };
    const index = (model?.sessions.length ?? 1) - 1;
    const me = model && file ? this.identity.me(file.folder, model) : undefined;
    const health = model && partnership ? healthOf(model, partnership, localToday(), { me }) : undefined;
    const nextDue = health && health.state !== 'paused' && health.state !== 'ended' ? health.nextDue : undefined;
    const logged: Logged = { folder, partnership: id, session, index, nextDue };
    const name = model && partnership ? partnershipName({ file: model, me, today: localToday() }, partnership) : id;
    if (model) await this.keepPrivate(logged, plan, model, name);
    this.logged.fire(logged);
    void this.confirm(logged, name);
    return logged;
  }

  /**
   * Whether the plan's private notes can be kept: checked before the session is written, so that
   * a notes file that cannot take them (a hand-edited one, say) stops the whole log, with the reason.
   */
  private async privateReady(folder: string, plan: LogPlan): Promise<boolean> {
    if (plan.privateNotes === undefined && !plan.privateEditor) return true;
    try {
      if (!this.notes) throw new Error(vscode.l10n.t('private notes are not available here'));
      await this.notes.check(folder);
      return true;
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e);
      void vscode.window.showErrorMessage(vscode.l10n.t('The private notes cannot be kept ({0}); nothing was written.', reason));
      return false;
    }
  }

  /** Keeps the plan's private notes on the session just logged, or opens their editor; says when that failed. */
  private async keepPrivate(logged: Logged, plan: LogPlan, model: MentoringFile, name: string): Promise<void> {
    const session = model.sessions[logged.index];
    if (!this.notes || !session) return;
    if (plan.privateEditor && this.privateEditors) {
      await this.privateEditors.open(logged.folder, sessionRef(session), name, plan.privateNotes ?? '');
      return;
    }
    if (plan.privateNotes === undefined) return;
    try {
      logged.privateNotes = (await this.notes.add(logged.folder, model, { session: sessionRef(session), text: plan.privateNotes })).file;
    } catch (e) {
      void vscode.window.showWarningMessage(vscode.l10n.t('The session was logged, but its private notes were not kept: {0}', e instanceof Error ? e.message : String(e)));
    }
  }

  private async confirm(logged: Logged, name: string): Promise<void> {
    const s = logged.session;
    const what =
      s.status === 'held'
        ? s.minutes !== undefined
          ? vscode.l10n.t('Logged session with {0} ({1} min).', name, s.minutes)
          : vscode.l10n.t('Logged session with {0}.', name)
        : vscode.l10n.t('Logged {0} session with {1}.', s.status, name);
    const due = `${logged.nextDue ? ` ${vscode.l10n.t('Next due {0}.', logged.nextDue)}` : ''}${logged.privateNotes ? ` ${vscode.l10n.t('Private notes kept on this machine only.')}` : ''}`;
    const open = vscode.l10n.t('Open');
    const review = vscode.l10n.t('Review goals');
    const action = await vscode.window.showInformationMessage(`${what}${due}`, open, review);
    if (action === open) {
      const file = this.store.get(logged.folder);
      const range = file?.parsed?.rangeOf(['sessions', logged.index]);
      if (range) await this.store.revealRange(logged.folder, range);
      else if (file) await vscode.window.showTextDocument(file.uri);
    } else if (action === review) {
      const commands = await vscode.commands.getCommands(true);
      if (!commands.includes('mentoring.reviewGoals')) {
        void vscode.window.showInformationMessage(vscode.l10n.t('Goal reviews are not available in this version.'));
        return;
      }
      try {
        await vscode.commands.executeCommand('mentoring.reviewGoals', { folder: logged.folder, partnership: logged.partnership });
      } catch (e) {
        void vscode.window.showErrorMessage(e instanceof Error ? e.message : String(e));
      }
    }
  }

  private async openNotesEditor(folder: string, plan: LogPlan, name: string): Promise<void> {
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: plan.session.notes ?? '' });
    this.pending.set(doc.uri.toString(), { folder, plan, name, text: doc.getText() });
    await this.updateNotesContext();
    await vscode.window.showTextDocument(doc);
    void vscode.window.showInformationMessage(
      vscode.l10n.t('Write the notes of the session with {0}, then choose “Log Session” in the editor title, or close the editor.', name),
    );
  }

  /** A notes editor closed (or saved elsewhere): its text becomes the notes; empty notes ask first. */
  private async notesClosed(key: string): Promise<void> {
    const p = this.pending.get(key);
    if (!p) return;
    if (p.text.trim() !== '') {
      await this.writeNotes(key, p.text);
      return;
    }
    this.pending.delete(key);
    await this.updateNotesContext();
    const log = vscode.l10n.t('Log Without Notes');
    const action = await vscode.window.showWarningMessage(vscode.l10n.t('The session with {0} was not logged: the notes editor was closed empty.', p.name), log);
    if (action === log) await this.write(p.folder, p.plan);
  }

  private async writeNotes(key: string, text: string): Promise<Logged | undefined> {
    const p = this.pending.get(key);
    if (!p) return undefined;
    this.pending.delete(key);
    await this.updateNotesContext();
    const notes = text.trim();
    const session: Session = { ...p.plan.session };
    if (notes) session.notes = notes;
    else delete session.notes;
    const logged = await this.write(p.folder, { ...p.plan, session });
    if (!logged) {
      // Not written (the file has errors, say): the notes stay in their editor for another try.
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key && !d.isClosed);
      if (doc) {
        this.pending.set(key, { ...p, text });
        await this.updateNotesContext();
      }
    }
    return logged;
  }

  private updateNotesContext(): Thenable<unknown> {
    const active = vscode.window.activeTextEditor?.document.uri.toString();
    return vscode.commands.executeCommand('setContext', NOTES_CONTEXT, active !== undefined && this.pending.has(active));
  }
}

export function registerLogSession(context: vscode.ExtensionContext, store: MentoringStore, identity: Identity, notes?: PrivateNotes): SessionLogger {
  const editors = notes && registerPrivateEditors(context, store, notes);
  const logger = new SessionLogger(store, identity, notes, editors);
  const command = (id: string, run: (arg?: never) => Promise<unknown>): vscode.Disposable =>
    vscode.commands.registerCommand(id, async (arg?: never) => {
      try {
        return await run(arg);
      } catch (e) {
        void vscode.window.showErrorMessage(e instanceof Error ? e.message : String(e));
        return undefined;
      }
    });
  context.subscriptions.push(
    logger,
    command('mentoring.logSession', (arg?: unknown) => logger.run(arg)),
    command('mentoring.logSessionNotes', (uri?: vscode.Uri) => logger.finishNotes(uri)),
    command('mentoring.markActionDone', (row?: Row) => logger.markActionDone(row)),
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
        label: partnershipName(ctx, p),
        description: p.status === 'paused' ? vscode.l10n.t('{0} · paused', p.id) : p.id,
        detail: partnershipSentence(ctx, p),
      }));
      items.push({ id: '', label: '', kind: vscode.QuickPickItemKind.Separator }, { id: '+new', label: `$(add) ${vscode.l10n.t('New partnership…')}` });
      return ui.pick({ ...base, placeholder: vscode.l10n.t('Which partnership met?'), items, active: state.newPartnership ? ['+new'] : [state.partnership ?? ''] }, ([item]) =>
        take(item?.id === '+new' ? { step: 'partnership', newPartnership: true } : { step: 'partnership', partnership: item?.id ?? '' }),
      );
    }
    case 'members': {
      const items = ctx.file.partners.map((p) => ({ id: p.id, label: p.name, description: p.id + (p.id === ctx.me ? ` · ${vscode.l10n.t('you')}` : '') }));
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
      const items = (state.newPartnership?.members ?? []).map((m) => ({ id: m, label: who(m), description: m }));
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
      const items = openGoalsOf(ctx, state.partnership).map((g) => ({ id: g.id, label: g.title, description: `${who(g.owner)} · ${g.status}` }));
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
      const editor: PickItem = shared
        ? { id: 'editor', label: `$(note) ${vscode.l10n.t('Open a notes editor…')}`, detail: vscode.l10n.t('For several lines: written after the last step'), alwaysShow: true }
        : { id: 'editor', label: `$(lock) ${vscode.l10n.t('Open a private notes editor…')}`, detail: vscode.l10n.t('For several lines: written after the last step, kept on this machine only'), alwaysShow: true };
      // What the notes are and where they go, on the first item whatever is typed.
      const kind = shared ? vscode.l10n.t('Shared notes (in the file)') : `$(lock) ${vscode.l10n.t('Private notes (this machine only)')}`;
      const itemsFor = (value: string): PickItem[] =>
        value.trim()
          ? [{ id: 'text', label: value, description: kind, alwaysShow: true }, editor]
          : [{ id: 'none', label: shared ? vscode.l10n.t('No shared notes') : vscode.l10n.t('No private notes'), description: kind, alwaysShow: true }, editor];
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
        ...membersOf(ctx, state).map((m) => ({ id: m, label: `$(person) ${who(m)}`, description: vscode.l10n.t('add an action item for {0}', who(m)) })),
      ];
      return ui.pick({ ...base, placeholder: vscode.l10n.t('Action items: who will do something? (Done to finish)'), items, active: [state.pendingWho ?? 'done'] }, ([item]) =>
        take(!item || item.id === 'done' ? { step: 'actionWho', done: true } : { step: 'actionWho', who: item.id }),
      );
    }
    case 'actionWhat':
      return ui.input(
        { ...base, value: state.pendingWhat ?? '', prompt: vscode.l10n.t('What will {0} do? (one line)', who(state.pendingWho ?? '')) },
        (text) => take({ step: 'actionWhat', text }),
      );
    case 'done':
      return Promise.resolve({ value: state });
  }
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
      box.validationMessage = r.ok ? undefined : r.message;
    });
    return this.show(box, opts, (resolve) =>
      box.onDidAccept(() => {
        const r = accept(box.value);
        if (r.ok) resolve({ value: r.state });
        else box.validationMessage = r.message;
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
        else qp.placeholder = `⚠ ${r.message}`;
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

function isShown(uri: vscode.Uri): boolean {
  const key = uri.toString();
  return vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === key));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
