/**
 * Who the suggestions are about. Knowledge is always counted over every active person; the *team*
 * only filters who is listed, matched and suggested: the mentoring file's partners when it lists
 * any, else everyone (and everyone with the `everyone` option). Active people outside the team are
 * listed apart (`others`): an invitation to join, not a match.
 *
 * People are matched to the mentoring file's partners by email (case-insensitively, GitHub noreply
 * forms of one handle joined); a person not in the file has no `partnerId` ("not yet a partner").
 */
import type { Expertise, PersonExpertise, SkillScore } from './expertise';
import type { MentoringFile, Partner, SkillArea } from '../file';
import { identityKey, sameFullName } from './people';
import { areaLabel, describeSkill } from './skills';

export interface SuggestOptions {
  /** Smallest area (files that exist now) for islands, matches and knowledge at risk. Default 3. */
  minAreaFiles?: number;
  /** Score (strength within the area, 0–1) from which a person can teach it. Default 0.6. */
  strong?: number;
  /** Share of the area (`SkillScore.share`) a teacher needs at least, whatever their strength. Default 0.02. */
  minShare?: number;
  /** The learner's strength may be at most this fraction of the teacher's. Default 0.25. */
  weakRatio?: number;
  /** Learning candidates per island or area at risk. Default 3. */
  maxCandidates?: number;
  /** Former experts listed per area at risk. Default 3. */
  maxFormerExperts?: number;
  /** Only the most active people (plus every partner) are paired. Default 60. */
  maxPeople?: number;
  /** Commits in an area within the active months that make someone its maintainer. Default 3. */
  maintainerCommits?: number;
  /** List and match everyone, not only the mentoring file's partners. Default false (a file without partners means everyone). */
  everyone?: boolean;
}

export const SUGGEST_DEFAULTS: Required<SuggestOptions> = { minAreaFiles: 3, strong: 0.6, minShare: 0.02, weakRatio: 0.25, maxCandidates: 3, maxFormerExperts: 3, maxPeople: 60, maintainerCommits: 3, everyone: false };
export const PARTNER_KEY = 'partner:';

export interface SuggestedPerson {
  name: string;
  /** The first email seen for the person. */
  email: string;
  emails: string[];
  /** The mentoring file's partner, if the person is one. */
  partnerId?: string;
  commits: number;
  /** Date of their latest commit, epoch seconds. */
  lastDate: number;
  /** Committed within the active months before the newest commit. */
  active: boolean;
  skills: SkillScore[];
}

/**
 * Identity for {@link ComputeOptions.identity}: a partner's emails are one person; others by
 * {@link identityKey} (GitHub noreply forms of one handle joined, also to a partner).
 */
export function identityFor(mentoring?: Pick<MentoringFile, 'partners'>): (email: string) => string {
  const byKey = new Map<string, string>();
  for (const p of mentoring?.partners ?? []) for (const e of p.emails ?? []) byKey.set(identityKey(e), PARTNER_KEY + p.id);
  return (email) => {
    const key = identityKey(email);
    return byKey.get(key) ?? key;
  };
}

/** The area's label: the unique one of the analysis, else its description (team areas first). */
export function labelOf(expertise: Expertise, skill: string, teamSkills: readonly SkillArea[] = []): string {
  return expertise.areas.get(skill)?.label ?? areaLabel(describeSkill(skill, teamSkills));
}

export const round = (n: number): number => Math.round(n * 1000) / 1000;

/** A person of the analysis with their partner entry and scores by area. */
export interface Indexed {
  person: PersonExpertise;
  partner?: Partner;
  scores: Map<string, number>;
  /** The areas the partner `wants`, an area folded into another (`sql` into `db/`) as the area it is part of. */
  wanted: Set<string>;
}

/** Everyone of the analysis, with their partner entry (matched by identity) and scores by area. */
export function indexPeople(expertise: Expertise, mentoring?: Pick<MentoringFile, 'partners'>): Indexed[] {
  const partners = new Map((mentoring?.partners ?? []).map((p) => [p.id, p]));
  const foldedInto = new Map<string, string>();
  for (const [id, area] of expertise.areas) for (const m of area.merged ?? []) foldedInto.set(m, id);
  return expertise.people.map((person) => {
    const partner = person.key.startsWith(PARTNER_KEY) ? partners.get(person.key.slice(PARTNER_KEY.length)) : undefined;
    return {
      person,
      partner,
      scores: new Map(person.skills.map((s) => [s.skill, s.score])),
      wanted: new Set((partner?.wants ?? []).map((w) => foldedInto.get(w) ?? w)),
    };
  });
}

export const wants = (x: Indexed, skill: string): boolean => x.wanted.has(skill);

/** Two entries that are one human: the same identity, or the same full name. */
export const samePerson = (a: Indexed, b: Indexed): boolean => a.person.key === b.person.key || sameFullName(a.person.name, b.person.name);

export const emailOf = (x: Indexed): string => x.person.emails[0];

/** The team among `all`: partners when the file lists any (unless `everyone`), else everyone. */
export function teamScope(all: readonly Indexed[], everyone: boolean): { scoped: boolean; inTeam: (x: Indexed) => boolean } {
  const scoped = !everyone && all.some((x) => x.partner);
  return { scoped, inTeam: (x) => !scoped || !!x.partner };
}

/** The row of a person in `people` and `others`. */
export function personRow(x: Indexed): SuggestedPerson {
  return {
    name: x.person.name,
    email: emailOf(x),
    emails: x.person.emails,
    ...(x.partner ? { partnerId: x.partner.id } : {}),
    commits: x.person.commits,
    lastDate: x.person.lastDate,
    active: x.person.active,
    skills: x.person.skills,
  };
}
