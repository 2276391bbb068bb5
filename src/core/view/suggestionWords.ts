/** The words the Suggestions view's rows say instead of figures, and one entry per person. */
import type { SuggestedPerson } from '../expertise';
import { fullNameKey } from '../expertise';

/**
 * A match's score in a word: "strong" (each can teach the other two areas' worth or more), "good"
 * (one area's worth), "fair" (less). The score is the smaller of the two directions' gains, an
 * area's gain being the teacher's strength there less the learner's (1: the best active person
 * here teaching someone new to it).
 */
export function matchStrength(n: number): 'strong' | 'good' | 'fair' {
  return n >= 2 ? 'strong' : n >= 1 ? 'good' : 'fair';
}

/** How strong a person is in an area in a word: "top" (the best active person here), "strong", "some", "a little". */
export function areaStrength(n: number): string {
  return n >= 0.95 ? 'top' : n >= 0.6 ? 'strong' : n >= 0.3 ? 'some' : 'a little';
}

/**
 * One entry per person: people with the same full name (see `fullNameKey`) under several addresses
 * are merged — their latest name and address, all their commits and addresses, each area at its best
 * score — in the place of the first of them. Someone of `others` (outside the programme) with the
 * name of someone in `team` is merged into the team's entry.
 */
export function onePerPerson(team: SuggestedPerson[], others: SuggestedPerson[] = []): { team: SuggestedPerson[]; others: SuggestedPerson[] } {
  const byKey = new Map<string, SuggestedPerson>();
  const merge = (list: SuggestedPerson[]): SuggestedPerson[] => {
    const out: SuggestedPerson[] = [];
    for (const p of list) {
      const key = fullNameKey(p.name);
      const seen = key === undefined ? undefined : byKey.get(key);
      if (seen) {
        mergeInto(seen, p);
        continue;
      }
      const copy = { ...p, emails: [...p.emails], skills: [...p.skills] };
      if (key !== undefined) byKey.set(key, copy);
      out.push(copy);
    }
    return out;
  };
  return { team: merge(team), others: merge(others) };
}

function mergeInto(seen: SuggestedPerson, p: SuggestedPerson): void {
  const newer = p.lastDate > seen.lastDate ? p : seen;
  const skills = new Map(seen.skills.map((k) => [k.skill, k]));
  for (const k of p.skills) if ((skills.get(k.skill)?.score ?? -1) < k.score) skills.set(k.skill, k);
  Object.assign(seen, {
    name: newer.name,
    email: newer.email,
    emails: [...new Set([...newer.emails, ...seen.emails, ...p.emails])],
    partnerId: seen.partnerId ?? p.partnerId,
    commits: seen.commits + p.commits,
    lastDate: newer.lastDate,
    active: seen.active || p.active,
    skills: [...skills.values()].sort((x, y) => y.score - x.score),
  });
}

export const STRENGTH_MEANS: Record<ReturnType<typeof matchStrength>, string> = {
  strong: 'Each can teach the other two areas’ worth or more.',
  good: 'Each can teach the other about one area’s worth.',
  fair: 'One of them has less than one area’s worth to teach.',
};
export const capitalize = (t: string): string => t.charAt(0).toUpperCase() + t.slice(1);

/** Two names by their first words when those differ ("Ana", "Ben"), else whole. */
export function shortNames(a: string, b: string): [string, string] {
  const first = (n: string): string => n.trim().split(/\s+/)[0] ?? n;
  return first(a) && first(b) && first(a) !== first(b) ? [first(a), first(b)] : [a, b];
}
