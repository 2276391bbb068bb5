import * as assert from 'assert';
import type { MentoringFile } from '../../src/core/file/model';
import { fits, fitRows, roomAt, rowWidth, shortenTo, SIDE_BAR_WIDTH, textWidth } from '../../src/core/view/rowFit';
import { hasDetails, rowDetails } from '../../src/core/view/rowDetails';
import { buildTree, Row } from '../../src/core/view/treeModel';
import type { ViewRow } from '../../src/core/view/viewRow';

interface Plain extends ViewRow<string, Plain> {
  kind: string;
}

const LONG = 'Write a threat model for the payments service and walk the team through it';

function file(): MentoringFile {
  return {
    version: 1,
    partners: [
      { id: 'milos', name: 'Milos Djermanovic' },
      { id: 'nicholas', name: 'Nicholas C. Zakas' },
    ],
    partnerships: [{ id: 'm-n', members: ['milos', 'nicholas'], kind: 'one-way', mentor: 'nicholas', cadence: 14, since: '2026-01-01' }],
    skills: [],
    goals: [{ id: 'g1', partnership: 'm-n', owner: 'milos', title: LONG, status: 'active', progress: 40, due: '2026-03-15' }],
    sessions: [{ date: '2026-03-01', partnership: 'm-n', status: 'rescheduled', to: '2026-03-04', reason: 'Release week, everyone on call for the payments launch' }],
  };
}

function walk(rows: Row[], depth: number, visit: (r: Row, depth: number) => void): void {
  for (const r of rows) {
    visit(r, depth);
    walk(r.children, depth + 1, visit);
  }
}

describe('rows that fit the default side bar', () => {
  it('estimates widths on the wide side and shortens at a word', () => {
    assert.ok(textWidth('mmmm') > textWidth('iiii'));
    assert.ok(textWidth('abc') < textWidth('abc def'));
    const cut = shortenTo(LONG, 150);
    assert.ok(cut.endsWith('…'));
    assert.ok(textWidth(cut) <= 150, cut);
    assert.ok(LONG.startsWith(cut.slice(0, -1)), cut);
    assert.ok(!/\s…$/.test(cut));
    assert.strictEqual(shortenTo('short', 150), 'short');
    assert.ok(roomAt(1) > roomAt(2) && roomAt(1, SIDE_BAR_WIDTH + 100) === roomAt(1) + 100);
  });

  it('keeps every tree row’s label and state within a 300 px side bar, the whole text in its tooltip', () => {
    const rows = buildTree({ folders: [{ key: 'f', name: 'repo', missing: false, hasErrors: false, model: file(), me: 'milos' }], today: '2026-03-20', trusted: true });
    let shortened = 0;
    walk(rows, 1, (r, depth) => {
      assert.ok(fits(r.label, r.description, depth), `${r.label} — ${r.description ?? ''} at depth ${depth}`);
      if (r.whole) {
        shortened++;
        assert.ok(r.tooltip?.includes(r.whole.label), `the whole label of ${r.label} is in its tooltip`);
      }
    });
    assert.ok(shortened > 0);
    const goal = rows[0].children[0].children[0];
    assert.strictEqual(goal.whole?.label, LONG);
    assert.strictEqual(goal.description, 'overdue', 'the state stays whole; the title gives way');
    const session = rows[0].children[0].children[1];
    assert.deepStrictEqual([session.label, session.description], ['2026-03-01', 'rescheduled']);
    assert.match(session.tooltip ?? '', /^Session 2026-03-01: rescheduled to 2026-03-04 — Release week/);
  });

  it('fits rows to a wider side bar when asked (mentoring.views.rowWidth), and to 300 px for a width out of bounds', () => {
    const build = (width?: number) => buildTree({ folders: [{ key: 'f', name: 'repo', missing: false, hasErrors: false, model: file(), me: 'milos' }], today: '2026-03-20', trusted: true, width });
    assert.strictEqual(build(700)[0].children[0].children[0].label, LONG, 'whole in a 700 px side bar');
    assert.notStrictEqual(build()[0].children[0].children[0].label, LONG);
    for (const bad of [100, 300.5, Number.NaN, 1e9]) assert.strictEqual(rowWidth(bad), SIDE_BAR_WIDTH);
    assert.strictEqual(rowWidth(480), 480);
  });

  it('leaves rows that fit as they are, and shortens a long description only after the label', () => {
    const row = (label: string, description?: string): Plain => ({ id: label, kind: 'x', folder: 'f', label, description, contextValue: 'x', children: [] });
    const [fine, long] = fitRows([row('Ana Lima', 'mentor'), row('Ana', 'a description far too long to fit beside its label in any side bar of 300 pixels')]);
    assert.deepStrictEqual([fine.label, fine.description, fine.whole], ['Ana Lima', 'mentor', undefined]);
    assert.strictEqual(long.label, 'Ana');
    assert.ok(long.description?.endsWith('…'));
    assert.ok(fits(long.label, long.description, 1));
    assert.match(long.tooltip ?? '', /a description far too long/);
    // Fitting again (deeper, or wider) starts from the whole text: nothing is lost, nothing cut twice.
    const [deeper] = fitRows([long], 3);
    assert.strictEqual(deeper.whole?.description, 'a description far too long to fit beside its label in any side bar of 300 pixels');
    const [wide] = fitRows([deeper], 1, 1200);
    assert.deepStrictEqual([wide.description, wide.whole], ['a description far too long to fit beside its label in any side bar of 300 pixels', undefined]);
  });

  it('shows a row’s details as inert Markdown: its whole text, tooltip and rows under it; never a private note', () => {
    const rows = buildTree({ folders: [{ key: 'f', name: 'repo', missing: false, hasErrors: false, model: file() }], today: '2026-03-20', trusted: true });
    const partnership = rows[0].children[0];
    const md = rowDetails(partnership);
    assert.match(md, /^# mentored by Nicholas C. Zakas\n\n\*overdue\*\n\nPartnership m-n/);
    assert.ok(md.includes(`- **${LONG}** — overdue`), md);
    const evil: ViewRow = { id: 'e', kind: 'x', folder: 'f', label: '[x](command:evil) <img>', tooltip: '# not a heading\n$(bug) `code`', contextValue: 'goal', children: [] };
    const shown = rowDetails(evil);
    assert.ok(!shown.includes('[x](command'), shown);
    assert.ok(shown.includes('\\[x\\]\\(command:evil\\) \\<img\\>'), shown);
    assert.ok(shown.includes('\\# not a heading'), shown);
    assert.strictEqual(hasDetails({ ...evil, contextValue: 'private-note' }), false);
    assert.strictEqual(hasDetails({ ...evil, contextValue: 'notice-errors' }), false);
  });
});
