/** The webview's link to the host: typed posting, and the state VS Code keeps across reloads. */
import type { GoalStatus } from '../../src/core/file';
import { isRecord } from '../../src/protocol/guards';
import type { WebviewToHost } from '../../src/protocol/review';
import { connect } from '../shared/host';
import type { ScrollState } from '../shared/host';

/** A review form's unsaved input, exactly as typed. */
export interface Draft {
  progress: string;
  status: GoalStatus;
  note: string;
  by: string;
}

export interface PanelState extends ScrollState {
  /** Goal ids whose section is open (goals start open; closed ones are listed in `closed`). */
  closed: string[];
  drafts: Record<string, Draft>;
  /** The partnership shown and its workspace folder, from the host's data: how the host restores the panel. */
  partnershipId?: string;
  folder?: string;
}

function isDraft(x: unknown): x is Draft {
  return isRecord(x) && typeof x.progress === 'string' && typeof x.status === 'string' && typeof x.note === 'string' && typeof x.by === 'string';
}

// The saved state, or a fresh one if there is none (or it has an older shape). Keyed by goal ids
// from the file: no prototype, so `constructor` or `__proto__` is a goal like any other.
const fresh: PanelState = { closed: [], drafts: Object.create(null) as Record<string, Draft>, scrollY: 0 };

export const { post, state, saveState } = connect<WebviewToHost, PanelState>(fresh, (saved, state) => {
  if (Array.isArray(saved.closed)) state.closed = saved.closed.filter((c): c is string => typeof c === 'string');
  if (isRecord(saved.drafts)) {
    for (const [goal, draft] of Object.entries(saved.drafts)) if (isDraft(draft)) state.drafts[goal] = draft;
  }
  if (typeof saved.partnershipId === 'string') state.partnershipId = saved.partnershipId;
  if (typeof saved.folder === 'string') state.folder = saved.folder;
});
