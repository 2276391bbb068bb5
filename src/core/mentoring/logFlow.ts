/**
 * "Log mentoring session" as a pure state machine: the steps a person goes through (partnership,
 * date, held/cancelled/rescheduled, minutes, goals, notes, action items), going back, defaults,
 * validation of every answer, and the final {@link Session} (plus a new partnership when one is made
 * on the way). The editor only shows each step; everything it decides is here.
 *
 *   partnership ─┬─ (new: members → kind → mentor) ─ date ─ status ─┬─ held: minutes → goals → notes → private notes → actions (who → what → due)
 *                                                                   ├─ cancelled: reason
 *                                                                   └─ rescheduled: reason → to
 */
import { defaultMinutes, healthOf, myPartnershipsFirst, withWhom } from './cadence';
import { daysBetween, parseDateInput } from '../dates';
import { addPartnership, addSession, diffEdit, EditResult } from '../file';
import {
  ActionItem,
  Goal,
  IsoDate,
  isOpenGoal,
  MentoringFile,
  Partnership,
  PARTNERSHIP_KINDS,
  PartnershipKind,
  Session,
  SESSION_STATUSES,
  SessionStatus,
} from '../file';

export type StepId =
  | 'partnership'
  | 'members'
  | 'kind'
  | 'mentor'
  | 'date'
  | 'status'
  | 'reason'
  | 'to'
  | 'minutes'
  | 'goals'
  | 'notes'
  | 'privateNotes'
  | 'actionWho'
  | 'actionWhat'
  | 'actionDue'
  | 'done';

/** What the flow reads: the file as it is, who is logging, and the day. */
export interface FlowContext {
  file: MentoringFile;
  me?: string;
  today: IsoDate;
}

export interface NewPartnership {
  members: string[];
  kind?: PartnershipKind;
  mentor?: string;
}

export interface FlowState {
  step: StepId;
  /** Steps answered so far, most recent last: where Back goes. */
  history: StepId[];
  /** An existing partnership's id (unset while a new one is being made). */
  partnership?: string;
  newPartnership?: NewPartnership;
  date?: IsoDate;
  status?: SessionStatus;
  reason?: string;
  to?: IsoDate;
  /** Minutes of a held session; null when the person left them out. */
  minutes?: number | null;
  goals?: string[];
  notes?: string;
  /** The notes are to be written in an editor once the rest is answered. */
  notesInEditor?: boolean;
  /** Private notes: kept on this machine only, never written to the file (core/privateNotes). */
  privateNotes?: string;
  /** The private notes are to be written in an editor of their own once the rest is answered. */
  privateNotesInEditor?: boolean;
  actions: ActionItem[];
  /** The action item being entered: who, and the text to offer again after Back. */
  pendingWho?: string;
  pendingWhat?: string;
  /** The due date typed for the action item being entered (offered again after Back). */
  pendingDue?: string;
}

/** What another command, a tree row or the status bar knows before the flow starts. */
export interface Prefill {
  partnership?: string;
  /** A partner: their partnership with `me` is picked when there is just one. */
  partner?: string;
  goals?: string[];
  notes?: string;
  date?: IsoDate;
}

export type Answer =
  | { step: 'partnership'; partnership: string }
  | { step: 'partnership'; newPartnership: true }
  | { step: 'members'; members: string[] }
  | { step: 'kind'; kind: PartnershipKind }
  | { step: 'mentor'; mentor: string }
  | { step: 'date' | 'reason' | 'to' | 'minutes' | 'actionWhat' | 'actionDue'; text: string }
  | { step: 'status'; status: SessionStatus }
  | { step: 'goals'; goals: string[] }
  | { step: 'notes' | 'privateNotes'; notes: string }
  | { step: 'notes' | 'privateNotes'; editor: true; notes?: string }
  | { step: 'actionWho'; who: string }
  | { step: 'actionWho'; done: true };

export type Outcome = { ok: true; state: FlowState } | { ok: false; message: string };

/**
 * What the flow writes: a session, and first a partnership when it was made in the flow; the
 * session's private notes go to this machine's notes, never to the file.
 */
export interface LogPlan {
  newPartnership?: Omit<Partnership, 'id'>;
  session: Session;
  privateNotes?: string;
  /** The private notes are written in an editor once the session is logged (`privateNotes` starts it). */
  privateEditor?: boolean;
}

export const MAX_MINUTES = 24 * 60;
const MAX_ONE_LINE = 500;

