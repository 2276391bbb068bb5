/**
 * The rows of the "Partners & Goals" tree, built from mentoring files without any editor API so the
 * whole view can be checked in plain Node. The VS Code side only turns a {@link Row} into a TreeItem.
 *
 *   folder (only with several workspace folders)
 *   ├─ notices: errors in the file (last valid content shown), git off in Restricted Mode
 *   └─ partner                      description: roles ("mentor · mutual")
 *      └─ partnership               description: cadence in a word or two ("in 3 days", "overdue")
 *         ├─ goal                   description: one state ("40%", "overdue", "proposed"; overdue marked)
 *         │  └─ Private reflection  (lock) only on this machine; the text in its tooltip
 *         ├─ Open action items (n)  children: "Bob: Read the docs", due date if any
 *         └─ session (last few)     icon: held / cancelled / rescheduled
 *            └─ Private note        (lock) only on this machine
 *
 * Private notes whose session or goal has left the file are listed under "Detached private notes"
 * at the top. Every row reads whole at the default side bar width (rowFit.ts): a short label and
 * one short state; the rest is in its tooltip and its "Show Details" document.
 */
import { Health, healthOf, OpenAction, openActionsOf, sessionsOf } from '../mentoring';
import { daysBetween, shortDate } from '../dates';
import { Goal, GoalStatus, MentoringFile, Partner, Partnership, Session, SessionStatus, isOpenGoal, mentorsOf } from '../file';
import { notePartnership, noteSubject, PrivateNote, Resolution } from '../notes';
import { fitRows, rowWidth } from './rowFit';
import type { RowIcon, ViewRow } from './viewRow';

/** Where a row's entry lives in the file: partners, partnerships and goals by id, sessions by position. */
export type EntryRef =
  | { section: 'partners' | 'partnerships' | 'goals'; id: string }
  | { section: 'sessions'; index: number };

export type RowKind = 'folder' | 'notice' | 'partner' | 'partnership' | 'goal' | 'actions' | 'action' | 'session' | 'private';

/** `contextValue`: `partner`, `partnership`, `goal`, `goal-achieved`, `session`, `notice-errors`, … */
export interface Row extends ViewRow<RowKind, Row> {
  ref?: EntryRef;
  /** An action item's place (for `setActionDone`), with what it said, to find it again after edits. */
  action?: { session: number; action: number; who: string; what: string; date: string };
}

export interface FolderInput {
  key: string;
  name: string;
  /** No mentoring file in this folder. */
  missing: boolean;
  /** The model to show: the current one, or the last valid one while the file has errors. */
  model?: MentoringFile;
  /** The file currently has errors (so {@link model} may be older than the text). */
  hasErrors: boolean;
  /**
   * Where {@link model} comes from while the file has errors: its last valid text in the editor, or
   * the last committed version that was valid; `none` (with why) when there is nothing valid to show.
   */
  shown?: ShownVersion;
  /** The partner id of the person using the editor, when known. */
  me?: string;
  /** The folder's private notes, placed in {@link model}; or why they cannot be read. */
  notes?: { resolution?: Resolution; error?: string };
}

export interface TreeInput {
  folders: FolderInput[];
  today: string;
  trusted: boolean;
  /** How many recent sessions to show under a partnership. */
  recentSessions?: number;
  /** The side bar width rows are fitted to (default: VS Code's default, 300 px). */
  width?: number;
}

/** What the views show of a file with errors. */
export type ShownVersion = { from: 'editor' } | { from: 'commit'; commit: string; date: string } | { from: 'none'; reason: string };

export const ERRORS_NOTICE = 'File has errors';

/**
 * The warning row for a file with errors: its label, what is shown under it in a word or two, and
 * the whole sentence (for the tooltip).
 */
