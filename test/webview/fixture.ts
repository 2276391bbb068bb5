/** A review panel's data as a host would send it, with hostile text in names and notes. */
import type { PrivateBlock, ReviewPanelData } from '../../src/protocol/review';

export const XSS_SCRIPT = '<script>window.__xss=1</script>';
export const XSS_IMG = '<img src=x onerror="window.__xss=1">';

export function reviewData(): ReviewPanelData {
  const ada = { id: 'ada', name: 'Ada Lovelace' };
  const grace = { id: 'grace', name: `Grace ${XSS_IMG}` };
  return {
    partnership: { id: 'ada-grace', kind: 'mutual', status: 'active', members: [ada, grace], cadence: 14 },
    summary: {
      held: 7,
      cancelled: 2,
      rescheduled: 1,
      hours: 6.5,
      lastSession: '2026-05-04',
      nextDue: '2026-05-18',
      overdueDays: 8,
      cancelledInARow: 2,
      openActions: [
        { who: ada, what: 'Read the parser chapter', sessionDate: '2026-05-04', due: '2026-05-20' },
        { who: grace, what: XSS_SCRIPT, sessionDate: '2026-04-20' },
      ],
    },
    timeline: {
      from: '2025-11-26',
      sessions: [
        { date: '2025-12-08', status: 'held', minutes: 60, goals: ['rust-async'] },
        { date: '2026-01-05', status: 'held', minutes: 45, goals: ['rust-async', 'review-speed'] },
        { date: '2026-01-19', status: 'cancelled', goals: [] },
        { date: '2026-02-02', status: 'held', minutes: 60, goals: ['review-speed'] },
        { date: '2026-02-16', status: 'rescheduled', goals: [] },
        { date: '2026-02-18', status: 'held', minutes: 60, goals: ['rust-async'] },
        { date: '2026-03-16', status: 'held', minutes: 60, goals: [] },
        { date: '2026-04-06', status: 'held', minutes: 30, goals: ['rust-async'] },
        { date: '2026-04-20', status: 'cancelled', goals: [] },
        { date: '2026-05-04', status: 'held', minutes: 75, goals: ['rust-async'] },
      ],
    },
    me: 'ada',
    today: '2026-05-26',
    goals: [
      {
        id: 'rust-async',
        title: 'Write async Rust with confidence',
        owner: grace,
        mentors: [ada],
        status: 'active',
        progress: 60,
        due: '2026-05-01',
        overdue: true,
        created: '2025-12-01',
        reviews: [
          { date: '2025-12-08', by: ada, progress: 10, status: 'active', note: 'Starting with tokio basics.' },
          { date: '2026-02-18', by: ada, progress: 35, note: XSS_IMG },
          { date: '2026-03-16', by: grace, note: 'No progress figure this time.' },
          { date: '2026-05-04', by: ada, progress: 60, status: 'active', note: `Pinning explained.\n${XSS_SCRIPT}` },
        ],
        sessions: [
          { date: '2025-12-08', status: 'held', minutes: 60, notes: 'Futures and executors.' },
          { date: '2026-05-04', status: 'held', minutes: 75 },
        ],
        evidence: {
          available: true,
          commits: [
            { hash: '3f2a9c1d8e7b6a5f4e3d2c1b0a9f8e7d6c5b4a39', date: '2026-05-02', author: 'Grace', subject: `Use select! in the poller ${XSS_SCRIPT}`, trailer: true, files: ['src/poller.rs'], filesChanged: 1 },
            { hash: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678', date: '2026-04-11', author: 'Grace', subject: 'Spawn the watcher on the runtime', trailer: false, files: ['src/watch.rs', 'src/runtime.rs'], filesChanged: 2 },
          ],
        },
      },
      {
        id: 'review-speed',
        title: `Faster code reviews ${XSS_SCRIPT}`,
        owner: ada,
        mentors: [grace],
        status: 'proposed',
        due: '2026-09-01',
        overdue: false,
        reviews: [],
        sessions: [],
        evidence: { available: false, reason: 'Commits are not shown in an untrusted workspace.' },
      },
    ],
  };
}

/** Private notes as the host sends them for the fixture's partnership (hostile text included). */
export function privateData(): PrivateBlock {
  return {
    store: '/home/ada/.local/share/peer-mentoring/notes/3f2a9c1d8e7b6a5f.yml',
    sessions: [
      { date: '2026-05-04', status: 'held', notes: [{ written: '2026-05-04T17:02:00Z', text: `I froze when Grace asked about pinning.\n${XSS_IMG}` }] },
      { date: '2026-01-19', status: 'cancelled', notes: [{ written: '2026-01-19T09:00:00Z', text: 'Cancelled because I was exhausted.' }] },
    ],
    goals: [{ goal: 'rust-async', notes: [{ written: '2026-02-18T12:00:00Z', review: '2026-02-18', text: `Not sure I am the right mentor. ${XSS_SCRIPT}` }] }],
    detached: [{ subject: 'session 2025-12-01 (held)', notes: [{ written: '2025-12-01T10:00:00Z', text: 'About a session that was removed.' }] }],
    drafts: [],
  };
}
