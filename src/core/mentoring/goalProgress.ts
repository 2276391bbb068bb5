/**
 * A goal's status and progress kept telling the same story: 100% is achieved, an achieved goal is
 * at 100%, and a proposed goal with progress has started. Setting one offers the other with it.
 */
import type { Goal, GoalStatus } from '../file';

export interface GoalChange {
  progress?: number;
  status?: GoalStatus;
}

/**
 * What setting a goal's progress to `progress` changes: the progress, and the status where the
 * old one would contradict it (100% → achieved; below 100% while achieved → active again; above 0%
 * while proposed → active). Paused and dropped goals keep their status.
 */
export function progressChange(goal: Pick<Goal, 'status' | 'progress'>, progress: number): GoalChange {
  const change: GoalChange = { progress };
  if (progress === 100 && goal.status !== 'achieved' && goal.status !== 'dropped') change.status = 'achieved';
  else if (progress < 100 && goal.status === 'achieved') change.status = 'active';
  else if (progress > 0 && goal.status === 'proposed') change.status = 'active';
  return change;
}

/** What marking a goal achieved changes: the status, and the progress when it is not 100% yet. */
export function achievedChange(goal: Pick<Goal, 'status' | 'progress'>): GoalChange {
  const change: GoalChange = {};
  if (goal.status !== 'achieved') change.status = 'achieved';
  if (goal.progress !== 100) change.progress = 100;
  return change;
}
