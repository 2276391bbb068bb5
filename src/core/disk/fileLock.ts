/**
 * THE lock file of the project, for the mentoring file (through `safeWrite`'s `withFileLock`) and the
 * private notes store alike: it serialises writers across processes (VS Code windows, CLI runs).
 * Created with O_EXCL, so only one process holds it; it names its holder, so a lock left behind by a
 * process that died (same machine), one older than `staleMs`, or one whose content cannot be read for
 * a few seconds, is taken over.
 */
import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export interface LockOptions {
  /** How long to wait for another holder before giving up (default 10 s). */
  timeoutMs?: number;
  /** A lock older than this is taken over whoever holds it (default 60 s; held locks last milliseconds). */
  staleMs?: number;
}

interface Holder {
  pid: number;
  host: string;
  token: string;
}

/** The lock could not be had in time: another process (`holder`, when it says who) holds it. */
export class LockTimeout extends Error {
  constructor(
    readonly lockFile: string,
    readonly holder?: { pid: number; host: string },
  ) {
    super(`${lockFile} is held by another process; try again in a moment`);
    this.name = 'LockTimeout';
  }
}

/** The lock file cannot be created at all: this user may not write in its folder. */
export class LockUnavailable extends Error {
  constructor(readonly lockFile: string) {
    super(`cannot create the lock file ${lockFile}: permission denied`);
    this.name = 'LockUnavailable';
  }
}

/**
 * The lock file's name is taken by something no writer creates (a folder, a symbolic link, a device):
 * left as it is, since it is not ours to move, and nobody can write until it is removed.
 */
export class LockNotAFile extends Error {
  constructor(
    readonly lockFile: string,
    readonly kind: 'folder' | 'symbolic link' | 'special file',
  ) {
    super(`${lockFile} is a ${kind}, not a lock file`);
    this.name = 'LockNotAFile';
  }
}

/** A lock whose content cannot be read as a holder for this long is being written by no one. */
const UNREADABLE_STALE_MS = 5_000;

/** Runs `fn` holding the lock file `lockFile` (its folder must exist); releases it however `fn` ends. */
export async function withLock<T>(lockFile: string, fn: () => T | Promise<T>, options: LockOptions = {}): Promise<T> {
  const token = await acquire(lockFile, options);
  try {
    return await fn();
  } finally {
    release(lockFile, token);
  }
}

/** `LOCK.PID.HEX.stale`: a lock moved aside by {@link takeOver}, removed a moment later unless its process was killed. */
const ASIDE = /^(.+)\.(\d+)\.[0-9a-f]{8}\.stale$/;
/** A lock moved aside this long ago is left behind, whoever moved it (it lives microseconds). */
const ASIDE_ABANDONED_MS = 60_000;

/** True when the file made by process `pid` of this machine is left behind: the process is gone, or the file is older than `maxAgeMs`. */
export function abandoned(file: string, pid: number, maxAgeMs: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ESRCH') return true;
  }
  try {
    return Date.now() - fs.lstatSync(file).mtimeMs > maxAgeMs;
  } catch {
    return false;
  }
}

/** Removes the locks of `lockFile` that processes killed while taking over left moved aside. */
function sweepAsides(lockFile: string): void {
  const dir = path.dirname(lockFile);
  const base = path.basename(lockFile);
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  for (const n of names) {
    const m = ASIDE.exec(n);
    if (m && m[1] === base && abandoned(path.join(dir, n), Number(m[2]), ASIDE_ABANDONED_MS)) fs.rmSync(path.join(dir, n), { force: true });
  }
}

