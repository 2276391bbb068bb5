import * as assert from 'assert';
import { compileGlobs } from '../../src/core/glob';
import { HistoryChange, PersonRef } from '../../src/core/review/knowledge';
import { AddedReviewer, replayHistory, ReplayOptions, ReplayResult, StrategyName } from '../../src/core/review/replay';
import { readReviewHistory } from '../../src/git/reviewHistory';
import { buildRepo, epoch } from './helpers/gitRepo';
import { prng } from './helpers/prng';

const DAY = 86_400;
const person = (name: string): PersonRef => ({ name, email: `${name.toLowerCase().replace(/ /g, '.')}@example.com` });
const ALICE = person('Alice Smith');
const BOB = person('Bob Brown');
const CAROL = person('Carol Jones');
const DAN = person('Dan White');
const ERIN = person('Erin Green');

let counter = 0;
function change(author: PersonRef, date: number, paths: string[], reviewers: PersonRef[] = [], status: 'A' | 'M' = 'M'): HistoryChange {
  return { hash: (++counter).toString(16).padStart(40, '0'), date, author, coAuthors: [], reviewers, files: paths.map((path) => ({ status, path })) };
}

const T0 = epoch('2025-01-01');
const END = T0 + 400 * DAY;
const START = END - 200 * DAY;

/**
 * A team where Alice alone works in refs/ and everyone else shares lib/: refs/ is an island.
 * Everyone commits to lib/ every few days, so all stay active.
 */
function teamHistory(random: () => number, refsReviewers: PersonRef[] = []): HistoryChange[] {
  const out: HistoryChange[] = [];
  const others = [BOB, CAROL, DAN, ERIN];
  for (let day = 0; day < 400; day += 2) {
    const t = T0 + day * DAY;
    out.push(change(others[Math.floor(random() * others.length)], t, [`lib/f${Math.floor(random() * 6)}.c`, `lib/f${Math.floor(random() * 6)}.c`]));
    if (day % 10 === 0) out.push(change(ALICE, t + 3600, [`refs/r${(day / 10) % 8}.c`, `refs/r${(day / 10 + 1) % 8}.c`, `refs/r${(day / 10 + 2) % 8}.c`], refsReviewers));
  }
  return out;
}

const tree = [...Array.from({ length: 6 }, (_, i) => `lib/f${i}.c`), ...Array.from({ length: 8 }, (_, i) => `refs/r${i}.c`)];
const base: ReplayOptions = { start: START, end: END, tree, seed: 7 };

function run(history: HistoryChange[], options: Partial<ReplayOptions> = {}): { result: ReplayResult; added: AddedReviewer[] } {
  const added: AddedReviewer[] = [];
  const result = replayHistory(history, { ...base, ...options, onAdded: (a) => added.push(a) });
  return { result, added };
}

const strategy = (r: ReplayResult, name: StrategyName) => r.strategies.find((s) => s.name === name)!;

