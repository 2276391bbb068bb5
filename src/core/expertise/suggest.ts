/**
 * Mentoring suggestions from expertise scores ({@link computeExpertise}). Only *active* people (see
 * `people.ts`) hold islands, teach, learn or appear in matches; what only people who left know is
 * knowledge at risk.
 *
 *  - Scores are strengths within an area (`expertise.ts`), so the best people of a 1,500-file area
 *    are as strong in it as the owner of a small one. Islands, matches and knowledge at risk need
 *    areas of at least `minAreaFiles` files.
 *  - **Knowledge islands**: an area where one active person is the only active author of more than
 *    half the files (a truck factor of 1) and holds at least `islandShare` of the recent activity,
 *    with the active people best placed to learn it: those whose partner entry `wants` it, those
 *    who already worked in it, and those strong in the areas it shares files with.
 *  - **Knowledge at risk**: an area where more than half the files are authored only by people who
 *    left, with those former experts (their last commit) and who could take it over.
 *  - **Mutual matches**: pairs of distinct active people (never one person under two addresses or
 *    the same full name) where each can teach the other. A teaches B an area when
 *    A's score is at least `strong` (and A's share at least `minShare`) and B's score at most
 *    `weakRatio` of A's (or B `wants` it and scores lower). The gain of an area is A's score minus
 *    B's (+0.25 when B wants it); a match's score is the smaller of the two directions' summed gains
 *    (top five areas each way), so one-sided pairs rank low.
 *  - **Goals** for an existing partnership: what each member's mentors could teach them, as
 *    proposed goals with `skills` and `paths` filled in.
 *
 * People are matched to the mentoring file's partners by email (case-insensitively, GitHub noreply
 * forms of one handle joined); a person not in the file has no `partnerId` ("not yet a partner").
 */
import type { Expertise, PersonExpertise, SkillScore } from './expertise';
import type { Goal, MentoringFile, Partner, SkillArea } from '../file';
import { isOpenGoal, mentorsOf } from '../file';
import { identityKey, isoDay, sameFullName } from './people';
import { areaLabel, describeSkill, MODULE_PREFIX } from './skills';

export interface SuggestOptions {
  /** Smallest area (files that exist now) for islands, matches and knowledge at risk. Default 3. */
  minAreaFiles?: number;
  /** Recent-activity share the island's holder must have. Default 0.5. */
  islandShare?: number;
  /** Score (strength within the area, 0–1) from which a person can teach it. Default 0.6. */
  strong?: number;
  /** Share of the area (recent + authorship, halved) a teacher needs at least, whatever their strength. Default 0.02. */
  minShare?: number;
  /** The learner's strength may be at most this fraction of the teacher's. Default 0.25. */
  weakRatio?: number;
  /** Learning candidates per island or area at risk. Default 3. */
  maxCandidates?: number;
  /** Former experts listed per area at risk. Default 3. */
  maxFormerExperts?: number;
  /** Only the most active people (plus every partner) are paired. Default 60. */
  maxPeople?: number;
}

const DEFAULTS: Required<SuggestOptions> = { minAreaFiles: 3, islandShare: 0.5, strong: 0.6, minShare: 0.02, weakRatio: 0.25, maxCandidates: 3, maxFormerExperts: 3, maxPeople: 60 };
const WANT_BONUS = 0.25;
const MAX_AREAS_PER_DIRECTION = 5;
const PARTNER_KEY = 'partner:';

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

export interface IslandCandidate {
  person: string;
  name: string;
  partnerId?: string;
  reason: 'wants' | 'worked-here' | 'active-nearby';
  score: number;
}

export interface Island {
  skill: string;
  label: string;
  /** Email of the person who holds the area. */
  person: string;
  name: string;
  partnerId?: string;
  /** Their share of the area's recent activity. */
  share: number;
  /** Files of the area only they author among active people, of all its files. */
  soleFiles: number;
  files: number;
  candidates: IslandCandidate[];
}

export interface FormerExpert {
  name: string;
  email: string;
  /** `YYYY-MM-DD` of their latest commit. */
  lastCommit: string;
  /** Files of the area they author. */
  files: number;
}

export interface AtRisk {
  skill: string;
  label: string;
  /** Files of the area that only people who left author. */
  files: number;
  /** All the area's files. */
  areaFiles: number;
  formerExperts: FormerExpert[];
  /** Active people best placed to take it over. */
  candidates: IslandCandidate[];
}

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
  /** Active people first (by commits), then those who left. */
  people: SuggestedPerson[];
  islands: Island[];
  atRisk: AtRisk[];
  matches: Match[];
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

const round = (n: number): number => Math.round(n * 1000) / 1000;

interface Indexed {
  person: PersonExpertise;
  partner?: Partner;
  scores: Map<string, number>;
}

function index(expertise: Expertise, mentoring?: Pick<MentoringFile, 'partners'>): Indexed[] {
  const partners = new Map((mentoring?.partners ?? []).map((p) => [p.id, p]));
  return expertise.people.map((person) => ({
    person,
    partner: person.key.startsWith(PARTNER_KEY) ? partners.get(person.key.slice(PARTNER_KEY.length)) : undefined,
    scores: new Map(person.skills.map((s) => [s.skill, s.score])),
  }));
}

const wants = (x: Indexed, skill: string): boolean => x.partner?.wants?.includes(skill) ?? false;

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