/** Partnerships a session can be logged for: the ones not ended, the user's own first. */
export function partnershipChoices(ctx: FlowContext, prefer?: string): Partnership[] {
  const open = myPartnershipsFirst(ctx.file.partnerships, ctx.me).filter((p) => p.status !== 'ended');
  if (prefer === undefined) return open;
  return [...open.filter((p) => p.members.includes(prefer)), ...open.filter((p) => !p.members.includes(prefer))];
}

/** A partnership as the flow names it: "Bob", "Ana Lima and Ben Okafor" (with `me` left out). */
export function partnershipName(ctx: FlowContext, partnership: Partnership): string {
  return withWhom(ctx.file, partnership, ctx.me);
}

/** One line about where a partnership stands: "next session with Bob in 3 days". */
export function partnershipSentence(ctx: FlowContext, partnership: Partnership): string {
  return healthOf(ctx.file, partnership, ctx.today, { me: ctx.me }).sentence;
}

export function startFlow(ctx: FlowContext, prefill: Prefill = {}): FlowState {
  const state: FlowState = { step: 'partnership', history: [], actions: [] };
  if (prefill.date !== undefined && parseDateInput(prefill.date, ctx.today).ok) state.date = prefill.date;
  if (prefill.notes !== undefined && prefill.notes.trim() !== '') state.notes = prefill.notes.trim();
  let partnership = prefill.partnership !== undefined ? ctx.file.partnerships.find((p) => p.id === prefill.partnership && p.status !== 'ended') : undefined;
  if (!partnership && prefill.goals?.length) {
    const goal = ctx.file.goals.find((g) => g.id === prefill.goals?.[0]);
    partnership = ctx.file.partnerships.find((p) => p.id === goal?.partnership && p.status !== 'ended');
  }
  if (!partnership && prefill.partner !== undefined) {
    const theirs = partnershipChoices(ctx).filter((p) => p.members.includes(prefill.partner as string));
    const shared = ctx.me !== undefined && ctx.me !== prefill.partner ? theirs.filter((p) => p.members.includes(ctx.me as string)) : theirs;
    if (shared.length === 1) partnership = shared[0];
    else if (theirs.length === 1) partnership = theirs[0];
  }
  if (partnership) {
    state.partnership = partnership.id;
    const open = new Set(openGoalsOf(ctx, partnership.id).map((g) => g.id));
    const goals = (prefill.goals ?? []).filter((g) => open.has(g));
    if (goals.length) state.goals = goals;
    state.history = ['partnership'];
    state.step = 'date';
  }
  return state;
}

/** Goals a session of the partnership can discuss: its open goals, in file order. */
export function openGoalsOf(ctx: FlowContext, partnershipId: string | undefined): Goal[] {
  return ctx.file.goals.filter((g) => g.partnership === partnershipId && isOpenGoal(g));
}

/** The members of the partnership being logged (an existing one or the one being made). */
export function membersOf(ctx: FlowContext, state: FlowState): string[] {
  if (state.newPartnership) return state.newPartnership.members;
  return ctx.file.partnerships.find((p) => p.id === state.partnership)?.members ?? [];
}

/** The minutes offered for a held session: the answer given before, else the last held session's. */
export function minutesDefault(ctx: FlowContext, state: FlowState): number | undefined {
  if (state.minutes !== undefined) return state.minutes ?? undefined;
  return state.partnership !== undefined ? defaultMinutes(ctx.file, state.partnership) : undefined;
}

/** The main steps of the flow as it stands (sub-steps share their main step's number). */
function mainSteps(state: FlowState): StepId[] {
  const status = state.status ?? 'held';
  if (status === 'cancelled') return ['partnership', 'date', 'status', 'reason'];
  if (status === 'rescheduled') return ['partnership', 'date', 'status', 'reason', 'to'];
  return ['partnership', 'date', 'status', 'minutes', 'goals', 'notes', 'actionWho'];
}

const MAIN_STEP: Partial<Record<StepId, StepId>> = { members: 'partnership', kind: 'partnership', mentor: 'partnership', privateNotes: 'notes', actionWhat: 'actionWho', actionDue: 'actionWho' };

/** "2 of 7" for the step indicator. */
export function stepNumber(state: FlowState): { step: number; total: number } {
  const steps = mainSteps(state);
  if (state.step === 'done') return { step: steps.length, total: steps.length };
  return { step: steps.indexOf(MAIN_STEP[state.step] ?? state.step) + 1, total: steps.length };
}

