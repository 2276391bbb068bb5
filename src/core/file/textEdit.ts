/**
 * Text-level edits of the mentoring file: the edit type every writer applies, its result and error,
 * and the helpers that apply edits to a text or compute the one edit between two texts.
 */
import { Problem } from './problems';

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
export function normalise(edits: TextEdit[]): TextEdit[] {
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
