/**
 * The one reader of `git log -z --name-status` records, shared by the history analysis
 * (`history.ts`) and the review history (`reviewHistory.ts`), which differ only in their header
 * fields. A record is `\x01` and the header fields, each ended by NUL, then a newline and, per file,
 * `STATUS\0path\0` (`R`/`C`: `STATUS\0old\0new\0`). Paths arrive verbatim, whatever they hold.
 */
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
