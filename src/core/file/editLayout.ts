/**
 * How new text is laid out so it reads like its neighbours: indentation, block or flow style,
 * quoting, the column of a list's dashes.
 */
import { isMap, isNode, isScalar, isSeq, Pair, parseDocument, Scalar, stringify, YAMLMap, YAMLSeq } from 'yaml';

import { Plain, PlainMap, State, Value, deepEqual, plainPair, root } from './editState';
import { EditError } from './textEdit';

export function range(n: unknown): [number, number, number] {
  const r = isNode(n) ? n.range : undefined;
  if (!r) throw new EditError('the document has no source positions');
  return r;
}

/** Where the line holding `offset` starts; on the first line, after a byte order mark (it is not a column). */
export function lineStart(text: string, offset: number): number {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  return start === 0 && offset > 0 && text.charCodeAt(0) === 0xfeff ? 1 : start;
}

/** The start of the line after the one holding `offset - 1` (text.length at the end of the file). */
export function nextLine(text: string, offset: number): number {
  if (offset > 0 && text[offset - 1] === '\n') return offset;
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl + 1;
}

export function column(text: string, offset: number): number {
  return offset - lineStart(text, offset);
}

/** The `-` of a block sequence item starting at `offset`. */
export function dashOf(text: string, offset: number): number {
  let i = offset - 1;
  while (i >= 0 && /[ \t\r\n]/.test(text[i])) i--;
  if (text[i] !== '-') throw new EditError('unexpected layout of a list item; edit it by hand');
  return i;
}

/** Where a value ends, past any comment on its last line. */
export function endOf(n: unknown): number {
  const r = range(n);
  return r[1];
}

// ---------------------------------------------------------------------------------------------
// Layout

export interface Layout {
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
export function fileLayout(st: State): Layout {
  for (const p of root(st).items) {
    if (isSeq(p.value) && !p.value.flow && p.value.items.length) return seqLayout(st, p.value, 0);
  }
  return { seqIndent: 2, dashWidth: 2, unit: 2, spaced: false };
}

export function seqLayout(st: State, seq: YAMLSeq, parentCol: number): Layout {
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
export function scalarText(v: Value, inFlow: boolean, type?: Scalar.Type): string {
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

export function flowText(v: Plain, pad: boolean): string {
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
export interface Neighbours {
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
export function itemLines(entry: PlainMap, dashCol: number, lay: Layout, like: Neighbours | undefined): string[] {
  const lines = mapLines(entry, dashCol + lay.dashWidth, lay, like);
  lines[0] = `${' '.repeat(dashCol)}-${lines[0].slice(dashCol + 1)}`;
  return lines;
}

/** Text inserting `lines` at `offset` (a line start, or the end of a file without a final newline). */
export function linesAt(st: State, offset: number, lines: string[]): string {
  const body = lines.join(st.eol);
  return offset === st.text.length && offset > 0 && !st.text.endsWith('\n') ? st.eol + body : body + st.eol;
}
