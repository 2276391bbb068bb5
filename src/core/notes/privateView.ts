/**
 * The private notes of one partnership as the review panel shows them (sent by its protocol):
 * notes on its sessions, reflections on its goals, and notes whose session or goal has left the file.
 */
import type { IsoDate, MentoringFile, SessionStatus } from '../file';
import { notePartnership, noteSubject, PrivateNote, Resolution } from './privateNotes';

/** A private note or reflection: kept on this machine only, never in the mentoring file. */
export interface PrivateNoteView {
  /** When it was written: an ISO date-time in UTC. */
  written: string;
  text: string;
  /** A reflection written with a review: the review's date. */
  review?: IsoDate;
}

/**
 * Everything private the panel shows, in one place: notes on the partnership's sessions,
 * reflections on its goals, and notes whose session or goal is no longer in the file.
 */
export interface PrivateBlock {
  /** The file on this machine that keeps them. */
  store: string;
  /** Newest session first. */
  sessions: { date: IsoDate; status: SessionStatus; notes: PrivateNoteView[] }[];
  goals: { goal: string; notes: PrivateNoteView[] }[];
  /** What each note was on ("session 2026-02-07 (cancelled)"), for notes kept after it left the file. */
  detached: { subject: string; notes: PrivateNoteView[] }[];
  /** Why the notes cannot be read (`FILE:LINE:COL: …`); they are then not shown and not written. */
  error?: string;
  /** Unsaved reflections of the review forms, by goal id: kept by the host in memory only. */
  drafts: { goal: string; text: string }[];
}

/** What the host knows about a folder's private notes. */
export interface PrivateInput {
  /** The notes placed in the file (absent when they cannot be read). */
  resolution?: Resolution;
  /** The store file on this machine. */
  store: string;
  /** Why they cannot be read. */
  error?: string;
  /** Unsaved reflections by goal id. */
  drafts?: ReadonlyMap<string, string>;
}

export function noteView(n: PrivateNote): PrivateNoteView {
  const v: PrivateNoteView = { written: n.written, text: n.text };
  if (n.review !== undefined) v.review = n.review;
  return v;
}

export function privateBlock(file: MentoringFile, partnershipId: string, input: PrivateInput): PrivateBlock {
  const res = input.resolution;
  const block: PrivateBlock = { store: input.store, sessions: [], goals: [], detached: [], drafts: [] };
  if (input.error !== undefined) block.error = input.error;
  const goals = new Set(file.goals.filter((g) => g.partnership === partnershipId).map((g) => g.id));
  for (const [goal, text] of input.drafts ?? []) if (goals.has(goal) && text) block.drafts.push({ goal, text });
  if (!res) return block;
  block.sessions = [...res.sessions]
    .filter(([i]) => file.sessions[i]?.partnership === partnershipId)
    .sort(([a], [b]) => file.sessions[b].date.localeCompare(file.sessions[a].date) || b - a)
    .map(([i, notes]) => ({ date: file.sessions[i].date, status: file.sessions[i].status, notes: notes.map(noteView) }));
  block.goals = file.goals.filter((g) => g.partnership === partnershipId && res.goals.has(g.id)).map((g) => ({ goal: g.id, notes: (res.goals.get(g.id) ?? []).map(noteView) }));
  block.detached = res.detached.filter((n) => notePartnership(n) === partnershipId).map((n) => ({ subject: noteSubject(n), notes: [noteView(n)] }));
  return block;
}
