/**
 * Reading the mentoring file: parse + validate (the editor does this on every change, debounced),
 * against the `yaml` library's own `parseDocument` of the same text, measured in the same run.
 *
 * Targets: parse + validate within 1.5× of `parseDocument` alone, for a year of a 10-person team
 * (~250 sessions, 70 KB) and for a 1 MB file; an alias bomb (10^12 nodes) refused in under 250 ms.
 */
import { LineCounter, parseDocument } from 'yaml';
import { parseMentoring } from '../src/core/file/parse';
import type { BenchContext } from './';

export function syntheticText(partnerships: number, goalsPer: number, sessionsPer: number): string {
  const out = ['# synthetic mentoring file', 'version: 1', 'partners:'];
  for (let i = 0; i < partnerships * 2; i++) {
    out.push(`  - id: p${i}`, `    name: Partner ${i}`, `    emails: [p${i}@example.com]`, `    strengths: [typescript, testing]`, `    wants: [rust]`);
  }
  out.push('partnerships:');
  for (let i = 0; i < partnerships; i++) {
    out.push(`  - id: ps${i}`, `    members: [p${2 * i}, p${2 * i + 1}]`, i % 2 ? '    kind: mutual' : `    kind: one-way\n    mentor: p${2 * i}`, '    since: 2025-01-06', '    cadence: 14', '    status: active');
  }
  out.push('skills:', '  - id: parser', '    paths: ["src/parser/**"]', 'goals:');
  for (let i = 0; i < partnerships; i++) {
    for (let g = 0; g < goalsPer; g++) {
      out.push(
        `  - id: g${i}-${g}`,
        `    partnership: ps${i}`,
        `    owner: p${2 * i + 1}`,
        `    title: "Goal ${g} of partnership ${i}"`,
        '    skills: [typescript, parser]',
        '    paths: ["src/server/**"]',
        '    prompts: ["Where can this promise reject?"]',
        '    status: active',
        '    progress: 40',
        '    created: 2025-01-06',
        '    reviews:',
        `      - { date: 2025-03-10, by: p${2 * i}, progress: 20, note: "Getting there" }`,
        `      - { date: 2025-06-10, by: p${2 * i}, progress: 40, note: "Handles rejections in handlers" }`,
      );
    }
  }
  out.push('sessions:');
  for (let i = 0; i < partnerships; i++) {
    for (let s = 0; s < sessionsPer; s++) {
      const day = String(1 + (s % 28)).padStart(2, '0');
      const month = String(1 + (s % 12)).padStart(2, '0');
      out.push(
        `  - date: 2025-${month}-${day}`,
        `    partnership: ps${i}`,
        s % 10 === 9 ? '    status: cancelled\n    reason: Off sick' : '    status: held\n    minutes: 45',
        `    goals: [g${i}-${s % goalsPer}]`,
        '    notes: |',
        '      Walked through the error middleware.',
        '    actions:',
        `      - { who: p${2 * i + 1}, what: "Read the Node docs on unhandled rejections", done: false }`,
      );
    }
  }
  return out.join('\n') + '\n';
}

/** Best of `runs` wall-clock times, in ms. */
function best(runs: number, f: () => void): number {
  let min = Infinity;
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    f();
    min = Math.min(min, Number(process.hrtime.bigint() - start) / 1e6);
  }
  return min;
}

function compare(label: string, text: string, runs: number): void {
  let problems = 0;
  // Turn about, so that both see the same conditions (garbage collection, other work on the machine).
  let yaml = Infinity;
  let ours = Infinity;
  for (let i = 0; i < runs; i++) {
    yaml = Math.min(yaml, best(1, () => void parseDocument(text, { schema: 'core', lineCounter: new LineCounter() })));
    ours = Math.min(ours, best(1, () => void (problems = parseMentoring(text).problems.length)));
  }
  const ratio = ours / yaml;
  const size = text.length >= 1 << 20 ? `${(text.length / (1 << 20)).toFixed(1)} MB` : `${(text.length / 1024).toFixed(0)} KB`;
  console.log(
    `${label} (${size}, ${problems} problems): ${ours.toFixed(1)} ms, yaml parseDocument alone ${yaml.toFixed(1)} ms, ` +
      `${ratio.toFixed(2)}× (target < 1.5×) ${ratio < 1.5 ? 'OK' : 'SLOW'}`,
  );
}

export async function run(_ctx: BenchContext): Promise<void> {
  const year = syntheticText(5, 3, 50);
  parseMentoring(year); // warm up
  compare('a year of 10 people, 250 sessions', year, 10);
  compare('years of a 60-pair team', syntheticText(30, 6, 100), 3);
  const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
  for (let i = 1; i < 12; i++) levels.push(`l${i}: &l${i} [${Array(10).fill(i === 1 ? '*a' : `*l${i - 1}`).join(', ')}]`);
  const bomb = `version: 1\n${levels.join('\n')}\n`;
  let code = '';
  const ms = best(5, () => void (code = parseMentoring(bomb).problems[0]?.code ?? ''));
  console.log(`alias bomb (10^12 nodes): refused as ${code} in ${ms.toFixed(1)} ms (target < 250 ms) ${code === 'alias-limit' && ms < 250 ? 'OK' : 'SLOW'}`);
}
