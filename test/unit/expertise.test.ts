import * as assert from 'assert';
import { CommitRecord, degreeOfAuthorship, ExpertiseState, FileChange } from '../../src/core/expertise';
import { createClassifier } from '../../src/core/expertise/skills';

const DAY = 86_400;
const T0 = Date.UTC(2025, 0, 1) / 1000;
let serial = 0;

function commit(email: string, day: number, files: (string | FileChange)[], name = email.split('@')[0]): CommitRecord {
  return {
    hash: String(++serial).padStart(40, '0'),
    authorName: name,
    authorEmail: email,
    date: T0 + day * DAY,
    parents: 1,
    files: files.map((f) => (typeof f === 'string' ? { status: 'M', path: f } : f)),
  };
}
const add = (path: string): FileChange => ({ status: 'A', path });

function stateOf(commits: CommitRecord[], halfLifeDays?: number): ExpertiseState {
  const s = new ExpertiseState(createClassifier(), halfLifeDays);
  for (const c of commits) s.addCommit(c);
  return s;
}

const scoreOf = (s: ExpertiseState, who: string, skill: string, now = T0 + 400 * DAY): number | undefined =>
  s.compute({ now }).people.find((p) => p.emails.includes(who))?.skills.find((k) => k.skill === skill)?.score;

