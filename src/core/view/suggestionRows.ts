/**
 * The rows of the "Suggestions" view, built from an analysis of the git history and the mentoring
 * file without any editor API, so the whole view can be checked in plain Node.
 *
 *   folder (only with several workspace folders)
 *   ├─ notices: Restricted Mode, not a repository, no commits, reading…, errors in the file, partial clone
 *   ├─ Who knows what        person (top areas, last commit; active people first) › area (score, files, commits)
 *   ├─ Knowledge islands     area (active holder, share of the last months' commits) › who could learn it
 *   ├─ Knowledge at risk     area (files only people who left know) › former experts, who could take it over
 *   ├─ Mutual matches        A ⇄ B (score) › A → B: areas, B → A: areas
 *   └─ Suggested goals       partnership › proposed goal
 */
import type { Expertise, SkillScore, SuggestedPerson } from '../expertise';
import type { Goal, MentoringFile, Partnership } from '../file';
import { ACTIVE_ELSEWHERE, activeElsewhere, agoText, isoDay } from '../expertise';
import { describeSkill, SkillKind, SkillTag } from '../expertise';
import { Island, IslandCandidate, labelOf, Match, suggest, suggestGoals, SuggestOptions } from '../expertise';
import type { RowIcon, ViewRow } from './viewRow';

export type SuggestionRowKind = 'folder' | 'notice' | 'section' | 'person' | 'area' | 'island' | 'atRisk' | 'handedOver' | 'others' | 'formerExpert' | 'candidate' | 'match' | 'direction' | 'partnership' | 'suggestedGoal';

/** `contextValue`: `match`, `match-partnered`, `suggestedGoal`, `notice-restricted`, … */
export interface SuggestionRow extends ViewRow<SuggestionRowKind, SuggestionRow> {
  /** Starts expanded (when it has children). */
  expanded?: boolean;
  /** On `match` rows: the pair to turn into a partnership. */
  match?: Match;
  /** On `suggestedGoal` rows: the goal to add. */
  goal?: Goal;
}

/** Where a folder's analysis stands. */
export type AnalysisStatus =
  | { state: 'idle' }
  | { state: 'running'; commitsRead: number }
  | { state: 'virtual' }
  | { state: 'not-a-repository' }
  | { state: 'empty' }
  | { state: 'cancelled' }
  | { state: 'failed'; message: string }
  | { state: 'done'; expertise: Expertise; notices?: string[]; mailmap?: number }
  /** Done, and the folder's rows built elsewhere (by the analysis worker, from a `done` status). */
  | { state: 'shown'; rows: SuggestionRow[] };

export interface SuggestionFolder {
  key: string;
  name: string;
  status: AnalysisStatus;
  /** The mentoring file to match people to partners (the last valid one while it has errors). */
  mentoring?: MentoringFile;
  hasErrors: boolean;
}

export interface SuggestionInput {
  trusted: boolean;
  folders: SuggestionFolder[];
  options?: SuggestOptions;
  /** Limits of the lists shown (the CLI's `--json` lists everything). */
  maxPeople?: number;
  maxSkills?: number;
  maxIslands?: number;
  maxMatches?: number;
  maxAtRisk?: number;
  goalsPerMember?: number;
  /** Epoch seconds that "3 days ago" is measured from (default: now). */
  now?: number;
}

export const RESTRICTED_ROW = 'Suggestions need git history, which is not read in Restricted Mode';
export const MANAGE_TRUST_ROW = 'Manage Workspace Trust…';
export const SECTIONS = { people: 'Who knows what', islands: 'Knowledge islands', atRisk: 'Knowledge at risk', handedOver: 'Handed over', matches: 'Mutual matches', goals: 'Suggested goals' } as const;

const NOT_PARTNER = 'not yet a partner';
const REASONS: Record<Island['candidates'][number]['reason'], string> = { wants: 'wants to learn it', 'worked-here': 'has worked here', 'active-nearby': 'active in related areas' };

