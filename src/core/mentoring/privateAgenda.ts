/**
 * The private block of a session agenda: the notes this machine keeps on the partnership's last held
 * session (what its owner wrote for "next time"), shown to them above the agenda and never part of
 * what is copied, saved or printed.
 */
import type { IsoDate, MentoringFile, SessionStatus } from '../file';
import type { PrivateNote, Resolution } from '../notes';
import { mdLines, mdText } from '../text';
import { sessionsOf } from './cadence';

export interface LastSessionNotes {
  date: IsoDate;
  status: SessionStatus;
  /** Oldest first. */
  notes: PrivateNote[];
}

/** The private notes on the partnership's last held session, where the file has that session now. */
export function lastSessionNotes(model: MentoringFile, partnershipId: string, resolution: Resolution | undefined): LastSessionNotes | undefined {
  if (!resolution) return undefined;
  const held = sessionsOf(model, partnershipId).filter((s) => s.session.status === 'held');
  const last = held[held.length - 1];
  if (!last) return undefined;
  const notes = resolution.sessions.get(last.index) ?? [];
  return notes.length ? { date: last.session.date, status: last.session.status, notes } : undefined;
}

/** The block as Markdown: a quote headed as private, each note's text made inert. */
export function renderPrivateAgendaBlock(last: LastSessionNotes): string {
  const out = [
    `> **Private — only you see this.** Your notes from the session of ${mdText(last.date)}, kept on this machine: Copy and Save As leave them out.`,
  ];
  for (const n of last.notes) out.push('>', ...mdLines(n.text, '> '));
  return out.join('\n');
}

/** The agenda as shown to its owner: the private block after the agenda's title and subtitle. */
export function withPrivateBlock(agendaMarkdown: string, block: string | undefined): string {
  if (!block) return agendaMarkdown;
  const at = agendaMarkdown.indexOf('\n## ');
  if (at < 0) return `${agendaMarkdown.replace(/\n*$/, '\n\n')}${block}\n`;
  return `${agendaMarkdown.slice(0, at + 1)}${block}\n${agendaMarkdown.slice(at)}`;
}
