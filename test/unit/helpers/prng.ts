/** mulberry32: a small seeded pseudo-random generator (numbers in [0, 1)), so a run can be replayed; the replay's own. */
export { seeded as prng } from '../../../src/core/review';
