/**
 * `peer-mentoring validate [FILE] [--json]`: every problem in the mentoring file, one per line as
 * `FILE:LINE:COL: error|warning: message [code]`, for terminals, editors and CI.
 */
import { open } from 'fs/promises';
import * as path from 'path';
import { DEFAULT_FILE_NAME } from '../core/model';
import { MAX_FILE_BYTES, parseMentoring } from '../core/parse';
import { formatProblem, hasErrors, Problem } from '../core/problems';
import { parseArgs } from './args';
import { CliCommand } from './io';

const USAGE = `usage: peer-mentoring validate [FILE] [--json]

Checks the mentoring file: YAML syntax, required fields, types, dates, references between
partners, partnerships and goals. Prints one line per problem:
FILE:LINE:COL: error|warning: message [code]

  FILE      the mentoring file (default ./${DEFAULT_FILE_NAME})
  --json    print the problems as a JSON array instead

Exit status: 0 no errors (warnings allowed), 1 errors found, 2 usage error or unreadable file.
`;

export interface JsonProblem {
  file: string;
  line: number;
  col: number;
  endLine: number;
  endCol: number;
  severity: Problem['severity'];
  code: string;
  message: string;
}

export function toJsonProblem(file: string, p: Problem): JsonProblem {
  const { start, end } = p.range;
  return { file, line: start.line, col: start.col, endLine: end.line, endCol: end.col, severity: p.severity, code: p.code, message: p.message };
}

export const run: CliCommand = async (args, io) => {
  const { options, positionals, help } = parseArgs(args, { json: 'flag' }, { maxPositionals: 1 });
  if (help) {
    io.out(USAGE);
    return 0;
  }
  const name = positionals[0] ?? DEFAULT_FILE_NAME;
  let text: string;
  try {
    text = await readAtMost(path.resolve(io.cwd, name), MAX_FILE_BYTES + 1);
  } catch (e) {
    io.err(`peer-mentoring validate: cannot read ${name}: ${describeError(e)}\n`);
    return 2;
  }
  const { problems } = parseMentoring(text);
  if (options.json) io.out(JSON.stringify(problems.map((p) => toJsonProblem(name, p)), null, 2) + '\n');
  else {
    for (const p of problems) io.out(formatProblem(name, p) + '\n');
    const errors = problems.filter((p) => p.severity === 'error').length;
    const warnings = problems.length - errors;
    io.err(problems.length ? `${name}: ${count(errors, 'error')}, ${count(warnings, 'warning')}\n` : `${name}: no problems\n`);
  }
  return hasErrors(problems) ? 1 : 0;
};

/** The file's text, reading no more than `limit` bytes (larger files are refused by the parser). */
async function readAtMost(file: string, limit: number): Promise<string> {
  const handle = await open(file, 'r');
  try {
    const stat = await handle.stat();
    if (stat.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    const buffer = Buffer.alloc(Math.min(stat.size, limit));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead).toString('utf8');
  } finally {
    await handle.close();
  }
}

function describeError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'it is a directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return e instanceof Error ? e.message : String(e);
}

function count(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? '' : 's'}`;
}
