/** A panel's link to the host: typed posting, and the state VS Code keeps across reloads. */
import { isRecord } from '../../src/protocol/guards';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

/** What every panel keeps: where the reader had scrolled to. */
export interface ScrollState {
  scrollY: number;
}

export interface HostLink<Message, State extends ScrollState> {
  post(message: Message): void;
  /** The saved state (or the fresh one): change it, then `saveState()`. */
  state: State;
  saveState(): void;
}

/**
 * Acquires the VS Code API (once a page) and loads the saved state: `fresh` when there is none (or it
 * is not an object), otherwise `fresh` with what `read` takes from it and the saved scroll position.
 */
export function connect<Message, State extends ScrollState>(fresh: State, read: (saved: Record<string, unknown>, state: State) => void): HostLink<Message, State> {
  const api = acquireVsCodeApi();
  const state = fresh;
  const saved = api.getState();
  if (isRecord(saved)) {
    read(saved, state);
    if (typeof saved.scrollY === 'number' && Number.isFinite(saved.scrollY)) state.scrollY = saved.scrollY;
  }
  return {
    post: (message) => api.postMessage(message),
    state,
    saveState: () => api.setState(state),
  };
}
