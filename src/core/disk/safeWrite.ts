/**
 * Reading and writing the mentoring file so that nothing is lost and nothing hangs: reads stop at the
 * size limit and refuse anything but a regular file (a link to `/dev/zero` or a FIFO is not read); a
 * write goes to a temporary file in the same folder, is flushed to disk and renamed over the original
 * in one step, serialised with every other writer (CLI runs and VS Code windows alike) by a lock file
 * next to the mentoring file, and only after checking that the file is still what the edit was made on.
 *
 * Plain Node (no `vscode`, no git): the CLI and the extension both call {@link editFile}.
 */
import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { EditError, EditResult } from '../file';
import { abandoned, LockNotAFile, LockTimeout, LockUnavailable, withLock } from './fileLock';
import { decodeUtf8, fileTooLarge, MAX_FILE_BYTES, ParsedFile, ParseOptions, parseMentoringBytes, tooLargeFile } from '../file';

/** Why a file could not be read or written; `message` is one line that says so. */
export type FileAccessCode = 'not-found' | 'directory' | 'not-a-file' | 'permission' | 'read-only' | 'hard-links' | 'owner' | 'locked' | 'changing' | 'io';

export class FileAccessError extends Error {
  constructor(
    message: string,
    readonly code: FileAccessCode,
  ) {
    super(message);
    this.name = 'FileAccessError';
  }
}

/** How long a writer waits for another writer's lock before giving up. */
const LOCK_WAIT_MS = 20_000;
/** Times an edit is made again when the file changed under it (a writer that takes no lock, such as an editor's save). */
const CAS_ATTEMPTS = 5;

// ---------------------------------------------------------------------------------------------
// Reading

/**
 * The bytes of `file` (symlinks followed), reading no more than `maxBytes + 1`; `undefined` when it
 * is larger than `maxBytes`. Anything but a regular file is refused before it is opened, so neither a
 * device nor a FIFO is ever read. Failures are {@link FileAccessError}s with a one-line message.
 */
export async function readFileBytes(file: string, maxBytes = MAX_FILE_BYTES): Promise<Buffer | undefined> {
  const st = await fs.promises.stat(file).catch((e: unknown) => {
    throw accessError(e);
  });
  checkRegular(st);
  let handle: fs.promises.FileHandle | undefined;
  try {
    handle = await fs.promises.open(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
    checkRegular(await handle.stat());
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(256 * 1024, maxBytes + 1 - total));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      total += bytesRead;
      if (total > maxBytes) return undefined;
    }
    return Buffer.concat(chunks, total);
  } catch (e) {
    throw accessError(e);
  } finally {
    await handle?.close();
  }
}

/**
 * Reads and parses the mentoring file: a file over the size limit, or with bytes that are not UTF-8,
 * is a parsed file whose problems say so (at their position). A file that cannot be read at all is a
 * {@link FileAccessError}.
 */
export async function readMentoringFile(file: string, options: ParseOptions = {}): Promise<ParsedFile> {
  const bytes = await readFileBytes(file, options.maxBytes ?? MAX_FILE_BYTES);
  return bytes === undefined ? tooLargeFile(options.maxBytes ?? MAX_FILE_BYTES) : parseMentoringBytes(bytes, options);
}

function checkRegular(st: fs.Stats): void {
  if (st.isDirectory()) throw new FileAccessError('it is a folder, not a file', 'directory');
  if (!st.isFile()) throw new FileAccessError('it is not a regular file (a device, pipe or socket is never read)', 'not-a-file');
}

