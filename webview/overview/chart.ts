/** Sessions held and cancelled per month as an inline SVG bar chart (colours from the stylesheet). */
import type { OverviewData } from '../../src/protocol/overview';
import { h, s } from '../shared/dom';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function monthsChart(months: OverviewData['months']): HTMLElement {
  const W = Math.max(240, months.length * 44 + 40);
  const H = 140;
  const left = 28;
  const bottom = H - 22;
  const top = 10;
  const max = Math.max(1, ...months.map((m) => m.held + m.cancelled));
  const y = (n: number): number => bottom - (n / max) * (bottom - top);
  const step = (W - left - 8) / months.length;
  const bar = Math.min(28, step * 0.7);
  const label = months.map((m) => `${m.month}: ${m.held} held, ${m.cancelled} cancelled`).join('; ');
  const svg = s('svg', { class: 'chart months-chart', viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': `Sessions per month: ${label}` });
  for (const n of [0, max]) svg.append(s('line', { class: 'grid', x1: left, x2: W - 4, y1: y(n), y2: y(n) }), s('text', { class: 'axis-label', x: left - 6, y: y(n) + 4, 'text-anchor': 'end' }, String(n)));
  months.forEach((m, i) => {
    const x = left + i * step + (step - bar) / 2;
    const heldTop = y(m.held);
    const cancelledTop = y(m.held + m.cancelled);
    if (m.held) svg.append(s('rect', { class: 'bar held', x, y: heldTop, width: bar, height: bottom - heldTop }, s('title', {}, `${m.month}: ${m.held} held`)));
    if (m.cancelled) svg.append(s('rect', { class: 'bar cancelled', x, y: cancelledTop, width: bar, height: heldTop - cancelledTop }, s('title', {}, `${m.month}: ${m.cancelled} cancelled`)));
    const [yy, mm] = m.month.split('-');
    svg.append(s('text', { class: 'axis-label', x: x + bar / 2, y: H - 6, 'text-anchor': 'middle' }, `${MONTHS[Number(mm) - 1]}${mm === '01' || i === 0 ? ` ${yy.slice(2)}` : ''}`));
  });
  const legend = h('p', { class: 'legend muted' }, h('span', { class: 'swatch held' }), ' held ', h('span', { class: 'swatch cancelled' }), ' cancelled');
  return h('div', { class: 'chart-wrap' }, svg, legend);
}
