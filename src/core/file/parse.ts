/**
 * Reading `.mentoring.yml`: the YAML document (kept for its source ranges), the normalised model
 * and every problem, syntax and validation, sorted by position.
 *
 * Dates stay text: the YAML 1.2 core schema has no timestamp type, so `2026-02-10` is a string.
 */
import { Document, parseDocument } from 'yaml';
import { MentoringFile } from './model';
import { LineIndex, trimEnd } from './positions';
import { Problem, Range } from './problems';
import { quote } from '../text';
import { nodeAt, validateDocument, ValidateOptions, YamlPath } from './validate';
import { scanDocument } from './yamlScan';

export const MAX_FILE_BYTES = 5 * 1024 * 1024;

export interface ParsedFile {
  /** Exactly the input. */
  text: string;
  /** The YAML document, backed by the source (keeps ranges of every node). */
  doc: Document.Parsed;
  /** Offsets to 1-based positions, as editors count them (see {@link LineIndex}). */
  lines: LineIndex;
  /**
   * Best-effort, normalised model (missing lists are `[]`), also when there are problems: entries
   * missing a required field are left out, invalid optional fields are omitted. `undefined` when the
   * YAML cannot be read at all, the root is not a map, or the version is missing or unsupported.
   */
  model: MentoringFile | undefined;
  /** All problems, syntax and validation, sorted by position. */
  problems: Problem[];
  /** 1-based range of the node at `path`, e.g. `['goals', 2]`, `['goals', 2, 'progress']`. */
  rangeOf(path: YamlPath): Range | undefined;
  /** 0-based `[start, end)` offsets of the same node (end before trailing blanks). */
  offsetsOf(path: YamlPath): [number, number] | undefined;
  /** Where a model entry (a partner, goal, review, session, action, ...) is in the file. */
  pathOf(entry: object): YamlPath | undefined;
}

export interface ParseOptions extends ValidateOptions {
  /** Larger files are refused without parsing (default `MAX_FILE_BYTES`). */
  maxBytes?: number;
}

/** A git conflict marker at the start of a line. */
const CONFLICT_MARKER = /^(?:<{7}|>{7}|\|{7})(?:[ \t].*)?$|^={7}[ \t]*$/gm;

/** A line break that is a lone carriage return (old Mac line endings), which YAML readers do not agree on. */
const LONE_CR = /\r(?!\n)/;

export function parseMentoring(text: string, options: ParseOptions = {}): ParsedFile {
  const lines = new LineIndex(text);
  const maxBytes = options.maxBytes ?? MAX_FILE_BYTES;
  const size = utf8Length(text, maxBytes);
  if (size > maxBytes) return refused(text, lines, fileTooLarge(maxBytes));

  const cr = LONE_CR.exec(text);
  if (cr) {
    const at = lines.range(cr.index, cr.index);
    const message = 'the file has lines that end in a carriage return alone (old Mac line endings); save it with LF or CRLF line endings';
    return refused(text, lines, { code: 'line-endings', severity: 'error', message, range: at });
  }

  const toRange = (start: number, end: number): Range => lines.range(start, end);
  const conflicts: Problem[] = [];
  for (const m of text.matchAll(CONFLICT_MARKER)) {
    conflicts.push({
      code: 'merge-conflict',
      severity: 'error',
      message: 'the file has unresolved merge conflicts; merge it by hand and remove the conflict markers',
      range: toRange(m.index, m.index + m[0].length),
    });
  }
  if (conflicts.length) return result(text, emptyDocument(), lines, undefined, conflicts, new WeakMap());

  // Duplicate keys are found by the scan below: the library's own check is quadratic in a map's size.
  const doc = parseDocument(text, { schema: 'core', prettyErrors: false, uniqueKeys: false });
  // One pass over the source before anything expands an alias: an alias bomb is refused here.
  const scan = scanDocument(doc);

  const problems = tabIndents(text, scan.scalars, toRange);
  const tabLines = new Set(problems.map((p) => p.range.start.line));
  for (const e of doc.errors) {
    if (e.code === 'TAB_AS_INDENT') continue; // reported at each tab by `tabIndents`
    const range = toRange(e.pos[0], Math.max(e.pos[0], e.pos[1]));
    if (tabLines.has(range.start.line)) continue; // caused by the tab reported there
    if (e.code === 'MULTIPLE_DOCS') {
      problems.push({ code: 'yaml-syntax', severity: 'error', message: "the file must hold a single YAML document; remove the '---' separator", range });
    } else problems.push({ code: 'yaml-syntax', severity: 'error', message: syntaxMessage(e.message), range });
  }
  for (const w of doc.warnings) {
    problems.push({ code: 'yaml-warning', severity: 'warning', message: syntaxMessage(w.message), range: toRange(w.pos[0], w.pos[1]) });
  }
  for (const key of scan.duplicateKeys) {
    const [start, end] = key.range ?? [0, 0];
    const source = text.slice(start, trimEnd(text, start, end));
    problems.push({ code: 'duplicate-key', severity: 'error', message: `duplicate key ${quote(source.replace(/^(["'])([^]*)\1$/, '$2'))}`, range: toRange(start, end) });
  }

  const at = (a: { range?: [number, number, number] | null }): Range => toRange(a.range?.[0] ?? 0, a.range?.[1] ?? 0);
  const aliases: Problem[] = [];
  for (const a of scan.aliases) {
    if (!scan.targets.get(a)) {
      aliases.push({ code: 'unknown-alias', severity: 'error', message: `alias ${quote(`*${a.source}`)} has no anchor ${quote(`&${a.source}`)} before it`, range: at(a) });
    } else if (scan.cycles.has(a)) {
      aliases.push({ code: 'alias-cycle', severity: 'error', message: `alias ${quote(`*${a.source}`)} is inside the node it stands for, so it never ends`, range: at(a) });
    }
  }
  if (scan.bomb && !aliases.length) {
    const message = 'YAML aliases (*name) here expand too much; the file was not read (write the entries out instead)';
    aliases.push({ code: 'alias-limit', severity: 'error', message, range: at(scan.bomb) });
  }
  if (aliases.length) {
    problems.push(...aliases);
    return result(text, doc, lines, undefined, problems, new WeakMap());
  }

  const v = validateDocument(doc, lines, options);
  problems.push(...v.problems);
  return result(text, doc, lines, v.model, problems, v.paths);
}

