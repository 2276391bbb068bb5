import * as assert from 'assert';
import { compileGlobs } from '../../src/core/glob';
import { HistoryChange, PersonRef } from '../../src/core/review/knowledge';
import { Replay } from '../../src/core/review/replay';
import { commonArea, suggestReviewers } from '../../src/core/review/reviewers';
import { epoch } from './helpers/gitRepo';

const DAY = 86_400;
const person = (name: string): PersonRef => ({ name, email: `${name.split(' ')[0].toLowerCase()}@example.com` });
const PATRICK = person('Patrick Steinhardt');
const KARTHIK = person('Karthik Nayak');
const JEFF = person('Jeff King');
const RENE = person('René Scharfe');
const OLD = person('Old Timer');
const T0 = epoch('2025-01-01');

let n = 0;
const change = (author: PersonRef, day: number, paths: string[], reviewers: PersonRef[] = []): HistoryChange => ({
  hash: String(++n).padStart(40, '0'),
  date: T0 + day * DAY,
  author,
  coAuthors: [],
  reviewers,
  files: paths.map((path) => ({ status: 'M' as const, path })),
});

/** Patrick alone changes refs/; Jeff, René and Karthik share lib/; Old Timer left long ago. */
function history(): HistoryChange[] {
  const out: HistoryChange[] = [change(OLD, 0, ['legacy/a.c', 'legacy/b.c'])];
  for (let i = 0; i < 50; i++) {
    const day = 250 + 3 * i;
    out.push(change(PATRICK, day, ['refs/files.c', 'refs/packed.c']));
    const author = [JEFF, RENE, KARTHIK][i % 3];
    out.push(change(author, day, ['lib/x.c', 'lib/y.c'], i % 2 && author !== JEFF ? [JEFF] : []));
  }
  return out;
}

function view(goals = false) {
  const replay = new Replay({
    // Nothing replayed: no simulated learner adds to anyone's load here.
    start: T0 + 400 * DAY,
    end: T0 + 400 * DAY,
    tree: [],
    goals: goals ? [{ id: 'refs', title: 'Learn the refs backend', owner: 'karthik', ownerName: 'Karthik', ownerEmails: [KARTHIK.email], covers: compileGlobs(['refs/**']) }] : [],
  });
  for (const c of history()) replay.add(c);
  return replay.view();
}

describe('reviewer suggestions', () => {
  it('names the owner of a goal that covers an island as the learner, with the reason, and the expert to pair with', () => {
    const out = suggestReviewers(view(true), [RENE], ['refs/files.c']);
    assert.deepStrictEqual(out, [
      { person: KARTHIK.email, name: 'Karthik Nayak', role: 'learner', area: 'refs/files.c', reason: "only Patrick Steinhardt has changed or reviewed refs/files.c in the last year; Karthik's goal “Learn the refs backend” covers it", goal: 'refs' },
      { person: PATRICK.email, name: 'Patrick Steinhardt', role: 'expert', area: 'refs/files.c', reason: 'knows refs/files.c besides the author: pair with Karthik Nayak' },
    ]);
  });

  it('is never the author: the island holder changing it gets a learner, not themselves', () => {
    const out = suggestReviewers(view(true), [PATRICK], ['refs/files.c', 'refs/packed.c'], {
      partnerOf: (e) => (e === KARTHIK.email ? { id: 'karthik', name: 'Karthik' } : undefined),
    });
    assert.ok(out.every((s) => s.person !== PATRICK.email));
    assert.strictEqual(out[0].role, 'learner');
    assert.strictEqual(out[0].person, 'karthik');
    assert.strictEqual(out[0].area, 'refs/');
    assert.match(out[0].reason, /^only the author has changed or reviewed refs\/ in the last year; Karthik's goal/);
  });

  it('without goals takes the active person nearest to it; never someone who left', () => {
    const out = suggestReviewers(view(false), [PATRICK], ['refs/files.c', 'legacy/a.c']);
    assert.strictEqual(out[0].role, 'learner');
    assert.ok(![PATRICK.email, OLD.email].includes(out[0].person));
    assert.match(out[0].reason, /is the active person nearest to it$/);
    for (const s of out) assert.notStrictEqual(s.person, OLD.email);
  });

  it('suggests the best available expert where knowledge is shared', () => {
    const out = suggestReviewers(view(), [RENE], ['lib/x.c']);
    assert.strictEqual(out.length, 1);
    assert.strictEqual(out[0].role, 'expert');
    assert.notStrictEqual(out[0].person, RENE.email);
    assert.strictEqual(out[0].reason, 'changed or reviewed 1 of the 1 changed file in the last year');
  });

  it('finds the folder the files share', () => {
    assert.strictEqual(commonArea(['refs/a.c', 'refs/files/b.c']), 'refs/');
    assert.strictEqual(commonArea(['refs/files/a.c', 'refs/files/b.c']), 'refs/files/');
    assert.strictEqual(commonArea(['a.c', 'refs/b.c']), '');
    assert.strictEqual(commonArea(['refs/a.c']), 'refs/a.c');
  });
});
