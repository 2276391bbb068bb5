/**
 * The mentoring file's learning intentions as paths they cover: each open goal of an active
 * partnership (its `paths:` globs, or a file carrying one of its `skills:`), and each partner's
 * `wants:` skills. Their owners are the first learners a change in those paths is sent to.
 */
import { compileGlobs } from '../glob';
import { isOpenGoal, MentoringFile } from '../file';
import { createClassifier, SkillTag } from '../expertise';
import type { CoveringGoal } from './strategies';

export function coveringGoals(file: MentoringFile, classify: (path: string) => SkillTag[] = createClassifier(file.skills)): CoveringGoal[] {
  const partners = new Map(file.partners.map((p) => [p.id, p]));
  const partnerships = new Map(file.partnerships.map((p) => [p.id, p]));
  const skillMatcher = (skills: readonly string[]): ((path: string) => boolean) => {
    const wanted = new Set(skills);
    return (path) => classify(path).some((t) => wanted.has(t.id));
  };
  const out: CoveringGoal[] = [];
  for (const goal of file.goals) {
    const partnership = partnerships.get(goal.partnership);
    if (!partnership || (partnership.status ?? 'active') !== 'active' || !isOpenGoal(goal)) continue;
    const owner = partners.get(goal.owner);
    if (!owner?.emails?.length) continue;
    const byPaths = goal.paths?.length ? compileGlobs(goal.paths) : undefined;
    const bySkills = goal.skills?.length ? skillMatcher(goal.skills) : undefined;
    if (!byPaths && !bySkills) continue;
    out.push({ id: goal.id, title: goal.title, owner: owner.id, ownerName: owner.name, ownerEmails: owner.emails, covers: (p) => !!byPaths?.(p) || !!bySkills?.(p) });
  }
  for (const p of file.partners) {
    if (!p.wants?.length || !p.emails?.length) continue;
    out.push({ title: `wants ${p.wants.join(', ')}`, owner: p.id, ownerName: p.name, ownerEmails: p.emails, covers: skillMatcher(p.wants) });
  }
  return out;
}
