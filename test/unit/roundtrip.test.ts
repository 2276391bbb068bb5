import * as assert from 'assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import {
  addGoal,
  addGoalReview,
  addPartner,
  addPartnership,
  addSession,
  applyEdits,
  clearEditCache,
  EditError,
  EditResult,
  setActionDone,
  updateGoal,
} from '../../src/core/file';
import { GOAL_STATUSES, MentoringFile, SESSION_STATUSES } from '../../src/core/file/model';
import { FIXTURES, fixture, fixtureNames, lineDiff, modelOf } from './editHelpers';
import { prng } from './helpers/prng';

type Op = { name: string; run: (text: string) => EditResult; kind: 'add' | 'goal' | 'action'; goal?: string; session?: number };

const WORDS = ['Pair on tests', 'yes', 'a: b', '#1 priority', "it's done", '"quoted"', '2024-01-01', 'Ünïcode ✓', 'multi\nline', '  lead\nspaces', 'x, y', '[draft]', 'null'];

function randomOp(m: MentoringFile, rnd: () => number): Op {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const date = `2024-${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rnd() * 31)).padStart(2, '0')}`;
  const wrong = rnd() < 0.15;
  const partnership = m.partnerships.length && !wrong ? pick(m.partnerships) : { id: 'nobody', members: ['x', 'y'] };
  const member = pick(partnership.members);
  switch (Math.floor(rnd() * 7)) {
    case 0:
    {
      const partner = { name: pick(WORDS).replace(/\n/g, ' ').trim() || 'P', strengths: rnd() < 0.5 ? ['testing'] : undefined };
      return { name: 'addPartner', kind: 'add', run: (t) => addPartner(t, partner) };
    }
    case 1: {
      const a = pick(m.partners).id;
      const b = wrong ? 'ghost' : pick(m.partners).id;
      const p = { members: [a, b], kind: rnd() < 0.5 ? ('mutual' as const) : ('one-way' as const), notes: rnd() < 0.3 ? pick(WORDS) : undefined };
      return { name: 'addPartnership', kind: 'add', run: (t) => addPartnership(t, p.kind === 'one-way' ? { ...p, mentor: a } : p) };
    }
    case 2: {
      const goal = { title: pick(WORDS), partnership: partnership.id, owner: member, description: rnd() < 0.3 ? pick(WORDS) : undefined };
      return { name: 'addGoal', kind: 'add', run: (t) => addGoal(t, goal) };
    }
    case 3: {
      const goals = m.goals.filter((g) => g.partnership === partnership.id).map((g) => g.id);
      const session = {
        date: wrong && rnd() < 0.5 ? '2024-02-30' : date,
        partnership: partnership.id,
        status: pick(SESSION_STATUSES),
        minutes: rnd() < 0.5 ? 15 + Math.floor(rnd() * 60) : undefined,
        goals: goals.length && rnd() < 0.5 ? [pick(goals)] : undefined,
        notes: rnd() < 0.5 ? pick(WORDS) : undefined,
        actions: rnd() < 0.5 ? [{ who: member, what: pick(WORDS), done: rnd() < 0.5 ? false : undefined }] : undefined,
      };
      return { name: 'addSession', kind: 'add', run: (t) => addSession(t, session) };
    }
    case 4: {
      const goal = m.goals.length && !wrong ? pick(m.goals).id : 'no-such-goal';
      const progress = Math.floor(rnd() * (wrong ? 200 : 101));
      const status = rnd() < 0.5 ? pick(GOAL_STATUSES) : undefined;
      return { name: 'updateGoal', kind: 'goal', goal, run: (t) => updateGoal(t, goal, { progress, status }) };
    }
    case 5: {
      const goal = m.goals.length ? pick(m.goals) : undefined;
      const by = goal ? (wrong ? 'ghost' : goal.owner) : 'ghost';
      const review = { date, by, progress: rnd() < 0.7 ? Math.floor(rnd() * 101) : undefined, status: rnd() < 0.3 ? pick(GOAL_STATUSES) : undefined, note: rnd() < 0.5 ? pick(WORDS) : undefined };
      const options = { updateGoal: rnd() < 0.8 };
      return { name: 'addGoalReview', kind: 'goal', goal: goal?.id, run: (t) => addGoalReview(t, goal?.id ?? 'none', review, options) };
    }
    default: {
      const withActions = m.sessions.map((s, i) => [s, i] as const).filter(([s]) => s.actions?.length);
      const [s, i] = withActions.length ? pick(withActions) : [undefined, 0];
      const action = s ? Math.floor(rnd() * (s.actions?.length ?? 1)) : 0;
      const done = rnd() < 0.5;
      return { name: 'setActionDone', kind: 'action', session: i, run: (t) => setActionDone(t, { session: i, action }, done) };
    }
  }
}

