/**
 * Next sessions as an iCalendar file (RFC 5545): one all-day event per active partnership on the
 * date its next session is due (the cadence or a rescheduled date; an overdue one on `today`), with
 * both partners as attendees when their emails are known. Each event's UID is derived from the file
 * and the partnership and its SEQUENCE from the sessions logged, so importing a newer file updates
 * the event instead of adding a second one. Pure: `today` is passed in.
 */
import { createHash } from 'crypto';
import { addDays, isIsoDate } from '../dates';
import type { IsoDate, MentoringFile, Partnership } from '../file';
import { healthOf, sessionsOf } from './cadence';

export interface CalendarSource {
  /** Names the file in the UID: the same name gives the same UIDs on every run and machine. */
  file: string;
  model: MentoringFile;
}

/** One event: what the file says, before it is written as iCalendar text. */
export interface CalendarEvent {
  uid: string;
  sequence: number;
  /** The all-day event's date. */
  date: IsoDate;
  partnership: string;
  summary: string;
  description: string;
  attendees: { name: string; email: string }[];
  /** The session was due before `today`: the event is put on today. */
  overdue: boolean;
}

const PRODID = '-//Peer Mentoring//Next sessions//EN';

/** The events of active partnerships that have a next session date. */
export function calendarEvents(sources: readonly CalendarSource[], today: IsoDate): CalendarEvent[] {
  const events: CalendarEvent[] = [];
  for (const { file, model } of sources) {
    for (const p of model.partnerships) {
      if ((p.status ?? 'active') !== 'active') continue;
      const health = healthOf(model, p, today);
      // A partnership that has not met yet gets its first session proposed, soon, rather than a cadence away.
      const first = sessionsOf(model, p.id).length === 0 ? firstSessionProposal(p, today) : undefined;
      if (first === undefined && health.nextDue === undefined) continue;
      const overdue = first === undefined && health.overdueDays > 0;
      const names = p.members.map((m) => model.partners.find((x) => x.id === m)?.name ?? m);
      const attendees = p.members.flatMap((m) => {
        const partner = model.partners.find((x) => x.id === m);
        const email = partner?.emails?.map((e) => e.trim()).find((e) => /^[^\s@<>"]+@[^\s@<>"]+$/.test(e));
        return email ? [{ name: partner?.name ?? m, email }] : [];
      });
      const lines = [
        `${kindText(p)}: ${names.join(' and ')}.`,
        first !== undefined ? 'The first session: proposed for this date.' : overdue ? `The session was due on ${health.nextDue} (overdue by ${health.overdueDays} day${health.overdueDays === 1 ? '' : 's'}).` : health.rescheduled ? 'Rescheduled to this date.' : p.cadence ? `Every ${p.cadence} days.` : '',
        `Partnership ${p.id} in ${file}.`,
      ].filter(Boolean);
      events.push({
        uid: eventUid(file, p.id),
        // Every session logged can move the date: the count only grows, so a calendar takes the newer event.
        sequence: sessionsOf(model, p.id).length,
        date: first ?? (overdue ? today : (health.nextDue as IsoDate)),
        partnership: p.id,
        summary: `Mentoring: ${names.join(' & ')}`,
        description: lines.join('\n'),
        attendees,
        overdue,
      });
    }
  }
  return events;
}

/**
 * How a calendar names a mentoring file in its UIDs: its folder's name and its own
 * (`shop/.mentoring.yml`), so the CLI and the editor give a checkout's events the same UIDs.
 */
export function calendarFileName(fullPath: string): string {
  const parts = fullPath.split(/[\\/]+/).filter(Boolean);
  return parts.slice(-2).join('/');
}

/**
 * The first session proposed for a partnership that has not met: two days after it started (or
 * after today, when that is later), moved past a weekend to the Monday.
 */
export function firstSessionProposal(partnership: Pick<Partnership, 'since'>, today: IsoDate): IsoDate {
  const start = partnership.since !== undefined && isIsoDate(partnership.since) && partnership.since > today ? partnership.since : today;
  let date = addDays(start, 2);
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  if (weekday === 6) date = addDays(date, 2);
  else if (weekday === 0) date = addDays(date, 1);
  return date;
}

/** A UID that names the file and partnership without showing them: stable across runs and machines. */
export function eventUid(file: string, partnershipId: string): string {
  const digest = createHash('sha256').update(`${file}\n${partnershipId}`).digest('hex').slice(0, 32);
  return `${digest}@peer-mentoring`;
}

function kindText(p: Partnership): string {
  return p.kind === 'mutual' ? 'Mutual mentoring' : `One-way mentoring (mentor: ${p.mentor ?? '?'})`;
}

/** The iCalendar text of `events` (CRLF line ends, lines folded at 75 octets). `today` stamps them. */
export function renderCalendar(events: readonly CalendarEvent[], today: IsoDate): string {
  const stamp = `${today.replace(/-/g, '')}T000000Z`;
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', `PRODID:${PRODID}`, 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH'];
  for (const e of events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${e.uid}`,
      `SEQUENCE:${e.sequence}`,
      `DTSTAMP:${stamp}`,
      `DTSTART;VALUE=DATE:${e.date.replace(/-/g, '')}`,
      `DTEND;VALUE=DATE:${addDays(e.date, 1).replace(/-/g, '')}`,
      `SUMMARY:${textValue(e.summary)}`,
      `DESCRIPTION:${textValue(e.description)}`,
      'TRANSP:TRANSPARENT',
      ...e.attendees.map((a) => `ATTENDEE;CN=${paramValue(a.name)};ROLE=REQ-PARTICIPANT:mailto:${uriValue(a.email)}`),
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.map(fold).join('\r\n') + '\r\n';
}

// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/g;

/** A TEXT value: backslash, semicolon, comma and line breaks escaped; other controls dropped. */
function textValue(s: string): string {
  return s
    .replace(/\r\n?/g, '\n')
    .replace(CONTROLS, '')
    .replace(/[\\;,]/g, '\\$&')
    .replace(/\n/g, '\\n')
    .replace(/\t/g, ' ');
}

/** A parameter value: always quoted; a quote cannot be escaped inside one, so it becomes an apostrophe. */
function paramValue(s: string): string {
  return `"${s.replace(/[\r\n\t]/g, ' ').replace(CONTROLS, '').replace(/"/g, "'")}"`;
}

/** An e-mail address in a `mailto:` URI: characters that would end or change it are percent-encoded. */
function uriValue(email: string): string {
  return email.replace(/[^A-Za-z0-9@._+-]/g, (c) => encodeURIComponent(c));
}

/** Lines longer than 75 octets continue on lines starting with a space, never inside a UTF-8 character. */
function fold(line: string): string {
  if (Buffer.byteLength(line, 'utf8') <= 75) return line;
  const parts: string[] = [];
  let current = '';
  let bytes = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, 'utf8');
    const limit = parts.length ? 74 : 75;
    if (bytes + size > limit) {
      parts.push(current);
      current = '';
      bytes = 0;
    }
    current += ch;
    bytes += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}
