/**
 * Private notes: a person's own notes on a session and reflections on a goal, kept on this machine
 * only (core/noteStore) and never in the mentoring file. This module is the notes' model, pure: the
 * store file's format (read with every problem at its line, written back whole), references from a
 * note to its session or goal, and finding them again in a file that others have edited since.
 *
 * Sessions in the mentoring file have no ids, and giving them one would write into the shared file
 * (and tell the team which session someone keeps private notes on). A note therefore names its
 * session by content: partnership, date and status, plus a fingerprint of the rest of the session
 * (minutes, reason, new date, goals, shared notes and action items; not whether an action is done).
 * Finding it again, in order, claiming each session for one reference at most:
 *
 * 1. the session with the same partnership, date, status and fingerprint (nothing changed);
 * 2. a session with the same partnership, date and status whose content was edited (the most
 *    similar: minutes and goals);
 * 3. the one session with the same fingerprint and status under the same partnership on another
 *    date, or on the same date under another partnership id (a date or an id corrected).
 *
 * Sessions added, removed, reordered or merged around it do not move a note. A note whose session
 * is gone is kept and shown as detached, never dropped. Goals have ids; a goal whose id changed is
 * found by its partnership and title. Notes for a session still being written (a draft of the log)
 * wait under the draft's id, neither attached nor detached, until the session is logged. References of attached notes are brought up to date whenever
 * the store is written ({@link refreshRefs}), so that they follow a session through many edits.
 */
import { createHash, randomBytes } from 'crypto';
import { isMap, isScalar, isSeq, LineCounter, Node, parseDocument, stringify, YAMLMap } from 'yaml';
import { isIsoDate } from '../dates';
import { IsoDate, MentoringFile, Session, SESSION_STATUSES, SessionStatus } from '../file';

export const NOTES_FORMAT_VERSION = 1;

/** How a private note names its session in the shared file (see the module comment). */
export interface SessionRef {
  partnership: string;
  date: IsoDate;
  status: SessionStatus;
  /** {@link sessionFingerprint} of the session when the note was attached to it. */
  fingerprint: string;
  minutes?: number;
  goals?: string[];
}

export interface GoalRef {
  id: string;
  partnership: string;
  title: string;
}

export interface PrivateNote {
  /** Random, unique in the store: how imports recognise a note they already have. */
  id: string;
  /** The mentoring file the note belongs to, relative to the repository's top folder, with `/`. */
  file: string;
  /** Exactly one of `session`, `goal` and `draft`. */
  session?: SessionRef;
  goal?: GoalRef;
  /**
   * A session not logged yet (a draft of the session log, by its id): the note waits here, where
   * private text may be kept, and gets its `session` when the session is logged.
   */
  draft?: string;
  /** A goal's reflection written with a review: the review's date. */
  review?: IsoDate;
  /** When it was written: an ISO date-time in UTC. */
  written: string;
  text: string;
}

/** What identifies the repository a store belongs to (see git/repoIdentity). */
export interface RepositoryIds {
  /** The first commit(s) of the repository's history: the same in every clone. */
  roots: string[];
  /** Remote URLs without credentials or scheme: `github.com/acme/shop`. */
  remotes: string[];
  /** Folders on this machine where it was seen, most recent first. */
  paths: string[];
}

export interface NotesData {
  version: number;
  repository: RepositoryIds;
  notes: PrivateNote[];
}

/** A repository as it is found now: its ids and the key a new store file is named by. */
export interface RepoIdentity {
  /** `git:<root commit>`, `remote:<url>` or `path:<folder>`, the first that is known. */
  key: string;
  roots: string[];
  remotes: string[];
  /** The repository's top folder (or the folder itself, without git). */
  path: string;
}

export function emptyNotes(): NotesData {
  return { version: NOTES_FORMAT_VERSION, repository: { roots: [], remotes: [], paths: [] }, notes: [] };
}

// ---------------------------------------------------------------------------------------------
// References

/** Normalised text for fingerprints: line endings and surrounding blanks do not count. */
function norm(text: string | undefined): string | null {
  return text === undefined ? null : text.replace(/\r\n?/g, '\n').trim();
}

/**
 * A short hash of what a session says besides its partnership and date. Ticking an action item done
 * does not change it.
 */
