/**
 * `peer-mentoring log [FILE] --partnership ID ...`: adds one session to the mentoring file, changing
 * nothing else in it, and says when the partnership should meet next.
 */
import * as path from 'path';
import { defaultMinutes, healthOf } from '../core/mentoring';
import { localToday, parseDateInput } from '../core/dates';
import { addSession, modelOf, rememberParsed } from '../core/file';
import { ActionItem, DEFAULT_FILE_NAME, MentoringFile, Session, SESSION_STATUSES, SessionStatus } from '../core/file';
import { parseMentoring } from '../core/file';
import { hasErrors } from '../core/file';
import { editFile } from '../core/disk';
import { LockNotAFile, LockTimeout, LockUnavailable } from '../core/disk';
import { NotesStoreError, StoreChange, withStore } from '../core/notes';
import { oneLine, quote } from '../core/text';
import { parseArgs, ParsedOptions } from './args';
import { CliCommand, UsageError } from './io';
import { Refused, reportUnwritten } from './mentoringFile';
import { addSessionNote, NotesTarget, privateNotesFor } from './notes';

const USAGE = `usage: peer-mentoring log [FILE] --partnership ID [options]

Adds a session to the mentoring file; nothing else in the file changes.

  FILE                 the mentoring file (default ./${DEFAULT_FILE_NAME})
  --partnership ID     the partnership that met (required)
  --date DATE          YYYY-MM-DD, today or yesterday (default today; not in the future)
  --status STATUS      held, cancelled or rescheduled (default held)
  --reason TEXT        why it was cancelled or rescheduled (required for those)
  --to DATE            the new date of a rescheduled session
  --minutes N          how long it took (default: the last held session's minutes)
  --goal ID            a goal discussed (repeatable)
  --notes TEXT         notes (in the file: the team reads them)
  --private-notes TEXT private notes, kept on this machine only (see 'peer-mentoring notes')
  --action WHO:TEXT    an action item for partner WHO (repeatable); WHO@DATE:TEXT gives it a
                       due date, e.g. --action "bob@2026-03-01:Read the RFC"
`;

const OPTIONS = {
  partnership: 'value',
  date: 'value',
  status: 'value',
  reason: 'value',
  to: 'value',
  minutes: 'value',
  goal: 'list',
  notes: 'value',
  'private-notes': 'value',
  action: 'list',
} as const;

export const run: CliCommand = async (args, io) => {
  const { options, positionals, help } = parseArgs(args, OPTIONS, { maxPositionals: 1 });
  if (help) {
    io.out(USAGE);
    return 0;
  }
  const today = localToday();
  const session = sessionFrom(options, today);
  const name = positionals[0] ?? DEFAULT_FILE_NAME;
  const shown = oneLine(name);
  const file = path.resolve(io.cwd, name);
  const privateText = options['private-notes']?.trim() || undefined;
  // The private notes' store is checked before the file is written: a store that cannot take them
  // refuses the whole session, so nothing is written half.
  const notes = privateText === undefined ? undefined : await privateNotesFor(io, file);
  if (notes && 'failed' in notes) {
    io.err(`${oneLine(notes.failed)}; nothing was written\n`);
    return 1;
  }

  let logged: Session = session;
  let written = '';
  let kept: { store?: string; failed?: string } = {};
  /** Writes the session; with private notes, while holding the notes' lock, so that both are written or neither. */
  const writeSession = async (): Promise<void> => {
    // The operation runs on the file's content as it is when written (under the file's lock), not as it was at start.
    const result = await editFile(file, (text) => {
      const parsed = parseMentoring(text);
      if (!parsed.model || hasErrors(parsed.problems)) {
        throw new Refused('the file has errors; fix them before logging a session', parsed.problems.filter((p) => p.severity === 'error'));
      }
      logged = complete(session, parsed.model);
      rememberParsed(parsed);
      return addSession(text, logged);
    });
    written = result.text;
  };
  try {
    if (notes && privateText !== undefined) {
      // The notes' lock is had (or refused) before the session is written: after it, nothing can
      // make the notes wait, and a failure that still comes is a warning, never a reason to retry.
      await withStore(notes.notesDir, notes.repo, async (keep) => {
        await writeSession();
        kept = keepNote(keep, notes, written, privateText);
      });
    } else await writeSession();
  } catch (e) {
    const code = reportUnwritten(io, name, e);
    if (code !== undefined) return code;
    if (e instanceof LockTimeout || e instanceof LockUnavailable || e instanceof LockNotAFile || e instanceof NotesStoreError) {
      io.err(`the private notes cannot be kept now (${oneLine(e.message)}); nothing was written\n`);
      return 1;
    }
    throw e;
  }

  // The session is in the file: from here on nothing may fail (a retry would log it twice).
  io.out(`Logged ${describe(logged)} in ${shown}\n`);
  if (kept.store !== undefined) io.out(`Private notes kept on this machine only, in ${oneLine(kept.store)}\n`);
  if (kept.failed !== undefined) {
    io.err(`warning: the session was logged, but its private notes were not kept (${oneLine(kept.failed)}); add them again with the editor's Add Private Note, not by logging the session again\n`);
  }
  let after: MentoringFile | undefined;
  try {
    after = modelOf(written);
  } catch {
    // the summary below is a courtesy; the session was logged
  }
  try {
    const partnership = after?.partnerships.find((p) => p.id === logged.partnership);
    if (after && partnership) {
      const h = healthOf(after, partnership, today);
      io.out(oneLine(h.nextDue !== undefined && h.state !== 'paused' && h.state !== 'ended' ? `Next session due ${h.nextDue}: ${h.sentence}` : capitalize(h.sentence)) + '\n');
    }
  } catch {
    // the summary is a courtesy; the session was logged
  }
  return 0;
};

