/**
 * The goals a change touches, each once, with its questions and its changed files: what the
 * Source Control view and the pull request comment show (review prompts are computed per file).
 */
import type { FilePrompts, GoalPrompt } from './prompts';

export interface TouchedGoal {
  goal: GoalPrompt;
  /** The goal's questions over all its files, in first-seen order, without repeats. */
  questions: string[];
  /** Its changed files, in the change's order. */
  files: string[];
}

/** Questions shown per goal when several files share it. */
export const MAX_GOAL_QUESTIONS = 5;

/** Goals in the order of their first file (the user's own first within a file), each once. */
export function touchedGoals(files: readonly FilePrompts[], maxQuestions = MAX_GOAL_QUESTIONS): TouchedGoal[] {
  const byKey = new Map<string, TouchedGoal>();
  for (const f of files) {
    for (const g of f.goals) {
      const key = `${g.partnership}\n${g.id}`;
      let t = byKey.get(key);
      if (!t) byKey.set(key, (t = { goal: g, questions: [], files: [] }));
      if (!t.files.includes(f.path)) t.files.push(f.path);
      for (const q of g.prompts) if (t.questions.length < maxQuestions && !t.questions.includes(q)) t.questions.push(q);
    }
  }
  return [...byKey.values()];
}