export function sessionFingerprint(s: Session): string {
  const content = [
    s.status,
    s.minutes ?? null,
    norm(s.reason),
    s.to ?? null,
    [...(s.goals ?? [])].sort(),
    norm(s.notes),
    (s.actions ?? []).map((a) => [a.who, norm(a.what), a.due ?? null]),
  ];
  return createHash('sha256').update(JSON.stringify(content)).digest('hex').slice(0, 16);
}

export function sessionRef(s: Session): SessionRef {
  const ref: SessionRef = { partnership: s.partnership, date: s.date, status: s.status, fingerprint: sessionFingerprint(s) };
  if (s.minutes !== undefined) ref.minutes = s.minutes;
  if (s.goals?.length) ref.goals = [...s.goals];
  return ref;
}

export function goalRef(goal: { id: string; partnership: string; title: string }): GoalRef {
  return { id: goal.id, partnership: goal.partnership, title: goal.title };
}

/** Where the notes of one mentoring file are in its current model. */
export interface Resolution {
  /** Notes on a session, by the session's index in `sessions:`, oldest note first. */
  sessions: Map<number, PrivateNote[]>;
  /** Reflections on a goal, by goal id, oldest first. */
  goals: Map<string, PrivateNote[]>;
  /** Notes whose session or goal is no longer in the file. */
  detached: PrivateNote[];
}

/** The notes of `file` (a repository-relative path) attached to the sessions and goals of `model`. */
export function resolveNotes(notes: readonly PrivateNote[], model: MentoringFile, file: string): Resolution {
  const mine = notes.filter((n) => n.file === file);
  const res: Resolution = { sessions: new Map(), goals: new Map(), detached: [] };
  const bySession = resolveSessions(mine.filter((n) => n.session), model);
  for (const note of mine) {
    if (note.session) {
      const at = bySession.get(note);
      if (at === undefined) res.detached.push(note);
      else push(res.sessions, at, note);
    } else if (note.goal) {
      const goal = findGoal(model, note.goal);
      if (goal === undefined) res.detached.push(note);
      else push(res.goals, goal, note);
    }
  }
  return res;
}

function push<K>(map: Map<K, PrivateNote[]>, key: K, note: PrivateNote): void {
  const list = map.get(key);
  if (list) list.push(note);
  else map.set(key, [note]);
}

function refKey(r: SessionRef): string {
  return JSON.stringify([r.partnership, r.date, r.status, r.fingerprint]);
}

/** Each session note's session index (absent: detached), by the three steps of the module comment. */
function resolveSessions(notes: PrivateNote[], model: MentoringFile): Map<PrivateNote, number> {
  // Notes with the same reference go together: several notes on one session all follow it.
  const groups = new Map<string, { ref: SessionRef; notes: PrivateNote[] }>();
  for (const n of notes) {
    const ref = n.session as SessionRef;
    const key = refKey(ref);
    const g = groups.get(key);
    if (g) g.notes.push(n);
    else groups.set(key, { ref, notes: [n] });
  }
  const sessions = model.sessions;
  const prints = sessions.map(sessionFingerprint);
  const claimed = new Set<number>();
  const found = new Map<string, number>();
  const claim = (key: string, index: number | undefined): void => {
    if (index === undefined) return;
    claimed.add(index);
    found.set(key, index);
  };
  const free = (pred: (s: Session, i: number) => boolean): number[] => sessions.flatMap((s, i) => (!claimed.has(i) && pred(s, i) ? [i] : []));
  const pending = (): [string, SessionRef][] => [...groups].filter(([k]) => !found.has(k)).map(([k, g]) => [k, g.ref]);
  const sameDay = (r: SessionRef) => (s: Session) => s.partnership === r.partnership && s.date === r.date && s.status === r.status;

  for (const [key, r] of pending()) claim(key, free((s, i) => sameDay(r)(s) && prints[i] === r.fingerprint)[0]);
  for (const [key, r] of pending()) {
    const similarity = (s: Session): number => Number(s.minutes === r.minutes) + Number(JSON.stringify([...(s.goals ?? [])].sort()) === JSON.stringify([...(r.goals ?? [])].sort()));
    const best = free(sameDay(r)).sort((a, b) => similarity(sessions[b]) - similarity(sessions[a]) || a - b)[0];
    claim(key, best);
  }
  for (const [key, r] of pending()) {
    const moved = free((s, i) => prints[i] === r.fingerprint && s.status === r.status && (s.partnership === r.partnership) !== (s.date === r.date));
    if (moved.length === 1) claim(key, moved[0]);
  }

  const out = new Map<PrivateNote, number>();
  for (const [key, g] of groups) {
    const at = found.get(key);
    if (at !== undefined) for (const n of g.notes) out.set(n, at);
  }
  return out;
}

