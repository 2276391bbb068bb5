/** What a CLI command may touch, so tests can run commands in-process. */
export interface CliIO {
  cwd: string;
  env: NodeJS.ProcessEnv;
  out(text: string): void;
  err(text: string): void;
}

/** A command's exit codes: 0 clean, 1 problems found / refused, 2 usage or unreadable input. */
export type ExitCode = 0 | 1 | 2;

export type CliCommand = (args: string[], io: CliIO) => Promise<ExitCode>;

/** Thrown for bad command-line usage; reported with exit code 2. */
export class UsageError extends Error {}
