/**
 * `peer-mentoring report [FILE] [--json] [--today YYYY-MM-DD]`: per partnership, sessions held and
 * cancelled, hours met, last session, next due, goals and open action items.
 */
import * as path from 'path';
import { isIsoDate, localToday } from '../core/dates';
import { DEFAULT_FILE_NAME } from '../core/file';
import { buildReport, renderReportJson, renderReportMarkdown } from '../core/mentoring';
import { quote } from '../core/text';
import { parseArgs } from './args';
import { CliCommand, UsageError } from './io';
import { loadForCommand } from './mentoringFile';

const USAGE = `usage: peer-mentoring report [FILE] [--json] [--today YYYY-MM-DD]

Per partnership: sessions held, cancelled and rescheduled, hours met, last session, next due
date (and days overdue), goals active and achieved, open action items.

  FILE               the mentoring file (default ./${DEFAULT_FILE_NAME})
  --json             JSON instead of a markdown table
  --today DATE       count due dates from DATE instead of the local date
`;

export const run: CliCommand = async (args, io) => {
  const { options, positionals, help } = parseArgs(args, { json: 'flag', today: 'value' }, { maxPositionals: 1 });
  if (help) {
    io.out(USAGE);
    return 0;
  }
  if (options.today !== undefined && !isIsoDate(options.today)) {
    throw new UsageError(`--today: ${quote(options.today)} is not a YYYY-MM-DD date from 1900 to 2999`);
  }
  const today = options.today ?? localToday();
  const name = positionals[0] ?? DEFAULT_FILE_NAME;

  const model = await loadForCommand(io, name, path.resolve(io.cwd, name), 'to see the report');
  if (typeof model === 'number') return model;
  const report = buildReport(model, today);
  io.out(options.json ? renderReportJson(report) : renderReportMarkdown(report));
  return 0;
};
