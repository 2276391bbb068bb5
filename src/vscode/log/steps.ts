/**
 * The Log Mentoring Session flow's steps as quick inputs: partnership, date, status, length, goals,
 * notes and action items, each able to go back, driven by the plan in core/mentoring (logFlow).
 */
import * as vscode from 'vscode';
import {
  Answer,
  answer,
  back,
  FlowContext,
  FlowState,
  membersOf,
  minutesDefault,
  openGoalsOf,
  Outcome,
  partnershipChoices,
  partnershipName,
  partnershipSentence,
  stepNumber,
} from '../../core/mentoring';
import { Partnership, PARTNERSHIP_KINDS, Session, SESSION_STATUSES } from '../../core/file';
import { plain } from '../../core/text';
import { asked } from '../confirmWrite';

type Nav<T> = { back: true } | { value: T };

interface PickItem extends vscode.QuickPickItem {
  id: string;
}

export const TITLE = (): string => vscode.l10n.t('Log mentoring session');

/** Runs the flow from `state` until done; undefined when the person pressed Escape. */
export async function runSteps(ctx: FlowContext, state: FlowState): Promise<FlowState | undefined> {
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
    case 'actionDue':
      return ui.input(
        { ...base, value: state.pendingDue ?? '', prompt: vscode.l10n.t('When is it due? YYYY-MM-DD, or leave empty for no date') },
        (text) => take({ step: 'actionDue', text }),
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
