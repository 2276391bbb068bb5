/**
 * Offsets in a text as editors show them: 1-based lines and columns (UTF-16 code units). A line ends
 * at `\n`, `\r\n` or a lone `\r`, as in VS Code; a byte order mark at the start is not a column (editors
 * do not show it). Every position it gives exists in the text: offsets outside it are clamped to it,
 * and a column never points past the end of its line.
 */
import type { Position, Range } from './problems';

export class LineIndex {
  /** Offset of the first character of each line. */
  private readonly starts: number[] = [0];
  /** Offset of the end of each line's content (before its line break). */
  private readonly ends: number[] = [];
  private readonly bom: boolean;

  constructor(private readonly text: string) {
    this.bom = text.charCodeAt(0) === 0xfeff;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 || c === 13) {
        this.ends.push(i);
        if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
        this.starts.push(i + 1);
      }
    }
    this.ends.push(text.length);
  }

  /** Number of lines (a text ending with a line break has an empty last line, as in editors). */
  get lineCount(): number {
    return this.starts.length;
  }

  /** The 1-based position of `offset` (clamped to the text). */
  linePos(offset: number): Position {
    const at = Math.max(0, Math.min(Number.isFinite(offset) ? Math.floor(offset) : 0, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= at) lo = mid;
      else hi = mid - 1;
    }
    const start = lo === 0 && this.bom ? 1 : this.starts[lo];
    const col = Math.max(0, Math.min(at, this.ends[lo]) - start) + 1;
    return { line: lo + 1, col };
  }

  /** 1-based range of `[start, end)`, with the end pulled back over trailing blanks and line breaks. */
  range(start: number, end: number): Range {
    const s = Math.max(0, Math.min(start, this.text.length));
    return { start: this.linePos(s), end: this.linePos(trimEnd(this.text, s, end)) };
  }

  /** True when `p` is a position of this text. */
  contains(p: Position): boolean {
    if (!Number.isInteger(p.line) || !Number.isInteger(p.col) || p.line < 1 || p.line > this.starts.length || p.col < 1) return false;
    const start = p.line === 1 && this.bom ? 1 : this.starts[p.line - 1];
    return p.col <= this.ends[p.line - 1] - start + 1;
  }
}

/** `end` (clamped to the text) moved back over trailing whitespace, never before `start`. */
export function trimEnd(text: string, start: number, end: number): number {
  let e = Math.max(start, Math.min(end, text.length));
  while (e > start && /\s/.test(text[e - 1])) e--;
  return e;
}