export function errorsNotice(shown: ShownVersion | undefined, hasModel: boolean): { label: string; description: string; sentence: string } {
  if (shown?.from === 'commit') return { label: ERRORS_NOTICE, description: `as of ${shown.date}`, sentence: `The mentoring file has errors — showing the version committed on ${shown.date} (${shown.commit.slice(0, 7)})` };
  if (!hasModel || shown?.from === 'none') return { label: ERRORS_NOTICE, description: 'nothing valid', sentence: `The mentoring file has errors — there is no valid version to show${shown?.from === 'none' ? ` (${shown.reason})` : ''}` };
  return { label: ERRORS_NOTICE, description: 'last valid', sentence: 'The mentoring file has errors — showing the last valid content' };
}
export const RESTRICTED_NOTICE = 'Restricted Mode';
export const PRIVATE_TOOLTIP = 'Private — only on this machine';
export const PRIVATE_ERROR_NOTICE = 'Private notes cannot be read';

const GOAL_ICONS: Record<GoalStatus, RowIcon> = {
  proposed: { id: 'lightbulb' },
  active: { id: 'target' },
  achieved: { id: 'pass-filled', color: 'testing.iconPassed' },
  paused: { id: 'debug-pause' },
  dropped: { id: 'circle-slash', color: 'disabledForeground' },
};

const SESSION_ICONS: Record<SessionStatus, RowIcon> = {
  held: { id: 'check' },
  cancelled: { id: 'close', color: 'problemsWarningIcon.foreground' },
  rescheduled: { id: 'history' },
};

/**
 * Top-level rows. Empty when no folder has a mentoring file (the view then shows its welcome
 * content). With several folders, each folder is a row of its own.
 */
export function buildTree(input: TreeInput): Row[] {
  const withFile = input.folders.filter((f) => !f.missing);
  if (withFile.length === 0) return [];
  const restricted: Row[] = [];
  if (!input.trusted) {
    const row = notice('restricted', input.folders[0].key, RESTRICTED_NOTICE, { id: 'shield' }, 'notice-restricted');
    row.description = 'git features off';
    row.tooltip = 'Git features are off in Restricted Mode: trust the workspace to use them.';
    row.command = { command: 'workbench.trust.manage', title: 'Manage Workspace Trust', arguments: [] };
    restricted.push(row);
  }
  const width = rowWidth(input.width);
  if (input.folders.length === 1) return fitRows([...restricted, ...folderRows(input.folders[0], input)], 1, width);
  return fitRows([
    ...restricted,
    ...input.folders.map((f): Row => {
      if (f.missing) {
        return {
          id: `${f.key}`,
          kind: 'folder',
          folder: f.key,
          label: f.name,
          description: 'no mentoring file',
          icon: { id: 'root-folder' },
          contextValue: 'folder-missing',
          command: { command: 'mentoring.createFile', title: 'Create Mentoring File', arguments: [{ folder: f.key }] },
          children: [],
        };
      }
      return {
        id: `${f.key}`,
        kind: 'folder',
        folder: f.key,
        label: f.name,
        icon: { id: 'root-folder' },
        contextValue: 'folder',
        children: folderRows(f, input),
      };
    }),
  ], 1, width);
}

function notice(id: string, folder: string, label: string, icon: RowIcon, contextValue: string): Row {
  return { id: `${folder}/notice/${id}`, kind: 'notice', folder, label, icon, contextValue, children: [] };
}

function folderRows(folder: FolderInput, input: TreeInput): Row[] {
  const rows: Row[] = [];
  if (folder.hasErrors) {
    const text = errorsNotice(folder.shown, !!folder.model);
    const row = notice('errors', folder.key, text.label, { id: 'warning', color: 'problemsWarningIcon.foreground' }, 'notice-errors');
    row.description = text.description;
    row.tooltip = `${text.sentence}. Click to show the first problem.`;
    row.command = { command: 'mentoring.revealProblem', title: 'Show Problem', arguments: [{ folder: folder.key }] };
    rows.push(row);
  }
  if (folder.notes?.error !== undefined) {
    const row = notice('private-error', folder.key, PRIVATE_ERROR_NOTICE, { id: 'lock', color: 'problemsWarningIcon.foreground' }, 'notice-private');
    row.tooltip = `${folder.notes.error}\nFix or move that file: until then private notes are neither shown nor written.`;
    rows.push(row);
  }
  const detached = folder.notes?.resolution?.detached ?? [];
  if (detached.length) rows.push(detachedRow(detached, folder.key));
  const file = folder.model;
  if (!file) return rows;
  const partners = [...file.partners].sort((a, b) => Number(b.id === folder.me) - Number(a.id === folder.me));
  for (const partner of partners) rows.push(partnerRow(file, partner, folder, input));
  return rows;
}

