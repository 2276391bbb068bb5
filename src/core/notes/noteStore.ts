/**
 * The private notes on disk: one YAML file per repository in the user's data folder (core/dataDir),
 * outside every repository, shared by the extension and the CLI.
 *
 * - The folder is owner-only (0700) and every file in it too (0600), from the moment it is created.
 * - A write re-reads the file under a lock (core/fileLock), so two VS Code windows and the CLI
 *   never lose each other's notes, and replaces it atomically (temporary file, fsync, rename).
 * - A file that cannot be read is reported with its path and line and is never written over.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { withLock } from '../disk';
import type { MentoringFile } from '../file';
import { MAX_FILE_BYTES } from '../file';
import {
  emptyNotes,
  matchScore,
  newNoteId,
  NOTES_FORMAT_VERSION,
  NotesData,
  NotesFormatError,
  parseNotes,
  PrivateNote,
  refreshRefs,
  RepoIdentity,
  serializeNotes,
  SessionRef,
  withIdentity,
  writtenAt,
} from './privateNotes';
import { checkWritable, FileAccessError, sweepTemporaryFiles, writeFileAtomic } from '../disk';

/** Owner-only permissions of the folder and of every file in it. */
export const DIR_MODE = 0o700;
export const FILE_MODE = 0o600;

/** A store or export file that cannot be used: `FILE:LINE:COL: message` when the problem has a place. */
export class NotesStoreError extends Error {
  constructor(
    readonly reason: string,
    readonly file: string,
    readonly line?: number,
    readonly col?: number,
  ) {
    super(`${file}${line !== undefined ? `:${line}:${col ?? 1}` : ''}: ${reason}`);
    this.name = 'NotesStoreError';
  }
}

export interface StoreFile {
  /** The file that holds (or would hold) the repository's notes. */
  file: string;
  exists: boolean;
  data: NotesData;
  /** Other files in the folder that cannot be read (so they were not considered). */
  unreadable: NotesStoreError[];
}

/** The name a repository's new store file gets, from its key. */
export function storeFileName(repo: RepoIdentity): string {
  return `${createHash('sha256').update(repo.key).digest('hex').slice(0, 16)}.yml`;
}

/**
 * Reads a store or export file; {@link NotesStoreError} when it cannot be read or is not one (for an
 * `import`, the message says that nothing was imported; for the store, that it was left as it is).
 */
export function readNotesFile(file: string, use: 'store' | 'import' = 'store'): NotesData {
  let text: string;
  try {
    const st = fs.statSync(file);
    if (st.isFile() && st.size > MAX_FILE_BYTES) throw new NotesStoreError(`is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB, the limit for a notes file; it was not read`, file);
    if (!st.isFile() && !st.isDirectory()) throw new NotesStoreError('is not a regular file (a device, pipe or socket is never read)', file);
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    if (e instanceof NotesStoreError) throw e;
    const err = e as NodeJS.ErrnoException;
    throw new NotesStoreError(err.code === 'ENOENT' ? 'no such file' : err.code === 'EISDIR' ? 'is a folder, not a notes file' : `cannot be read (${err.code ?? err.message})`, file);
  }
  try {
    return parseNotes(text);
  } catch (e) {
    if (e instanceof NotesFormatError) throw new NotesStoreError(`${e.reason}; ${use === 'import' ? 'nothing was imported' : 'the file was left as it is'}`, file, e.line, e.col);
    throw e;
  }
}

/**
 * The store file of `repo` in `dir`: the file whose recorded ids match it best (a root commit, then
 * a remote, then a folder), else where a new one would be. Throws {@link NotesStoreError} when the
 * repository's own file cannot be read.
 */
export function findStore(dir: string, repo: RepoIdentity): StoreFile {
  const own = path.join(dir, storeFileName(repo));
  let names: string[] = [];
  try {
    names = fs.readdirSync(dir).filter((n) => n.endsWith('.yml') && !n.startsWith('.'));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw new NotesStoreError(`the folder cannot be read (${(e as NodeJS.ErrnoException).code})`, dir);
  }
  let best: { file: string; data: NotesData; score: number } | undefined;
  const unreadable: NotesStoreError[] = [];
  for (const name of names.sort()) {
    const file = path.join(dir, name);
    let data: NotesData;
    try {
      data = readNotesFile(file);
    } catch (e) {
      if (!(e instanceof NotesStoreError)) throw e;
      if (file === own) throw e;
      unreadable.push(e);
      continue;
    }
    const score = matchScore(data.repository, repo) + (file === own ? 0.5 : 0);
    if (score >= 1 && (!best || score > best.score)) best = { file, data, score };
  }
  if (best) return { file: best.file, exists: true, data: best.data, unreadable };
  return { file: own, exists: false, data: emptyNotes(), unreadable };
}

