/**
 * The rows of the "Suggestions" view, built from an analysis of the git history and the mentoring
 * file without any editor API, so the whole view can be checked in plain Node.
 *
 *   folder (only with several workspace folders)
 *   ├─ notices: Restricted Mode, not a repository, no commits, reading…, errors in the file, partial clone
 *   ├─ Who knows what        person (top area, or "left"; active people first) › area (how strong: "top", "strong", …)
 *   ├─ Knowledge islands     area (its active holder) › who could learn it
 *   ├─ Knowledge at risk     area (files only people who left know) › former experts, who could take it over
 *   ├─ Mutual matches        A ⇄ B ("strong", "good", "fair"; "partners") › area (who teaches whom)
 *   └─ Suggested goals       partnership › proposed goal
 *
 * Each row is a short label and one short state, whole at the default side bar width (rowFit.ts);
 * figures and the reasons behind them are in its tooltip and its "Show Details" document. A person
 * who committed under several addresses with the same full name is one row.
 */
import type { Expertise, SkillScore, SuggestedPerson } from '../expertise';
import type { Goal, MentoringFile, Partnership } from '../file';
import { agoText, isoDay } from '../expertise';
import { describeSkill, SkillKind, SkillTag } from '../expertise';
import { Island, IslandCandidate, labelOf, Match, suggest, suggestGoals, SuggestOptions } from '../expertise';
import { fitRows, fits, rowWidth } from './rowFit';
import { areaStrength, capitalize, matchStrength, onePerPerson, shortNames, STRENGTH_MEANS } from './suggestionWords';
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
  /** The side bar width rows are fitted to (default: VS Code's default, 300 px). */
  width?: number;
}

export const RESTRICTED_ROW = 'Restricted Mode';
export const MANAGE_TRUST_ROW = 'Manage Workspace Trust…';
export const SECTIONS = { people: 'Who knows what', islands: 'Knowledge islands', atRisk: 'Knowledge at risk', handedOver: 'Handed over', matches: 'Mutual matches', goals: 'Suggested goals' } as const;

const NOT_PARTNER = 'not yet a partner';
const REASONS: Record<Island['candidates'][number]['reason'], string> = { wants: 'wants to learn it', 'worked-here': 'has worked here', 'active-nearby': 'works nearby' };

const KIND_ORDER: Record<SkillKind, number> = { team: 0, language: 1, practice: 2, module: 3 };
const pct = (n: number): string => `${Math.round(n * 100)}%`;
const score = (n: number): string => (Math.round(n * 100) / 100).toFixed(2);
const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Top-level rows; with several folders, one row per folder. */
export function buildSuggestionRows(input: SuggestionInput): SuggestionRow[] {
  const first = input.folders[0]?.key ?? '';
  if (!input.trusted) {
    return [
      { ...notice(first, 'restricted', RESTRICTED_ROW, { id: 'shield' }, 'notice-restricted', 'history not read'), tooltip: 'Suggestions need the git history, which is not read in Restricted Mode.' },
      {
        ...notice(first, 'manage-trust', MANAGE_TRUST_ROW, { id: 'workspace-trusted' }, 'notice-trust'),
        command: { command: 'workbench.trust.manage', title: 'Manage Workspace Trust', arguments: [] },
      },
    ];
  }
  // Every row short enough to read whole at the side bar's width (by default VS Code's default).
  const width = rowWidth(input.width);
  if (input.folders.length === 1) return fitRows(folderRows(input.folders[0], input), 1, width);
  return fitRows(input.folders.map((f): SuggestionRow => ({
    id: f.key,
    kind: 'folder',
    folder: f.key,
    label: f.name,
    icon: { id: 'root-folder' },
    contextValue: 'folder',
    expanded: true,
    children: folderRows(f, input),
  })), 1, width);
}

