/** Team Overview data as a host would send it: a small team with hostile text, and a large programme for speed. */
import type { MentoringFile } from '../../src/core/file';
import { buildOverview } from '../../src/core/mentoring';
import type { OverviewData } from '../../src/protocol/overview';

export const XSS_SCRIPT = '<script>window.__xss=1</script>';
export const XSS_IMG = '<img src=x onerror="window.__xss=1">';

export function overviewData(): OverviewData {
  const ada = { id: 'ada', name: 'Ada Lovelace' };
  const grace = { id: 'grace', name: `Grace ${XSS_IMG}` };
  const linus = { id: 'linus', name: 'Linus' };
  const row = (partnership: string, health: OverviewData['rows'][number]['health'], extra: Partial<OverviewData['rows'][number]> = {}): OverviewData['rows'][number] => ({
    folder: 'file:///team',
    file: 'team/.mentoring.yml',
    partnership,
    members: [ada, grace],
    kind: 'mutual',
    status: 'active',
    health,
    sentence: `${health} sentence`,
    overdueDays: 0,
    cancelledInARow: 0,
    held: 2,
    cancelled: 1,
    hours: 1.5,
    goalsActive: 1,
    goalsAchieved: 0,
    actions: [],
    ...extra,
  });
  return {
    today: '2026-05-26',
    kind: 'this-quarter',
    period: { since: '2026-04-01', until: '2026-06-30' },
    rows: [
      row('ada-grace', 'drifting', { overdueDays: 20, cancelledInARow: 2, nextDue: '2026-05-06', lastSession: '2026-04-22', actions: [{ who: grace, what: XSS_SCRIPT, due: '2026-05-01', overdue: true }] }),
      row('ada-linus', 'overdue', { members: [ada, linus], overdueDays: 3, nextDue: '2026-05-23' }),
      row('grace-linus', 'on-track', { members: [grace, linus], nextDue: '2026-06-02', goalsAchieved: 1 }),
      row('old', 'ended', { status: 'ended' }),
    ],
    unpaired: [
      { id: 'mary', name: `Mary ${XSS_SCRIPT}`, folder: 'file:///team', file: 'team/.mentoring.yml', suggestion: { partner: linus, teaches: ['lang:rust'], learns: ['practice:testing'] } },
      { id: 'tim', name: 'Tim', folder: 'file:///team', file: 'team/.mentoring.yml' },
    ],
    achieved: [
      {
        folder: 'file:///team',
        file: 'team/.mentoring.yml',
        goal: 'linus-review',
        title: `Faster reviews ${XSS_IMG}`,
        owner: linus,
        partnership: 'grace-linus',
        achieved: '2026-05-20',
        evidence: [{ hash: 'abcdef0123456789abcdef0123456789abcdef01', date: '2026-05-19', subject: `Review bot ${XSS_SCRIPT}` }],
      },
    ],
    months: [
      { month: '2026-04', held: 3, cancelled: 1 },
      { month: '2026-05', held: 2, cancelled: 2 },
      { month: '2026-06', held: 0, cancelled: 0 },
    ],
    suggestions: true,
    warnings: [],
  };
}

/** A programme of `partnerships` partnerships (two people each) and `sessions` sessions, over the year before `today`. */
export function largeProgramme(partnerships: number, sessions: number, today = '2026-05-26'): MentoringFile {
  const model: MentoringFile = { version: 1, partners: [], partnerships: [], skills: [], goals: [], sessions: [] };
  for (let i = 0; i < partnerships * 2; i++) model.partners.push({ id: `p${i}`, name: `Person ${i}`, emails: [`p${i}@example.com`] });
  for (let i = 0; i < partnerships; i++) {
    model.partnerships.push({ id: `pair-${i}`, members: [`p${2 * i}`, `p${2 * i + 1}`], kind: i % 3 ? 'mutual' : 'one-way', ...(i % 3 ? {} : { mentor: `p${2 * i}` }), cadence: 7 + (i % 4) * 7, since: '2025-05-01' });
    model.goals.push({ id: `g${i}`, partnership: `pair-${i}`, owner: `p${2 * i + 1}`, title: `Goal ${i}`, status: i % 5 ? 'active' : 'achieved', achieved: i % 5 ? undefined : '2026-04-15', reviews: [] });
  }
  const base = Date.parse(`${today}T00:00:00Z`) - 365 * 86_400_000;
  for (let s = 0; s < sessions; s++) {
    const day = new Date(base + Math.floor((s / sessions) * 360) * 86_400_000).toISOString().slice(0, 10);
    const p = s % partnerships;
    model.sessions.push({
      date: day,
      partnership: `pair-${p}`,
      status: s % 9 === 0 ? 'cancelled' : 'held',
      ...(s % 9 === 0 ? { reason: 'busy' } : { minutes: 45 }),
      ...(s % 7 === 0 ? { actions: [{ who: `p${2 * p}`, what: `Action ${s}`, done: s % 14 === 0, ...(s % 21 === 0 ? { due: day } : {}) }] } : {}),
    });
  }
  for (const g of model.goals) if (g.achieved === undefined) delete g.achieved;
  return model;
}

export function largeOverview(partnerships = 200, sessions = 5000): OverviewData {
  const today = '2026-05-26';
  return buildOverview([{ folder: 'file:///big', file: 'big/.mentoring.yml', model: largeProgramme(partnerships, sessions, today) }], today, 'last-12-months', { since: '2025-05-27', until: today });
}