describe('expertise', () => {
  it('computes the degree of authorship of Fritz et al.', () => {
    assert.strictEqual(degreeOfAuthorship(true, 1, 0), 3.293 + 1.098 + 0.164);
    assert.strictEqual(degreeOfAuthorship(false, 2, 3), 3.293 + 0.328 - 0.321 * Math.log(4));
  });

  it('scores the share of the work, by focus, with authorship and recency-decayed activity per area', () => {
    // a creates two parser files; b changes one of them once, 180 days later (one half-life).
    const s = stateOf([
      commit('a@x', 0, [add('src/parser/a.ts'), add('src/parser/b.ts')]),
      commit('a@x', 0, ['src/parser/a.ts']),
      commit('b@x', 180, ['src/parser/a.ts']),
    ]);
    const e = s.compute({ now: T0 + 180 * DAY });
    assert.deepStrictEqual(
      e.people.map((p) => [p.name, p.commits, p.skills.map((k) => [k.skill, k.score, k.share, k.focus, k.recent, k.authorship, k.files, k.soleFiles, k.commits])]),
      [
        // Work fades by 2^(−age / 1460 days): a's two commits, 180 days before b's, weigh 2 · 0.918 = 1.84,
        // b's one 1 → shares 0.647 and 0.353. Focus: (1.84 + 0.5) / (1.84 + 30) and (1 + 0.5) / (1 + 30);
        // strength = share · √focus: a 0.175, b 0.078; scores over the best (a): 1 and 0.442.
        // Recent activity: a's two commits a half-life ago weigh 1, as much as b's one commit now → 0.5 each.
        // a authors both files (b's DOA on a.ts: 3.293 + 0.164 − 0.321·ln 3 = 3.10 < 3.293, no part);
        // each weighs 2^(−180/1460) = 0.918, a's last change being 180 days before the newest commit.
        // TypeScript covers the same files as the folder: one area, the folder.
        ['a', 2, [['module:src/parser', 1, 0.647, 0.073, 0.5, 0.918, 2, 2, 2]]],
        ['b', 1, [['module:src/parser', 0.442, 0.353, 0.048, 0.5, 0, 0, 0, 1]]],
      ],
    );
    const area = e.areas.get('module:src/parser');
    assert.deepStrictEqual(area && { files: area.files, commits: area.commits, recent: area.recentActivity, related: area.related, merged: area.merged, window: area.windowCommits }, {
      files: 2,
      commits: 3,
      recent: 2,
      related: [],
      merged: ['typescript'],
      window: 3,
    });
    assert.strictEqual(e.areas.get('typescript'), undefined);
  });

  it('uses the configured half-life', () => {
    const commits = [commit('a@x', 0, [add('x/a.py')]), commit('b@x', 30, ['x/a.py'])];
    // Half-life 30 days: b's single commit weighs 2, a's 1 → b has 2/3 of the recent activity.
    const e = stateOf(commits, 30).compute({ now: T0 + 30 * DAY });
    assert.deepStrictEqual(e.people.map((p) => [p.name, p.skills.find((k) => k.skill === 'module:x')?.recent]), [
      ['a', 0.333],
      ['b', 0.667],
    ]);
    assert.throws(() => new ExpertiseState(createClassifier(), 0), RangeError);
  });

  it('carries a file across renames and forgets deleted files', () => {
    const s = stateOf([
      commit('a@x', 0, [add('old/a.go'), add('old/b.go')]),
      commit('b@x', 1, [{ status: 'R', path: 'new/a.go', oldPath: 'old/a.go' }]),
      commit('b@x', 2, [{ status: 'D', path: 'old/b.go' }]),
    ]);
    assert.deepStrictEqual(s.livePaths(), ['new/a.go']);
    const e = s.compute({ now: T0 });
    // a keeps first authorship of the renamed file (DOA 4.555 vs b's 3.235).
    assert.strictEqual(e.people.find((p) => p.name === 'a')?.skills.find((k) => k.skill === 'module:new')?.files, 1);
    assert.strictEqual(e.people.find((p) => p.name === 'b')?.skills.find((k) => k.skill === 'module:new')?.files, 0);
    assert.strictEqual(e.areas.has('module:old'), false);
    assert.deepStrictEqual(e.areas.get('module:new')?.files, 1);
    assert.deepStrictEqual(e.areas.get('module:new')?.merged, ['go']);
  });

  it('joins emails of one identity and matches emails case-insensitively', () => {
    const s = stateOf([commit('Ann@X', 0, [add('a/x.rb')], 'Ann'), commit('ann@x', 1, ['a/x.rb'], 'Ann B'), commit('ann@home', 2, ['a/x.rb'], 'Ann B')]);
    assert.deepStrictEqual(
      s.compute().people.map((p) => [p.key, p.name, p.emails, p.commits]),
      [
        ['ann@x', 'Ann B', ['Ann@X'], 2],
        ['ann@home', 'Ann B', ['ann@home'], 1],
      ],
    );
    const joined = s.compute({ identity: (e) => (e.toLowerCase().startsWith('ann@') ? 'ann' : e) });
    assert.deepStrictEqual(
      joined.people.map((p) => [p.key, p.emails, p.commits, p.skills[0].skill, p.skills[0].score, p.skills[0].files]),
      [['ann', ['Ann@X', 'ann@home'], 3, 'module:a', 1, 1]],
    );
  });

  it('gives the same result whether built at once, in steps, or restored from JSON', () => {
    const commits = [
      commit('a@x', 0, [add('src/core/a.ts'), add('db/migrations/1.sql'), add('README.md')]),
      commit('b@x', 10, ['src/core/a.ts', add('src/core/b.ts')]),
      commit('c@x', 20, [{ status: 'R', path: 'src/core/c.ts', oldPath: 'src/core/b.ts' }, 'README.md']),
      commit('a@x', 900, ['db/migrations/1.sql', add('db/migrations/2.sql')]),
      commit('b@x', 5000, [{ status: 'D', path: 'README.md' }, 'src/core/a.ts']),
    ];
    const now = T0 + 5000 * DAY;
    const whole = stateOf(commits, 90);
    const first = stateOf(commits.slice(0, 2), 90);
    const json = JSON.parse(JSON.stringify(first.toJSON())) as unknown;
    const restored = ExpertiseState.fromJSON(json, createClassifier());
    for (const c of commits.slice(2)) restored.addCommit(c);
    const [x, y] = [restored.compute({ now }), whole.compute({ now })];
    assert.deepStrictEqual(x, y);
    const places = (who: string, skill: string): string[] | undefined => x.people.find((p) => p.key === who)?.skills.find((k) => k.skill === skill)?.places;
    assert.deepStrictEqual(places('a@x', 'module:db'), ['db/']);
    assert.deepStrictEqual(places('b@x', 'module:src/core'), ['src/core/']);
    assert.deepStrictEqual(places('c@x', 'module:src/core'), []);
    assert.deepStrictEqual(restored.toJSON(), whole.toJSON());
    assert.strictEqual(restored.commits, 5);
  });

  it('stays finite over centuries with a short half-life', () => {
    const s = stateOf([commit('a@x', 0, [add('x/a.c')]), commit('b@x', 365 * 300, ['x/a.c'])], 7);
    const e = s.compute({ now: T0 + 365 * 300 * DAY });
    // b is active, a left three centuries ago: active people come first.
    assert.deepStrictEqual(e.people.map((p) => [p.name, p.active, p.skills.find((k) => k.skill === 'module:x')?.recent]), [
      ['b', true, 1],
      ['a', false, 0],
    ]);
    assert.ok(Number.isFinite(scoreOf(s, 'b@x', 'module:x') ?? NaN));
  });

  it('refuses malformed serialised state', () => {
    const good = stateOf([commit('a@x', 0, [add('x/a.c')])]).toJSON();
    const classify = createClassifier();
    const bad: unknown[] = [
      null,
      { ...good, v: 1 },
      { ...good, files: undefined },
      { ...good, paths: [] },
      { ...good, pathSets: [9] },
      { ...good, skillSets: [[99]] },
      { ...good, files: [[0, 7, 1]] },
      { ...good, files: [[0, 0, 0]] },
      { ...good, files: [[0, 0]] },
      { ...good, files: [[-2, 0, 1]] },
      { ...good, activity: [0, 0, 1] },
      { ...good, activity: [3, 0, 1, 1, 0] },
      { ...good, activityDays: [] },
      { ...good, activityDays: [[1.5, 1]] },
      { ...good, people: [[1, 'a', 1, 0, 0]] },
    ];
    assert.doesNotThrow(() => ExpertiseState.fromJSON(JSON.parse(JSON.stringify(good)), classify));
    for (const b of bad) assert.throws(() => ExpertiseState.fromJSON(b, classify), /invalid expertise state/, JSON.stringify(b));
  });
});
