/**
 * `peer-mentoring record PERSON [FILE...] [--since D] [--until D] [--json | --markdown]`: what a
 * person did as a mentor and as a mentee (core/mentoring/record), ready to paste into a review or a
 * promotion case. From the shared file and git only: private notes are never part of it.
 */
import { DEFAULT_FILE_NAME } from '../core/file';
import { buildRecord, findPerson, goalsAchievedIn, renderRecordJson, renderRecordMarkdown, type RecordSource } from '../core/mentoring';
import { oneLine, quote } from '../core/text';
import { parseArgs } from './args';
import { CliCommand, UsageError } from './io';
import { evidenceFor, loadFiles, periodOption } from './programme';

const USAGE = `usage: peer-mentoring record PERSON [FILE...] [--since YYYY-MM-DD] [--until YYYY-MM-DD] [--json | --markdown] [--no-evidence]

A person's mentoring record: as a mentor and as a mentee, their partnerships, the sessions held and
hours, and the goals reached with their dates, review notes and evidence commits. In a mutual
partnership each member mentors the goals the other owns. Never includes private notes.

  PERSON             a partner id, or one of the partner's emails
  FILE               mentoring files (default ./${DEFAULT_FILE_NAME}); several make one record
  --since DATE       count from DATE (included)
  --until DATE       count up to DATE (included)
  --markdown         Markdown (the default)
  --json             JSON instead of Markdown
  --no-evidence      do not read git for evidence commits
`;

export const run: CliCommand = async (args, io) => {
  const { options, positionals, help } = parseArgs(args, { since: 'value', until: 'value', json: 'flag', markdown: 'flag', 'no-evidence': 'flag' });
  if (help) {
    io.out(USAGE);
    return 0;
  }
  const [who, ...names] = positionals;
  if (who === undefined || who.trim() === '') throw new UsageError('PERSON is required: a partner id or email');
  if (options.json && options.markdown) throw new UsageError('--json and --markdown cannot be combined');
  const period = periodOption(options.since, options.until);
  const files = await loadFiles(io, names, 'to see a record');
  if (typeof files === 'number') return files;
  const person = who.trim();
  const sources: RecordSource[] = [];
  for (const file of files) {
    const me = findPerson(file.model, person);
    const source: RecordSource = { file: file.name, model: file.model };
    if (me && !options['no-evidence']) {
      const goals = goalsAchievedIn(file.model, period).map((a) => a.goal);
      const evidence = await evidenceFor(io, file, goals);
      if (evidence) source.evidence = evidence;
    }
    sources.push(source);
  }
  const record = buildRecord(sources, person, period);
  if (!record) {
    io.err(`${files.map((f) => oneLine(f.name)).join(', ')}: no partner ${quote(person)} (by id or email)\n`);
    return 1;
  }
  io.out(options.json ? renderRecordJson(record) : renderRecordMarkdown(record));
  return 0;
};
