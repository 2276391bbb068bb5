import * as assert from 'assert';
import { CommitRecord, ExpertiseState, FileChange } from '../../src/core/expertise';
import { deliveryUnits, DELIVERY_UNIT } from '../../src/core/expertise/authorship';
import { createClassifier } from '../../src/core/expertise/skills';

const DAY = 86_400;
const T0 = Date.UTC(2025, 0, 1) / 1000;
let serial = 0;

function commit(email: string, day: number, files: (string | FileChange)[]): CommitRecord {
  return {
    hash: String(++serial).padStart(40, '0'),
    authorName: email.split('@')[0],
    authorEmail: email,
    date: T0 + day * DAY,
    parents: 1,
    files: files.map((f) => (typeof f === 'string' ? { status: 'M', path: f } : f)),
  };
}
const add = (path: string): FileChange => ({ status: 'A', path });

function stateOf(commits: CommitRecord[]): ExpertiseState {
  const s = new ExpertiseState(createClassifier());
  for (const c of commits) s.addCommit(c);
  return s;
}

const COMPONENT = ['comp/a.go', 'comp/b.go', 'comp/c.go'];

/**
 * The component's owner writes its three files and edits each of them three times; a release
 * manager bumps every module `sweeps` times, each bump touching the component's three files and
 * `size − 3` files of other modules.
 */
function ownerAndSweeps(size: number, sweeps = 12): ExpertiseState {
  const others = Array.from({ length: size - COMPONENT.length }, (_, i) => `mod${i}/version.go`);
  const commits = [commit('owner@x', 0, COMPONENT.map(add)), commit('rel@x', 0, others.map(add))];
  for (let k = 1; k <= 3; k++) for (const f of COMPONENT) commits.push(commit('owner@x', 10 * k, [f]));
  for (let k = 1; k <= sweeps; k++) commits.push(commit('rel@x', 30 + 20 * k, [...COMPONENT, ...others]));
  return stateOf(commits);
}

function skill(s: ExpertiseState, who: string, area: string) {
  const e = s.compute({ now: T0 + 300 * DAY });
  return e.people.find((p) => p.emails.includes(who))?.skills.find((k) => k.skill === area);
}

describe('expertise: what a change delivers to a file', () => {
  it('counts a commit of up to 30 files whole for each file, a larger one by 30 over its size', () => {
    assert.strictEqual(deliveryUnits(1), DELIVERY_UNIT);
    assert.strictEqual(deliveryUnits(30), DELIVERY_UNIT);
    assert.strictEqual(deliveryUnits(60), DELIVERY_UNIT / 2);
    assert.strictEqual(deliveryUnits(120), DELIVERY_UNIT / 4);
    assert.strictEqual(deliveryUnits(299), 6);
    assert.ok(deliveryUnits(100_000) >= 1);
  });

  it('keeps a component with its owner when a release manager bumps every module in 120-file commits', () => {
    const s = ownerAndSweeps(120);
    const owner = skill(s, 'owner@x', 'module:comp');
    const rel = skill(s, 'rel@x', 'module:comp');
    // Twelve bumps weigh 12 · 30/120 = 3 deliveries per file: the owner's 4 (creation and 3 edits) win.
    assert.deepStrictEqual([owner?.score, owner?.files], [1, 3]);
    assert.ok(rel && rel.files === 0 && rel.authorship === 0 && rel.score < 0.5, JSON.stringify(rel));
  });

  it('still hands the files to who changes them in small commits', () => {
    // The same twelve changes made in commits of 20 files deliver whole: the release manager's 12
    // deliveries outweigh the owner's 4 with creation (3.293 + 1.968 − 0.321·ln 5 > 3.293 + 1.098 + 0.656 − 0.321·ln 13).
    const s = ownerAndSweeps(20);
    const rel = skill(s, 'rel@x', 'module:comp');
    const owner = skill(s, 'owner@x', 'module:comp');
    assert.ok(rel && owner && rel.files === 3 && rel.authorship > owner.authorship, JSON.stringify([rel, owner]));
  });

  it('serialises deliveries as whole units and refuses the previous layout', () => {
    const s = ownerAndSweeps(120, 2);
    const json = s.toJSON();
    assert.strictEqual(json.v, 5);
    const record = json.files[json.paths.indexOf('comp/a.go')];
    // creator, then [person, units, day]: the owner's creation and 3 edits, the manager's 2 · 15 units.
    assert.deepStrictEqual([record[0], record.slice(1).filter((_, i) => i % 3 === 1)], [0, [4 * DELIVERY_UNIT, 30]]);
    const classify = createClassifier();
    assert.deepStrictEqual(ExpertiseState.fromJSON(JSON.parse(JSON.stringify(json)), classify).compute({ now: T0 }), s.compute({ now: T0 }));
    assert.throws(() => ExpertiseState.fromJSON({ ...json, v: 4 }, classify), /unknown version/);
  });
});

describe('expertise: people who left', () => {
  it('scores someone who left above 1 where they held more than anyone active, so former experts rank by what they held', () => {
    const files = Array.from({ length: 10 }, (_, i) => `lib/f${i}.rb`);
    const s = stateOf([
      commit('wrote@x', 0, files.map(add)),
      commit('wrote@x', 5, files),
      commit('helped@x', 6, files.slice(0, 2)),
      // Two years later, one active person fixes one file.
      commit('now@x', 800, [files[0]]),
    ]);
    const e = s.compute({ now: T0 + 800 * DAY });
    const score = (who: string): number | undefined => e.people.find((p) => p.emails.includes(who))?.skills.find((k) => k.skill === 'module:lib')?.score;
    assert.deepStrictEqual(e.people.map((p) => [p.emails[0], p.active]), [['now@x', true], ['wrote@x', false], ['helped@x', false]]);
    assert.strictEqual(score('now@x'), 1);
    const wrote = score('wrote@x') ?? 0;
    const helped = score('helped@x') ?? 0;
    assert.ok(wrote > 1 && wrote > helped, `${wrote} ${helped}`);
  });
});
