/**
 * The one reader of `git log -z --name-status` records, shared by the history analysis
 * (`history.ts`) and the review history (`reviewHistory.ts`), which differ only in their header
 * fields. A record is `\x01` and the header fields, each ended by NUL, then a newline and, per file,
 * `STATUS\0path\0` (`R`/`C`: `STATUS\0old\0new\0`). Paths arrive verbatim, whatever they hold.
 * Both start git the same way ({@link startLog}).
 */
import { spawn } from 'child_process';
import type { ChangeStatus, FileChange } from '../core/expertise';

export const NUL = 0;
const SOH = 1;
const LF = 10;

/** Where a record's header fields lie in the data: start and end of each, in order. */
export type HeaderSpans = readonly number[];

/** Makes a record from its header fields (read from `data` at `spans`) and its files. */
export type MakeRecord<T> = (data: Buffer, spans: HeaderSpans, files: FileChange[]) => T;

/**
 * Parses the complete records at the start of `data` into `out`; returns how many bytes it used.
 * Unless `final`, a record is complete only once the next begins.
 */
export function parseLogRecords<T>(data: Buffer, final: boolean, fields: number, make: MakeRecord<T>, out: T[]): number {
  let pos = 0;
  const end = data.length;
  for (;;) {
    if (pos >= end) return pos;
    const start = pos;
    if (data[pos] !== SOH) throw new Error(`unexpected git log output at byte ${pos}`);
    pos++;
    const spans: number[] = [];
    for (let i = 0; i < fields; i++) {
      const z = data.indexOf(NUL, pos);
      if (z < 0) return start;
      spans.push(pos, z);
      pos = z + 1;
    }
    const files: FileChange[] = [];
    let complete = false;
    for (;;) {
      if (pos >= end) {
        complete = final;
        break;
      }
      const b = data[pos];
      if (b === SOH) {
        complete = true;
        break;
      }
      if (b === NUL || b === LF) {
        // The separator after the header, and the newline before the file list.
        pos++;
        continue;
      }
      const z = data.indexOf(NUL, pos);
      if (z < 0) break;
      const status = String.fromCharCode(b) as ChangeStatus;
      pos = z + 1;
      const z1 = data.indexOf(NUL, pos);
      if (z1 < 0) break;
      const first = data.toString('utf8', pos, z1);
      pos = z1 + 1;
      if (status === 'R' || status === 'C') {
        const z2 = data.indexOf(NUL, pos);
        if (z2 < 0) break;
        files.push({ status, path: data.toString('utf8', pos, z2), oldPath: first });
        pos = z2 + 1;
      } else {
        files.push({ status: status === 'A' || status === 'D' || status === 'T' ? status : 'M', path: first });
      }
    }
    if (!complete) return start;
    out.push(make(data, spans, files));
  }
}

/**
 * The records of a stream of `git log` output, a batch per chunk as it arrives (what is left of a
 * record waits for the next chunk; the last is completed at the end).
 */
export async function* logRecords<T>(chunks: AsyncIterable<Buffer>, parse: (data: Buffer, final: boolean, out: T[]) => number): AsyncGenerator<T[]> {
  let rest: Buffer | undefined;
  for await (const chunk of chunks) {
    const data = rest ? Buffer.concat([rest, chunk]) : chunk;
    const out: T[] = [];
    const used = parse(data, false, out);
    rest = used < data.length ? data.subarray(used) : undefined;
    if (out.length) yield out;
  }
  if (rest) {
    const out: T[] = [];
    parse(rest[rest.length - 1] === NUL ? rest : Buffer.concat([rest, Buffer.from([NUL])]), true, out);
    if (out.length) yield out;
  }
}

const EMPTY = Buffer.alloc(0);

/** What git says when HEAD has no commit to start from: an empty history, not an error. */
export const NO_COMMITS = /does not have any commits yet|bad (default )?revision 'HEAD'|ambiguous argument 'HEAD'/;
/** What git says outside a repository. */
export const NOT_A_REPOSITORY = /not a git repository/i;

export interface GitLog {
  /** Standard output as it arrives; read from the start, so git never waits for the reader. */
  chunks: AsyncIterable<Buffer>;
  /** The exit code (null when killed). */
  exited: Promise<number | null>;
  stderr(): string;
  kill(): void;
}

/** Starts git with `args`, writing `input` (one commit a line) to its standard input. */
export function startLog(repoDir: string, args: string[], env: NodeJS.ProcessEnv, input?: string[]): GitLog {
  // Into a pipe, git writes each commit as it is done (one system call, one 'data' event here, per
  // commit: 60,000 of each on git/git); GIT_FLUSH=0 lets it fill its buffer first.
  const child = spawn('git', args, { cwd: repoDir, stdio: [input ? 'pipe' : 'ignore', 'pipe', 'pipe'], env: { ...env, GIT_FLUSH: '0' } });
  const { stdout } = child;
  if (!stdout || !child.stderr) throw new Error('git started without its output pipes');
  const stderr: Buffer[] = [];
  child.stderr.on('data', (d: Buffer) => stderr.push(d));
  const exited = new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve(code));
  });
  exited.catch(() => undefined);
  if (input && child.stdin) {
    // git may stop before reading it all (an error it reports on stderr).
    child.stdin.on('error', () => undefined);
    child.stdin.end(input.join('\n') + '\n');
  }
  const queue: Buffer[] = [];
  let next = 0;
  let ended = false;
  let wake: (() => void) | undefined;
  stdout.on('data', (d: Buffer) => {
    queue.push(d);
    wake?.();
  });
  stdout.once('close', () => {
    ended = true;
    wake?.();
  });
  async function* chunks(): AsyncGenerator<Buffer> {
    for (;;) {
      if (next < queue.length) {
        const chunk = queue[next];
        // Let go of what was read.
        queue[next++] = EMPTY;
        yield chunk;
      } else if (ended) {
        return;
      } else {
        await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
      }
    }
  }
  return {
    chunks: chunks(),
    exited,
    stderr: () => Buffer.concat(stderr).toString('utf8').trim(),
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill();
    },
  };
}
