import * as assert from 'assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import ICAL from 'ical.js';
import { runCli } from '../../src/cli/main';
import { fakeIO } from './helpers/cliIO';
import { buildRepo, tempDir } from './helpers/gitRepo';

/** One partnership in each health state on 2026-03-10, two unpaired people, goals achieved with and without `achieved:`. */
const TEAM = `version: 1
partners:
  - id: alice
    name: Alice Chen
    emails: [alice@example.com]
  - id: bob
    name: Bob Okafor
    emails: [bob@example.com]
  - id: carol
    name: Carol Martínez
    emails: [carol@example.com]
  - id: dev
    name: Dev Patel
  - id: erin
    name: Erin Walsh
  - id: frank
    name: Frank Moss
  - id: gina
    name: Gina Rossi
partnerships:
  - id: alice-bob
    members: [alice, bob]
    kind: mutual
    cadence: 14
  - id: carol-dev
    members: [carol, dev]
    kind: one-way
    mentor: carol
    cadence: 14
  - id: erin-alice
    members: [erin, alice]
    kind: mutual
    cadence: 14
  - id: bob-carol
    members: [bob, carol]
    kind: mutual
    cadence: 30
  - id: dev-erin
    members: [dev, erin]
    kind: mutual
  - id: gina-bob
    members: [gina, bob]
    kind: mutual
    cadence: 14
    status: paused
  - id: frank-alice
    members: [frank, alice]
    kind: one-way
    mentor: alice
    status: ended
goals:
  - id: bob-errors
    partnership: alice-bob
    owner: bob
    title: Handle async errors
    status: achieved
    progress: 100
    achieved: 2026-03-31
    reviews:
      - date: 2026-02-01
        by: alice
        progress: 40
        note: Retries done, timeouts next.
      - date: 2026-03-31
        by: alice
        progress: 100
        status: achieved
        note: Shipped the error middleware.
  - id: dev-testing
    partnership: carol-dev
    owner: dev
    title: Write checkout tests
    status: achieved
    progress: 100
    reviews:
      - date: 2026-01-10
        by: carol
        progress: 100
        note: All payment paths covered.
  - id: carol-sql
    partnership: bob-carol
    owner: carol
    title: Tune SQL
    status: active
    progress: 20
sessions:
  - { date: 2026-01-05, partnership: alice-bob, status: held, minutes: 60 }
  - { date: 2026-01-20, partnership: alice-bob, status: cancelled, reason: sick }
  - { date: 2026-02-03, partnership: alice-bob, status: cancelled, reason: travel }
  - { date: 2026-02-20, partnership: carol-dev, status: held, minutes: 30 }
  - { date: 2026-02-25, partnership: erin-alice, status: held, minutes: 45 }
  - { date: 2026-03-01, partnership: bob-carol, status: held, minutes: 90 }
  - { date: 2026-01-15, partnership: dev-erin, status: held, minutes: 30 }
  - { date: 2025-12-20, partnership: gina-bob, status: held, minutes: 60 }
`;

interface Row {
  partnership: string;
  health: string;
  held: number;
  cancelled: number;
  hours: number;
  goalsAchieved: number;
  file: string;
}

