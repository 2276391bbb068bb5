import * as assert from 'assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { agendaWindow, buildAgenda, renderAgendaJson, renderAgendaMarkdown, STALLED_MIN_DAYS } from '../../src/core/mentoring';
import type { Agenda, AgendaEvidenceInput } from '../../src/core/mentoring';
import type { MentoringFile } from '../../src/core/file/model';
import { readAgendaEvidence } from '../../src/git/evidence';
import { buildRepo, initRepo, tempDir } from './helpers/gitRepo';
import type { RepoStep } from './helpers/gitRepo';

// markdown-it renders Markdown as VS Code's preview does (links, HTML and autolinks on).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const MarkdownIt = require('markdown-it') as new (options: Record<string, unknown>) => { render(src: string): string };

const ANA = 'Ana Lima <ana@example.com>';
const BEN = 'Ben Okafor <ben@example.com>';
const CY = 'Cy Young <cy@example.com>';
const TODAY = '2026-03-10';

/** Ana mentors Ben (every 14 days); Ben has two goals, one under src/api, one named by trailers only. */
function model(overrides: Partial<MentoringFile> = {}): MentoringFile {
  return {
    version: 1,
    partners: [
      { id: 'ana', name: 'Ana Lima', emails: ['ana@example.com'] },
      { id: 'ben', name: 'Ben Okafor', emails: ['Ben@Example.com'] },
      { id: 'cy', name: 'Cy Young', emails: ['cy@example.com'] },
    ],
    partnerships: [{ id: 'ana-ben', members: ['ana', 'ben'], kind: 'one-way', mentor: 'ana', since: '2026-01-05', cadence: 14, status: 'active' }],
    skills: [],
    goals: [
      {
        id: 'ben-api',
        partnership: 'ana-ben',
        owner: 'ben',
        title: 'Write the API handlers',
        paths: ['src/api/**'],
        prompts: ['Are the inputs validated before use?'],
        status: 'active',
        progress: 40,
        created: '2026-01-05',
        due: '2026-03-20',
        reviews: [{ date: '2026-02-24', by: 'ana', progress: 40, note: 'Handlers typed' }],
      },
      { id: 'ben-docs', partnership: 'ana-ben', owner: 'ben', title: 'Document the API', status: 'active', created: '2026-01-05' },
      { id: 'ben-later', partnership: 'ana-ben', owner: 'ben', title: 'Learn SQL plans', status: 'proposed', created: '2026-02-01' },
      { id: 'ben-old', partnership: 'ana-ben', owner: 'ben', title: 'Achieved long ago', status: 'achieved', paths: ['src/**'] },
    ],
    sessions: [
      { date: '2026-02-10', partnership: 'ana-ben', status: 'held', minutes: 45, actions: [{ who: 'ben', what: 'Type the user handler' }] },
      {
        date: '2026-02-24',
        partnership: 'ana-ben',
        status: 'held',
        minutes: 50,
        goals: ['ben-api'],
        notes: 'Walked through validation.',
        actions: [
          { who: 'ana', what: 'Share the style guide', done: true },
          { who: 'ben', what: 'Add input checks', due: '2026-03-03' },
        ],
      },
    ],
    ...overrides,
  };
}

/** History around the last session (2026-02-24): before, on the day and after, by the owner and others. */
const HISTORY: RepoStep[] = [
  { author: BEN, date: '2026-02-20', files: { 'src/api/users.ts': 'v1\n' }, message: 'Before the last session' },
  { author: ANA, date: '2026-02-21', files: { 'docs/a.md': 'a\n' }, message: 'Docs before\n\nMentoring-Goal: ben-docs' },
  { author: BEN, date: '2026-02-24', files: { 'src/api/users.ts': 'v2\n' }, message: 'On the day of the session' },
  { author: CY, date: '2026-02-26', files: { 'src/api/orders.ts': 'o\n' }, message: 'Someone else under the paths' },
  { author: BEN, date: '2026-02-27', files: { 'src/web/app.ts': 'w\n' }, message: 'The owner elsewhere' },
  { author: CY, date: '2026-03-01', files: { 'README.md': 'r\n' }, message: 'Explain the API\n\nMentoring-Goal: ben-docs' },
  { author: BEN, date: '2026-03-02', files: { 'src/api/users.ts': 'v3\n', 'src/api/types.ts': 't\n' }, message: 'Validate inputs\n\nMentoring-Goal: ben-api' },
];

