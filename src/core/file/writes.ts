/**
 * What an edit of the mentoring file writes, shown before it is written (the lines it removes and
 * adds) and undone after (the inverse of its edits, applied to the file as it is by then). Pure:
 * the editor side asks, writes and confirms (src/vscode/confirmWrite.ts).
 */
import { EditError, EditResult, TextEdit } from './textEdit';
import { parseMentoring } from './parse';
import { hasErrors } from './problems';

const CHANGED_SINCE = 'the lines it wrote have been changed since; undo in the editor, or edit them by hand';

/** One line of a change: removed (`-`) or added (`+`), with its 1-based line number. */
export interface ChangedLine {
  sign: '-' | '+';
  line: number;
  text: string;
}

/** Edits sorted by offset (the order in which they apply to the original text). */
function sorted(edits: readonly TextEdit[]): TextEdit[] {
  return [...edits].sort((a, b) => a.offset - b.offset);
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function lineEnd(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl;
}

function lineNumber(text: string, offset: number): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** The whole lines of `text` that the span [start, end) touches (none for an empty span at a line start that inserts whole lines). */
function linesOf(text: string, start: number, end: number): { first: number; lines: string[] } {
  const from = lineStart(text, start);
  const to = lineEnd(text, Math.max(start, end - (end > start && text[end - 1] === '\n' ? 1 : 0)));
  return { first: lineNumber(text, from), lines: text.slice(from, to).replace(/\r/g, '').split('\n') };
}

/**
 * The lines an edit removes and adds, as a reviewer reads a diff: for each edit the old lines it
 * touches, then the new ones. An edit that inserts whole lines shows only `+` lines.
 */
export function changedLines(before: string, result: EditResult): ChangedLine[] {
  const out: ChangedLine[] = [];
  let shift = 0;
  for (const e of sorted(result.edits)) {
    const start = e.offset + shift;
    shift += e.text.length - e.length;
    const wholeLines = e.length === 0 && lineStart(before, e.offset) === e.offset && e.text.endsWith('\n');
    if (!wholeLines) {
      const old = linesOf(before, e.offset, e.offset + e.length);
      old.lines.forEach((text, i) => out.push({ sign: '-', line: old.first + i, text }));
    }
    const added = wholeLines ? { first: lineNumber(result.text, start), lines: e.text.replace(/\r/g, '').replace(/\n$/, '').split('\n') } : linesOf(result.text, start, start + e.text.length);
    added.lines.forEach((text, i) => out.push({ sign: '+', line: added.first + i, text }));
  }
  return out;
}

/** The span of `result.text` an edit wrote (from the first edit's start to the last one's end). */
export function writtenSpan(result: EditResult): { start: number; end: number } | undefined {
  const edits = sorted(result.edits);
  if (!edits.length) return undefined;
  let shift = 0;
  let start = -1;
  let end = 0;
  for (const e of edits) {
    const at = e.offset + shift;
    if (start < 0) start = at;
    end = at + e.text.length;
    shift += e.text.length - e.length;
  }
  return { start, end };
}

/** The start of the line `n` lines before the one holding `offset`. */
function linesBack(text: string, offset: number, n: number): number {
  let at = lineStart(text, offset);
  for (let k = 0; k < n && at > 0; k++) at = lineStart(text, at - 1);
  return at;
}

/** The offset `n` line ends after `offset`. */
function linesForward(text: string, offset: number, n: number): number {
  let at = offset;
  for (let k = 0; k < n; k++) {
    const nl = text.indexOf('\n', at);
    if (nl < 0) return text.length;
    at = nl + 1;
  }
  return at;
}

/** Where `needle` occurs in `text`, when it occurs exactly once. */
function onlyPlace(text: string, needle: string): number | undefined {
  const at = text.indexOf(needle);
  return at >= 0 && text.indexOf(needle, at + 1) < 0 ? at : undefined;
}

/**
 * Where the text written at [start, end) of `after` is in `current` now: found with the lines
 * around it, which must still be there before or after it, and only once.
 */
function locate(after: string, start: number, end: number, current: string): number | undefined {
  if (current === after) return start;
  const pre = after.slice(linesBack(after, start, CONTEXT_LINES), start);
  const written = after.slice(start, end);
  const post = after.slice(end, linesForward(after, end, CONTEXT_LINES + 1));
  const both = onlyPlace(current, pre + written + post);
  if (both !== undefined) return both + pre.length;
  const before = onlyPlace(current, pre + written);
  if (before !== undefined && pre) return before + pre.length;
  return post ? onlyPlace(current, written + post) : undefined;
}

/** Lines around a written span that must be unchanged to find it again. */
const CONTEXT_LINES = 2;

/**
 * Undoes a write: `before` was the text, `result` what the edit made of it, `current` the text now.
 * The write's own changes are taken back out of `current`, found by the lines around them, so
 * whatever else changed since stays. Refused (an {@link EditError}) when its lines were changed
 * since (or cannot be told apart), or when the file has errors, now or after the undo.
 */
export function undoWrite(before: string, result: EditResult, current: string): EditResult {
  const after = result.text;
  const problems = parseMentoring(current).problems;
  if (hasErrors(problems)) {
    throw new EditError('the mentoring file has errors now; fix them first, or undo in the editor', problems.filter((p) => p.severity === 'error'));
  }
  const inverse: TextEdit[] = [];
  let shift = 0;
  for (const e of sorted(result.edits)) {
    const start = e.offset + shift;
    shift += e.text.length - e.length;
    const at = locate(after, start, start + e.text.length, current);
    const previous = inverse[inverse.length - 1];
    if (at === undefined || (previous && at < previous.offset + previous.length)) throw new EditError(CHANGED_SINCE);
    inverse.push({ offset: at, length: e.text.length, text: before.slice(e.offset, e.offset + e.length) });
  }
  let text = current;
  for (const e of [...inverse].reverse()) text = text.slice(0, e.offset) + e.text + text.slice(e.offset + e.length);
  if (hasErrors(parseMentoring(text).problems)) throw new EditError('undoing it now would leave the file with errors; edit it by hand');
  return { text, edits: inverse };
}