async function run(dir: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const io = fakeIO(dir);
  const code = await runCli(args, io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

describe('peer-mentoring report over a period, several files, unpaired and achieved', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDir('pm-programme-');
    fs.writeFileSync(path.join(dir, '.mentoring.yml'), TEAM);
  });

  it('says each partnership’s health as of --today', async () => {
    const r = await run(dir, ['report', '--json', '--today', '2026-03-10', '--no-evidence']);
    assert.equal(r.code, 0, r.stderr);
    const json = JSON.parse(r.stdout) as { partnerships: Row[] };
    assert.deepEqual(Object.fromEntries(json.partnerships.map((p) => [p.partnership, p.health])), {
      'alice-bob': 'drifting',
      'carol-dev': 'overdue',
      'erin-alice': 'due-soon',
      'bob-carol': 'on-track',
      'dev-erin': 'no-cadence',
      'gina-bob': 'paused',
      'frank-alice': 'ended',
    });
    assert.ok(json.partnerships.every((p) => p.file === '.mentoring.yml'), 'every row names its file');
  });

  it('counts sessions, hours and achieved goals within the period, both ends included', async () => {
    const r = await run(dir, ['report', '--json', '--today', '2026-03-10', '--since', '2026-01-05', '--until', '2026-01-20', '--no-evidence']);
    assert.equal(r.code, 0, r.stderr);
    const json = JSON.parse(r.stdout) as { period: unknown; partnerships: Row[]; achieved: { goal: string; achieved: string }[] };
    assert.deepEqual(json.period, { since: '2026-01-05', until: '2026-01-20' });
    const ab = json.partnerships.find((p) => p.partnership === 'alice-bob');
    assert.deepEqual([ab?.held, ab?.cancelled, ab?.hours], [1, 1, 1], 'the held session on the first day and the cancellation on the last');
    assert.equal(json.partnerships.find((p) => p.partnership === 'dev-erin')?.held, 1);
    assert.equal(json.partnerships.find((p) => p.partnership === 'carol-dev')?.held, 0, 'after the period');
    assert.equal(json.partnerships.find((p) => p.partnership === 'alice-bob')?.health, 'drifting', 'health is as of today, not the period');
    // dev-testing has no achieved: date: its last review's date (2026-01-10) counts.
    assert.deepEqual(json.achieved.map((a) => [a.goal, a.achieved]), [['dev-testing', '2026-01-10']]);

    const later = JSON.parse((await run(dir, ['report', '--json', '--today', '2026-03-10', '--since', '2026-01-11', '--until', '2026-03-31', '--no-evidence'])).stdout) as { achieved: { goal: string; achieved: string }[]; partnerships: Row[] };
    assert.deepEqual(later.achieved.map((a) => [a.goal, a.achieved]), [['bob-errors', '2026-03-31']], 'the achieved: date, on the last day');
    assert.equal(later.partnerships.find((p) => p.partnership === 'alice-bob')?.goalsAchieved, 1);
    assert.equal(later.partnerships.find((p) => p.partnership === 'carol-dev')?.goalsAchieved, 0);
  });

  it('lists the people without an active partnership (paused and ended ones do not count)', async () => {
    const json = JSON.parse((await run(dir, ['report', '--json', '--today', '2026-03-10', '--no-evidence'])).stdout) as { unpaired: unknown };
    assert.deepEqual(json.unpaired, [
      { id: 'frank', name: 'Frank Moss', file: '.mentoring.yml' },
      { id: 'gina', name: 'Gina Rossi', file: '.mentoring.yml' },
    ]);
  });

  it('puts several files into one report, each row naming its file', async () => {
    fs.mkdirSync(path.join(dir, 'web'));
    fs.writeFileSync(
      path.join(dir, 'web', '.mentoring.yml'),
      'version: 1\npartners:\n  - { id: ana, name: Ana }\n  - { id: ben, name: Ben }\n  - { id: cy, name: Cy }\npartnerships:\n  - { id: ana-ben, members: [ana, ben], kind: mutual, cadence: 7 }\nsessions:\n  - { date: 2026-03-08, partnership: ana-ben, status: held, minutes: 30 }\n',
    );
    const r = await run(dir, ['report', '.mentoring.yml', 'web/.mentoring.yml', '--json', '--today', '2026-03-10', '--no-evidence']);
    assert.equal(r.code, 0, r.stderr);
    const json = JSON.parse(r.stdout) as { partnerships: Row[]; unpaired: { id: string; file: string }[] };
    assert.deepEqual(json.partnerships.filter((p) => p.file === 'web/.mentoring.yml').map((p) => [p.partnership, p.health]), [['ana-ben', 'on-track']]);
    assert.equal(json.partnerships.length, 8);
    assert.deepEqual(json.unpaired.map((u) => `${u.file}:${u.id}`), ['.mentoring.yml:frank', '.mentoring.yml:gina', 'web/.mentoring.yml:cy']);

    const md = (await run(dir, ['report', '.mentoring.yml', 'web/.mentoring.yml', '--today', '2026-03-10', '--no-evidence'])).stdout;
    assert.match(md, /^\| File \| Partnership \|/m);
    assert.match(md, /^\| web\/\\\.mentoring\\\.yml \| ana-ben \| ana, ben \| on-track \|/m);

    const csv = (await run(dir, ['report', '.mentoring.yml', 'web/.mentoring.yml', '--csv', '--today', '2026-03-10', '--since', '2026-03-01'])).stdout.trimEnd().split('\n');
    assert.equal(csv[0], 'since,until,file,partnership,members,kind,status,health,held,cancelled,rescheduled,hours,last_session,next_due,overdue_days,cancelled_in_a_row,goals_active,goals_achieved,open_actions');
    assert.equal(csv.length, 9);
    assert.equal(csv[8], '2026-03-01,,web/.mentoring.yml,ana-ben,ana ben,mutual,active,on-track,1,0,0,0.5,2026-03-08,2026-03-15,0,0,0,0,0');
  });

  it('refuses a period that ends before it starts, and a missing file, in one line each', async () => {
    const bad = await run(dir, ['report', '--since', '2026-03-01', '--until', '2026-02-01']);
    assert.equal(bad.code, 2);
    assert.equal(bad.stderr, 'peer-mentoring report: the period starts (2026-03-01) after it ends (2026-02-01)\n');
    const missing = await run(dir, ['report', '.mentoring.yml', 'nope.yml', '--no-evidence']);
    assert.equal(missing.code, 2);
    assert.equal(missing.stdout, '');
    assert.equal(missing.stderr.split('\n').filter(Boolean).length, 1, missing.stderr);
    assert.match(missing.stderr, /^nope\.yml: /);
  });

  it('escapes file text in Markdown and guards CSV cells against formulas', async () => {
    fs.writeFileSync(path.join(dir, '.mentoring.yml'), TEAM.replace('name: Frank Moss', 'name: "[x](command:evil) <b>"').replace('title: Handle async errors', 'title: "=HYPERLINK(1)"'));
    const md = (await run(dir, ['report', '--today', '2026-03-10', '--no-evidence'])).stdout;
    assert.match(md, /- \\\[x\\\]\\\(command:evil\\\) \\<b\\> \(frank\)/);
    assert.doesNotMatch(md, /\]\(command:/);
    const json = JSON.parse((await run(dir, ['report', '--json', '--today', '2026-03-10', '--since', '2026-03-01', '--no-evidence'])).stdout) as { achieved: { title: string }[] };
    assert.equal(json.achieved[0].title, '=HYPERLINK(1)', 'JSON keeps the value as it is');
  });

  it('lists the evidence commits of achieved goals from the file’s repository', async () => {
    const repo = buildRepo([
      { author: 'Bob Okafor <bob@example.com>', date: '2026-02-10', message: 'Retry failed requests\n\nMentoring-Goal: bob-errors', files: { 'src/errors.ts': 'retry' } },
      { author: 'Bob Okafor <bob@example.com>', date: '2026-02-11', message: 'Unrelated', files: { 'README.md': 'x' } },
    ]);
    fs.writeFileSync(path.join(repo, '.mentoring.yml'), TEAM);
    const r = await run(repo, ['report', '--json', '--today', '2026-03-10', '--since', '2026-03-01']);
    assert.equal(r.code, 0, r.stderr);
    const json = JSON.parse(r.stdout) as { achieved: { goal: string; evidence: string[]; file: string }[] };
    assert.equal(json.achieved.length, 1);
    assert.equal(json.achieved[0].evidence.length, 1);
    assert.match(json.achieved[0].evidence[0], /^[0-9a-f]{40}$/);
    const md = (await run(repo, ['report', '--today', '2026-03-10', '--since', '2026-03-01'])).stdout;
    assert.match(md, new RegExp(`- 2026-03-31: Handle async errors \\(bob, alice-bob\\); evidence: ${json.achieved[0].evidence[0].slice(0, 10)}`));
  });
});

