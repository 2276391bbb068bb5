/**
 * The Team Overview. Sends `ready` with the period it showed before a reload, then renders each
 * `data` message whole. Rows open the partnership's review panel; the period selector, the
 * export and calendar buttons ask the host.
 */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '../shared/base.css';
import './overview.css';
import { isOverviewHostMessage } from '../../src/protocol/overview';
import type { OverviewData } from '../../src/protocol/overview';
import { startPage } from '../shared/panel';
import { render } from './render';
import { post, saveState, state } from './state';

const page = startPage({ state, saveState });

function show(data: OverviewData): void {
  page.show(() => render(data, page.banner));
  const period = { kind: data.kind, ...data.period };
  if (JSON.stringify(state.period) !== JSON.stringify(period)) {
    state.period = period;
    saveState();
  }
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const message = event.data;
  if (!isOverviewHostMessage(message)) return;
  if (message.type === 'data') {
    show(message.data);
    // Painted: the host's message is on screen (what the speed test measures up to).
    performance.mark('overview-painted');
    return;
  }
  page.showError(message.message);
});

post(state.period ? { type: 'ready', period: state.period } : { type: 'ready' });
