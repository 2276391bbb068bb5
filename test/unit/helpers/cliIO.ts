/** A CLI's input and output in memory, for running commands in-process (`runCli(args, io)`). */
import * as path from 'path';
import type { CliIO } from '../../../src/cli/io';
import { tempDir } from './gitRepo';

export interface CapturedIO extends CliIO {
  stdout: string;
  stderr: string;
}

export function fakeIO(cwd: string, env: NodeJS.ProcessEnv = {}): CapturedIO {
  const io: CapturedIO = { cwd, env, stdout: '', stderr: '', out: (t) => void (io.stdout += t), err: (t) => void (io.stderr += t) };
  return io;
}

/** A fresh home folder with its cache folder (removed after the run): a command keeps nothing of one test for the next. */
export function freshHome(): NodeJS.ProcessEnv {
  const home = tempDir();
  return { HOME: home, XDG_CACHE_HOME: path.join(home, 'cache') };
}