const KIND_ORDER: Record<SkillKind, number> = { team: 0, language: 1, practice: 2, module: 3 };
const pct = (n: number): string => `${Math.round(n * 100)}%`;
const score = (n: number): string => (Math.round(n * 100) / 100).toFixed(2);
const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Top-level rows; with several folders, one row per folder. */
export function buildSuggestionRows(input: SuggestionInput): SuggestionRow[] {
  const first = input.folders[0]?.key ?? '';
  if (!input.trusted) {
    return [
      notice(first, 'restricted', RESTRICTED_ROW, { id: 'shield' }, 'notice-restricted'),
      {
        ...notice(first, 'manage-trust', MANAGE_TRUST_ROW, { id: 'workspace-trusted' }, 'notice-trust'),
        command: { command: 'workbench.trust.manage', title: 'Manage Workspace Trust', arguments: [] },
      },
    ];
  }
  if (input.folders.length === 1) return folderRows(input.folders[0], input);
  return input.folders.map((f) => ({
    id: f.key,
    kind: 'folder',
    folder: f.key,
    label: f.name,
    icon: { id: 'root-folder' },
    contextValue: 'folder',
    expanded: true,
    children: folderRows(f, input),
  }));
}

function notice(folder: string, id: string, label: string, icon: RowIcon, contextValue: string, description?: string): SuggestionRow {
  return { id: `${folder}/notice/${id}`, kind: 'notice', folder, label, description, icon, contextValue, children: [] };
}

function folderRows(f: SuggestionFolder, input: SuggestionInput): SuggestionRow[] {
  const s = f.status;
  const info = { id: 'info' };
  switch (s.state) {
    case 'idle':
    case 'running':
      return [notice(f.key, 'running', 'Reading the git history…', { id: 'loading~spin' }, 'notice-running', s.state === 'running' && s.commitsRead ? `${plural(s.commitsRead, 'commit')} read` : undefined)];
    case 'virtual':
      return [notice(f.key, 'virtual', 'Suggestions need a folder on disk with its git history', info, 'notice-virtual')];
    case 'not-a-repository':
      return [notice(f.key, 'no-repo', 'Not a git repository: suggestions come from the commit history', info, 'notice-no-repo')];
    case 'empty':
      return [notice(f.key, 'empty', 'The repository has no commits yet', info, 'notice-empty')];
    case 'cancelled':
      return [{ ...notice(f.key, 'cancelled', 'Reading the git history was cancelled', info, 'notice-cancelled'), command: { command: 'mentoring.suggestions.refresh', title: 'Analyze Again', arguments: [] } }];
    case 'failed':
      return [notice(f.key, 'failed', 'Could not read the git history', { id: 'error', color: 'problemsErrorIcon.foreground' }, 'notice-failed', s.message)];
    case 'done':
      return [...(s.notices ?? []).map((n, i) => notice(f.key, `analysis-${i}`, n, info, 'notice-analysis')), ...doneRows(f, s, input)];
    case 'shown':
      return s.rows;
  }
}

