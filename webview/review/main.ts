/**
 * The goal review panel. Sends `ready`, then renders each `data` message from the host whole;
 * review forms post `saveReview` and show the host's `saveResult`. Open sections, unsaved form
 * input and the scroll position survive a reload through VS Code's webview state.
 */
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-collapsible/index.js';
import '@vscode-elements/elements/dist/vscode-label/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-progress-ring/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-textarea/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import '../shared/base.css';
import './review.css';
import { isHostMessage } from '../../src/protocol/review';
import type { ReviewPanelData } from '../../src/protocol/review';
import { startPage } from '../shared/panel';
import { applySaveResult, resetFormViews } from './form';
import { header, goalsSection, privateSection, summarySection, timelineSection } from './render';
import { post, saveState, state } from './state';

const page = startPage({ state, saveState });

function render(data: ReviewPanelData): void {
  page.show(() => {
    resetFormViews();
    const sections = [header(data), page.banner, summarySection(data), timelineSection(data), privateSection(data), goalsSection(data)];
    return sections.filter((x): x is HTMLElement => x !== undefined);
  });
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const message = event.data;
  if (!isHostMessage(message)) return;
  switch (message.type) {
    case 'data':
      render(message.data);
      if (state.partnershipId !== message.data.partnership.id || state.folder !== message.data.folder) {
        state.partnershipId = message.data.partnership.id;
        state.folder = message.data.folder;
        saveState();
      }
      break;
    case 'saveResult':
      applySaveResult(message);
      break;
    case 'error':
      page.showError(message.message);
      break;
    case 'revealGoal':
      revealGoal(message.goalId);
      break;
  }
});

/** Opens a goal's section and scrolls to it. */
function revealGoal(goalId: string): void {
  const section = [...page.app.querySelectorAll<HTMLElement & { open: boolean }>('vscode-collapsible.goal')].find((c) => c.dataset.goal === goalId);
  if (!section) return;
  section.open = true;
  state.closed = state.closed.filter((g) => g !== goalId);
  saveState();
  requestAnimationFrame(() => section.scrollIntoView({ block: 'start' }));
}

post({ type: 'ready' });