describe('peer-mentoring report --ics', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDir('pm-ics-');
    fs.writeFileSync(path.join(dir, '.mentoring.yml'), TEAM);
  });

  function events(text: string): ICAL.Component[] {
    return new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent');
  }

  it('writes one all-day event per active partnership with a next date, read back by an iCalendar parser', async () => {
    const r = await run(dir, ['report', '--ics', '--today', '2026-03-10']);
    assert.equal(r.code, 0, r.stderr);
    const list = events(r.stdout);
    const byId = new Map(list.map((e) => [String(e.getFirstPropertyValue('description')).match(/Partnership (\S+) in/)?.[1], e]));
    assert.deepEqual([...byId.keys()].sort(), ['alice-bob', 'bob-carol', 'carol-dev', 'erin-alice'], 'paused, ended and cadence-less ones have no next date');
    const date = (id: string): string => (byId.get(id)?.getFirstPropertyValue('dtstart') as ICAL.Time).toString();
    assert.equal(date('erin-alice'), '2026-03-11');
    assert.equal(date('bob-carol'), '2026-03-31');
    assert.equal(date('carol-dev'), '2026-03-10', 'overdue: on today');
    assert.equal(date('alice-bob'), '2026-03-10');
    assert.equal((byId.get('erin-alice')?.getFirstPropertyValue('dtstart') as ICAL.Time).isDate, true, 'all-day');
    const ab = byId.get('alice-bob');
    assert.equal(ab?.getFirstPropertyValue('summary'), 'Mentoring: Alice Chen & Bob Okafor');
    assert.deepEqual(
      ab?.getAllProperties('attendee').map((p) => [p.getParameter('cn'), p.getFirstValue()]),
      [
        ['Alice Chen', 'mailto:alice@example.com'],
        ['Bob Okafor', 'mailto:bob@example.com'],
      ],
    );
    assert.deepEqual(byId.get('carol-dev')?.getAllProperties('attendee').map((p) => p.getFirstValue()), ['mailto:carol@example.com'], 'only partners whose email is known');
    assert.equal(ab?.getFirstPropertyValue('sequence'), 3, 'one per session logged');
  });

  it('keeps UIDs across runs and raises SEQUENCE when a session moves the date', async () => {
    const first = events((await run(dir, ['report', '--ics', '--today', '2026-03-10'])).stdout);
    const again = events((await run(dir, ['report', '--ics', '--today', '2026-03-12'])).stdout);
    const uids = (l: ICAL.Component[]): string[] => l.map((e) => String(e.getFirstPropertyValue('uid')));
    assert.deepEqual(uids(again), uids(first));
    assert.equal(new Set(uids(first)).size, 4);
    fs.appendFileSync(path.join(dir, '.mentoring.yml'), '  - { date: 2026-03-11, partnership: erin-alice, status: held, minutes: 30 }\n');
    const after = events((await run(dir, ['report', '--ics', '--today', '2026-03-12'])).stdout);
    const ea = (l: ICAL.Component[]): ICAL.Component | undefined => l.find((e) => String(e.getFirstPropertyValue('description')).includes('erin-alice'));
    assert.equal(ea(after)?.getFirstPropertyValue('uid'), ea(first)?.getFirstPropertyValue('uid'));
    assert.ok(Number(ea(after)?.getFirstPropertyValue('sequence')) > Number(ea(first)?.getFirstPropertyValue('sequence')));
    assert.equal((ea(after)?.getFirstPropertyValue('dtstart') as ICAL.Time).toString(), '2026-03-25');
  });

  it('writes CRLF lines to --out, and escapes text so a name cannot add properties', async () => {
    fs.writeFileSync(path.join(dir, '.mentoring.yml'), TEAM.replace('name: Bob Okafor', 'name: "Bob;X\\nATTENDEE:mailto:evil@example.com, \\"Jr\\""'));
    const r = await run(dir, ['report', '--ics', '--out', 'next.ics', '--today', '2026-03-10']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'Wrote 4 events to next.ics\n');
    const text = fs.readFileSync(path.join(dir, 'next.ics'), 'utf8');
    assert.ok(text.split('\r\n').every((line) => !line.includes('\n') && Buffer.byteLength(line) <= 75), 'CRLF, folded at 75 octets');
    const ab = events(text).find((e) => String(e.getFirstPropertyValue('summary')).includes('Alice'));
    assert.equal(ab?.getFirstPropertyValue('summary'), 'Mentoring: Alice Chen & Bob;X\nATTENDEE:mailto:evil@example.com, "Jr"');
    assert.deepEqual(ab?.getAllProperties('attendee').map((p) => p.getFirstValue()), ['mailto:alice@example.com', 'mailto:bob@example.com']);
  });

  it('refuses --out without --ics and two formats at once', async () => {
    assert.equal((await run(dir, ['report', '--out', 'x.ics'])).code, 2);
    const both = await run(dir, ['report', '--json', '--csv']);
    assert.equal(both.code, 2);
    assert.equal(both.stderr, 'peer-mentoring report: --json and --csv cannot be combined\n');
  });
});