/** A file system error as a one-line {@link FileAccessError}. */
export function accessError(e: unknown): Error {
  if (e instanceof FileAccessError || e instanceof EditError) return e;
  const err = e as NodeJS.ErrnoException;
  switch (err?.code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return new FileAccessError('no such file', 'not-found');
    case 'EISDIR':
      return new FileAccessError('it is a folder, not a file', 'directory');
    case 'EACCES':
    case 'EPERM':
      return new FileAccessError('permission denied', 'permission');
    case 'ELOOP':
      return new FileAccessError('too many symbolic links (a link that points at itself?)', 'not-a-file');
    default: {
      const message = err instanceof Error ? err.message.split('\n')[0] : String(e);
      return new FileAccessError(message, 'io');
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Writing

/**
 * Changes the mentoring file: THE way to write it, for the CLI and the extension alike. Under the
 * file's lock it reads the file (refusing more than {@link MAX_FILE_BYTES} and bytes that are not
 * UTF-8, as {@link EditError}s with the problem's position), runs `op` on its text, and replaces the
 * file atomically with the result; when the text is unchanged nothing is written. Resolves once the
 * new text is on disk; after that nothing can fail.
 *
 * - Serialised: writers take `<file>.lock` (created exclusively, next to the file; its holder's pid,
 *   host and time inside). A lock whose process is gone (same host), or older than a minute, is
 *   stale and taken over; a live one is waited for up to 20 seconds. Just before the rename the file
 *   is read again: when a writer that takes no lock (an editor saving) changed it, `op` runs again
 *   on the new text. So every `editFile` that resolves is in the file.
 * - Kept: the file's mode, and its owner and group (when this process may not give them to the new
 *   file, nothing is written). A symlink stays a symlink: its target is replaced (and locked).
 * - Refused, nothing written, as a {@link FileAccessError}: a read-only file (no write bit set, even
 *   for root), a file this user may not write, a file with several hard links (replacing it would
 *   separate them: the other names would keep the old text), anything but a regular file.
 *
 * `op` may throw (an {@link EditError} when the file has errors or the edit is invalid): then nothing
 * is written and the error is passed on.
 */
export async function editFile(file: string, op: (text: string) => EditResult, options: WriteLockOptions = {}): Promise<EditResult> {
  const real = await realFile(file);
  excludeFromGit(real);
  const edit = async (): Promise<EditResult> => {
    // Under the lock no other writer of this file is between its temporary file and the rename.
    sweepTemporaryFiles(path.dirname(real), path.basename(real));
    for (let attempt = 1; ; attempt++) {
      const st = statForWrite(real);
      const bytes = await readFileBytes(real);
      if (bytes === undefined) throw new EditError('the file is too large to edit', [fileTooLarge()]);
      const decoded = decodeUtf8(bytes);
      if (decoded.problem) throw new EditError('the file is not valid UTF-8', [decoded.problem]);
      const result = op(decoded.text);
      if (result.text === decoded.text) return result;
      const temp = writeTemp(real, result.text, st);
      // Compare and swap: renamed into place only while the file still holds what `op` was given.
      const now = await readFileBytes(real).catch((e: unknown) => {
        fs.rmSync(temp, { force: true });
        throw e;
      });
      if (now && now.equals(bytes)) {
        renameInto(temp, real);
        return result;
      }
      fs.rmSync(temp, { force: true });
      if (attempt === CAS_ATTEMPTS) throw new FileAccessError('the file kept changing while it was being edited; nothing was written', 'changing');
    }
  };
  return withFileLock(real, edit, options);
}

export interface WriteLockOptions {
  /** How long to wait for another writer's lock (default 20 s). */
  waitMs?: number;
}

/**
 * Runs `fn` holding the lock of the mentoring file `file` (see {@link editFile}); for writers that
 * change the file through another channel (the extension saving an open editor), so that they too
 * take turns with the CLI.
 */
export async function withFileLock<T>(file: string, fn: () => Promise<T>, options: WriteLockOptions = {}): Promise<T> {
  // A file that does not exist (yet, or any more) is locked by its name: an open editor may still be edited.
  const lock = `${await realFile(file).catch(() => path.resolve(file))}.lock`;
  try {
    return await withLock(lock, fn, { timeoutMs: options.waitMs ?? LOCK_WAIT_MS });
  } catch (e) {
    if (e instanceof LockTimeout) {
      const who = e.holder ? `process ${e.holder.pid}${e.holder.host !== os.hostname() ? ` on ${e.holder.host}` : ''}` : 'another program';
      throw new FileAccessError(`the file is being changed by ${who} (lock file ${path.basename(lock)}); try again, or delete the lock file if no such program runs`, 'locked');
    }
    if (e instanceof LockUnavailable) throw new FileAccessError('you may not write in the folder of this file; it was not changed', 'permission');
    if (e instanceof LockNotAFile) throw new FileAccessError(`${path.basename(lock)} is a ${e.kind}, not a lock file: writers take turns through a file of that name, so remove it; the file was not changed`, 'locked');
    throw e;
  }
}

/**
 * Replaces `target` with `text` atomically, keeping the original's mode and owner (or giving it
 * `options.mode`): the low-level step of {@link editFile} (which every writer of the mentoring file
 * should call instead). Creates the file when it does not exist. On any failure the original is
 * untouched and the temporary file is removed.
 */
export function writeFileAtomic(target: string, text: string, options: { mode?: number } = {}): void {
  let file = target;
  let st: fs.Stats | undefined;
  try {
    file = fs.realpathSync(target); // a symlinked file stays a symlink: its target is replaced
    st = statForWrite(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  excludeFromGit(file);
  renameInto(writeTemp(file, text, st, options.mode), file);
}

/**
 * Creates `target` with `text`, whole or not at all, only when nothing is there: a temporary file
 * is written and synced, then linked into place (which fails when a file appeared meanwhile).
 * Returns false, writing nothing, when `target` exists.
 */
export function createFileExclusive(target: string, text: string): boolean {
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const temp = writeTemp(target, text, undefined);
  try {
    fs.linkSync(temp, target);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw accessError(e);
  } finally {
    fs.rmSync(temp, { force: true });
  }
  syncDir(path.dirname(target));
  return true;
}

/** The file a path names, symlinks followed. */
async function realFile(file: string): Promise<string> {
  try {
    return await fs.promises.realpath(file);
  } catch (e) {
    throw accessError(e);
  }
}

/** The file's status, refusing what must not be replaced. */
/**
 * Throws what {@link writeFileAtomic} would refuse `target` for (read-only, not ours to write, several
 * hard links, not a regular file), without writing anything; a file that does not exist yet passes.
 */
export function checkWritable(target: string): void {
  let file: string;
  try {
    file = fs.realpathSync(target);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw accessError(e);
  }
  statForWrite(file);
}

function statForWrite(file: string): fs.Stats {
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch (e) {
    throw accessError(e);
  }
  checkRegular(st);
  if ((st.mode & 0o222) === 0) throw new FileAccessError('the file is read-only; it was not changed (make it writable to edit it)', 'read-only');
  try {
    fs.accessSync(file, fs.constants.W_OK);
  } catch {
    throw new FileAccessError('you may not write this file; it was not changed', 'permission');
  }
  if (st.nlink > 1) {
    throw new FileAccessError(
      `the file has ${st.nlink} hard links, and replacing it would separate them (the other names would keep the old text); it was not changed. Give it a copy of its own first`,
      'hard-links',
    );
  }
  return st;
}

/**
 * Writes `text` to a new temporary file next to `file`, flushed to disk, with `st`'s mode (or
 * `givenMode`), owner and group; returns its path. On failure nothing is left behind.
 */
function writeTemp(file: string, text: string, st: fs.Stats | undefined, givenMode?: number): string {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`);
  const mode = givenMode ?? (st ? st.mode & 0o7777 : undefined);
  let fd: number | undefined;
  try {
    fd = fs.openSync(temp, 'wx', mode ?? 0o666);
    fs.writeFileSync(fd, text, 'utf8');
    if (mode !== undefined) fs.fchmodSync(fd, mode);
    if (st) keepOwner(fd, st);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    return temp;
  } catch (e) {
    if (fd !== undefined) {
      try {
        fs.closeSync(fd);
      } catch {
        // already failing; the original error is the one to report
      }
    }
    fs.rmSync(temp, { force: true });
    throw accessError(e);
  }
}

/** Renames `temp` over `file` in one step (the original is untouched on failure, and `temp` removed). */
function renameInto(temp: string, file: string): void {
  try {
    fs.renameSync(temp, file);
  } catch (e) {
    fs.rmSync(temp, { force: true });
    throw accessError(e);
  }
  syncDir(path.dirname(file));
}

/** Gives the temporary file the original's owner and group, or refuses when this process may not. */
function keepOwner(fd: number, st: fs.Stats): void {
  const mine = fs.fstatSync(fd);
  if (mine.uid === st.uid && mine.gid === st.gid) return;
  try {
    fs.fchownSync(fd, st.uid, st.gid);
  } catch {
    throw new FileAccessError(
      `the file belongs to ${mine.uid === st.uid ? 'another group' : 'another user'} (uid ${st.uid}, gid ${st.gid}); replacing it would change that, so it was not changed`,
      'owner',
    );
  }
}

/** Flushes the folder entry of a rename (not supported everywhere, e.g. on Windows). */
function syncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // best effort: the rename itself is already atomic
  } finally {
    if (fd !== undefined) {
      try {
        fs.closeSync(fd);
      } catch {
        // nothing to do
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// What a killed writer leaves behind

const TEMP_SUFFIX = '.tmp';
/** `.NAME.PID.HEX.tmp`: a temporary file of {@link writeTemp} next to the file `NAME`. */
const TEMP_NAME = /^\.(.+)\.(\d+)\.[0-9a-f]{12}\.tmp$/;
/** A temporary file this old is abandoned whoever made it (a write takes milliseconds). */
const ABANDONED_MS = 10 * 60_000;

/**
 * Removes the temporary files that writers killed between writing and renaming left in `dir` (of
 * the file `name`, or of any file): those whose process is gone from this machine, and any older
 * than ten minutes. To be called holding the lock of the file (or folder) they belong to, so that
 * no writer is between its temporary file and its rename.
 */
export function sweepTemporaryFiles(dir: string, name?: string): void {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  for (const n of names) {
    const m = TEMP_NAME.exec(n);
    if (!m || (name !== undefined && m[1] !== name)) continue;
    const file = path.join(dir, n);
    if (abandoned(file, Number(m[2]), ABANDONED_MS)) fs.rmSync(file, { force: true });
  }
}

/**
 * Adds the names of `file`'s lock and temporary files to the `info/exclude` file of the git
 * repository whose work tree holds it (the common git folder, so every linked worktree shares it),
 * so that a file a killed writer left for a moment never shows in `git status` nor goes in with
 * `git add -A`. Lines already there are not added again; outside a repository nothing is done, and
 * a failure to write the exclude file never stops the write itself.
 */
export function excludeFromGit(file: string): void {
  try {
    const found = workTreeOf(path.dirname(file));
    if (!found) return;
    const rel = path.relative(found.top, file).split(path.sep).join('/');
    if (!rel || rel.startsWith('..') || /[\n\r]/.test(rel)) return;
    const glob = (s: string): string => s.replace(/[\\*?[\]]/g, '\\$&').replace(/ $/, '\\ ');
    const slash = rel.lastIndexOf('/');
    const dir = slash < 0 ? '' : rel.slice(0, slash + 1);
    const name = rel.slice(slash + 1);
    const lines = [`/${glob(rel)}.lock`, `/${glob(rel)}.lock.*.stale`, `/${glob(dir)}.${glob(name)}.*${TEMP_SUFFIX}`];
    const exclude = path.join(found.commonDir, 'info', 'exclude');
    let text = '';
    try {
      text = fs.readFileSync(exclude, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') return;
    }
    const have = new Set(text.split(/\r?\n/));
    const missing = lines.filter((l) => !have.has(l));
    if (missing.length === 0) return;
    fs.mkdirSync(path.dirname(exclude), { recursive: true });
    const block = `${text && !text.endsWith('\n') ? '\n' : ''}# Peer Mentoring: lock and temporary files of ${rel} while it is written\n${missing.join('\n')}\n`;
    fs.appendFileSync(exclude, block);
  } catch {
    // Best effort: the exclude file is a convenience; the write itself goes on.
  }
}

/** The work tree holding `dir` (its top folder, the nearest with a `.git`) and its common git folder; undefined outside git. */
export function workTreeOf(dir: string): { top: string; commonDir: string } | undefined {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    const dotGit = path.join(d, '.git');
    let st: fs.Stats | undefined;
    try {
      st = fs.statSync(dotGit);
    } catch {
      st = undefined;
    }
    if (st) {
      let gitDir = dotGit;
      if (st.isFile()) {
        const m = /^gitdir:\s*(.+?)\s*$/m.exec(fs.readFileSync(dotGit, 'utf8'));
        if (!m) return undefined;
        gitDir = path.resolve(d, m[1]);
      }
      let commonDir = gitDir;
      try {
        commonDir = path.resolve(gitDir, fs.readFileSync(path.join(gitDir, 'commondir'), 'utf8').trim());
      } catch {
        // not a linked worktree: its git folder is the common one
      }
      return { top: d, commonDir };
    }
    if (path.dirname(d) === d) return undefined;
  }
}
