/** Checks that Markdown for a pull request comment renders as plain text, on hostile values. */
import * as assert from 'assert/strict';
import { COMMENT_MARKER } from '../../../src/core/review/prComment';

// markdown-it with raw HTML and linkify on: stricter than GitHub (it also links bare domains).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const MarkdownIt = require('markdown-it') as new (options: Record<string, unknown>) => { render(src: string): string };
export const md = new MarkdownIt({ html: true, linkify: true });

/** Values that would become markup, links, mentions or references if written as they are. */
export const HOSTILE = [
  '@octocat please look',
  'Fixes #12 and owner/repo#3, GH-4, !5, ~bug, %v1, &7, $8',
  'deadbeefcafe1234 and 1a2b3c4 and DEADBEEF00',
  'see https://evil.example/x?a=1 or www.evil.com or evil.com or mail a@b.co',
  '<img src=x onerror=alert(1)><script>alert(1)</script><b>bold</b>',
  '![pixel](https://evil.example/p.png) [click](javascript:alert(1)) <https://evil.example>',
  '# heading',
  '- item',
  '1. item',
  '> quote',
  '| a | b |',
  '`code` **bold** _em_ ~~strike~~ $x$',
  '&lt;b&gt; &#64;octocat',
  '[x]: https://evil.example',
  'line\nbreak\r\n::error::forged',
  '\u202eevil\u202c',
];

/** Tags markdown-it may produce for the comment; anything else (a, img, script, b, …) fails. */
const ALLOWED_TAGS = new Set(['p', 'h3', 'h4', 'ul', 'li', 'code', 'hr']);

export function assertInert(markdown: string): void {
  const html = md.render(markdown);
  const tags = [...html.matchAll(/<\/?([a-z][a-z0-9]*)/gi)].map((m) => m[1].toLowerCase());
  for (const tag of tags) assert.ok(ALLOWED_TAGS.has(tag), `<${tag}> in ${html}`);
  const comments = html.match(/<!--[\s\S]*?-->/g) ?? [];
  assert.ok(comments.every((c) => c === COMMENT_MARKER), `only the marker is a comment: ${comments.join(' ')}`);
  // What GitHub and GitLab would turn into references after rendering.
  const text = html.replace(/<code>[\s\S]*?<\/code>/g, '').replace(/<[^>]+>/g, ' ')
    .replace(/&(lt|gt|quot|amp);/g, (_, e: string) => ({ lt: '<', gt: '>', quot: '"', amp: '&' })[e] ?? '');
  assert.doesNotMatch(text, /(^|[^\w])[@#!~%$&^][\w]/, 'no @mention, #issue or other reference');
  assert.doesNotMatch(text, /\b[0-9a-f]{7,}\b/i, 'no commit SHA');
  assert.doesNotMatch(text, /:\/\/|\bwww\./i, 'no URL');
  assert.doesNotMatch(text, /\bgh-\d/i);
}

