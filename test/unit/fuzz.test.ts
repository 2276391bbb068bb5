/**
 * Hostile mentoring files, generated: the fixtures mutated (seeded, so a failure can be replayed)
 * by deleting, repeating, swapping and re-indenting lines, cutting the file short, and putting in
 * the text an adversary would write: command links, icon syntax, terminal escapes, forged CI
 * annotations, anchors and aliases, keys named like Object members, absurd numbers and dates, tabs,
 * lone carriage returns, bytes that are not UTF-8. For each file, through the CLI (in-process) and
 * the core that the extension's views use:
 *
 * - nothing throws, and every command exits 0 or 1;
 * - every position reported exists in the file;
 * - no output line holds a control character (so none can forge a line or drive a terminal);
 * - `log` leaves the file either byte-for-byte as it was or valid with the new session.
 */
import * as assert from 'assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCli } from '../../src/cli/main';
import type { JsonProblem } from '../../src/cli/validate';
import { healthOf } from '../../src/core/mentoring/cadence';
import { evidenceGoals } from '../../src/core/review/evidence';
import type { MentoringFile } from '../../src/core/file/model';
import { decodeUtf8, parseMentoring } from '../../src/core/file/parse';
import { LineIndex } from '../../src/core/file/positions';
import { promptsForChanges } from '../../src/core/review/prompts';
import { dueReminders, emptyReminderState } from '../../src/core/mentoring/reminders';
import { buildReport, renderReportMarkdown } from '../../src/core/mentoring/report';
import { buildReviewData } from '../../src/core/mentoring/reviewData';
import { statusLine } from '../../src/core/view/statusLine';
import { hasControls } from '../../src/core/text';
import { buildTree } from '../../src/core/view/treeModel';
import { fakeIO } from './helpers/cliIO';
import { prng } from './helpers/prng';

const FIXTURES = path.join(__dirname, '../../../test/fixtures');
const SEEDS = ['sample/.mentoring.yml', 'workspace/.mentoring.yml', ...fs.readdirSync(path.join(FIXTURES, 'edit')).filter((f) => f.endsWith('.yml')).map((f) => `edit/${f}`)].map((f) =>
  fs.readFileSync(path.join(FIXTURES, f)),
);

/** How many files: a few thousand, well under a minute on a quiet machine. */
const FILES = Number(process.env.PM_FUZZ_FILES ?? 2000);
const SEED = Number(process.env.PM_FUZZ_SEED ?? 2026);

const HOSTILE = [
  'Bob [settings](command:workbench.action.openSettings)',
  '[x](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22rm%20-rf%20~%5Cn%22%7D)',
  '$(bug) $(zap) $(sync~spin)',
  '\u001b[31mred\u001b]8;;https://evil.example\u0007link\u001b]8;;\u0007',
  '\n::error file=src/a.ts,line=1::forged\n',
  'x.yml:1:1: error: forged [forged]',
  '\u202eexe.txt\u2066',
  '\r',
  '\t',
  '\u0000',
  '\u2028',
  '\ufeff',
  '&a ',
  '*a',
  '&a [*a]',
  '<<: *a',
  'constructor: 1',
  '__proto__: {}',
  'toString:',
  'hasOwnProperty: [x]',
  'valueOf: { a: 1 }',
  '100000000000',
  '1e400',
  '-.inf',
  '.nan',
  '9999-12-31',
  '0000-01-01',
  '2026-02-30',
  '!!binary aGVsbG8=',
  '!custom x',
  '%YAML 1.1\n---\n',
  '---\n',
  '...\n',
  '? [a]\n: b\n',
  '|\n  block\n',
  '>-\n  folded\n',
  '"unterminated',
  "'also",
  '{',
  '[',
  '}',
  ']',
  '- ',
  ': ',
  '#',
  '<<<<<<< HEAD\n',
  '=======\n',
  'module:src',
  '"?*?*?*?*?*?*?*?*?*?*b"',
  '"@(a|b)"',
  'é',
  '🙂',
];

/** Byte strings that are not UTF-8. */
const BAD_BYTES = [Buffer.from([0xe9]), Buffer.from([0xc3]), Buffer.from([0xff, 0xfe]), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from([0xf4, 0x90, 0x80, 0x80])];

/** Keys whose values are free text: hostile text quoted there keeps the file valid. */
const TEXT_KEY = /^(\s*(?:- )?(?:name|title|notes|note|reason|what|description): )(.*)$/;

