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
import { Document, isAlias, isMap, isNode, isScalar, isSeq, Node, Pair, parseDocument, Scalar, stringify, YAMLMap, YAMLSeq } from 'yaml';
import { FORMAT_VERSION, Goal, GoalReview, GoalStatus, MentoringFile, Partnership, Session } from './model';
import { MAX_FILE_BYTES, ParsedFile, parseMentoring } from './parse';
import { LineIndex } from './positions';
import { hasErrors, Problem } from './problems';
import { Entity, KNOWN_KEYS, nodeAt, validateDocument } from './validate';

/** Replace `length` characters at `offset` (into the ORIGINAL text) with `text`. */
export interface TextEdit {
  offset: number;
  length: number;
  text: string;
}

export interface EditResult {
  text: string;
  edits: TextEdit[];
  /** The id created, when the edit created one. */
  id?: string;
}

export class EditError extends Error {
  constructor(
    message: string,
    readonly problems: Problem[] = [],
  ) {
    super(message);
    this.name = 'EditError';
  }
}

// ---------------------------------------------------------------------------------------------
// Ids

/** A readable id: `Handle async errors` → `handle-async-errors` (empty when nothing is left). */
export function slugify(text: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length <= 40) return slug;
  const cut = slug.slice(0, 41);
  const dash = cut.lastIndexOf('-');
  return (dash > 10 ? cut.slice(0, dash) : cut.slice(0, 40)).replace(/-+$/, '');
}