/** Makes `dir` (and missing parents) owner-only; an existing folder's permissions are narrowed too. */
export function ensurePrivateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: DIR_MODE });
  if (process.platform !== 'win32' && (fs.statSync(dir).mode & 0o077) !== 0) fs.chmodSync(dir, DIR_MODE);
}

/**
 * Whether `p` is the folder `root` or anything below it, symbolic links followed (`p` need not exist
 * yet). A name that merely starts with two dots (`..notes.yml`) is below, not above.
 */
export function isWithin(p: string, root: string): boolean {
  const rel = path.relative(realPath(root), realPath(p));
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

/** `p` with symbolic links resolved as far as it exists; the rest of it as it is. */
function realPath(p: string): string {
  const abs = path.resolve(p);
  try {
    return fs.realpathSync(abs);
  } catch {
    const parent = path.dirname(abs);
    return parent === abs ? abs : path.join(realPath(parent), path.basename(abs));
  }
}

/** Refuses a notes folder inside the repository itself: the notes would be one `git add` away from it. */
function checkOutside(dir: string, repo: RepoIdentity): void {
  if (isWithin(dir, repo.path)) {
    throw new NotesStoreError(`the private notes folder is inside the repository ${repo.path}; private notes must live outside it`, dir);
  }
}

/** How long a writer waits for another writer of the notes (another window, a CLI run). */
export const STORE_LOCK_WAIT_MS = 10_000;

/** Changes the store under its lock: see {@link updateStore}. */
export type StoreChange = (change: (data: NotesData, store: StoreFile) => NotesData | undefined) => StoreFile;

/**
 * Runs `fn` holding the lock of the notes folder: for a change to the store that must go with another
 * write (the session a note belongs to), so that the lock is had (or refused, {@link LockTimeout}
 * after {@link STORE_LOCK_WAIT_MS}) before anything is written, and the store is changed with `keep`
 * while still held. Temporary files a killed writer left in the folder are removed first.
 */
export async function withStore<T>(dir: string, repo: RepoIdentity, fn: (keep: StoreChange) => Promise<T>): Promise<T> {
  checkOutside(dir, repo);
  ensurePrivateDir(dir);
  return withLock(
    path.join(dir, '.lock'),
    () => {
      sweepTemporaryFiles(dir);
      return fn((change) => {
        const store = findStore(dir, repo);
        const next = change(store.data, store);
        if (!next) return store;
        const data: NotesData = { ...next, version: NOTES_FORMAT_VERSION, repository: withIdentity(next.repository, repo) };
        writeFileAtomic(store.file, serializeNotes(data), { mode: FILE_MODE });
        return { ...store, exists: true, data };
      });
    },
    { timeoutMs: STORE_LOCK_WAIT_MS },
  );
}

/**
 * Changes the repository's notes: `change` gets them as they are on disk now (read under the lock)
 * and returns the new notes, or undefined to write nothing. Resolves to the store as written.
 */
export function updateStore(dir: string, repo: RepoIdentity, change: (data: NotesData, store: StoreFile) => NotesData | undefined): Promise<StoreFile> {
  return withStore(dir, repo, async (keep) => keep(change));
}

/**
 * Checks, without writing, that `repo`'s notes can be written: the folder is outside the repository
 * and can be made or written in, and the repository's file can be read and replaced. Throws
 * {@link NotesStoreError} otherwise.
 */
export function checkStore(dir: string, repo: RepoIdentity): StoreFile {
  checkOutside(dir, repo);
  const store = findStore(dir, repo);
  checkFolderWritable(dir);
  try {
    if (store.exists) checkWritable(store.file);
  } catch (e) {
    if (e instanceof FileAccessError) throw new NotesStoreError(e.message, store.file);
    throw e;
  }
  return store;
}

/** Throws unless `dir` is a folder this process may write in, or one it may create. */
function checkFolderWritable(dir: string): void {
  for (let p = path.resolve(dir); ; p = path.dirname(p)) {
    let st: fs.Stats;
    try {
      st = fs.statSync(p);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      const dangling = code === 'ENOENT' && fs.lstatSync(p, { throwIfNoEntry: false })?.isSymbolicLink();
      if (code !== 'ENOENT' || dangling || path.dirname(p) === p) throw new NotesStoreError(`the folder cannot be created (${dangling ? `${p} is a symbolic link to nothing` : code})`, dir);
      continue;
    }
    if (!st.isDirectory()) throw new NotesStoreError(`the folder cannot be created (${p} is not a folder)`, dir);
    try {
      fs.accessSync(p, fs.constants.W_OK);
    } catch (e) {
      throw new NotesStoreError(`the folder cannot be ${p === path.resolve(dir) ? 'written in' : 'created'} (${(e as NodeJS.ErrnoException).code})`, dir);
    }
    return;
  }
}

/** `data` with a note on a session or goal of `model` added, and the references of the file's other notes brought up to date. */
export function addedNote(data: NotesData, file: string, model: MentoringFile, note: Pick<PrivateNote, 'session' | 'goal' | 'review' | 'text'>): { data: NotesData; id: string } {
  const id = newNoteId(data.notes.map((n) => n.id));
  const added: PrivateNote = { id, file, ...note, written: writtenAt() };
  return { id, data: { ...data, notes: [...refreshRefs(data.notes, model, file), added] } };
}

/**
 * Adds a note on a session or goal of `model` (the mentoring file `file`, relative to the
 * repository) and brings the references of the file's other notes up to date with it.
 */
export async function addNote(dir: string, repo: RepoIdentity, file: string, model: MentoringFile, note: Pick<PrivateNote, 'session' | 'goal' | 'review' | 'text'>): Promise<StoreFile & { id: string }> {
  let id = '';
  const store = await updateStore(dir, repo, (data) => {
    const added = addedNote(data, file, model, note);
    id = added.id;
    return added.data;
  });
  return { ...store, id };
}

/**
 * The private notes of a session not logged yet (a draft, by its id): replaced by `text`, or removed
 * when `text` is empty. They wait in the store, the one place private text is kept.
 */
export function setDraftNote(dir: string, repo: RepoIdentity, file: string, draft: string, text: string): Promise<StoreFile> {
  return updateStore(dir, repo, (data) => {
    const others = data.notes.filter((n) => n.draft !== draft);
    const old = data.notes.find((n) => n.draft === draft);
    if (!text.trim()) return old ? { ...data, notes: others } : undefined;
    if (old?.text === text) return undefined;
    const note: PrivateNote = { id: old?.id ?? newNoteId(data.notes.map((n) => n.id)), file, draft, written: writtenAt(), text };
    return { ...data, notes: [...others, note] };
  });
}

/** The draft's private notes, once its session is logged: now on the session `ref` of `model`. Resolves to their id, if any. */
export async function attachDraftNote(dir: string, repo: RepoIdentity, file: string, model: MentoringFile, draft: string, ref: SessionRef): Promise<string | undefined> {
  let id: string | undefined;
  await updateStore(dir, repo, (data) => {
    const note = data.notes.find((n) => n.draft === draft);
    if (!note) return undefined;
    id = note.id;
    const attached: PrivateNote = { id: note.id, file: note.file, session: ref, written: note.written, text: note.text };
    return { ...data, notes: [...refreshRefs(data.notes.filter((n) => n !== note), model, file), attached] };
  });
  return id;
}

/** The text of a draft's private notes, if it has any. */
export function draftNote(dir: string, repo: RepoIdentity, draft: string): string | undefined {
  return findStore(dir, repo).data.notes.find((n) => n.draft === draft)?.text;
}

/** Removes the note `id` (one just kept and taken back); true when it was there. */
export async function removeNote(dir: string, repo: RepoIdentity, id: string): Promise<boolean> {
  let found = false;
  await updateStore(dir, repo, (data) => {
    found = data.notes.some((n) => n.id === id);
    return found ? { ...data, notes: data.notes.filter((n) => n.id !== id) } : undefined;
  });
  return found;
}

/** Writes notes to `out` for another machine (plain YAML, owner-only); refuses an existing file unless `force`. */
export function writeExport(out: string, data: NotesData, force: boolean): void {
  if (!force && fs.existsSync(out)) throw new NotesStoreError('already exists; use --force to replace it', out);
  const exported: NotesData = { ...data, repository: { ...data.repository, paths: [] } };
  writeFileAtomic(out, serializeNotes(exported), { mode: FILE_MODE });
}
