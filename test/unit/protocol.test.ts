import assert from 'node:assert/strict';
import { isHostMessage, isReviewPanelData, isWebviewMessage, parseProgress } from '../../src/protocol/review';
import type { WebviewToHost } from '../../src/protocol/review';
import { privateData, reviewData } from '../webview/fixture';

/** postMessage delivers a structured clone: what a guard really sees. */
const clone = <T>(x: T): T => structuredClone(x);

describe('review protocol', () => {
  describe('isWebviewMessage', () => {
    const valid: WebviewToHost[] = [
      { type: 'ready' },
      { type: 'saveReview', requestId: 'r1', goalId: 'rust-async', review: { progress: 60, status: 'active', note: 'ok', by: 'ada' } },
      { type: 'saveReview', requestId: 'r2', goalId: 'g', review: { progress: 0, status: 'achieved', by: 'ada' } },
      { type: 'saveReview', requestId: 'r3', goalId: 'g', review: { progress: 100, status: 'dropped', by: 'ada' } },
      { type: 'logSession', partnershipId: 'ada-grace' },
      { type: 'logSession', partnershipId: 'ada-grace', goalId: 'rust-async' },
      { type: 'openGoal', goalId: 'rust-async' },
      { type: 'openCommit', hash: '3f2a9c1d' },
      { type: 'prepareSession', partnershipId: 'ada-grace' },
      { type: 'saveReview', requestId: 'r4', goalId: 'g', review: { progress: 10, status: 'active', by: 'ada' }, reflection: 'Between us.' },
      { type: 'reflectionDraft', goalId: 'g', text: '' },
      { type: 'reflectionDraft', goalId: 'g', text: 'half a thought' },
    ];
    for (const m of valid) {
      it(`accepts ${JSON.stringify(m)}`, () => assert.equal(isWebviewMessage(clone(m)), true));
    }

    const review = { progress: 50, status: 'active', by: 'ada' };
    const invalid: [string, unknown][] = [
      ['null', null],
      ['a string', 'ready'],
      ['an array', [{ type: 'ready' }]],
      ['an unknown type', { type: 'deleteEverything' }],
      ['a type inherited from Object', { type: 'toString' }],
      ['an extra field', { type: 'ready', extra: 1 }],
      ['progress 120', { type: 'saveReview', requestId: 'r', goalId: 'g', review: { ...review, progress: 120 } }],
      ['progress -5', { type: 'saveReview', requestId: 'r', goalId: 'g', review: { ...review, progress: -5 } }],
      ['progress 12.5', { type: 'saveReview', requestId: 'r', goalId: 'g', review: { ...review, progress: 12.5 } }],
      ['progress as text', { type: 'saveReview', requestId: 'r', goalId: 'g', review: { ...review, progress: '50' } }],
      ['progress NaN', { type: 'saveReview', requestId: 'r', goalId: 'g', review: { ...review, progress: NaN } }],
      ['an unknown status', { type: 'saveReview', requestId: 'r', goalId: 'g', review: { ...review, status: 'done' } }],
      ['no reviewer', { type: 'saveReview', requestId: 'r', goalId: 'g', review: { progress: 5, status: 'active' } }],
      ['an empty reviewer', { type: 'saveReview', requestId: 'r', goalId: 'g', review: { ...review, by: '' } }],
      ['a note that is not text', { type: 'saveReview', requestId: 'r', goalId: 'g', review: { ...review, note: 5 } }],
      ['an extra review field', { type: 'saveReview', requestId: 'r', goalId: 'g', review: { ...review, date: '2026-01-01' } }],
      ['an empty request id', { type: 'saveReview', requestId: '', goalId: 'g', review }],
      ['no goal id', { type: 'saveReview', requestId: 'r', review }],
      ['logSession without a partnership', { type: 'logSession', goalId: 'g' }],
      ['logSession with a numeric goal', { type: 'logSession', partnershipId: 'p', goalId: 3 }],
      ['prepareSession without a partnership', { type: 'prepareSession' }],
      ['prepareSession with a goal', { type: 'prepareSession', partnershipId: 'p', goalId: 'g' }],
      ['openGoal without a goal', { type: 'openGoal' }],
      ['openCommit with a non-hex hash', { type: 'openCommit', hash: 'HEAD; rm -rf /' }],
      ['openCommit with an option as hash', { type: 'openCommit', hash: '--output=x' }],
      ['a reflection that is not text', { type: 'saveReview', requestId: 'r', goalId: 'g', review, reflection: 5 }],
      ['a reflection inside the review', { type: 'saveReview', requestId: 'r', goalId: 'g', review: { ...review, reflection: 'x' } }],
      ['a reflection draft without text', { type: 'reflectionDraft', goalId: 'g' }],
      ['a reflection draft without a goal', { type: 'reflectionDraft', goalId: '', text: 'x' }],
    ];
    for (const [name, m] of invalid) {
      it(`refuses ${name}`, () => assert.equal(isWebviewMessage(m), false));
    }

    it('accepts an optional field present as undefined', () => {
      assert.equal(isWebviewMessage({ type: 'logSession', partnershipId: 'p', goalId: undefined }), true);
    });
  });

  describe('isHostMessage', () => {
    it('accepts the full panel data, and without its optional fields', () => {
      assert.equal(isHostMessage(clone({ type: 'data', data: reviewData() })), true);
      const bare = reviewData();
      delete bare.me;
      delete bare.summary.nextDue;
      delete bare.summary.lastSession;
      bare.goals = [];
      assert.equal(isHostMessage({ type: 'data', data: bare }), true);
    });

    it('accepts the panel data with private notes', () => {
      assert.equal(isHostMessage(clone({ type: 'data', data: { ...reviewData(), private: privateData() } })), true);
      assert.equal(isHostMessage({ type: 'data', data: { ...reviewData(), private: { ...privateData(), error: 'x.yml:1:1: bad' } } }), true);
    });

    it('accepts save results and errors', () => {
      assert.equal(isHostMessage({ type: 'saveResult', requestId: 'r1', ok: true }), true);
      assert.equal(isHostMessage({ type: 'saveResult', requestId: 'r1', ok: true, warning: 'The reflection was not kept.' }), true);
      assert.equal(isHostMessage({ type: 'saveResult', requestId: 'r1', ok: true, warning: 3 }), false);
      assert.equal(isHostMessage({ type: 'saveResult', requestId: 'r1', ok: false, message: 'The file changed on disk.' }), true);
      assert.equal(isHostMessage({ type: 'error', message: 'The mentoring file has errors.' }), true);
    });

    it('refuses malformed messages', () => {
      assert.equal(isHostMessage(undefined), false);
      assert.equal(isHostMessage({ type: 'ready' }), false);
      assert.equal(isHostMessage({ type: 'saveResult', requestId: 'r1' }), false);
      assert.equal(isHostMessage({ type: 'saveResult', requestId: 'r1', ok: false }), false);
      assert.equal(isHostMessage({ type: 'saveResult', ok: true }), false);
      assert.equal(isHostMessage({ type: 'error' }), false);
      assert.equal(isHostMessage({ type: 'data' }), false);
    });

    const broken: [string, (d: ReturnType<typeof reviewData>) => void][] = [
      ['a bad date', (d) => (d.today = '2026-02-30')],
      ['a goal without reviews', (d) => Reflect.deleteProperty(d.goals[0], 'reviews')],
      ['progress above 100', (d) => (d.goals[0].progress = 101)],
      ['a review with fractional progress', (d) => (d.goals[0].reviews[0].progress = 33.3)],
      ['an unknown goal status', (d) => Reflect.set(d.goals[0], 'status', 'finished')],
      ['an unknown session status', (d) => Reflect.set(d.timeline.sessions[0], 'status', 'skipped')],
      ['a person without a name', (d) => Reflect.deleteProperty(d.partnership.members[0], 'name')],
      ['negative hours', (d) => (d.summary.hours = -1)],
      ['evidence neither available nor not', (d) => Reflect.set(d.goals[0], 'evidence', { commits: [] })],
      ['unavailable evidence without a reason', (d) => Reflect.set(d.goals[1], 'evidence', { available: false })],
      ['a commit without a trailer flag', (d) => Reflect.deleteProperty((d.goals[0].evidence as { commits: object[] }).commits[0], 'trailer')],
      ['an unknown partnership kind', (d) => Reflect.set(d.partnership, 'kind', 'group')],
      ['a private note without text', (d) => (d.private = { ...privateData(), sessions: [{ date: '2026-01-01', status: 'held', notes: [{ written: 'x' } as never] }] })],
      ['private notes without their store', (d) => Reflect.deleteProperty((d.private = privateData()), 'store')],
      ['a private draft without a goal', (d) => (d.private = { ...privateData(), drafts: [{ goal: '', text: 'x' }] })],
    ];
    for (const [name, breakIt] of broken) {
      it(`refuses data with ${name}`, () => {
        const d = reviewData();
        breakIt(d);
        assert.equal(isReviewPanelData(d), false);
        assert.equal(isHostMessage({ type: 'data', data: d }), false);
      });
    }
  });

  describe('parseProgress', () => {
    it('reads whole numbers from 0 to 100', () => {
      assert.deepEqual(parseProgress('0'), { ok: true, value: 0 });
      assert.deepEqual(parseProgress(' 100 '), { ok: true, value: 100 });
      assert.deepEqual(parseProgress('007'), { ok: true, value: 7 });
    });
    it('takes a trailing percent sign, as progress is shown', () => {
      assert.deepEqual(parseProgress('60%'), { ok: true, value: 60 });
      assert.deepEqual(parseProgress(' 100 % '), { ok: true, value: 100 });
    });
    for (const bad of ['', '  ', '120', '-5', 'abc', '12.5', '1e2', '0x10', '%50', '50%%', '120%', '--5']) {
      it(`refuses ${JSON.stringify(bad)} with a message`, () => {
        const r = parseProgress(bad);
        assert.equal(r.ok, false);
        assert.match(r.ok ? '' : r.message, /0 to 100/);
      });
    }
  });
});