/** Everything in `before` is still in `after`, unchanged, except the entry the operation changes. */
function assertNothingLost(before: MentoringFile, after: MentoringFile, op: Op): void {
  for (const list of ['partners', 'partnerships', 'skills', 'goals'] as const) {
    const now = new Map<string, unknown>(after[list].map((e) => [e.id, e]));
    for (const e of before[list]) {
      assert.ok(now.has(e.id), `${list} '${e.id}' is still there`);
      if (list === 'goals' && op.goal === e.id) continue;
      assert.deepEqual(now.get(e.id), e, `${list} '${e.id}' is unchanged`);
    }
  }
  assert.ok(after.sessions.length >= before.sessions.length);
  before.sessions.forEach((s, i) => {
    if (op.kind === 'action' && op.session === i) {
      assert.deepEqual({ ...after.sessions[i], actions: undefined }, { ...s, actions: undefined });
      assert.deepEqual(
        after.sessions[i].actions?.map((a) => a.what),
        s.actions?.map((a) => a.what),
      );
    } else assert.deepEqual(after.sessions[i], s, `session #${i + 1} is unchanged`);
  });
}

describe('edit: round trip', () => {
  beforeEach(clearEditCache);

  it('keeps every byte of a file it does not change', () => {
    for (const name of fixtureNames()) {
      const bytes = fs.readFileSync(path.join(FIXTURES, name));
      const text = bytes.toString('utf8');
      assert.ok(Buffer.from(text, 'utf8').equals(bytes), name);
      const m = modelOf(text);
      for (const g of m.goals) {
        const r = updateGoal(text, g.id, { status: g.status, progress: g.progress });
        assert.equal(r.text, text, name);
        assert.deepEqual(r.edits, []);
      }
    }
  });

  it('random edit sequences keep every file readable and lose nothing', function () {
    this.timeout(120_000);
    const rnd = prng(20260214);
    const names = fixtureNames();
    let applied = 0;
    let refusedCount = 0;
    for (let seq = 0; seq < 300; seq++) {
      const name = names[seq % names.length];
      let text = fixture(name);
      let model = modelOf(text);
      // Every fourth sequence runs without the remembered document, and must give the same texts.
      const compare = seq % 4 === 0;
      for (let step = 0; step < 5; step++) {
        const op = randomOp(model, rnd);
        const where = `${name}, sequence ${seq}, step ${step}: ${op.name}`;
        let result: EditResult | undefined;
        try {
          result = op.run(text);
        } catch (e) {
          if (!(e instanceof EditError)) throw new Error(`${where}: ${String(e)}`);
          refusedCount++;
        }
        if (compare) {
          clearEditCache();
          let fresh: string | undefined;
          try {
            fresh = op.run(text).text;
          } catch (e) {
            if (!(e instanceof EditError)) throw e;
          }
          assert.equal(fresh, result?.text, `${where}: the same with and without the remembered document`);
        }
        if (!result) continue;
        applied++;
        assert.equal(applyEdits(text, result.edits), result.text, where);
        const next = modelOf(result.text);
        assertNothingLost(model, next, op);
        if (op.kind === 'add') {
          // Only added lines; at most one line changes: an empty list opened, or a flow list extended.
          const { removed, added } = lineDiff(text, result.text);
          assert.ok(removed.length <= 1, `${where}: only added lines`);
          if (removed.length) assert.ok(/^\w+:( \[\])?$/.test(removed[0].trim()) || added[0].startsWith(removed[0].replace(/\]\r?$/, '')), `${where}: ${removed[0]}`);
        }
        if (text.includes('\r\n')) assert.equal(result.text.replace(/\r\n/g, '').includes('\n'), false, `${where}: CRLF kept`);
        if (text.startsWith('\ufeff')) assert.ok(result.text.startsWith('\ufeff'), `${where}: BOM kept`);
        text = result.text;
        model = next;
      }
    }
    assert.ok(applied > 800, `applied ${applied}`);
    assert.ok(refusedCount > 50, `refused ${refusedCount}`);
  });
});