/** Areas more than half of whose files only people who left author. */
function areasAtRisk(expertise: Expertise, o: Required<SuggestOptions>): Set<string> {
  const out = new Set<string>();
  for (const [skill, area] of expertise.areas) if (area.files >= o.minAreaFiles && area.departedFiles * 2 > area.files) out.add(skill);
  return out;
}

/** Two entries that are one human: the same identity, or the same full name. */
const samePerson = (a: Indexed, b: Indexed): boolean => a.person.key === b.person.key || sameFullName(a.person.name, b.person.name);

export function suggest(expertise: Expertise, mentoring?: Pick<MentoringFile, 'partners'> & Partial<Pick<MentoringFile, 'skills'>>, options: SuggestOptions = {}): Suggestions {
  const o = { ...DEFAULTS, ...options };
  const all = index(expertise, mentoring);
  const active = all.filter((x) => x.person.active);
  const closed = areasAtRisk(expertise, o);
  const email = (x: Indexed): string => x.person.emails[0];
  const label = (skill: string): string => labelOf(expertise, skill, mentoring?.skills);

  const people: SuggestedPerson[] = all.map((x) => ({
    name: x.person.name,
    email: email(x),
    emails: x.person.emails,
    ...(x.partner ? { partnerId: x.partner.id } : {}),
    commits: x.person.commits,
    lastDate: x.person.lastDate,
    active: x.person.active,
    skills: x.person.skills,
  }));

  /** Active people who could learn `skill` from `holder` (or take it over), best first. */
  const candidatesFor = (skill: string, holder?: Indexed): IslandCandidate[] => {
    const area = expertise.areas.get(skill);
    const related = area?.related ?? [];
    const relatedWeight = related.reduce((n, r) => n + r.share, 0);
    const out: IslandCandidate[] = [];
    for (const x of active) {
      if (holder && samePerson(x, holder)) continue;
      const want = wants(x, skill);
      const own = x.scores.get(skill) ?? 0;
      const nearby = relatedWeight > 0 ? related.reduce((n, r) => n + r.share * (x.scores.get(r.skill) ?? 0), 0) / relatedWeight : 0;
      const score = (want ? 1 : 0) + own + nearby;
      if (score <= 0) continue;
      out.push({
        person: email(x),
        name: x.person.name,
        ...(x.partner ? { partnerId: x.partner.id } : {}),
        reason: want ? 'wants' : own > 0 ? 'worked-here' : 'active-nearby',
        score: round(score),
      });
    }
    return out.sort((x, y) => y.score - x.score || x.name.localeCompare(y.name)).slice(0, o.maxCandidates);
  };

  const islands: Island[] = [];
  const atRisk: AtRisk[] = [];
  for (const [skill, area] of expertise.areas) {
    if (area.files < o.minAreaFiles) continue;
    if (closed.has(skill)) {
      const former = all
        .filter((x) => !x.person.active)
        .map((x) => ({ x, held: x.person.skills.find((k) => k.skill === skill) }))
        .filter((e): e is { x: Indexed; held: SkillScore } => !!e.held && e.held.files > 0)
        .sort((p, q) => q.held.files - p.held.files || q.held.score - p.held.score || p.x.person.name.localeCompare(q.x.person.name))
        .slice(0, o.maxFormerExperts);
      atRisk.push({
        skill,
        label: label(skill),
        files: area.departedFiles,
        areaFiles: area.files,
        formerExperts: former.map(({ x, held }) => ({ name: x.person.name, email: email(x), lastCommit: isoDay(x.person.lastDate), files: held.files })),
        candidates: candidatesFor(skill),
      });
      continue;
    }
    let holder: Indexed | undefined;
    let held: SkillScore | undefined;
    for (const x of active) {
      const s = x.person.skills.find((k) => k.skill === skill);
      if (s && (!held || s.score > held.score)) {
        holder = x;
        held = s;
      }
    }
    if (!holder || !held || held.soleFiles * 2 <= area.files || held.recent < o.islandShare) continue;
    islands.push({
      skill,
      label: label(skill),
      person: email(holder),
      name: holder.person.name,
      ...(holder.partner ? { partnerId: holder.partner.id } : {}),
      share: held.recent,
      soleFiles: held.soleFiles,
      files: area.files,
      candidates: candidatesFor(skill, holder),
    });
  }
  islands.sort((x, y) => y.files - x.files || x.skill.localeCompare(y.skill));
  atRisk.sort((x, y) => y.files - x.files || x.skill.localeCompare(y.skill));

  // Pairs among the most active people and every active partner.
  const paired = active.filter((x, i) => i < o.maxPeople || x.partner);
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
        a: email(a),
        b: email(b),
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
  return { people, islands, atRisk, matches };
}

/**
 * Goals a partnership could take on: for each member, up to `perMember` areas one of their mentors
 * in the partnership can teach them, skipping areas already in the member's open goals there.
 * Returned with status `proposed`; ids are unique among the file's goals.
 */
export function suggestGoals(expertise: Expertise, mentoring: MentoringFile, partnershipId: string, options: SuggestOptions & { perMember?: number } = {}): Goal[] {
  const o = { ...DEFAULTS, ...options };
  const partnership = mentoring.partnerships.find((p) => p.id === partnershipId);
  if (!partnership) return [];
  const byPartner = new Map<string, Indexed>();
  for (const x of index(expertise, mentoring)) if (x.partner) byPartner.set(x.partner.id, x);
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