describe('review replay', () => {
  it('sends the owner of a goal that covers an island to review it, naming the goal', () => {
    const goal = { id: 'refs', title: 'Learn the refs backend', owner: 'dan', ownerName: 'Dan White', ownerEmails: [DAN.email], covers: compileGlobs(['refs/**']) };
    const { result, added } = run(teamHistory(prng(3)), { goals: [goal], budget: 1 });
    const ours = added.filter((a) => a.strategy === 'ours');
    assert.ok(ours.length > 0, 'the learner strategy added someone');
    const refs = ours.filter((a) => a.files.some((f) => f.startsWith('refs/')));
    assert.ok(refs.length > 0);
    // Dan, unless the reviews already sent to him this month make him too busy.
    const dan = refs.filter((a) => a.person.email === DAN.email);
    assert.ok(dan.length >= refs.length * 0.8, `${dan.length} of ${refs.length}`);
    for (const a of dan) assert.strictEqual(a.goal?.id, 'refs');
    for (const a of ours) if (a.goal) assert.strictEqual(a.person.email, DAN.email);
    // refs/ ends known by Alice and Dan: none of its files is at risk any more.
    assert.ok(strategy(result, 'ours').filesAtRisk < strategy(result, 'status-quo').filesAtRisk);
  });

  it('without goals sends the active person nearest to the island', () => {
    const history = teamHistory(prng(4));
    // Carol once added a note to refs/: she knows the folder, not its files.
    history.push(change(CAROL, START - 30 * DAY, ['refs/README']));
    history.sort((a, b) => a.date - b.date);
    const { added } = run(history, { budget: 1 });
    const refs = added.filter((a) => a.strategy === 'ours' && a.files.some((f) => f.startsWith('refs/')));
    assert.ok(refs.length > 0);
    assert.strictEqual(refs[0].person.email, CAROL.email, 'Carol knows the folder');
  });

  it('never adds the author, a co-author or a recorded reviewer of the change', () => {
    const random = prng(11);
    const people = [ALICE, BOB, CAROL, DAN, ERIN];
    const history: HistoryChange[] = [];
    for (let i = 0; i < 300; i++) {
      const author = people[Math.floor(random() * people.length)];
      const reviewer = people[Math.floor(random() * people.length)];
      const files = Array.from({ length: 1 + Math.floor(random() * 4) }, () => `src/${Math.floor(random() * 5)}/f${Math.floor(random() * 10)}.ts`);
      const c = change(author, T0 + i * DAY, files, reviewer === author ? [] : [reviewer]);
      if (random() < 0.2) c.coAuthors = [people[(people.indexOf(author) + 1) % people.length]];
      history.push(c);
    }
    const byHash = new Map(history.map((c) => [c.hash, c]));
    const { added } = run(history, { start: T0 + 100 * DAY, end: T0 + 300 * DAY, budget: 1 });
    assert.ok(added.length > 200);
    for (const a of added) {
      const c = byHash.get(a.hash)!;
      for (const other of [c.author, ...c.coAuthors, ...c.reviewers]) assert.notStrictEqual(a.person.email, other.email, `${a.strategy} added ${a.person.name} to ${a.hash}`);
    }
  });

  it('spreads the learners: nobody is sent more than six reviews within thirty days', () => {
    // Alice adds new files every day: every change is concentrated; four people could learn them.
    const history: HistoryChange[] = [];
    for (let day = 0; day < 60; day++) {
      const t = T0 + day * DAY;
      for (const p of [BOB, CAROL, DAN, ERIN]) history.push(change(p, t, ['lib/shared.c']));
      history.push(change(ALICE, t + 60, [`new/a${day}.c`, `new/b${day}.c`], [], 'A'));
    }
    const { added } = run(history, { start: T0 + 20 * DAY, end: T0 + 60 * DAY, tree: ['lib/shared.c'], budget: 1 });
    const ours = added.filter((a) => a.strategy === 'ours' && a.files.some((f) => f.startsWith('new/')));
    assert.ok(ours.length >= 30, `${ours.length} learners`);
    const who = new Set(ours.map((a) => a.person.email));
    assert.ok(who.size >= 4, `learners: ${[...who].join(', ')}`);
    for (const a of ours) {
      const recent = ours.filter((b) => b.person.email === a.person.email && b.date <= a.date && b.date > a.date - 30 * DAY);
      assert.ok(recent.length <= 6, `${a.person.name} has ${recent.length} reviews in 30 days`);
    }
  });

  it('counts Reviewed-by trailers in the status quo', () => {
    const without = run(teamHistory(prng(5))).result;
    const withReviews = run(teamHistory(prng(5), [BOB])).result;
    assert.ok(strategy(without, 'status-quo').filesAtRisk >= 8, 'refs/ is at risk without reviews');
    assert.strictEqual(strategy(withReviews, 'status-quo').filesAtRisk, strategy(without, 'status-quo').filesAtRisk - 8);
  });

  it('gives the same result for the same seed', () => {
    const history = teamHistory(prng(9));
    const a = run(history, { seed: 42 });
    const b = run(history, { seed: 42 });
    assert.deepStrictEqual(a.result, b.result);
    assert.deepStrictEqual(
      a.added.map((x) => [x.strategy, x.hash, x.person.email]),
      b.added.map((x) => [x.strategy, x.hash, x.person.email]),
    );
    const c = run(history, { seed: 43 });
    assert.notDeepStrictEqual(
      a.added.filter((x) => x.strategy === 'random').map((x) => x.person.email),
      c.added.filter((x) => x.strategy === 'random').map((x) => x.person.email),
    );
  });

  it('adds a learner to at most the budget of changes', () => {
    const { result } = run(teamHistory(prng(6)));
    assert.ok(strategy(result, 'ours').extraReviewShare <= 0.05 + 1e-9, JSON.stringify(strategy(result, 'ours')));
    assert.ok(strategy(result, 'expert').extraReviewShare > 0.5, 'the expert is added to most changes');
  });
});

describe('review history reader', () => {
  it('reads reviewers and co-authors from trailers, leaving out bots', async () => {
    const repo = buildRepo([
      { author: 'Alice Smith <alice@example.com>', date: '2025-01-10', files: { 'refs/a.c': 'x' }, message: 'Add refs\n\nReviewed-by: Bob Brown <bob@example.com>\nAcked-by: ci-bot <ci-bot@example.com>\nHelped-by: Carol Jones <carol@example.com>' },
      { author: 'Bob Brown <bob@example.com>', date: '2025-01-11', files: { 'refs/a.c': 'y', 'lib/b.c': 'z' }, message: 'Change\n\nCo-authored-by: Dan White <dan@example.com>' },
    ]);
    const out: HistoryChange[] = [];
    for await (const c of readReviewHistory(repo)) out.push(c);
    assert.strictEqual(out.length, 2);
    assert.deepStrictEqual(out[0].reviewers, [
      { name: 'Bob Brown', email: 'bob@example.com' },
      { name: 'Carol Jones', email: 'carol@example.com' },
    ]);
    assert.deepStrictEqual(out[0].files, [{ status: 'A', path: 'refs/a.c' }]);
    assert.deepStrictEqual(out[1].coAuthors, [{ name: 'Dan White', email: 'dan@example.com' }]);
    assert.deepStrictEqual(out[1].files.map((f) => f.path).sort(), ['lib/b.c', 'refs/a.c']);
    assert.strictEqual(out[1].author.email, 'bob@example.com');
  });
});
