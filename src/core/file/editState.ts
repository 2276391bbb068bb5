/**
 * The parsed state an edit works on (document, model, text), kept for the last text edited so that
 * repeated edits to the same file do not parse it again, and the YAML node helpers edits share.
 */
import { Document, isAlias, isMap, isScalar, isSeq, Pair, YAMLMap, YAMLSeq } from 'yaml';
import { MentoringFile } from './model';
import { ParsedFile, parseMentoring } from './parse';
import { hasErrors } from './problems';
import { Entity, KNOWN_KEYS } from './format';

import { slugify, uniqueId } from './ids';
import { EditError, TextEdit } from './textEdit';

export type ListKey = 'partners' | 'partnerships' | 'skills' | 'goals' | 'sessions';
export type Plain = string | number | boolean | Plain[] | { [key: string]: Plain };
export type PlainMap = { [key: string]: Plain };
export type Value = string | number | boolean;

export const LIST_ENTITY: Record<ListKey, Entity> = {
  partners: 'partner',
  partnerships: 'partnership',
  skills: 'skill',
  goals: 'goal',
  sessions: 'session',
};

export interface State {
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

/** Keeps `state` as the document the next edit of the same text starts from. */
export function remember(state: State): void {
  remembered = state;
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

export function load(text: string): State {
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

export function newId(st: State, list: 'partners' | 'partnerships' | 'goals', given: string | undefined, from: string, fallback: string): string {
  const taken = st.model[list].map((e) => e.id);
  if (given === undefined) return uniqueId(slugify(from) || fallback, taken);
  if (taken.includes(given)) throw new EditError(`there is already a ${LIST_ENTITY[list]} with id '${given}'`);
  return given;
}

export function goalNode(st: State, goalId: string): { index: number; node: YAMLMap } {
  const seq = listSeq(st, 'goals');
  const index = seq ? seq.items.findIndex((g) => isMap(g) && scalarValue(plainPair(g, 'id')?.value) === goalId) : -1;
  const node = seq?.items[index];
  if (!isMap(node)) throw new EditError(`there is no goal '${goalId}'`);
  return { index, node };
}

// ---------------------------------------------------------------------------------------------
// Entries: normalised plain values in the format's key order

/** Keeps the entity's known keys in the format's order, drops empty values, normalises line breaks. */
export function clean(entity: Entity, input: object): PlainMap {
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

export function root(st: State): YAMLMap {
  const r = st.doc.contents;
  if (!isMap(r)) throw new EditError('the file is not a map of keys');
  return r;
}

export function plainPair(map: YAMLMap, key: string): Pair | undefined {
  return map.items.find((p) => isScalar(p.key) && p.key.value === key);
}

function scalarValue(n: unknown): unknown {
  return isScalar(n) ? n.value : undefined;
}

export function listSeq(st: State, key: ListKey): YAMLSeq | undefined {
  const v = plainPair(root(st), key)?.value;
  if (isAlias(v)) throw new EditError(`'${key}' is a YAML alias; edit it by hand`);
  return isSeq(v) ? v : undefined;
}

export interface Change {
  list: ListKey;
  /** The entry changed, or the new entry's index when appending. */
  index: number;
  edits: TextEdit[];
  describe: string;
  /** The entry as it must read after the change, from the entry before (undefined when appending). */
  expect(old: Obj | undefined): Obj;
}

export type Obj = Record<string, unknown>;

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
