import * as assert from 'assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { runCli } from '../../src/cli/main';
import { fakeIO } from './helpers/cliIO';
import { ANN_AND_BOB, cliRepo } from './helpers/cliRepo';
import type { CliRepo } from './helpers/cliRepo';
import { tempDir } from './helpers/gitRepo';

const FILE = `${ANN_AND_BOB}skills:
  - id: server
    name: Server
    paths: ["server/**"]
goals:
  - id: async-errors
    partnership: ann-bob
    owner: bob
    title: Handle async errors confidently
    paths: ["server/errors/**"]
    prompts:
      - Is every rejected promise handled or passed on?
    status: active
  - id: test-first
    partnership: ann-bob
    owner: ann
    title: Write the failing test first
    skills: [tests]
    status: proposed
  - id: done
    partnership: ann-bob
    owner: ann
    title: An achieved goal
    paths: ["**"]
    status: achieved
`;

describe('peer-mentoring prompts', () => {
  let repo: CliRepo;
  let dir: string;
  const write = (p: string, content: string): void => repo.write(p, content);

  beforeEach(() => {
    repo = cliRepo({ name: 'Ann Lee', email: 'ANN@example.com' }, { '.mentoring.yml': FILE, 'server/errors/handler.ts': 'export function handle() {}\n', 'docs/guide.md': '# Guide\n' });
    dir = repo.dir;
  });

  it('lists the goals and questions of each changed file, with the user found by git email', async () => {
    write('server/errors/handler.ts', 'export function handle() {}\nexport function retry() {}\n');
    write('test/handler.test.ts', 'it("retries", () => {});\n');
    write('docs/guide.md', '# Guide\n\nMore.\n');
    const io = fakeIO(dir);
    assert.equal(await runCli(['prompts'], io), 0);
    assert.equal(io.stderr, '');
    assert.equal(
      io.stdout,
      [
        '2 of 3 changed files against HEAD touch open mentoring goals.',
        '',
        'server/errors/handler.ts:2',
        "  Handle async errors confidently [async-errors] (Bob Stone's goal; mentor: Ann Lee; in its paths; you mentor it)",
        '    - Is every rejected promise handled or passed on?',
        '    - Where could a rejected promise or an `undefined` slip through unhandled?',
        '    - Could any type here be narrower, so the compiler catches the next mistake?',
        '',
        'test/handler.test.ts:1',
        "  Write the failing test first [test-first] (Ann Lee's goal; mentor: Bob Stone; skills: tests; your goal)",
        '    - Which case would fail first if this broke?',
        '    - Does each test name say which behaviour it protects?',
        '    - Could this test pass or fail by timing, order or the network rather than the code?',
        '',
        '1 other changed file touches no open goal.',
        '',
      ].join('\n'),
    );
  });

  it('prints JSON for CI, with --me and --max', async () => {
    write('server/errors/handler.ts', 'changed\n');
    const io = fakeIO(dir);
    assert.equal(await runCli(['prompts', '--json', '--me', 'bob', '--max', '1'], io), 0);
    const json = JSON.parse(io.stdout) as unknown;
    assert.deepEqual(json, [
      {
        path: 'server/errors/handler.ts',
        status: 'modified',
        firstChangedLine: 1,
        goals: [
          {
            id: 'async-errors',
            title: 'Handle async errors confidently',
            status: 'active',
            owner: 'bob',
            ownerName: 'Bob Stone',
            mentors: ['ann'],
            partnership: 'ann-bob',
            role: 'author',
            matchedBy: 'paths',
            skills: [],
            prompts: ['Is every rejected promise handled or passed on?'],
          },
        ],
      },
    ]);
  });

  it('compares a branch with --base, from a subfolder, with the file named by --file', async () => {
    repo.git('checkout', '-qb', 'feature');
    repo.commit('retry', { 'server/errors/retry.ts': 'export const retry = 1;\n' });
    write('docs/guide.md', 'uncommitted, not part of the branch\n');
    fs.renameSync(path.join(dir, '.mentoring.yml'), path.join(dir, 'team.yml'));
    const io = fakeIO(path.join(dir, 'docs'));
    assert.equal(await runCli(['prompts', '--base', 'main', '--file', '../team.yml', '--json'], io), 0);
    assert.equal(io.stderr, '');
    const json = JSON.parse(io.stdout) as { path: string; goals: { id: string }[] }[];
    assert.deepEqual(
      json.map((f) => [f.path, f.goals.map((g) => g.id)]),
      [['server/errors/retry.ts', ['async-errors']]],
    );
  });

  it('says so when there are no changes, or none related to a goal', async () => {
    let io = fakeIO(dir);
    assert.equal(await runCli(['prompts'], io), 0);
    assert.equal(io.stdout, 'No changes against HEAD.\n');
    write('docs/guide.md', 'changed\n');
    io = fakeIO(dir);
    assert.equal(await runCli(['prompts'], io), 0);
    assert.equal(io.stdout, 'No changed file relates to an open mentoring goal (1 changed file against HEAD).\n');
  });

  it('refuses a folder outside git, a missing or broken file, an unknown partner and bad options', async () => {
    let io = fakeIO(tempDir());
    assert.equal(await runCli(['prompts'], io), 2);
    assert.match(io.stderr, /not a git repository/);

    io = fakeIO(dir);
    assert.equal(await runCli(['prompts', '--file', 'missing.yml'], io), 2);
    assert.equal(io.stderr, 'missing.yml: no such file (name one with --file)\n');

    write('.mentoring.yml', FILE.replace('kind: mutual', 'kind: sideways'));
    io = fakeIO(dir);
    assert.equal(await runCli(['prompts'], io), 1);
    assert.match(io.stderr, /^\.mentoring\.yml:\d+:\d+: error: .*\n\.mentoring\.yml: the file has errors; fix them to see review prompts\n$/);
    assert.equal(io.stdout, '');

    write('.mentoring.yml', FILE);
    io = fakeIO(dir);
    assert.equal(await runCli(['prompts', '--me', 'zed'], io), 2);
    assert.match(io.stderr, /--me: "zed" is not a partner in \.mentoring\.yml/);

    io = fakeIO(dir);
    assert.equal(await runCli(['prompts', '--max', 'lots'], io), 2);
    assert.match(io.stderr, /--max must be a whole number from 0 to 1000 \(not "lots"\)/);

    io = fakeIO(dir);
    assert.equal(await runCli(['prompts', '--max', '18446744073709551617'], io), 2);
    assert.match(io.stderr, /--max must be a whole number from 0 to 1000 \(not "18446744073709551617"\)/);

    io = fakeIO(dir);
    assert.equal(await runCli(['prompts', '--base', 'no-such-branch'], io), 2);
    assert.match(io.stderr, /unknown base 'no-such-branch'/);

    io = fakeIO(dir);
    assert.equal(await runCli(['prompts', '--help'], io), 0);
    assert.match(io.stdout, /^usage: peer-mentoring prompts/);
  });
});
