/**
 * Lossless edits of the mentoring file. Every operation takes the file's text and returns the new
 * text together with the minimal text edits (offsets into the original), so the editor can apply
 * them as one undoable change and the CLI as one file write.
 *
 * Edits splice text at positions found from the parsed document's node ranges; the document is
 * never re-stringified, so comments, blank lines, key order, quoting and the flow or block style of
 * everything untouched stay byte-identical. New lines use the file's line ending and indentation.
 *
 * An edit never turns a valid file invalid: a file with errors is refused, and so is an entry that
 * the file's validator rejects (unknown references, duplicate ids, bad dates, ...).
 */
import { isMap, isSeq } from 'yaml';
import { Goal, GoalReview, GoalStatus, IsoDate, Partnership, Session } from './model';

import { commit } from './editCheck';
import { append, appendToList, setField } from './editInsert';
import { removeField } from './editRemove';
import { Obj, Value, clean, goalNode, listSeq, load, newId, plainPair } from './editState';
import { EditError, EditResult } from './textEdit';

export function addPartner(text: string, p: { id?: string; name: string; emails?: string[]; strengths?: string[]; wants?: string[] }): EditResult {
  const st = load(text);
  if (!p.name?.trim()) throw new EditError('a partner needs a name');
  const id = newId(st, 'partners', p.id, p.name, 'partner');
  const entry = clean('partner', { ...p, id });
  return { ...commit(st, append(st, 'partners', entry)), id };
}

export function addPartnership(text: string, p: Omit<Partnership, 'id'> & { id?: string }): EditResult {
  const st = load(text);
  const id = newId(st, 'partnerships', p.id, (p.members ?? []).join('-'), 'partnership');
  const entry = clean('partnership', { ...p, id });
  return { ...commit(st, append(st, 'partnerships', entry)), id };
}

/** A new goal; its status is `active` unless given. */
export function addGoal(text: string, g: Omit<Goal, 'id' | 'status'> & { id?: string; status?: GoalStatus }): EditResult {
  const st = load(text);
  if (!g.title?.trim()) throw new EditError('a goal needs a title');
  const id = newId(st, 'goals', g.id, g.title, 'goal');
  const entry = clean('goal', { ...g, id, status: g.status ?? 'active' });
  return { ...commit(st, append(st, 'goals', entry)), id };
}

export function addSession(text: string, s: Session): EditResult {
  const st = load(text);
  return commit(st, append(st, 'sessions', clean('session', s)));
}

/**
 * Sets a goal's status and progress. A goal that stops being achieved (status other than achieved,
 * or progress below 100) loses its `achieved:` date.
 */
export function updateGoal(text: string, goalId: string, change: { status?: GoalStatus; progress?: number }): EditResult {
  const st = load(text);
  const { index, node } = goalNode(st, goalId);
  const values: Record<string, Value> = {};
  if (change.status !== undefined) values.status = change.status;
  if (change.progress !== undefined) values.progress = change.progress;
  if (!Object.keys(values).length) throw new EditError(`nothing to change in goal '${goalId}'`);
  const edits = Object.entries(values).flatMap(([k, v]) => setField(st, node, 'goal', k, v));
  const unachieved = (change.status !== undefined && change.status !== 'achieved') || (change.progress !== undefined && change.progress < 100);
  if (unachieved) edits.push(...removeField(st, node, 'achieved'));
  const expect = (old: Obj | undefined): Obj => withoutAchieved({ ...old, ...values }, unachieved);
  return commit(st, { list: 'goals', index, edits, describe: `update goal '${goalId}'`, expect });
}

/**
 * Marks a goal achieved on `review.date`: status achieved, progress 100, `achieved:` that date, and a
 * review of that date (progress 100, status achieved), in one edit.
 */
export function achieveGoal(text: string, goalId: string, review: { date: IsoDate; by: string; note?: string }): EditResult {
  const st = load(text);
  const { index, node } = goalNode(st, goalId);
  const entry = clean('review', { date: review.date, by: review.by, progress: 100, status: 'achieved', note: review.note });
  const values: Record<string, Value> = { status: 'achieved', progress: 100, achieved: review.date };
  const edits = Object.entries(values).flatMap(([k, v]) => setField(st, node, 'goal', k, v));
  edits.push(...appendToList(st, node, 'goal', 'reviews', entry));
  const expect = (old: Obj | undefined): Obj => ({ ...old, ...values, reviews: [...((old?.reviews as unknown[] | undefined) ?? []), entry] });
  return commit(st, { list: 'goals', index, edits, describe: `mark goal '${goalId}' achieved`, expect });
}

function withoutAchieved(goal: Obj, remove: boolean): Obj {
  if (!remove) return goal;
  const copy = { ...goal };
  delete copy.achieved;
  return copy;
}

/**
 * Adds a review to a goal and, unless `updateGoal` is false, sets the goal's progress and status from
 * it: a review that makes the goal achieved (status achieved, or progress 100 with it) dates it with
 * `achieved:` (unless it has a date already); one that takes it below 100 or out of achieved removes it.
 */
export function addGoalReview(text: string, goalId: string, review: GoalReview, options: { updateGoal?: boolean } = {}): EditResult {
  const st = load(text);
  const { index, node } = goalNode(st, goalId);
  const entry = clean('review', review);
  const values: Record<string, Value> = {};
  let unachieved = false;
  if (options.updateGoal !== false) {
    if (review.progress !== undefined) values.progress = review.progress;
    if (review.status !== undefined) values.status = review.status;
    const goal = st.model.goals[index];
    const status = review.status ?? goal?.status;
    const progress = review.progress ?? goal?.progress;
    if (status === 'achieved' && (progress === undefined || progress === 100) && goal?.achieved === undefined) values.achieved = review.date;
    unachieved = (status !== 'achieved' || (progress !== undefined && progress < 100)) && goal?.achieved !== undefined;
  }
  const edits = Object.entries(values).flatMap(([k, v]) => setField(st, node, 'goal', k, v));
  if (unachieved) edits.push(...removeField(st, node, 'achieved'));
  edits.push(...appendToList(st, node, 'goal', 'reviews', entry));
  const expect = (old: Obj | undefined): Obj => withoutAchieved({ ...old, ...values, reviews: [...((old?.reviews as unknown[] | undefined) ?? []), entry] }, unachieved);
  return commit(st, { list: 'goals', index, edits, describe: `add a review to goal '${goalId}'`, expect });
}

export function setActionDone(text: string, ref: { session: number; action: number }, done: boolean): EditResult {
  const st = load(text);
  const sessions = listSeq(st, 'sessions');
  const session = sessions?.items[ref.session];
  if (!isMap(session)) throw new EditError(`there is no session #${ref.session + 1}`);
  const actions = plainPair(session, 'actions')?.value;
  const action = isSeq(actions) ? actions.items[ref.action] : undefined;
  if (!isMap(action)) throw new EditError(`session #${ref.session + 1} has no action #${ref.action + 1}`);
  const edits = setField(st, action, 'action', 'done', done);
  const expect = (old: Obj | undefined): Obj => {
    const actions = (old?.actions as Obj[]).map((a, i) => (i === ref.action ? { ...a, done } : a));
    return { ...old, actions };
  };
  return commit(st, { list: 'sessions', index: ref.session, edits, describe: `mark the action ${done ? 'done' : 'not done'}`, expect });
}
