import * as assert from 'assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { collectEvidence, evidenceGoals, subjectOf } from '../../src/core/review/evidence';
import type { EvidenceGoal, LoggedCommit } from '../../src/core/review/evidence';
import type { MentoringFile } from '../../src/core/file/model';
import { evidenceLogArgs, readEvidence, readEvidenceRange, showCommit } from '../../src/git/evidence';
import { buildRepo, headOf, initRepo, tempDir } from './helpers/gitRepo';

const BEN = 'Ben Okafor <Ben@Example.com>';
const ANA = 'Ana Lima <ana@example.com>';

const GOALS: EvidenceGoal[] = [
  { id: 'ben-ts', paths: ['src/api/**'], created: '2025-02-01', ownerEmails: ['ben@example.com'] },
  { id: 'ana-docs', paths: ['docs/'], ownerEmails: ['ana@example.com'] },
];

function commit(c: Partial<LoggedCommit>): LoggedCommit {
  return { hash: 'aaaa1111', date: '2025-03-01', author: 'Ben Okafor', email: 'ben@example.com', message: 'Change', files: [], ...c };
}

describe('goal evidence', () => {
  describe('evidenceGoals', () => {
    it('takes the goals of one partnership with their owner’s emails in lower case', () => {
      const file: MentoringFile = {
        version: 1,
        partners: [
          { id: 'ben', name: 'Ben', emails: [' Ben@Example.com ', 'ben@home.example'] },
          { id: 'ana', name: 'Ana' },
        ],
        partnerships: [{ id: 'p', members: ['ana', 'ben'], kind: 'mutual' }],
        skills: [],
        goals: [
          { id: 'g1', partnership: 'p', owner: 'ben', title: 'G1', status: 'active', paths: ['src/**'], created: '2025-01-01' },
          { id: 'g2', partnership: 'p', owner: 'ana', title: 'G2', status: 'active' },
          { id: 'g3', partnership: 'q', owner: 'ana', title: 'G3', status: 'active' },
        ],
        sessions: [],
      };
      assert.deepEqual(evidenceGoals(file, 'p'), [
        { id: 'g1', paths: ['src/**'], created: '2025-01-01', ownerEmails: ['ben@example.com', 'ben@home.example'] },
        { id: 'g2', paths: [], ownerEmails: [] },
      ]);
    });
  });

  describe('collectEvidence', () => {
    it('takes commits naming the goal in a trailer, by anyone and anywhere', () => {
      const found = collectEvidence([commit({ email: 'ana@example.com', author: 'Ana', date: '2024-01-01', files: ['README.md'], message: 'Docs\n\nMentoring-Goal: ben-ts\n' })], GOALS);
      assert.deepEqual(found.get('ben-ts'), [{ hash: 'aaaa1111', date: '2024-01-01', author: 'Ana', subject: 'Docs', trailer: true, files: ['README.md'], filesChanged: 1 }]);
      assert.deepEqual(found.get('ana-docs'), []);
    });

    it('takes the owner’s commits under the goal’s paths since it was created', () => {
      const commits = [
        commit({ hash: '01', files: ['src/api/users.ts'] }),
        commit({ hash: '02', files: ['src/api/users.ts'], email: 'BEN@example.com' }),
        commit({ hash: '03', files: ['src/web/app.ts'] }),
        commit({ hash: '04', files: ['src/api/users.ts'], email: 'ana@example.com' }),
        commit({ hash: '05', files: ['src/api/users.ts'], date: '2025-01-31' }),
        commit({ hash: '06', files: ['src/api/users.ts'], date: '2025-02-01' }),
      ];
      assert.deepEqual(
        collectEvidence(commits, GOALS)
          .get('ben-ts')
          ?.map((c) => [c.hash, c.trailer]),
        [
          ['01', false],
          ['02', false],
          ['06', false],
        ],
      );
    });

    it('reads a bare directory as everything under it, and a goal without a created date counts all', () => {
      const found = collectEvidence([commit({ hash: '07', email: 'ana@example.com', date: '2001-01-01', files: ['docs/a/b.md'] })], GOALS);
      assert.deepEqual(found.get('ana-docs')?.map((c) => c.hash), ['07']);
    });

    it('needs the trailer in the trailer block, not in the body', () => {
      const found = collectEvidence([commit({ email: 'x@example.com', message: 'Subject\n\nMentoring-Goal: ben-ts\nis how we tag commits.\n' })], GOALS);
      assert.deepEqual(found.get('ben-ts'), []);
    });

    it('keeps at most the newest `perGoal` commits of each goal', () => {
      const commits = ['a1', 'a2', 'a3'].map((hash) => commit({ hash, message: 'x\n\nMentoring-Goal: ben-ts' }));
      assert.deepEqual(
        collectEvidence(commits, GOALS, 2)
          .get('ben-ts')
          ?.map((c) => c.hash),
        ['a1', 'a2'],
      );
    });

    it('takes commits on or after `since` only, and keeps the files each touched', () => {
      const commits = [
        commit({ hash: '03', date: '2025-03-03', files: ['src/api/c.ts', 'src/api/d.ts'] }),
        commit({ hash: '02', date: '2025-03-02', files: ['src/api/b.ts'] }),
        commit({ hash: '01', date: '2025-03-01', files: ['src/api/a.ts'] }),
      ];
      const found = collectEvidence(commits, GOALS, { since: '2025-03-02' }).get('ben-ts');
      assert.deepEqual(found?.map((c) => [c.hash, c.files, c.filesChanged]), [
        ['03', ['src/api/c.ts', 'src/api/d.ts'], 2],
        ['02', ['src/api/b.ts'], 1],
      ]);
    });

    it('keeps the first 100 paths of a very large commit and counts them all', () => {
      const files = Array.from({ length: 250 }, (_, i) => `src/api/f${i}.ts`);
      const [c] = collectEvidence([commit({ files })], GOALS).get('ben-ts') ?? [];
      assert.equal(c.files.length, 100);
      assert.equal(c.filesChanged, 250);
    });

    it('matches many goals: trailers by id, paths only for the goals the author owns', () => {
      const goals: EvidenceGoal[] = Array.from({ length: 60 }, (_, i) => ({
        id: `g${i}`,
        paths: [`mod${i}/**`],
        ownerEmails: [`owner${i % 6}@example.com`],
      }));
      // An email listed twice still counts a commit once.
      goals.push({ id: 'shared', paths: ['mod1/**'], ownerEmails: ['owner1@example.com', 'owner1@example.com'] });
      const found = collectEvidence(
        [
          commit({ hash: 'a', email: 'Owner1@Example.com', files: ['mod1/x.ts', 'mod7/y.ts', 'mod2/z.ts'] }),
          commit({ hash: 'b', email: 'nobody@example.com', files: ['mod3/x.ts'], message: 'x\n\nMentoring-Goal: g3\nMentoring-Goal: g40\nMentoring-Goal: unknown' }),
        ],
        goals,
      );
      const hits = [...found.entries()].filter(([, list]) => list.length).map(([id, list]) => [id, list.map((c) => c.hash).join()]);
      // owner1 owns g1, g7, g13, …: g1 and g7 match their paths, mod2 belongs to owner2's goal.
      assert.deepEqual(hits, [
        ['g1', 'a'],
        ['g3', 'b'],
        ['g7', 'a'],
        ['g40', 'b'],
        ['shared', 'a'],
      ]);
    });

    it('shows the subject as git does: the first paragraph on one line', () => {
      assert.equal(subjectOf('Fix the\nparser\n\nBody'), 'Fix the parser');
      assert.equal(subjectOf('\n\nOnly subject\n'), 'Only subject');
    });
  });

  describe('readEvidence (real repositories)', () => {
    it('finds trailer and owner commits in one read, newest first', async () => {
      const dir = buildRepo([
        { author: ANA, date: '2025-01-10', files: { 'README.md': '# x\n' } },
        { author: BEN, date: '2025-01-20', files: { 'src/api/users.ts': 'before created\n' } },
        { author: BEN, date: '2025-02-05', files: { 'src/api/users.ts': 'v2\n' }, message: 'Type the user handler' },
        { author: ANA, date: '2025-02-06', files: { 'docs/guide.md': 'g\n' }, message: 'Explain the API\n\nWith a body.\n\nMentoring-Goal: ben-ts\n' },
        { author: BEN, date: '2025-02-07', files: { 'src/web/app.ts': 'w\n' }, message: 'Elsewhere' },
        { author: BEN, date: '2025-02-08', files: { 'src/api/odd name\twith tab.ts': 'z\n' }, message: 'Odd path' },
      ]);
      const found = await readEvidence(dir, GOALS);
      const ben = found.get('ben-ts');
      assert.deepEqual(
        ben?.map((c) => [c.subject, c.author, c.date, c.trailer]),
        [
          ['Odd path', 'Ben Okafor', '2025-02-08', false],
          ['Explain the API', 'Ana Lima', '2025-02-06', true],
          ['Type the user handler', 'Ben Okafor', '2025-02-05', false],
        ],
      );
      assert.match(ben?.[0].hash ?? '', /^[0-9a-f]{40}$/);
      assert.equal(ben?.[0].hash, headOf(dir));
      assert.deepEqual(found.get('ana-docs')?.map((c) => c.subject), ['Explain the API']);
    });

    it('reads paths from the repository root when run in a subfolder', async () => {
      const dir = buildRepo([{ author: BEN, date: '2025-03-01', files: { 'src/api/a.ts': 'a\n', 'team/.keep': '' }, message: 'API' }]);
      const found = await readEvidence(path.join(dir, 'team'), GOALS);
      assert.deepEqual(found.get('ben-ts')?.map((c) => c.subject), ['API']);
    });

    it('looks at the newest `maxCommits` commits only, and skips merges', async () => {
      const dir = buildRepo([
        { author: BEN, date: '2025-03-01', files: { 'src/api/a.ts': '1\n' }, message: 'old' },
        { branch: 'side' },
        { author: BEN, date: '2025-03-02', files: { 'src/api/b.ts': '2\n' }, message: 'on a branch' },
        { checkout: 'main' },
        { author: ANA, date: '2025-03-03', files: { 'x.md': '3\n' }, message: 'new' },
        { merge: 'side', author: BEN, date: '2025-03-04' },
      ]);
      const all = await readEvidence(dir, GOALS);
      assert.deepEqual(all.get('ben-ts')?.map((c) => c.subject), ['on a branch', 'old']);
      const newest = await readEvidence(dir, GOALS, { maxCommits: 2 });
      assert.deepEqual(newest.get('ben-ts')?.map((c) => c.subject), ['on a branch']);
    });

    it('reads since a date: the walk stops a day early, the author date decides, and says whether it read everything', async () => {
      const dir = buildRepo([
        { author: BEN, date: '2025-03-01T23:30:00Z', files: { 'src/api/a.ts': '1\n' }, message: 'late on the first' },
        { author: BEN, date: '2025-03-02T00:30:00Z', files: { 'src/api/a.ts': '2\n' }, message: 'early on the second' },
        { author: BEN, date: '2025-03-05', files: { 'src/api/a.ts': '3\n' }, message: 'later' },
      ]);
      const read = await readEvidenceRange(dir, GOALS, { since: '2025-03-02' });
      assert.deepEqual(read.byGoal.get('ben-ts')?.map((c) => c.subject), ['later', 'early on the second']);
      // The walk went back to 2025-03-01 (time zones), so it read the commit of the day before too.
      assert.deepEqual([read.scanned, read.complete], [3, true]);
      const capped = await readEvidenceRange(dir, GOALS, { maxCommits: 2 });
      assert.deepEqual([capped.scanned, capped.complete], [2, false]);
      assert.ok(evidenceLogArgs({ since: '2025-03-02' }).includes('--since=2025-03-01T00:00:00Z'));
      await assert.rejects(readEvidenceRange(dir, GOALS, { since: '2025-3-2' }), RangeError);
    });

    it('says when git is not there', async () => {
      const dir = buildRepo([{ author: BEN, date: '2025-03-01', files: { 'a.ts': 'a\n' } }]);
      const path0 = process.env.PATH;
      process.env.PATH = tempDir();
      try {
        await assert.rejects(readEvidence(dir, GOALS), /git was not found: install git or put it on PATH/);
      } finally {
        process.env.PATH = path0;
      }
      await assert.rejects(readEvidence(path.join(dir, 'missing'), GOALS), /missing does not exist/);
    });

    it('finds nothing in a repository without commits', async () => {
      const found = await readEvidence(initRepo(), GOALS);
      assert.deepEqual([...found.entries()], [
        ['ben-ts', []],
        ['ana-docs', []],
      ]);
    });

    it('fails clearly outside a repository', async () => {
      const dir = tempDir();
      fs.writeFileSync(path.join(dir, 'f'), 'x');
      await assert.rejects(readEvidence(dir, GOALS), /is not in a git repository/);
    });

    it('refuses a count that is not a positive whole number', async () => {
      await assert.rejects(readEvidence(initRepo(), GOALS, { maxCommits: 0 }), RangeError);
    });
  });

  describe('showCommit', () => {
    it('shows the header, stat and patch of one commit', async () => {
      const dir = buildRepo([{ author: BEN, date: '2025-03-01', files: { 'src/api/a.ts': 'hello\n' }, message: 'Say hello' }]);
      const text = await showCommit(dir, headOf(dir));
      assert.match(text, /^commit [0-9a-f]{40}/);
      assert.match(text, /Author:\s+Ben Okafor <Ben@Example.com>/);
      assert.match(text, /Say hello/);
      assert.match(text, /src\/api\/a.ts \| 1 \+/);
      assert.match(text, /^\+hello$/m);
    });

    it('refuses anything but a hash', async () => {
      const dir = initRepo();
      await assert.rejects(showCommit(dir, '--output=x'), /not a commit hash/);
      await assert.rejects(showCommit(dir, 'HEAD'), /not a commit hash/);
    });
  });
});