/**
 * The text of a file's bytes, which must be UTF-8 (a byte order mark is kept, as a `\uFEFF`). When
 * they are not, `problem` says where the first invalid byte is, and `text` is a best-effort reading
 * (invalid bytes as U+FFFD) to show: it must never be written back, since that would change the
 * bytes that could not be read.
 */
export function decodeUtf8(bytes: Uint8Array): { text: string; problem?: Problem } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes) };
  } catch {
    const bad = firstInvalidUtf8(bytes);
    const lossy = new TextDecoder('utf-8', { ignoreBOM: true });
    const text = lossy.decode(bytes);
    const before = lossy.decode(bytes.subarray(0, bad));
    const at = new LineIndex(text).linePos(before.length);
    const byte = bytes[bad]?.toString(16).padStart(2, '0') ?? '';
    return {
      text,
      problem: {
        code: 'invalid-utf8',
        severity: 'error',
        message: `the file is not valid UTF-8 here (byte 0x${byte}); save it as UTF-8 — until then it is not changed`,
        range: { start: at, end: at },
      },
    };
  }
}

/** The mentoring file's bytes read (see {@link decodeUtf8}); bytes that are not UTF-8 are an error at their position. */
export function parseMentoringBytes(bytes: Uint8Array, options: ParseOptions = {}): ParsedFile {
  const maxBytes = options.maxBytes ?? MAX_FILE_BYTES;
  if (bytes.length > maxBytes) return tooLargeFile(maxBytes);
  const { text, problem } = decodeUtf8(bytes);
  const parsed = parseMentoring(text, options);
  if (problem) {
    parsed.problems.unshift(problem);
    parsed.problems.sort(byPosition);
  }
  return parsed;
}

