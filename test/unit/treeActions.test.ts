import * as assert from 'assert/strict';
import type { MentoringFile, Session } from '../../src/core/file/model';
import { buildTree, locateAction, Row } from '../../src/core/view/treeModel';

function file(sessions: Session[]): MentoringFile {
  return {
    version: 1,
    partners: [
      { id: 'ana', name: 'Ana' },
      { id: 'bob', name: 'Bob' },
    ],
    partnerships: [{ id: 'ana-bob', members: ['ana', 'bob'], kind: 'mutual', cadence: 14 }],
    skills: [],
    goals: [],
    sessions,
  };
}

const LONG = 'Read the Node docs on streams, back-pressure and the pipeline helper, then try them';

const SESSIONS: Session[] = [
  { date: '2026-01-20', partnership: 'ana-bob', status: 'held', actions: [{ who: 'ana', what: 'Done already', done: true }, { who: 'ana', what: 'Send the RFC', due: '2026-02-20' }] },
  { date: '2026-02-10', partnership: 'ana-bob', status: 'held', actions: [{ who: 'bob', what: LONG }] },
];

function partnershipRow(f: MentoringFile): Row {
  const [ana] = buildTree({ folders: [{ key: 'f', name: 'f', missing: false, model: f, hasErrors: false, me: 'ana' }], today: '2026-02-12', trusted: true });
  return ana.children[0];
}

describe('tree: open action items', () => {
  it('lists the open items of a partnership’s sessions under one node, oldest first', () => {
    const ps = partnershipRow(file(SESSIONS));
    assert.deepEqual(
      ps.children.map((r) => r.kind),
      ['actions', 'session', 'session'],
    );
    const node = ps.children[0];
    assert.equal(node.label, 'Open action items (2)');
    assert.deepEqual(node.ref, { section: 'partnerships', id: 'ana-bob' });
    assert.deepEqual(
      node.children.map((r) => [r.whole?.label ?? r.label, r.description, r.contextValue]),
      [
        ['Ana: Send the RFC', 'due 20 Feb', 'action'],
        [`Bob: ${LONG}`, undefined, 'action'],
      ],
    );
    assert.deepEqual(node.children[0].action, { session: 0, action: 1, who: 'ana', what: 'Send the RFC', date: '2026-01-20' });
    assert.match(node.children[1].tooltip ?? '', new RegExp(`^Bob: ${LONG}\n`));
  });

  it('has no node when every item is done', () => {
    const ps = partnershipRow(file([SESSIONS[0]].map((s) => ({ ...s, actions: [{ who: 'ana', what: 'x', done: true }] }))));
    assert.deepEqual(
      ps.children.map((r) => r.kind),
      ['session'],
    );
  });

  it('finds an item again after the sessions moved, and not once it is done', () => {
    const action = { session: 0, action: 1, who: 'ana', what: 'Send the RFC', date: '2026-01-20' };
    assert.deepEqual(locateAction(file(SESSIONS), action), { session: 0, action: 1 });
    const moved = file([{ date: '2026-01-05', partnership: 'ana-bob', status: 'held' }, ...SESSIONS]);
    assert.deepEqual(locateAction(moved, action), { session: 1, action: 1 });
    const done = file([{ ...SESSIONS[0], actions: [{ who: 'ana', what: 'Send the RFC', done: true }] }]);
    assert.equal(locateAction(done, action), undefined);
  });
});
