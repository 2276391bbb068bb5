import * as assert from 'assert/strict';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { runCli } from '../../src/cli/main';
import type { JsonProblem } from '../../src/cli/validate';
import { fakeIO } from './helpers/cliIO';
import { tempDir } from './helpers/gitRepo';

const ROOT = path.join(__dirname, '../../..');
const SAMPLE = path.join(ROOT, 'test/fixtures/sample/.mentoring.yml');

const VALID = `version: 1
partners:
  - { id: alice, name: Alice }
  - { id: bob, name: Bob }
partnerships:
  - { id: ab, members: [alice, bob], kind: mutual }
`;

const WITH_ERRORS = `version: 1
partners:
  - { id: alice, name: Alice }
partnerships:
  - { id: ab, members: [alice, bob], kind: mutual }
sessions:
  - { date: 2026-02-30, partnership: ab, status: cancelled }
`;

describe('peer-mentoring validate', () => {
  let dir: string;
  const write = (name: string, text: string) => fs.writeFileSync(path.join(dir, name), text);
  beforeEach(() => {
    dir = tempDir();
  });

  it('checks ./.mentoring.yml by default and exits 0 when clean', async () => {
    write('.mentoring.yml', VALID);
    const io = fakeIO(dir);
    assert.equal(await runCli(['validate'], io), 0);
    assert.equal(io.stdout, '');
    assert.equal(io.stderr, '.mentoring.yml: no problems\n');
  });

  it('prints one line per problem with the file as given, and exits 1 on errors', async () => {
    write('team.yml', WITH_ERRORS);
    const io = fakeIO(dir);
    assert.equal(await runCli(['validate', './team.yml'], io), 1);
    assert.deepEqual(io.stdout.trimEnd().split('\n'), [
      './team.yml:5:32: error: partnership "ab" refers to unknown partner "bob" [unknown-partner]',
      `./team.yml:7:13: error: 'date' in session on 2026-02-30 must be a real date written YYYY-MM-DD (got "2026-02-30") [invalid-date]`,
      "./team.yml:7:50: warning: cancelled session on 2026-02-30 should say why ('reason') [missing-reason]",
    ]);
    assert.equal(io.stderr, './team.yml: 2 errors, 1 warning\n');
  });

  it('exits 0 when there are only warnings', async () => {
    write('.mentoring.yml', VALID + 'teams: []\n');
    const io = fakeIO(dir);
    assert.equal(await runCli(['validate'], io), 0);
    assert.equal(io.stdout, '.mentoring.yml:7:1: warning: unknown key "teams" in the file [unknown-key]\n');
  });

  it('prints the problems as JSON with --json', async () => {
    write('m.yml', WITH_ERRORS);
    const io = fakeIO(dir);
    assert.equal(await runCli(['validate', '--json', 'm.yml'], io), 1);
    const problems = JSON.parse(io.stdout) as JsonProblem[];
    assert.equal(problems.length, 3);
    assert.deepEqual(problems[1], {
      file: 'm.yml',
      line: 7,
      col: 13,
      endLine: 7,
      endCol: 23,
      severity: 'error',
      code: 'invalid-date',
      message: `'date' in session on 2026-02-30 must be a real date written YYYY-MM-DD (got "2026-02-30")`,
    });
    assert.equal(io.stderr, '');

    write('ok.yml', VALID);
    const clean = fakeIO(dir);
    assert.equal(await runCli(['validate', 'ok.yml', '--json'], clean), 0);
    assert.deepEqual(JSON.parse(clean.stdout), []);
  });

  it('reports a merge conflict and a file over 5 MB as errors', async () => {
    write('c.yml', VALID + '<<<<<<< HEAD\n');
    const io = fakeIO(dir);
    assert.equal(await runCli(['validate', 'c.yml'], io), 1);
    assert.match(io.stdout, /^c\.yml:7:1: error: the file has unresolved merge conflicts.*\[merge-conflict\]\n$/);

    write('big.yml', VALID + '#'.repeat(5 * 1024 * 1024) + '\n');
    const big = fakeIO(dir);
    assert.equal(await runCli(['validate', 'big.yml'], big), 1);
    assert.equal(big.stdout, 'big.yml:1:1: error: the file is larger than 5 MB; it was not read [file-too-large]\n');
  });

  it('exits 2 with the reason when the file cannot be read', async () => {
    const io = fakeIO(dir);
    assert.equal(await runCli(['validate', 'missing.yml'], io), 2);
    assert.equal(io.stderr, 'peer-mentoring validate: cannot read missing.yml: no such file\n');
    assert.equal(io.stdout, '');

    const none = fakeIO(dir);
    assert.equal(await runCli(['validate'], none), 2);
    assert.match(none.stderr, /cannot read \.mentoring\.yml: no such file/);

    const folder = fakeIO(dir);
    assert.equal(await runCli(['validate', '.'], folder), 2);
    assert.match(folder.stderr, /cannot read \.: it is a folder, not a file/);
  });

  it('exits 2 on usage errors, 0 with --help', async () => {
    const bad = fakeIO(dir);
    assert.equal(await runCli(['validate', '--strict'], bad), 2);
    assert.match(bad.stderr, /unknown option '--strict'/);

    const two = fakeIO(dir);
    assert.equal(await runCli(['validate', 'a.yml', 'b.yml'], two), 2);
    assert.match(two.stderr, /unexpected argument 'b.yml'/);

    const help = fakeIO(dir);
    assert.equal(await runCli(['validate', '--help'], help), 0);
    assert.match(help.stdout, /^usage: peer-mentoring validate \[FILE\] \[--json\]/);
    assert.match(help.stdout, /Exit status: 0 no errors/);
  });

  it('runs as the built dist/cli.js', () => {
    const cli = path.join(ROOT, 'dist/cli.js');
    assert.ok(fs.existsSync(cli), 'build the CLI first (node esbuild.js)');
    const ok = spawnSync(process.execPath, [cli, 'validate', SAMPLE], { encoding: 'utf8' });
    assert.equal(ok.status, 0, ok.stderr);
    assert.equal(ok.stdout, '');
    assert.equal(ok.stderr, `${SAMPLE}: no problems\n`);

    write('.mentoring.yml', WITH_ERRORS);
    const bad = spawnSync(process.execPath, [cli, 'validate'], { cwd: dir, encoding: 'utf8' });
    assert.equal(bad.status, 1, bad.stderr);
    assert.match(bad.stdout.split('\n')[0], /^\.mentoring\.yml:5:32: error: .* \[unknown-partner\]$/);

    // No value can make a line that a CI runner reads as a workflow command.
    write('.mentoring.yml', 'version: 1\n"##[error]forged": 1\n"::error file=a.ts::x": 2\n');
    const forged = spawnSync(process.execPath, [cli, 'validate'], { cwd: dir, encoding: 'utf8' });
    assert.equal(forged.status, 0, forged.stderr);
    assert.equal(forged.stdout.split('\n').length, 3, forged.stdout);
    for (const line of (forged.stdout + forged.stderr).split('\n')) assert.doesNotMatch(line, /##\[|^\s*::/, line);
    const json = spawnSync(process.execPath, [cli, 'validate', '--json'], { cwd: dir, encoding: 'utf8' });
    assert.doesNotMatch(json.stdout, /##\[/);
    assert.match(JSON.stringify(JSON.parse(json.stdout)), /##\[error\]forged/);

    const missing = spawnSync(process.execPath, [cli, 'validate', 'nope.yml'], { cwd: dir, encoding: 'utf8' });
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /cannot read nope\.yml: no such file/);
  });
});
