/**
 * When goals were achieved: the goal's `achieved:` date, or for a file written before that field,
 * the date of the goal's last review. What a period's report and a person's record count.
 */
import type { Goal, IsoDate, MentoringFile } from '../file';
import { inPeriod, type Period } from './period';

/** The day an achieved goal was achieved; undefined for a goal not achieved, or without a date to go by. */
export function achievedOn(goal: Goal): IsoDate | undefined {
  if (goal.status !== 'achieved') return undefined;
  if (goal.achieved !== undefined) return goal.achieved;
  let last: IsoDate | undefined;
  for (const r of goal.reviews ?? []) if (last === undefined || r.date >= last) last = r.date;
  return last;
}

/**
 * Goals achieved within `period`, in the order they were achieved (file order on the same day).
 * Over all time (no bounds) an achieved goal without any date counts too, last, with no date.
 */
export function goalsAchievedIn(model: MentoringFile, period: Period, filter: (goal: Goal) => boolean = () => true): { goal: Goal; achieved?: IsoDate }[] {
  const open = period.since === undefined && period.until === undefined;
  const found: { goal: Goal; achieved?: IsoDate; index: number }[] = [];
  model.goals.forEach((goal, index) => {
    if (goal.status !== 'achieved' || !filter(goal)) return;
    const achieved = achievedOn(goal);
    if (achieved === undefined ? open : inPeriod(achieved, period)) found.push({ goal, achieved, index });
  });
  const key = (x: { achieved?: IsoDate }): string => x.achieved ?? '9999';
  return found.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.index - b.index)).map(({ goal, achieved }) => (achieved === undefined ? { goal } : { goal, achieved }));
}
