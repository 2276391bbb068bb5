/**
 * Writing the mentoring file without ever leaving it half-written: the new text goes to a temporary
 * file in the same folder, is flushed to disk, and is renamed over the original in one step.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { EditResult } from './edit';

/**
 * Replaces `target` with `text` atomically, keeping the original's permissions (or giving it
 * `options.mode`, from the temporary file's creation on). On any failure the original is untouched
 * and the temporary file is removed.
 */
export function writeFileAtomic(target: string, text: string, options: { mode?: number } = {}): void {
  let file = target;
  let mode = options.mode;
  try {
    file = fs.realpathSync(target); // a symlinked file stays a symlink: its target is replaced
    mode ??= fs.statSync(file).mode & 0o7777;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  const dir = path.dirname(file);
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}.tmp`);
  let fd: number | undefined;
  try {
    fd = fs.openSync(temp, 'wx', mode ?? 0o666);
    fs.writeFileSync(fd, text, 'utf8');
    if (mode !== undefined) fs.fchmodSync(fd, mode);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    fs.renameSync(temp, file);
  } catch (e) {
    if (fd !== undefined) {
      try {
        fs.closeSync(fd);
      } catch {
        // already failing; the original error is the one to report
      }
    }
    fs.rmSync(temp, { force: true });
    throw e;
  }
  syncDir(dir);
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
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** Reads `file`, applies `op` to its text, and writes the result atomically (nothing when unchanged). */
export function editFile(file: string, op: (text: string) => EditResult): EditResult {
  const text = fs.readFileSync(file, 'utf8');
  const result = op(text);
  if (result.text !== text) writeFileAtomic(file, result.text);
  return result;
}
