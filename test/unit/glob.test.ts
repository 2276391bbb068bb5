import * as assert from 'assert/strict';
import { compileGlobs, globProblem, MAX_ALTERNATIVES } from '../../src/core/glob';
import { parseMentoring } from '../../src/core/file/parse';
import { prng } from './helpers/prng';

const matches = (pattern: string, path: string): boolean => compileGlobs([pattern])(path);

describe('globs', () => {
  const cases: [string, string, boolean][] = [
    ['src/**', 'src', true],
    ['src/**', 'src/a', true],
    ['src/**', 'src/a/b.ts', true],
    ['src/**', 'srcx/a', false],
    ['src/', 'src/a/b', true],
    ['./src/**', 'src/a', true],
    ['src', 'src/a', false],
    ['*.sql', 'b.sql', true],
    ['*.sql', 'a/b.sql', false],
    ['**/*.ts', 'a.ts', true],
    ['**/*.ts', 'x/y/a.ts', true],
    ['src/**/x', 'src/x', true],
    ['src/**/x', 'src/a/b/x', true],
    ['src/**/x', 'src/a/b/xy', false],
    ['a/**/b/**', 'a/b', true],
    ['a/**/b/**', 'a/c/b/d', true],
    ['**', '.git/config', true],
    ['*', '.env', true],
    ['src/*', 'src/.eslintrc', true],
    ['a*b', 'a/b', false],
    ['a**b', 'axxb', true],
    ['a**b', 'ax/xb', false],
    ['migrations/*payment*.sql', 'migrations/003_payment_refunds.sql', true],
    ['migrations/*payment*.sql', 'migrations/003_refunds.sql', false],
    ['{a,b}/c', 'b/c', true],
    ['a/{b,c/d}/e', 'a/c/d/e', true],
    ['a/{b,{c,d}}', 'a/d', true],
    ['a{,.txt}', 'a', true],
    ['a{,.txt}', 'a.txt', true],
    ['v{1..3}', 'v2', true],
    ['v{1..3}', 'v4', false],
    ['{a}', '{a}', true],
    ['[a-c]x', 'bx', true],
    ['[a-c]x', 'dx', false],
    ['[!a]x', 'ax', false],
    ['[!a]x', 'bx', true],
    ['[^a]x', 'bx', true],
    ['[/]', '/', false],
    ['a?c', 'abc', true],
    ['a?c', 'a/c', false],
    ['\\*x', '*x', true],
    ['\\*x', 'ax', false],
    ['[a', '[a', true],
    ['docs/Report (final).md', 'docs/Report (final).md', true],
    ['a//b', 'a/b', false],
  ];
  for (const [pattern, path, expected] of cases) {
    it(`${pattern} ${expected ? 'matches' : 'does not match'} ${path}`, () => assert.equal(matches(pattern, path), expected));
  }

  it('matches any of a list, and nothing for an empty list', () => {
    const m = compileGlobs(['src/parser/**', '*.md']);
    assert.equal(m('src/parser/a.ts'), true);
    assert.equal(m('README.md'), true);
    assert.equal(m('src/lexer/a.ts'), false);
    assert.equal(compileGlobs([])('a'), false);
  });

  it('says why a pattern matches nothing, and it then matches nothing', () => {
    for (const [pattern, why] of [
      ['@(a|b)', /extended globs/],
      ['src/!(x)', /extended globs/],
      ['!src/**', /leading '!'/],
      ['/src/**', /relative to the repository's root/],
      ['[[:alpha:]]', /\[a-zA-Z\]/],
      ['', /empty/],
      ['{a,b}{c,d}{e,f}{g,h}{i,j}{k,l}{m,n}', new RegExp(`more than ${MAX_ALTERNATIVES}`)],
      ['x'.repeat(1001), /longer than 1000/],
    ] as const) {
      assert.match(globProblem(pattern) ?? '', why, pattern);
      assert.equal(compileGlobs([pattern])('a'), false);
    }
    assert.equal(globProblem('src/**/*.ts'), undefined);
  });

  it('agrees with a plain backtracking matcher on random patterns and paths', () => {
    const random = prng(13);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
    const atoms = ['a', 'b', '.', '-', '*', '?', '**', '[ab]', '[!a]', '[a-b]', '{a,b}', '{,a}', 'ab'];
    let compared = 0;
    for (let i = 0; i < 3000; i++) {
      const pattern = Array.from({ length: 1 + Math.floor(random() * 4) }, () =>
        random() < 0.2 ? '**' : Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(atoms)).join(''),
      ).join('/');
      const m = compileGlobs([pattern]);
      for (let j = 0; j < 8; j++) {
        const path = Array.from({ length: 1 + Math.floor(random() * 3) }, () => Array.from({ length: 1 + Math.floor(random() * 4) }, () => pick(['a', 'b', '.', '-', 'x'])).join('')).join('/');
        assert.equal(m(path), reference(pattern, path), `${pattern} against ${path}`);
        compared++;
      }
    }
    assert.equal(compared, 24000);
  });

  it('matches a pattern made to backtrack against a long path at once', () => {
    // `?*?*…?*b` took picomatch minutes on a long name; here each piece is found once.
    const pattern = `${'?*'.repeat(40)}b`;
    const long = `src/${'a'.repeat(4000)}`;
    const name = 'a'.repeat(4000);
    const started = process.hrtime.bigint();
    for (let i = 0; i < 20; i++) {
      assert.equal(compileGlobs([pattern])(name), false);
      assert.equal(compileGlobs([`**/${pattern}`, `src/${'*a'.repeat(40)}*b`])(long), false);
      assert.equal(compileGlobs([`**/${'**/'.repeat(40)}x`])(`${'a/'.repeat(2000)}y`), false);
    }
    assert.equal(compileGlobs([pattern])(`${name}b`), true);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    assert.ok(ms < 5000, `took ${ms} ms`);
  });

  it('is checked by validation: a warning at the pattern that matches nothing', () => {
    const text = `version: 1
skills:
  - { id: web, paths: ["src/web/**", "@(a|b)"] }
partners:
  - { id: a, name: A }
  - { id: b, name: B }
partnerships:
  - { id: ab, members: [a, b], kind: mutual }
goals:
  - { id: g, partnership: ab, owner: a, title: T, status: active, paths: ["!src/**"] }
`;
    const problems = parseMentoring(text).problems.map((p) => [p.code, p.severity, p.range.start.line, p.range.start.col, p.message]);
    assert.deepEqual(problems, [
      ['invalid-glob', 'warning', 3, 38, 'the pattern "@(a|b)" matches nothing: extended globs such as @(a|b) or !(a) are not supported'],
      ['invalid-glob', 'warning', 10, 75, `the pattern "!src/**" matches nothing: a leading '!' (all paths but these) is not supported`],
    ]);
  });
});

