/**
 * Areas a lead can act on: no two areas over (nearly) the same files. A practice or a language
 * whose files are (nearly) those of a folder is that folder — one area with the folder's label
 * (`tests/`, not "Tests" beside it). The mentoring file's own areas are never folded into another.
 */
import type { SkillTag } from './skills';

/** Two areas are one when each has at least this share of its files in the other. */
export const SAME_AREA_SHARE = 0.9;

/** Which kind of area is kept when two cover the same files: the file's own, then folders, practices, languages. */
const KEEP_ORDER: Record<SkillTag['kind'], number> = { team: 0, module: 1, practice: 2, language: 3 };

/**
 * For each area (by index), the area it is folded into, or -1. `related[s]` counts the files area
 * `s` shares with each other area.
 */
export function sameFiles(skills: readonly SkillTag[], areaFiles: readonly number[], related: readonly ReadonlyMap<number, number>[]): number[] {
  const into = new Array<number>(skills.length).fill(-1);
  const order = skills.map((_, s) => s).sort((a, b) => KEEP_ORDER[skills[a].kind] - KEEP_ORDER[skills[b].kind] || areaFiles[b] - areaFiles[a] || a - b);
  for (const s of order) {
    if (areaFiles[s] === 0 || into[s] >= 0 || skills[s].kind === 'team') continue;
    let best = -1;
    for (const [t, n] of related[s]) {
      if (into[t] >= 0 || KEEP_ORDER[skills[t].kind] >= KEEP_ORDER[skills[s].kind]) continue;
      if (n < SAME_AREA_SHARE * areaFiles[s] || n < SAME_AREA_SHARE * areaFiles[t]) continue;
      if (best < 0 || KEEP_ORDER[skills[t].kind] < KEEP_ORDER[skills[best].kind] || (KEEP_ORDER[skills[t].kind] === KEEP_ORDER[skills[best].kind] && t < best)) best = t;
    }
    into[s] = best;
  }
  return into;
}
