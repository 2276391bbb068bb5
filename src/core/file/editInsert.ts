/**
 * Inserting entries and setting fields: appends to a top-level or nested list and sets a scalar field,
 * as text edits that leave every other byte alone.
 */
import { isAlias, isMap, isNode, isScalar, isSeq, Pair, YAMLMap } from 'yaml';
import { Entity, KNOWN_KEYS } from './format';

import { Layout, Neighbours, column, dashOf, endOf, fileLayout, flowText, itemLines, lineStart, linesAt, nextLine, range, scalarText, seqLayout } from './editLayout';
import { Change, LIST_ENTITY, ListKey, PlainMap, State, Value, listSeq, plainPair, root } from './editState';
import { EditError, TextEdit } from './textEdit';

export function append(st: State, list: ListKey, entry: PlainMap): Change {
  const index = listSeq(st, list)?.items.length ?? 0;
  const edits = appendToList(st, root(st), 'file', list, entry);
  return { list, index, edits, describe: `add the ${LIST_ENTITY[list]}`, expect: () => entry };
}

/** Edits appending `entry` to the list at `key` of `map` (creating or converting the list when needed). */
export function appendToList(st: State, map: YAMLMap, entity: Entity, key: string, entry: PlainMap): TextEdit[] {
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
export function setField(st: State, map: YAMLMap, entity: Entity, key: string, value: Value): TextEdit[] {
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