/** Offset of the first byte that does not belong to a well-formed UTF-8 sequence (the length when there is none). */
function firstInvalidUtf8(b: Uint8Array): number {
  const cont = (i: number, lo = 0x80, hi = 0xbf): boolean => i < b.length && b[i] >= lo && b[i] <= hi;
  for (let i = 0; i < b.length; ) {
    const c = b[i];
    let n: number;
    if (c < 0x80) n = 1;
    else if (c >= 0xc2 && c <= 0xdf && cont(i + 1)) n = 2;
    else if (c === 0xe0 && cont(i + 1, 0xa0) && cont(i + 2)) n = 3;
    else if (((c >= 0xe1 && c <= 0xec) || c === 0xee || c === 0xef) && cont(i + 1) && cont(i + 2)) n = 3;
    else if (c === 0xed && cont(i + 1, 0x80, 0x9f) && cont(i + 2)) n = 3;
    else if (c === 0xf0 && cont(i + 1, 0x90) && cont(i + 2) && cont(i + 3)) n = 4;
    else if (c >= 0xf1 && c <= 0xf3 && cont(i + 1) && cont(i + 2) && cont(i + 3)) n = 4;
    else if (c === 0xf4 && cont(i + 1, 0x80, 0x8f) && cont(i + 2) && cont(i + 3)) n = 4;
    else return i;
    i += n;
  }
  return b.length;
}

/** A file over `maxBytes`, not read: its one problem, no model. */
export function tooLargeFile(maxBytes = MAX_FILE_BYTES): ParsedFile {
  return refused('', new LineIndex(''), fileTooLarge(maxBytes));
}

/** The problem of a file over the size limit; it is not read at all. */
export function fileTooLarge(maxBytes = MAX_FILE_BYTES): Problem {
  const at = { line: 1, col: 1 };
  return {
    code: 'file-too-large',
    severity: 'error',
    message: `the file is larger than ${formatBytes(maxBytes)}; it was not read`,
    range: { start: at, end: at },
  };
}

function emptyDocument(): Document.Parsed {
  return parseDocument('');
}

/** A file that is not read further: its one problem, no document, no model. */
function refused(text: string, lines: LineIndex, problem: Problem): ParsedFile {
  return result(text, emptyDocument(), lines, undefined, [problem], new WeakMap());
}

function result(
  text: string,
  doc: Document.Parsed,
  lines: LineIndex,
  model: MentoringFile | undefined,
  problems: Problem[],
  paths: WeakMap<object, YamlPath>,
): ParsedFile {
  const offsetsOf = (path: YamlPath): [number, number] | undefined => {
    const r = nodeAt(doc, path)?.range;
    return r ? [r[0], trimEnd(text, r[0], r[1])] : undefined;
  };
  problems.sort(byPosition);
  return {
    text,
    doc,
    lines,
    model,
    problems,
    rangeOf: (path) => {
      const o = offsetsOf(path);
      return o && lines.range(o[0], o[1]);
    },
    offsetsOf,
    pathOf: (entry) => paths.get(entry),
  };
}

function byPosition(a: Problem, b: Problem): number {
  return a.range.start.line - b.range.start.line || a.range.start.col - b.range.start.col || a.code.localeCompare(b.code);
}

/**
 * Tabs in the indentation of a line (YAML forbids them), except inside block and multi-line scalars
 * where they are content. `scalars` are the scalars' `[start, end)` offsets, in order.
 */
function tabIndents(text: string, scalars: readonly [number, number][], toRange: (s: number, e: number) => Range): Problem[] {
  const problems: Problem[] = [];
  const inScalar = (offset: number): boolean => {
    let lo = 0;
    let hi = scalars.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const [s, e] = scalars[mid];
      if (offset <= s) hi = mid - 1;
      else if (offset >= e) lo = mid + 1;
      else return true;
    }
    return false;
  };
  for (const m of text.matchAll(/^[ \t]*\t[ \t]*(?=[^ \t\r\n#])/gm)) {
    if (inScalar(m.index)) continue;
    const tab = m.index + m[0].indexOf('\t');
    problems.push({
      code: 'tab-indent',
      severity: 'error',
      message: 'tabs are not allowed for indentation in YAML; use spaces',
      range: toRange(tab, tab + 1),
    });
  }
  return problems;
}

/** UTF-8 length of `text`, counting no further than just past `limit`. */
function utf8Length(text: string, limit: number): number {
  if (text.length * 3 <= limit) return text.length;
  let n = 0;
  for (let i = 0; i < text.length && n <= limit; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${+(n / 1024 / 1024).toFixed(1)} MB` : n >= 1024 ? `${+(n / 1024).toFixed(1)} KB` : `${n} bytes`;
}

/** The `yaml` library's message, on one line, without its own (possibly wrong) position. */
function syntaxMessage(message: string): string {
  const line = message.split('\n')[0].replace(/\s*at line \d+, column \d+:?$/, '');
  if (/call stack/i.test(line)) return 'the file nests too deeply to be read';
  return line.charAt(0).toLowerCase() + line.slice(1);
}
