/**
 * The Team Overview. Sends `ready` with the period it showed before a reload, then renders each
 * `data` message whole. Rows open the partnership's review panel; the period selector, the
 * export and calendar buttons ask the host.
 */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import './overview.css';
import { isOverviewHostMessage } from '../../src/protocol/overview';
import type { OverviewData } from '../../src/protocol/overview';
import { render } from './render';
import { post, saveState, state } from './state';

const app = document.getElementById('app') ?? document.body.appendChild(document.createElement('main'));
const banner = document.createElement('div');
banner.className = 'banner';
banner.setAttribute('role', 'alert');
banner.hidden = true;
let rendered = false;

function show(data: OverviewData): void {
  const focused = document.activeElement?.id;
  app.replaceChildren(...render(data, banner));
  app.setAttribute('aria-busy', 'false');
  if (focused) document.getElementById(focused)?.focus();
  const period = { kind: data.kind, ...data.period };
  if (JSON.stringify(state.period) !== JSON.stringify(period)) {
    state.period = period;
    saveState();
  }
  if (!rendered) {
    rendered = true;
    requestAnimationFrame(() => window.scrollTo(0, state.scrollY));
  }
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const message = event.data;
  if (!isOverviewHostMessage(message)) return;
  if (message.type === 'data') {
    banner.hidden = true;
    show(message.data);
    // Painted: the host's message is on screen (what the speed test measures up to).
    performance.mark('overview-painted');
    return;
  }
  banner.textContent = message.message;
  banner.hidden = false;
  if (!banner.isConnected) app.replaceChildren(banner);
});

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

post(state.period ? { type: 'ready', period: state.period } : { type: 'ready' });