function nameOf(file: MentoringFile, id: string): string {
  return file.partners.find((p) => p.id === id)?.name ?? id;
}

function joinNames(names: string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/**
 * A partner's roles across the partnerships that have not ended: "mentor of Bob · mentee of Alice
 * · mutual partner of Carol"; "no partnership" when there is none.
 */
export function describeRole(file: MentoringFile, partnerId: string): string {
  const menteeOf: string[] = [];
  const mentorOf: string[] = [];
  const mutualWith: string[] = [];
  const add = (list: string[], ids: string[]): void => {
    for (const id of ids) if (!list.includes(id)) list.push(id);
  };
  for (const ps of file.partnerships) {
    if (ps.status === 'ended' || !ps.members.includes(partnerId)) continue;
    const others = ps.members.filter((m) => m !== partnerId);
    if (ps.kind === 'mutual') add(mutualWith, others);
    else if (ps.mentor === partnerId) add(mentorOf, others);
    else add(menteeOf, mentorsOf(ps, partnerId));
  }
  const parts: string[] = [];
  const names = (ids: string[]): string => joinNames(ids.map((id) => nameOf(file, id)));
  if (mentorOf.length) parts.push(`mentor of ${names(mentorOf)}`);
  if (menteeOf.length) parts.push(`mentee of ${names(menteeOf)}`);
  if (mutualWith.length) parts.push(`mutual partner of ${names(mutualWith)}`);
  return parts.length ? parts.join(' · ') : 'no partnership';
}

/** A partner's roles in a word each: "mentor · mutual", "mentee"; "no partnership" when there is none. */
export function roleWords(file: MentoringFile, partnerId: string): string {
  const roles = new Set<string>();
  for (const ps of file.partnerships) {
    if (ps.status === 'ended' || !ps.members.includes(partnerId)) continue;
    roles.add(ps.kind === 'mutual' ? 'mutual' : ps.mentor === partnerId ? 'mentor' : 'mentee');
  }
  const words = ['mentor', 'mentee', 'mutual'].filter((r) => roles.has(r));
  return words.length ? words.join(' · ') : 'no partnership';
}

function partnerRow(file: MentoringFile, partner: Partner, folder: FolderInput, input: TreeInput): Row {
  const id = `${folder.key}/partner/${partner.id}`;
  const isMe = partner.id === folder.me;
  const tooltip = [
    `${partner.name} (${partner.id})${isMe ? ' — you' : ''}`,
    capitalize(describeRole(file, partner.id)),
    partner.emails?.length ? `Emails: ${partner.emails.join(', ')}` : '',
    partner.strengths?.length ? `Strengths: ${partner.strengths.join(', ')}` : '',
    partner.wants?.length ? `Wants to learn: ${partner.wants.join(', ')}` : '',
  ].filter(Boolean);
  return {
    id,
    kind: 'partner',
    folder: folder.key,
    label: isMe ? `${partner.name} (you)` : partner.name,
    description: roleWords(file, partner.id),
    tooltip: tooltip.join('\n'),
    icon: { id: isMe ? 'account' : 'person' },
    contextValue: 'partner',
    ref: { section: 'partners', id: partner.id },
    children: file.partnerships
      .filter((ps) => ps.members.includes(partner.id))
      .map((ps) => partnershipRow(file, ps, partner.id, id, folder, input)),
  };
}

/** "with Bob" (mutual), "mentoring Bob" or "mentored by Alice" (one-way), from `partnerId`'s side. */
export function partnershipLabel(file: MentoringFile, ps: Partnership, partnerId: string): string {
  const others = joinNames(ps.members.filter((m) => m !== partnerId).map((m) => nameOf(file, m)));
  if (ps.kind === 'mutual') return `with ${others}`;
  if (ps.mentor === partnerId) return `mentoring ${others}`;
  return `mentored by ${joinNames(mentorsOf(ps, partnerId).map((m) => nameOf(file, m)))}`;
}

function partnershipRow(file: MentoringFile, ps: Partnership, partnerId: string, parent: string, folder: FolderInput, input: TreeInput): Row {
  const id = `${parent}/partnership/${ps.id}`;
  const health = healthOf(file, ps, input.today, { me: partnerId });
  const status = ps.status ?? 'active';
  const tooltip = [
    `Partnership ${ps.id} (${ps.kind}${ps.kind === 'one-way' && ps.mentor ? `, mentor ${nameOf(file, ps.mentor)}` : ''})`,
    `Members: ${joinNames(ps.members.map((m) => nameOf(file, m)))}`,
    `Status: ${status}`,
    ps.since ? `Since ${ps.since}` : '',
    ps.cadence !== undefined ? `Meets every ${ps.cadence} day${ps.cadence === 1 ? '' : 's'}` : '',
    capitalize(health.sentence),
    ps.notes ?? '',
  ].filter(Boolean);
  const notes = folder.notes?.resolution;
  const goals = file.goals.filter((g) => g.partnership === ps.id).map((g): Row => goalRow(file, g, id, folder.key, input.today, notes?.goals.get(g.id)));
  const recent = input.recentSessions ?? 3;
  const sessions = (recent > 0 ? sessionsOf(file, ps.id).slice(-recent) : [])
    .reverse()
    .map(({ session, index }) => sessionRow(file, session, index, id, folder.key, notes?.sessions.get(index)));
  const open = openActionsOf(file, ps.id);
  const actions = open.length ? [actionsRow(file, ps.id, open, id, folder.key, input.today)] : [];
  return {
    id,
    kind: 'partnership',
    folder: folder.key,
    label: partnershipLabel(file, ps, partnerId),
    description: healthWord(health),
    tooltip: tooltip.join('\n'),
    icon: { id: ps.kind === 'mutual' ? 'arrow-swap' : 'arrow-right', color: HEALTH_COLORS[health.state] },
    contextValue: status === 'active' ? 'partnership' : `partnership-${status}`,
    ref: { section: 'partnerships', id: ps.id },
    children: [...goals, ...actions, ...sessions],
  };
}

const HEALTH_COLORS: Partial<Record<Health['state'], string>> = {
  overdue: 'problemsWarningIcon.foreground',
  drifting: 'problemsErrorIcon.foreground',
  paused: 'disabledForeground',
  ended: 'disabledForeground',
};

function days(n: number): string {
  return `${n} day${n === 1 ? '' : 's'}`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * A partnership's cadence in a few words, from its own side of the tree: "next session in 3 days",
 * "overdue by 5 days · 2 cancelled in a row", "paused", "last session 2026-03-02".
 */
export function describeHealth(h: Health): string {
  if (h.state === 'ended' || h.state === 'paused') return h.state;
  const parts: string[] = [];
  if (h.overdueDays > 0) parts.push(`overdue by ${days(h.overdueDays)}`);
  if (h.cancellations.inARow >= 2) parts.push(`${h.cancellations.inARow} cancelled in a row`);
  if (h.overdueDays === 0 && h.daysUntilDue !== undefined) {
    const d = h.daysUntilDue;
    parts.push(`next session ${d === 0 ? 'today' : d === 1 ? 'tomorrow' : `in ${days(d)}`}`);
  }
  if (h.daysUntilDue === undefined) {
    if (h.cadence !== undefined) parts.push('first session not logged yet');
    else parts.push(h.lastHeld ? `last session ${h.lastHeld.session.date}` : 'no session yet');
  }
  return parts.join(' · ');
}

/**
 * A partnership's cadence in a word or two, for its row: "in 3 days", "today", "tomorrow",
 * "overdue", "2 cancelled", "paused", "ended", "not started", "no session", "last 2026-03-02".
 */
export function healthWord(h: Health): string {
  if (h.state === 'ended' || h.state === 'paused') return h.state;
  if (h.overdueDays > 0) return 'overdue';
  if (h.cancellations.inARow >= 2) return `${h.cancellations.inARow} cancelled`;
  const d = h.daysUntilDue;
  if (d !== undefined) return d === 0 ? 'today' : d === 1 ? 'tomorrow' : `in ${days(d)}`;
  if (h.cadence !== undefined) return 'not started';
  return h.lastHeld ? `last ${h.lastHeld.session.date}` : 'no session';
}

/** "due in 3 days", "due today", "overdue by 5 days" (open goals), "due 2026-04-01" (closed goals). */
export function describeDue(due: string, today: string, open: boolean): { text: string; overdue: boolean } {
  if (!open) return { text: `due ${due}`, overdue: false };
  const days = daysBetween(today, due);
  if (days < 0) return { text: `overdue by ${-days} day${days === -1 ? '' : 's'}`, overdue: true };
  if (days === 0) return { text: 'due today', overdue: false };
  return { text: `due in ${days} day${days === 1 ? '' : 's'}`, overdue: false };
}

function goalRow(file: MentoringFile, goal: Goal, parent: string, folder: string, today: string, reflections?: PrivateNote[]): Row {
  const open = isOpenGoal(goal);
  const due = goal.due ? describeDue(goal.due, today, open) : undefined;
  // One state: a goal not active says which it is; an active one whether it is late, else how far along.
  const state = goal.status !== 'active' ? goal.status : due?.overdue ? 'overdue' : goal.progress !== undefined ? `${goal.progress}%` : due ? due.text : undefined;
  const lastReview = goal.reviews?.length ? goal.reviews[goal.reviews.length - 1] : undefined;
  const tooltip = [
    `${goal.title} (${goal.id})`,
    `Owner: ${nameOf(file, goal.owner)} · status: ${goal.status}${goal.progress !== undefined ? ` · ${goal.progress}%` : ''}`,
    goal.due ? `Due ${goal.due}${due?.overdue ? ` — ${due.text}` : ''}` : '',
    goal.skills?.length ? `Skills: ${goal.skills.join(', ')}` : '',
    goal.description ?? '',
    lastReview ? `Last review ${lastReview.date} by ${nameOf(file, lastReview.by)}${lastReview.note ? `: ${lastReview.note}` : ''}` : '',
  ].filter(Boolean);
  const id = `${parent}/goal/${goal.id}`;
  const review = { command: 'mentoring.reviewGoals', title: 'Review Goals', arguments: [{ folder, partnership: goal.partnership, goal: goal.id }] };
  return {
    id,
    kind: 'goal',
    folder,
    label: goal.title,
    description: state,
    tooltip: tooltip.join('\n'),
    icon: due?.overdue ? { id: 'warning', color: 'problemsWarningIcon.foreground' } : GOAL_ICONS[goal.status],
    contextValue: open ? 'goal' : `goal-${goal.status}`,
    ref: { section: 'goals', id: goal.id },
    children: reflections?.length ? [privateRow(`${id}/private`, folder, 'reflection', reflections, review)] : [],
  };
}

/**
 * A lock row under a session or goal that has private notes: "Private note", "only on this
 * machine", the notes in its tooltip. Clicking it opens the review panel, which shows them.
 */
function privateRow(id: string, folder: string, what: 'note' | 'reflection', notes: PrivateNote[], command?: Row['command']): Row {
  const label = notes.length === 1 ? `Private ${what}` : `Private ${what}s (${notes.length})`;
  const row: Row = {
    id,
    kind: 'private',
    folder,
    label,
    tooltip: [PRIVATE_TOOLTIP, ...notes.map((n) => `\n${n.review ? `Review ${n.review}` : `Written ${n.written.slice(0, 10)}`}:\n${n.text}`)].join('\n'),
    icon: { id: 'lock' },
    contextValue: 'private-note',
    children: [],
  };
  if (command) row.command = command;
  return row;
}

/** "Detached private notes (n)": notes kept after their session or goal left the file. */
function detachedRow(notes: PrivateNote[], folder: string): Row {
  const id = `${folder}/private/detached`;
  return {
    id,
    kind: 'private',
    folder,
    label: `Detached private notes (${notes.length})`,
    tooltip: `${PRIVATE_TOOLTIP}\nThese notes are kept although what they were on is no longer in the mentoring file.`,
    icon: { id: 'lock' },
    contextValue: 'private-detached',
    children: notes.map((n) => ({
      id: `${id}/${n.id}`,
      kind: 'private' as const,
      folder,
      label: noteSubject(n),
      tooltip: `${PRIVATE_TOOLTIP}\nWritten ${n.written.slice(0, 10)} on ${noteSubject(n)} of ${notePartnership(n)}, which is no longer in the file:\n\n${n.text}`,
      icon: { id: 'lock' },
      contextValue: 'private-note',
      children: [],
    })),
  };
}

/** "Open action items (3)", with one row per item not done yet, oldest first. */
function actionsRow(file: MentoringFile, partnershipId: string, open: OpenAction[], parent: string, folder: string, today: string): Row {
  const id = `${parent}/actions`;
  return {
    id,
    kind: 'actions',
    folder,
    label: `Open action items (${open.length})`,
    icon: { id: 'checklist' },
    contextValue: 'actions',
    ref: { section: 'partnerships', id: partnershipId },
    children: open.map(({ session, action, date, item }): Row => {
      const text = `${nameOf(file, item.who)}: ${item.what}`;
      return {
        id: `${id}/${session}/${action}`,
        kind: 'action',
        folder,
        // Whose, by first name (the partnership above names them whole), so that more of the item shows.
        label: `${nameOf(file, item.who).trim().split(/\s+/)[0]}: ${item.what}`,
        description: item.due ? `due ${shortDate(item.due, today)}` : undefined,
        tooltip: `${text}
From the session on ${date}${item.due ? `
Due ${item.due}` : ''}`,
        icon: { id: 'circle-large-outline' },
        contextValue: 'action',
        ref: { section: 'sessions', index: session },
        action: { session, action, who: item.who, what: item.what, date },
        children: [],
      };
    }),
  };
}

/**
 * Where an action item of a row is in `file` now: at its old place when it is still there and open,
 * else the open item with the same owner and text in a session of the same date.
 */
export function locateAction(file: MentoringFile, a: NonNullable<Row['action']>): { session: number; action: number } | undefined {
  const same = (s: Session | undefined, i: number): boolean => {
    const item = s?.actions?.[i];
    return !!s && s.date === a.date && !!item && !item.done && item.who === a.who && item.what === a.what;
  };
  if (same(file.sessions[a.session], a.action)) return { session: a.session, action: a.action };
  for (let session = 0; session < file.sessions.length; session++) {
    const action = (file.sessions[session].actions ?? []).findIndex((_, i) => same(file.sessions[session], i));
    if (action >= 0) return { session, action };
  }
  return undefined;
}

function sessionRow(file: MentoringFile, s: Session, index: number, parent: string, folder: string, notes?: PrivateNote[]): Row {
  // The status, and a held session's length; where it went and why are in the tooltip.
  const description = s.status === 'held' && s.minutes !== undefined ? `held · ${s.minutes} min` : s.status;
  const tooltip = [
    `Session ${s.date}: ${s.status}${s.status === 'rescheduled' && s.to ? ` to ${s.to}` : ''}${s.reason ? ` — ${s.reason}` : ''}`,
    s.goals?.length ? `Goals: ${s.goals.map((g) => file.goals.find((x) => x.id === g)?.title ?? g).join(', ')}` : '',
    s.notes ?? '',
    ...(s.actions ?? []).map((a) => `${a.done ? '☑' : '☐'} ${nameOf(file, a.who)}: ${a.what}${a.due ? ` (due ${a.due})` : ''}`),
  ].filter(Boolean);
  const id = `${parent}/session/${index}`;
  const review = { command: 'mentoring.reviewGoals', title: 'Review Goals', arguments: [{ folder, partnership: s.partnership }] };
  return {
    id,
    kind: 'session',
    folder,
    label: s.date,
    description,
    tooltip: tooltip.join('\n'),
    icon: SESSION_ICONS[s.status],
    contextValue: 'session',
    ref: { section: 'sessions', index },
    children: notes?.length ? [privateRow(`${id}/private`, folder, 'note', notes, review)] : [],
  };
}