function doneRows(f: SuggestionFolder, status: Extract<AnalysisStatus, { state: 'done' }>, input: SuggestionInput): SuggestionRow[] {
  const { expertise } = status;
  const now = input.now ?? Date.now() / 1000;
  const ago = (epochSeconds: number): string => agoText(epochSeconds, now);
  const rows: SuggestionRow[] = [];
  const file = f.mentoring;
  if (f.hasErrors) {
    const row = notice(f.key, 'errors', 'The mentoring file has errors — partners matched by its last valid content', { id: 'warning', color: 'problemsWarningIcon.foreground' }, 'notice-errors');
    row.command = { command: 'mentoring.revealProblem', title: 'Show Problem', arguments: [{ folder: f.key }] };
    rows.push(row);
  }
  const result = suggest(expertise, file, input.options);
  const tag = (skill: string): SkillTag => expertise.areas.get(skill)?.tag ?? describeSkill(skill, file?.skills);
  // Folders read as folders ("tests/"), apart from the practice of the same name ("Tests"); one label per area.
  const label = (skill: string): string => labelOf(expertise, skill, file?.skills);
  // Equal scores: the team's areas, languages and practices say more than folders.
  const ranked = (skills: SkillScore[]): SkillScore[] => [...skills].sort((x, y) => y.score - x.score || KIND_ORDER[tag(x.skill).kind] - KIND_ORDER[tag(y.skill).kind]);
  const who = (name: string, partnerId: string | undefined): string => (partnerId ? name : `${name} (${NOT_PARTNER})`);
  const section = (id: keyof typeof SECTIONS, icon: string, children: SuggestionRow[], empty: string): SuggestionRow => ({
    id: `${f.key}/${id}`,
    kind: 'section',
    folder: f.key,
    label: SECTIONS[id],
    icon: { id: icon },
    contextValue: `section-${id}`,
    expanded: true,
    children: children.length ? children : [notice(f.key, `${id}-none`, empty, { id: 'circle-slash' }, 'notice-none')],
  });
  const more = (id: string, n: number, one: string, many: string): SuggestionRow[] =>
    n > 0 ? [notice(f.key, `${id}-more`, `… and ${n} more ${n === 1 ? one : many}`, { id: 'ellipsis' }, 'notice-more', 'peer-mentoring suggest --json lists all')] : [];

  // Who knows what.
  const maxSkills = input.maxSkills ?? 5;
  const people = result.people.filter((p) => p.skills.length > 0);
  const maxPeople = input.maxPeople ?? 30;
  const personRow = (p: SuggestedPerson): SuggestionRow => {
    const id = `${f.key}/people/${p.partnerId ? `partner:${p.partnerId}` : p.email.toLowerCase()}`;
    const skills = ranked(p.skills);
    const top = skills.slice(0, 3).map((k) => label(k.skill));
    const elsewhere = activeElsewhere(p, expertise.activeSince);
    const last = !p.active ? `left · last commit ${ago(p.lastDate)}` : elsewhere ? `${ago(p.lastDate)} · ${ACTIVE_ELSEWHERE}` : ago(p.lastDate);
    return {
      id,
      kind: 'person',
      folder: f.key,
      label: p.name,
      // Someone who left is no partner to propose.
      description: [p.partnerId || !p.active ? '' : NOT_PARTNER, top.join(', '), last].filter(Boolean).join(' · '),
      tooltip: [
        `${p.name} <${p.email}>${p.partnerId ? ` — partner ${p.partnerId}` : ` — ${NOT_PARTNER}`}`,
        `${plural(p.commits, 'commit')}, the last on ${isoDay(p.lastDate)} (${ago(p.lastDate)})${!p.active ? ': no longer active' : elsewhere ? `; ${ACTIVE_ELSEWHERE} with the same name` : ''}`,
      ].join('\n'),
      icon: p.active ? { id: p.partnerId ? 'person' : 'person-add' } : { id: 'person', color: 'disabledForeground' },
      contextValue: p.active ? (p.partnerId ? 'person-partner' : 'person') : 'person-departed',
      children: skills.slice(0, maxSkills).map(
        (k): SuggestionRow => ({
          id: `${id}/${k.skill}`,
          kind: 'area',
          folder: f.key,
          label: label(k.skill),
          description: `${score(k.score)} · ${plural(k.files, 'file')} · ${plural(k.commits, 'commit')}`,
          tooltip: `Score ${score(k.score)} (1: the best active person here): ${pct(k.recent)} of the recent work, author of ${pct(k.authorship)} of the files${k.lastDate ? `, last change ${isoDay(k.lastDate)}` : ''}${k.places.length ? `\nIn ${k.places.slice(0, 3).join(', ')}` : ''}`,
          icon: { id: 'symbol-namespace' },
          contextValue: 'area',
          children: [],
        }),
      ),
    };
  };
  const personRows = people.slice(0, maxPeople).map(personRow);
  // Active people outside the programme: an invitation to join, not a match.
  const others = result.others.filter((p) => p.skills.length > 0);
  const otherRows: SuggestionRow[] = others.length
    ? [
        {
          id: `${f.key}/others`,
          kind: 'others',
          folder: f.key,
          label: `Also works here, not in the programme (${others.length})`,
          tooltip: 'Active in the repository but not a partner of the mentoring file: people to invite. Knowledge is counted over everyone; matches are among partners.',
          icon: { id: 'person-add' },
          contextValue: 'others',
          children: [...others.slice(0, maxPeople).map(personRow), ...more('others', others.length - maxPeople, 'person', 'people')],
        },
      ]
    : [];
  const mailmap = status.mailmap
    ? [
        {
          ...notice(f.key, 'mailmap', `${status.mailmap === 1 ? '1 person appears' : `${status.mailmap} people appear`} under several addresses`, { id: 'person' }, 'notice-mailmap', 'Suggest .mailmap lines'),
          command: { command: 'mentoring.suggestions.showMailmap', title: 'Suggest .mailmap Lines', arguments: [{ folder: f.key }] },
        },
      ]
    : [];
  rows.push(section('people', 'organization', [...personRows, ...more('people', people.length - maxPeople, 'person', 'people'), ...otherRows, ...mailmap], 'No skill areas found in the history'));

  // Knowledge islands.
  const maxIslands = input.maxIslands ?? 10;
  const islandRows = result.islands.slice(0, maxIslands).map((i): SuggestionRow => {
    const id = `${f.key}/islands/${i.skill}`;
    return {
      id,
      kind: 'island',
      folder: f.key,
      label: label(i.skill),
      description: `${who(i.name, i.partnerId)} · ${pct(i.share)} of the last months' commits`,
      tooltip: `${i.name} made ${pct(i.share)} of the commits in ${label(i.skill)} since ${isoDay(expertise.activeSince)}, and nobody else active made 3 or more; only active author of ${i.soleFiles} of its ${plural(i.files, 'file')}.`,
      icon: { id: 'warning', color: 'problemsWarningIcon.foreground' },
      contextValue: 'island',
      children: i.candidates.length
        ? i.candidates.map((c) => candidateRow(f.key, id, c))
        : [notice(f.key, `islands/${i.skill}/none`, 'Nobody has worked nearby yet', { id: 'circle-slash' }, 'notice-none')],
    };
  });
  rows.push(section('islands', 'warning', [...islandRows, ...more('islands', result.islands.length - maxIslands, 'island', 'islands')], 'None: no folder where one person does nearly all the work'));

  // Knowledge at risk.
  const maxAtRisk = input.maxAtRisk ?? 10;
  const atRiskRows = result.atRisk.slice(0, maxAtRisk).map((a): SuggestionRow => {
    const id = `${f.key}/atRisk/${a.skill}`;
    const experts = a.formerExperts.map(
      (x): SuggestionRow => ({
        id: `${id}/former/${x.email.toLowerCase()}`,
        kind: 'formerExpert',
        folder: f.key,
        label: x.name,
        description: `left · last commit ${ago(Date.parse(`${x.lastCommit}T12:00:00Z`) / 1000)} · author of ${plural(x.files, 'file')}`,
        tooltip: `${x.name} <${x.email}> authors ${plural(x.files, 'file')} of ${label(a.skill)}; last commit ${x.lastCommit}.`,
        icon: { id: 'person', color: 'disabledForeground' },
        contextValue: 'formerExpert',
        children: [],
      }),
    );
    const takers = a.candidates.map((c) => candidateRow(f.key, `${id}/take`, c, 'could take it over'));
    return {
      id,
      kind: 'atRisk',
      folder: f.key,
      label: label(a.skill),
      description: `${a.files} of ${plural(a.areaFiles, 'file')} · ${a.formerExperts.length ? a.formerExperts.map((x) => x.name).join(', ') : 'people who left'}`,
      tooltip: `Only people who left author ${a.files} of the ${plural(a.areaFiles, 'file')} in ${label(a.skill)}${a.formerExperts.length ? `:\n${a.formerExperts.map((x) => `${x.name} (last commit ${x.lastCommit}, ${plural(x.files, 'file')})`).join('\n')}` : '.'}`,
      icon: { id: 'history', color: 'problemsWarningIcon.foreground' },
      contextValue: 'atRisk',
      children: [...experts, ...takers],
    };
  });
  rows.push(section('atRisk', 'history', [...atRiskRows, ...more('atRisk', result.atRisk.length - maxAtRisk, 'area', 'areas')], 'None: someone active knows every area'));

  // Handed over: authored by people who left, maintained by active people now (shown only when there are some).
  const handedRows = result.handedOver.slice(0, maxAtRisk).map(
    (h): SuggestionRow => ({
      id: `${f.key}/handedOver/${h.skill}`,
      kind: 'handedOver',
      folder: f.key,
      label: label(h.skill),
      description: `authored by ${h.formerExperts.length ? h.formerExperts.map((x) => x.name).join(', ') : 'people'} who left; ${h.maintainers.map((m) => m.name).join(', ')} ${h.maintainers.length === 1 ? 'maintains' : 'maintain'} it now`,
      tooltip: `People who left author ${h.files} of the ${plural(h.areaFiles, 'file')} in ${label(h.skill)}; active people maintain it now:\n${h.maintainers.map((m) => `${m.name}: ${plural(m.commits, 'commit')} since ${isoDay(expertise.activeSince)}`).join('\n')}`,
      icon: { id: 'pass' },
      contextValue: 'handedOver',
      children: [],
    }),
  );
  if (handedRows.length) rows.push(section('handedOver', 'pass', [...handedRows, ...more('handedOver', result.handedOver.length - maxAtRisk, 'area', 'areas')], ''));

  // Mutual matches.
  const maxMatches = input.maxMatches ?? 10;
  const matchRows = result.matches.slice(0, maxMatches).map((m, index): SuggestionRow => {
    const id = `${f.key}/matches/${m.a.toLowerCase()}|${m.b.toLowerCase()}`;
    const together = file && m.aPartnerId && m.bPartnerId ? partnershipOf(file, m.aPartnerId, m.bPartnerId) : undefined;
    const newcomers = [m.aPartnerId ? '' : m.aName, m.bPartnerId ? '' : m.bName].filter(Boolean);
    const description = [`score ${score(m.score)}`, together ? `already partners (${together.id})` : newcomers.length === 1 ? `${newcomers[0]} is ${NOT_PARTNER}` : newcomers.length ? `${newcomers.join(' and ')} are not yet partners` : ''];
    const direction = (from: string, to: string, skills: string[], n: string): SuggestionRow => ({
      id: `${id}/${n}`,
      kind: 'direction',
      folder: f.key,
      label: `${from} → ${to}`,
      description: skills.map(label).join(', '),
      icon: { id: 'arrow-right' },
      contextValue: 'direction',
      children: [],
    });
    return {
      id,
      kind: 'match',
      folder: f.key,
      label: `${m.aName} ⇄ ${m.bName}`,
      description: description.filter(Boolean).join(' · '),
      tooltip: `${m.aName} can teach ${m.bName}: ${m.aTeachesB.map(label).join(', ')}\n${m.bName} can teach ${m.aName}: ${m.bTeachesA.map(label).join(', ')}\nScore ${score(m.score)} (the smaller of the two directions' gains)`,
      icon: { id: 'arrow-swap', color: together ? 'disabledForeground' : undefined },
      contextValue: together ? 'match-partnered' : 'match',
      // The best few start open, their areas in sight.
      expanded: index < 3,
      match: m,
      children: [direction(m.aName, m.bName, m.aTeachesB, 'ab'), direction(m.bName, m.aName, m.bTeachesA, 'ba')],
    };
  });
  rows.push(section('matches', 'arrow-swap', [...matchRows, ...more('matches', result.matches.length - maxMatches, 'match', 'matches')], 'No pair where each can teach the other'));

  // Suggested goals per partnership that has not ended.
  const live = (file?.partnerships ?? []).filter((p) => p.status !== 'ended');
  const goalRows = live.map((ps): SuggestionRow => {
    const id = `${f.key}/goals/${ps.id}`;
    const goals = file ? suggestGoals(expertise, file, ps.id, { ...input.options, perMember: input.goalsPerMember }) : [];
    return {
      id,
      kind: 'partnership',
      folder: f.key,
      label: partnershipTitle(file as MentoringFile, ps),
      description: ps.id,
      icon: { id: ps.kind === 'mutual' ? 'arrow-swap' : 'arrow-right' },
      contextValue: 'suggestedPartnership',
      expanded: true,
      children: goals.length
        ? goals.map(
            (g): SuggestionRow => ({
              id: `${id}/${g.owner}/${(g.skills ?? []).join(',')}`,
              kind: 'suggestedGoal',
              folder: f.key,
              label: g.title,
              description: `for ${nameOf(file as MentoringFile, g.owner)}`,
              tooltip: [g.title, g.description ?? '', g.paths?.length ? `Paths: ${g.paths.join(', ')}` : ''].filter(Boolean).join('\n'),
              icon: { id: 'lightbulb' },
              contextValue: 'suggestedGoal',
              goal: g,
              children: [],
            }),
          )
        : [notice(f.key, `goals/${ps.id}/none`, 'Nothing new to suggest', { id: 'circle-slash' }, 'notice-none')],
    };
  });
  const noGoals = !file ? 'No mentoring file: partnerships come from it' : 'No partnerships yet: create one from a mutual match';
  rows.push(section('goals', 'lightbulb', goalRows, noGoals));
  return rows;
}

