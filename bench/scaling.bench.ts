/**
 * Hostile shapes of the mentoring file grow the work linearly: parse + validate of 20,000 aliases,
 * anchors or keys in one map takes at most 2.5× the time of 10,000 (quadratic handling would take
 * 4×; the `yaml` library's own alias resolution and duplicate-key check are quadratic). And a glob
 * made to backtrack (`?*?*…?*b`) against a path twice as long takes at most 2.5× as long.
 *
 * Each pair is measured in turn (best of several runs, CPU time beside wall-clock), so both sizes see
 * the same conditions on a shared machine.
 */
import * as v8 from 'v8';
import * as vm from 'vm';
import { compileGlobs } from '../src/core/glob';
import { parseMentoring } from '../src/core/file/parse';
import type { BenchContext } from './';

const HEAD = `version: 1
partners:
  - { id: a, name: A }
  - { id: b, name: B }
partnerships:
  - { id: ab, members: [a, b], kind: mutual }
goals:
  - { id: g1, partnership: ab, owner: a, title: T, status: active }
`;

const SHAPES: Record<string, (n: number) => string> = {
  // n sessions that share one list of goals through an alias.
  aliases: (n) => `${HEAD}sessions:\n  - { date: 2026-01-01, partnership: ab, status: held, goals: &gs [g1] }\n${'  - { date: 2026-01-02, partnership: ab, status: held, goals: *gs }\n'.repeat(n)}`,
  // n sessions, each under an anchor of its own, and each of them used once more by an alias.
  anchors: (n) =>
    `${HEAD}sessions:\n${Array.from({ length: n }, (_, i) => `  - &s${i} { date: 2026-01-01, partnership: ab, status: held }\n`).join('')}copies:\n${Array.from({ length: n }, (_, i) => `  - *s${i}\n`).join('')}`,
  // One map with n keys.
  keys: (n) => `${HEAD}extra:\n${Array.from({ length: n }, (_, i) => `  key${i}: ${i}\n`).join('')}`,
};

interface Timing {
  wall: number;
  cpu: number;
}

/** A full garbage collection, so that each run starts from the same heap (the sizes differ in garbage left behind). */
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

function measure(f: () => void): Timing {
  gc();
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  f();
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  const used = process.cpuUsage(cpu);
  return { wall, cpu: (used.user + used.system) / 1000 };
}

/** Best wall-clock and CPU times of `small` and `large`, measured in turn. */
function pair(runs: number, small: () => void, large: () => void): [Timing, Timing] {
  const best: [Timing, Timing] = [
    { wall: Infinity, cpu: Infinity },
    { wall: Infinity, cpu: Infinity },
  ];
  for (let i = 0; i < runs; i++) {
    [small, large].forEach((f, k) => {
      const t = measure(f);
      best[k] = { wall: Math.min(best[k].wall, t.wall), cpu: Math.min(best[k].cpu, t.cpu) };
    });
  }
  return best;
}

function report(label: string, [small, large]: [Timing, Timing]): void {
  const ratio = large.wall / small.wall;
  const cpuRatio = large.cpu / small.cpu;
  console.log(
    `${label}: ${small.wall.toFixed(0)} ms → ${large.wall.toFixed(0)} ms, ${ratio.toFixed(2)}× (CPU ${small.cpu.toFixed(0)} → ${large.cpu.toFixed(0)} ms, ${cpuRatio.toFixed(2)}×) ` +
      `(target ≤ 2.5×) ${Math.min(ratio, cpuRatio) <= 2.5 ? 'OK' : 'SLOW'}`,
  );
}

export async function run(_ctx: BenchContext): Promise<void> {
  for (const [name, make] of Object.entries(SHAPES)) {
    const small = make(10_000);
    const large = make(20_000);
    for (const text of [small, large]) {
      const errors = parseMentoring(text).problems.filter((p) => p.severity === 'error');
      if (errors.length) throw new Error(`${name}: the file should be valid, got ${errors[0].code}: ${errors[0].message}`);
    }
    report(`parse + validate, 10,000 → 20,000 ${name}`, pair(5, () => void parseMentoring(small), () => void parseMentoring(large)));
  }
  // The pattern of the report: `?*` forty times, then `b`, against long names without a `b`.
  const pattern = `${'?*'.repeat(40)}b`;
  const names = (n: number): string[] => Array.from({ length: 2_000 }, (_, i) => `${'a'.repeat(n)}${i}`);
  const short = names(2_000);
  const long = names(4_000);
  const match = (list: string[]) => () => {
    const m = compileGlobs([pattern, `docs/**/${pattern}`]);
    for (const p of list) if (m(p) || m(`docs/x/${p}`)) throw new Error(`${pattern} matched ${p}`);
  };
  report(`glob ${pattern.slice(0, 12)}…b against 2,000 names of 2,000 → 4,000 characters`, pair(5, match(short), match(long)));
}