function mutate(random: () => number, source: Buffer): Buffer {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  let bytes = source;
  const rounds = random() < 0.5 ? 1 : 1 + Math.floor(random() * 3);
  for (let r = 0; r < rounds; r++) {
    const lines = bytes.toString('latin1').split('\n');
    const at = Math.floor(random() * lines.length);
    const kind = random();
    const textLines = lines.map((l, i) => (TEXT_KEY.test(l) ? i : -1)).filter((i) => i >= 0);
    if (kind < 0.45 && textLines.length) {
      // Hostile text as a quoted value of a text field: the file stays valid, the text reaches every output.
      const i = pick(textLines);
      const m = TEXT_KEY.exec(lines[i]) as RegExpExecArray;
      const value = random() < 0.5 ? pick(HOSTILE) : `${m[2].replace(/^["']|["']$/g, '')} ${pick(HOSTILE)}`;
      lines[i] = m[1] + Buffer.from(JSON.stringify(value), 'utf8').toString('latin1');
    } else if (kind < 0.6) {
      // Put hostile text into a line: at its end, after its colon, or replacing its value.
      const line = lines[at];
      const text = Buffer.from(pick(HOSTILE), 'utf8').toString('latin1');
      const colon = line.indexOf(': ');
      const where = random();
      lines[at] = where < 0.4 && colon >= 0 ? line.slice(0, colon + 2) + text : where < 0.7 ? line + text : line.slice(0, Math.floor(random() * (line.length + 1))) + text;
    } else if (kind < 0.68) {
      lines.splice(at, 1);
    } else if (kind < 0.74) {
      lines.splice(at, 0, lines[Math.floor(random() * lines.length)]);
    } else if (kind < 0.78) {
      const other = Math.floor(random() * lines.length);
      [lines[at], lines[other]] = [lines[other], lines[at]];
    } else if (kind < 0.84) {
      lines[at] = ' '.repeat(Math.floor(random() * 4)) + lines[at].trimStart();
    } else if (kind < 0.87) {
      lines.length = Math.max(1, at);
    } else if (kind < 0.94) {
      // A new key line somewhere, with a hostile name or value.
      lines.splice(at, 0, `${' '.repeat(2 * Math.floor(random() * 3))}${pick(['constructor', '__proto__', 'toString', 'notes', 'name', 'cadence', 'date', 'paths'])}: ${Buffer.from(pick(HOSTILE), 'utf8').toString('latin1')}`);
    } else {
      const joined = Buffer.from(lines.join('\n'), 'latin1');
      const cut = Math.floor(random() * (joined.length + 1));
      bytes = Buffer.concat([joined.subarray(0, cut), pick(BAD_BYTES), joined.subarray(cut)]);
      continue;
    }
    bytes = Buffer.from(lines.join('\n'), 'latin1');
  }
  return bytes;
}

/** Every line of a command's output, checked for control characters. */
function assertClean(output: string, what: string): void {
  for (const line of output.split('\n')) assert.ok(!hasControls(line), `${what}: control character in ${JSON.stringify(line)}`);
}

/** What the extension's views and the CLI's reports compute from a model: none of it may throw. */
function useModel(model: MentoringFile): void {
  const today = '2026-03-10';
  const me = model.partners[0]?.id;
  for (const p of model.partnerships) {
    healthOf(model, p, today, { me });
    buildReviewData(model, p.id, today);
    evidenceGoals(model, p.id);
  }
  renderReportMarkdown(buildReport(model, today, { me }));
  dueReminders(model, emptyReminderState(), today, me);
  statusLine([{ folder: 'f', file: model, me }], today);
  buildTree({ folders: [{ key: 'f', name: 'f', missing: false, model, hasErrors: false, me }], today, trusted: true });
  const paths = ['src/a.ts', `src/${'a'.repeat(300)}`, 'migrations/001_payment.sql', 'README.md', ...model.skills.flatMap((s) => s.paths.map((p) => p.replace(/\*+/g, 'x')))];
  promptsForChanges(
    paths.map((p) => ({ path: p, status: 'modified' })),
    model,
    { me },
  );
}

