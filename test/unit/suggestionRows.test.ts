import * as assert from 'assert/strict';
import { CommitRecord, Expertise, ExpertiseState, FileChange } from '../../src/core/expertise';
import { MentoringFile } from '../../src/core/file/model';
import { parseMentoring } from '../../src/core/file/parse';
import { identityFor } from '../../src/core/expertise';
import { createClassifier } from '../../src/core/expertise/skills';
import { AnalysisStatus, buildSuggestionRows, MANAGE_TRUST_ROW, RESTRICTED_ROW, SuggestionRow } from '../../src/core/view/suggestionRows';
import { areaStrength, matchStrength } from '../../src/core/view/suggestionWords';
import { fits } from '../../src/core/view/rowFit';

const DAY = 86_400;
const T0 = Date.UTC(2025, 0, 1) / 1000;
let serial = 0;

function commit(name: string, email: string, day: number, paths: string[]): CommitRecord {
  const files = paths.map((path): FileChange => ({ status: 'A', path }));
  return { hash: String(++serial).padStart(40, '0'), authorName: name, authorEmail: email, date: T0 + day * DAY, parents: 1, files };
}

const FILE = `version: 1
partners:
  - id: ana
    name: Ana Lima
    emails: [ana@example.com]
  - id: ben
    name: Ben Okafor
    emails: [ben@example.com]
partnerships:
  - id: ana-ben
    members: [ana, ben]
    kind: mutual
goals: []
sessions: []
`;

function model(text = FILE): MentoringFile {
  const m = parseMentoring(text).model;
  assert.ok(m);
  return m;
}

/** Ana: Python and tests; Ben: TypeScript and CI; Dana (not a partner): Go. */
function expertise(file: MentoringFile | undefined = model()): Expertise {
  const s = new ExpertiseState(createClassifier(file?.skills));
  for (const c of [
    commit('Ana Lima', 'ana@example.com', 0, ['analysis/report.py', 'analysis/stats.py', 'analysis/load.py']),
    commit('Ana Lima', 'ana@example.com', 1, ['tests/test_report.py', 'tests/test_stats.py', 'tests/conftest.py']),
    commit('Ben Okafor', 'ben@example.com', 2, ['web/server.ts', 'web/routes.ts', 'web/main.ts']),
    commit('Ben Okafor', 'ben@example.com', 3, ['.github/workflows/ci.yml', '.github/workflows/release.yml']),
    commit('Dana Kovacs', 'dana@example.com', 4, ['cmd/tool/main.go', 'cmd/tool/flags.go', 'cmd/tool/run.go']),
  ]) {
    s.addCommit(c);
  }
  return s.compute({ now: T0 + 10 * DAY, identity: identityFor(file) });
}

const done = (e: Expertise): AnalysisStatus => ({ state: 'done', expertise: e });
const find = (rows: SuggestionRow[], label: string): SuggestionRow => {
  const row = rows.find((r) => r.label === label);
  assert.ok(row, `"${label}" among ${rows.map((r) => r.label).join(' | ')}`);
  return row;
};
const flat = (rows: SuggestionRow[]): SuggestionRow[] => rows.flatMap((r) => [r, ...flat(r.children)]);

