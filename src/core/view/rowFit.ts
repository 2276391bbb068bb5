/**
 * Rows that read whole in a side bar of VS Code's default width (300 px): a row's label and its
 * description (the short state) must fit beside its icon at its depth. The width of a text is
 * estimated from a proportional font's advance widths (Arial's, with lower-case letters and digits
 * widened so that the wider fonts of Linux desktops fit too); what does not fit is shortened at a word with
 * "…" — the description only after the label has given up what it can — and the whole text goes to
 * the row's tooltip, which the "Show Details" document shows too.
 */
import type { ViewRow } from './viewRow';

/** VS Code's default side bar width, in CSS pixels. */
export const SIDE_BAR_WIDTH = 300;
/** The widths rows may be fitted to (the `mentoring.views.rowWidth` setting). */
export const MIN_ROW_WIDTH = 240;
export const MAX_ROW_WIDTH = 2000;

/** A width to fit rows to: `width` when it is a whole number of pixels within the limits, else the default. */
export function rowWidth(width: unknown): number {
  return typeof width === 'number' && Number.isInteger(width) && width >= MIN_ROW_WIDTH && width <= MAX_ROW_WIDTH ? width : SIDE_BAR_WIDTH;
}
/** Font size of tree rows, in CSS pixels. */
const FONT_PX = 13;
/** How much wider than Arial's the lower-case letters and digits of the widest usual UI font run (DejaVu Sans: 16% and 4%, measured). */
const LOWER_SLACK = 1.17;
const DIGIT_SLACK = 1.1;
/** Space between a label and its description (measured: 4–5 px). */
const GAP_PX = 6;
/**
 * The room for label and description of a row at depth 1 in a 300 px side bar (measured in the
 * workbench: 225 px, after the view's padding, the twistie, the icon and the scroll bar), less a margin.
 */
const ROOM_AT_DEPTH_1 = 222;
/** Each level of the tree indents by this much. */
const INDENT_PX = 8;
/** A label keeps at least this much room (a long description is shortened first below it). */
const MIN_LABEL_PX = 90;
/** A description with less room than this is left to the tooltip. */
const MIN_DESCRIPTION_PX = 28;

/** Arial's advance widths of the printable ASCII characters, in thousandths of an em. */
const ASCII = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278,
  500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278,
  556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
];

/**
 * A character's width in thousandths of an em, on the wide side: Arial's, with lower-case letters and
 * digits widened as the widest usual UI font (DejaVu Sans, measured in the workbench at 13 px) runs them.
 */
function advance(ch: string): number {
  const c = ch.codePointAt(0) ?? 0;
  if (c >= 97 && c <= 122) return ASCII[c - 32] * LOWER_SLACK;
  if (c >= 48 && c <= 57) return ASCII[c - 32] * DIGIT_SLACK;
  if (c >= 32 && c < 127) return ASCII[c - 32];
  if (ch === '·') return 350;
  if (ch === '…') return 1000;
  // Arrows are about three quarters of an em; CJK and emoji a whole one; other letters (accented ones) a wide letter's.
  if (c >= 0x2190 && c <= 0x21ff) return 750;
  if (c >= 0x2e80) return 1000;
  return 680;
}

/** The estimated width of `text` in a tree row, in CSS pixels (on the wide side). */
export function textWidth(text: string): number {
  let units = 0;
  for (const ch of text) units += advance(ch);
  return (units * FONT_PX) / 1000;
}

/** The room for a row's label and description at `depth` (1: top level) in a side bar `width` px wide. */
export function roomAt(depth: number, width = SIDE_BAR_WIDTH): number {
  return ROOM_AT_DEPTH_1 + (width - SIDE_BAR_WIDTH) - INDENT_PX * (depth - 1);
}

/** `text` cut at a word (or, when the last word is long, within it) so that it with "…" is at most `px` wide. */
export function shortenTo(text: string, px: number): string {
  if (textWidth(text) <= px) return text;
  const room = px - textWidth('…');
  let end = 0;
  let width = 0;
  const chars = [...text];
  while (end < chars.length && width + textWidth(chars[end]) <= room) width += textWidth(chars[end++]);
  const cut = chars.slice(0, end).join('');
  const space = cut.lastIndexOf(' ');
  // At a word when that gives up little; else within one.
  const atWord = space > cut.length * 0.7 ? cut.slice(0, space) : cut;
  return `${atWord.replace(/[\s,.;:·—–-]+$/, '')}…`;
}

/** Whether a row's label and description fit whole at `depth`. */
export function fits(label: string, description: string | undefined, depth: number, width = SIDE_BAR_WIDTH): boolean {
  return textWidth(label) + (description ? GAP_PX + textWidth(description) : 0) <= roomAt(depth, width);
}

/**
 * Shortens each row's label and description, where they would not fit at the row's depth (top-level
 * rows at `depth`) in a side bar `width` px wide, keeping their whole text in the tooltip. Rows are
 * changed in place; returns them.
 */
export function fitRows<R extends ViewRow<string, R>>(rows: R[], depth = 1, width = SIDE_BAR_WIDTH): R[] {
  for (const row of rows) {
    fitRow(row, depth, width);
    fitRows(row.children, depth + 1, width);
  }
  return rows;
}

function fitRow(row: ViewRow, depth: number, width: number): void {
  const room = roomAt(depth, width);
  // A row fitted before (in the analysis worker, or at another depth or width) is fitted again from its whole text.
  const label = row.whole?.label ?? row.label;
  const description = row.whole ? row.whole.description : row.description;
  if (row.whole) {
    row.label = label;
    if (description === undefined) delete row.description;
    else row.description = description;
    delete row.whole;
  }
  if (fits(label, description, depth, width)) return;
  const descWidth = description ? GAP_PX + textWidth(description) : 0;
  // The label gives up room down to MIN_LABEL_PX; then the description is shortened, or left to the tooltip.
  let shortLabel = label;
  if (textWidth(label) + descWidth > room) shortLabel = shortenTo(label, Math.max(room - descWidth, Math.min(textWidth(label), MIN_LABEL_PX)));
  let shortDescription = description;
  if (description) {
    const left = room - textWidth(shortLabel) - GAP_PX;
    if (textWidth(description) > left) shortDescription = left >= MIN_DESCRIPTION_PX ? shortenTo(description, left) : undefined;
  }
  if (shortLabel === label && shortDescription === description) return;
  const whole = [shortLabel !== label ? label : '', description !== undefined && shortDescription !== description ? description : ''].filter(Boolean);
  const tooltip = row.tooltip ?? '';
  const missing = whole.filter((t) => !tooltip.includes(t));
  if (missing.length) row.tooltip = [missing.join(' — '), tooltip].filter(Boolean).join('\n');
  row.whole = description === undefined ? { label } : { label, description };
  row.label = shortLabel;
  if (shortDescription === undefined) delete row.description;
  else row.description = shortDescription;
}

/** `text` cut at a word to at most `max` characters, with "…" when cut. */
export function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut.slice(0, max - 1)).replace(/[\s,.;:]+$/, '')}…`;
}
