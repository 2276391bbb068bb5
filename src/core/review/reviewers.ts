/**
 * Reviewer suggestions for one change, from the same rules the replay measures: when the change
 * touches files that at most one active person knows, a **learner** (the owner of a goal or
 * `wants:` that covers them, else the active person nearest to them) and the expert to pair with;
 * otherwise the best available expert. Never the change's author, never a bot (the history leaves
 * them out), never someone inactive; people with many recent reviews, recorded or suggested, are
 * passed over. Each suggestion carries its reason in words.
 */
import { identityKey } from '../expertise';
import type { MentoringFile } from '../file';
import { DAY } from './knowledge';
import type { PersonRef } from './knowledge';
import type { ReviewView } from './replay';
import { chooseExpert, chooseLearner, concentratedFiles, MAX_LOAD } from './strategies';

export interface ReviewerSuggestion {
  /** The partner id when the person is a partner of the mentoring file, else their address. */
  person: string;
  name: string;
  role: 'expert' | 'learner';
  /** The folder (`refs/`) or file the suggestion is about; `''` for the repository's root. */
  area: string;
  reason: string;
  /** The goal that makes them the learner. */
  goal?: string;
}

export interface ReviewerOptions {
  /** Epoch seconds the change is judged at (default: the newest activity of the history). */
  at?: number;
  /** The mentoring file's partner for an address: their id and name. */
  partnerOf?: (email: string) => { id: string; name: string } | undefined;
}

/** The deepest folder holding every path (`refs/files/`), `''` when they share none; one path is itself. */
export function commonArea(paths: readonly string[]): string {
  if (paths.length === 1) return paths[0];
  let prefix = paths[0]?.slice(0, paths[0].lastIndexOf('/') + 1) ?? '';
  for (const p of paths) while (prefix && !p.startsWith(prefix)) prefix = prefix.slice(0, prefix.lastIndexOf('/', prefix.length - 2) + 1);
  return prefix;
}

const list = (names: readonly string[]): string => (names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`);

/** Suggestions for a change by `authors` to `files` (paths that exist after it), learner first. */
export function suggestReviewers(view: ReviewView, authors: readonly PersonRef[], files: readonly string[], options: ReviewerOptions = {}): ReviewerSuggestion[] {
  const { people, knowledge } = view;
  if (!files.length) return [];
  let at = options.at ?? -Infinity;
  if (options.at === undefined) for (let p = 0; p < people.size; p++) at = Math.max(at, people.lastActive[p]);
  if (!Number.isFinite(at)) return [];
  const since = at - view.knowledgeDays * DAY;
  const active = (p: number): boolean => people.isActive(p, at, view.activeDays);
  const involved = new Set(authors.map((a) => people.index(a, true)));
  const pool: number[] = [];
  for (let p = 0; p < people.size; p++) if (!involved.has(p) && active(p)) pool.push(p);
  const who = (p: number): { person: string; name: string } => {
    const partner = people.emails[p] ? options.partnerOf?.(people.emails[p]) : undefined;
    return partner ? { person: partner.id, name: partner.name } : { person: people.emails[p] || people.names[p], name: people.names[p] };
  };
  const shown = (p: number): string => who(p).name;
  const concentrated = concentratedFiles(files, knowledge, since, active, new Set());

  if (concentrated.length) {
    // What is said is about the files someone knows (an island, or what people who left knew), else about the new ones.
    const knownBySomeone = concentrated.filter((path) => [...(knowledge.files.get(path) ?? [])].some(([p, d]) => d >= since && !involved.has(p)));
    const described = knownBySomeone.length ? knownBySomeone : concentrated;
    const area = commonArea(described);
    const where = area || `${described[0]} and ${described.length - 1} other file${described.length === 2 ? '' : 's'}`;
    const activeKnowers = new Set<number>();
    const gone = new Set<number>();
    for (const path of described) for (const [p, d] of knowledge.files.get(path) ?? []) if (d >= since) (active(p) ? activeKnowers : gone).add(p);
    const authorKnows = [...activeKnowers].every((p) => involved.has(p));
    const sole = [...activeKnowers].find((p) => !involved.has(p));
    const lead =
      sole !== undefined
        ? `only ${shown(sole)} has changed or reviewed ${where} in the last year`
        : activeKnowers.size && authorKnows
          ? `only the author has changed or reviewed ${where} in the last year`
          : gone.size
            ? `only people who left (${list([...gone].slice(0, 3).map(shown))}) changed ${where} in the last year`
            : `nobody but the author knows ${where} yet`;
    const out: ReviewerSuggestion[] = [];
    const learner = chooseLearner({ pool, files, concentrated, knowledge, since, load: view.load, steady: view.steady, t: at, goals: view.goals });
    if (learner) {
      const g = learner.goal;
      const why = g
        ? g.id !== undefined
          ? `${g.ownerName}'s goal “${g.title}” covers it`
          : `${g.ownerName} ${g.title.replace(/^wants /, 'wants to learn ')}`
        : `${shown(learner.person)} is the active person nearest to it`;
      out.push({ ...who(learner.person), role: 'learner', area, reason: `${lead}; ${why}`, ...(g?.id !== undefined ? { goal: g.id } : {}) });
    }
    const partnerPool = pool.filter((p) => p !== learner?.person);
    const expert = sole !== undefined ? { person: sole } : chooseExpert(partnerPool, concentrated, knowledge, since);
    if (expert && expert.person !== learner?.person) {
      const with_ = learner ? `: pair with ${shown(learner.person)}` : '';
      const knows = sole !== undefined ? `knows ${where} besides the author` : `has worked nearest to ${where}`;
      out.push({ ...who(expert.person), role: 'expert', area, reason: `${knows}${with_}` });
    }
    return out;
  }

  const free = pool.filter((p) => view.load.load(p, at) < MAX_LOAD);
  // The busy are passed over while someone else knows the files.
  const expert = chooseExpert(free, files, knowledge, since) ?? chooseExpert(pool, files, knowledge, since);
  if (!expert) return [];
  const known = files.filter((path) => knowledge.knows(path, expert.person, since)).length;
  const area = commonArea(files);
  const reason = known
    ? `changed or reviewed ${known} of the ${files.length} changed file${files.length === 1 ? '' : 's'} in the last year`
    : `has worked in the same folders in the last year`;
  return [{ ...who(expert.person), role: 'expert', area, reason }];
}

/** The partner whose emails hold an address (GitHub noreply forms of one handle joined). */
export function partnerLookup(model: Pick<MentoringFile, 'partners'> | undefined): ((email: string) => { id: string; name: string } | undefined) | undefined {
  if (!model) return undefined;
  const byKey = new Map<string, { id: string; name: string }>();
  for (const p of model.partners) for (const e of p.emails ?? []) byKey.set(identityKey(e), { id: p.id, name: p.name });
  return (email) => byKey.get(identityKey(email));
}
