/**
 * A long history read by two `git log` processes at once, from both ends.
 *
 * `git rev-list` lists the commits (newest first). While it is still listing, one `git log` already
 * reads the newest commits it has listed; once the list is whole, a second reads forward from the
 * oldest. Each works through pieces of the list (`git log --no-walk=unsorted --stdin`, a piece's
 * commits given oldest first) and takes the next piece from its end of what is left, so the two
 * meet wherever the work balances: git's cost per commit grows with the size of the tree, and on
 * git/git the newer half of the commits costs git about twice the older half. Pieces shrink as
 * the unread part does, so neither process waits long for the other at the end.
 *
 * Measured on git/git (60,750 commits), the read alone: 3.7–3.9 s, against 4.2–4.5 s for two
 * processes over fixed halves started after the list, and 5.0–7.5 s for pieces of 2,000 commits.
 *
 * The forward pieces are read as they arrive; the backward ones wait in memory (git's raw output,
 * about 11 MB for all of git/git) and are read after them, newest last, so the records and their
 * order are those of one `git log --reverse`.
 */
import type { GitLog } from './logRecords';

/** The reader asks for one plain `git log` instead: the history is short, or git could not list it. */
export const WHOLE = Symbol('whole');

export interface PieceOptions {
  /** From this many commits the history is read in pieces; below it, {@link WHOLE}. */
  splitFrom: number;
  /** Starts `git log` over `commits`, given oldest first. */
  start(commits: string[]): GitLog;
}

/**
 * Piece sizes, in units of `splitFrom` (10,000 commits by default). Each piece costs git a fresh
 * start (its caches warm again: about 0.15 s of CPU on git/git), so pieces are few: the first,
 * taken while the list is still coming, is 1.5 units; then each takes half of what is left, at
 * least 1 unit and at most {@link MAX_PIECE} (git's memory grows with the commits one process
 * reads: about 10 KB each on git/git).
 */
const FIRST_PIECE = 1.5;
const MAX_PIECE = 5;

export class PieceReader {
  /** The listed commits, newest first. */
  private readonly hashes: string[] = [];
  private listed = false;
  private failed = false;
  private killed = false;
  /** Pieces read forward from the oldest commit, in order. */
  private readonly forward: GitLog[] = [];
  /** Pieces read backward from the newest commit, in the order they were taken (newest first). */
  private readonly backward: GitLog[] = [];
  private forwardTaken = 0;
  private backwardTaken = 0;
  private forwardRunning = false;
  private backwardRunning = false;
  private forwardRead = 0;
  private backwardRead = 0;
  private waiters: (() => void)[] = [];
  private readonly minPiece: number;
  private readonly maxPiece: number;

  constructor(
    private readonly list: GitLog,
    private readonly options: PieceOptions,
  ) {
    this.minPiece = options.splitFrom;
    this.maxPiece = Math.ceil(options.splitFrom * MAX_PIECE);
    this.readList().catch(() => {
      this.failed = true;
      this.changed();
    });
  }

  /** The next piece to read, in the order of `git log --reverse`; {@link WHOLE}; or undefined when all are read. */
  async next(): Promise<GitLog | typeof WHOLE | undefined> {
    for (;;) {
      if (this.killed) return undefined;
      if (this.failed || this.short()) {
        this.stopPieces();
        return WHOLE;
      }
      if (this.forwardRead < this.forward.length) return this.forward[this.forwardRead++];
      if (this.listed && this.rest() === 0) {
        if (this.backwardRead >= this.backward.length) return undefined;
        return this.backward[this.backward.length - 1 - this.backwardRead++];
      }
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  /** Stops git, the listing and every piece. */
  kill(): void {
    this.killed = true;
    this.list.kill();
    this.stopPieces();
    this.changed();
  }

  private stopPieces(): void {
    for (const log of [...this.forward, ...this.backward]) log.kill();
  }

  /** The whole list is too short to split (and no piece was started while it came). */
  private short(): boolean {
    return this.listed && this.hashes.length < this.options.splitFrom && this.backwardTaken === 0;
  }

  private rest(): number {
    return this.hashes.length - this.forwardTaken - this.backwardTaken;
  }

  private async readList(): Promise<void> {
    let partial = '';
    for await (const chunk of this.list.chunks) {
      const lines = (partial + chunk.toString('latin1')).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) if (line) this.hashes.push(line);
      this.schedule();
    }
    if (partial) this.hashes.push(partial);
    if ((await this.list.exited) !== 0) this.failed = true;
    this.listed = true;
    this.schedule();
    this.changed();
  }

  private changed(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }

  /** Starts a piece at each end that has no git running, as far as the list allows. */
  private schedule(): void {
    if (this.killed || this.failed) return;
    if (!this.listed) {
      // Until the list is whole only its newest end is known, and only a long list is split.
      if (this.backwardRunning || this.hashes.length < this.options.splitFrom) return;
      const size = this.backwardTaken === 0 ? Math.ceil(this.minPiece * FIRST_PIECE) : Math.min(this.maxPiece, Math.max(this.minPiece, Math.ceil(this.backwardTaken / 2)));
      if (this.rest() >= size) this.take('backward', size);
      return;
    }
    if (this.short()) return;
    if (!this.forwardRunning && this.rest() > 0) this.take('forward', this.pieceSize());
    if (!this.backwardRunning && this.rest() > 0) this.take('backward', this.pieceSize());
  }

  /** Half of what is left (within the limits), or all of it when less than a piece would remain. */
  private pieceSize(): number {
    const rest = this.rest();
    const size = Math.min(this.maxPiece, Math.max(this.minPiece, Math.ceil(rest / 2)));
    return rest - size < this.minPiece ? rest : size;
  }

  private take(end: 'forward' | 'backward', size: number): void {
    const n = this.hashes.length;
    // The list is newest first; git is given each piece oldest first.
    const [from, to] = end === 'forward' ? [n - this.forwardTaken - size, n - this.forwardTaken] : [this.backwardTaken, this.backwardTaken + size];
    const log = this.options.start(this.hashes.slice(from, to).reverse());
    if (end === 'forward') {
      this.forwardTaken += size;
      this.forwardRunning = true;
      this.forward.push(log);
    } else {
      this.backwardTaken += size;
      this.backwardRunning = true;
      this.backward.push(log);
    }
    const done = (): void => {
      if (end === 'forward') this.forwardRunning = false;
      else this.backwardRunning = false;
      this.schedule();
      this.changed();
    };
    log.exited.then(done, done);
    this.changed();
  }
}
