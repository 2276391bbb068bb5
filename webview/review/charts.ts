/** The panel's two small charts, drawn as inline SVG (colours come from the stylesheet's theme variables). */
import { fromEpochDay, toEpochDay } from '../../src/core/dates';
import type { IsoDate } from '../../src/core/file';
import type { GoalView, ReviewTimeline } from '../../src/protocol/review';
import { s } from '../shared/dom';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const day = (d: IsoDate): number => toEpochDay(d) ?? 0;

/** Maps a day in [from, to] onto [x0, x1]; a one-day range maps to the middle. */
function xScale(from: number, to: number, x0: number, x1: number): (d: number) => number {
  return (d) => (to === from ? (x0 + x1) / 2 : x0 + ((d - from) / (to - from)) * (x1 - x0));
}

const round = (n: number): number => Math.round(n * 10) / 10;

export interface ProgressPoint {
  date: IsoDate;
  progress: number;
  /** The goal's `progress:` in the file, where no review recorded it: shown at today. */
  current?: true;
}

/**
 * The points of a goal's progress chart: every recorded value, oldest first. Each review that
 * recorded progress, and the goal's own `progress:` when the latest of them does not say it (set
 * without a review, or never reviewed), at today.
 */
export function progressPoints(goal: GoalView, today: IsoDate): ProgressPoint[] {
  const points: ProgressPoint[] = goal.reviews
    .filter((r): r is typeof r & { progress: number } => r.progress !== undefined)
    .map((r) => ({ date: r.date, progress: r.progress }))
    .sort((a, b) => day(a.date) - day(b.date));
  const last = points[points.length - 1];
  if (goal.progress !== undefined && last?.progress !== goal.progress) {
    points.push({ date: last && day(last.date) > day(today) ? last.date : today, progress: goal.progress, current: true });
  }
  return points;
}

/**
 * Progress (0–100, up) over time (right), from the goal's creation or first review to today
 * (or the due date, if later; marked with a dashed line).
 */