async function agendaFor(file: MentoringFile, dir: string, today = TODAY, partnership = 'ana-ben'): Promise<Agenda> {
  const evidence = await readAgendaEvidence(dir, file, partnership, today);
  const agenda = buildAgenda(file, partnership, today, evidence);
  assert.ok(agenda, `an agenda for ${partnership}`);
  return agenda;
}

function subjects(agenda: Agenda, goal: string): string[] {
  const g = agenda.goals.find((x) => x.id === goal);
  assert.ok(g, `goal ${goal} on the agenda`);
  assert.ok(g.evidence.available, `evidence of ${goal}`);
  return g.evidence.commits.map((c) => c.subject);
}

describe('session agenda', () => {
  describe('evidence since the last session (generated histories)', () => {
    it('lists only the commits since the last held session, by the trailer rule and the path rule', async () => {
      const agenda = await agendaFor(model(), buildRepo(HISTORY));
      assert.deepEqual(agenda.evidence, { available: true, since: '2026-02-24', readFrom: '2026-02-10', scanned: 7, complete: true });
      // The path rule: the owner's commits under src/api on or after the session's day; not Cy's, not Ben's elsewhere.
      assert.deepEqual(subjects(agenda, 'ben-api'), ['Validate inputs', 'On the day of the session']);
      // The trailer rule: anyone, anywhere; the trailer commit before the session stays out.
      assert.deepEqual(subjects(agenda, 'ben-docs'), ['Explain the API']);
      const api = agenda.goals[0];
      assert.ok(api.evidence.available);
      assert.deepEqual(
        api.evidence.commits.map((c) => [c.trailer, c.author, c.date, c.files, c.filesChanged]),
        [
          [true, 'Ben Okafor', '2026-03-02', ['src/api/types.ts', 'src/api/users.ts'], 2],
          [false, 'Ben Okafor', '2026-02-24', ['src/api/users.ts'], 1],
        ],
      );
      // Only active goals are on the agenda; the proposed one is listed apart, the achieved one not at all.
      assert.deepEqual(agenda.goals.map((g) => g.id), ['ben-api', 'ben-docs']);
      assert.deepEqual(agenda.otherGoals.map((g) => [g.id, g.status]), [['ben-later', 'proposed']]);
    });

    it('shows the goal’s review questions that those commits touch, with the files', async () => {
      const agenda = await agendaFor(model(), buildRepo(HISTORY));
      const [api, docs] = agenda.goals;
      assert.deepEqual(api.questions[0], { text: 'Are the inputs validated before use?', files: ['src/api/types.ts', 'src/api/users.ts'] });
      assert.ok(api.questions.length <= 5);
      // README.md is not in the docs goal's area (it has no paths or skills): no questions.
      assert.deepEqual(docs.questions, []);
      const md = renderAgendaMarkdown(agenda);
      assert.match(md, /- Review questions these commits raise:\n {2}- Are the inputs validated before use\? \(src\/api\/types\\\.ts and 1 other file\)/);
    });

    it('takes commits since the last held session when the last one was cancelled', async () => {
      const file = model();
      file.sessions.push(
        { date: '2026-03-03', partnership: 'ana-ben', status: 'cancelled', reason: 'Ana ill' },
        { date: '2026-03-09', partnership: 'ana-ben', status: 'cancelled', reason: 'Release day' },
      );
      const agenda = await agendaFor(file, buildRepo(HISTORY));
      assert.equal(agenda.schedule.lastHeld?.date, '2026-02-24');
      assert.equal(agenda.schedule.lastHeld?.daysAgo, 14);
      assert.equal(agenda.schedule.cancelledInARow, 2);
      assert.deepEqual(agenda.schedule.since, [
        { date: '2026-03-03', status: 'cancelled', reason: 'Ana ill' },
        { date: '2026-03-09', status: 'cancelled', reason: 'Release day' },
      ]);
      assert.deepEqual(subjects(agenda, 'ben-api'), ['Validate inputs', 'On the day of the session']);
      const md = renderAgendaMarkdown(agenda);
      assert.match(md, /- Last session: 2026-02-24 \(14 days ago\), 50 minutes\./);
      assert.match(md, /- Cancelled on 2026-03-03: Ana ill\.\n- Cancelled on 2026-03-09: Release day\.\n- Cancelled in a row: 2\./);
      assert.deepEqual(agenda.topics[0], { kind: 'schedule', subject: 'The schedule', fact: '2 sessions cancelled in a row: 2026-03-03, 2026-03-09' });
    });

    it('with no session yet, takes the commits since the partnership began, and says so', async () => {
      const file = model({ sessions: [] });
      file.partnerships[0].since = '2026-02-25';
      const agenda = await agendaFor(file, buildRepo(HISTORY));
      assert.equal(agenda.schedule.lastHeld, undefined);
      assert.equal(agenda.schedule.held, 0);
      assert.ok(agenda.evidence.available);
      assert.equal(agenda.evidence.since, '2026-02-25');
      assert.deepEqual(subjects(agenda, 'ben-api'), ['Validate inputs']);
      assert.deepEqual(agenda.actions, { open: [], doneSince: [] });
      assert.deepEqual(agenda.topics[0], { kind: 'first-session', subject: 'The first session', fact: 'no session held since the partnership began on 2026-02-25' });
      const md = renderAgendaMarkdown(agenda);
      assert.match(md, /- No session held yet; partners since 2026-02-25\./);
      assert.match(md, /- Meets every 14 days; next session due 2026-03-11 \(tomorrow\)\./);
      assert.match(md, /- Commits since 2026-02-25 \(1\):/);
    });

    it('with no session and no start date, takes every commit it reads', async () => {
      const file = model({ sessions: [] });
      delete file.partnerships[0].since;
      const agenda = await agendaFor(file, buildRepo(HISTORY));
      assert.deepEqual(agendaWindow(file, 'ana-ben', TODAY), { stalledDays: STALLED_MIN_DAYS });
      assert.deepEqual(subjects(agenda, 'ben-docs'), ['Explain the API', 'Docs before']);
      assert.match(renderAgendaMarkdown(agenda), /- Commits so far \(2\):/);
    });
  });

  describe('stalled goals', () => {
    it('calls out an active goal with no commit and no review for 28 days or two cadences', async () => {
      const file = model();
      file.goals.push(
        { id: 'quiet', partnership: 'ana-ben', owner: 'ben', title: 'Quiet goal', paths: ['lib/**'], status: 'active', created: '2026-01-05' },
        { id: 'reviewed', partnership: 'ana-ben', owner: 'ben', title: 'Reviewed lately', status: 'active', created: '2026-01-05', reviews: [{ date: '2026-03-01', by: 'ana' }] },
        { id: 'fresh', partnership: 'ana-ben', owner: 'ben', title: 'Created lately', status: 'active', created: '2026-02-20' },
        { id: 'old-commit', partnership: 'ana-ben', owner: 'ben', title: 'Old commit only', paths: ['lib/**'], status: 'active', created: '2026-01-05' },
      );
      const dir = buildRepo([{ author: BEN, date: '2026-02-01', files: { 'lib/x.ts': 'x\n' }, message: 'Lib work' }, ...HISTORY]);
      const agenda = await agendaFor(file, dir);
      // Cadence 14: two cadences are 28 days, the minimum; the read reaches back to 2026-02-10.
      assert.equal(agenda.stalledDays, 28);
      const stalled = Object.fromEntries(agenda.goals.map((g) => [g.id, g.stalled]));
      assert.deepEqual(stalled.quiet, { days: 28, noCommitSince: '2026-02-10' });
      assert.equal(stalled['ben-api'], undefined, 'recent commits');
      assert.equal(stalled['ben-docs'], undefined, 'a recent trailer commit');
      assert.equal(stalled.reviewed, undefined, 'a recent review');
      assert.equal(stalled.fresh, undefined, 'created 18 days ago');
      // Lib work (2026-02-01) is before the read's start: not known, so the goal is quiet since the read began.
      assert.deepEqual(stalled['old-commit'], { days: 28, noCommitSince: '2026-02-10' });
      const md = renderAgendaMarkdown(agenda);
      assert.match(md, /### Quiet goal — stalled\n/);
      assert.match(md, /- \*\*Stalled\*\*: no commit since 2026-02-10; not reviewed since it was created on 2026-01-05\./);
      assert.ok(agenda.topics.some((t) => t.kind === 'goal-stalled' && t.goal === 'quiet' && t.fact === 'stalled: no commit since 2026-02-10; not reviewed since it was created on 2026-01-05'));
    });

    it('counts a longer cadence, and names the last commit and review when it knows them', async () => {
      const file = model();
      file.partnerships[0].cadence = 30;
      file.goals[0].reviews = [{ date: '2026-01-10', by: 'ana' }];
      const dir = buildRepo([{ author: BEN, date: '2026-01-12', files: { 'src/api/a.ts': 'a\n' }, message: 'API start' }]);
      file.sessions = [{ date: '2026-01-12', partnership: 'ana-ben', status: 'held' }];
      const agenda = await agendaFor(file, dir);
      assert.equal(agenda.stalledDays, 60);
      assert.equal(agenda.goals[0].stalled, undefined, '57 days is not yet 60');
      const later = await agendaFor(file, dir, '2026-03-14');
      assert.deepEqual(later.goals[0].stalled, { days: 61, lastCommit: '2026-01-12', lastReview: '2026-01-10' });
      assert.match(renderAgendaMarkdown(later), /\*\*Stalled\*\*: last commit 2026-01-12, 61 days ago; last review 2026-01-10, 63 days ago\./);
    });

    it('does not guess without git: goals keep their reviews, nobody is called stalled', () => {
      const agenda = buildAgenda(model(), 'ana-ben', TODAY, { available: false, reason: 'Restricted Mode: git is not read in an untrusted workspace' });
      assert.ok(agenda);
      assert.ok(agenda.goals.every((g) => g.stalled === undefined && !g.evidence.available && g.questions.length === 0));
      assert.equal(agenda.goals[0].lastReview?.note, 'Handlers typed');
    });
  });

  describe('the file’s parts', () => {
    const NONE: AgendaEvidenceInput = { available: true, byGoal: new Map(), scanned: 0, complete: true };

    it('lists open action items oldest first with how long they have been open, and those done since', () => {
      const agenda = buildAgenda(model(), 'ana-ben', TODAY, NONE);
      assert.ok(agenda);
      assert.deepEqual(
        agenda.actions.open.map((a) => [a.who.name, a.what, a.agreed, a.openDays, a.due, a.overdueDays, a.carriedOver]),
        [
          ['Ben Okafor', 'Type the user handler', '2026-02-10', 28, undefined, 0, 1],
          ['Ben Okafor', 'Add input checks', '2026-02-24', 14, '2026-03-03', 7, 0],
        ],
      );
      assert.deepEqual(agenda.actions.doneSince.map((a) => a.what), ['Share the style guide']);
      const md = renderAgendaMarkdown(agenda);
      assert.match(md, /Open, oldest first \(2\):\n\n- Ben Okafor: Type the user handler — open 28 days \(agreed 2026-02-10\)\n- Ben Okafor: Add input checks — open 14 days \(agreed 2026-02-24, \*\*overdue\*\*: due 2026-03-03\)/);
      assert.match(md, /Done since the last session \(1\):\n\n- Ana Lima: Share the style guide \(agreed 2026-02-24\)/);
      assert.ok(agenda.topics.some((t) => t.kind === 'action-overdue' && t.subject === 'Ben Okafor: Add input checks' && t.fact === 'action item due 2026-03-03, 7 days ago'));
      assert.ok(agenda.topics.some((t) => t.kind === 'action-carried' && t.fact === 'action item open since 2026-02-10, 28 days, carried over 1 session'));
    });

    it('suggests an open action item due by the next session', () => {
      const file = model();
      file.sessions[1].actions = [{ who: 'ben', what: 'Add input checks', due: '2026-03-10' }];
      const agenda = buildAgenda(file, 'ana-ben', '2026-03-05', NONE);
      assert.ok(agenda);
      assert.deepEqual(
        agenda.topics.filter((t) => t.kind === 'action-due'),
        [{ kind: 'action-due', subject: 'Ben Okafor: Add input checks', fact: 'action item due 2026-03-10, by the next session on 2026-03-10' }],
      );
    });

    it('gives days since the last session, the cadence, and whether the session is overdue', () => {
      const agenda = buildAgenda(model(), 'ana-ben', TODAY, NONE);
      assert.ok(agenda);
      assert.equal(agenda.schedule.lastHeld?.daysAgo, 14);
      assert.equal(agenda.schedule.nextDue, '2026-03-10');
      assert.match(renderAgendaMarkdown(agenda), /- Meets every 14 days; next session due 2026-03-10 \(today\)\./);
      const late = buildAgenda(model(), 'ana-ben', '2026-03-13', NONE);
      assert.ok(late);
      assert.equal(late.schedule.overdueDays, 3);
      assert.match(renderAgendaMarkdown(late), /next session due 2026-03-10: \*\*overdue\*\* by 3 days\./);
      assert.deepEqual(late.topics[0], { kind: 'schedule', subject: 'The schedule', fact: 'the session was due on 2026-03-10, 3 days ago' });
    });

    it('marks goals due before the next session and goals past their due date', () => {
      const file = model();
      file.goals[1].due = '2026-03-01';
      const agenda = buildAgenda(file, 'ana-ben', '2026-03-05', NONE);
      assert.ok(agenda);
      const [api, docs] = agenda.goals;
      assert.deepEqual([api.dueBeforeNextSession, api.overdue, api.daysUntilDue], [false, false, 15]);
      assert.deepEqual([docs.dueBeforeNextSession, docs.overdue], [false, true]);
      const sooner = buildAgenda(model(), 'ana-ben', '2026-03-09', { available: true, byGoal: new Map(), scanned: 0, complete: true });
      assert.ok(sooner);
      // The next session is due 2026-03-10; the API goal is due 2026-03-20: not before it.
      assert.equal(sooner.goals[0].dueBeforeNextSession, false);
      const file2 = model();
      file2.goals[0].due = '2026-03-10';
      const due = buildAgenda(file2, 'ana-ben', '2026-03-08', NONE);
      assert.ok(due);
      assert.equal(due.goals[0].dueBeforeNextSession, true);
      assert.match(renderAgendaMarkdown(due), /40% · due 2026-03-10 \(in 2 days\), \*\*due before the next session\*\*/);
      assert.ok(due.topics.some((t) => t.kind === 'goal-due' && t.fact === 'goal due 2026-03-10, before the next session on 2026-03-10, at 40%'));
      assert.ok(agenda.topics.some((t) => t.kind === 'goal-overdue' && t.subject === 'Document the API' && t.fact.split('; ')[0] === 'goal was due 2026-03-01'));
    });

    it('says that evidence needs git when there is no repository, and keeps everything else', async () => {
      const dir = tempDir();
      fs.writeFileSync(path.join(dir, '.mentoring.yml'), 'x');
      const evidence = await readAgendaEvidence(dir, model(), 'ana-ben', TODAY);
      assert.equal(evidence.available, false);
      assert.ok(!evidence.available && /is not in a git repository/.test(evidence.reason));
      const agenda = buildAgenda(model(), 'ana-ben', TODAY, evidence);
      assert.ok(agenda);
      const md = renderAgendaMarkdown(agenda);
      assert.match(md, /_Commits are not shown: evidence needs git \(.*is not in a git repository\)\._/);
      assert.match(md, /## Action items/);
      assert.match(md, /### Write the API handlers\n/);
      assert.match(md, /- Last review: 2026-02-24 by Ana Lima, 40%: Handlers typed/);
      assert.doesNotMatch(md, /No commits/);
    });

    it('reads an empty repository as no commits at all', async () => {
      const agenda = await agendaFor(model(), initRepo());
      assert.deepEqual(subjects(agenda, 'ben-api'), []);
      assert.match(renderAgendaMarkdown(agenda), /- No commits since 2026-02-24\./);
    });

    it('has no agenda for a partnership the file does not have', () => {
      assert.equal(buildAgenda(model(), 'nope', TODAY, NONE), undefined);
      assert.equal(agendaWindow(model(), 'nope', TODAY), undefined);
    });

    it('suggests topics that each name the fact they come from, at most eight', async () => {
      const agenda = await agendaFor(model(), buildRepo(HISTORY));
      assert.deepEqual(
        agenda.topics.map((t) => [t.kind, t.subject, t.fact]),
        [
          ['action-overdue', 'Ben Okafor: Add input checks', 'action item due 2026-03-03, 7 days ago'],
          ['goal-evidence', 'Write the API handlers', '2 commits since 2026-02-24, 1 naming the goal; last reviewed 2026-02-24'],
          ['goal-evidence', 'Document the API', '1 commit since 2026-02-24, 1 naming the goal; not reviewed yet'],
          ['review-question', 'Are the inputs validated before use?', 'review question of “Write the API handlers” raised by src/api/types.ts and 1 other file'],
          ['action-carried', 'Ben Okafor: Type the user handler', 'action item open since 2026-02-10, 28 days, carried over 1 session'],
          ['goal-proposed', 'Learn SQL plans', 'goal proposed on 2026-02-01, not active yet'],
        ],
      );
      const many = model();
      for (let i = 0; i < 12; i++) many.sessions[1].actions?.push({ who: 'ben', what: `Late ${i}`, due: '2026-03-01' });
      assert.equal(buildAgenda(many, 'ana-ben', TODAY, { available: true, byGoal: new Map(), scanned: 0, complete: true })?.topics.length, 8);
    });
  });

  describe('untrusted text', () => {
    const HOSTILE = {
      link: '[click me](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22rm%22%7D)',
      icon: '$(bug) icon',
      img: '<img src=x onerror=alert(1)>',
      heading: 'line one\n# Injected heading',
      // What a Markdown preview turns into links by itself: a host, www., bare domains, addresses.
      autolinks: '//localhost/etc/passwd www.evil.example evil.com bob@evil.example //10.0.0.1/share',
    };

    function hostileAgenda(): Promise<Agenda> {
      const file = model();
      file.partners[1].name = `Ben ${HOSTILE.link}`;
      file.goals[0].title = `API ${HOSTILE.img}`;
      file.goals[0].prompts = [`Ask ${HOSTILE.icon}`];
      file.goals[0].reviews = [{ date: '2026-02-24', by: 'ana', note: HOSTILE.heading }];
      file.sessions[1].notes = `${HOSTILE.heading}\n- [x](https://evil.example)`;
      file.sessions[1].actions = [{ who: 'ben', what: `${HOSTILE.link} ${HOSTILE.autolinks}` }];
      file.goals[0].prompts.push(`Read ${HOSTILE.autolinks}`);
      const dir = buildRepo([
        {
          author: `Mallory ${HOSTILE.icon} //evil.example/x <mallory@example.com>`,
          date: '2026-03-01',
          files: { [`src/api/<img src=x>.ts`]: 'x\n' },
          message: `Subject ${HOSTILE.link} ${HOSTILE.img} ${HOSTILE.autolinks}\n\nMentoring-Goal: ben-api`,
        },
      ]);
      return agendaFor(file, dir);
    }

    it('renders names, titles, actions, notes, prompts, subjects and paths as text, never as links, HTML, headings or icons', async () => {
      const agenda = await hostileAgenda();
      const md = renderAgendaMarkdown(agenda);
      const html = new MarkdownIt({ html: true, linkify: true }).render(md);
      assert.doesNotMatch(html, /<a\b/, 'no link');
      assert.doesNotMatch(html, /<img\b/, 'no image or raw HTML');
      assert.doesNotMatch(html, /<h1>Injected heading/, 'no injected heading');
      // VS Code reads `$(icon)` in Markdown source unless the `$` is escaped.
      assert.doesNotMatch(md, /(?<!\\)\$\(/, 'no icon syntax left whole');
      assert.equal((html.match(/<h1>/g) ?? []).length, 1, 'only the agenda’s own title');
      // The text is all there, shown as typed.
      const shown = html.replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').replace(/&quot;/g, '"');
      for (const text of [HOSTILE.autolinks, '//evil.example/x', '[click me](command:workbench.action.terminal.sendSequence', '<img src=x onerror=alert(1)>', 'line one\\n# Injected heading', 'Ask $', 'Mallory $', 'src/api/<img src=x>.ts']) {
        assert.ok(shown.replace(/\u200b/g, '').includes(text), `"${text}" shown as text in:\n${shown}`);
      }
      // Every line of the notes stays a quoted line; no line of the Markdown starts a heading but ours.
      assert.deepEqual(
        md.split('\n').filter((l) => /^#/.test(l)),
        ['# Session agenda: Ana Lima and Ben \\[click me\\]\\(command:workbench\\.action\\.terminal\\.sendSequence?%7B%22text%22%3A%22rm%22%7D\\)', '## Since the last session', '## Action items', '## Goals', '### API \\<img src=x onerror=alert\\(1\\)\\>', '### Document the API — stalled', '## Suggested topics'],
      );
    });

    it('escapes control characters and bidirectional overrides in JSON', () => {
      const file = model();
      file.goals[0].title = 'Evil\u202e\u0085title\u001b[31m';
      const agenda = buildAgenda(file, 'ana-ben', TODAY, { available: true, byGoal: new Map(), scanned: 0, complete: true });
      assert.ok(agenda);
      const json = renderAgendaJson(agenda);
      // eslint-disable-next-line no-control-regex
      const controls = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/;
      assert.doesNotMatch(json, controls);
      assert.equal((JSON.parse(json) as Agenda).goals[0].title, 'Evil\u202e\u0085title\u001b[31m', 'the same text after parsing');
      assert.doesNotMatch(renderAgendaMarkdown(agenda), controls);
    });
  });
});