/** The id of the goal a reference names: the same id, else the one goal with its partnership and title. */
function findGoal(model: MentoringFile, ref: GoalRef): string | undefined {
  if (model.goals.some((g) => g.id === ref.id)) return ref.id;
  const same = model.goals.filter((g) => g.partnership === ref.partnership && g.title.trim() === ref.title.trim());
  return same.length === 1 ? same[0].id : undefined;
}

/**
 * The notes with the references of attached ones brought up to date with `model` (detached notes
 * and other files' notes unchanged), so that they keep following their session through later edits.
 */
export function refreshRefs(notes: readonly PrivateNote[], model: MentoringFile, file: string): PrivateNote[] {
  const res = resolveNotes(notes, model, file);
  const fresh = new Map<PrivateNote, PrivateNote>();
  for (const [index, list] of res.sessions) {
    const ref = sessionRef(model.sessions[index]);
    for (const n of list) if (JSON.stringify(n.session) !== JSON.stringify(ref)) fresh.set(n, { ...n, session: ref });
  }
  for (const [id, list] of res.goals) {
    const goal = model.goals.find((g) => g.id === id);
    if (!goal) continue;
    const ref = goalRef(goal);
    for (const n of list) if (JSON.stringify(n.goal) !== JSON.stringify(ref)) fresh.set(n, { ...n, goal: ref });
  }
  return notes.map((n) => fresh.get(n) ?? n);
}

/** A new note's id, unique among `taken`. */
export function newNoteId(taken: Iterable<string>): string {
  const used = new Set(taken);
  for (;;) {
    const id = randomBytes(4).toString('hex');
    if (!used.has(id)) return id;
  }
}