/** Validates one answer and moves on; a refused answer keeps the state and says why. */
export function answer(ctx: FlowContext, state: FlowState, a: Answer): Outcome {
  if (a.step !== state.step) return fail(`expected an answer to the ${state.step} step, not ${a.step}`);
  const next: FlowState = { ...state, history: [...state.history, state.step], actions: [...state.actions] };
  const go = (step: StepId): Outcome => ({ ok: true, state: { ...next, step } });
  switch (a.step) {
    case 'partnership': {
      if ('newPartnership' in a) {
        next.newPartnership = state.newPartnership ?? { members: ctx.me !== undefined ? [ctx.me] : [] };
        next.partnership = undefined;
        return go('members');
      }
      const p = ctx.file.partnerships.find((x) => x.id === a.partnership);
      if (!p) return fail(`unknown partnership '${a.partnership}'`);
      if (p.status === 'ended') return fail(`partnership '${p.id}' has ended`);
      if (state.partnership !== p.id || state.newPartnership) forgetPartnershipAnswers(next);
      next.partnership = p.id;
      next.newPartnership = undefined;
      return go('date');
    }
    case 'members': {
      const members = [...new Set(a.members)];
      const unknown = members.find((m) => !ctx.file.partners.some((p) => p.id === m));
      if (unknown !== undefined) return fail(`unknown partner '${unknown}'`);
      if (members.length < 2) return fail('Pick at least two partners');
      if (!sameMembers(members, state.newPartnership?.members ?? [])) forgetPartnershipAnswers(next);
      next.newPartnership = { ...state.newPartnership, members };
      if (next.newPartnership.mentor !== undefined && !members.includes(next.newPartnership.mentor)) next.newPartnership.mentor = undefined;
      return go('kind');
    }
    case 'kind': {
      if (!next.newPartnership) return fail('no new partnership is being made');
      if (!PARTNERSHIP_KINDS.includes(a.kind)) return fail(`a partnership is ${PARTNERSHIP_KINDS.join(' or ')}`);
      next.newPartnership = { ...next.newPartnership, kind: a.kind };
      if (a.kind === 'one-way') return go('mentor');
      next.newPartnership.mentor = undefined;
      return go('date');
    }
    case 'mentor': {
      if (!next.newPartnership?.members.includes(a.mentor)) return fail('The mentor must be one of the members');
      next.newPartnership = { ...next.newPartnership, mentor: a.mentor };
      return go('date');
    }
    case 'date': {
      const r = parseDateInput(a.text, ctx.today);
      if (!r.ok) return fail(r.message);
      next.date = r.date;
      if (next.to !== undefined && daysBetween(r.date, next.to) <= 0) next.to = undefined;
      return go('status');
    }
    case 'status': {
      if (!SESSION_STATUSES.includes(a.status)) return fail(`a session is ${SESSION_STATUSES.join(', ')}`);
      next.status = a.status;
      return go(a.status === 'held' ? 'minutes' : 'reason');
    }
    case 'reason': {
      const r = oneLine(a.text, 'a reason');
      if (!r.ok) return r;
      next.reason = r.text;
      return go(next.status === 'rescheduled' ? 'to' : 'done');
    }
    case 'to': {
      const text = a.text.trim();
      if (text === '') {
        next.to = undefined;
        return go('done');
      }
      const r = parseDateInput(text, ctx.today, { allowFuture: true });
      if (!r.ok) return fail(r.message);
      if (next.date !== undefined && daysBetween(next.date, r.date) <= 0) return fail(`The new date must be after the session's date, ${next.date}`);
      next.to = r.date;
      return go('done');
    }
    case 'minutes': {
      const r = parseMinutes(a.text);
      if (!r.ok) return r;
      next.minutes = r.minutes ?? null;
      return go('goals');
    }
    case 'goals': {
      const open = new Set(openGoalsOf(ctx, next.partnership).map((g) => g.id));
      const bad = a.goals.find((g) => !open.has(g));
      if (bad !== undefined) return fail(`'${bad}' is not an open goal of this partnership`);
      next.goals = [...new Set(a.goals)];
      return go('notes');
    }
    case 'notes':
    case 'privateNotes': {
      // Shared notes, then private ones: the same answers, kept apart.
      const shared = a.step === 'notes';
      const then = shared ? 'privateNotes' : 'actionWho';
      const set = (notes: string | undefined, inEditor: boolean): void => {
        if (shared) [next.notes, next.notesInEditor] = [notes, inEditor];
        else [next.privateNotes, next.privateNotesInEditor] = [notes, inEditor];
      };
      if ('editor' in a) {
        // What was typed already starts the editor's text.
        set(a.notes !== undefined ? a.notes.trim() || undefined : shared ? next.notes : next.privateNotes, true);
        return go(then);
      }
      const text = a.notes.trim();
      if (text.length > MAX_ONE_LINE * 20) return fail(`Notes are limited to ${MAX_ONE_LINE * 20} characters`);
      set(text === '' ? undefined : text, false);
      return go(then);
    }
    case 'actionWho': {
      if ('done' in a) return go('done');
      if (!membersOf(ctx, next).includes(a.who)) return fail(`'${a.who}' is not a member of this partnership`);
      next.pendingWho = a.who;
      return go('actionWhat');
    }
    case 'actionWhat': {
      if (next.pendingWho === undefined) return fail('pick who the action item is for first');
      const r = oneLine(a.text, 'what is to be done');
      if (!r.ok) return r;
      next.pendingWhat = r.text;
      return go('actionDue');
    }
    case 'actionDue': {
      if (next.pendingWho === undefined || next.pendingWhat === undefined) return fail('say who does what first');
      const text = a.text.trim();
      let due: string | undefined;
      if (text !== '') {
        const r = parseDateInput(text, ctx.today, { allowFuture: true });
        if (!r.ok) return fail(r.message);
        if (next.date !== undefined && daysBetween(next.date, r.date) < 0) return fail(`The due date must not be before the session, ${next.date}`);
        due = r.date;
      }
      // Written as the file's own open items are: with `done: false`.
      next.actions.push({ who: next.pendingWho, what: next.pendingWhat, done: false, ...(due !== undefined ? { due } : {}) });
      next.pendingWho = next.pendingWhat = next.pendingDue = undefined;
      // Each item is a round of who → what → due; Back from the next "who" reopens this item.
      return go('actionWho');
    }
  }
}