/** Keeps the private notes of the session just written (the last in `written`), holding the store's lock; never throws. */
function keepNote(keep: StoreChange, notes: Exclude<NotesTarget, { failed: string }>, written: string, text: string): { store?: string; failed?: string } {
  try {
    const model = modelOf(written);
    if (!model) return { failed: 'the file as written could not be read back to find the session' };
    return { store: addSessionNote(keep, notes, model, model.sessions.length - 1, text) };
  } catch (e) {
    return { failed: e instanceof Error ? e.message : String(e) };
  }
}

/** The session the options describe; usage mistakes are UsageErrors (exit 2). */
function sessionFrom(o: ParsedOptions<typeof OPTIONS>, today: string): Session {
  if (o.partnership === undefined || o.partnership.trim() === '') throw new UsageError('--partnership ID is required');
  const status = (o.status ?? 'held') as SessionStatus;
  if (!SESSION_STATUSES.includes(status)) throw new UsageError(`--status must be one of ${SESSION_STATUSES.join(', ')} (not ${quote(o.status ?? '')})`);
  const date = o.date === undefined ? today : dateOption('--date', o.date, today, false);

  const session: Session = { date, partnership: o.partnership.trim(), status };
  if (status === 'held') {
    if (o.reason !== undefined) throw new UsageError('--reason is for cancelled or rescheduled sessions');
  } else {
    if (o.reason === undefined || o.reason.trim() === '') throw new UsageError(`a ${status} session needs --reason TEXT`);
    session.reason = o.reason.trim();
  }
  if (o.to !== undefined) {
    if (status !== 'rescheduled') throw new UsageError('--to is for rescheduled sessions');
    session.to = dateOption('--to', o.to, today, true);
  }
  if (o.minutes !== undefined) {
    const minutes = Number(o.minutes);
    if (!/^\d+$/.test(o.minutes.trim()) || minutes < 1 || minutes > 24 * 60) {
      throw new UsageError(`--minutes must be a whole number of minutes from 1 to 1440 (not ${quote(o.minutes)})`);
    }
    session.minutes = minutes;
  }
  if (o.goal.length) session.goals = [...new Set(o.goal.map((g) => g.trim()))];
  if (o.notes !== undefined && o.notes.trim() !== '') session.notes = o.notes;
  if (o.action.length) session.actions = o.action.map((a) => actionFrom(a, date, today));
  return session;
}

function dateOption(flag: string, value: string, today: string, allowFuture: boolean): string {
  const r = value.trim() === '' ? { ok: false as const, message: 'a date is needed' } : parseDateInput(value, today, { allowFuture });
  if (!r.ok) throw new UsageError(`${flag}: ${r.message}`);
  return r.date;
}

/** `WHO:TEXT`, or `WHO@DATE:TEXT` with a due date (YYYY-MM-DD or today, not before the session). */
function actionFrom(text: string, sessionDate: string, today: string): ActionItem {
  const colon = text.indexOf(':');
  const head = colon < 0 ? '' : text.slice(0, colon).trim();
  const what = colon < 0 ? '' : text.slice(colon + 1).trim();
  const at = head.indexOf('@');
  const who = (at < 0 ? head : head.slice(0, at)).trim();
  if (!who || !what) throw new UsageError(`--action must be WHO:TEXT or WHO@DATE:TEXT, e.g. --action "bob@2026-03-01:Read the RFC" (not ${quote(text)})`);
  if (at < 0) return { who, what, done: false };
  const due = dateOption(`--action ${quote(who)}: the due date`, head.slice(at + 1), today, true);
  if (due < sessionDate) throw new UsageError(`--action ${quote(who)}: the due date ${due} is before the session (${sessionDate})`);
  return { who, what, done: false, due };
}

/** Checks the session's references against the file and fills in the default minutes. */
function complete(session: Session, file: MentoringFile): Session {
  const partnership = file.partnerships.find((p) => p.id === session.partnership);
  if (!partnership) {
    const known = file.partnerships.map((p) => p.id);
    throw new Refused(`unknown partnership ${quote(session.partnership)}${known.length ? ` (the file has: ${known.map(quote).join(', ')})` : ' (the file has none)'}`);
  }
  for (const id of session.goals ?? []) {
    const goal = file.goals.find((g) => g.id === id);
    if (!goal) throw new Refused(`unknown goal ${quote(id)}`);
    if (goal.partnership !== partnership.id) throw new Refused(`goal ${quote(id)} belongs to partnership ${quote(goal.partnership)}, not ${quote(partnership.id)}`);
  }
  for (const a of session.actions ?? []) {
    if (!file.partners.some((p) => p.id === a.who)) throw new Refused(`unknown partner ${quote(a.who)} in --action`);
    if (!partnership.members.includes(a.who)) throw new Refused(`${quote(a.who)} is not a member of partnership ${quote(partnership.id)}`);
  }
  if (session.minutes !== undefined || session.status !== 'held') return session;
  const minutes = defaultMinutes(file, partnership.id);
  return minutes === undefined ? session : { ...session, minutes };
}

/** The session in one line, its free text escaped. */
function describe(s: Session): string {
  const details = [
    s.minutes !== undefined ? `${s.minutes} min` : '',
    s.reason ? `reason: ${quote(s.reason)}` : '',
    s.to ? `moved to ${s.to}` : '',
    s.goals?.length ? `goals: ${s.goals.map(oneLine).join(', ')}` : '',
    s.actions?.length ? `${s.actions.length} action item${s.actions.length === 1 ? '' : 's'}` : '',
  ].filter(Boolean);
  return `${s.status} session of ${oneLine(s.partnership)} on ${s.date}${details.length ? ` (${details.join('; ')})` : ''}`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
