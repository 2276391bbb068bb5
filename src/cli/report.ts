/**
 * `peer-mentoring report [FILE...] [--since D] [--until D] [--json | --markdown | --csv | --ics]`:
 * per partnership of one or more files, sessions held and cancelled and hours met in the period,
 * last session, next due, health, goals and open action items; the people without a partnership;
 * the goals achieved with their evidence. `--ics` writes the next sessions as a calendar instead.
 */
import * as path from 'path';
import { isIsoDate, localToday } from '../core/dates';
import { accessError, writeFileAtomic } from '../core/disk';
import { DEFAULT_FILE_NAME } from '../core/file';
import { buildReport, calendarEvents, calendarFileName, goalsAchievedIn, renderCalendar, renderReportCsv, renderReportJson, renderReportMarkdown, type ReportSource } from '../core/mentoring';
import { oneLine, quote } from '../core/text';
import { parseArgs } from './args';
import { CliCommand, UsageError } from './io';
import { evidenceFor, loadFiles, periodOption } from './programme';

const USAGE = `usage: peer-mentoring report [FILE...] [--since YYYY-MM-DD] [--until YYYY-MM-DD]
                            [--json | --markdown | --csv | --ics [--out FILE]] [--today YYYY-MM-DD]

Per partnership: sessions held, cancelled and rescheduled and hours met in the period, last
session, next due date (and days overdue) and health as of today, goals active and achieved in the
period, open action items. Then the people without an active partnership, the goals achieved in
the period with their evidence commits, and sessions held and cancelled per month. Several files
make one report, each row naming its file.

  FILE               mentoring files (default ./${DEFAULT_FILE_NAME})
  --since DATE       count sessions and achieved goals from DATE (included)
  --until DATE       ... up to DATE (included)
  --markdown         a Markdown table (the default)
  --json             JSON
  --csv              CSV, one row per partnership
  --ics              an iCalendar file: one all-day event per active partnership on its next
                     session's date (today when overdue), partners as attendees; importing a newer
                     file updates the events instead of adding new ones
  --out FILE         with --ics: write to FILE instead of standard output
  --no-evidence      do not read git for evidence commits
  --today DATE       count due dates from DATE instead of the local date
`;

export const run: CliCommand = async (args, io) => {
  const { options, positionals, help } = parseArgs(args, {
    json: 'flag',
    markdown: 'flag',
    csv: 'flag',
    ics: 'flag',
    out: 'value',
    since: 'value',
    until: 'value',
    today: 'value',
    'no-evidence': 'flag',
  });
  if (help) {
    io.out(USAGE);
    return 0;
  }
  const formats = (['json', 'markdown', 'csv', 'ics'] as const).filter((f) => options[f]);
  if (formats.length > 1) throw new UsageError(`--${formats[0]} and --${formats[1]} cannot be combined`);
  if (options.out !== undefined && !options.ics) throw new UsageError('--out is for --ics');
  if (options.today !== undefined && !isIsoDate(options.today)) {
    throw new UsageError(`--today: ${quote(options.today)} is not a YYYY-MM-DD date from 1900 to 2999`);
  }
  const today = options.today ?? localToday();
  const period = periodOption(options.since, options.until);

  const files = await loadFiles(io, positionals, options.ics ? 'to write a calendar' : 'to see the report');
  if (typeof files === 'number') return files;

  if (options.ics) {
    // UIDs name each file by its folder and its name: the same in every run, and the same as the editor's.
    const events = calendarEvents(files.map((f) => ({ file: calendarFileName(f.full), model: f.model })), today);
    const text = renderCalendar(events, today);
    if (options.out === undefined) {
      // Standard output is text for a terminal or a pipe: lines end with a line feed there.
      io.out(text.replace(/\r\n/g, '\n'));
      return 0;
    }
    const out = path.resolve(io.cwd, options.out);
    try {
      writeFileAtomic(out, text);
    } catch (e) {
      io.err(`${oneLine(options.out)}: ${oneLine(accessError(e).message)}\n`);
      return 2;
    }
    io.out(`Wrote ${events.length} event${events.length === 1 ? '' : 's'} to ${oneLine(options.out)}\n`);
    return 0;
  }

  const sources: ReportSource[] = [];
  for (const file of files) {
    const source: ReportSource = { file: file.name, model: file.model };
    if (!options['no-evidence'] && (options.json || options.markdown || formats.length === 0)) {
      const evidence = await evidenceFor(io, file, goalsAchievedIn(file.model, period).map((a) => a.goal));
      if (evidence) source.evidence = evidence;
    }
    sources.push(source);
  }
  const report = buildReport(sources, today, { period });
  io.out(options.json ? renderReportJson(report) : options.csv ? renderReportCsv(report) : renderReportMarkdown(report));
  return 0;
};
