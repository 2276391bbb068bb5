/**
 * Code-review prompts: which open mentoring goals a change touches, and what to ask about it.
 *
 * A changed file relates to a goal of an active partnership when it matches the goal's `paths:`
 * globs (`matchedBy: 'paths'`) or carries one of the goal's `skills:` (`matchedBy: 'skills'`; skill
 * areas come from the classifier: the team's `skills:` globs, languages, practices, modules). The
 * questions are the goal's own `prompts:` first, then built-in defaults for the skill areas
 * involved (the goal's matching skills in the goal's order, then the file's other areas: practices,
 * languages, team areas, modules), de-duplicated, at most `maxPrompts` per file.
 */
import { ChangedFile, firstChangedLine } from './changes';
import { compileGlobs } from '../glob';
import { Goal, GoalStatus, isOpenGoal, MentoringFile, mentorsOf } from '../file';
import { createClassifier, SkillTag } from '../expertise';

/** How the current user stands to a goal: working on it, mentoring it, in its partnership, or none of these. */
export type ReviewRole = 'author' | 'mentor' | 'partner' | 'observer';

export interface GoalPrompt {
  id: string;
  title: string;
  status: GoalStatus;
  owner: string;
  ownerName: string;
  /** Partner ids who mentor the owner in the goal's partnership. */
  mentors: string[];
  partnership: string;
  role: ReviewRole;
  matchedBy: 'paths' | 'skills';
  /** The goal's skills the file carries (also for a `paths` match). */
  skills: string[];
  prompts: string[];
}

export interface FilePrompts {
  path: string;
  firstChangedLine?: number;
  goals: GoalPrompt[];
}

export interface PromptOptions {
  /** The current user's partner id: decides roles and puts their own goals first. */
  me?: string;
  /** Questions per file, across its goals (default {@link DEFAULT_MAX_PROMPTS}). */
  maxPrompts?: number;
  /** Skill areas of a path (default: the built-in classifier with the file's `skills:`). */
  classify?: (path: string) => SkillTag[];
}

export const DEFAULT_MAX_PROMPTS = 3;

const PRACTICE_PROMPTS: Record<string, string[]> = {
  tests: [
    'Which case would fail first if this broke?',
    'Does each test name say which behaviour it protects?',
    'Could this test pass or fail by timing, order or the network rather than the code?',
  ],
  ci: [
    'What does the pipeline do when this step fails halfway, and is the failure easy to read?',
    'Could this job expose a secret, in its logs or to a pull request from a fork?',
    'How much time does this add to every run?',
  ],
  build: [
    'Does a clean checkout still build the same way on every platform the team uses?',
    'What would a stale cache or an old artefact do after this change?',
  ],
  infra: [
    'If this is wrong in production, what breaks, and how is it rolled back?',
    'Which permissions, ports or secrets does this open, and could they be narrower?',
    'Is anything here still done by hand that should be in code?',
  ],
  docs: [
    'Who reads this, and what will they do next with it?',
    'Does every example here still run as written?',
  ],
  'database-migrations': [
    'Can this migration run on a live database without locking a busy table?',
    'How is it rolled back, and has that been tried?',
    'Does the code running before the deploy still work after the migration?',
  ],
  dependencies: [
    'Why this dependency or version, and what does it bring in transitively?',
    'Are its licence and maintenance acceptable, and is the lock file updated with the manifest?',
  ],
};

/** Language families share their pitfalls. */
const LANGUAGE_FAMILIES: { ids: string[]; prompts: string[] }[] = [
  {
    ids: ['typescript', 'javascript', 'vue', 'svelte'],
    prompts: [
      'Where could a rejected promise or an `undefined` slip through unhandled?',
      'Could any type here be narrower, so the compiler catches the next mistake?',
    ],
  },
  {
    ids: ['python', 'ruby', 'php', 'perl', 'lua', 'elixir', 'erlang', 'clojure', 'r', 'julia'],
    prompts: ['What happens here with None/nil, an empty collection or an unexpected type?', 'Which exceptions can escape, and who handles them?'],
  },
  {
    ids: ['java', 'kotlin', 'scala', 'groovy', 'csharp', 'fsharp', 'swift', 'dart'],
    prompts: ['Which exceptions can escape here, and who handles them?', 'Could anything here be null, or shared between threads?'],
  },
  {
    ids: ['go'],
    prompts: ['Is every error checked and wrapped with enough context?', 'Who stops or closes what this starts (goroutines, files, connections)?'],
  },
  {
    ids: ['rust'],
    prompts: ['Where can this panic, and should it return an error instead?', 'Is every `unsafe` block or `unwrap` justified in a comment?'],
  },
  {
    ids: ['c', 'cpp', 'objective-c', 'zig', 'assembly', 'fortran', 'nim'],
    prompts: ['Who owns each allocation, and what frees it on every path, errors included?', 'Can any index, length or arithmetic here overflow?'],
  },
  {
    ids: ['shell', 'powershell', 'makefile'],
    prompts: ['What happens with a path containing spaces, or when a command fails midway?'],
  },
  {
    ids: ['sql', 'graphql'],
    prompts: ['How does this query behave on the largest table or result in production?', 'Is every input parameterised?'],
  },
  {
    ids: ['html', 'css'],
    prompts: ['Does this work with a keyboard, a screen reader and a narrow screen?'],
  },
  {
    ids: ['dockerfile', 'terraform', 'nix', 'yaml'],
    prompts: ['Are versions pinned, and does anything run with more privilege than it needs?'],
  },
];

const LANGUAGE_PROMPTS = new Map<string, string[]>();
for (const family of LANGUAGE_FAMILIES) for (const id of family.ids) LANGUAGE_PROMPTS.set(id, family.prompts);

