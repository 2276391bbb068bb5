/**
 * Runs the built panel (dist/webview.js + dist/webview.css) in headless Chromium, in a page whose
 * HTML comes from buildReviewHtml (so the real CSP applies), served from 127.0.0.1. A stand-in
 * `acquireVsCodeApi` records what the panel posts and keeps its state in sessionStorage, so state
 * survives a reload the way VS Code keeps it.
 */
import * as fs from 'fs';
import * as http from 'http';
import type { AddressInfo } from 'net';
import * as path from 'path';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { HostToWebview } from '../../src/protocol/review';
import { buildReviewHtml, makeNonce } from '../../src/vscode/review/reviewHtml';
import { THEMES } from './themes';
import type { Theme, ThemeName } from './themes';

declare global {
  interface Window {
    __posted: unknown[];
    __violations: string[];
    __xss?: number;
  }
}

const root = path.resolve(__dirname, '../../..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { findChromium } = require(path.join(root, 'scripts', 'preflight.js')) as { findChromium(): string | undefined };
const files: Record<string, [string, string]> = {
  '/dist/webview.js': ['dist/webview.js', 'text/javascript'],
  '/dist/webview.css': ['dist/webview.css', 'text/css'],
  '/dist/overview.js': ['dist/overview.js', 'text/javascript'],
  '/dist/overview.css': ['dist/overview.css', 'text/css'],
};

/** The panels the harness can show: the goal review (`/`) and the Team Overview (`/?panel=overview`). */
export type PanelName = 'review' | 'overview';
const BUNDLES: Record<PanelName, { script: string; style: string; title?: string; loading?: string }> = {
  review: { script: 'webview.js', style: 'webview.css' },
  overview: { script: 'overview.js', style: 'overview.css', title: 'Team overview', loading: 'Loading the overview…' },
};

export const OUTPUT_DIR = path.join(root, 'test', '.output');

/** Runs before any page script: the stand-in VS Code API, CSP violation capture, the theme. */
function initPage(theme: Theme): void {
  window.__posted = [];
  window.__violations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__violations.push(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'}`);
  });
  let acquired = false;
  Object.assign(window, {
    acquireVsCodeApi() {
      if (acquired) throw new Error('An instance of the VS Code API has already been acquired');
      acquired = true;
      return {
        postMessage: (m: unknown) => window.__posted.push(structuredClone(m)),
        getState: () => {
          const s = sessionStorage.getItem('vscode-state');
          return s === null ? undefined : JSON.parse(s);
        },
        setState: (s: unknown) => sessionStorage.setItem('vscode-state', JSON.stringify(s)),
      };
    },
  });
  document.addEventListener('DOMContentLoaded', () => {
    for (const [k, v] of Object.entries(theme.vars)) document.documentElement.style.setProperty(`--vscode-${k}`, v);
    document.body.classList.add(theme.bodyClass);
  });
}

/** Switches theme the way VS Code does on a live webview: new variables and body class. */
function switchTheme({ theme, all }: { theme: Theme; all: string[] }): void {
  document.body.classList.remove(...all);
  document.body.classList.add(theme.bodyClass);
  for (const [k, v] of Object.entries(theme.vars)) document.documentElement.style.setProperty(`--vscode-${k}`, v);
}

export interface Panel {
  page: Page;
  /** Console errors and warnings, page errors and CSP violations seen so far. */
  problems(): Promise<string[]>;
  posted(): Promise<unknown[]>;
  send(message: HostToWebview): Promise<void>;
  theme(name: ThemeName): Promise<void>;
  close(): Promise<void>;
}

export class Harness {
  private constructor(
    private readonly server: http.Server,
    private readonly browser: Browser,
    readonly origin: string,
  ) {}

  static async start(): Promise<Harness> {
    for (const [, [file]] of Object.entries(files)) {
      if (!fs.existsSync(path.join(root, file))) throw new Error(`${file} is missing: run \`node esbuild.js\` first`);
    }
    const server = http.createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      if (url.pathname === '/') {
        const bundle = BUNDLES[url.searchParams.get('panel') === 'overview' ? 'overview' : 'review'];
        const html = buildReviewHtml({
          cspSource: origin,
          nonce: makeNonce(),
          scriptUri: `${origin}/dist/${bundle.script}`,
          styleUri: `${origin}/dist/${bundle.style}`,
          title: bundle.title,
          loading: bundle.loading,
        });
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(html);
        return;
      }
      const file = files[url.pathname];
      if (url.pathname === '/favicon.ico') {
        res.writeHead(204).end();
        return;
      }
      if (!file) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': file[1], 'cache-control': 'no-store' }).end(fs.readFileSync(path.join(root, file[0])));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    let browser: Browser;
    try {
      browser = await chromium.launch({
        executablePath: findChromium() ?? '/usr/bin/chromium',
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
        timeout: 15_000,
      });
    } catch (e) {
      server.close();
      throw e;
    }
    return new Harness(server, browser, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  }

  /** A fresh page showing a panel (the goal review unless told), before any host message. */
  async open(themeName: ThemeName = 'dark', options: { panel?: PanelName; width?: number } = {}): Promise<Panel> {
    const context: BrowserContext = await this.browser.newContext({ viewport: { width: options.width ?? 960, height: 900 } });
    context.setDefaultTimeout(5_000);
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.stack ?? e.message}`));
    page.on('response', (r) => {
      if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
    });
    await page.addInitScript(initPage, THEMES[themeName]);
    await page.goto(`${this.origin}/${options.panel === 'overview' ? '?panel=overview' : ''}`);
    await page.waitForFunction(() => window.__posted.length > 0);
    return {
      page,
      posted: () => page.evaluate(() => window.__posted),
      send: (message) => page.evaluate((m) => window.postMessage(m, '*'), message),
      theme: (name) => page.evaluate(switchTheme, { theme: THEMES[name], all: Object.values(THEMES).map((t) => t.bodyClass) }),
      problems: async () => [...problems, ...(await page.evaluate(() => window.__violations)).map((v) => `CSP violation: ${v}`)],
      close: () => context.close(),
    };
  }

  async close(): Promise<void> {
    await this.browser.close();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
