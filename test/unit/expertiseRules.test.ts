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
    assert.strictEqual(json.v, 6);
    const record = json.files[json.paths.indexOf('comp/a.go')];
    // creator, then [person, units, day, activity, work]: the owner's creation and 3 edits, the manager's 2 · 15 units.
    assert.deepStrictEqual([record[0], record.slice(1).filter((_, i) => i % 5 === 1)], [0, [4 * DELIVERY_UNIT, 30]]);
    const classify = createClassifier();
    assert.deepStrictEqual(ExpertiseState.fromJSON(JSON.parse(JSON.stringify(json)), classify).compute({ now: T0 }), s.compute({ now: T0 }));
    assert.throws(() => ExpertiseState.fromJSON({ ...json, v: 5 }, classify), /unknown version/);
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

describe('expertise: the work done in an area, and focus', () => {
  const ids = (s: ExpertiseState, area: string): string[] =>
    s
      .compute({ now: T0 + 400 * DAY })
      .people.filter((p) => p.skills.some((k) => k.skill === area))
      .sort((a, b) => (b.skills.find((k) => k.skill === area)?.score ?? 0) - (a.skills.find((k) => k.skill === area)?.score ?? 0))
      .map((p) => p.emails[0]);

  it('counts the work done before a folder moved for the folder at HEAD', () => {
    // The maintainer writes the plugin and edits it for months; someone moves the folder; a newcomer
    // makes two small changes after the move.
    const FILES = ['a.ts', 'b.ts', 'c.ts'];
    const commits = [commit('keeper@x', 0, FILES.map((f) => add(`plugins/pg/${f}`)))];
    for (let k = 1; k <= 8; k++) commits.push(commit('keeper@x', 20 * k, [`plugins/pg/${FILES[k % 3]}`]));
    commits.push(commit('mover@x', 200, FILES.map((f) => ({ status: 'R' as const, oldPath: `plugins/pg/${f}`, path: `packages/pg/${f}` }))));
    commits.push(commit('new@x', 210, ['packages/pg/a.ts']), commit('new@x', 220, ['packages/pg/b.ts']));
    const s = stateOf(commits);
    const keeper = skill(s, 'keeper@x', 'module:packages/pg');
    // 9 of the 12 commits to these files are the keeper's, wherever the files were then (older, so
    // faded a little: 74%).
    assert.deepStrictEqual([keeper?.share, keeper?.score], [0.738, 1]);
    assert.ok((keeper?.recent ?? 0) > (skill(s, 'new@x', 'module:packages/pg')?.recent ?? 0), JSON.stringify(keeper));
    assert.deepStrictEqual(ids(s, 'module:packages/pg'), ['keeper@x', 'new@x', 'mover@x']);
  });

  it('keeps the work right when the fading sums are rescaled over a long history', () => {
    // A half-life of one day and 700 days between the two commits: the sums are rescaled (past 600
    // half-lives); the work still fades by 2^(−700 / 1460) = 0.717 → shares 0.418 and 0.582.
    const s = new ExpertiseState(createClassifier(), 1);
    s.addCommit(commit('old@x', 0, [add('lib/a.go'), add('lib/b.go'), add('lib/c.go')]));
    s.addCommit(commit('new@x', 700, ['lib/a.go', 'lib/b.go', 'lib/c.go']));
    const e = s.compute({ now: T0 + 700 * DAY });
    const share = (who: string): number | undefined => e.people.find((p) => p.key.startsWith(who))?.skills.find((k) => k.skill === 'module:lib')?.share;
    assert.deepStrictEqual([share('old'), share('new')], [0.418, 0.582]);
  });

  it("ranks a component's own maintainer ahead of someone whose changes are spread over every component", () => {
    // A lead scaffolds 8 components and edits each of them 5 times, one file per commit; one person
    // maintains comp0/ and edits it 6 times.
    const commits: CommitRecord[] = [];
    for (let c = 0; c < 8; c++) commits.push(commit('lead@x', 0, ['x', 'y', 'z'].map((f) => add(`comp${c}/${f}.go`))));
    for (let k = 0; k < 5; k++) for (let c = 0; c < 8; c++) commits.push(commit('lead@x', 10 + k * 8 + c, [`comp${c}/${['x', 'y', 'z'][k % 3]}.go`]));
    for (let k = 0; k < 6; k++) commits.push(commit('owner@x', 60 + k, [`comp0/${['x', 'y', 'z'][k % 3]}.go`]));
    const s = stateOf(commits);
    // About half of comp0/'s work is each one's, but all of the maintainer's work is there.
    assert.deepStrictEqual(ids(s, 'module:comp0'), ['owner@x', 'lead@x']);
    assert.deepStrictEqual(ids(s, 'module:comp3'), ['lead@x']);
    const owner = skill(s, 'owner@x', 'module:comp0');
    const lead = skill(s, 'lead@x', 'module:comp0');
    assert.deepStrictEqual([owner?.share, lead?.share], [0.505, 0.495]);
    assert.ok((owner?.focus ?? 0) > (lead?.focus ?? 0) * 2, JSON.stringify([owner, lead]));
  });
});
