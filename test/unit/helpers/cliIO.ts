/** A CLI's input and output in memory, for running commands in-process (`runCli(args, io)`). */
import type { CliIO } from '../../../src/cli/io';

export interface CapturedIO extends CliIO {
  stdout: string;
  stderr: string;
}

export function fakeIO(cwd: string): CapturedIO {
  const io: CapturedIO = { cwd, env: {}, stdout: '', stderr: '', out: (t) => void (io.stdout += t), err: (t) => void (io.stderr += t) };
  return io;
}
