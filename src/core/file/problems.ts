/** Problems found in a mentoring file, with 1-based line:column ranges and stable codes. */
import { oneLine } from '../text';

export type Severity = 'error' | 'warning';

/** 1-based line and column (columns count UTF-16 code units, as editors do). */
export interface Position {
  line: number;
  col: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export interface Problem {
  /** Stable, kebab-case identifier, e.g. `unknown-partner`; tools and tests rely on it. */
  code: string;
  severity: Severity;
  message: string;
  range: Range;
}

/**
 * `FILE:LINE:COL: error|warning: message [code]` — the format editors and CI annotate from; always
 * exactly one line, whatever the file name or a quoted value holds.
 */
export function formatProblem(file: string, p: Problem): string {
  return oneLine(`${file}:${p.range.start.line}:${p.range.start.col}: ${p.severity}: ${p.message} [${p.code}]`);
}

export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}