/** One step back, keeping every answer as the default to change; at the first step, unchanged. */
export function back(state: FlowState): FlowState {
  if (!state.history.length) return state;
  const history = state.history.slice(0, -1);
  const step = state.history[state.history.length - 1];
  const next: FlowState = { ...state, history, step, actions: [...state.actions] };
  if (step === 'actionDue') {
    // Back into an item already added: take it out again and offer its text.
    const last = next.actions.pop();
    next.pendingWho = last?.who;
    next.pendingWhat = last?.what;
    next.pendingDue = last?.due;
  }
  return next;
}

/** The session (and partnership) the finished flow describes. */
export function planOf(ctx: FlowContext, state: FlowState): LogPlan {
  if (state.step !== 'done') throw new Error(`the flow is not finished (at ${state.step})`);
  const status = state.status ?? 'held';
  const np = state.newPartnership;
  const session: Session = { date: state.date ?? ctx.today, partnership: state.partnership ?? '', status };
  if (status === 'held') {
    if (typeof state.minutes === 'number') session.minutes = state.minutes;
    if (state.goals?.length) session.goals = state.goals;
    if (state.notes !== undefined) session.notes = state.notes;
    if (state.actions.length) session.actions = state.actions;
  } else {
    if (state.reason !== undefined) session.reason = state.reason;
    if (status === 'rescheduled' && state.to !== undefined) session.to = state.to;
  }
  // The flow asks for private notes with held sessions (an argument object may give them to any).
  const mine: Pick<LogPlan, 'privateNotes' | 'privateEditor'> = {};
  if (status === 'held' && state.privateNotes !== undefined) mine.privateNotes = state.privateNotes;
  if (status === 'held' && state.privateNotesInEditor) mine.privateEditor = true;
  if (!np) return { session, ...mine };
  const partnership: Omit<Partnership, 'id'> = { members: np.members, kind: np.kind ?? 'mutual' };
  if (partnership.kind === 'one-way' && np.mentor !== undefined) partnership.mentor = np.mentor;
  partnership.since = session.date;
  partnership.status = 'active';
  return { newPartnership: partnership, session, ...mine };
}

/** The argument object of the command: all fields given, no questions asked. */
export interface LogArgs {
  folder?: string;
  partnership: string;
  date?: string;
  status: SessionStatus;
  reason?: string;
  to?: string;
  minutes?: number | string;
  goals?: string[];
  notes?: string;
  /** Kept on this machine only, never in the file; for a session of any status. */
  privateNotes?: string;
  actions?: ActionItem[];
}

