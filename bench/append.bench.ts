/**
 * Appending sessions to a large mentoring file (10,000 sessions): each append must stay under
 * 150 ms, and the file's diff must be only the added lines.
 *
 * The first edit of a text reads and checks the whole file; later edits of the text an edit produced
 * re-read only the changed entry, so this reports both.
 *
 *   npm run bench -- --only append [--sessions 10000] [--appends 20]
 */
import * as os from 'os';
import { addSession, clearEditCache, EditResult, setActionDone, updateGoal } from '../src/core/file';
import { Session } from '../src/core/file/model';
import { parseMentoring } from '../src/core/file/parse';
import type { BenchContext } from './';

const TARGET_MS = 150;

function largeFile(sessions: number): string {
  const out = ['# A large team over many years', 'version: 1', 'partners:'];
  for (let i = 0; i < 20; i++) out.push(`  - id: p${i}`, `    name: Partner ${i}`, `    emails: [p${i}@example.com]`, '    strengths: [typescript]');
  out.push('partnerships:');
  for (let i = 0; i < 10; i++) out.push(`  - id: ps${i}`, `    members: [p${2 * i}, p${2 * i + 1}]`, '    kind: mutual', '    cadence: 14');
  out.push('goals:');
  for (let i = 0; i < 30; i++) {
    out.push(`  - id: g${i}`, `    partnership: ps${i % 10}`, `    owner: p${2 * (i % 10)}`, `    title: Goal ${i}`, '    status: active', '    progress: 10');
  }
  out.push('', '# Sessions, oldest first.', 'sessions:');
  for (let s = 0; s < sessions; s++) {
    const p = s % 10;
    out.push(
      `  - date: ${2000 + Math.floor(s / 365) % 26}-${String(1 + (s % 12)).padStart(2, '0')}-${String(1 + (s % 28)).padStart(2, '0')}`,
      `    partnership: ps${p}`,
      '    status: held',
      '    minutes: 45',
      `    goals: [g${p}]`,
      '    notes: |',
      '      Walked through the error middleware.',
      '    actions:',
      `      - who: p${2 * p + 1}`,
      '        what: Read the docs on unhandled rejections',
      '        done: false',
    );
  }
  return out.join('\n') + '\n';
}

function session(i: number): Session {
  return {
    date: '2026-02-10',
    partnership: `ps${i % 10}`,
    status: 'held',
    minutes: 30,
    goals: [`g${i % 10}`],
    notes: `Append ${i}: paired on the parser.\nNext: its error messages.`,
    actions: [{ who: `p${2 * (i % 10)}`, what: 'Write the failing test first', due: '2026-02-24' }],
  };
}

/** Wall-clock and CPU time of `fn` (CPU time is less disturbed by other processes on a busy machine). */
function time<T>(fn: () => T): { ms: number; cpu: number; value: T } {
  const c = process.cpuUsage();
  const t = process.hrtime.bigint();
  const value = fn();
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  const used = process.cpuUsage(c);
  return { ms, cpu: (used.user + used.system) / 1000, value };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const verdict = (ok: boolean): string => (ok ? 'PASS' : 'FAIL');

export async function run(ctx: BenchContext): Promise<void> {
  const sessions = Number(ctx.option('sessions') ?? 10_000);
  const appends = Number(ctx.option('appends') ?? 20);
  const original = largeFile(sessions);
  console.log(`file: ${sessions} sessions, ${(Buffer.byteLength(original) / 1024 / 1024).toFixed(2)} MB, ${original.split('\n').length - 1} lines`);

  const read = time(() => parseMentoring(original));
  console.log(`full read (parse + validate): ${read.ms.toFixed(0)} ms`);

  clearEditCache();
  const first = time(() => addSession(original, session(0)));
  console.log(`first append (reads and checks the whole file): ${first.ms.toFixed(0)} ms`);

  // Lines added and removed by each edit (outside the lines the texts share at both ends).
  const diff = { added: 0, removed: 0, appendRemoved: 0 };
  const count = (before: string, after: string): { added: number; removed: number } => {
    const d = lineDiff(before, after);
    diff.added += d.added;
    diff.removed += d.removed;
    return d;
  };
  diff.appendRemoved += count(original, first.value.text).removed;
  let text = first.value.text;
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 1; i <= appends; i++) {
    const r = time(() => addSession(text, session(i)));
    times.push(r.ms);
    cpu.push(r.cpu);
    diff.appendRemoved += count(text, r.value.text).removed;
    text = r.value.text;
  }
  const med = median(times);
  const max = Math.max(...times);
  console.log(`append, ${appends} times: median ${med.toFixed(1)} ms, max ${max.toFixed(1)} ms (target ≤ ${TARGET_MS} ms)  ${verdict(max <= TARGET_MS)}`);
  console.log(`  CPU time per append: median ${median(cpu).toFixed(1)} ms, max ${Math.max(...cpu).toFixed(1)} ms; load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores`);

  const other: [string, (t: string) => EditResult][] = [
    ['update a goal', (t) => updateGoal(t, 'g3', { progress: 55 })],
    ['tick an action of the first session', (t) => setActionDone(t, { session: 0, action: 0 }, true)],
    ['tick an action of the last session', (t) => setActionDone(t, { session: sessions + appends, action: 0 }, true)],
  ];
  for (const [name, op] of other) {
    const r = time(() => op(text));
    count(text, r.value.text);
    text = r.value.text;
    console.log(`${name}: ${r.ms.toFixed(1)} ms, CPU ${r.cpu.toFixed(1)} ms (target ≤ ${TARGET_MS} ms)  ${verdict(r.ms <= TARGET_MS)}`);
  }

  // The result, read in full: no errors, every session there, and a diff of only the added lines.
  const check = parseMentoring(text);
  const errors = check.problems.filter((p) => p.severity === 'error').length;
  const sessionCount = check.model?.sessions.length ?? 0;
  const valid = errors === 0 && sessionCount === sessions + appends + 1;
  console.log(`result reads with ${errors} errors and ${sessionCount} sessions  ${verdict(valid)}`);
  const perSession = (session(0).notes ?? '').split('\n').length + 10; // the lines of one appended session
  const onlyAdded = diff.appendRemoved === 0 && diff.added - diff.removed === (appends + 1) * perSession + 1;
  console.log(
    `diff of the appends: +${(appends + 1) * perSession} -${diff.appendRemoved} lines; of the other edits: 2 lines changed, 1 added; ` +
      `in all +${diff.added} -${diff.removed}  ${verdict(onlyAdded && diff.removed === 2)}`,
  );
}

/** Lines that differ between two texts, outside the lines they share at the start and at the end. */
function lineDiff(before: string, after: string): { added: number; removed: number } {
  const a = before.split('\n');
  const b = after.split('\n');
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  return { added: b.length - head - tail, removed: a.length - head - tail };
}
