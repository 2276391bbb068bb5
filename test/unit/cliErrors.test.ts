/**
 * Bad input and broken repositories through every command: one clear line, exit 1 or 2, never a
 * stack trace, and nothing written.
 */
import * as assert from 'assert/strict';
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { runCli } from '../../src/cli/main';
import { MAX_FILE_BYTES } from '../../src/core/file/parse';
import { fakeIO, freshHome } from './helpers/cliIO';
import { buildRepo, tempDir } from './helpers/gitRepo';

const VALID = `version: 1
partners:
  - { id: alice, name: Alice, emails: [alice@example.com] }
  - { id: bob, name: Bob }
partnerships:
  - { id: alice-bob, members: [alice, bob], kind: mutual, cadence: 14 }
goals:
  - { id: g, partnership: alice-bob, owner: bob, title: T, status: active, paths: ["src/**"] }
sessions:
  - { date: 2026-01-10, partnership: alice-bob, status: held }
`;


async function cli(cwd: string, ...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = fakeIO(cwd, freshHome());
  const code = await runCli(args, io);
  return { code, out: io.stdout, err: io.stderr };
}

/** One line on stderr (or one problem line and one summary), no stack trace. */
function assertOneLine(err: string, what: string): void {
  assert.doesNotMatch(err, /\n\s+at /, `${what}: a stack trace:\n${err}`);
  assert.ok(err.endsWith('\n') && err.split('\n').length <= 3, `${what}: ${JSON.stringify(err)}`);
}

describe('bad input through every command', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDir();
  });

  const commands = (file: string): string[][] => [
    ['validate', file],
    ['log', file, '--partnership', 'alice-bob'],
    ['report', file],
    ['prompts', '--file', file],
    ['suggest', '--file', file],
  ];

  it('a folder, a device, a pipe and a missing file: one line, exit 2, nothing written', async () => {
    execFileSync('git', ['init', '-q'], { cwd: dir });
    fs.mkdirSync(path.join(dir, 'folder.yml'));
    fs.symlinkSync('/dev/zero', path.join(dir, 'zero.yml'));
    const fifo = spawnSync('mkfifo', [path.join(dir, 'fifo.yml')]).status === 0;
    const cases: [string, RegExp][] = [
      ['folder.yml', /it is a folder, not a file/],
      ['zero.yml', /not a regular file/],
      ['missing.yml', /no such file/],
      ...(fifo ? [['fifo.yml', /not a regular file/] as [string, RegExp]] : []),
    ];
    for (const [file, why] of cases) {
      for (const args of commands(file)) {
        const r = await cli(dir, ...args);
        assert.equal(r.code, 2, `${args.join(' ')}: ${r.err}`);
        assert.equal(r.out, '', args.join(' '));
        assert.match(r.err, why, args.join(' '));
        assertOneLine(r.err, args.join(' '));
      }
    }
    assert.deepEqual(fs.readdirSync(dir).sort(), ['.git', 'fifo.yml', 'folder.yml', 'zero.yml'].filter((f) => f !== 'fifo.yml' || fifo));
  });

  it('a file over 5 MB: the same problem line from every command, exit 1, nothing written', async () => {
    execFileSync('git', ['init', '-q'], { cwd: dir });
    const big = path.join(dir, 'big.yml');
    fs.writeFileSync(big, VALID + '#'.repeat(MAX_FILE_BYTES));
    const before = fs.statSync(big).mtimeMs;
    for (const args of commands('big.yml')) {
      const r = await cli(dir, ...args);
      assert.equal(r.code, 1, `${args.join(' ')}: ${r.err}`);
      assert.match(r.out + r.err, /^big\.yml:1:1: error: the file is larger than 5 MB; it was not read \[file-too-large\]$/m, args.join(' '));
    }
    assert.equal(fs.statSync(big).mtimeMs, before);
  });

  it('values that validation now refuses, which made log write and then crash, and report crash', async () => {
    for (const [text, problem] of [
      [VALID.replace('cadence: 14', 'cadence: 100000000000'), /'cadence' in partnership "alice-bob" must be a number of days above 0 and at most 365/],
      [VALID.replace('2026-01-10', '9999-12-31'), /'date' in session on 9999-12-31 must be a date from 1900-01-01 to 2999-12-31/],
    ] as const) {
      fs.writeFileSync(path.join(dir, '.mentoring.yml'), text);
      for (const args of [['validate'], ['report'], ['log', '--partnership', 'alice-bob']]) {
        const r = await cli(dir, ...args);
        assert.equal(r.code, 1, `${args.join(' ')}: ${r.err}`);
        assert.match(r.out + r.err, problem, args.join(' '));
        assert.doesNotMatch(r.err, /\n\s+at /);
      }
      assert.equal(fs.readFileSync(path.join(dir, '.mentoring.yml'), 'utf8'), text);
    }
  });

  it('a repository git cannot read: one line from suggest and prompts, exit 2', async () => {
    const repo = buildRepo([{ author: 'Alice <alice@example.com>', date: '2026-01-05', files: { 'src/a.ts': 'a', '.mentoring.yml': VALID } }]);
    fs.writeFileSync(path.join(repo, 'src/a.ts'), 'changed');
    // The commit's tree is gone: git finds HEAD but fails to read what it changed.
    const tree = execFileSync('git', ['rev-parse', 'HEAD^{tree}'], { cwd: repo, encoding: 'utf8' }).trim();
    fs.rmSync(path.join(repo, '.git', 'objects', tree.slice(0, 2), tree.slice(2)));
    for (const args of [['suggest', '--no-cache'], ['prompts'], ['prompts', '--base', 'main']]) {
      const r = await cli(repo, ...args);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.out}${r.err}`);
      assert.match(r.err, /^peer-mentoring (suggest|prompts): /, args.join(' '));
      assertOneLine(r.err, args.join(' '));
    }
  });

  it('an unknown command or option, named safely', async () => {
    const r = await cli(dir, 'vali\u001b[2Jdate');
    assert.equal(r.code, 2);
    assert.match(r.err, /^peer-mentoring: unknown command "vali\\x1b\[2Jdate"\n/);
    const o = await cli(dir, 'validate', '--x\nforged');
    assert.equal(o.code, 2);
    assert.equal(o.err, "peer-mentoring validate: unknown option '--x\\nforged'\n");
    const proto = await cli(dir, 'constructor');
    assert.equal(proto.code, 2);
    assert.match(proto.err, /unknown command "constructor"/);
  });
});
