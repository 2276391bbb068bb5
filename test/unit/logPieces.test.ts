import * as assert from 'assert';
import { execFileSync } from 'child_process';
import { CommitRecord, gitHistorySource, ReadCommitsOptions } from '../../src/git/history';
import { PieceReader, WHOLE } from '../../src/git/logPieces';
import type { GitLog } from '../../src/git/logRecords';
import { git, initRepo } from './helpers/gitRepo';
import { prng } from './helpers/prng';

/** A git process under the test's control: it writes what the test pushes and exits when told. */
class FakeLog implements GitLog {
  killed = false;
  private readonly queue: Buffer[] = [];
  private ended = false;
  private wake?: () => void;
  private resolveExit!: (code: number | null) => void;
  readonly exited = new Promise<number | null>((resolve) => (this.resolveExit = resolve));
  readonly chunks: AsyncIterable<Buffer> = this.read();

  constructor(readonly commits: string[] = []) {}
  private async *read(): AsyncGenerator<Buffer> {
    for (;;) {
      const chunk = this.queue.shift();
      if (chunk) yield chunk;
      else if (this.ended) return;
      else await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }
  push(text: string): void {
    this.queue.push(Buffer.from(text, 'latin1'));
    this.wake?.();
  }
  exit(code: number | null): void {
    this.ended = true;
    this.wake?.();
    this.resolveExit(code);
  }
  stderr(): string {
    return '';
  }
  kill(): void {
    this.killed = true;
    this.exit(null);
  }
}

const hash = (i: number): string => `c${String(i).padStart(5, '0')}`;
/** `n` commits as `git rev-list` lists them: newest first. */
const listed = (n: number): string[] => Array.from({ length: n }, (_, i) => hash(n - 1 - i));
const turns = async (n = 20): Promise<void> => {
  for (let i = 0; i < n; i++) await new Promise((r) => setImmediate(r));
};

/** A reader over a list the test feeds, with the pieces it starts (splitFrom 10). */
function pieceReader(): { list: FakeLog; started: FakeLog[]; reader: PieceReader } {
  const list = new FakeLog();
  const started: FakeLog[] = [];
  const reader = new PieceReader(list, {
    splitFrom: 10,
    start: (commits) => {
      const log = new FakeLog(commits);
      started.push(log);
      return log;
    },
  });
  return { list, started, reader };
}

describe('reading a long history in pieces', () => {
  it('starts on the newest commits while the list is still coming, then reads every commit once, oldest first', async () => {
    const { list, started, reader } = pieceReader();
    const all = listed(200);
    list.push(all.slice(0, 12).join('\n') + '\n');
    await turns();
    assert.strictEqual(started.length, 0, 'a first piece is 15 commits: not yet listed');
    list.push(all.slice(12, 40).join('\n') + '\nc001'); // a line cut in two
    await turns();
    assert.strictEqual(started.length, 1);
    assert.deepStrictEqual(started[0].commits, all.slice(0, 15).reverse(), 'the newest 15, oldest first');
    list.push(all[40].slice(4) + '\n' + all.slice(41).join('\n'));
    list.exit(0);
    await turns();
    // The list is whole: a piece from the oldest end starts beside the running one.
    assert.strictEqual(started.length, 2);
    assert.deepStrictEqual(started[1].commits, all.slice(-50).reverse(), 'half of the 185 left, at most 5 × splitFrom, from the oldest');

    // Every piece exits as soon as it is started from now on; the reader hands them out in order.
    started[0].exit(0);
    started[1].exit(0);
    const order: string[] = [];
    for (;;) {
      const piece = await reader.next();
      assert.notStrictEqual(piece, WHOLE);
      if (!piece) break;
      const log = piece as FakeLog;
      log.exit(0);
      await turns(2);
      for (const s of started) if (s !== log) s.exit(0);
      order.push(...log.commits);
    }
    assert.deepStrictEqual(order, [...all].reverse());
    assert.ok(started.length >= 4 && started.length <= 8, `${started.length} pieces`);
    assert.ok(started.every((s) => s.commits.length >= 10), 'no piece under splitFrom commits');
  });

  it('asks for one plain git log when the history is short, and starts nothing', async () => {
    const { list, started, reader } = pieceReader();
    list.push(listed(9).join('\n') + '\n');
    list.exit(0);
    assert.strictEqual(await reader.next(), WHOLE);
    assert.deepStrictEqual(started, []);
  });

  it('stops the pieces it started and asks for one plain git log when the list fails', async () => {
    const { list, started, reader } = pieceReader();
    list.push(listed(30).join('\n') + '\n');
    await turns();
    assert.strictEqual(started.length, 1);
    list.exit(128);
    assert.strictEqual(await reader.next(), WHOLE);
    assert.ok(started[0].killed);
  });

  it('kills the list and every piece when stopped', async () => {
    const { list, started, reader } = pieceReader();
    list.push(listed(30).join('\n') + '\n');
    await turns();
    const waiting = reader.next();
    reader.kill();
    assert.strictEqual(await waiting, undefined);
    assert.ok(list.killed);
    assert.ok(started.length === 1 && started[0].killed);
  });
});

describe('history read in pieces by real git', () => {
  let repo: string;
  before(() => {
    // 400 commits (a merged side branch, renames, deletions, odd names) by git fast-import.
    repo = initRepo();
    const rand = prng(7);
    const names = ['Ada <ada@example.com>', 'Bob <bob@example.com>', 'Cy <cy@example.com>', 'dependabot[bot] <bot@example.com>'];
    const main: string[] = [];
    let side: string[] = [];
    let stream = '';
    let t = 1_600_000_000;
    const data = (s: string): string => `data ${Buffer.byteLength(s)}\n${s}\n`;
    const q = (path: string): string => JSON.stringify(path);
    for (let n = 1; n <= 400; n++) {
      t += 3600;
      const who = names[Math.floor(rand() * names.length)];
      const branch = n > 150 && n <= 200 ? 'refs/heads/side' : 'refs/heads/main';
      // The side branch starts from main's files; what it adds stays there (the merge keeps main's tree).
      if (n === 151) side = [...main];
      const files = branch === 'refs/heads/side' ? side : main;
      let ops = '';
      const r = rand();
      if (files.length > 5 && r < 0.1) {
        const i = Math.floor(rand() * files.length);
        const to = `moved/${n}-${files[i].split('/').pop()}`;
        ops += `R ${q(files[i])} ${q(to)}\n`;
        files[i] = to;
      } else if (files.length > 5 && r < 0.15) {
        ops += `D ${q(files.splice(Math.floor(rand() * files.length), 1)[0])}\n`;
      } else {
        const path = rand() < 0.4 || files.length === 0 ? `src/${n % 7}/f ${n}\tx.ts` : files[Math.floor(rand() * files.length)];
        if (!files.includes(path)) files.push(path);
        ops += `M 100644 inline ${q(path)}\n${data(`v${n}`)}`;
      }
      const from = n === 151 ? 'from refs/heads/main\n' : n === 201 ? 'merge refs/heads/side\n' : '';
      stream += `commit ${branch}\nauthor ${who} ${t} +0000\ncommitter ${who} ${t} +0000\n${data(`commit ${n}`)}${from}${ops}\n`;
    }
    execFileSync('git', ['fast-import', '--quiet'], { cwd: repo, input: stream });
    git(repo, ['checkout', '-q', 'main']);
  });

  async function read(opts: ReadCommitsOptions): Promise<CommitRecord[]> {
    const out: CommitRecord[] = [];
    for await (const c of gitHistorySource(repo).readCommits(opts)) out.push(c);
    return out;
  }

  it('gives the records, in the order, of one git log --reverse', async () => {
    const middle = git(repo, ['rev-list', '--skip=120', '-1', 'HEAD']).trim();
    for (const opts of [{}, { maxCommits: 250 }, { since: '2020-09-20' }, { range: `${middle}..HEAD` }, { renames: 'exact' as const }]) {
      const one = await read({ ...opts, splitFrom: Infinity });
      assert.ok(one.length > 40, JSON.stringify(opts));
      for (const splitFrom of [7, 30, 90]) {
        const progress: number[] = [];
        const pieces = await read({ ...opts, splitFrom, onCommit: (n) => progress.push(n) });
        assert.deepStrictEqual(pieces, one, JSON.stringify({ ...opts, splitFrom }));
        assert.strictEqual(progress.length, one.length);
      }
    }
  });
});
