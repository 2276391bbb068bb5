import * as assert from 'assert/strict';
import type { MentoringFile } from '../../src/core/file/model';
import { buildAgenda, mergeTopics, renderAgendaMarkdown } from '../../src/core/mentoring';
import type { AgendaTopic } from '../../src/core/mentoring';

const TODAY = '2026-03-10';

/** Ana mentors Ben; both of Ben's goals are overdue, and neither has a commit or a review lately. */
function file(): MentoringFile {
  return {
    version: 1,
    partners: [
      { id: 'ana', name: 'Ana Lima', emails: ['ana@example.com'] },
      { id: 'ben', name: 'Ben Okafor', emails: ['ben@example.com'] },
    ],
    partnerships: [{ id: 'ana-ben', members: ['ana', 'ben'], kind: 'one-way', mentor: 'ana', since: '2026-01-05', cadence: 14, status: 'active' }],
    skills: [],
    goals: [
      { id: 'ben-api', partnership: 'ana-ben', owner: 'ben', title: 'Write the API handlers', status: 'active', created: '2026-01-05', due: '2026-03-01' },
      { id: 'ben-docs', partnership: 'ana-ben', owner: 'ben', title: 'Document the API', status: 'active', created: '2026-01-05', due: '2026-03-05' },
    ],
    sessions: [{ date: '2026-02-24', partnership: 'ana-ben', status: 'held', minutes: 50 }],
  };
}

describe('agenda: suggested topics, one per goal', () => {
  it('lists a goal that is overdue and stalled once, with both facts', () => {
    const agenda = buildAgenda(file(), 'ana-ben', TODAY, { available: true, byGoal: new Map(), scanned: 0, complete: true });
    assert.ok(agenda);
    const subjects = agenda.topics.map((t) => t.subject);
    assert.deepEqual(subjects, [...new Set(subjects)], `each topic once: ${subjects.join(' | ')}`);
    const api = agenda.topics.filter((t) => t.goal === 'ben-api');
    assert.equal(api.length, 1);
    assert.equal(api[0].kind, 'goal-overdue', 'where it first comes');
    assert.equal(api[0].fact, 'goal was due 2026-03-01; stalled: no commit since 2026-02-10; not reviewed since it was created on 2026-01-05');
    assert.equal(agenda.topics.filter((t) => t.goal === 'ben-docs').length, 1);
    const markdown = renderAgendaMarkdown(agenda);
    const listed = markdown.slice(markdown.indexOf('## Suggested topics')).split('\n').filter((l) => /^\d+\. /.test(l));
    assert.deepEqual(
      listed.map((l) => /\*\*(.*?)\*\*/.exec(l)?.[1]),
      ['Write the API handlers', 'Document the API'],
      listed.join('\n'),
    );
  });

  it('merges by goal id and subject, keeps review questions apart, and never repeats a fact', () => {
    const topics: AgendaTopic[] = [
      { kind: 'goal-overdue', subject: 'Parser', goal: 'g1', fact: 'goal was due 2026-03-01' },
      { kind: 'goal-evidence', subject: 'Parser', goal: 'g1', fact: '2 commits since 2026-02-24' },
      { kind: 'goal-evidence', subject: 'Parser', goal: 'g2', fact: '1 commit since 2026-02-24' },
      { kind: 'review-question', subject: 'Why?', goal: 'g1', fact: 'review question of “Parser” raised by a.ts' },
      { kind: 'action-overdue', subject: 'Ben: Add checks', fact: 'action item due 2026-03-03, 7 days ago' },
      { kind: 'action-overdue', subject: 'Ben: Add checks', fact: 'action item due 2026-03-03, 7 days ago' },
    ];
    assert.deepEqual(mergeTopics(topics), [
      { kind: 'goal-overdue', subject: 'Parser', goal: 'g1', fact: 'goal was due 2026-03-01; 2 commits since 2026-02-24' },
      { kind: 'goal-evidence', subject: 'Parser', goal: 'g2', fact: '1 commit since 2026-02-24' },
      { kind: 'review-question', subject: 'Why?', goal: 'g1', fact: 'review question of “Parser” raised by a.ts' },
      { kind: 'action-overdue', subject: 'Ben: Add checks', fact: 'action item due 2026-03-03, 7 days ago' },
    ]);
    assert.equal(topics[0].fact, 'goal was due 2026-03-01', 'the input is left as it was');
  });
});
