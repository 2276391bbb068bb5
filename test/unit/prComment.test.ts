import * as assert from 'assert/strict';
import { COMMENT_MARKER, CommentGoal, goalsSection, MAX_FILES_PER_GOAL, prCode, prText, renderComment, reviewersSection } from '../../src/core/review/prComment';
import { assertInert, HOSTILE, md } from './helpers/inertMarkdown';

function goal(over: Partial<CommentGoal> = {}): CommentGoal {
  return {
    id: 'async-errors',
    title: 'Handle async errors confidently',
    ownerName: 'Bob Stone',
    mentorNames: ['Ann Lee'],
    progress: 40,
    questions: ['Is every rejected promise handled or passed on?'],
    files: ['server/errors/handler.ts'],
    ...over,
  };
}

describe('pull request comment', () => {
  it('starts with the marker and lists each goal with owner, mentor, progress, questions and files', () => {
    const body = renderComment(goalsSection([goal()], 'origin/main'));
    const lines = body.split('\n');
    assert.equal(lines[0], COMMENT_MARKER);
    assert.ok(body.includes('#### Handle async errors confidently'), body);
    assert.ok(body.includes('Bob Stone’s goal · mentored by Ann Lee · 40% done · `async-errors`'), body);
    assert.ok(md.render(body).includes('<li>Is every rejected promise handled or passed on?</li>'), body);
    assert.ok(body.includes('- `server/errors/handler.ts`'), body);
    assert.ok(body.includes('compared with `origin/main`'), body);
    const html = md.render(body);
    assert.match(html, /<h4>Handle async errors confidently<\/h4>/);
    assertInert(body);
  });

  it('is empty when the change touches no goal', () => {
    assert.equal(renderComment(goalsSection([], 'origin/main')), '');
  });

  for (const value of HOSTILE) {
    it(`renders ${JSON.stringify(value.slice(0, 40))} as plain text wherever it comes from`, () => {
      const body = renderComment(goalsSection([goal({ title: value, ownerName: value, mentorNames: [value], questions: [value], files: [value], id: value })], value));
      assertInert(body);
      assert.equal(body.split('\n')[0], COMMENT_MARKER);
      assert.ok(!body.includes('\n::'), 'no line reads as a workflow command');
    });
  }

  it('shows the words of a title as they are (escapes and joiners are invisible)', () => {
    const title = 'Use @decorators & #private fields in lib/eslint (see www.eslint.org)';
    const html = md.render(prText(title));
    const shown = html.replace(/<[^>]+>/g, '').replace(/\u2060/g, '').trim().replace(/&amp;/g, '&');
    assert.equal(shown, title);
  });

  it('keeps a path with backticks in one code span', () => {
    assert.equal(prCode('a`b'), '``a`b``');
    assert.equal(prCode('`x`'), '`` `x` ``');
    assert.equal(md.render(prCode('a``b`c')).trim(), '<p><code>a``b`c</code></p>');
  });

  it('lists at most MAX_FILES_PER_GOAL files under a goal and counts the rest', () => {
    const files = Array.from({ length: MAX_FILES_PER_GOAL + 5 }, (_, i) => `src/f${i}.ts`);
    const body = renderComment(goalsSection([goal({ files })], 'main'));
    assert.equal(body.match(/^- `src\/f\d+\.ts`$/gm)?.length, MAX_FILES_PER_GOAL);
    assert.ok(body.includes('- and 5 more'));
  });
});

describe('pull request comment: suggested reviewers', () => {
  const learner = { person: 'dev', name: 'Dev Patel', role: 'learner' as const, area: 'scripts/data/', reason: "only Erin Walsh has changed or reviewed scripts/data/ in the last year; Dev Patel's goal “Learn the data scripts” covers it", goal: 'dev-data' };
  const expert = { person: 'erin', name: 'Erin Walsh', role: 'expert' as const, area: 'scripts/data/', reason: 'knows scripts/data/ besides the author: pair with Dev Patel' };

  it('lists the learner with the goal and the expert, as plain text', () => {
    const body = renderComment(reviewersSection([learner, expert]));
    assert.ok(body.startsWith(COMMENT_MARKER), body);
    const html = md.render(body);
    assert.ok(html.includes('<h3>Suggested reviewers</h3>'), html);
    assert.ok(html.includes("<li>Dev Patel, learner for <code>scripts/data/</code>: only Erin Walsh has changed or reviewed scripts/data/ in the last year; Dev Patel's goal “Learn the data scripts” covers it (goal <code>dev-data</code>)</li>"), html);
    assert.ok(html.includes('<li>Erin Walsh, expert for <code>scripts/data/</code>: knows scripts/data/ besides the author: pair with Dev Patel</li>'), html);
    assertInert(body);
  });

  it('adds nothing when only an expert is suggested', () => {
    assert.deepEqual(reviewersSection([expert]), []);
    assert.equal(renderComment(reviewersSection([expert])), '');
  });

  it('keeps hostile names, reasons, areas and goal ids inert', () => {
    for (const h of HOSTILE) {
      const body = renderComment(reviewersSection([{ ...learner, name: h, reason: h, area: h, goal: h }, { ...expert, name: h }]));
      assertInert(body);
    }
  });
});
