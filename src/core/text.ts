/**
 * Untrusted text made inert for the place it is shown. Anything that comes from a mentoring file or
 * from git (names, titles, notes, prompts, paths, author names, commit subjects) is untrusted: a pull
 * request can put `[x](command:…)` links, `$(icon)` syntax, Markdown, newlines, ANSI escape sequences
 * or bidirectional overrides into it. Each function takes ONE untrusted value; the caller's own
 * markup (a `$(calendar)` icon of ours, the newlines between tooltip lines, Markdown around the value)
 * stays outside the call.
 *
 * | where the text goes                                              | function      |
 * | ---------------------------------------------------------------- | ------------- |
 * | tree labels and descriptions, status bar text, quick pick items, | {@link plain} |
 * | CodeLens titles, notifications, input box prompts, Problems      |               |
 * | plain-text tooltips and details that keep the value's newlines   | {@link inert} |
 * | Markdown we generate (agenda, hovers, MarkdownString)            | {@link mdText}|
 * | CLI output and messages (terminal, CI logs)                       | {@link oneLine} / {@link quote} |
 *
 * {@link plain}, {@link inert} and {@link oneLine} are idempotent, so a value that has already been
 * made safe may pass through them again (the view-row mapping applies them once more at the sink).
 */

/**
 * Characters that must never reach a terminal, a log line or a single-line label as they are: C0 and
 * C1 controls, DEL, the line and paragraph separators, and the bidirectional marks and overrides that
 * make text read differently from what it is ("Trojan Source").
 */
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;
// eslint-disable-next-line no-control-regex
const CONTROLS_BUT_NEWLINE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeControl(c: string): string {
  const named = NAMED[c];
  if (named) return named;
  const code = c.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** True when `s` holds a character {@link oneLine} would escape. */
export function hasControls(s: string): boolean {
  CONTROLS.lastIndex = 0;
  return CONTROLS.test(s);
}

/**
 * One line of text with every control character written as an escape (`\n`, `\t`, `\x1b`, `\u202e`):
 * for CLI output, logs and any single-line place. A value can then never start a new output line (a
 * forged `::error` annotation or `file:line:col` problem) nor drive the terminal.
 */
export function oneLine(s: string): string {
  return s.replace(CONTROLS, escapeControl);
}

/**
 * Text of several lines (a command's whole output): each line as {@link oneLine}, so only the line
 * feeds between lines remain, and no line a CI runner reads as a workflow command: GitHub Actions
 * takes `::command::` at the start of a line (after blanks) and the older `##[command]` anywhere in
 * it, so a value that starts a line (a changed file's path) or holds `##[` would otherwise raise an
 * annotation. Their first colon or bracket is written as a `\u003a` or `\u005b` escape, which JSON
 * reads as the same character. The last guard before a terminal or CI log; values must still be
 * escaped where they are put into a line, or a value's own line break would pass as one of ours.
 */
export function safeLines(s: string): string {
  return s
    .split('\n')
    .map((line) =>
      oneLine(line)
        .replace(/^(\s*):(?=:)/, '$1\\u003a')
        .replace(/##\[/g, '##\\u005b'),
    )
    .join('\n');
}

/**
 * `value` as JSON (indented by two spaces) that a terminal shows as it is: besides what JSON itself
 * escapes, DEL, the C1 controls, the line and paragraph separators and the bidirectional marks are
 * written as `\uXXXX` escapes. Still valid JSON, with the same data.
 */
export function jsonText(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(JSON_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const JSON_UNSAFE = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;

/**
 * A value quoted for a message (`unknown partner "bob"`): double quotes, with backslashes, quotes and
 * control characters escaped, so where the value starts and ends is never in doubt.
 */
export function quote(s: string): string {
  return `"${s.replace(/["\\]/g, '\\$&').replace(CONTROLS, escapeControl)}"`;
}

/** A zero-width space: splits the two characters of a syntax marker without showing anything. */
const ZWSP = '\u200b';

/** `$(` starts icon syntax in VS Code labels; `](` joins a Markdown link's text to its target. */
function defuse(s: string): string {
  return s.replace(/\$\(/g, () => `$${ZWSP}(`).replace(/\]\(/g, () => `]${ZWSP}(`);
}

/**
 * A value for VS Code UI text that VS Code interprets: `$(icon)` syntax (tree, status bar, quick picks,
 * CodeLens) and `[text](command:…)` links (notifications). Both markers are split by a zero-width space,
 * which shows nothing and works whatever the place renders; control characters are escaped as in
 * {@link oneLine}, so the value stays on one line.
 */
export function plain(s: string): string {
  return defuse(oneLine(s));
}

/**
 * As {@link plain}, but keeps the value's own line breaks (`\n`, with `\r\n` read as one): for plain-text
 * tooltips and details that show a multi-line note.
 */
export function inert(s: string): string {
  return defuse(s.replace(/\r\n/g, '\n').replace(CONTROLS_BUT_NEWLINE, escapeControl));
}

/**
 * A value as literal text inside Markdown we generate, on one line: every character that could start
 * markup (emphasis, code, links, images, HTML, tables, strike-through, math, `$(icon)`) is
 * backslash-escaped, as are the ones that make a list, heading or quote at the start of a line, and
 * control characters are escaped as in {@link oneLine}. No autolink survives either: a Markdown
 * renderer that finds links in plain text (markdown-it with `linkify`, as VS Code's preview; GitHub)
 * looks within one run of text, and an escaped character ends the run, so `:` in `://`, `/` in
 * `//host`, `@` in an address and every `.` followed by a letter or digit (`www.`, `evil.com`,
 * `127.0.0.1`) are escaped: `evil.com` is written `evil\.com` and shown as `evil.com`, not linked.
 * Not idempotent: apply it once, where the Markdown is assembled.
 */
export function mdText(s: string): string {
  return oneLine(s)
    .replace(/[\\`*_{}[\]()<>!|~$&@]/g, '\\$&')
    .replace(/:\/\//g, '\\://')
    .replace(/\/(?=\/)/g, '\\/')
    .replace(/\.(?=[\p{L}\p{N}])/gu, '\\.')
    .replace(/^( *)([-+=#]|\d+[.)])/, (_, indent: string, marker: string) => `${indent}${marker.slice(0, -1)}\\${marker.slice(-1)}`);
}

/**
 * Multi-line untrusted text (a session's notes) as Markdown lines, each prefixed with `prefix` (for
 * example `> ` for a quote): every line goes through {@link mdText}, so nothing in it becomes markup.
 */
export function mdLines(s: string, prefix = ''): string[] {
  return s
    .replace(/\r\n?/g, '\n')
    .replace(/\n+$/, '')
    .split('\n')
    .map((line) => `${prefix}${mdText(line)}`.trimEnd());
}
