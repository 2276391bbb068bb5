/**
 * Checking an edit before it is returned: the edited text must parse to the model the edit meant,
 * with a quick path that shifts the known nodes instead of parsing the whole file again.
 */
import { Document, isAlias, isMap, isNode, isSeq, Node, parseDocument } from 'yaml';
import { FORMAT_VERSION } from './model';
import { MAX_FILE_BYTES, parseMentoring } from './parse';
import { LineIndex } from './positions';
import { nodeAt, validateDocument } from './validate';

import { dashOf, endOf, lineStart, nextLine, range } from './editLayout';
import { Change, ListKey, Obj, State, deepEqual, listSeq, remember } from './editState';
import { EditError, EditResult, TextEdit, applyEdits, normalise } from './textEdit';

export function commit(st: State, change: Change): EditResult {
  if (change.index < 0) throw new EditError(`cannot ${change.describe}: no such entry`);
  const edits = normalise(change.edits);
  if (!edits.length) return { text: st.text, edits: [] };
  const text = applyEdits(st.text, edits);
  const next = quickCheck(st, change, edits, text) ?? fullCheck(st, change, text);
  remember(next);
  return { text, edits };
}

/** Reads the whole new text: exact, used when the change is not confined to one entry. */
function fullCheck(st: State, change: Change, text: string): State {
  const parsed = parseMentoring(text);
  const errors = parsed.problems.filter((p) => p.severity === 'error');
  if (errors.length || !parsed.model) {
    throw new EditError(`cannot ${change.describe}: ${errors[0]?.message ?? 'the result could not be read'}`, errors);
  }
  const before = nodeAt(st.doc, [change.list, change.index]);
  const after = nodeAt(parsed.doc, [change.list, change.index]);
  const expected = change.expect(before && (before.toJS(st.doc) as Obj));
  if (!after || !deepEqual(after.toJS(parsed.doc), expected)) throw new EditError(`cannot ${change.describe}: the text written would not read back the same`);
  return { text, doc: parsed.doc, model: parsed.model, eol: st.eol };
}

/**
 * Checks a change confined to one block-list entry by reading only that entry's lines, validating
 * the entry against the rest of the file, and updating the remembered document in place. Returns
 * undefined when the change is not of that kind (then the whole text is read).
 */
function quickCheck(st: State, change: Change, edits: TextEdit[], text: string): State | undefined {
  const seq = listSeq(st, change.list);
  if (!seq || seq.flow || !seq.items.length) return undefined;
  if (text.length * 3 > MAX_FILE_BYTES && Buffer.byteLength(text, 'utf8') > MAX_FILE_BYTES) return undefined;
  const old = seq.items[change.index] as unknown;
  let start: number;
  let end: number;
  if (old === undefined) {
    if (change.index !== seq.items.length || edits.length !== 1 || edits[0].length !== 0) return undefined;
    start = end = edits[0].offset;
    if (start !== nextLine(st.text, endOf(seq.items[seq.items.length - 1]))) return undefined;
  } else {
    // An entry with anchors or aliases may be shared with others: the whole file is checked.
    if (!isMap(old) || old.flow || hasAnchors(old)) return undefined;
    start = lineStart(st.text, dashOf(st.text, range(old)[0]));
    end = nextLine(st.text, endOf(old));
    if (edits.some((e) => e.offset < start || e.offset + e.length > end)) return undefined;
  }
  const delta = text.length - st.text.length;
  const fragment = text.slice(start, end + delta);
  const doc = parseDocument(fragment, { schema: 'core', uniqueKeys: true });
  const items = isSeq(doc.contents) ? doc.contents.items : [];
  if (doc.errors.length || doc.warnings.length || items.length !== 1 || !isMap(items[0]) || hasAnchors(items[0])) return undefined;
  if (/^[ \t]*\t/m.test(fragment.replace(/^\s*-/, ''))) return undefined;
  const value = items[0].toJS(doc) as Obj;
  const expected = change.expect(old === undefined ? undefined : (old.toJS(st.doc) as Obj));
  if (!deepEqual(value, expected)) throw new EditError(`cannot ${change.describe}: the text written would not read back the same`);

  const entry = validEntry(st, change, value, start);

  // The change is valid: update the remembered document and model to the new text.
  const node = items[0] as Node;
  shiftAll(node, start);
  const ancestors = new Set<unknown>([st.doc.contents, seq]);
  shiftAfter(st.doc.contents, old === undefined ? start : end, delta, ancestors, old === undefined ? undefined : old);
  if (st.doc.range) for (const i of [1, 2] as const) if (st.doc.range[i] >= start) st.doc.range[i] += delta;
  if (old === undefined) seq.items.push(node);
  else seq.items[change.index] = node;
  const list = st.model[change.list].slice() as object[];
  list[change.index] = entry;
  return { text, doc: st.doc, model: { ...st.model, [change.list]: list }, eol: st.eol };
}

