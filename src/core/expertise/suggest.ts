/**
 * Mentoring suggestions from expertise scores ({@link computeExpertise}). Only *active* people (see
 * `people.ts`) hold islands, teach, learn or appear in matches; what only people who left know is
 * knowledge at risk.
 *
 *  - Scores are strengths within an area (`expertise.ts`), so the best people of a 1,500-file area
 *    are as strong in it as the owner of a small one. Islands, matches and knowledge at risk need
 *    areas of at least `minAreaFiles` files.
 *  - **Knowledge islands, knowledge at risk and areas handed over**: `islands.ts`.
 *  - **The team**: `scope.ts` — the mentoring file's partners when it lists any (else everyone) are
 *    listed, matched and suggested; other active people are listed apart (`others`).
 *  - **Mutual matches**: pairs of distinct active team members (never one person under two addresses or
 *    the same full name) where each can teach the other. A teaches B an area when
 *    A's score is at least `strong` (and A's share at least `minShare`) and B's score at most
 *    `weakRatio` of A's (or B `wants` it and scores lower). The gain of an area is A's score minus
 *    B's (+0.25 when B wants it); a match's score is the smaller of the two directions' summed gains
 *    (top five areas each way), so one-sided pairs rank low.
 *  - **Goals** for an existing partnership: what each member's mentors could teach them, as
 *    proposed goals with `skills` and `paths` filled in.
 */
import type { Expertise } from './expertise';
import type { Goal, MentoringFile } from '../file';
import { isOpenGoal, mentorsOf } from '../file';
import { AtRisk, HandedOver, Island, knowledgeRisks } from './islands';
import { emailOf, Indexed, indexPeople, labelOf, personRow, round, samePerson, SUGGEST_DEFAULTS, SuggestedPerson, SuggestOptions, teamScope, wants } from './scope';
import { describeSkill, MODULE_PREFIX } from './skills';

const WANT_BONUS = 0.25;
const MAX_AREAS_PER_DIRECTION = 5;

export interface Match {
  a: string;
  b: string;
  aName: string;
  bName: string;
  aPartnerId?: string;
  bPartnerId?: string;
  aTeachesB: string[];
  bTeachesA: string[];
  score: number;
}


export interface Suggestions {
  /** The team (see `scope.ts`): active people first (by commits), then those who left. */
  people: SuggestedPerson[];
  /** Active people who work here but are not in the programme (empty when everyone is the team). */
  others: SuggestedPerson[];
  /** True when the team is the mentoring file's partners (not everyone). */
  teamScoped: boolean;
  islands: Island[];
  atRisk: AtRisk[];
  /** Areas authored by people who left and maintained by active people now. */
  handedOver: HandedOver[];
  matches: Match[];
}

/** Areas `t` can teach `l`, best first, with the gain of each. */
function teachable(t: Indexed, l: Indexed, expertise: Expertise, o: Required<SuggestOptions>): { skill: string; gain: number }[] {
  const out: { skill: string; gain: number }[] = [];
  for (const s of t.person.skills) {
    if (s.score < o.strong || s.share < o.minShare || (expertise.areas.get(s.skill)?.files ?? 0) < o.minAreaFiles) continue;
    const theirs = l.scores.get(s.skill) ?? 0;
    const wanted = wants(l, s.skill);
    if (theirs <= s.score * o.weakRatio || (wanted && theirs < s.score)) out.push({ skill: s.skill, gain: s.score - theirs + (wanted ? WANT_BONUS : 0) });
  }
  return out.sort((x, y) => y.gain - x.gain || x.skill.localeCompare(y.skill)).slice(0, MAX_AREAS_PER_DIRECTION);
}


