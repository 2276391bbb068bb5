/**
 * Edits that act on suggestions: a partnership from a mutual match (adding the people who are not
 * partners yet first) and a suggested goal. Several edits are composed into one {@link EditResult}
 * whose edits are offsets into the original text, so the editor applies them as one undo step.
 */
import { addGoal, addPartner, addPartnership, applyEdits, diffEdit, EditError, EditResult, slugify, TextEdit, uniqueId } from '../file';
import type { Goal, MentoringFile } from '../file';
import { parseMentoring } from '../file';
import { hasErrors } from '../file';
import { partnershipOf } from './suggestionRows';

/**
 * Runs `steps` one after the other, each on the previous one's text, and returns the final text
 * with edits against `text`. Edits of later steps that touch earlier ones are merged with them.
 */
export function composeEdits(text: string, steps: readonly ((text: string) => EditResult)[]): EditResult {
  let current = text;
  /** Sorted, non-overlapping edits in `text`'s offsets, turning `text` into `current`. */
  let acc: TextEdit[] = [];
  let id: string | undefined;
  for (const step of steps) {
    const result = step(current);
    // From the end backwards (the last given first at equal offsets): an edit never moves the
    // offsets of those before it, so each is applied to `current` as it comes.
    const order = result.edits.map((e, i) => ({ e, i })).sort((x, y) => y.e.offset - x.e.offset || y.i - x.i);
    for (const { e } of order) {
      acc = mergeEdit(acc, current, e);
      current = current.slice(0, e.offset) + e.text + current.slice(e.offset + e.length);
    }
    // The step's text is the truth: should its edits disagree, the check below makes one diff.
    current = result.text;
    id = result.id ?? id;
  }
  if (applyEdits(text, acc) !== current) acc = [diffEdit(text, current)];
  return { text: current, edits: acc, ...(id !== undefined ? { id } : {}) };
}

/** Adds `e` (offsets into `current`) to `acc` (offsets into the original, producing `current`). */
function mergeEdit(acc: TextEdit[], current: string, e: TextEdit): TextEdit[] {
  const eEnd = e.offset + e.length;
  let shift = 0;
  const before: TextEdit[] = [];
  const touching: { edit: TextEdit; start: number; end: number }[] = [];
  const after: TextEdit[] = [];
  let shiftBefore = 0;
  for (const a of acc) {
    const start = a.offset + shift;
    const end = start + a.text.length;
    if (end < e.offset) {
      before.push(a);
      shiftBefore = shift + a.text.length - a.length;
    } else if (start > eEnd) after.push(a);
    else touching.push({ edit: a, start, end });
    shift += a.text.length - a.length;
  }
  if (touching.length === 0) {
    return [...before, { offset: e.offset - shiftBefore, length: e.length, text: e.text }, ...after];
  }
  // One edit covering `e` and every earlier edit it touches, in current and original offsets.
  const first = touching[0];
  const last = touching[touching.length - 1];
  const curStart = Math.min(e.offset, first.start);
  const curEnd = Math.max(eEnd, last.end);
  const origStart = first.edit.offset - (first.start - curStart);
  const origEnd = last.edit.offset + last.edit.length + (curEnd - last.end);
  const merged = current.slice(curStart, e.offset) + e.text + current.slice(eEnd, curEnd);
  return [...before, { offset: origStart, length: origEnd - origStart, text: merged }, ...after];
}


export interface MatchPerson {
  name: string;
  email: string;
}

function modelOf(text: string): MentoringFile {
  const parsed = parseMentoring(text);
  if (!parsed.model || hasErrors(parsed.problems)) throw new EditError('the mentoring file has errors; fix them first', parsed.problems);
  return parsed.model;
}

/** A new partner's id: the first name, else the full name, else numbered (as in a new file). */
export function newPartnerId(name: string, email: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  const full = slugify(name) || slugify(email.split('@')[0]) || 'partner';
  const first = full.split('-')[0];
  return used.has(first) ? uniqueId(full, used) : first;
}

/** How the partnership is set up: mutual by default; one-way with `a` or `b` as the mentor; a cadence in days. */
export interface MatchPartnership {
  kind?: 'mutual' | 'one-way';
  mentor?: 'a' | 'b';
  cadence?: number;
}

/**
 * A partnership of `a` and `b` (mutual unless `how` says otherwise), starting `today`. People are
 * found among the partners by email in the text as it is now; whoever is not a partner yet is added
 * first (name and email).
 */
export function partnershipFromMatch(text: string, a: MatchPerson, b: MatchPerson, today: string, how: MatchPartnership = {}): EditResult {
  const model = modelOf(text);
  const ids: string[] = [];
  const steps: ((text: string) => EditResult)[] = [];
  const taken = model.partners.map((p) => p.id);
  for (const person of [a, b]) {
    const email = person.email.toLowerCase();
    const existing = model.partners.find((p) => p.emails?.some((e) => e.toLowerCase() === email));
    if (existing) {
      ids.push(existing.id);
      continue;
    }
    const id = newPartnerId(person.name, person.email, taken);
    taken.push(id);
    ids.push(id);
    steps.push((t) => addPartner(t, { id, name: person.name, emails: [person.email] }));
  }
  if (ids[0] === ids[1]) throw new EditError(`${a.name} and ${b.name} are the same partner, '${ids[0]}'`);
  const already = partnershipOf(model, ids[0], ids[1]);
  if (already) throw new EditError(`${a.name} and ${b.name} are already partners in '${already.id}'`);
  const kind = how.kind ?? 'mutual';
  if (kind === 'one-way' && !how.mentor) throw new EditError('a one-way partnership needs a mentor');
  const mentor = kind === 'one-way' ? { mentor: how.mentor === 'a' ? ids[0] : ids[1] } : {};
  const cadence = how.cadence !== undefined ? { cadence: how.cadence } : {};
  steps.push((t) => addPartnership(t, { members: ids, kind, ...mentor, since: today, ...cadence, status: 'active' }));
  return composeEdits(text, steps);
}

/** Adds a suggested goal, created `today`; its id is kept unless the file has one like it by now. */
export function addSuggestedGoal(text: string, goal: Goal, today: string): EditResult {
  const model = modelOf(text);
  const id = uniqueId(goal.id, model.goals.map((g) => g.id));
  return addGoal(text, { ...goal, id, created: goal.created ?? today });
}
