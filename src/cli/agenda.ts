/**
 * `peer-mentoring agenda [FILE] --partnership ID [--repo DIR] [--today D] [--json]`: the agenda of a
 * partnership's next session (core/agenda) as Markdown, for a calendar invite or a chat message, or
 * as JSON with every section. Commits come from the git repository at DIR (default: the file's
 * folder); without one the agenda still has the file's parts and says that evidence needs git.
 */
import { stat } from 'fs/promises';
import * as path from 'path';
import { buildAgenda, renderAgendaJson, renderAgendaMarkdown } from '../core/mentoring';
import { isIsoDate, localToday } from '../core/dates';
import { DEFAULT_FILE_NAME } from '../core/file';
import { oneLine, quote } from '../core/text';
import { readAgendaEvidence } from '../git/evidence';
import { parseArgs } from './args';
import { CliCommand, UsageError } from './io';
import { loadForCommand } from './mentoringFile';

const USAGE = `usage: peer-mentoring agenda [FILE] --partnership ID [--repo DIR] [--today YYYY-MM-DD] [--json]

The agenda of the partnership's next session, from the work since the last one: the schedule, open
action items and those done since, each active goal with its progress, last review, due date, the
commits since the last session (with the goal's Mentoring-Goal trailer, or by its owner under its
paths) and the review questions they raise, stalled goals, and suggested topics.

  FILE               the mentoring file (default ./${DEFAULT_FILE_NAME})
  --partnership ID   the partnership (required)
  --repo DIR         the git repository to read commits from (default: the file's folder)
  --today DATE       prepare as of DATE instead of the local date
  --json             JSON with every section instead of Markdown
`;

export const run: CliCommand = async (args, io) => {
  const { options, positionals, help } = parseArgs(args, { partnership: 'value', repo: 'value', today: 'value', json: 'flag' }, { maxPositionals: 1 });
  if (help) {
    io.out(USAGE);
    return 0;
  }
  const id = options.partnership?.trim();
  if (!id) throw new UsageError('--partnership ID is required');
  if (options.today !== undefined && !isIsoDate(options.today)) throw new UsageError(`--today: '${oneLine(options.today)}' is not a YYYY-MM-DD date`);
  const today = options.today ?? localToday();
  const name = positionals[0] ?? DEFAULT_FILE_NAME;
  const full = path.resolve(io.cwd, name);
  const repo = path.resolve(io.cwd, options.repo ?? path.dirname(full));
  if (options.repo !== undefined && !(await isDirectory(repo))) throw new UsageError(`--repo: '${oneLine(options.repo)}' is not a folder`);

  const model = await loadForCommand(io, name, full, 'to prepare an agenda');
  if (typeof model === 'number') return model;
  if (!model.partnerships.some((p) => p.id === id)) {
    const known = model.partnerships.map((p) => p.id);
    io.err(`${oneLine(name)}: unknown partnership ${quote(id)}${known.length ? ` (the file has: ${known.map(quote).join(', ')})` : ' (the file has none)'}\n`);
    return 1;
  }
  const evidence = await readAgendaEvidence(repo, model, id, today);
  const agenda = buildAgenda(model, id, today, evidence);
  if (!agenda) throw new Error(`no agenda for partnership '${oneLine(id)}'`);
  io.out(options.json ? renderAgendaJson(agenda) : renderAgendaMarkdown(agenda));
  return 0;
};

async function isDirectory(dir: string): Promise<boolean> {
  try {
    return (await stat(dir)).isDirectory();
  } catch {
    return false;
  }
}
