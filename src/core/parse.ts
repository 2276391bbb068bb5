/**
 * Reading `.mentoring.yml`: the YAML document (kept for its source ranges), the normalised model
 * and every problem, syntax and validation, sorted by position.
 *
 * Dates stay text: the YAML 1.2 core schema has no timestamp type, so `2026-02-10` is a string.
 */
import { Alias, Document, LineCounter, parseDocument, visit } from 'yaml';
import { MentoringFile } from './model';
import { Problem, Range } from './problems';
import { nodeAt, offsetsToRange, trimEnd, validateDocument, ValidateOptions, YamlPath } from './validate';

export const MAX_FILE_BYTES = 5 * 1024 * 1024;

/** Per alias, how many nodes it may expand to relative to its anchor (the `yaml` library's guard). */
const MAX_ALIAS_COUNT = 100;

export interface ParsedFile {
  /** Exactly the input. */
  text: string;
  /** The YAML document, backed by the source (keeps ranges of every node). */
  doc: Document.Parsed;
  lineCounter: LineCounter;
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

export function parseMentoring(text: string, options: ParseOptions = {}): ParsedFile {
  const lineCounter = new LineCounter();
  const maxBytes = options.maxBytes ?? MAX_FILE_BYTES;
  const size = utf8Length(text, maxBytes);
  if (size > maxBytes) {
    const doc = parseDocument('', { lineCounter });
    const at = { line: 1, col: 1 };
    const problem: Problem = {
      code: 'file-too-large',
      severity: 'error',
      message: `the file is larger than ${formatBytes(maxBytes)}; it was not read`,
      range: { start: at, end: at },
    };
    return result(text, doc, lineCounter, undefined, [problem], new WeakMap());
  }

  const doc = parseDocument(text, { schema: 'core', lineCounter, prettyErrors: false, uniqueKeys: true });
  const toRange = (start: number, end: number): Range => offsetsToRange(lineCounter, text, start, end);

  const conflicts: Problem[] = [];
  for (const m of text.matchAll(CONFLICT_MARKER)) {
    conflicts.push({
      code: 'merge-conflict',
      severity: 'error',
      message: 'the file has unresolved merge conflicts; merge it by hand and remove the conflict markers',
      range: toRange(m.index, m.index + m[0].length),
    });
  }
  if (conflicts.length) return result(text, doc, lineCounter, undefined, conflicts, new WeakMap());

  const problems = tabIndents(text, doc, toRange);
  const tabLines = new Set(problems.map((p) => p.range.start.line));
  for (const e of doc.errors) {
    if (e.code === 'TAB_AS_INDENT') continue; // reported at each tab by `tabIndents`
    const range = toRange(e.pos[0], Math.max(e.pos[0], e.pos[1]));
    if (tabLines.has(range.start.line)) continue; // caused by the tab reported there
    if (e.code === 'DUPLICATE_KEY') {
      const key = /^(?:"[^"\r\n]*"|'[^'\r\n]*'|[^:\r\n]*?)(?=[ \t]*:)/.exec(text.slice(e.pos[0], e.pos[0] + 1024))?.[0] ?? '';
      problems.push({
        code: 'duplicate-key',
        severity: 'error',
        message: key ? `duplicate key ${key.startsWith('"') || key.startsWith("'") ? key : `'${key}'`}` : 'duplicate key',
        range: key ? toRange(e.pos[0], e.pos[0] + key.length) : range,
      });
    } else if (e.code === 'MULTIPLE_DOCS') {
      problems.push({ code: 'yaml-syntax', severity: 'error', message: "the file must hold a single YAML document; remove the '---' separator", range });
    } else problems.push({ code: 'yaml-syntax', severity: 'error', message: firstLine(e.message), range });
  }
  for (const w of doc.warnings) {
    problems.push({ code: 'yaml-warning', severity: 'warning', message: firstLine(w.message), range: toRange(w.pos[0], w.pos[1]) });
  }

  const aliases = aliasProblems(doc, toRange);
  if (aliases.length) {
    problems.push(...aliases);
    return result(text, doc, lineCounter, undefined, problems, new WeakMap());
  }

  const v = validateDocument(doc, lineCounter, text, options);
  problems.push(...v.problems);
  return result(text, doc, lineCounter, v.model, problems, v.paths);
}

function result(
  text: string,
  doc: Document.Parsed,
  lineCounter: LineCounter,
  model: MentoringFile | undefined,
  problems: Problem[],
  paths: WeakMap<object, YamlPath>,
): ParsedFile {
  const offsetsOf = (path: YamlPath): [number, number] | undefined => {
    const r = nodeAt(doc, path)?.range;
    return r ? [r[0], trimEnd(text, r[0], r[1])] : undefined;
  };
  problems.sort(
    (a, b) => a.range.start.line - b.range.start.line || a.range.start.col - b.range.start.col || a.code.localeCompare(b.code),
  );
  return {
    text,
    doc,
    lineCounter,
    model,
    problems,
    rangeOf: (path) => {
      const o = offsetsOf(path);
      return o && offsetsToRange(lineCounter, text, o[0], o[1]);
    },
    offsetsOf,
    pathOf: (entry) => paths.get(entry),
  };
}

/**
 * Tabs in the indentation of a line (YAML forbids them), except inside block and multi-line scalars
 * where they are content.
 */
function tabIndents(text: string, doc: Document.Parsed, toRange: (s: number, e: number) => Range): Problem[] {
  const problems: Problem[] = [];
  let scalars: [number, number][] | undefined;
  const inScalar = (offset: number): boolean => {
    if (!scalars) {
      const found: [number, number][] = [];
      visit(doc, {
        Scalar: (_k, n) => {
          if (n.range && n.range[1] > n.range[0]) found.push([n.range[0], n.range[1]]);
        },
      });
      scalars = found.sort((a, b) => a[0] - b[0]);
    }
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

/**
 * Aliases (`*name`) that name no anchor, or that expand past the `yaml` library's safe limit (an
 * alias bomb). Either way the file is not read further.
 */
function aliasProblems(doc: Document.Parsed, toRange: (s: number, e: number) => Range): Problem[] {
  const aliases: Alias[] = [];
  visit(doc, { Alias: (_k, n) => void aliases.push(n) });
  const at = (a: Alias): Range => toRange(a.range?.[0] ?? 0, a.range?.[1] ?? 0);
  const problems: Problem[] = aliases
    .filter((a) => !a.resolve(doc))
    .map((a) => ({
      code: 'unknown-alias',
      severity: 'error',
      message: `alias '*${a.source}' has no anchor '&${a.source}' before it`,
      range: at(a),
    }));
  if (!aliases.length || problems.length) return problems;
  try {
    doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    if (!(e instanceof ReferenceError)) throw e;
    problems.push({
      code: 'alias-limit',
      severity: 'error',
      message: 'YAML aliases (*name) here expand too much; the file was not read (write the entries out instead)',
      range: at(aliases[0]),
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

function firstLine(message: string): string {
  const line = message.split('\n')[0].replace(/\s*at line \d+, column \d+:?$/, '');
  return line.charAt(0).toLowerCase() + line.slice(1);
}