export function suggest(expertise: Expertise, mentoring?: Pick<MentoringFile, 'partners'> & Partial<Pick<MentoringFile, 'skills'>>, options: SuggestOptions = {}): Suggestions {
  const o = { ...SUGGEST_DEFAULTS, ...options };
  const all = indexPeople(expertise, mentoring);
  const { scoped, inTeam } = teamScope(all, o.everyone);
  const active = all.filter((x) => x.person.active);
  // An address unused for the active months counts as active only through another address of the
  // same name: that other entry stands for the person in candidates and matches.
  const team = active.filter((x) => inTeam(x) && x.person.lastDate >= expertise.activeSince);
  const label = (skill: string): string => labelOf(expertise, skill, mentoring?.skills);
  const { islands, atRisk, handedOver } = knowledgeRisks(expertise, all, team, inTeam, o, label);

  // Pairs among the most active team members and every active partner.
  const paired = team.filter((x, i) => i < o.maxPeople || x.partner);
  const matches: Match[] = [];
  for (let i = 0; i < paired.length; i++) {
    for (let j = i + 1; j < paired.length; j++) {
      const [a, b] = [paired[i], paired[j]];
      if (samePerson(a, b)) continue;
      const ab = teachable(a, b, expertise, o);
      if (ab.length === 0) continue;
      const ba = teachable(b, a, expertise, o);
      if (ba.length === 0) continue;
      const sum = (xs: { gain: number }[]): number => xs.reduce((n, x) => n + x.gain, 0);
      matches.push({
        a: emailOf(a),
        b: emailOf(b),
        aName: a.person.name,
        bName: b.person.name,
        ...(a.partner ? { aPartnerId: a.partner.id } : {}),
        ...(b.partner ? { bPartnerId: b.partner.id } : {}),
        aTeachesB: ab.map((x) => x.skill),
        bTeachesA: ba.map((x) => x.skill),
        score: round(Math.min(sum(ab), sum(ba))),
      });
    }
  }
  matches.sort((x, y) => y.score - x.score || x.aName.localeCompare(y.aName) || x.bName.localeCompare(y.bName));
  return { people: all.filter(inTeam).map(personRow), others: scoped ? active.filter((x) => !inTeam(x)).map(personRow) : [], teamScoped: scoped, islands, atRisk, handedOver, matches };
}

/**
 * Goals a partnership could take on: for each member, up to `perMember` areas one of their mentors
 * in the partnership can teach them, skipping areas already in the member's open goals there.
 * Returned with status `proposed`; ids are unique among the file's goals.
 */
export function suggestGoals(expertise: Expertise, mentoring: MentoringFile, partnershipId: string, options: SuggestOptions & { perMember?: number } = {}): Goal[] {
  const o = { ...SUGGEST_DEFAULTS, ...options };
  const partnership = mentoring.partnerships.find((p) => p.id === partnershipId);
  if (!partnership) return [];
  const byPartner = new Map<string, Indexed>();
  for (const x of indexPeople(expertise, mentoring)) if (x.partner) byPartner.set(x.partner.id, x);
  const usedIds = new Set(mentoring.goals.map((g) => g.id));
  const goals: Goal[] = [];
  for (const owner of partnership.members) {
    const learner = byPartner.get(owner);
    if (!learner) continue;
    const covered = new Set(
      mentoring.goals.filter((g) => g.partnership === partnershipId && g.owner === owner && isOpenGoal(g)).flatMap((g) => g.skills ?? []),
    );
    const choices: { skill: string; gain: number; mentor: Indexed }[] = [];
    for (const mentorId of mentorsOf(partnership, owner)) {
      const mentor = byPartner.get(mentorId);
      if (!mentor) continue;
      for (const t of teachable(mentor, learner, expertise, o)) if (!covered.has(t.skill)) choices.push({ ...t, mentor });
    }
    choices.sort((x, y) => y.gain - x.gain || x.skill.localeCompare(y.skill));
    const taken = new Set<string>();
    for (const opt of choices) {
      if (taken.has(opt.skill) || taken.size >= (options.perMember ?? 3)) continue;
      taken.add(opt.skill);
      const tag = expertise.areas.get(opt.skill)?.tag ?? describeSkill(opt.skill, mentoring.skills);
      const name = labelOf(expertise, opt.skill, mentoring.skills);
      const held = opt.mentor.person.skills.find((s) => s.skill === opt.skill);
      const base = `${owner}-${opt.skill.replace(MODULE_PREFIX, '')}`.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
      let id = base;
      for (let n = 2; usedIds.has(id); n++) id = `${base}-${n}`;
      usedIds.add(id);
      const mentorName = opt.mentor.partner?.name ?? opt.mentor.person.name;
      const files = expertise.areas.get(opt.skill)?.files ?? 0;
      goals.push({
        id,
        partnership: partnershipId,
        owner,
        title: `Learn ${name} from ${mentorName}`,
        description: `${mentorName} authors ${held?.files ?? 0} of ${files} file${files === 1 ? '' : 's'} in ${name}.`,
        skills: [opt.skill],
        paths: pathsFor(opt.skill, tag.kind, held?.places ?? [], mentoring),
        status: 'proposed',
      });
    }
  }
  return goals;
}

function pathsFor(skill: string, kind: string, places: readonly string[], mentoring: MentoringFile): string[] {
  if (kind === 'team') return [...(mentoring.skills.find((s) => s.id === skill)?.paths ?? [])];
  if (kind === 'module') return [`${skill.slice(MODULE_PREFIX.length)}/**`];
  return places
    .slice(0, 3)
    .map((p) => (p.endsWith('/') ? `${p}**` : p));
}
