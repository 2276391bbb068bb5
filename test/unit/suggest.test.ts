import * as assert from 'assert';
import type { Expertise } from '../../src/core/expertise';
import type { MentoringFile } from '../../src/core/file/model';
import { identityFor, suggest, suggestGoals } from '../../src/core/expertise';
import { analyzeRepository } from '../../src/git/analyze';
import { buildRepo } from './helpers/gitRepo';
import { NOW, TEAM_STEPS } from './helpers/scenario';

const mentoring: MentoringFile = {
  version: 1,
  partners: [
    { id: 'alice', name: 'Alice', emails: ['ALICE@example.com'] },
    { id: 'bob', name: 'Bob', emails: ['bob@example.com'] },
    { id: 'carol', name: 'Carol', emails: ['carol@example.com'], wants: ['sql'] },
  ],
  partnerships: [
    { id: 'ab', members: ['alice', 'bob'], kind: 'mutual' },
    { id: 'bc', members: ['bob', 'carol'], kind: 'one-way', mentor: 'bob' },
  ],
  skills: [],
  goals: [{ id: 'carol-sql', partnership: 'bc', owner: 'carol', title: 'SQL', skills: ['sql'], status: 'active' }],
  sessions: [],
};

describe('suggestions', () => {
  let expertise: Expertise;
  before(async () => {
    // The team, plus Dave (not in the mentoring file) writing TypeScript next to the parser.
    const dir = buildRepo([...TEAM_STEPS, { author: 'Dave Lee <dave@example.com>', date: '2025-03-10', files: { 'src/ui/app.ts': 'a', 'src/ui/view.ts': 'v' } }]);
    const analysis = await analyzeRepository(dir);
    expertise = analysis.state.compute({ now: NOW, identity: identityFor(mentoring) });
  });

  it("lists the team with their partner ids and strongest areas, and others apart", () => {
    const { people, others, teamScoped } = suggest(expertise, mentoring);
    assert.strictEqual(teamScoped, true);
    assert.deepStrictEqual(
      people.map((p) => [p.name, p.email, p.partnerId, p.commits, p.skills.map((k) => `${k.skill} ${k.score}`)]),
      // Scores are strengths within each area: its best active person scores 1. SQL and database
      // migrations cover the files of db/: one area, the folder.
      [
        ['Alice Smith', 'alice@example.com', 'alice', 3, ['dependencies 1', 'module:src/parser 1', 'typescript 1']],
        ['Bob Brown', 'bob@example.com', 'bob', 3, ['module:db 1', 'module:src/api 1', 'module:src/parser 0.25', 'typescript 0.25']],
        ['Carol Jones', 'carol@example.com', 'carol', 3, ['docs 1', 'module:docs 1']],
      ],
    );
    // Dave works here but is not in the programme: listed apart, an invitation rather than a match.
    assert.deepStrictEqual(others.map((p) => [p.name, p.partnerId, p.skills.map((k) => `${k.skill} ${k.score}`)]), [['Dave Lee', undefined, ['module:src/ui 1', 'typescript 0.262']]]);
    const everyone = suggest(expertise, mentoring, { everyone: true });
    assert.deepStrictEqual([everyone.teamScoped, everyone.others, everyone.people.map((p) => p.name)], [false, [], ['Alice Smith', 'Bob Brown', 'Carol Jones', 'Dave Lee']]);
  });

  it('finds knowledge islands and who could learn them', () => {
    const { islands } = suggest(expertise, mentoring);
    assert.deepStrictEqual(
      islands.map((i) => [i.skill, i.person, i.partnerId, i.share, `${i.soleFiles}/${i.files}`, i.candidates.map((c) => `${c.name} ${c.reason} ${c.score}`)]),
      // Alice made 3 of the 4 commits in src/parser/ (Bob one): an island. Bob made 2 in db/: too
      // few to call it anyone's island. TypeScript is explained by the folder.
      [['module:src/parser', 'alice@example.com', 'alice', 0.75, '3/3', ['Bob Brown worked-here 0.5']]],
    );
    // Areas below the minimum size are never islands (then the language is no longer explained by a folder).
    assert.deepStrictEqual(suggest(expertise, mentoring, { minAreaFiles: 4 }).islands.map((i) => i.skill), ['typescript']);
  });

  it('ranks mutual matches among the team with the areas each way', () => {
    const { matches } = suggest(expertise, mentoring);
    assert.deepStrictEqual(
      matches.map((m) => [m.aName, m.bName, m.aPartnerId ?? '-', m.bPartnerId ?? '-', m.aTeachesB.join(' '), m.bTeachesA.join(' '), m.score]),
      [
        ['Alice Smith', 'Bob Brown', 'alice', 'bob', 'module:src/parser typescript', 'module:db', 1],
        ['Alice Smith', 'Carol Jones', 'alice', 'carol', 'module:src/parser typescript', 'docs', 1],
        // Carol wants SQL, which is part of db/.
        ['Bob Brown', 'Carol Jones', 'bob', 'carol', 'module:db', 'docs', 1],
      ],
    );
    // Areas of one or two files (package.json, src/api/, src/ui/) teach nothing by default: with a
    // lower minimum, Dave (src/ui/, two files) is matched too — with everyone, not within the team.
    assert.deepStrictEqual(suggest(expertise, mentoring, { minAreaFiles: 2 }).matches.map((m) => `${m.aName}/${m.bName} ${m.score}`), ['Alice Smith/Carol Jones 2', 'Bob Brown/Carol Jones 2', 'Alice Smith/Bob Brown 1.5']);
    assert.deepStrictEqual(
      suggest(expertise, mentoring, { minAreaFiles: 2, everyone: true }).matches.map((m) => `${m.aName}/${m.bName} ${m.score}`),
      ['Alice Smith/Carol Jones 2', 'Bob Brown/Carol Jones 2', 'Alice Smith/Bob Brown 1.5', 'Alice Smith/Dave Lee 1', 'Bob Brown/Dave Lee 1', 'Carol Jones/Dave Lee 1'],
    );
  });

  it('matches people without a mentoring file by email', () => {
    const people = suggest(expertise).people;
    assert.ok(people.every((p) => p.partnerId === undefined));
    assert.deepStrictEqual(people.map((p) => p.email), ['alice@example.com', 'bob@example.com', 'carol@example.com', 'dave@example.com']);
  });

  it('proposes goals for a partnership, with skills and paths filled in', () => {
    assert.deepStrictEqual(
      suggestGoals(expertise, mentoring, 'ab').map((g) => [g.id, g.owner, g.title, g.skills, g.paths, g.status]),
      [
        ['alice-db', 'alice', 'Learn db/ from Bob', ['module:db'], ['db/**'], 'proposed'],
        ['bob-src-parser', 'bob', 'Learn src/parser/ from Alice', ['module:src/parser'], ['src/parser/**'], 'proposed'],
        ['bob-typescript', 'bob', 'Learn TypeScript from Alice', ['typescript'], ['src/parser/**'], 'proposed'],
      ],
    );
    assert.strictEqual(suggestGoals(expertise, mentoring, 'ab')[2].description, 'Alice authors 3 of 5 files in TypeScript.');
    // One-way: only Carol learns.
    assert.deepStrictEqual(suggestGoals(expertise, mentoring, 'bc').map((g) => [g.id, g.partnership, g.owner, g.skills]), [['carol-db', 'bc', 'carol', ['module:db']]]);
    assert.deepStrictEqual(suggestGoals(expertise, mentoring, 'bc', { perMember: 1 }).map((g) => g.id), ['carol-db']);
    assert.deepStrictEqual(suggestGoals(expertise, mentoring, 'nope'), []);
    // Ids stay unique against existing goals.
    const taken = { ...mentoring, goals: [...mentoring.goals, { id: 'carol-db', partnership: 'x', owner: 'carol', title: 't', status: 'achieved' as const }] };
    assert.deepStrictEqual(suggestGoals(expertise, taken, 'bc').map((g) => g.id), ['carol-db-2']);
  });

  it("uses the team's own areas for goal paths", async () => {
    const team: MentoringFile = { ...mentoring, skills: [{ id: 'parser', name: 'The parser', paths: ['src/parser/**'] }] };
    const analysis = await analyzeRepository(buildRepo(TEAM_STEPS), { teamSkills: team.skills });
    const e = analysis.state.compute({ now: NOW, identity: identityFor(team) });
    const goal = suggestGoals(e, team, 'ab').find((g) => g.skills?.includes('parser'));
    assert.deepStrictEqual(goal && [goal.id, goal.title, goal.paths], ['bob-parser', 'Learn The parser from Alice', ['src/parser/**']]);
  });
});