function notice(folder: string, id: string, label: string, icon: RowIcon, contextValue: string, description?: string, tooltip?: string): SuggestionRow {
  const row: SuggestionRow = { id: `${folder}/notice/${id}`, kind: 'notice', folder, label, description, icon, contextValue, children: [] };
  if (tooltip) row.tooltip = tooltip;
  return row;
}

function folderRows(f: SuggestionFolder, input: SuggestionInput): SuggestionRow[] {
  const s = f.status;
  const info = { id: 'info' };
  switch (s.state) {
    case 'idle':
    case 'running':
      return [notice(f.key, 'running', 'Reading history…', { id: 'loading~spin' }, 'notice-running', s.state === 'running' && s.commitsRead ? plural(s.commitsRead, 'commit') : undefined, 'Reading the git history for suggestions')];
    case 'virtual':
      return [notice(f.key, 'virtual', 'No history here', info, 'notice-virtual', 'virtual folder', 'Suggestions need a folder on disk with its git history')];
    case 'not-a-repository':
      return [notice(f.key, 'no-repo', 'Not a git repository', info, 'notice-no-repo', undefined, 'Suggestions come from the commit history')];
    case 'empty':
      return [notice(f.key, 'empty', 'No commits yet', info, 'notice-empty', undefined, 'The repository has no commits yet')];
    case 'cancelled':
      return [{ ...notice(f.key, 'cancelled', 'History not read', info, 'notice-cancelled', 'cancelled', 'Reading the git history was cancelled: click to read it again'), command: { command: 'mentoring.suggestions.refresh', title: 'Analyze Again', arguments: [] } }];
    case 'failed':
      return [notice(f.key, 'failed', 'History not read', { id: 'error', color: 'problemsErrorIcon.foreground' }, 'notice-failed', 'failed', `Could not read the git history: ${s.message}`)];
    case 'done':
      return [...(s.notices ?? []).map((n, i) => notice(f.key, `analysis-${i}`, n, info, 'notice-analysis', undefined, n)), ...doneRows(f, s, input)];
    case 'shown':
      return s.rows;
  }
}

