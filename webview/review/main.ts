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
import './review.css';
import { isHostMessage } from '../../src/protocol/review';
import type { ReviewPanelData } from '../../src/protocol/review';
import { applySaveResult, resetFormViews } from './form';
import { header, goalsSection, privateSection, summarySection, timelineSection } from './render';
import { post, saveState, state } from './state';

const app = document.getElementById('app') ?? document.body.appendChild(document.createElement('main'));
const banner = document.createElement('div');
banner.className = 'banner';
banner.setAttribute('role', 'alert');
banner.hidden = true;
let rendered = false;

function render(data: ReviewPanelData): void {
  const focused = document.activeElement?.id;
  resetFormViews();
  const sections = [header(data), banner, summarySection(data), timelineSection(data), privateSection(data), goalsSection(data)];
  app.replaceChildren(...sections.filter((x): x is HTMLElement => x !== undefined));
  app.setAttribute('aria-busy', 'false');
  if (focused) document.getElementById(focused)?.focus();
  if (!rendered) {
    rendered = true;
    // Let the custom elements lay out before scrolling back to where the reader was.
    requestAnimationFrame(() => window.scrollTo(0, state.scrollY));
  }
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const message = event.data;
  if (!isHostMessage(message)) return;
  switch (message.type) {
    case 'data':
      banner.hidden = true;
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
      banner.textContent = message.message;
      banner.hidden = false;
      if (!banner.isConnected) app.replaceChildren(banner);
      break;
    case 'revealGoal':
      revealGoal(message.goalId);
      break;
  }
});

/** Opens a goal's section and scrolls to it. */
function revealGoal(goalId: string): void {
  const section = [...app.querySelectorAll<HTMLElement & { open: boolean }>('vscode-collapsible.goal')].find((c) => c.dataset.goal === goalId);
  if (!section) return;
  section.open = true;
  state.closed = state.closed.filter((g) => g !== goalId);
  saveState();
  requestAnimationFrame(() => section.scrollIntoView({ block: 'start' }));
}

let scrollQueued = false;
window.addEventListener('scroll', () => {
  if (scrollQueued || !rendered) return;
  scrollQueued = true;
  requestAnimationFrame(() => {
    scrollQueued = false;
    state.scrollY = Math.round(window.scrollY);
    saveState();
  });
});

post({ type: 'ready' });