describe('peer-mentoring record', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDir('pm-record-');
    fs.writeFileSync(path.join(dir, '.mentoring.yml'), TEAM);
  });

  it('gives the mentor side: partnerships, sessions, hours and the goals others reached with their help', async () => {
    const r = await run(dir, ['record', 'alice', '--json', '--since', '2026-01-01', '--until', '2026-03-31', '--no-evidence']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), {
      person: { id: 'alice', name: 'Alice Chen' },
      since: '2026-01-01',
      until: '2026-03-31',
      asMentor: {
        partnerships: ['alice-bob', 'erin-alice', 'frank-alice'],
        sessions: 2,
        hours: 1.8,
        goalsAchieved: [{ goal: 'bob-errors', title: 'Handle async errors', owner: 'bob', achieved: '2026-03-31', evidence: [] }],
      },
      asMentee: { partnerships: ['alice-bob', 'erin-alice'], sessions: 2, hours: 1.8, goalsAchieved: [] },
    });
  });

  it('gives the mentee side, found by email, and a one-way mentor only as a mentor', async () => {
    const bob = JSON.parse((await run(dir, ['record', 'BOB@example.com', '--json', '--no-evidence'])).stdout) as { person: { id: string }; asMentee: { goalsAchieved: { goal: string; achieved: string }[] } };
    assert.equal(bob.person.id, 'bob');
    assert.deepEqual(bob.asMentee.goalsAchieved.map((g) => [g.goal, g.achieved]), [['bob-errors', '2026-03-31']]);
    const carol = JSON.parse((await run(dir, ['record', 'carol', '--json', '--no-evidence'])).stdout) as { asMentor: { partnerships: string[]; goalsAchieved: { goal: string }[] }; asMentee: { partnerships: string[] } };
    assert.deepEqual(carol.asMentor.partnerships, ['carol-dev', 'bob-carol']);
    assert.deepEqual(carol.asMentor.goalsAchieved.map((g) => g.goal), ['dev-testing']);
    assert.deepEqual(carol.asMentee.partnerships, ['bob-carol'], 'in a one-way partnership the mentor is not a mentee');
    const dev = JSON.parse((await run(dir, ['record', 'dev', '--json', '--no-evidence'])).stdout) as { asMentor: { partnerships: string[] }; asMentee: { partnerships: string[] } };
    assert.deepEqual(dev.asMentor.partnerships, ['dev-erin']);
    assert.deepEqual(dev.asMentee.partnerships, ['carol-dev', 'dev-erin']);
  });

  it('writes Markdown with review notes and never the private notes kept on this machine', async () => {
    const data = tempDir('pm-record-data-');
    const io = fakeIO(dir);
    io.env = { HOME: data, XDG_DATA_HOME: data };
    assert.equal(await runCli(['log', '--partnership', 'alice-bob', '--date', '2026-03-05', '--private-notes', 'SECRET: Bob is thinking of leaving'], io), 0, io.stderr);
    const r = await run(dir, ['record', 'alice', '--no-evidence']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^# Mentoring record: Alice Chen\n\nPeriod: all time\n\n## As a mentor\n/);
    assert.match(r.stdout, /- Handle async errors \(Bob Okafor\), achieved 2026-03-31\n {2}- Review of 2026-02-01 by Alice Chen \(40%\): Retries done, timeouts next\.\n/);
    assert.doesNotMatch(r.stdout, /SECRET|leaving/);
    const notes = fs.readdirSync(data, { recursive: true }).map(String);
    assert.ok(notes.length > 0, 'the private note was kept somewhere: the check above could fail');
  });

  it('says in one line when nobody is that person', async () => {
    const r = await run(dir, ['record', 'zed@example.com']);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, '.mentoring.yml: no partner "zed@example.com" (by id or email)\n');
  });
});

