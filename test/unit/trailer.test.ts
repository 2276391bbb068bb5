import * as assert from 'assert';
import { addGoalTrailer, goalTrailers } from '../../src/core/review/trailer';

describe('goal trailers', () => {
  describe('addGoalTrailer', () => {
    it('adds a trailer block after a blank line', () => {
      assert.strictEqual(addGoalTrailer('Fix the parser', 'async-errors'), 'Fix the parser\n\nMentoring-Goal: async-errors');
    });

    it('keeps the trailing newline and the body exactly', () => {
      const message = 'Fix the parser\n\nLong  body\twith spacing.\n  indented line\n';
      assert.strictEqual(
        addGoalTrailer(message, 'g1'),
        'Fix the parser\n\nLong  body\twith spacing.\n  indented line\n\nMentoring-Goal: g1\n',
      );
    });

    it('appends to an existing trailer block', () => {
      const message = 'Subject\n\nBody.\n\nSigned-off-by: Ann <ann@example.com>\nCo-authored-by: Bob <bob@example.com>\n';
      assert.strictEqual(
        addGoalTrailer(message, 'g1'),
        'Subject\n\nBody.\n\nSigned-off-by: Ann <ann@example.com>\nCo-authored-by: Bob <bob@example.com>\nMentoring-Goal: g1\n',
      );
    });

    it('treats a block with folded continuation lines as trailers', () => {
      const message = 'Subject\n\nReviewed-by: Ann\n  and the whole team\n';
      assert.strictEqual(addGoalTrailer(message, 'g2'), 'Subject\n\nReviewed-by: Ann\n  and the whole team\nMentoring-Goal: g2\n');
    });

    it('never takes the subject line for a trailer', () => {
      assert.strictEqual(addGoalTrailer('Fix: crash on empty file', 'g1'), 'Fix: crash on empty file\n\nMentoring-Goal: g1');
    });

    it('does not take a prose paragraph for a trailer block', () => {
      const message = 'Subject\n\nThis changes: a lot\nand more.';
      assert.strictEqual(addGoalTrailer(message, 'g1'), 'Subject\n\nThis changes: a lot\nand more.\n\nMentoring-Goal: g1');
    });

    it('adds no duplicate', () => {
      const once = addGoalTrailer('Subject\n', 'g1');
      assert.strictEqual(addGoalTrailer(once, 'g1'), once);
      assert.strictEqual(addGoalTrailer('Subject\n\nmentoring-goal:  g1\n', 'g1'), 'Subject\n\nmentoring-goal:  g1\n');
    });

    it('adds a second goal to the same block', () => {
      const twice = addGoalTrailer(addGoalTrailer('Subject', 'g1'), 'g2');
      assert.strictEqual(twice, 'Subject\n\nMentoring-Goal: g1\nMentoring-Goal: g2');
      assert.deepStrictEqual(goalTrailers(twice), ['g1', 'g2']);
    });

    it('keeps CRLF line endings', () => {
      assert.strictEqual(addGoalTrailer('Subject\r\n\r\nBody\r\n', 'g1'), 'Subject\r\n\r\nBody\r\n\r\nMentoring-Goal: g1\r\n');
    });

    it('leaves an empty first line for the subject of an empty message', () => {
      const message = addGoalTrailer('', 'g1');
      assert.strictEqual(message, '\n\nMentoring-Goal: g1');
      assert.strictEqual(addGoalTrailer(message, 'g2'), '\n\nMentoring-Goal: g1\nMentoring-Goal: g2');
    });

    it('refuses an empty or multi-line id', () => {
      assert.throws(() => addGoalTrailer('Subject', ' '), /not a goal id/);
      assert.throws(() => addGoalTrailer('Subject', 'a\nb'), /not a goal id/);
    });
  });

  describe('goalTrailers', () => {
    it('reads ids from the trailer block only', () => {
      const message = 'Subject\n\nMentoring-Goal: in-body\nis prose here\n\nMentoring-Goal: g1\nSigned-off-by: Ann\nMentoring-Goal: g2\nMentoring-Goal: g1\n';
      assert.deepStrictEqual(goalTrailers(message), ['g1', 'g2']);
    });

    it('returns nothing without a trailer block', () => {
      assert.deepStrictEqual(goalTrailers('Mentoring-Goal: g1'), []);
      assert.deepStrictEqual(goalTrailers('Subject\n\nBody text'), []);
      assert.deepStrictEqual(goalTrailers(''), []);
    });
  });
});
