/**
 * Knowledge islands, knowledge at risk and areas handed over, per area (a folder a lead can act on).
 * Knowledge is counted over every active person, in the team or not; only the holders, candidates
 * and maintainers named come from the team where it matters (see `scope.ts`).
 *
 *  - **Knowledge at risk**: more than half the area's files are authored only by people who left
 *    (`AreaStats.departedFiles`) and no active person maintains it — made `maintainerCommits` (3)
 *    or more commits there within the active months. With the former experts (one entry per name:
 *    their last commit, files) and the team members best placed to take it over.
 *  - **Handed over**: the same files, but active people maintain the area now: "authored by X, who
 *    left; Y maintains it now" — not a risk, and not said to be one.
 *  - **Knowledge islands**: a folder where one active person made most of the commits within the
 *    active months and no other active person made `maintainerCommits` or more; listed when that
 *    person is in the team, with who could learn it.
 *  - Languages and practices are reported only where no folder explains them: when a folder they
 *    share files with is reported already, they are left out (`lib/rules/`, not "JavaScript").
 */
import type { Expertise, SkillScore } from './expertise';
import { isoDay, sameFullName } from './people';
import { emailOf, Indexed, round, samePerson, SuggestOptions, wants } from './scope';

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
  /** Their share of the area's commits within the active months. */
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

export interface Maintainer {
  name: string;
  email: string;
  partnerId?: string;
  /** Their commits in the area within the active months. */
  commits: number;
}

/** An area whose files were authored by people who left, and that active people maintain now. */
export interface HandedOver {
  skill: string;
  label: string;
  /** Files of the area that only people who left author, of all its files. */
  files: number;
  areaFiles: number;
  formerExperts: FormerExpert[];
  maintainers: Maintainer[];
}


export interface KnowledgeRisks {
  islands: Island[];
  atRisk: AtRisk[];
  handedOver: HandedOver[];
}

/** Folder areas (built-in folders and the file's own areas) are where a lead acts. */
const isFolderArea = (expertise: Expertise, skill: string): boolean => {
  const kind = expertise.areas.get(skill)?.tag.kind;
  return kind === 'module' || kind === 'team';
};

const held = (x: Indexed, skill: string): SkillScore | undefined => x.person.skills.find((k) => k.skill === skill);

/**
 * Islands, knowledge at risk and areas handed over. `all`: everyone of the analysis; `team`: the
 * active team members (candidates come from them); `inTeam` tells a team member.
 */
export function knowledgeRisks(expertise: Expertise, all: readonly Indexed[], team: readonly Indexed[], inTeam: (x: Indexed) => boolean, o: Required<SuggestOptions>, label: (skill: string) => string): KnowledgeRisks {
  const active = all.filter((x) => x.person.active);

  /** Team members who could learn `skill` from `holder` (or take it over), best first. */
  const candidatesFor = (skill: string, holder?: Indexed): IslandCandidate[] => {
    const related = expertise.areas.get(skill)?.related ?? [];
    const relatedWeight = related.reduce((n, r) => n + r.share, 0);
    const out: IslandCandidate[] = [];
    for (const x of team) {
      if (holder && samePerson(x, holder)) continue;
      const want = wants(x, skill);
      const own = x.scores.get(skill) ?? 0;
      const nearby = relatedWeight > 0 ? related.reduce((n, r) => n + r.share * (x.scores.get(r.skill) ?? 0), 0) / relatedWeight : 0;
      const score = (want ? 1 : 0) + own + nearby;
      if (score <= 0) continue;
      out.push({ person: emailOf(x), name: x.person.name, ...(x.partner ? { partnerId: x.partner.id } : {}), reason: want ? 'wants' : own > 0 ? 'worked-here' : 'active-nearby', score: round(score) });
    }
    return out.sort((x, y) => y.score - x.score || x.name.localeCompare(y.name)).slice(0, o.maxCandidates);
  };

  /** People who left and author files of the area, most files first; one entry per name (addresses of one name joined). */
  const formerExperts = (skill: string): FormerExpert[] => {
    const out: FormerExpert[] = [];
    const list = all
      .filter((x) => !x.person.active)
      .map((x) => ({ x, k: held(x, skill) }))
      .filter((e): e is { x: Indexed; k: SkillScore } => !!e.k && e.k.files > 0)
      .sort((p, q) => q.k.files - p.k.files || q.k.score - p.k.score || p.x.person.name.localeCompare(q.x.person.name));
    for (const { x, k } of list) {
      const same = out.find((f) => f.name === x.person.name || sameFullName(f.name, x.person.name));
      if (same) {
        same.files += k.files;
        if (isoDay(x.person.lastDate) > same.lastCommit) same.lastCommit = isoDay(x.person.lastDate);
      } else out.push({ name: x.person.name, email: emailOf(x), lastCommit: isoDay(x.person.lastDate), files: k.files });
    }
    return out.sort((p, q) => q.files - p.files || p.name.localeCompare(q.name)).slice(0, o.maxFormerExperts);
  };

  /** Active people with `maintainerCommits` or more commits in the area within the active months, most first. */
  const maintainersOf = (skill: string): { x: Indexed; commits: number }[] =>
    active
      .map((x) => ({ x, commits: held(x, skill)?.windowCommits ?? 0 }))
      .filter((m) => m.commits >= o.maintainerCommits)
      .sort((p, q) => q.commits - p.commits || p.x.person.name.localeCompare(q.x.person.name));

  const islands: Island[] = [];
  const atRisk: AtRisk[] = [];
  const handedOver: HandedOver[] = [];
  for (const [skill, area] of expertise.areas) {
    if (area.files < o.minAreaFiles) continue;
    const maintainers = maintainersOf(skill);
    if (area.departedFiles * 2 > area.files) {
      if (maintainers.length === 0) {
        atRisk.push({ skill, label: label(skill), files: area.departedFiles, areaFiles: area.files, formerExperts: formerExperts(skill), candidates: candidatesFor(skill) });
      } else {
        const named = maintainers.slice(0, o.maxCandidates).map(({ x, commits }) => ({ name: x.person.name, email: emailOf(x), ...(x.partner ? { partnerId: x.partner.id } : {}), commits }));
        handedOver.push({ skill, label: label(skill), files: area.departedFiles, areaFiles: area.files, formerExperts: formerExperts(skill), maintainers: named });
      }
      continue;
    }
    if (maintainers.length !== 1 || maintainers[0].commits * 2 <= area.windowCommits) continue;
    const holder = maintainers[0].x;
    const k = held(holder, skill);
    if (!k || !inTeam(holder)) continue;
    islands.push({
      skill,
      label: label(skill),
      person: emailOf(holder),
      name: holder.person.name,
      ...(holder.partner ? { partnerId: holder.partner.id } : {}),
      share: round(maintainers[0].commits / area.windowCommits),
      soleFiles: k.soleFiles,
      files: area.files,
      candidates: candidatesFor(skill, holder),
    });
  }
  // Languages and practices only where no folder explains them.
  const explained = <T extends { skill: string; files: number }>(list: T[]): T[] => {
    const folders = new Set(list.filter((x) => isFolderArea(expertise, x.skill)).map((x) => x.skill));
    return list
      .filter((x) => isFolderArea(expertise, x.skill) || !(expertise.areas.get(x.skill)?.related ?? []).some((r) => folders.has(r.skill)))
      .sort((x, y) => y.files - x.files || x.skill.localeCompare(y.skill));
  };
  return { islands: explained(islands), atRisk: explained(atRisk), handedOver: explained(handedOver) };
}
