/**
 * `peer-mentoring goal achieve ID [FILE] [--date D] [--by PARTNER] [--note TEXT]`: marks a goal
 * achieved: status achieved, progress 100, `achieved: D` and a review entry of that date, in one
 * write that changes nothing else in the file.
 */
import * as path from 'path';
import { localToday, parseDateInput } from '../core/dates';
import { editFile } from '../core/disk';
import { achieveGoal, DEFAULT_FILE_NAME, hasErrors, parseMentoring, rememberParsed } from '../core/file';
import { oneLine, quote } from '../core/text';
import { parseArgs } from './args';
import { CliCommand, UsageError } from './io';
import { Refused, reportUnwritten } from './mentoringFile';

const USAGE = `usage: peer-mentoring goal achieve ID [FILE] [--date DATE] [--by PARTNER] [--note TEXT]

Marks the goal achieved: its status becomes achieved, its progress 100 and its achieved: date DATE,
and a review of that date records it. Nothing else in the file changes.

  ID                 the goal's id
  FILE               the mentoring file (default ./${DEFAULT_FILE_NAME})
  --date DATE        YYYY-MM-DD, today or yesterday (default today; not in the future)
  --by PARTNER       who records the review (a partner id; default the goal's owner)
  --note TEXT        the review's note
`;

export const run: CliCommand = async (args, io) => {
  const { options, positionals, help } = parseArgs(args, { date: 'value', by: 'value', note: 'value' }, { maxPositionals: 3 });
  if (help || positionals.length === 0) {
    (help ? io.out : io.err)(USAGE);
    return help ? 0 : 2;
  }
  const [action, id, name = DEFAULT_FILE_NAME] = positionals;
  if (action !== 'achieve') throw new UsageError(`unknown goal action ${quote(action)} (known: achieve)`);
  if (id === undefined || id.trim() === '') throw new UsageError('the goal ID is required');
  const today = localToday();
  let date = today;
  if (options.date !== undefined) {
    const r = parseDateInput(options.date, today);
    if (!r.ok || options.date.trim() === '') throw new UsageError(`--date: ${r.ok ? 'a date is needed' : r.message}`);
    date = r.date;
  }
  const note = options.note?.trim() || undefined;
  const shown = oneLine(name);
  const file = path.resolve(io.cwd, name);
  let already = false;
  let by = options.by?.trim();
  try {
    await editFile(file, (text) => {
      const parsed = parseMentoring(text);
      if (!parsed.model || hasErrors(parsed.problems)) throw new Refused('the file has errors; fix them first', parsed.problems.filter((p) => p.severity === 'error'));
      const goal = parsed.model.goals.find((g) => g.id === id);
      if (!goal) {
        const known = parsed.model.goals.map((g) => g.id);
        throw new Refused(`unknown goal ${quote(id)}${known.length ? ` (the file has: ${known.slice(0, 10).map(quote).join(', ')}${known.length > 10 ? ', …' : ''})` : ' (the file has none)'}`);
      }
      if (goal.status === 'achieved' && goal.achieved !== undefined) {
        already = true;
        return { text, edits: [] };
      }
      by ??= goal.owner;
      if (!parsed.model.partners.some((p) => p.id === by)) throw new Refused(`--by: unknown partner ${quote(by)}`);
      rememberParsed(parsed);
      return achieveGoal(text, id, { date, by, ...(note !== undefined ? { note } : {}) });
    });
  } catch (e) {
    const code = reportUnwritten(io, name, e);
    if (code !== undefined) return code;
    throw e;
  }
  io.out(already ? `Goal ${quote(id)} is achieved already; nothing was written\n` : `Marked goal ${quote(id)} achieved on ${date} (review by ${oneLine(by ?? '')}) in ${shown}\n`);
  return 0;
};
