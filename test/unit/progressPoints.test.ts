import * as assert from 'assert/strict';
import type { GoalView } from '../../src/protocol/review';
import { progressPoints } from '../../webview/review/charts';

const TODAY = '2026-06-10';

function goal(progress: number | undefined, reviews: { date: string; progress?: number }[]): GoalView {
  const g: GoalView = {
    id: 'g',
    title: 'Async Rust',
    owner: { id: 'ada', name: 'Ada' },
    mentors: [],
    status: 'active',
    overdue: false,
    reviews: reviews.map((r) => ({ ...r, by: { id: 'ada', name: 'Ada' } })),
    sessions: [],
    evidence: { available: false, reason: 'x' },
  };
  if (progress !== undefined) g.progress = progress;
  return g;
}

describe('review panel: the progress chart plots every recorded value', () => {
  it('plots each review with progress, oldest first', () => {
    assert.deepEqual(progressPoints(goal(40, [{ date: '2026-05-01', progress: 40 }, { date: '2026-03-01', progress: 20 }, { date: '2026-04-01' }]), TODAY), [
      { date: '2026-03-01', progress: 20 },
      { date: '2026-05-01', progress: 40 },
    ]);
  });

  it('adds the file’s own progress when no review says it: set without a review, or never reviewed', () => {
    assert.deepEqual(progressPoints(goal(60, [{ date: '2026-05-01', progress: 40 }]), TODAY), [
      { date: '2026-05-01', progress: 40 },
      { date: TODAY, progress: 60, current: true },
    ]);
    assert.deepEqual(progressPoints(goal(20, []), TODAY), [{ date: TODAY, progress: 20, current: true }], 'one value in the file: one point, not an empty chart');
    assert.deepEqual(progressPoints(goal(undefined, []), TODAY), []);
  });
});