describe('suggestion rows', () => {
  it('in Restricted Mode, say why and offer to manage trust, whatever the analysis', () => {
    const rows = buildSuggestionRows({ trusted: false, folders: [{ key: 'f', name: 'ws', status: done(expertise()), mentoring: model(), hasErrors: false }] });
    assert.deepEqual(
      rows.map((r) => [r.label, r.contextValue, r.command?.command]),
      [
        [RESTRICTED_ROW, 'notice-restricted', undefined],
        [MANAGE_TRUST_ROW, 'notice-trust', 'workbench.trust.manage'],
      ],
    );
  });

  it('shows one clear row for each state short of a result', () => {
    const label = (status: AnalysisStatus): string[] => buildSuggestionRows({ trusted: true, folders: [{ key: 'f', name: 'ws', status, hasErrors: false }] }).map((r) => `${r.label}${r.description ? ` — ${r.description}` : ''}`);
    const tip = (status: AnalysisStatus): string | undefined => buildSuggestionRows({ trusted: true, folders: [{ key: 'f', name: 'ws', status, hasErrors: false }] })[0].tooltip;
    assert.deepEqual(label({ state: 'idle' }), ['Reading history…']);
    assert.deepEqual(label({ state: 'running', commitsRead: 1200 }), ['Reading history… — 1200 commits']);
    assert.deepEqual(label({ state: 'not-a-repository' }), ['Not a git repository']);
    assert.equal(tip({ state: 'not-a-repository' }), 'Suggestions come from the commit history');
    assert.deepEqual(label({ state: 'empty' }), ['No commits yet']);
    assert.deepEqual(label({ state: 'virtual' }), ['No history here — virtual folder']);
    assert.deepEqual(label({ state: 'cancelled' }), ['History not read — cancelled']);
    assert.deepEqual(label({ state: 'failed', message: 'git log failed' }), ['History not read — failed']);
    assert.equal(tip({ state: 'failed', message: 'git log failed' }), 'Could not read the git history: git log failed');
  });

  it('lists the team with their top areas, and others apart as not yet partners', () => {
    const [people] = buildSuggestionRows({ trusted: true, folders: [{ key: 'f', name: 'ws', status: done(expertise()), mentoring: model(), hasErrors: false }] });
    assert.equal(people.label, 'Who knows what');
    assert.deepEqual(people.children.map((r) => r.label), ['Ana Lima', 'Ben Okafor', 'Not in the programme (1)']);
    const dana = find(find(people.children, 'Not in the programme (1)').children, 'Dana Kovacs');
    assert.match(dana.tooltip ?? '', /^Dana Kovacs <dana@example\.com> — not yet a partner$/m);
    assert.equal(dana.contextValue, 'person');
    const ana = find(people.children, 'Ana Lima');
    assert.equal(ana.contextValue, 'person-partner');
    assert.doesNotMatch(ana.tooltip ?? '', /not yet a partner/);
    // The top area is the row's state; the top three are in the tooltip.
    assert.equal(ana.description, ana.children[0].label);
    assert.match(ana.tooltip ?? '', /^Top areas: .*Python/m);
    const python = find(ana.children, 'Python');
    assert.equal(python.description, 'top');
    assert.match(python.tooltip ?? '', /^Top: score 1\.00 \(1: the best active person here\) · 6 files · 2 commits$/m);
  });

  it('shows islands with their holder, share and who could learn them', () => {
    // Ana makes three of the four changes to analysis/ this year, Ben one: an island of Ana's.
    const s = new ExpertiseState(createClassifier());
    for (const c of [
      commit('Ana Lima', 'ana@example.com', 0, ['analysis/report.py', 'analysis/stats.py', 'analysis/load.py']),
      commit('Ana Lima', 'ana@example.com', 1, ['analysis/report.py']),
      commit('Ana Lima', 'ana@example.com', 2, ['analysis/stats.py']),
      commit('Ben Okafor', 'ben@example.com', 3, ['analysis/load.py', 'web/a.ts']),
    ]) {
      s.addCommit(c);
    }
    const e = s.compute({ now: T0 + 10 * DAY, identity: identityFor(model()) });
    const rows = buildSuggestionRows({ trusted: true, folders: [{ key: 'f', name: 'ws', status: done(e), mentoring: model(), hasErrors: false }] });
    const island = find(find(rows, 'Knowledge islands').children, 'analysis/');
    assert.equal(island.description, 'Ana Lima');
    assert.match(island.tooltip ?? '', /^Ana Lima made 75% of the commits in analysis\/ since 2024-01-04, and nobody else active made 3 or more; only active author of 2 of its 3 files\.$/);
    assert.deepEqual(island.children.map((r) => r.label), ['Ben Okafor']);
  });

  it('lists active people first with their last commit, then those who left, and what only they knew', () => {
    const s = new ExpertiseState(createClassifier());
    for (const c of [
      commit('Olga Old', 'olga@example.com', -2000, ['legacy/a.rb', 'legacy/b.rb', 'legacy/c.rb']),
      // Ben's old address: he still commits under his new one.
      commit('Ben Okafor', 'ben@old.example', -1000, ['tools/gen.sh']),
      commit('Ana Lima', 'ana@example.com', 0, ['analysis/report.py', 'analysis/stats.py', 'analysis/load.py']),
      commit('Ben Okafor', 'ben@example.com', 8, ['web/server.ts', 'web/routes.ts', 'web/main.ts']),
    ]) {
      s.addCommit(c);
    }
    const e = s.compute({ identity: identityFor(model()) });
    const rows = buildSuggestionRows({
      trusted: true,
      folders: [{ key: 'f', name: 'ws', status: { state: 'done', expertise: e, notices: ['Partial clone: renames were detected by identical content only.'], mailmap: 2 }, mentoring: model(), hasErrors: false }],
      now: T0 + 10 * DAY,
    });
    // The analysis's notice, shortened to fit, whole in its tooltip.
    assert.equal(rows[0].tooltip, 'Partial clone: renames were detected by identical content only.');
    assert.deepEqual(rows.map((r) => r.whole?.label ?? r.label), ['Partial clone: renames were detected by identical content only.', 'Who knows what', 'Knowledge islands', 'Knowledge at risk', 'Mutual matches', 'Suggested goals']);
    const people = find(rows, 'Who knows what').children;
    // The partners are the team; Ben's old address is not theirs, so it is listed apart. Python and
    // TypeScript are the files of analysis/ and web/: the folders are the areas.
    assert.deepEqual(
      people.map((p) => [p.label, p.description, p.contextValue]),
      [
        ['Ana Lima', 'analysis/', 'person-partner'],
        ['Ben Okafor', 'web/', 'person-partner'],
        ['Several addresses (2)', undefined, 'notice-mailmap'],
      ],
    );
    // Ben's old address is Ben: one row, with both addresses and both areas.
    const ben = people[1];
    assert.match(ben.tooltip ?? '', /^Ben Okafor <ben@example\.com> — partner ben\nAlso committed as ben@old\.example\n2 commits, the last on /);
    assert.deepEqual(ben.children.map((r) => r.label).sort(), ['tools/', 'web/']);
    assert.match(people[2].tooltip ?? '', /^2 people appear under several addresses: click for suggested \.mailmap lines$/);
    assert.deepEqual(people[2].command, { command: 'mentoring.suggestions.showMailmap', title: 'Suggest .mailmap Lines', arguments: [{ folder: 'f' }] });
    const atRisk = find(rows, 'Knowledge at risk').children;
    assert.deepEqual(atRisk.map((r) => [r.label, r.description]), [['legacy/', '3 of 3 files']]);
    assert.deepEqual(
      atRisk[0].children.map((r) => [r.kind, r.label, r.description]),
      [['formerExpert', 'Olga Old', 'left 5 years ago']],
    );
    assert.match(atRisk[0].tooltip ?? '', /^Only people who left author 3 of the 3 files in legacy\/:\nOlga Old \(last commit 2019-07-12, 3 files\)$/);
    // Nobody who left is suggested for anything.
    const named = flat([find(rows, 'Knowledge islands'), find(rows, 'Mutual matches')]).map((r) => r.label).join(' | ');
    assert.doesNotMatch(named, /Olga/);
  });

  it('offers matches as actions, except for pairs who are already partners', () => {
    const file = model();
    const rows = buildSuggestionRows({ trusted: true, folders: [{ key: 'f', name: 'ws', status: done(expertise(file)), mentoring: file, hasErrors: false }] });
    const matches = find(rows, 'Mutual matches').children;
    // Whole names where they fit beside the state at 300 px, else first names.
    const anaBen = matches.find((m) => m.match?.aName === 'Ana Lima' && m.match.bName === 'Ben Okafor');
    assert.ok(anaBen?.match);
    assert.ok(['Ana Lima ⇄ Ben Okafor', 'Ana ⇄ Ben'].includes(anaBen.label), anaBen.label);
    assert.equal(anaBen.contextValue, 'match-partnered');
    assert.equal(anaBen.description, 'partners');
    assert.match(anaBen.tooltip ?? '', /^Ana Lima ⇄ Ben Okafor\n(Strong|Good|Fair) match: score \d\.\d\d\. /);
    assert.match(anaBen.tooltip ?? '', /Already partners \(ana-ben\)$/);
    // Dana is not in the programme: matched only when the view lists everyone.
    assert.ok(!matches.some((m) => m.label.includes('Dana Kovacs')));
    const everyone = buildSuggestionRows({ trusted: true, folders: [{ key: 'f', name: 'ws', status: done(expertise(file)), mentoring: file, hasErrors: false }], options: { everyone: true } });
    const withDana = find(everyone, 'Mutual matches').children.filter((m) => m.match?.aName === 'Dana Kovacs' || m.match?.bName === 'Dana Kovacs');
    assert.ok(withDana.length > 0);
    for (const m of withDana) {
      assert.equal(m.contextValue, 'match');
      assert.match(m.description ?? '', /^(strong|good|fair)$/);
      assert.match(m.tooltip ?? '', /Dana Kovacs is not yet a partner/);
      assert.ok(m.match, 'the row carries its match');
    }
    // One row per area, who teaches whom as its state.
    assert.deepEqual(
      anaBen.children.map((r) => r.description),
      [...anaBen.match.aTeachesB.map(() => 'Ana → Ben'), ...anaBen.match.bTeachesA.map(() => 'Ben → Ana')],
    );
    assert.ok(anaBen.children.some((r) => r.label === 'analysis/' && r.description === 'Ana → Ben'));
    assert.ok(anaBen.children.some((r) => r.label === 'web/' && r.description === 'Ben → Ana'));
  });

  it('suggests goals per partnership that has not ended, as proposed goals to add', () => {
    const file = model();
    const rows = buildSuggestionRows({ trusted: true, folders: [{ key: 'f', name: 'ws', status: done(expertise(file)), mentoring: file, hasErrors: false }], goalsPerMember: 2 });
    const goals = find(rows, 'Suggested goals');
    const [ps] = goals.children;
    assert.equal(ps.label, 'Ana Lima ⇄ Ben Okafor');
    assert.equal(ps.children.length, 3);
    for (const g of ps.children) assert.equal(g.whole?.label ?? g.label, g.goal?.title);
    for (const g of ps.children) {
      assert.equal(g.contextValue, 'suggestedGoal');
      assert.equal(g.goal?.status, 'proposed');
      assert.equal(g.goal?.partnership, 'ana-ben');
    }
    assert.deepEqual(
      ps.children.map((g) => g.description),
      ['for Ana', 'for Ben', 'for Ben'],
    );
    assert.match(ps.children[0].whole?.label ?? ps.children[0].label, /^Learn .+ from Ben Okafor$/);

    const ended = model(FILE.replace('kind: mutual', 'kind: mutual\n    status: ended'));
    const none = find(buildSuggestionRows({ trusted: true, folders: [{ key: 'f', name: 'ws', status: done(expertise(ended)), mentoring: ended, hasErrors: false }] }), 'Suggested goals');
    assert.deepEqual(none.children.map((r) => [r.label, r.tooltip]), [['No partnerships yet', 'No partnerships yet: create one from a mutual match']]);
  });

  it('works without a mentoring file, and flags a file with errors', () => {
    const rows = buildSuggestionRows({ trusted: true, folders: [{ key: 'f', name: 'ws', status: done(expertise(undefined)), hasErrors: false }] });
    assert.ok(find(rows, 'Who knows what').children.every((p) => /^.* — not yet a partner$/m.test(p.tooltip ?? '')));
    // Two people: "are not yet partners", not "are not yet a partner".
    const matches = find(rows, 'Mutual matches').children.filter((m) => m.kind === 'match');
    assert.ok(matches.length > 0);
    for (const m of matches) assert.match(m.tooltip ?? '', / and .* are not yet partners$/);
    assert.deepEqual(find(rows, 'Suggested goals').children.map((r) => r.label), ['No mentoring file']);
    const withErrors = buildSuggestionRows({ trusted: true, folders: [{ key: 'f', name: 'ws', status: done(expertise()), mentoring: model(), hasErrors: true }] });
    assert.equal(withErrors[0].contextValue, 'notice-errors');
    assert.equal(withErrors[0].command?.command, 'mentoring.revealProblem');
  });

  it('limits long lists, gives stable unique ids and one row per folder with several folders', () => {
    const e = expertise();
    const rows = buildSuggestionRows({ trusted: true, folders: [{ key: 'f', name: 'ws', status: done(e), mentoring: model(), hasErrors: false }], maxPeople: 1, maxMatches: 1 });
    const people = find(rows, 'Who knows what').children;
    assert.deepEqual(people.map((r) => r.label), ['Ana Lima', '… and 1 more person', 'Not in the programme (1)']);
    // One match within the team (Ana ⇄ Ben): no "more" row.
    assert.equal(find(rows, 'Mutual matches').children.length, 1);
    const ids = flat(rows).map((r) => r.id);
    assert.equal(new Set(ids).size, ids.length, 'ids are unique');
    const again = buildSuggestionRows({ trusted: true, folders: [{ key: 'f', name: 'ws', status: done(expertise()), mentoring: model(), hasErrors: false }], maxPeople: 1, maxMatches: 1 });
    assert.deepEqual(flat(again).map((r) => r.id), ids, 'ids are stable');

    const two = buildSuggestionRows({
      trusted: true,
      folders: [
        { key: 'a', name: 'one', status: done(e), mentoring: model(), hasErrors: false },
        { key: 'b', name: 'two', status: { state: 'empty' }, hasErrors: false },
      ],
    });
    assert.deepEqual(two.map((r) => [r.kind, r.label]), [['folder', 'one'], ['folder', 'two']]);
    assert.deepEqual(two[1].children.map((r) => r.label), ['No commits yet']);
  });

  it('shows one row per person before a mentoring file exists, also for someone under an old address', () => {
    const s = new ExpertiseState(createClassifier());
    for (const c of [
      // Nicholas's old address, years ago, and his current one: one person.
      commit('Nicholas C. Zakas', 'nicholas@old.example', -1900, ['lib/rules/a.js', 'lib/rules/b.js', 'lib/rules/c.js']),
      commit('Nicholas C. Zakas', 'nicholas@new.example', 5, ['docs/a.md', 'docs/b.md', 'docs/c.md']),
      commit('Ana Lima', 'ana@example.com', 6, ['analysis/report.py', 'analysis/stats.py', 'analysis/load.py']),
    ]) {
      s.addCommit(c);
    }
    const e = s.compute({ identity: identityFor(undefined) });
    const rows = buildSuggestionRows({ trusted: true, folders: [{ key: 'f', name: 'ws', status: done(e), hasErrors: false }], now: T0 + 10 * DAY });
    const people = find(rows, 'Who knows what').children.filter((r) => r.kind === 'person');
    assert.deepEqual(people.map((r) => r.label).sort(), ['Ana Lima', 'Nicholas C. Zakas']);
    const nicholas = find(people, 'Nicholas C. Zakas');
    assert.match(nicholas.tooltip ?? '', /^Nicholas C\. Zakas <nicholas@new\.example> — not yet a partner\nAlso committed as nicholas@old\.example\n2 commits/);
    assert.deepEqual(nicholas.children.map((r) => r.label).sort(), ['docs/', 'lib/rules/'].sort());
    assert.doesNotMatch(flat(rows).map((r) => `${r.label} ${r.description ?? ''}`).join('\n'), /another address/);
  });

  it('says how good a match is in words, with its score and meaning in the tooltip', () => {
    assert.deepEqual([2.45, 2, 1.9, 1, 0.95, 0.2].map(matchStrength), ['strong', 'strong', 'good', 'good', 'fair', 'fair']);
    assert.deepEqual([1, 0.95, 0.7, 0.4, 0.1].map(areaStrength), ['top', 'top', 'strong', 'some', 'a little']);
    const rows = buildSuggestionRows({ trusted: true, folders: [{ key: 'f', name: 'ws', status: done(expertise(undefined)), hasErrors: false }] });
    const m = find(rows, 'Mutual matches').children.find((r) => r.kind === 'match');
    assert.ok(m?.match);
    assert.equal(m.description, matchStrength(m.match.score));
    assert.doesNotMatch(`${m.label} ${m.description}`, /score|\d\.\d\d/);
    assert.match(m.tooltip ?? '', new RegExp(`^${matchStrength(m.match.score).replace(/^./, (c) => c.toUpperCase())} match: score ${m.match.score.toFixed(2)}\\. `, 'm'));
    assert.match(m.tooltip ?? '', /the smaller of the two directions’ gains/);
  });

  it('fits every row, label and state, in a 300 px side bar; the whole text stays in the tooltip', () => {
    const long = model(FILE.replace(/name: Ana Lima/, 'name: Anastasia Konstantinopoulou-Lima'));
    const rows = buildSuggestionRows({ trusted: true, folders: [{ key: 'f', name: 'ws', status: done(expertise(long)), mentoring: long, hasErrors: false }], options: { everyone: true } });
    const walk = (list: SuggestionRow[], depth: number): void => {
      for (const r of list) {
        assert.ok(fits(r.label, r.description, depth), `${r.label} — ${r.description ?? ''} at depth ${depth}`);
        if (r.whole) assert.ok((r.tooltip ?? '').includes(r.whole.label), `the whole label of ${r.label} in its tooltip`);
        walk(r.children, depth + 1);
      }
    };
    walk(rows, 1);
    assert.ok(flat(rows).some((r) => r.whole), 'some rows were shortened');
  });

  it('shows the rows the analysis worker built for a folder as they are, under the folder’s row with several', () => {
    const built = buildSuggestionRows({ trusted: true, folders: [{ key: 'b', name: 'two', status: done(expertise()), mentoring: model(), hasErrors: false }] });
    const one = buildSuggestionRows({ trusted: true, folders: [{ key: 'b', name: 'two', status: { state: 'shown', rows: built }, hasErrors: false }] });
    assert.deepEqual(one, built);
    const two = buildSuggestionRows({
      trusted: true,
      folders: [
        { key: 'a', name: 'one', status: { state: 'running', commitsRead: 5 }, hasErrors: false },
        { key: 'b', name: 'two', status: { state: 'shown', rows: built }, hasErrors: false },
      ],
    });
    assert.deepEqual(two[1].children, built);
    // Restricted Mode wins over anything shown.
    assert.deepEqual(buildSuggestionRows({ trusted: false, folders: [{ key: 'b', name: 'two', status: { state: 'shown', rows: built }, hasErrors: false }] }).map((r) => r.contextValue), ['notice-restricted', 'notice-trust']);
  });
});