/** `now` as the notes write it: UTC, to the second. */
export function writtenAt(now: Date = new Date()): string {
  return now.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** What a note is about, in a few words: `session 2026-02-10 (held)`, `goal "Handle errors"`. */
export function noteSubject(n: PrivateNote): string {
  if (n.session) return `session ${n.session.date} (${n.session.status})`;
  if (n.draft !== undefined) return 'a session not logged yet';
  return `goal ${JSON.stringify(n.goal?.title ?? '')}${n.review ? `, review ${n.review}` : ''}`;
}

/** The partnership a note belongs to. */
export function notePartnership(n: PrivateNote): string {
  return n.session?.partnership ?? n.goal?.partnership ?? '';
}

// ---------------------------------------------------------------------------------------------
// Repositories

/** How well a store's recorded ids match a repository: 3 a root commit, 2 a remote, 1 a folder, 0 none. */
export function matchScore(ids: RepositoryIds, repo: RepoIdentity): number {
  if (repo.roots.some((r) => ids.roots.includes(r))) return 3;
  if (repo.remotes.some((r) => ids.remotes.includes(r))) return 2;
  if (ids.paths.includes(repo.path)) return 1;
  return 0;
}

/** Paths recorded per store: the most recent ones. */
const MAX_PATHS = 10;

/** The store's ids with what is known of the repository now added. */
export function withIdentity(ids: RepositoryIds, repo: RepoIdentity): RepositoryIds {
  const union = (a: string[], b: string[]): string[] => [...new Set([...a, ...b])];
  return {
    roots: union(ids.roots, repo.roots),
    remotes: union(ids.remotes, repo.remotes),
    paths: union([repo.path], ids.paths).slice(0, MAX_PATHS),
  };
}

// ---------------------------------------------------------------------------------------------
// Importing

export interface MergeResult {
  data: NotesData;
  /** Notes new to the store. */
  added: PrivateNote[];
  /** Notes the store already had, word for word. */
  same: PrivateNote[];
  /** Notes the store has under the same id with other content (replaced only when forced). */
  conflicts: PrivateNote[];
}

/** `incoming`'s notes merged into `data`: new ones added, identical ones skipped, different ones replaced only with `force`. */
export function mergeNotes(data: NotesData, incoming: readonly PrivateNote[], force: boolean): MergeResult {
  const byId = new Map(data.notes.map((n, i) => [n.id, i]));
  const notes = [...data.notes];
  const result: MergeResult = { data, added: [], same: [], conflicts: [] };
  for (const n of incoming) {
    const at = byId.get(n.id);
    if (at === undefined) {
      byId.set(n.id, notes.length);
      notes.push(n);
      result.added.push(n);
    } else if (JSON.stringify(canonical(notes[at])) === JSON.stringify(canonical(n))) result.same.push(n);
    else {
      result.conflicts.push(n);
      if (force) notes[at] = n;
    }
  }
  result.data = { ...data, notes };
  return result;
}

// ---------------------------------------------------------------------------------------------
// The store file

/** A store file that cannot be read: where and why. Its text is never overwritten. */
export class NotesFormatError extends Error {
  constructor(
    readonly reason: string,
    readonly line: number,
    readonly col: number,
  ) {
    super(`${line}:${col}: ${reason}`);
    this.name = 'NotesFormatError';
  }
}

const HEADER = [
  '# Private mentoring notes (Peer Mentoring): kept on this machine only, never in the repository.',
  '# One file per repository. Peer Mentoring rewrites this file whole; comments here are not kept.',
].join('\n');

type Rec = Record<string, unknown>;

/** A note's fields in the file's order, without empty ones. */
function canonical(n: PrivateNote): Rec {
  const out: Rec = { id: n.id, file: n.file };
  if (n.session) {
    const s: Rec = { partnership: n.session.partnership, date: n.session.date, status: n.session.status, fingerprint: n.session.fingerprint };
    if (n.session.minutes !== undefined) s.minutes = n.session.minutes;
    if (n.session.goals?.length) s.goals = [...n.session.goals];
    out.session = s;
  }
  if (n.goal) out.goal = { id: n.goal.id, partnership: n.goal.partnership, title: n.goal.title };
  if (n.draft !== undefined) out.draft = n.draft;
  if (n.review !== undefined) out.review = n.review;
  out.written = n.written;
  out.text = n.text;
  return out;
}

/** The store file's text for `data`; checked to read back the same. */
export function serializeNotes(data: NotesData): string {
  const plain = {
    version: data.version,
    repository: { roots: data.repository.roots, remotes: data.repository.remotes, paths: data.repository.paths },
    notes: data.notes.map(canonical),
  };
  const body = stringify(plain, { lineWidth: 0, minContentWidth: 0, flowCollectionPadding: false });
  const text = `${HEADER}\n${body}`;
  const back = parseNotes(text);
  if (JSON.stringify({ ...back, notes: back.notes.map(canonical) }) !== JSON.stringify({ ...plain, version: back.version })) {
    throw new Error('internal: the private notes would not read back the same; nothing was written');
  }
  return text;
}

/** Reads a store (or export) file's text; throws {@link NotesFormatError} at the first problem. */
export function parseNotes(text: string): NotesData {
  const lc = new LineCounter();
  const doc = parseDocument(text, { schema: 'core', lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number): { line: number; col: number } => lc.linePos(Math.max(0, Math.min(offset, text.length)));
  const fail = (reason: string, node?: unknown): never => {
    const r = (node as Node | undefined)?.range;
    const p = at(r ? r[0] : 0);
    throw new NotesFormatError(reason, p.line, p.col);
  };
  if (doc.errors.length) {
    const e = doc.errors[0];
    const p = at(e.pos[0]);
    throw new NotesFormatError(e.message.split('\n')[0].replace(/\s*at line \d+, column \d+:?$/, ''), p.line, p.col);
  }
  if (text.trim() === '') return emptyNotes();
  const root = doc.contents;
  if (!isMap(root)) return fail('the file must be a map with version, repository and notes', root);
  const fields = read(root, { version: true, repository: false, notes: false }, fail);

  const version = fields.version;
  if (!isScalar(version) || typeof version.value !== 'number' || !Number.isInteger(version.value)) return fail('version must be a whole number', version);
  if (version.value > NOTES_FORMAT_VERSION) return fail(`version ${version.value} was written by a newer Peer Mentoring; update it to read this file`, version);
  if (version.value < 1) return fail(`unsupported version ${version.value}`, version);

  const data = emptyNotes();
  const repo = fields.repository;
  if (repo !== undefined && !(isScalar(repo) && repo.value === null)) {
    if (!isMap(repo)) return fail('repository must be a map of roots, remotes and paths', repo);
    const r = read(repo, { roots: false, remotes: false, paths: false }, fail);
    data.repository = { roots: strings(r.roots, 'roots', fail), remotes: strings(r.remotes, 'remotes', fail), paths: strings(r.paths, 'paths', fail) };
  }
  const list = fields.notes;
  if (list !== undefined && !(isScalar(list) && list.value === null)) {
    if (!isSeq(list)) return fail('notes must be a list', list);
    const ids = new Set<string>();
    for (const item of list.items) {
      const note = readNote(item, fail);
      if (ids.has(note.id)) return fail(`duplicate note id '${note.id}'`, item);
      ids.add(note.id);
      data.notes.push(note);
    }
  }
  return data;
}

type Fail = (reason: string, node?: unknown) => never;

/** The map's values by key; unknown keys and missing required ones are problems. */
function read(map: YAMLMap, keys: Record<string, boolean>, fail: Fail): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const pair of map.items) {
    const key = isScalar(pair.key) ? pair.key.value : undefined;
    if (typeof key !== 'string' || !Object.hasOwn(keys, key)) return fail(`unknown key ${JSON.stringify(String(key))}`, pair.key);
    out[key] = pair.value ?? undefined;
  }
  for (const [key, required] of Object.entries(keys)) {
    if (required && out[key] === undefined) return fail(`missing '${key}'`, map);
  }
  return out;
}

