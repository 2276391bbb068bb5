import * as assert from 'assert/strict';
import { prText } from '../../src/core/review';
import { hasControls, inert, mdLines, mdText, oneLine, plain, quote, safeLines } from '../../src/core/text';

// markdown-it renders Markdown as VS Code's preview does (links and autolinks on).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const MarkdownIt = require('markdown-it') as new (options: Record<string, unknown>) => { render(src: string): string };

const ZWSP = '\u200b';

describe('untrusted text', () => {
  it('oneLine escapes every control, separator and bidi character, and nothing else', () => {
    assert.equal(oneLine('Bob\n::error file=x::forged'), 'Bob\\n::error file=x::forged');
    assert.equal(oneLine('a\r\nb\tc'), 'a\\r\\nb\\tc');
    assert.equal(oneLine('\x1b[31mred\x1b[0m'), '\\x1b[31mred\\x1b[0m');
    assert.equal(oneLine('\x7f\x85\u2028\u2029'), '\\x7f\\x85\\u2028\\u2029');
    assert.equal(oneLine('admin\u202e\u2066txt.exe'), 'admin\\u202e\\u2066txt.exe');
    assert.equal(oneLine('\ufeffbom'), '\\ufeffbom');
    const ordinary = 'Zoë Łukasz 李雷 — naïve "quotes" \\ back $(x) [a](b) 🙂';
    assert.equal(oneLine(ordinary), ordinary);
    assert.equal(hasControls(ordinary), false);
    assert.equal(hasControls('a\u0000b'), true);
    assert.equal(hasControls('a\u0000b'), true, 'no state kept between calls');
  });

  it('safeLines leaves no line a CI runner reads as a workflow command', () => {
    // GitHub Actions reads `::command::` at the start of a line (after blanks) and `##[command]` anywhere in it.
    assert.equal(safeLines('::error file=a.ts,line=1::forged:1\n  ::warning::x\nok :: fine'), '\\u003a:error file=a.ts,line=1::forged:1\n  \\u003a:warning::x\nok :: fine');
    assert.equal(safeLines('key "##[error]forged" and ##[warning]x'), 'key "##\\u005berror]forged" and ##\\u005bwarning]x');
    assert.equal(safeLines('{\n  "k": "##[error]x"\n}'), '{\n  "k": "##\\u005berror]x"\n}');
    assert.deepEqual(JSON.parse(safeLines(JSON.stringify({ k: '##[error]x' }))), { k: '##[error]x' }, 'JSON stays JSON, with the same data');
    const once = safeLines('::error::a ##[error]b\x1b');
    assert.equal(safeLines(once), once);
  });

  it('quote delimits a value unambiguously', () => {
    assert.equal(quote('bob'), '"bob"');
    assert.equal(quote('say "hi"\\'), '"say \\"hi\\"\\\\"');
    assert.equal(quote('two\nlines'), '"two\\nlines"');
  });

  it('plain defuses icon syntax and links and keeps to one line', () => {
    assert.equal(plain('$(bug) Bob'), `$${ZWSP}(bug) Bob`);
    const link = plain('Bob [settings](command:workbench.action.openSettings)');
    assert.equal(link, `Bob [settings]${ZWSP}(command:workbench.action.openSettings)`);
    assert.doesNotMatch(link, /\]\(/);
    assert.equal(plain('a\nb'), 'a\\nb');
    assert.equal(plain('Dollar $ and (parens) and [brackets]'), 'Dollar $ and (parens) and [brackets]');
  });

  it('inert keeps line breaks but nothing else that could act', () => {
    assert.equal(inert('first\r\nsecond\n$(zap)'), `first\nsecond\n$${ZWSP}(zap)`);
    assert.equal(inert('bell\x07'), 'bell\\x07');
    assert.equal(inert('lone\rCR'), 'lone\\rCR');
  });

  it('plain, inert and oneLine are idempotent', () => {
    const nasty = 'x $(bug) [a](command:b) \n\x1b \u202e';
    for (const f of [plain, inert, oneLine]) assert.equal(f(f(nasty)), f(nasty), f.name);
  });

  it('mdText leaves no markup, link or autolink', () => {
    assert.equal(mdText('[click](command:x)'), '\\[click\\]\\(command:x\\)');
    assert.equal(mdText('**bold** _em_ `code` <b>html</b>'), '\\*\\*bold\\*\\* \\_em\\_ \\`code\\` \\<b\\>html\\</b\\>');
    assert.equal(mdText('see https://evil.example/x'), 'see https\\:\\//evil\\.example/x');
    assert.equal(mdText('www.evil.example'), 'www\\.evil\\.example');
    assert.equal(mdText('mail bob@example.com'), 'mail bob\\@example\\.com');
    assert.equal(mdText('$(bug) $x^2$'), '\\$\\(bug\\) \\$x^2\\$');
    assert.equal(mdText('a | b ~~c~~'), 'a \\| b \\~\\~c\\~\\~');
    assert.equal(mdText('line\nbreak'), 'line\\\\nbreak', 'the escaped newline is shown, not a line break');
    assert.equal(mdText('Fix #12. Then ship - done'), 'Fix #12. Then ship - done', 'ordinary text stays readable');
  });

  it('mdText leaves no link that markdown-it with linkify (VS Code\'s preview) finds: //host, www., bare domains, e-mail addresses', () => {
    const md = new MarkdownIt({ linkify: true });
    const hostile = [
      '//localhost/etc/passwd', 'see //evil.example/x', '///evil.example', 'www.evil.example', 'WWW.EVIL.EXAMPLE', 'evil.com', 'README.md',
      'a.b.co.uk/path', 'xn--80ak6aa92e.com', 'é.com', 'example.中国', 'evil.com.', 'mail bob@evil.com', 'mailto:bob@evil.com', 'user@localhost',
      'http://x.org/a', 'ftp://x.org', 'https:evil.com', '//127.0.0.1:8080', '127.0.0.1', 'localhost:8080/x', 'git@github.com:a/b',
      'Fix in v1.2.3 (see docs.example.io/page?q=1#top)', '<https://evil.example>', '[x](//evil.example)',
    ];
    for (const text of hostile) {
      // A pull request comment's text too (GitHub's own autolinks are broken there besides).
      assert.doesNotMatch(md.render(`Subject: ${prText(text)}\n`), /<a\b/, `${text} → ${prText(text)}`);
      const html = md.render(`Subject: ${mdText(text)}\n`);
      assert.doesNotMatch(html, /<a\b/, `${text} → ${mdText(text)} → ${html}`);
      // Shown as typed.
      const shown = html.replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').replace(/&quot;/g, '"').trim();
      assert.equal(shown, `Subject: ${text}`);
    }
  });

  it('mdText escapes what would start a block at the start of a line', () => {
    assert.equal(mdText('# heading'), '\\# heading');
    assert.equal(mdText('- item'), '\\- item');
    assert.equal(mdText('+ item'), '\\+ item');
    assert.equal(mdText('1. item'), '1\\. item');
    assert.equal(mdText('12) item'), '12\\) item');
    assert.equal(mdText('> quote'), '\\> quote');
    assert.equal(mdText('=== setext'), '\\=== setext');
  });

  it('mdLines escapes each line of a note and prefixes it', () => {
    assert.deepEqual(mdLines('first *line*\r\n- second\n\n', '> '), ['> first \\*line\\*', '> \\- second']);
    assert.deepEqual(mdLines('one'), ['one']);
  });
});
