/** The overview's link to the host: typed posting, and the state VS Code keeps across reloads. */
import { isRecord } from '../../src/protocol/guards';
import { OVERVIEW_PERIOD_KINDS } from '../../src/protocol/overview';
import type { OverviewWebviewMessage, PeriodChoice } from '../../src/protocol/overview';
import { connect } from '../shared/host';
import type { ScrollState } from '../shared/host';

export interface OverviewState extends ScrollState {
  /** The period shown: the host restores the panel with it. */
  period?: PeriodChoice;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export const { post, state, saveState } = connect<OverviewWebviewMessage, OverviewState>({ scrollY: 0 }, (saved, state) => {
  const p = saved.period;
  if (isRecord(p) && typeof p.kind === 'string' && OVERVIEW_PERIOD_KINDS.includes(p.kind as PeriodChoice['kind'])) {
    const period: PeriodChoice = { kind: p.kind as PeriodChoice['kind'] };
    if (typeof p.since === 'string' && DATE.test(p.since)) period.since = p.since;
    if (typeof p.until === 'string' && DATE.test(p.until)) period.until = p.until;
    state.period = period;
  }
});