const nonEmpty = (v: unknown): boolean => typeof v === 'string' && v !== '';
const anyText = (v: unknown): boolean => typeof v === 'string';
const dateText = (v: unknown): boolean => typeof v === 'string' && isIsoDate(v);

/** A scalar's text, when `check` accepts it; else a problem saying what `what` must be. */
function scalar(node: unknown, what: string, fail: Fail, check = nonEmpty, expected = 'text'): string {
  if (!isScalar(node) || !check(node.value)) return fail(`${what} must be ${expected}`, node);
  return node.value as string;
}

function strings(node: unknown, what: string, fail: Fail): string[] {
  if (node === undefined || (isScalar(node) && node.value === null)) return [];
  if (!isSeq(node)) return fail(`${what} must be a list of text`, node);
  return node.items.map((i) => scalar(i, what, fail));
}

function readNote(node: unknown, fail: Fail): PrivateNote {
  if (!isMap(node)) return fail('a note must be a map', node);
  const f = read(node, { id: true, file: true, session: false, goal: false, draft: false, review: false, written: true, text: true }, fail);
  const note: PrivateNote = {
    id: scalar(f.id, 'id', fail),
    file: scalar(f.file, 'file', fail),
    written: scalar(f.written, 'written', fail, (v) => typeof v === 'string' && !Number.isNaN(Date.parse(v)), 'a date and time (2026-02-10T15:04:05Z)'),
    text: scalar(f.text, 'text', fail, anyText),
  };
  if ([f.session, f.goal, f.draft].filter((x) => x !== undefined).length !== 1) return fail('a note is on a session, on a goal or on a draft: give exactly one of session, goal and draft', node);
  if (f.draft !== undefined) note.draft = scalar(f.draft, 'draft', fail);
  else if (f.session !== undefined) {
    if (!isMap(f.session)) return fail('session must be a map', f.session);
    const s = read(f.session, { partnership: true, date: true, status: true, fingerprint: true, minutes: false, goals: false }, fail);
    const status = scalar(s.status, 'status', fail, (v) => typeof v === 'string' && (SESSION_STATUSES as readonly string[]).includes(v), SESSION_STATUSES.join(', ').replace(/, (?=[^,]*$)/, ' or '));
    note.session = {
      partnership: scalar(s.partnership, 'partnership', fail),
      date: scalar(s.date, 'date', fail, dateText, 'a date (YYYY-MM-DD)'),
      status: status as SessionStatus,
      fingerprint: scalar(s.fingerprint, 'fingerprint', fail),
    };
    if (s.minutes !== undefined) {
      const m = s.minutes;
      if (!isScalar(m) || typeof m.value !== 'number' || !Number.isFinite(m.value)) return fail('minutes must be a number', m);
      note.session.minutes = m.value;
    }
    const goals = strings(s.goals, 'goals', fail);
    if (goals.length) note.session.goals = goals;
  } else {
    if (!isMap(f.goal)) return fail('goal must be a map', f.goal);
    const g = read(f.goal, { id: true, partnership: true, title: true }, fail);
    note.goal = { id: scalar(g.id, 'id', fail), partnership: scalar(g.partnership, 'partnership', fail), title: scalar(g.title, 'title', fail) };
  }
  if (f.review !== undefined) note.review = scalar(f.review, 'review', fail, dateText, 'a date (YYYY-MM-DD)');
  return note;
}