async function acquire(lockFile: string, options: LockOptions): Promise<string> {
  const deadline = Date.now() + (options.timeoutMs ?? 10_000);
  const staleMs = options.staleMs ?? 60_000;
  const token = randomBytes(8).toString('hex');
  const me: Holder = { pid: process.pid, host: os.hostname(), token };
  for (let wait = 5; ; wait = Math.min(wait * 2, 100)) {
    try {
      const fd = fs.openSync(lockFile, 'wx', 0o600);
      try {
        fs.writeSync(fd, JSON.stringify(me));
      } finally {
        fs.closeSync(fd);
      }
      sweepAsides(lockFile);
      return token;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') throw new LockUnavailable(lockFile);
      if (code !== 'EEXIST') throw e;
    }
    const kind = notAFile(lockFile);
    if (kind) throw new LockNotAFile(lockFile, kind);
    const stale = staleLock(lockFile, staleMs);
    if (stale) {
      takeOver(lockFile, stale);
      continue;
    }
    if (Date.now() > deadline) {
      const h = readHolder(lockFile)?.holder;
      throw new LockTimeout(lockFile, h && { pid: h.pid, host: h.host });
    }
    await new Promise((r) => setTimeout(r, wait + Math.random() * wait));
  }
}

/** What takes the lock's name when it is not a regular file (as every writer's lock is), if anything. */
function notAFile(lockFile: string): LockNotAFile['kind'] | undefined {
  let st: fs.Stats;
  try {
    st = fs.lstatSync(lockFile);
  } catch {
    return undefined; // released meanwhile
  }
  if (st.isFile()) return undefined;
  return st.isDirectory() ? 'folder' : st.isSymbolicLink() ? 'symbolic link' : 'special file';
}

/** What a lock file says and which file it is (its inode and time: a new lock is a new file). */
export interface LockInfo {
  holder?: Holder;
  mtimeMs: number;
  ino: number;
  dev: number;
}

function readHolder(lockFile: string): LockInfo | undefined {
  try {
    const { mtimeMs, ino, dev } = fs.statSync(lockFile);
    try {
      const h = JSON.parse(fs.readFileSync(lockFile, 'utf8')) as Partial<Holder>;
      if (typeof h.pid === 'number' && typeof h.host === 'string' && typeof h.token === 'string') return { holder: h as Holder, mtimeMs, ino, dev };
    } catch {
      // Being written this very moment, or garbage: judged by its age alone.
    }
    return { mtimeMs, ino, dev };
  } catch {
    return undefined; // gone already
  }
}

/** The lock file as it was judged stale, or undefined while it is held (or gone). */
function staleLock(lockFile: string, staleMs: number): LockInfo | undefined {
  const info = readHolder(lockFile);
  if (!info) return undefined; // released meanwhile: just try again
  const age = Date.now() - info.mtimeMs;
  if (age > staleMs) return info;
  const h = info.holder;
  if (!h) return age > Math.min(UNREADABLE_STALE_MS, staleMs) ? info : undefined;
  if (h.host !== os.hostname()) return undefined;
  try {
    process.kill(h.pid, 0);
    return undefined;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ESRCH' ? info : undefined;
  }
}

/**
 * Removes the lock file judged stale (`judged`): renamed aside first (one step), then removed. When
 * the file moved aside is not that one (another process took the stale lock over meanwhile and a
 * fresh lock took the name), it is put back (a hard link creates the name only if it is free). The
 * files are told apart by inode, so this holds for a lock whose content cannot be read too.
 * @internal exported for tests
 */
export function takeOver(lockFile: string, judged: LockInfo): void {
  const aside = `${lockFile}.${process.pid}.${randomBytes(4).toString('hex')}.stale`;
  try {
    fs.renameSync(lockFile, aside);
  } catch {
    return; // someone else took it over
  }
  const moved = readHolder(aside);
  if (moved && (moved.ino !== judged.ino || moved.dev !== judged.dev)) {
    try {
      fs.linkSync(aside, lockFile);
    } catch {
      // The name is taken again: that holder's release will find its lock gone, which is harmless.
    }
  }
  fs.rmSync(aside, { force: true });
}

function release(lockFile: string, token: string): void {
  const info = readHolder(lockFile);
  if (info?.holder?.token !== token) return; // taken over as stale: not ours to remove
  fs.rmSync(lockFile, { force: true });
}
