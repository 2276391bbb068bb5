import * as assert from 'assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { runCli } from '../../src/cli/main';
import { fakeIO } from './helpers/cliIO';
import { ALICE_AND_BOB, mentoringFolder } from './helpers/cliRepo';

const FILE = `${ALICE_AND_BOB}    cadence: 14
goals:
  - id: parser
    partnership: alice-bob
    owner: alice
    title: Learn the parser
    status: active
sessions:
  - date: 2026-02-01
    partnership: alice-bob
    status: held
    minutes: 60
    actions:
      - who: bob
        what: Review the tokenizer
  - date: 2026-02-15
    partnership: alice-bob
    status: cancelled
    reason: something urgent came up
  - date: 2026-02-20
    partnership: alice-bob
    status: held
    minutes: 45
`;

describe('peer-mentoring report', () => {
  let dir: string;
  beforeEach(() => {
    dir = mentoringFolder(FILE);
  });

  it('prints a markdown table for ./.mentoring.yml', async () => {
    const io = fakeIO(dir);
    assert.equal(await runCli(['report', '--today', '2026-03-10'], io), 0);
    assert.equal(io.stderr, '');
    const lines = io.stdout.trimEnd().split('\n');
    assert.equal(lines[0], 'Mentoring report, 2026-03-10');
    assert.match(lines[2], /^\| Partnership \| Members \| Health \| Held \| Cancelled \|/);
    assert.equal(lines[4], '| alice-bob | alice, bob | overdue | 2 | 1 | 0 | 1.8 | 2026-02-20 | 2026-03-06 (overdue 4 d) | 1 | 0 | 1 |');
  });

  it('prints JSON with --json, for a file given by path', async () => {
    fs.mkdirSync(path.join(dir, 'team'));
    fs.renameSync(path.join(dir, '.mentoring.yml'), path.join(dir, 'team', 'm.yml'));
    const io = fakeIO(dir);
    assert.equal(await runCli(['report', 'team/m.yml', '--json', '--today=2026-03-01'], io), 0);
    const json = JSON.parse(io.stdout);
    assert.equal(json.today, '2026-03-01');
    assert.deepEqual(
      json.partnerships.map((p: { partnership: string; held: number; hours: number; nextDue: string; overdueDays: number; health: string }) => [p.partnership, p.held, p.hours, p.nextDue, p.overdueDays, p.health]),
      [['alice-bob', 2, 1.8, '2026-03-06', 0, 'on-track']],
    );
  });

  it('uses the local date without --today', async () => {
    const io = fakeIO(dir);
    assert.equal(await runCli(['report', '--json'], io), 0);
    assert.match(JSON.parse(io.stdout).today, /^\d{4}-\d{2}-\d{2}$/);
  });

  it('prints the problems of a file with errors and exits 1', async () => {
    fs.writeFileSync(path.join(dir, '.mentoring.yml'), FILE.replace('    kind: mutual\n', '    kind: sideways\n'));
    const io = fakeIO(dir);
    assert.equal(await runCli(['report'], io), 1);
    assert.equal(io.stdout, '');
    assert.match(io.stderr, /^\.mentoring\.yml:10:11: error: .*\[[a-z-]+\]$/m);
  });

  it('exits 2 for a missing file, a bad --today or an unknown option', async () => {
    let io = fakeIO(dir);
    assert.equal(await runCli(['report', 'nope.yml'], io), 2);
    assert.equal(io.stderr, 'nope.yml: no such file\n');
    io = fakeIO(dir);
    assert.equal(await runCli(['report', '--today', '2026-02-30'], io), 2);
    assert.match(io.stderr, /--today: "2026-02-30" is not a YYYY-MM-DD date/);
    io = fakeIO(dir);
    assert.equal(await runCli(['report', '--html'], io), 2);
    assert.match(io.stderr, /unknown option '--html'/);
  });

  it('prints its usage with --help', async () => {
    const io = fakeIO(dir);
    assert.equal(await runCli(['report', '--help'], io), 0);
    assert.match(io.stdout, /^usage: peer-mentoring report \[FILE\.\.\.\] \[--since YYYY-MM-DD\] \[--until YYYY-MM-DD\]/);
  });
});
