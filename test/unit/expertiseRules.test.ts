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

describe('expertise: files added back', () => {
  const FILES = ['capi/provider.go', 'capi/nodegroup.go', 'capi/controller.go', 'capi/README.md'];
  // The component's maintainer writes it and keeps editing it; someone removes it (a migration)
  // and, weeks later, reverts the removal.
  const history = (removal: number): CommitRecord[] => {
    const pad = Array.from({ length: Math.max(0, removal - FILES.length) }, (_, i) => ({ status: 'D' as const, path: `old/f${i}.go` }));
    return [
      commit('keeper@x', 0, FILES.map(add)),
      ...(pad.length ? [commit('other@x', 1, pad.map((f) => add(f.path)))] : []),
      ...FILES.map((f, i) => commit('keeper@x', 10 + i, [f])),
      ...FILES.map((f, i) => commit('keeper@x', 100 + i, [f])),
      commit('mover@x', 200, [...FILES.map((path) => ({ status: 'D' as const, path })), ...pad]),
      commit('mover@x', 230, FILES.map(add)),
    ];
  };

  it('gives a file added back at its path its history again: the revert is a change, not a creation', () => {
    const s = stateOf(history(4));
    const keeper = skill(s, 'keeper@x', 'module:capi');
    const mover = skill(s, 'mover@x', 'module:capi');
    assert.deepStrictEqual([keeper?.files, keeper?.score], [4, 1]);
    assert.ok(mover && mover.files === 0 && mover.authorship === 0, JSON.stringify(mover));
  });

  it('does so also after a mass change removed the files, and after the state was saved in between', () => {
    for (const removal of [4, 400]) {
      const commits = history(removal);
      const whole = stateOf(commits);
      const before = stateOf(commits.slice(0, -1));
      const restored = ExpertiseState.fromJSON(JSON.parse(JSON.stringify(before.toJSON())), createClassifier());
      restored.addCommit(commits[commits.length - 1]);
      assert.deepStrictEqual(restored.compute({ now: T0 + 300 * DAY }), whole.compute({ now: T0 + 300 * DAY }), `removal of ${removal} files`);
      assert.strictEqual(skill(whole, 'keeper@x', 'module:capi')?.files, 4, `removal of ${removal} files`);
    }
  });

  it("keeps a deleted file's record for HEAD when a merge kept the file", () => {
    const commits = history(4).slice(0, -1);
    const s = stateOf(commits);
    s.setTree([...FILES]);
    assert.strictEqual(skill(s, 'keeper@x', 'module:capi')?.files, 4);
    assert.strictEqual(s.toJSON().deletedPaths.length, 0);
  });
});