/** The entry as the file's validator reads it, in the context of the rest of the file; refuses errors. */
function validEntry(st: State, change: Change, value: Obj, at: number): object {
  const m = st.model;
  const lists: Record<ListKey, object[]> = { partners: m.partners, partnerships: m.partnerships, skills: m.skills, goals: m.goals, sessions: [] };
  const list = change.list === 'sessions' ? [] : lists[change.list].slice();
  const index = change.list === 'sessions' ? 0 : change.index;
  list[index] = value;
  lists[change.list] = list;
  const doc = new Document({ version: FORMAT_VERSION, ...lists }, { aliasDuplicateObjects: false });
  const result = validateDocument(doc as Document.Parsed, new LineIndex(''), {});
  const errors = result.problems.filter((p) => p.severity === 'error');
  if (errors.length || !result.model) {
    const pos = position(st.text, at);
    const located = errors.map((p) => ({ ...p, range: { start: pos, end: pos } }));
    throw new EditError(`cannot ${change.describe}: ${errors[0]?.message ?? 'the entry is not valid'}`, located);
  }
  const entry = (result.model[change.list] as object[])[index];
  if (!entry) throw new EditError(`cannot ${change.describe}: the entry is not valid`);
  return entry;
}

function position(text: string, offset: number): { line: number; col: number } {
  return new LineIndex(text).linePos(offset);
}

function hasAnchors(node: unknown): boolean {
  if (isAlias(node)) return true;
  if (!isNode(node)) return false;
  if (node.anchor) return true;
  if (isMap(node)) return node.items.some((p) => hasAnchors(p.key) || hasAnchors(p.value));
  if (isSeq(node)) return node.items.some(hasAnchors);
  return false;
}

function shiftAll(node: unknown, delta: number): void {
  if (!isNode(node) || !node.range) return;
  const r = node.range;
  r[0] += delta;
  r[1] += delta;
  r[2] += delta;
  if (isMap(node)) {
    for (const p of node.items) {
      shiftAll(p.key, delta);
      shiftAll(p.value, delta);
    }
  } else if (isSeq(node)) for (const i of node.items) shiftAll(i, delta);
}

/**
 * Moves the ranges of nodes at or after `at` by `delta`; ancestors of the change keep their start
 * and have their ends moved. `skip` is the replaced entry (its ranges no longer matter).
 */
function shiftAfter(node: unknown, at: number, delta: number, ancestors: Set<unknown>, skip: unknown): void {
  if (!isNode(node) || !node.range || node === skip) return;
  const r = node.range;
  if (r[0] >= at && !ancestors.has(node)) return shiftAll(node, delta);
  if (!ancestors.has(node)) return;
  if (r[1] >= at) r[1] += delta;
  if (r[2] >= at) r[2] += delta;
  if (isMap(node)) {
    for (const p of node.items) {
      shiftAfter(p.key, at, delta, ancestors, skip);
      shiftAfter(p.value, at, delta, ancestors, skip);
    }
  } else if (isSeq(node)) for (const i of node.items) shiftAfter(i, at, delta, ancestors, skip);
}
