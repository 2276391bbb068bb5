import assert from 'node:assert/strict';
import { buildReviewHtml, makeNonce, reviewCsp } from '../../src/vscode/review/reviewHtml';

const base = {
  cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
  nonce: 'abc123+/=',
  scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview.js',
  styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview.css',
};

describe('review panel HTML', () => {
  it('sets the strict CSP: scripts by nonce only, styles and fonts from the extension', () => {
    const html = buildReviewHtml(base);
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1];
    assert.equal(
      csp,
      "default-src 'none'; script-src 'nonce-abc123+/='; style-src https://file+.vscode-resource.vscode-cdn.net; " +
        'font-src https://file+.vscode-resource.vscode-cdn.net; img-src https://file+.vscode-resource.vscode-cdn.net data:',
    );
    assert.equal(reviewCsp(base.cspSource, 'n').includes("'unsafe-inline'"), false);
  });

  it('loads the one script with the nonce and the stylesheet', () => {
    const html = buildReviewHtml(base);
    assert.deepEqual(html.match(/<script[^>]*>/g), [`<script nonce="abc123+/=" src="${base.scriptUri}">`]);
    assert.ok(html.includes(`<link rel="stylesheet" href="${base.styleUri}">`));
    assert.equal(html.includes('vscode-codicon-stylesheet'), false);
    assert.equal(/style=|<style/.test(html), false);
  });

  it('links codicons under the id the icon element looks for', () => {
    const html = buildReviewHtml({ ...base, codiconsUri: 'https://x/codicon.css' });
    assert.ok(html.includes('<link id="vscode-codicon-stylesheet" rel="stylesheet" href="https://x/codicon.css">'));
  });

  it('escapes URIs into attributes', () => {
    const html = buildReviewHtml({ ...base, styleUri: 'https://x/a"><script>alert(1)</script>.css' });
    assert.ok(html.includes('href="https://x/a&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;.css"'));
    assert.equal(html.match(/<script/g)?.length, 1);
  });

  it('refuses a nonce or CSP source that would break out of the policy', () => {
    assert.throws(() => buildReviewHtml({ ...base, nonce: "x' 'unsafe-inline" }), /nonce/);
    assert.throws(() => buildReviewHtml({ ...base, cspSource: "https://a; script-src 'unsafe-inline'" }), /CSP source/);
    assert.throws(() => buildReviewHtml({ ...base, cspSource: ' ' }), /CSP source/);
    assert.throws(() => buildReviewHtml({ ...base, cspSource: "https://a 'unsafe-inline'" }), /CSP source/);
  });

  it('takes the several sources VS Code for the Web gives as cspSource', () => {
    const html = buildReviewHtml({ ...base, cspSource: "'self'  https://*.vscode-cdn.net" });
    assert.match(html, /style-src 'self' https:\/\/\*\.vscode-cdn\.net; font-src 'self' https:\/\/\*\.vscode-cdn\.net; img-src 'self' https:\/\/\*\.vscode-cdn\.net data:"/);
  });

  it('makes a fresh base64 nonce of 128 bits each time', () => {
    const a = makeNonce();
    assert.match(a, /^[A-Za-z0-9+/]{22}==$/);
    assert.notEqual(makeNonce(), a);
  });
});
