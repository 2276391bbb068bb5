/**
 * The goal review panel's HTML shell. Free of `vscode` imports so it can be tested in plain Node and
 * in a browser: the host passes `webview.cspSource` and `webview.asWebviewUri(...)` strings in.
 */
import { randomBytes } from 'crypto';

export interface ReviewHtmlOptions {
  /** `webview.cspSource`. */
  cspSource: string;
  /** From `makeNonce()`: a fresh one for every HTML the panel gets. */
  nonce: string;
  /** dist/webview.js as a webview URI. */
  scriptUri: string;
  /** dist/webview.css as a webview URI. */
  styleUri: string;
  /** codicon.css as a webview URI, for icons (`vscode-icon`); optional. */
  codiconsUri?: string;
  /** The page's title and the line shown until the data arrives (the review panel's by default). */
  title?: string;
  loading?: string;
}

/** A nonce for the page's one script tag: 128 random bits, base64. */
export function makeNonce(): string {
  return randomBytes(16).toString('base64');
}

const escapeHtml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const escapeAttr = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The Content-Security-Policy of the panel: no inline style or script, scripts by nonce only. */
export function reviewCsp(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `img-src ${cspSource} data:`,
  ].join('; ');
}

/**
 * `webview.cspSource` as source expressions: one host source on the desktop, several in VS Code for
 * the Web (`'self' https://*.vscode-cdn.net`). Anything that could widen the policy is refused.
 */
function cspSources(cspSource: string): string {
  const sources = cspSource.trim().split(/\s+/).filter(Boolean);
  if (!sources.length || sources.some((s) => s !== "'self'" && /[;,'"]/.test(s))) throw new Error(`not a CSP source: ${cspSource}`);
  return sources.join(' ');
}

export function buildReviewHtml(o: ReviewHtmlOptions): string {
  if (!/^[A-Za-z0-9+/=]+$/.test(o.nonce)) throw new Error('the nonce must be base64 text');
  const sources = cspSources(o.cspSource);
  const codicons = o.codiconsUri
    ? `\n<link id="vscode-codicon-stylesheet" rel="stylesheet" href="${escapeAttr(o.codiconsUri)}">`
    : '';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttr(reviewCsp(sources, o.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeAttr(o.styleUri)}">${codicons}
<title>${escapeHtml(o.title ?? 'Goal review')}</title>
</head>
<body>
<main id="app" aria-busy="true"><p class="loading">${escapeHtml(o.loading ?? 'Loading the review…')}</p></main>
<script nonce="${o.nonce}" src="${escapeAttr(o.scriptUri)}"></script>
</body>
</html>
`;
}
