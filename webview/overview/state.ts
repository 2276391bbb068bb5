/** The overview's link to the host: typed posting, and the state VS Code keeps across reloads. */
import type { OverviewWebviewMessage, PeriodChoice } from '../../src/protocol/overview';

export interface OverviewState {
  /** The period shown: the host restores the panel with it. */
  period?: PeriodChoice;
  scrollY: number;
}

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

const api = acquireVsCodeApi();

export function post(message: OverviewWebviewMessage): void {
  api.postMessage(message);
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const KINDS = ['this-quarter', 'last-quarter', 'last-12-months', 'custom'];
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function load(): OverviewState {
  const saved = api.getState();
  const state: OverviewState = { scrollY: 0 };
  if (!isRecord(saved)) return state;
  const p = saved.period;
  if (isRecord(p) && typeof p.kind === 'string' && KINDS.includes(p.kind)) {
    const period: PeriodChoice = { kind: p.kind as PeriodChoice['kind'] };
    if (typeof p.since === 'string' && DATE.test(p.since)) period.since = p.since;
    if (typeof p.until === 'string' && DATE.test(p.until)) period.until = p.until;
    state.period = period;
  }
  if (typeof saved.scrollY === 'number' && Number.isFinite(saved.scrollY)) state.scrollY = saved.scrollY;
  return state;
}

export const state: OverviewState = load();

export function saveState(): void {
  api.setState(state);
}
