/**
 * "Show Details" of a row of the Partners & Goals tree or the Suggestions view: what its tooltip
 * says, with its whole label and state and the rows under it, as a Markdown document to read beside
 * the view (the row itself is short enough to read at the default side bar width). All of it is
 * workspace text, written as literal text: nothing in it becomes markup or a link.
 */
import { mdLines, mdText } from '../text';
import type { ViewRow } from './viewRow';

/** Rows whose details are not shown: private notes stay in their tooltip and the review panel. */
export function hasDetails(row: ViewRow): boolean {
  return !row.contextValue.startsWith('private') && !row.contextValue.startsWith('notice');
}

/** The row's whole label and description (before they were shortened to fit). */
export function wholeText(row: ViewRow): { label: string; description?: string } {
  return { label: row.whole?.label ?? row.label, description: row.whole?.description ?? row.description };
}

/** The Markdown of a row's details: its label as the title, its state, its tooltip, its rows (two levels). */
export function rowDetails(row: ViewRow): string {
  const { label, description } = wholeText(row);
  const out = [`# ${mdText(label)}`, ''];
  if (description) out.push(`*${mdText(description)}*`, '');
  if (row.tooltip) {
    // One paragraph per line of the tooltip (a hard break keeps its lines apart).
    // Its first line is the whole label when the row shows it shortened: the title says it already.
    const lines = mdLines(row.tooltip).filter((l, i) => l !== '' && !(i === 0 && l === mdText(label)));
    out.push(...lines.map((l, i) => (i < lines.length - 1 ? `${l}  ` : l)), '');
  }
  const shown = row.children.filter((c: unknown): c is ViewRow => isRow(c) && hasDetails(c));
  if (shown.length) {
    for (const child of shown) {
      const whole = wholeText(child);
      out.push(`- **${mdText(whole.label)}**${whole.description ? ` — ${mdText(whole.description)}` : ''}`);
      for (const grand of child.children.filter((c: unknown): c is ViewRow => isRow(c) && hasDetails(c))) {
        const g = wholeText(grand);
        out.push(`  - ${mdText(g.label)}${g.description ? ` — ${mdText(g.description)}` : ''}`);
      }
    }
    out.push('');
  }
  return out.join('\n');
}

function isRow(x: unknown): x is ViewRow {
  return typeof x === 'object' && x !== null && typeof (x as ViewRow).label === 'string' && typeof (x as ViewRow).contextValue === 'string' && Array.isArray((x as ViewRow).children);
}
