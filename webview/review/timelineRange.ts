/**
 * The session timeline's range: the whole recorded history (the default), or the last 6 or 12
 * months. The choice shows only when the history is longer than six months; a range without any
 * session is offered disabled, so the chart is never empty while sessions exist. The choice is
 * kept in the panel's state.
 */
import { addDays, daysBetween } from '../../src/core/dates';
import type { IsoDate } from '../../src/core/file';
import type { ReviewTimeline } from '../../src/protocol/review';
import { timelineChart } from './charts';
import { h } from '../shared/dom';
import { saveState, state } from './state';

export type TimelineRange = '6' | '12' | 'all';

const RANGES: { id: TimelineRange; label: string; days?: number }[] = [
  { id: '6', label: 'Last 6 months', days: 182 },
  { id: '12', label: 'Last 12 months', days: 365 },
  { id: 'all', label: 'All' },
];

/** The part of `timeline` within `range` of `today`. */
export function withinRange(timeline: ReviewTimeline, range: TimelineRange, today: IsoDate): ReviewTimeline {
  const days = RANGES.find((r) => r.id === range)?.days;
  if (days === undefined) return timeline;
  const start = addDays(today, -days);
  const from = daysBetween(timeline.from, start) > 0 ? start : timeline.from;
  return { from, sessions: timeline.sessions.filter((t) => daysBetween(from, t.date) >= 0) };
}

/** The ranges worth offering: those shorter than the history; empty when it is six months or less. */
function offered(timeline: ReviewTimeline, today: IsoDate): typeof RANGES {
  const span = daysBetween(timeline.from, today);
  const shorter = RANGES.filter((r) => r.days !== undefined && r.days < span);
  return shorter.length ? [...shorter, RANGES[RANGES.length - 1]] : [];
}

/** The heading, the range buttons and the chart of the timeline section, following the chosen range. */
export function timelineParts(timeline: ReviewTimeline, today: IsoDate): HTMLElement[] {
  const choices = offered(timeline, today);
  const usable = (id: TimelineRange): boolean => id === 'all' || timeline.sessions.length === 0 || withinRange(timeline, id, today).sessions.length > 0;
  const saved = state.timelineRange;
  let range: TimelineRange = saved && choices.some((c) => c.id === saved) && usable(saved) ? saved : 'all';
  const heading = h('h2', { id: 'timeline-title' });
  const chartBox = h('div', { class: 'timeline-box' });
  const buttons = choices.map((c) => {
    const b = h('button', { type: 'button', class: 'range', 'data-range': c.id }, c.label) as HTMLButtonElement;
    if (!usable(c.id)) {
      b.disabled = true;
      b.title = 'No session in this range';
    }
    b.addEventListener('click', () => {
      range = c.id;
      state.timelineRange = c.id;
      saveState();
      draw();
    });
    return b;
  });
  const draw = (): void => {
    const shown = withinRange(timeline, range, today);
    heading.replaceChildren(range === 'all' ? `Sessions since ${shown.from}` : `Sessions in the ${RANGES.find((r) => r.id === range)?.label.toLowerCase()}`);
    chartBox.replaceChildren(timelineChart(shown, today));
    for (const b of buttons) b.setAttribute('aria-pressed', String(b.dataset.range === range));
  };
  draw();
  const group = buttons.length ? [h('div', { class: 'ranges', role: 'group', 'aria-label': 'Timeline range' }, ...buttons)] : [];
  return [heading, ...group, chartBox];
}