/**
 * Checks a complete argument object against the file, as the flow would check each answer, and
 * returns what to write (minutes default to the last held session's).
 */
export function planFromArgs(ctx: FlowContext, args: LogArgs): Outcome & { plan?: LogPlan } {
  let state = startFlow(ctx);
  const steps: Answer[] = [
    { step: 'partnership', partnership: String(args.partnership) },
    { step: 'date', text: args.date === undefined ? ctx.today : String(args.date) },
    { step: 'status', status: args.status },
  ];
  if (args.status === 'held') {
    if (args.reason !== undefined) return fail('a reason is for cancelled or rescheduled sessions');
    if (args.to !== undefined) return fail("'to' is for rescheduled sessions");
    steps.push(
      { step: 'minutes', text: String(args.minutes ?? defaultMinutes(ctx.file, String(args.partnership)) ?? '') },
      { step: 'goals', goals: Array.isArray(args.goals) ? args.goals.map(String) : [] },
      { step: 'notes', notes: args.notes === undefined ? '' : String(args.notes) },
      { step: 'privateNotes', notes: args.privateNotes === undefined ? '' : String(args.privateNotes) },
    );
    for (const a of Array.isArray(args.actions) ? args.actions : []) {
      steps.push({ step: 'actionWho', who: String(a?.who) }, { step: 'actionWhat', text: String(a?.what ?? '') }, { step: 'actionDue', text: a?.due === undefined ? '' : String(a.due) });
    }
    steps.push({ step: 'actionWho', done: true });
  } else {
    if (args.minutes !== undefined || args.goals?.length || args.actions?.length) return fail(`minutes, goals and actions are for held sessions, not ${args.status} ones`);
    if (args.to !== undefined && args.status !== 'rescheduled') return fail("'to' is for rescheduled sessions");
    steps.push({ step: 'reason', text: args.reason === undefined ? '' : String(args.reason) });
    if (args.status === 'rescheduled') steps.push({ step: 'to', text: args.to === undefined ? '' : String(args.to) });
  }
  for (const step of steps) {
    const r = answer(ctx, state, step);
    if (!r.ok) return r;
    state = r.state;
  }
  const plan = planOf(ctx, state);
  const privateNotes = args.privateNotes === undefined ? '' : String(args.privateNotes).trim();
  if (args.status !== 'held' && privateNotes !== '') plan.privateNotes = privateNotes;
  return { ok: true, state, plan };
}

/**
 * The edit that writes a plan: the new partnership (when there is one) and the session, as one edit
 * (one undo step). `id` is the new partnership's id.
 */
export function writePlan(text: string, plan: LogPlan): EditResult {
  if (!plan.newPartnership) return addSession(text, plan.session);
  const created = addPartnership(text, plan.newPartnership);
  const id = created.id as string;
  const logged = addSession(created.text, { ...plan.session, partnership: id });
  return { ...singleEdit(text, logged.text), id };
}

/** The one edit that turns `before` into `after` (the changed middle between a common prefix and suffix). */
export function singleEdit(before: string, after: string): EditResult {
  return { text: after, edits: before === after ? [] : [diffEdit(before, after)] };
}

export function parseMinutes(text: string): { ok: true; minutes?: number } | { ok: false; message: string } {
  const t = text.trim();
  if (t === '') return { ok: true };
  if (!/^\d+$/.test(t) || Number(t) < 1 || Number(t) > MAX_MINUTES) return fail(`Enter whole minutes from 1 to ${MAX_MINUTES}, or leave it empty`);
  return { ok: true, minutes: Number(t) };
}

function oneLine(text: string, what: string): { ok: true; text: string } | { ok: false; message: string } {
  const t = text.trim();
  if (t === '') return fail(`Enter ${what}`);
  if (/[\r\n]/.test(t)) return fail('One line, please');
  if (t.length > MAX_ONE_LINE) return fail(`At most ${MAX_ONE_LINE} characters`);
  return { ok: true, text: t };
}

/** Goals and action items belong to one partnership: a different partnership starts them afresh. */
function forgetPartnershipAnswers(state: FlowState): void {
  state.goals = undefined;
  state.minutes = undefined;
  state.actions = [];
  state.pendingWho = state.pendingWhat = state.pendingDue = undefined;
}

function sameMembers(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((m) => b.includes(m));
}

function fail(message: string): { ok: false; message: string } {
  return { ok: false, message };
}