const AREA_PROMPT = 'What should someone new to this area know before changing it?';
const LANGUAGE_PROMPT = 'What would a newcomer to this code misread first?';

/** The built-in questions for a skill area, most useful first. */
export function defaultPrompts(tag: SkillTag): readonly string[] {
  if (tag.kind === 'practice') return PRACTICE_PROMPTS[tag.id] ?? [];
  if (tag.kind === 'language') return LANGUAGE_PROMPTS.get(tag.id) ?? [LANGUAGE_PROMPT];
  return [AREA_PROMPT];
}

const KIND_ORDER: Record<SkillTag['kind'], number> = { practice: 0, language: 1, team: 2, module: 3 };
const ROLE_ORDER: Record<ReviewRole, number> = { author: 0, mentor: 1, partner: 2, observer: 3 };

interface Candidate {
  goal: Goal;
  index: number;
  out: GoalPrompt;
  /** Skill areas whose defaults apply: the goal's matching skills first, then the file's other areas. */
  areas: () => SkillTag[];
}

/**
 * For each changed file, the open goals it relates to (of active partnerships), with the user's
 * role and up to `maxPrompts` questions. Files keep their order; goals are ordered: the user's own
 * first, then the goals they mentor, then the rest; path matches before skill matches; then file order.
 */
export function promptsForChanges(changes: readonly ChangedFile[], file: MentoringFile, options: PromptOptions = {}): FilePrompts[] {
  const classify = options.classify ?? createClassifier(file.skills);
  const maxPrompts = Math.max(0, options.maxPrompts ?? DEFAULT_MAX_PROMPTS);
  const partnerships = new Map(file.partnerships.map((p) => [p.id, p]));
  const names = new Map(file.partners.map((p) => [p.id, p.name]));
  const goals = file.goals.flatMap((goal, index) => {
    const partnership = partnerships.get(goal.partnership);
    if (!partnership || (partnership.status ?? 'active') !== 'active' || !isOpenGoal(goal)) return [];
    const mentors = mentorsOf(partnership, goal.owner);
    const me = options.me;
    const role: ReviewRole =
      me === undefined ? 'observer' : me === goal.owner ? 'author' : mentors.includes(me) ? 'mentor' : partnership.members.includes(me) ? 'partner' : 'observer';
    const matchPaths = goal.paths?.length ? compileGlobs(goal.paths) : undefined;
    const order = goal.skills ?? [];
    return [{ goal, index, mentors, role, matchPaths, skills: new Set(order), order }];
  });

  return changes.map((change) => {
    const result: FilePrompts = { path: change.path, goals: [] };
    const first = firstChangedLine(change);
    if (first !== undefined) result.firstChangedLine = first;
    if (!goals.length) return result;

    const tags = change.oldPath ? unique([...classify(change.path), ...classify(change.oldPath)]) : classify(change.path);
    const candidates: Candidate[] = [];
    for (const g of goals) {
      const byPaths = !!g.matchPaths && (g.matchPaths(change.path) || (!!change.oldPath && g.matchPaths(change.oldPath)));
      let matched: SkillTag[] | undefined;
      if (g.skills.size) for (const t of tags) if (g.skills.has(t.id)) (matched ??= []).push(t);
      if (!byPaths && !matched) continue;
      const mine = matched ? matched.sort((a, b) => g.order.indexOf(a.id) - g.order.indexOf(b.id)) : [];
      const areas = (): SkillTag[] => [...mine, ...tags.filter((t) => !g.skills.has(t.id)).sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind])];
      const out: GoalPrompt = {
        id: g.goal.id,
        title: g.goal.title,
        status: g.goal.status,
        owner: g.goal.owner,
        ownerName: names.get(g.goal.owner) ?? g.goal.owner,
        mentors: g.mentors,
        partnership: g.goal.partnership,
        role: g.role,
        matchedBy: byPaths ? 'paths' : 'skills',
        skills: mine.map((t) => t.id),
        prompts: [],
      };
      candidates.push({ goal: g.goal, index: g.index, out, areas });
    }
    candidates.sort(
      (a, b) =>
        ROLE_ORDER[a.out.role] - ROLE_ORDER[b.out.role] ||
        Number(a.out.matchedBy === 'skills') - Number(b.out.matchedBy === 'skills') ||
        a.index - b.index,
    );
    assignPrompts(candidates, maxPrompts);
    result.goals = candidates.map((c) => c.out);
    return result;
  });
}

/**
 * Shares the file's questions among its goals: every goal's own prompts first, taken in turns so
 * each goal gets a say, then the defaults of their skill areas in turns, skipping repeats.
 */
function assignPrompts(candidates: Candidate[], max: number): void {
  const seen = new Set<string>();
  let left = max;
  const take = (list: (c: Candidate) => readonly string[]): void => {
    const lists: (readonly string[] | undefined)[] = [];
    for (let round = 0; left > 0; round++) {
      let any = false;
      for (let i = 0; i < candidates.length && left > 0; i++) {
        const text = (lists[i] ??= list(candidates[i]))[round];
        if (text === undefined) continue;
        any = true;
        const key = text.trim().replace(/\s+/g, ' ').toLowerCase();
        if (!key || seen.has(key)) continue;
        seen.add(key);
        candidates[i].out.prompts.push(text.trim());
        left--;
      }
      if (!any) break;
    }
  };
  take((c) => c.goal.prompts ?? []);
  take((c) => c.areas().flatMap((t) => defaultPrompts(t)));
}

function unique(tags: SkillTag[]): SkillTag[] {
  return tags.filter((t, i) => tags.findIndex((u) => u.id === t.id) === i);
}
