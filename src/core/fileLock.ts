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
      return token;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') throw new LockUnavailable(lockFile);
      if (code !== 'EEXIST') throw e;
    }
    if (isStale(lockFile, staleMs)) {
      takeOver(lockFile);
      continue;
    }
    if (Date.now() > deadline) {
      const h = readHolder(lockFile)?.holder;
      throw new LockTimeout(lockFile, h && { pid: h.pid, host: h.host });
    }
    await new Promise((r) => setTimeout(r, wait + Math.random() * wait));
  }
}

function readHolder(lockFile: string): { holder?: Holder; mtimeMs: number } | undefined {
  try {
    const mtimeMs = fs.statSync(lockFile).mtimeMs;
    try {
      const h = JSON.parse(fs.readFileSync(lockFile, 'utf8')) as Partial<Holder>;
      if (typeof h.pid === 'number' && typeof h.host === 'string' && typeof h.token === 'string') return { holder: h as Holder, mtimeMs };
    } catch {
      // Being written this very moment, or garbage: judged by its age alone.
    }
    return { mtimeMs };
  } catch {
    return undefined; // gone already
  }
}

function isStale(lockFile: string, staleMs: number): boolean {
  const info = readHolder(lockFile);
  if (!info) return false; // released meanwhile: just try again
  const age = Date.now() - info.mtimeMs;
  if (age > staleMs) return true;
  const h = info.holder;
  if (!h) return age > Math.min(UNREADABLE_STALE_MS, staleMs);
  if (h.host !== os.hostname()) return false;
  try {
    process.kill(h.pid, 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * Removes a stale lock: renamed aside first (one step), then removed. Should a fresh lock have been
 * created in between by a third process and renamed instead, it is put back (a hard link creates the
 * name only if it is free).
 */
function takeOver(lockFile: string): void {
  const before = readHolder(lockFile);
  const aside = `${lockFile}.${process.pid}.${randomBytes(4).toString('hex')}.stale`;
  try {
    fs.renameSync(lockFile, aside);
  } catch {
    return; // someone else took it over
  }
  const moved = readHolder(aside);
  if (moved?.holder && before?.holder && moved.holder.token !== before.holder.token) {
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