/** Glob semantics written the slow, obvious way: braces expanded, `**` tried at every length, each segment as a regular expression. */
const regexes = new Map<string, RegExp>();

function reference(pattern: string, path: string): boolean {
  const expand = (p: string): string[] => {
    const m = /\{([^{}]*,[^{}]*)\}/.exec(p);
    if (!m) return [p];
    return m[1].split(',').flatMap((o) => expand(p.slice(0, m.index) + o + p.slice(m.index + m[0].length)));
  };
  const segRegex = (seg: string): RegExp => {
    const known = regexes.get(seg);
    if (known) return known;
    let re = '';
    for (let i = 0; i < seg.length; i++) {
      const c = seg[i];
      if (c === '*') re += '[^/]*';
      else if (c === '?') re += '[^/]';
      else if (c === '[') {
        const end = seg.indexOf(']', i + 2);
        const body = seg.slice(i + 1, end);
        re += body.startsWith('!') ? `[^/${body.slice(1)}]` : `[${body}]`;
        i = end;
      } else re += c.replace(/[.+^$()|\\-]/g, '\\$&');
    }
    const compiled = new RegExp(`^${re}$`);
    regexes.set(seg, compiled);
    return compiled;
  };
  const match = (segs: string[], parts: string[]): boolean => {
    if (!segs.length) return !parts.length;
    if (segs[0] === '**') return [...Array(parts.length + 1).keys()].some((k) => match(segs.slice(1), parts.slice(k)));
    return parts.length > 0 && segRegex(segs[0]).test(parts[0]) && match(segs.slice(1), parts.slice(1));
  };
  return expand(pattern.replace(/^\.\//, '')).some((p) => match(p.split('/'), path.split('/')));
}
