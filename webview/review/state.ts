/** The webview's link to the host: typed posting, and the state VS Code keeps across reloads. */
import type { GoalStatus } from '../../src/core/file';
import type { WebviewToHost } from '../../src/protocol/review';

/** A review form's unsaved input, exactly as typed. */
export interface Draft {
  progress: string;
  status: GoalStatus;
  note: string;
  by: string;
}

export interface PanelState {
  /** Goal ids whose section is open (goals start open; closed ones are listed in `closed`). */
  closed: string[];
  drafts: Record<string, Draft>;
  scrollY: number;
  /** The partnership shown and its workspace folder, from the host's data: how the host restores the panel. */
  partnershipId?: string;
  folder?: string;
  /** The session timeline's range ("6" or "12" months, or "all"). */
  timelineRange?: '6' | '12' | 'all';
}

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

const api = acquireVsCodeApi();

export function post(message: WebviewToHost): void {
  api.postMessage(message);
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

function isDraft(x: unknown): x is Draft {
  return isRecord(x) && typeof x.progress === 'string' && typeof x.status === 'string' && typeof x.note === 'string' && typeof x.by === 'string';
}

/** The saved state, or a fresh one if there is none (or it has an older shape). */
function load(): PanelState {
  const saved = api.getState();
  // Keyed by goal ids from the file: no prototype, so `constructor` or `__proto__` is a goal like any other.
  const state: PanelState = { closed: [], drafts: Object.create(null) as Record<string, Draft>, scrollY: 0 };
  if (!isRecord(saved)) return state;
  if (Array.isArray(saved.closed)) state.closed = saved.closed.filter((c): c is string => typeof c === 'string');
  if (isRecord(saved.drafts)) {
    for (const [goal, draft] of Object.entries(saved.drafts)) if (isDraft(draft)) state.drafts[goal] = draft;
  }
  if (typeof saved.scrollY === 'number' && Number.isFinite(saved.scrollY)) state.scrollY = saved.scrollY;
  if (typeof saved.partnershipId === 'string') state.partnershipId = saved.partnershipId;
  if (typeof saved.folder === 'string') state.folder = saved.folder;
  if (saved.timelineRange === '6' || saved.timelineRange === '12' || saved.timelineRange === 'all') state.timelineRange = saved.timelineRange;
  return state;
}

export const state: PanelState = load();

export function saveState(): void {
  api.setState(state);
}
