/**
 * `peer-mentoring validate [FILE] [--json]`: every problem in the mentoring file, one per line as
 * `FILE:LINE:COL: error|warning: message [code]`, for terminals, editors and CI.
 */
import * as path from 'path';
import { DEFAULT_FILE_NAME } from '../core/file';
import { formatProblem, hasErrors, Problem } from '../core/file';
import { FileAccessError } from '../core/disk';
import { jsonText, oneLine } from '../core/text';
import { parseArgs } from './args';
import { CliCommand } from './io';
import { readForCommand } from './mentoringFile';

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
  const parsed = await readForCommand(path.resolve(io.cwd, name));
  if (parsed instanceof FileAccessError) {
    io.err(`peer-mentoring validate: cannot read ${oneLine(name)}: ${oneLine(parsed.message)}\n`);
    return 2;
  }
  const { problems } = parsed;
  if (options.json) io.out(jsonText(problems.map((p) => toJsonProblem(name, p))) + '\n');
  else {
    for (const p of problems) io.out(formatProblem(name, p) + '\n');
    const errors = problems.filter((p) => p.severity === 'error').length;
    const warnings = problems.length - errors;
    io.err(problems.length ? `${oneLine(name)}: ${count(errors, 'error')}, ${count(warnings, 'warning')}\n` : `${oneLine(name)}: no problems\n`);
  }
  return hasErrors(problems) ? 1 : 0;
};

function count(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? '' : 's'}`;
}