describe('hostile mentoring files (seeded fuzz)', () => {
  let dir: string;
  before(() => {
    // A memory file system where there is one: thousands of writes, each flushed to disk, are slow on a real one.
    const base = fs.existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir();
    dir = fs.mkdtempSync(path.join(base, 'pm-fuzz-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it(`${FILES} mutated files: no crash, exit 0 or 1, positions inside the file, clean output, log leaves the file valid or untouched`, async function () {
    this.timeout(600_000);
    const random = prng(SEED);
    const file = path.join(dir, '.mentoring.yml');
    const tally = { files: 0, withErrors: 0, logged: 0, refused: 0, invalidUtf8: 0, positions: 0, agendas: 0 };
    for (let n = 0; n < FILES; n++) {
      const bytes = mutate(random, SEEDS[n % SEEDS.length]);
      const replay = `file ${n} (PM_FUZZ_SEED=${SEED}): ${JSON.stringify(bytes.toString('latin1').slice(0, 2000))}`;
      fs.writeFileSync(file, bytes);
      const { text, problem } = decodeUtf8(bytes);
      if (problem) tally.invalidUtf8++;
      const lines = new LineIndex(text);
      tally.files++;

      // validate --json: every position exists in the file
      const json = fakeIO(dir);
      const jsonCode = await runCli(['validate', '--json'], json);
      assert.ok(jsonCode === 0 || jsonCode === 1, `validate --json exited ${jsonCode}: ${json.stderr}\n${replay}`);
      const problems = JSON.parse(json.stdout) as JsonProblem[];
      for (const p of problems) {
        tally.positions++;
        const start = { line: p.line, col: p.col };
        const end = { line: p.endLine, col: p.endCol };
        assert.ok(lines.contains(start) && lines.contains(end), `${p.line}:${p.col}-${p.endLine}:${p.endCol} outside the file (${p.code}: ${p.message})\n${replay}`);
      }
      assertClean(json.stdout, 'validate --json');
      if (jsonCode === 1) tally.withErrors++;

      // validate: one problem is exactly one line
      const plain = fakeIO(dir);
      assert.equal(await runCli(['validate'], plain), jsonCode, replay);
      const out = plain.stdout.split('\n').filter(Boolean);
      assert.equal(out.length, problems.length, replay);
      for (const line of out) assert.match(line, /^\.mentoring\.yml:\d+:\d+: (error|warning): .* \[[a-z0-9-]+\]$/, replay);
      assertClean(plain.stdout + plain.stderr, 'validate');

      // report, both ways
      for (const args of [['report', '--today', '2026-03-10'], ['report', '--json', '--today', '2026-03-10']]) {
        const io = fakeIO(dir);
        const code = await runCli(args, io);
        assert.ok(code === 0 || code === 1, `${args.join(' ')} exited ${code}: ${io.stderr}\n${replay}`);
        assert.equal(code, jsonCode === 1 ? 1 : 0, `${args.join(' ')}\n${replay}`);
        assertClean(io.stdout + io.stderr, args.join(' '));
        if (args.includes('--json') && code === 0) JSON.parse(io.stdout);
      }

      // the views' computations
      const parsed = parseMentoring(text);
      if (parsed.model) useModel(parsed.model);

      // agenda for every eighth file, as Markdown and as JSON in turn (each run asks git about the folder)
      if (n % 8 === 0) {
        const first = parsed.model?.partnerships[0]?.id ?? 'nobody-here';
        for (const args of [[...(n % 16 ? ['--json'] : []), '--partnership', first, '--today', '2026-03-10']].map((a) => ['agenda', ...a])) {
          const io = fakeIO(dir);
          const code = await runCli(args, io);
          assert.ok(code === 0 || code === 1, `${args.join(' ')} exited ${code}: ${io.stderr}\n${replay}`);
          assertClean(io.stdout + io.stderr, args.join(' '));
          if (code !== 0) continue;
          tally.agendas++;
          if (args.includes('--json')) JSON.parse(io.stdout);
          else assert.doesNotMatch(io.stdout, /(^|[^\\])\]\(|(^|[^\\])</m, `agenda Markdown with a link or HTML\n${replay}`);
        }
      }

      // log: valid with the new session, or untouched
      const ids = parsed.model?.partnerships.map((p) => p.id) ?? [];
      const partnership = ids.length && random() < 0.8 ? ids[Math.floor(random() * ids.length)] : 'nobody-here';
      const log = fakeIO(dir);
      const logCode = await runCli(['log', '--partnership', partnership, '--date', '2026-03-01', '--notes', 'fuzz [x](command:y) $(bug)\n::error::z'], log);
      assert.ok(logCode === 0 || logCode === 1, `log exited ${logCode}: ${log.stderr}\n${replay}`);
      assertClean(log.stdout + log.stderr, 'log');
      const after = fs.readFileSync(file);
      if (logCode === 1) {
        tally.refused++;
        assert.deepEqual(after, bytes, `log refused but changed the file\n${replay}`);
        assert.equal(log.stdout, '', replay);
      } else {
        tally.logged++;
        const reread = parseMentoring(after.toString('utf8'));
        assert.deepEqual(
          reread.problems.filter((p) => p.severity === 'error'),
          [],
          `log wrote a file with errors\n${replay}`,
        );
        assert.equal(reread.model?.sessions.at(-1)?.partnership, partnership, replay);
        assert.match(log.stdout, /^Logged held session of /, replay);
      }
      assert.deepEqual(fs.readdirSync(dir), ['.mentoring.yml'], `a lock or temporary file was left behind\n${replay}`);
    }
    // The mutations reach every path: clean files, files with errors, logs written and refused.
    assert.ok(tally.withErrors > FILES / 10 && tally.withErrors < FILES, JSON.stringify(tally));
    assert.ok(tally.logged > FILES / 20 && tally.refused > FILES / 10, JSON.stringify(tally));
    assert.ok(tally.invalidUtf8 > 0 && tally.positions > FILES, JSON.stringify(tally));
    assert.ok(tally.agendas > FILES / 80, JSON.stringify(tally));
    console.log(`      ${JSON.stringify(tally)}`);
  });
});
