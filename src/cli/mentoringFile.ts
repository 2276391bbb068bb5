/**
 * The mentoring file as the commands read it: through the guarded read (no device, pipe or file over
 * the size limit), with a problem of the file's own reported in one line, and its errors in
 * `file:line:col` lines when a command needs a valid file; and why a change to it was not written.
 */
import type { MentoringFile, ParsedFile, Problem } from '../core/file';
import { EditError, formatProblem, hasErrors } from '../core/file';
import { FileAccessError, readMentoringFile } from '../core/disk';
import { oneLine } from '../core/text';
import type { CliIO } from './io';

/** The parsed file at `file`, or why it cannot be read; anything else thrown is a fault of ours, not of the file. */
export async function readForCommand(file: string): Promise<ParsedFile | FileAccessError> {
  try {
    return await readMentoringFile(file);
  } catch (e) {
    if (e instanceof FileAccessError) return e;
    throw e;
  }
}

/** Says in one line that `shown` cannot be read (`why`, by default the error's own message). */
export function reportUnreadable(io: CliIO, shown: string, e: FileAccessError, why = e.message): 2 {
  io.err(`${oneLine(shown)}: ${oneLine(why)}\n`);
  return 2;
}

/** The file's model, or undefined after printing its errors and that they must be fixed `to` do what the command does. */
export function validModel(io: CliIO, shown: string, parsed: ParsedFile, to: string): MentoringFile | undefined {
  if (parsed.model && !hasErrors(parsed.problems)) return parsed.model;
  for (const p of parsed.problems) if (p.severity === 'error') io.err(formatProblem(shown, p) + '\n');
  io.err(`${oneLine(shown)}: the file has errors; fix them ${to}\n`);
  return undefined;
}

/** {@link readForCommand} and {@link validModel} in one: the model, or the exit code (2 unreadable, 1 errors) once said. */
export async function loadForCommand(io: CliIO, shown: string, file: string, to: string): Promise<MentoringFile | 1 | 2> {
  const parsed = await readForCommand(file);
  if (parsed instanceof FileAccessError) return reportUnreadable(io, shown, parsed);
  return validModel(io, shown, parsed, to) ?? 1;
}

/** The file cannot take a command's change: its problems, or a reference it does not define. */
export class Refused extends Error {
  constructor(
    message: string,
    readonly problems: readonly Problem[] = [],
  ) {
    super(message);
  }
}

/**
 * Says why a change to the file `name` was not written: refused (its problems, then one line; 1), or
 * the file could not be read or written (one line; 2). Undefined for anything else thrown.
 */
export function reportUnwritten(io: CliIO, name: string, e: unknown): 1 | 2 | undefined {
  const shown = oneLine(name);
  if (e instanceof Refused || e instanceof EditError) {
    for (const p of e.problems) io.err(formatProblem(name, p) + '\n');
    io.err(`${shown}: ${oneLine(e.message)}; nothing was written\n`);
    return 1;
  }
  if (e instanceof FileAccessError) {
    io.err(`${shown}: ${oneLine(e.message)}${/not changed|nothing was written/.test(e.message) ? '' : '; nothing was written'}\n`);
    return 2;
  }
  return undefined;
}