/** Someone who could learn an area (or take it over, with `intro`), with why. */
function candidateRow(folder: string, parentId: string, c: IslandCandidate, intro?: string): SuggestionRow {
  return {
    id: `${parentId}/${c.partnerId ? `partner:${c.partnerId}` : c.person.toLowerCase()}`,
    kind: 'candidate',
    folder,
    label: c.name,
    description: [intro, REASONS[c.reason], c.partnerId ? '' : NOT_PARTNER].filter(Boolean).join(' · '),
    icon: { id: 'mortar-board' },
    contextValue: 'candidate',
    children: [],
  };
}

/** The partnership (not ended) with exactly these two members, if any. */
export function partnershipOf(file: MentoringFile, a: string, b: string): Partnership | undefined {
  return file.partnerships.find((p) => p.status !== 'ended' && p.members.length === 2 && p.members.includes(a) && p.members.includes(b));
}

function nameOf(file: MentoringFile, id: string): string {
  return file.partners.find((p) => p.id === id)?.name ?? id;
}

/** "Ana Lima ⇄ Ben Okafor" (mutual), "Ana Lima → Chen Wei" (one-way, mentor first). */
export function partnershipTitle(file: MentoringFile, ps: Partnership): string {
  if (ps.kind === 'mutual') return ps.members.map((m) => nameOf(file, m)).join(' ⇄ ');
  const mentor = ps.mentor ?? ps.members[0];
  return `${nameOf(file, mentor)} → ${ps.members.filter((m) => m !== mentor).map((m) => nameOf(file, m)).join(', ')}`;
}
