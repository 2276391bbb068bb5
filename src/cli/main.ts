/**
 * `peer-mentoring` command-line interface: the same core the extension uses, for terminals and CI.
 */
import { FileAccessError } from '../core/disk';
import { oneLine, quote, safeLines } from '../core/text';
import { CliCommand, CliIO, UsageError } from './io';

const commands: Record<string, { summary: string; load: () => Promise<CliCommand> }> = {
  // Each command lives in its own module: `validate`, `log`, `report`, `record`, `goal`, `agenda`, `suggest`, `prompts`, `reviewers`, `replay`, `notes`, `init`.
  init: { summary: 'start a mentoring file from the people who work in the repository', load: async () => (await import('./init')).run },
  validate: { summary: 'check the mentoring file; one line per problem (FILE:LINE:COL)', load: async () => (await import('./validate')).run },
  log: { summary: 'add a held, cancelled or rescheduled session to the mentoring file', load: async () => (await import('./log')).run },
  report: { summary: 'the programme: health, sessions, hours, goals achieved, unpaired people; --ics for calendars', load: async () => (await import('./report')).run },
  record: { summary: "a person's mentoring record as mentor and mentee, for a review or promotion case", load: async () => (await import('./record')).run },
  goal: { summary: 'mark a goal achieved (goal achieve ID), dated, with a review entry', load: async () => (await import('./goal')).run },
  agenda: { summary: "the next session's agenda: actions, goals and commits since the last one", load: async () => (await import('./agenda')).run },
  suggest: { summary: 'skill areas, knowledge islands and mentoring matches from git history', load: async () => (await import('./suggest')).run },
  prompts: { summary: 'open goals a change touches, and the questions to ask in review', load: async () => (await import('./prompts')).run },
  reviewers: { summary: 'who should review a change: a learner where one person holds the knowledge, else an expert', load: async () => (await import('./reviewers')).run },
  replay: { summary: 'replay the history to measure how reviewer strategies spread knowledge', load: async () => (await import('./replay')).run },
  notes: { summary: 'private notes kept on this machine only: list, export, import', load: async () => (await import('./notes')).run },
};

function usage(): string {
  const lines = ['usage: peer-mentoring <command> [options]', '', 'commands:'];
  for (const [name, c] of Object.entries(commands)) lines.push(`  ${name.padEnd(10)} ${c.summary}`);
  lines.push('', "Run 'peer-mentoring <command> --help' for a command's options.");
  return lines.join('\n') + '\n';
}

export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') {
    (name ? io.out : io.err)(usage());
    return name ? 0 : 2;
  }
  if (name === '--version') {
    io.out(`${VERSION}\n`);
    return 0;
  }
  const command = Object.prototype.hasOwnProperty.call(commands, name) ? commands[name] : undefined;
  if (!command) {
    io.err(`peer-mentoring: unknown command ${quote(name)}\n\n${usage()}`);
    return 2;
  }
  try {
    return await (await command.load())(rest, io);
  } catch (e) {
    // One line whatever went wrong: usage, a file or repository that cannot be read, or a fault of
    // ours (its stack only with PEER_MENTORING_DEBUG set).
    if (e instanceof UsageError || e instanceof FileAccessError) {
      io.err(`peer-mentoring ${name}: ${oneLine(e.message)}\n`);
      return 2;
    }
    const message = e instanceof Error ? e.message.split('\n')[0] : String(e);
    io.err(`peer-mentoring ${name}: internal error: ${oneLine(message)}\n`);
    if (io.env.PEER_MENTORING_DEBUG && e instanceof Error && e.stack) io.err(safeLines(e.stack) + '\n');
    return 2;
  }
}

declare const PEER_MENTORING_VERSION: string | undefined;
const VERSION = typeof PEER_MENTORING_VERSION === 'string' ? PEER_MENTORING_VERSION : 'dev';

if (require.main === module) {
  // Every command escapes the values it prints; this is the last guard for the terminal and CI logs:
  // no control character but the line feed leaves the process.
  // A reader that goes away (`… | head -1`) closes the pipe: what is written after that is dropped,
  // quietly. The command still finishes what it writes to disk and exits with its own code, so a
  // session logged is never reported as a failure (a script that retries would log it twice).
  const write = (stream: NodeJS.WriteStream) => {
    let closed = false;
    stream.on('error', () => {
      closed = true;
    });
    return (t: string): void => {
      if (!closed && !stream.destroyed) stream.write(safeLines(t));
    };
  };
  const io: CliIO = { cwd: process.cwd(), env: process.env, out: write(process.stdout), err: write(process.stderr) };
  runCli(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`peer-mentoring: internal error: ${oneLine(e instanceof Error ? e.message.split('\n')[0] : String(e))}\n`);
      process.exitCode = 2;
    },
  );
}
