/**
 * What both panels do on start: find the page's root, keep one alert banner for the host's errors,
 * render the host's data whole (keeping focus, and on the first render going back to where the
 * reader had scrolled), and save the scroll position as the reader scrolls.
 */
import type { HostLink, ScrollState } from './host';

export interface PanelPage {
  app: HTMLElement;
  /** The alert banner: a panel places it in what it renders. */
  banner: HTMLElement;
  /** Hides the banner and puts what `build` makes in place of the page's content. */
  show(build: () => Node[]): void;
  /** Shows the host's error in the banner (alone, when nothing was rendered yet). */
  showError(message: string): void;
}

export function startPage(link: Pick<HostLink<unknown, ScrollState>, 'state' | 'saveState'>): PanelPage {
  const { state, saveState } = link;
  const app = document.getElementById('app') ?? document.body.appendChild(document.createElement('main'));
  const banner = document.createElement('div');
  banner.className = 'banner';
  banner.setAttribute('role', 'alert');
  banner.hidden = true;
  let rendered = false;

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

  return {
    app,
    banner,
    show(build) {
      banner.hidden = true;
      const focused = document.activeElement?.id;
      app.replaceChildren(...build());
      app.setAttribute('aria-busy', 'false');
      if (focused) document.getElementById(focused)?.focus();
      if (!rendered) {
        rendered = true;
        // Let the custom elements lay out before scrolling back to where the reader was.
        requestAnimationFrame(() => window.scrollTo(0, state.scrollY));
      }
    },
    showError(message) {
      banner.textContent = message;
      banner.hidden = false;
      if (!banner.isConnected) app.replaceChildren(banner);
    },
  };
}