/** `base`, or `base-2`, `base-3`, ... whichever is not taken. */
export function uniqueId(base: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}-${n}`)) return `${base}-${n}`;
}

// ---------------------------------------------------------------------------------------------
// Operations

type ListKey = 'partners' | 'partnerships' | 'skills' | 'goals' | 'sessions';
type Plain = string | number | boolean | Plain[] | { [key: string]: Plain };
type PlainMap = { [key: string]: Plain };
type Value = string | number | boolean;

const LIST_ENTITY: Record<ListKey, Entity> = {
  partners: 'partner',
  partnerships: 'partnership',
  skills: 'skill',
  goals: 'goal',
  sessions: 'session',
};

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

export function updateGoal(text: string, goalId: string, change: { status?: GoalStatus; progress?: number }): EditResult {
  const st = load(text);
  const { index, node } = goalNode(st, goalId);
  const values: Record<string, Value> = {};
  if (change.status !== undefined) values.status = change.status;
  if (change.progress !== undefined) values.progress = change.progress;
  if (!Object.keys(values).length) throw new EditError(`nothing to change in goal '${goalId}'`);
  const edits = Object.entries(values).flatMap(([k, v]) => setField(st, node, 'goal', k, v));
  return commit(st, { list: 'goals', index, edits, describe: `update goal '${goalId}'`, expect: (old) => ({ ...old, ...values }) });
}

/** Adds a review to a goal and, unless `updateGoal` is false, sets the goal's progress and status from it. */
export function addGoalReview(text: string, goalId: string, review: GoalReview, options: { updateGoal?: boolean } = {}): EditResult {
  const st = load(text);
  const { index, node } = goalNode(st, goalId);
  const entry = clean('review', review);
  const values: Record<string, Value> = {};
  if (options.updateGoal !== false) {
    if (review.progress !== undefined) values.progress = review.progress;
    if (review.status !== undefined) values.status = review.status;
  }
  const edits = Object.entries(values).flatMap(([k, v]) => setField(st, node, 'goal', k, v));
  edits.push(...appendToList(st, node, 'goal', 'reviews', entry));
  const expect = (old: Obj | undefined): Obj => ({ ...old, ...values, reviews: [...((old?.reviews as unknown[] | undefined) ?? []), entry] });
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

// ---------------------------------------------------------------------------------------------
// The file as read, remembered between edits

interface State {
  text: string;
  doc: Document.Parsed;
  model: MentoringFile;
  eol: string;
}

/**
 * The last text edited (or produced by an edit) and its parsed document. Successive edits of the
 * same file (the usual case) then skip reading the whole file again: an edit that changes one
 * entry re-reads only that entry's lines and updates the document's ranges.
 */
let remembered: State | undefined;

/** Forgets the remembered document (the next edit reads its text in full). */
export function clearEditCache(): void {
  remembered = undefined;
}

/**
 * The model of `text`: without reading it again when it is the text the last edit read or wrote
 * (an edit's result, right after it), else parsed. Undefined when the text has no valid model.
 */
export function modelOf(text: string): MentoringFile | undefined {
  if (remembered && remembered.text === text) return remembered.model;
  const parsed = parseMentoring(text);
  return hasErrors(parsed.problems) ? undefined : parsed.model;
}

/** Lets the next edit of `parsed.text` use this reading of it instead of parsing it again. */
export function rememberParsed(parsed: ParsedFile): void {
  if (parsed.model && !hasErrors(parsed.problems)) remembered = stateOf(parsed.text, parsed.doc, parsed.model);
}

function stateOf(text: string, doc: Document.Parsed, model: MentoringFile): State {
  return { text, doc, model, eol: /\r\n/.test(text.slice(0, text.indexOf('\n') + 1)) ? '\r\n' : '\n' };
}

function load(text: string): State {
  if (remembered && remembered.text === text) return remembered;
  const parsed = parseMentoring(text);
  if (hasErrors(parsed.problems) || !parsed.model) {
    const errors = parsed.problems.filter((p) => p.severity === 'error');
    throw new EditError(`the mentoring file has ${errors.length === 1 ? 'an error' : `${errors.length} errors`}; fix ${errors.length === 1 ? 'it' : 'them'} first`, errors);
  }
  const state = stateOf(text, parsed.doc, parsed.model);
  remembered = state;
  return state;
}

function newId(st: State, list: 'partners' | 'partnerships' | 'goals', given: string | undefined, from: string, fallback: string): string {
  const taken = st.model[list].map((e) => e.id);
  if (given === undefined) return uniqueId(slugify(from) || fallback, taken);
  if (taken.includes(given)) throw new EditError(`there is already a ${LIST_ENTITY[list]} with id '${given}'`);
  return given;
}

function goalNode(st: State, goalId: string): { index: number; node: YAMLMap } {
  const seq = listSeq(st, 'goals');
  const index = seq ? seq.items.findIndex((g) => isMap(g) && scalarValue(plainPair(g, 'id')?.value) === goalId) : -1;
  const node = seq?.items[index];
  if (!isMap(node)) throw new EditError(`there is no goal '${goalId}'`);
  return { index, node };
}

// ---------------------------------------------------------------------------------------------
// Entries: normalised plain values in the format's key order

/** Keeps the entity's known keys in the format's order, drops empty values, normalises line breaks. */
function clean(entity: Entity, input: object): PlainMap {
  const src = input as Record<string, unknown>;
  const out: PlainMap = {};
  for (const key of KNOWN_KEYS[entity]) {
    const v = plain(src[key], key === 'actions' ? 'action' : key === 'reviews' ? 'review' : undefined);
    if (v !== undefined) out[key] = v;
  }
  for (const key of Object.keys(src)) {
    if (!KNOWN_KEYS[entity].includes(key) && src[key] !== undefined) throw new EditError(`unknown key '${key}' for a ${entity}`);
  }
  return out;
}

function plain(v: unknown, itemEntity: Entity | undefined): Plain | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v === '' ? undefined : v.replace(/\r\n?/g, '\n');
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new EditError(`${v} is not a number that can be written`);
    return v;
  }
  if (Array.isArray(v)) {
    const items = v.map((x) => (itemEntity ? clean(itemEntity, x as object) : plain(x, undefined))).filter((x): x is Plain => x !== undefined);
    return items.length ? items : undefined;
  }
  throw new EditError(`cannot write ${typeof v} values`);
}

// ---------------------------------------------------------------------------------------------
// Finding things in the document

function root(st: State): YAMLMap {
  const r = st.doc.contents;
  if (!isMap(r)) throw new EditError('the file is not a map of keys');
  return r;
}

function plainPair(map: YAMLMap, key: string): Pair | undefined {
  return map.items.find((p) => isScalar(p.key) && p.key.value === key);
}

function scalarValue(n: unknown): unknown {
  return isScalar(n) ? n.value : undefined;
}

function listSeq(st: State, key: ListKey): YAMLSeq | undefined {
  const v = plainPair(root(st), key)?.value;
  if (isAlias(v)) throw new EditError(`'${key}' is a YAML alias; edit it by hand`);
  return isSeq(v) ? v : undefined;
}

function range(n: unknown): [number, number, number] {
  const r = isNode(n) ? n.range : undefined;
  if (!r) throw new EditError('the document has no source positions');
  return r;
}

/** Where the line holding `offset` starts; on the first line, after a byte order mark (it is not a column). */
function lineStart(text: string, offset: number): number {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  return start === 0 && offset > 0 && text.charCodeAt(0) === 0xfeff ? 1 : start;
}

/** The start of the line after the one holding `offset - 1` (text.length at the end of the file). */
function nextLine(text: string, offset: number): number {
  if (offset > 0 && text[offset - 1] === '\n') return offset;
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl + 1;
}

function column(text: string, offset: number): number {
  return offset - lineStart(text, offset);
}

/** The `-` of a block sequence item starting at `offset`. */
function dashOf(text: string, offset: number): number {
  let i = offset - 1;
  while (i >= 0 && /[ \t\r\n]/.test(text[i])) i--;
  if (text[i] !== '-') throw new EditError('unexpected layout of a list item; edit it by hand');
  return i;
}

/** Where a value ends, past any comment on its last line. */
function endOf(n: unknown): number {
  const r = range(n);
  return r[1];
}

// ---------------------------------------------------------------------------------------------
// Layout

interface Layout {
  /** Column of `-` relative to the parent key (0: at the key's column). */
  seqIndent: number;
  /** Columns from `-` to the item's first key. */
  dashWidth: number;
  /** Indentation step of nested maps and block scalars. */
  unit: number;
  /** Items separated by a blank line. */
  spaced: boolean;
}

/** The layout of the file's lists: the first block list with items, else `- ` indented by 2. */
function fileLayout(st: State): Layout {
  for (const p of root(st).items) {
    if (isSeq(p.value) && !p.value.flow && p.value.items.length) return seqLayout(st, p.value, 0);
  }
  return { seqIndent: 2, dashWidth: 2, unit: 2, spaced: false };
}

function seqLayout(st: State, seq: YAMLSeq, parentCol: number): Layout {
  const items = seq.items;
  const last = items[items.length - 1];
  const start = range(last)[0];
  const dash = dashOf(st.text, start);
  const dashCol = column(st.text, dash);
  const sameLine = st.text.lastIndexOf('\n', start - 1) < dash;
  const dashWidth = sameLine && (isMap(last) || isSeq(last)) && !(last as YAMLMap).flow ? start - dash : 2;
  const seqIndent = Math.max(0, dashCol - parentCol);
  const ls = lineStart(st.text, dash);
  const spaced = items.length > 1 && ls > 0 && st.text.slice(lineStart(st.text, ls - 1), ls).trim() === '';
  return { seqIndent, dashWidth, unit: seqIndent || dashWidth, spaced };
}

// ---------------------------------------------------------------------------------------------
// Rendering new values

/** A single-line scalar; double-quoted when a flow context or the value needs it. */
function scalarText(v: Value, inFlow: boolean, type?: Scalar.Type): string {
  if (typeof v !== 'string') return String(v);
  if (!v.includes('\n')) {
    const opts = { lineWidth: 0, minContentWidth: 0, defaultStringType: type === 'QUOTE_SINGLE' || type === 'QUOTE_DOUBLE' ? type : 'PLAIN' } as const;
    const s = stringify(v, opts).replace(/\r?\n$/, '');
    const plainRisk = /^[^"']/.test(s) && ((inFlow && /[,[\]{}#]/.test(s)) || /^(?:y|yes|n|no|on|off)$/i.test(s));
    if (!s.includes('\n') && !plainRisk && reads(s, v)) return s;
  }
  const json = JSON.stringify(v);
  if (!reads(json, v)) throw new EditError(`cannot write the text ${json} to the file`);
  return json;
}

function reads(yaml: string, value: Plain): boolean {
  const d = parseDocument(`v: ${yaml}\n`, { schema: 'core' });
  return d.errors.length === 0 && deepEqual((d.toJS() as { v: unknown }).v, value);
}

/** `key: |` lines of a multi-line text at `col` (content one step in), or undefined when it cannot be one. */
function blockText(key: string, v: string, col: number, unit: number): string[] | undefined {
  const chomp = !v.endsWith('\n') ? '-' : v.endsWith('\n\n') ? '+' : '';
  const lines = v.split('\n');
  if (chomp !== '-') lines.pop();
  if (!lines.some((l) => l.trim() !== '') || hasControl(v)) return undefined;
  const indicator = lines[0].startsWith(' ') ? String(unit) : '';
  const pad = ' '.repeat(col + unit);
  const out = [`${' '.repeat(col)}${key}: |${indicator}${chomp}`, ...lines.map((l) => (l === '' ? '' : pad + l))];
  const d = parseDocument(out.join('\n') + '\n', { schema: 'core' });
  const back = d.errors.length ? undefined : (d.toJS() as Record<string, unknown>)[key];
  return back === v ? out : undefined;
}

/** Characters a block scalar cannot hold (other than tab and line feed). */
function hasControl(v: string): boolean {
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a) || c === 0x7f || c === 0xfeff || (c >= 0xd800 && c <= 0xdfff)) return true;
  }
  return false;
}

function flowText(v: Plain, pad: boolean): string {
  const [o, c] = pad ? [' ', ' '] : ['', ''];
  if (Array.isArray(v)) return `[${o}${v.map((x) => flowText(x, pad)).join(', ')}${c}]`;
  if (typeof v === 'object') {
    return `{${o}${Object.entries(v)
      .map(([k, x]) => `${k}: ${flowText(x, pad)}`)
      .join(', ')}${c}}`;
  }
  return scalarText(v, true);
}

/**
 * Existing entries of the list an entry joins, nearest first, and the text they are in: a new
 * entry's lists follow the style of the nearest entry that has the same key (flow or block, flow
 * items, quoting and spacing), so that it reads like its neighbours.
 */
interface Neighbours {
  text: string;
  entries: YAMLMap[];
}

/** `key` of the nearest neighbour that has a value for it. */
function neighbourPair(like: Neighbours | undefined, key: string): Pair | undefined {
  for (const m of like?.entries ?? []) {
    const pair = plainPair(m, key);
    const v = pair?.value;
    if (pair && v !== undefined && v !== null && !(isScalar(v) && v.value === null)) return pair;
  }
  return undefined;
}

function neighbourValue(like: Neighbours | undefined, key: string): unknown {
  return neighbourPair(like, key)?.value;
}

/** A map as one flow item (`{ who: bob, what: "Read", done: false }`), quoted and spaced like `like`. */
function flowItemText(entry: PlainMap, like: YAMLMap, text: string): string {
  const [start] = range(like);
  const pad = /^\{[ \t]/.test(text.slice(start, start + 2));
  const parts = Object.entries(entry).map(([k, v]) => {
    if (typeof v === 'object') return `${k}: ${flowText(v, pad)}`;
    const old = plainPair(like, k)?.value;
    return `${k}: ${scalarText(v, true, isScalar(old) ? old.type : undefined)}`;
  });
  return pad ? `{ ${parts.join(', ')} }` : `{${parts.join(', ')}}`;
}

/** Lines of a block map at column `col`, styled after `like` (see {@link Neighbours}). */
function mapLines(entry: PlainMap, col: number, lay: Layout, like: Neighbours | undefined): string[] {
  const pad = ' '.repeat(col);
  const out: string[] = [];
  for (const [key, v] of Object.entries(entry)) {
    if (typeof v === 'string' && v.includes('\n')) {
      out.push(...(blockText(key, v, col, lay.unit) ?? [`${pad}${key}: ${JSON.stringify(v)}`]));
    } else if (!Array.isArray(v)) {
      if (typeof v === 'object') throw new EditError(`'${key}' cannot be a map`);
      out.push(`${pad}${key}: ${scalarText(v, false)}`);
    } else if (v.every((x) => typeof x !== 'object')) {
      const flow = `${pad}${key}: ${flowText(v, false)}`;
      const sibling = neighbourValue(like, key);
      const useFlow = isSeq(sibling) ? sibling.flow === true : flow.length <= 80;
      if (useFlow) out.push(flow);
      else out.push(`${pad}${key}:`, ...v.map((x) => `${' '.repeat(col + lay.seqIndent)}- ${scalarText(x as string, false)}`));
    } else {
      const pair = neighbourPair(like, key);
      const sibling = pair?.value;
      const items = v as PlainMap[];
      if (like && isSeq(sibling) && sibling.flow) {
        // `actions: [{...}, {...}]` next to a neighbour written so.
        const first = sibling.items.find(isMap);
        out.push(`${pad}${key}: [${items.map((item) => (first ? flowItemText(item, first, like.text) : flowText(item, false))).join(', ')}]`);
        continue;
      }
      // The neighbour's indent of its list under the key, else the file's.
      const indent = like && pair && isSeq(sibling) && sibling.items.length ? column(like.text, dashOf(like.text, range(sibling.items[0])[0])) - column(like.text, range(pair.key)[0]) : lay.seqIndent;
      const dashCol = col + Math.max(0, indent);
      out.push(`${pad}${key}:`);
      const flowItem = like && isSeq(sibling) ? sibling.items.find((i) => isMap(i) && i.flow) : undefined;
      for (const item of items) {
        // `- { who: bob, ... }` lines next to a neighbour whose items are written so.
        if (like && isMap(flowItem)) out.push(`${' '.repeat(dashCol)}- ${flowItemText(item, flowItem, like.text)}`);
        else out.push(...itemLines(item, dashCol, lay, undefined));
      }
    }
  }
  return out;
}

/** Lines of a block sequence item (a map) whose `-` is at `dashCol`. */
function itemLines(entry: PlainMap, dashCol: number, lay: Layout, like: Neighbours | undefined): string[] {
  const lines = mapLines(entry, dashCol + lay.dashWidth, lay, like);
  lines[0] = `${' '.repeat(dashCol)}-${lines[0].slice(dashCol + 1)}`;
  return lines;
}

/** Text inserting `lines` at `offset` (a line start, or the end of a file without a final newline). */
function linesAt(st: State, offset: number, lines: string[]): string {
  const body = lines.join(st.eol);
  return offset === st.text.length && offset > 0 && !st.text.endsWith('\n') ? st.eol + body : body + st.eol;
}

// ---------------------------------------------------------------------------------------------
// Edits

interface Change {
  list: ListKey;
  /** The entry changed, or the new entry's index when appending. */
  index: number;
  edits: TextEdit[];
  describe: string;
  /** The entry as it must read after the change, from the entry before (undefined when appending). */
  expect(old: Obj | undefined): Obj;
}

type Obj = Record<string, unknown>;

function append(st: State, list: ListKey, entry: PlainMap): Change {
  const index = listSeq(st, list)?.items.length ?? 0;
  const edits = appendToList(st, root(st), 'file', list, entry);
  return { list, index, edits, describe: `add the ${LIST_ENTITY[list]}`, expect: () => entry };
}

/** Edits appending `entry` to the list at `key` of `map` (creating or converting the list when needed). */
function appendToList(st: State, map: YAMLMap, entity: Entity, key: string, entry: PlainMap): TextEdit[] {
  const text = st.text;
  const pair = plainPair(map, key);
  const value = pair?.value;
  if (isAlias(value)) throw new EditError(`'${key}' is a YAML alias; edit it by hand`);
  const keyCol = map.flow ? 0 : mapKeyCol(st, map);
  if (map.flow) {
    if (!pair) return insertInFlowMap(map, key, flowText([entry], false));
    if (!isSeq(value) || !value.flow) throw new EditError(`'${key}' is not a list; edit it by hand`);
  }
  if (isSeq(value) && value.flow) {
    const items = value.items;
    const padded = /^\[[ \t]/.test(text.slice(range(value)[0], range(value)[0] + 2));
    const rendered = flowText(entry, padded);
    if (!items.length) {
      if (!map.flow) return blockList(st, map, entity, pair as Pair, entry);
      const open = range(value)[0] + 1;
      return [{ offset: open, length: 0, text: rendered }];
    }
    const last = items[items.length - 1];
    const lastStart = range(last)[0];
    const prev = items.length > 1 ? range(items[items.length - 2])[0] : range(value)[0];
    const multiline = text.slice(prev, lastStart).includes('\n');
    const sep = multiline ? `,${st.eol}${' '.repeat(column(text, lastStart))}` : ', ';
    return [{ offset: endOf(last), length: 0, text: sep + rendered }];
  }
  if (isSeq(value) && value.items.length) {
    const lay = seqLayout(st, value, keyCol);
    const last = value.items[value.items.length - 1];
    const at = nextLine(text, endOf(last));
    const like: Neighbours = { text, entries: value.items.filter(isMap).reverse() };
    const lines = itemLines(entry, column(text, dashOf(text, range(last)[0])), lay, like);
    return [{ offset: at, length: 0, text: linesAt(st, at, lay.spaced ? ['', ...lines] : lines) }];
  }
  if (pair && !(isSeq(value) || value === null || (isScalar(value) && value.value === null))) {
    throw new EditError(`'${key}' is not a list; edit it by hand`);
  }
  if (pair) return blockList(st, map, entity, pair, entry);
  // No such key yet: insert `key:` and the list after the most related key.
  const lay = entity === 'file' ? fileLayout(st) : nestedLayout(st, map);
  const lines = [`${' '.repeat(keyCol)}${key}:`, ...itemLines(entry, keyCol + lay.seqIndent, lay, undefined)];
  const after = relatedPair(map, entity, key);
  const at = after ? nextLine(text, endOf(after.value ?? after.key)) : text.length;
  if (entity === 'file' && after && spacedTopLevel(st, map)) lines.unshift('');
  return [{ offset: at, length: 0, text: linesAt(st, at, lines) }];
}

/** Replaces an empty value (`key:`, `key: ~`, `key: []`) with a block list of one entry. */
function blockList(st: State, map: YAMLMap, entity: Entity, pair: Pair, entry: PlainMap): TextEdit[] {
  const text = st.text;
  const keyCol = mapKeyCol(st, map);
  const lay = entity === 'file' ? fileLayout(st) : nestedLayout(st, map);
  const keyEnd = range(pair.key)[1];
  const colon = text.indexOf(':', keyEnd);
  const v = pair.value;
  const r = isNode(v) ? range(v) : undefined;
  const valueEnd = r && r[1] > r[0] ? r[1] : colon + 1;
  const edits: TextEdit[] = [];
  if (valueEnd > colon + 1) edits.push({ offset: colon + 1, length: valueEnd - colon - 1, text: '' });
  const at = nextLine(text, valueEnd);
  edits.push({ offset: at, length: 0, text: linesAt(st, at, itemLines(entry, keyCol + lay.seqIndent, lay, undefined)) });
  return edits;
}

function nestedLayout(st: State, map: YAMLMap): Layout {
  const top = fileLayout(st);
  for (const p of map.items) {
    if (isSeq(p.value) && !p.value.flow && p.value.items.length) return seqLayout(st, p.value, mapKeyCol(st, map));
  }
  return top;
}

function spacedTopLevel(st: State, map: YAMLMap): boolean {
  const keys = map.items.map((p) => range(p.key)[0]);
  return keys.slice(1).some((k) => /\n[ \t]*\r?\n$/.test(st.text.slice(0, lineStart(st.text, k))));
}

function mapKeyCol(st: State, map: YAMLMap): number {
  const first = map.items[0];
  return first ? column(st.text, range(first.key)[0]) : column(st.text, range(map)[0]);
}

/** The last pair whose key comes before `key` in the format's order, else the last pair. */
function relatedPair(map: YAMLMap, entity: Entity, key: string): Pair | undefined {
  const order = KNOWN_KEYS[entity];
  const before = new Set(order.slice(0, order.indexOf(key)));
  let found: Pair | undefined;
  for (const p of map.items) if (isScalar(p.key) && before.has(String(p.key.value))) found = p;
  return found ?? map.items[map.items.length - 1];
}

function insertInFlowMap(map: YAMLMap, key: string, valueText: string): TextEdit[] {
  const last = map.items[map.items.length - 1];
  if (!last) return [{ offset: range(map)[0] + 1, length: 0, text: `${key}: ${valueText}` }];
  return [{ offset: endOf(last.value ?? last.key), length: 0, text: `, ${key}: ${valueText}` }];
}

/** Edits setting `key` of an entry map to a scalar: replaces only the scalar's text, or adds the key. */
function setField(st: State, map: YAMLMap, entity: Entity, key: string, value: Value): TextEdit[] {
  const text = st.text;
  const pair = plainPair(map, key);
  if (!pair) {
    if (map.flow) return insertInFlowMap(map, key, scalarText(value, true));
    const after = relatedPair(map, entity, key) as Pair;
    const at = nextLine(text, endOf(after.value ?? after.key));
    return [{ offset: at, length: 0, text: linesAt(st, at, [`${' '.repeat(mapKeyCol(st, map))}${key}: ${scalarText(value, false)}`]) }];
  }
  const v = pair.value;
  if (isAlias(v)) {
    // An alias stands for another node's value: give this entry its own value instead.
    const [start, end] = range(v);
    return [{ offset: start, length: end - start, text: scalarText(value, map.flow === true) }];
  }
  if (!isScalar(v)) throw new EditError(`'${key}' is not a single value; edit it by hand`);
  if (v.anchor) throw new EditError(`'${key}' is shared through the YAML anchor &${v.anchor}; edit it by hand`);
  if (v.value === value) return [];
  const [start, end] = range(v);
  const rendered = scalarText(value, map.flow === true, v.type);
  if (start === end) {
    return [{ offset: start, length: 0, text: (/[ \t]/.test(text[start - 1]) ? '' : ' ') + rendered }];
  }
  return [{ offset: start, length: end - start, text: rendered }];
}

// ---------------------------------------------------------------------------------------------
// Committing: apply, check, remember

/** One edit replacing what differs between `a` and `b` (common start and end kept). */
export function diffEdit(a: string, b: string): TextEdit {
  let start = 0;
  const max = Math.min(a.length, b.length);
  while (start < max && a.charCodeAt(start) === b.charCodeAt(start)) start++;
  let end = 0;
  while (end < max - start && a.charCodeAt(a.length - 1 - end) === b.charCodeAt(b.length - 1 - end)) end++;
  return { offset: start, length: a.length - start - end, text: b.slice(start, b.length - end) };
}

export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let out = '';
  let at = 0;
  for (const e of edits) {
    out += text.slice(at, e.offset) + e.text;
    at = e.offset + e.length;
  }
  return out + text.slice(at);
}

/** Sorted by offset; insertions at the same offset merged in the order given; overlaps refused. */
function normalise(edits: TextEdit[]): TextEdit[] {
  const sorted = edits.map((e, i) => ({ e, i })).sort((a, b) => a.e.offset - b.e.offset || a.i - b.i);
  const out: TextEdit[] = [];
  for (const { e } of sorted) {
    const prev = out[out.length - 1];
    if (prev && prev.offset + prev.length > e.offset) throw new EditError('internal: overlapping edits');
    if (prev && prev.offset + prev.length === e.offset && (prev.length === 0 || e.length === 0) && prev.offset === e.offset) {
      out[out.length - 1] = { offset: prev.offset, length: prev.length + e.length, text: prev.text + e.text };
    } else out.push({ ...e });
  }
  return out;
}

function commit(st: State, change: Change): EditResult {
  if (change.index < 0) throw new EditError(`cannot ${change.describe}: no such entry`);
  const edits = normalise(change.edits);
  if (!edits.length) return { text: st.text, edits: [] };
  const text = applyEdits(st.text, edits);
  const next = quickCheck(st, change, edits, text) ?? fullCheck(st, change, text);
  remembered = next;
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

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