function doneRows(f: SuggestionFolder, status: Extract<AnalysisStatus, { state: 'done' }>, input: SuggestionInput): SuggestionRow[] {
  const { expertise } = status;
  // Sections are at the top level, or under their folder's row.
  const depth = input.folders.length > 1 ? 2 : 1;
  const now = input.now ?? Date.now() / 1000;
  const ago = (epochSeconds: number): string => agoText(epochSeconds, now);
  const rows: SuggestionRow[] = [];
  const file = f.mentoring;
  if (f.hasErrors) {
    const row = notice(f.key, 'errors', 'File has errors', { id: 'warning', color: 'problemsWarningIcon.foreground' }, 'notice-errors', 'last valid', 'The mentoring file has errors — partners matched by its last valid content');
    row.command = { command: 'mentoring.revealProblem', title: 'Show Problem', arguments: [{ folder: f.key }] };
    rows.push(row);
  }
  const result = suggest(expertise, file, input.options);
  const tag = (skill: string): SkillTag => expertise.areas.get(skill)?.tag ?? describeSkill(skill, file?.skills);
  // Folders read as folders ("tests/"), apart from the practice of the same name ("Tests"); one label per area.
  const label = (skill: string): string => labelOf(expertise, skill, file?.skills);
  // Equal scores: the team's areas, languages and practices say more than folders.
  const ranked = (skills: SkillScore[]): SkillScore[] => [...skills].sort((x, y) => y.score - x.score || KIND_ORDER[tag(x.skill).kind] - KIND_ORDER[tag(y.skill).kind]);
  const section = (id: keyof typeof SECTIONS, icon: string, children: SuggestionRow[], empty: string, why = ''): SuggestionRow => ({
    id: `${f.key}/${id}`,
    kind: 'section',
    folder: f.key,
    label: SECTIONS[id],
    icon: { id: icon },
    contextValue: `section-${id}`,
    expanded: true,
    children: children.length ? children : [notice(f.key, `${id}-none`, empty, { id: 'circle-slash' }, 'notice-none', undefined, why || undefined)],
  });
  const more = (id: string, n: number, one: string, many: string): SuggestionRow[] =>
    n > 0 ? [notice(f.key, `${id}-more`, `… and ${n} more ${n === 1 ? one : many}`, { id: 'ellipsis' }, 'notice-more', undefined, '`peer-mentoring suggest --json` lists all')] : [];

  // Who knows what.
  const maxSkills = input.maxSkills ?? 5;
  // One row per person, also for someone under several addresses.
  const merged = onePerPerson(result.people, result.others);
  const people = merged.team.filter((p) => p.skills.length > 0);
  const maxPeople = input.maxPeople ?? 30;
  const personRow = (p: SuggestedPerson): SuggestionRow => {
    const id = `${f.key}/people/${p.partnerId ? `partner:${p.partnerId}` : p.email.toLowerCase()}`;
    const skills = ranked(p.skills);
    const top = skills.slice(0, 3).map((k) => label(k.skill));
    const others = p.emails.filter((e) => e.toLowerCase() !== p.email.toLowerCase());
    return {
      id,
      kind: 'person',
      folder: f.key,
      label: p.name,
      // The top area; someone who left, that they did (no partner to propose).
      description: p.active ? top[0] : 'left',
      tooltip: [
        // Someone who left is no partner to propose.
        `${p.name} <${p.email}>${p.partnerId ? ` — partner ${p.partnerId}` : p.active ? ` — ${NOT_PARTNER}` : ''}`,
        others.length ? `Also committed as ${others.join(', ')}` : '',
        `${plural(p.commits, 'commit')}, the last on ${isoDay(p.lastDate)} (${ago(p.lastDate)})${p.active ? '' : ': no longer active'}`,
        top.length ? `Top areas: ${top.join(', ')}` : '',
      ]
        .filter(Boolean)
        .join('\n'),
      icon: p.active ? { id: p.partnerId ? 'person' : 'person-add' } : { id: 'person', color: 'disabledForeground' },
      contextValue: p.active ? (p.partnerId ? 'person-partner' : 'person') : 'person-departed',
      children: skills.slice(0, maxSkills).map(
        (k): SuggestionRow => ({
          id: `${id}/${k.skill}`,
          kind: 'area',
          folder: f.key,
          label: label(k.skill),
          description: areaStrength(k.score),
          tooltip: `${capitalize(areaStrength(k.score))}: score ${score(k.score)} (1: the best active person here) · ${plural(k.files, 'file')} · ${plural(k.commits, 'commit')}\n${pct(k.share)} of the work (${pct(k.recent)} of the recent work), author of ${pct(k.authorship)} of the files${k.lastDate ? `, last change ${isoDay(k.lastDate)}` : ''}${k.places.length ? `\nIn ${k.places.slice(0, 3).join(', ')}` : ''}`,
          icon: { id: 'symbol-namespace' },
          contextValue: 'area',
          children: [],
        }),
      ),
    };
  };
  const personRows = people.slice(0, maxPeople).map(personRow);
  // Active people outside the programme: an invitation to join, not a match.
  const others = merged.others.filter((p) => p.skills.length > 0);
  const otherRows: SuggestionRow[] = others.length
    ? [
        {
          id: `${f.key}/others`,
          kind: 'others',
          folder: f.key,
          label: `Not in the programme (${others.length})`,
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
          ...notice(f.key, 'mailmap', `Several addresses (${status.mailmap})`, { id: 'person' }, 'notice-mailmap', undefined, `${status.mailmap === 1 ? '1 person appears' : `${status.mailmap} people appear`} under several addresses: click for suggested .mailmap lines`),
          command: { command: 'mentoring.suggestions.showMailmap', title: 'Suggest .mailmap Lines', arguments: [{ folder: f.key }] },
        },
      ]
    : [];
  rows.push(section('people', 'organization', [...personRows, ...more('people', people.length - maxPeople, 'person', 'people'), ...otherRows, ...mailmap], 'No skill areas found', 'No skill areas found in the history'));

  // Knowledge islands.
  const maxIslands = input.maxIslands ?? 10;
  const islandRows = result.islands.slice(0, maxIslands).map((i): SuggestionRow => {
    const id = `${f.key}/islands/${i.skill}`;
    return {
      id,
      kind: 'island',
      folder: f.key,
      label: label(i.skill),
      description: i.name,
      tooltip: `${i.partnerId ? '' : `${i.name} is ${NOT_PARTNER}.\n`}${i.name} made ${pct(i.share)} of the commits in ${label(i.skill)} since ${isoDay(expertise.activeSince)}, and nobody else active made 3 or more; only active author of ${i.soleFiles} of its ${plural(i.files, 'file')}.`,
      icon: { id: 'warning', color: 'problemsWarningIcon.foreground' },
      contextValue: 'island',
      children: i.candidates.length
        ? i.candidates.map((c) => candidateRow(f.key, id, c))
        : [notice(f.key, `islands/${i.skill}/none`, 'Nobody nearby yet', { id: 'circle-slash' }, 'notice-none', undefined, 'Nobody active has worked in or near this area yet')],
    };
  });
  rows.push(section('islands', 'warning', [...islandRows, ...more('islands', result.islands.length - maxIslands, 'island', 'islands')], 'No knowledge islands', 'None: no folder where one person does nearly all the work'));

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
        description: `left ${ago(Date.parse(`${x.lastCommit}T12:00:00Z`) / 1000)}`,
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
      description: `${a.files} of ${plural(a.areaFiles, 'file')}`,
      tooltip: `Only people who left author ${a.files} of the ${plural(a.areaFiles, 'file')} in ${label(a.skill)}${a.formerExperts.length ? `:\n${a.formerExperts.map((x) => `${x.name} (last commit ${x.lastCommit}, ${plural(x.files, 'file')})`).join('\n')}` : '.'}`,
      icon: { id: 'history', color: 'problemsWarningIcon.foreground' },
      contextValue: 'atRisk',
      children: [...experts, ...takers],
    };
  });
  rows.push(section('atRisk', 'history', [...atRiskRows, ...more('atRisk', result.atRisk.length - maxAtRisk, 'area', 'areas')], 'Nothing at risk', 'None: someone active knows every area'));

  // Handed over: authored by people who left, maintained by active people now (shown only when there are some).
  const handedRows = result.handedOver.slice(0, maxAtRisk).map(
    (h): SuggestionRow => ({
      id: `${f.key}/handedOver/${h.skill}`,
      kind: 'handedOver',
      folder: f.key,
      label: label(h.skill),
      description: h.maintainers[0]?.name,
      tooltip: `Authored by ${h.formerExperts.length ? h.formerExperts.map((x) => x.name).join(', ') : 'people'} who left; ${h.maintainers.map((m) => m.name).join(', ')} ${h.maintainers.length === 1 ? 'maintains' : 'maintain'} it now.\nPeople who left author ${h.files} of the ${plural(h.areaFiles, 'file')} in ${label(h.skill)}; active people maintain it now:\n${h.maintainers.map((m) => `${m.name}: ${plural(m.commits, 'commit')} since ${isoDay(expertise.activeSince)}`).join('\n')}`,
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
    const strength = matchStrength(m.score);
    const status = together ? `Already partners (${together.id})` : newcomers.length === 1 ? `${newcomers[0]} is ${NOT_PARTNER}` : newcomers.length ? `${newcomers.join(' and ')} are not yet partners` : '';
    // Who teaches whom, by first names where the two differ in them.
    const [aShort, bShort] = shortNames(m.aName, m.bName);
    const area = (skill: string, from: string, to: string, n: string): SuggestionRow => ({
      id: `${id}/${n}/${skill}`,
      kind: 'direction',
      folder: f.key,
      label: label(skill),
      description: `${from} → ${to}`,
      icon: { id: 'arrow-right' },
      contextValue: 'direction',
      children: [],
    });
    // The whole names where they fit beside the state, else first names.
    const state = together ? 'partners' : strength;
    const whole = `${m.aName} ⇄ ${m.bName}`;
    return {
      id,
      kind: 'match',
      folder: f.key,
      label: fits(whole, state, depth + 1, rowWidth(input.width)) ? whole : `${aShort} ⇄ ${bShort}`,
      description: state,
      tooltip: [
        whole,
        `${capitalize(strength)} match: score ${score(m.score)}. ${STRENGTH_MEANS[strength]}`,
        'The score is the smaller of the two directions’ gains; an area’s gain is the teacher’s strength there (1: the best active person here) less the learner’s.',
        `${m.aName} can teach ${m.bName}: ${m.aTeachesB.map(label).join(', ')}`,
        `${m.bName} can teach ${m.aName}: ${m.bTeachesA.map(label).join(', ')}`,
        status,
      ]
        .filter(Boolean)
        .join('\n'),
      icon: { id: 'arrow-swap', color: together ? 'disabledForeground' : undefined },
      contextValue: together ? 'match-partnered' : 'match',
      // The best few start open, their areas in sight.
      expanded: index < 3,
      match: m,
      children: [...m.aTeachesB.map((k) => area(k, aShort, bShort, 'ab')), ...m.bTeachesA.map((k) => area(k, bShort, aShort, 'ba'))],
    };
  });
  rows.push(section('matches', 'arrow-swap', [...matchRows, ...more('matches', result.matches.length - maxMatches, 'match', 'matches')], 'No mutual match', 'No pair where each can teach the other'));

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
      tooltip: `Partnership ${ps.id}: goals each member could learn from the other`,
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
              // Whose goal, by first name: the partnership row above names both.
              description: `for ${shortNames(...(ps.members.map((m) => nameOf(file as MentoringFile, m)) as [string, string]))[Math.max(0, ps.members.indexOf(g.owner))] ?? nameOf(file as MentoringFile, g.owner)}`,
              tooltip: [g.title, `For ${nameOf(file as MentoringFile, g.owner)}`, g.description ?? '', g.paths?.length ? `Paths: ${g.paths.join(', ')}` : ''].filter(Boolean).join('\n'),
              icon: { id: 'lightbulb' },
              contextValue: 'suggestedGoal',
              goal: g,
              children: [],
            }),
          )
        : [notice(f.key, `goals/${ps.id}/none`, 'Nothing new to suggest', { id: 'circle-slash' }, 'notice-none', undefined, 'No area one member knows and the other could learn that is not a goal already')],
    };
  });
  const noGoals = !file ? ['No mentoring file', 'No mentoring file: partnerships come from it'] : ['No partnerships yet', 'No partnerships yet: create one from a mutual match'];
  rows.push(section('goals', 'lightbulb', goalRows, noGoals[0], noGoals[1]));
  return rows;
}

/** Someone who could learn an area (or take it over, with `intro`), with why. */
function candidateRow(folder: string, parentId: string, c: IslandCandidate, intro?: string): SuggestionRow {
  return {
    id: `${parentId}/${c.partnerId ? `partner:${c.partnerId}` : c.person.toLowerCase()}`,
    kind: 'candidate',
    folder,
    label: c.name,
    description: REASONS[c.reason],
    tooltip: [`${c.name} ${intro ?? 'could learn it'}: ${REASONS[c.reason]}`, c.partnerId ? '' : `${c.name} is ${NOT_PARTNER}`].filter(Boolean).join('\n'),
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