describe('peer-mentoring goal achieve', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDir('pm-goal-');
    fs.writeFileSync(path.join(dir, '.mentoring.yml'), TEAM);
  });

  it('writes achieved:, status, progress 100 and a review entry, nothing else', async () => {
    const before = fs.readFileSync(path.join(dir, '.mentoring.yml'), 'utf8');
    const r = await run(dir, ['goal', 'achieve', 'carol-sql', '--date', '2026-03-05', '--by', 'bob', '--note', 'Queries under 50 ms']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'Marked goal "carol-sql" achieved on 2026-03-05 (review by bob) in .mentoring.yml\n');
    const after = fs.readFileSync(path.join(dir, '.mentoring.yml'), 'utf8');
    const goal = after.slice(after.indexOf('  - id: carol-sql'), after.indexOf('sessions:'));
    assert.equal(
      goal,
      '  - id: carol-sql\n    partnership: bob-carol\n    owner: carol\n    title: Tune SQL\n    status: achieved\n    progress: 100\n    achieved: 2026-03-05\n    reviews:\n      - date: 2026-03-05\n        by: bob\n        progress: 100\n        status: achieved\n        note: Queries under 50 ms\n',
    );
    assert.equal(after.replace(goal, ''), before.replace(before.slice(before.indexOf('  - id: carol-sql'), before.indexOf('sessions:')), ''));
    const json = JSON.parse((await run(dir, ['report', '--json', '--today', '2026-03-10', '--since', '2026-03-05', '--until', '2026-03-05', '--no-evidence'])).stdout) as { achieved: { goal: string }[] };
    assert.deepEqual(json.achieved.map((a) => a.goal), ['carol-sql']);
  });

  it('says so when the goal is achieved already, and refuses unknown goals and future dates', async () => {
    const done = await run(dir, ['goal', 'achieve', 'bob-errors']);
    assert.equal(done.code, 0);
    assert.equal(done.stdout, 'Goal "bob-errors" is achieved already; nothing was written\n');
    const unknown = await run(dir, ['goal', 'achieve', 'nope']);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /^\.mentoring\.yml: unknown goal "nope" \(the file has: "bob-errors", "dev-testing", "carol-sql"\); nothing was written\n$/);
    const future = await run(dir, ['goal', 'achieve', 'carol-sql', '--date', '2999-01-01']);
    assert.equal(future.code, 2);
    assert.equal(fs.readFileSync(path.join(dir, '.mentoring.yml'), 'utf8'), TEAM);
  });
});