export function progressChart(goal: GoalView, today: IsoDate): SVGSVGElement {
  const W = 360;
  const H = 130;
  const left = 34;
  const right = W - 12;
  const top = 10;
  const bottom = H - 24;
  const points = progressPoints(goal, today);
  const days = points.map((p) => day(p.date));
  const starts = [...days, ...(goal.created ? [day(goal.created)] : [])];
  const from = Math.min(...starts, day(today));
  const to = Math.max(...days, day(today), ...(goal.due ? [day(goal.due)] : []));
  const x = xScale(from, to, left + 6, right - 6);
  const y = (p: number): number => bottom - (p / 100) * (bottom - top);

  const label = points.length
    ? `Progress of ${goal.title}: ${points.map((p) => (p.current ? `${p.progress}% in the file now` : `${p.progress}% on ${p.date}`)).join(', ')}`
    : `No progress recorded for ${goal.title} yet`;
  const svg = s('svg', { class: 'chart progress-chart', viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': label });
  for (const p of [0, 50, 100]) {
    svg.append(
      s('line', { class: 'grid', x1: left, x2: right, y1: y(p), y2: y(p) }),
      s('text', { class: 'axis-label', x: left - 6, y: y(p) + 4, 'text-anchor': 'end' }, `${p}`),
    );
  }
  svg.append(
    s('text', { class: 'axis-label', x: left, y: H - 6, 'text-anchor': 'start' }, fromEpochDay(from)),
    s('text', { class: 'axis-label', x: right, y: H - 6, 'text-anchor': 'end' }, fromEpochDay(to)),
  );
  if (goal.due) {
    const dx = round(x(day(goal.due)));
    svg.append(
      s('line', { class: goal.overdue ? 'due overdue' : 'due', x1: dx, x2: dx, y1: top, y2: bottom }),
      s('text', { class: 'axis-label', x: dx - 3, y: top + 10, 'text-anchor': 'end' }, 'due'),
    );
  }
  if (points.length > 1) {
    const coords = points.map((p) => `${round(x(day(p.date)))},${round(y(p.progress))}`).join(' ');
    svg.append(s('polyline', { class: 'line', points: coords }));
  }
  for (const p of points) {
    svg.append(
      s(
        'circle',
        { class: p.current ? 'point current' : 'point', cx: round(x(day(p.date))), cy: round(y(p.progress)), r: 4, 'data-date': p.date, 'data-progress': p.progress },
        s('title', {}, p.current ? `${p.progress}% in the mentoring file now (not from a review)` : `${p.date}: ${p.progress}%`),
      ),
    );
  }
  return svg;
}

const LANES = ['held', 'rescheduled', 'cancelled'] as const;

/** Sessions from `timeline.from` to today, one lane per status; a tick at each month's start. */
export function timelineChart(timeline: ReviewTimeline, today: IsoDate): SVGSVGElement {
  const W = 640;
  const lane = 24;
  const left = 92;
  const right = W - 12;
  const top = 6;
  const H = top + LANES.length * lane + 22;
  const from = day(timeline.from);
  const to = Math.max(day(today), from);
  const x = xScale(from, to, left + 6, right - 6);
  const sessions = timeline.sessions.filter((t) => day(t.date) >= from && day(t.date) <= to);
  const counts = LANES.map((st) => `${sessions.filter((t) => t.status === st).length} ${st}`).join(', ');
  const svg = s('svg', {
    class: 'chart timeline-chart',
    viewBox: `0 0 ${W} ${H}`,
    role: 'img',
    'aria-label': `Sessions from ${timeline.from} to ${today}: ${counts}`,
  });
  const axisY = top + LANES.length * lane;
  LANES.forEach((st, i) => {
    const cy = top + i * lane + lane / 2;
    svg.append(
      s('line', { class: 'grid', x1: left, x2: right, y1: cy, y2: cy }),
      s('text', { class: 'axis-label', x: left - 8, y: cy + 4, 'text-anchor': 'end' }, st),
    );
  });
  svg.append(s('line', { class: 'axis', x1: left, x2: right, y1: axisY, y2: axisY }));
  // Month starts within the range; over a long history only every few months are labelled
  // (January by its year), so that the labels never run into each other.
  const start = new Date(from * 86_400_000);
  const months = Math.max(1, Math.round((to - from) / 30.44));
  const every = [1, 2, 3, 6, 12].find((n) => months / n <= 12) ?? Math.ceil(months / 12);
  for (let m = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1)); m.getTime() / 86_400_000 <= to; m.setUTCMonth(m.getUTCMonth() + 1)) {
    const mx = round(x(m.getTime() / 86_400_000));
    svg.append(s('line', { class: 'tick', x1: mx, x2: mx, y1: top, y2: axisY + 4 }));
    if (m.getUTCMonth() % every !== 0 && every > 1) continue;
    const text = every > 1 && m.getUTCMonth() === 0 ? String(m.getUTCFullYear()) : MONTHS[m.getUTCMonth()];
    svg.append(s('text', { class: 'axis-label', x: mx, y: axisY + 16, 'text-anchor': 'middle' }, text));
  }
  for (const t of sessions) {
    const cx = round(x(day(t.date)));
    const cy = top + LANES.indexOf(t.status) * lane + lane / 2;
    const parts = [t.date, t.status, t.minutes !== undefined ? `${t.minutes} min` : '', t.goals.length ? `goals: ${t.goals.join(', ')}` : ''];
    const title = s('title', {}, parts.filter(Boolean).join(' · '));
    const attrs = { class: `mark ${t.status}`, 'data-date': t.date, 'data-status': t.status };
    if (t.status === 'held') svg.append(s('circle', { ...attrs, cx, cy, r: 5 }, title));
    else if (t.status === 'rescheduled') svg.append(s('path', { ...attrs, d: `M${cx} ${cy - 6}L${cx + 6} ${cy}L${cx} ${cy + 6}L${cx - 6} ${cy}Z` }, title));
    else svg.append(s('path', { ...attrs, d: `M${cx - 5} ${cy - 5}L${cx + 5} ${cy + 5}M${cx + 5} ${cy - 5}L${cx - 5} ${cy + 5}` }, title));
  }
  return svg;
}
