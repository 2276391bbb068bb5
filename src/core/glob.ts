/**
 * Path globs as the mentoring file writes them (`src/parser/**`, `*.sql`, `migrations/*payment*.sql`),
 * matched against repository-relative paths with forward slashes.
 *
 * The syntax: `*` (any characters but `/`), `?` (one character but `/`), `**` as a whole segment (any
 * number of folders, none included), `[abc]`, `[a-z]`, `[!a]` or `[^a]` (one character of a class),
 * `{a,b}` and `{1..3}` (alternatives, nested, at most {@link MAX_ALTERNATIVES}), `\` before a
 * character to mean it literally. A pattern ending in `/` means everything below that folder; a
 * leading `./` is dropped. Dot files are matched like any other.
 *
 * Patterns come from a file anyone can change in a pull request, so matching never backtracks: a
 * pattern is split into segments and each segment into fixed-length pieces between stars; pieces are
 * found leftmost-first and segment pairs are remembered, so a match costs at most the pattern's length
 * times the path's length (`?*?*?*…b` against a long name is as fast as `*b`). Patterns this matcher
 * does not read (extglobs such as `@(a|b)`, a leading `!`, POSIX classes) match nothing, and
 * {@link globProblem} says why, for validation to report at the pattern.
 */

export type PathMatcher = (path: string) => boolean;

/** Brace alternatives one pattern may expand to. */
export const MAX_ALTERNATIVES = 64;
/** The longest pattern read (longer ones match nothing). */
export const MAX_PATTERN_LENGTH = 1000;
/** Paths longer than this never match (no file system keeps them). */
const MAX_PATH_LENGTH = 4096;

const cache = new Map<string, PathMatcher>();

/** A matcher for any of `patterns`; an empty list matches nothing. A bare directory `src/x/` means `src/x/**`. */
export function compileGlobs(patterns: readonly string[]): PathMatcher {
  const key = patterns.join('\0');
  let m = cache.get(key);
  if (!m) {
    const compiled = patterns.map(compile).filter((c): c is CompiledPattern => c !== undefined);
    m = compiled.length ? (path) => path.length <= MAX_PATH_LENGTH && compiled.some((c) => c(path)) : () => false;
    if (cache.size > 500) cache.clear();
    cache.set(key, m);
  }
  return m;
}

/** Forward slashes, no leading `./`. */
export function normalizePath(path: string): string {
  return path.replace(/\\/g, '/').replace(/^\.\//, '');
}

/** Why `pattern` matches nothing, for a warning at the pattern; undefined when it is read. */
export function globProblem(pattern: string): string | undefined {
  const r = parse(pattern);
  return 'problem' in r ? r.problem : undefined;
}

// ---------------------------------------------------------------------------------------------
// Parsing

/** One character of a piece: a literal, `?` (any but `/`), or a class. */
type Atom = string | { any: true } | { ranges: [number, number][]; negated: boolean };
/** A segment: pieces of fixed length with a star between each two (`a*b?c` → [[a], [b, ?, c]]). */
interface Segment {
  pieces: Atom[][];
}
type Glob = (Segment | 'globstar')[];
type CompiledPattern = (path: string) => boolean;

function compile(pattern: string): CompiledPattern | undefined {
  const r = parse(pattern);
  if ('problem' in r) return undefined;
  const matchers = r.globs.map(matcherOf);
  return matchers.length === 1 ? matchers[0] : (path) => matchers.some((m) => m(path));
}

function parse(raw: string): { globs: Glob[] } | { problem: string } {
  if (raw.length > MAX_PATTERN_LENGTH) return { problem: `the pattern is longer than ${MAX_PATTERN_LENGTH} characters` };
  let pattern = raw.replace(/^\.\//, '');
  if (pattern.endsWith('/')) pattern += '**';
  if (pattern === '') return { problem: 'the pattern is empty' };
  if (pattern.startsWith('/')) return { problem: "paths are relative to the repository's root: remove the leading '/'" };
  if (pattern.startsWith('!')) return { problem: "a leading '!' (all paths but these) is not supported" };
  if (/(?:^|[^\\])[@!+*?]\(/.test(pattern)) return { problem: 'extended globs such as @(a|b) or !(a) are not supported' };
  if (/\[\[?:[a-z]+:\]/.test(pattern)) return { problem: 'character classes such as [[:alpha:]] are not supported; write [a-zA-Z]' };
  const expanded = expandBraces(pattern);
  if (!expanded) return { problem: `the pattern's {…} alternatives make more than ${MAX_ALTERNATIVES} patterns` };
  return { globs: expanded.map(parseGlob) };
}

/** The pattern with its `{a,b}` and `{1..3}` alternatives written out; undefined past the limit. */
function expandBraces(pattern: string): string[] | undefined {
  const group = findBraces(pattern);
  if (!group) return [pattern];
  const [open, close, options] = group;
  const out: string[] = [];
  for (const option of options) {
    const rest = expandBraces(pattern.slice(0, open) + option + pattern.slice(close + 1));
    if (!rest) return undefined;
    out.push(...rest);
    if (out.length > MAX_ALTERNATIVES) return undefined;
  }
  return out;
}

/**
 * The first `{…}` group with alternatives (a top-level comma, or a `x..y` range) and its options; a
 * group without any (`{a}`) is literal text, as are unbalanced braces.
 */
function findBraces(p: string): [number, number, string[]] | undefined {
  for (let i = 0; i < p.length; i++) {
    if (p[i] === '\\') {
      i++;
      continue;
    }
    if (p[i] !== '{') continue;
    let depth = 0;
    const commas: number[] = [];
    for (let j = i; j < p.length; j++) {
      const c = p[j];
      if (c === '\\') j++;
      else if (c === '{') depth++;
      else if (c === ',' && depth === 1) commas.push(j);
      else if (c === '}' && --depth === 0) {
        const inner = p.slice(i + 1, j);
        if (commas.length) {
          const options: string[] = [];
          let from = i + 1;
          for (const c2 of [...commas, j]) {
            options.push(p.slice(from, c2));
            from = c2 + 1;
          }
          return [i, j, options];
        }
        const range = rangeOptions(inner);
        if (range) return [i, j, range];
        break; // `{a}`: literal; look for a later group
      }
    }
  }
  return undefined;
}

/** `1..3` → 1, 2, 3; `a..c` → a, b, c (at most one more than the limit, so that it is refused). */
function rangeOptions(inner: string): string[] | undefined {
  const m = /^(-?\d+)\.\.(-?\d+)$/.exec(inner) ?? /^([a-zA-Z])\.\.([a-zA-Z])$/.exec(inner);
  if (!m) return undefined;
  const numeric = /\d/.test(m[1]);
  const a = numeric ? Number(m[1]) : m[1].charCodeAt(0);
  const b = numeric ? Number(m[2]) : m[2].charCodeAt(0);
  const step = a <= b ? 1 : -1;
  const out: string[] = [];
  for (let v = a; out.length <= MAX_ALTERNATIVES; v += step) {
    out.push(numeric ? String(v) : String.fromCharCode(v));
    if (v === b) break;
  }
  return out;
}

function parseGlob(pattern: string): Glob {
  const glob: Glob = [];
  for (const seg of splitSegments(pattern)) {
    if (seg === '**') {
      if (glob[glob.length - 1] !== 'globstar') glob.push('globstar');
    } else glob.push(parseSegment(seg));
  }
  return glob;
}

/** Splits at `/` that are not escaped. */
function splitSegments(pattern: string): string[] {
  const out: string[] = [];
  let current = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\' && i + 1 < pattern.length) {
      current += c + pattern[++i];
    } else if (c === '/') {
      out.push(current);
      current = '';
    } else current += c;
  }
  out.push(current);
  return out;
}

function parseSegment(seg: string): Segment {
  const pieces: Atom[][] = [[]];
  for (let i = 0; i < seg.length; i++) {
    const c = seg[i];
    if (c === '\\' && i + 1 < seg.length) {
      pieces[pieces.length - 1].push(seg[++i]);
    } else if (c === '*') {
      while (seg[i + 1] === '*') i++;
      pieces.push([]);
    } else if (c === '?') {
      pieces[pieces.length - 1].push({ any: true });
    } else if (c === '[') {
      const cls = parseClass(seg, i);
      if (cls) {
        pieces[pieces.length - 1].push(cls.atom);
        i = cls.end;
      } else pieces[pieces.length - 1].push(c);
    } else pieces[pieces.length - 1].push(c);
  }
  return { pieces };
}

/** A `[...]` class starting at `start`, or undefined when it is not closed (then `[` is literal). */
function parseClass(seg: string, start: number): { atom: Atom; end: number } | undefined {
  let i = start + 1;
  const negated = seg[i] === '!' || seg[i] === '^';
  if (negated) i++;
  const ranges: [number, number][] = [];
  let first = true;
  for (; i < seg.length; i++) {
    let c = seg[i];
    if (c === ']' && !first) return { atom: { ranges, negated }, end: i };
    first = false;
    if (c === '\\' && i + 1 < seg.length) c = seg[++i];
    const lo = c.charCodeAt(0);
    if (seg[i + 1] === '-' && i + 2 < seg.length && seg[i + 2] !== ']') {
      let hiChar = seg[i + 2];
      i += 2;
      if (hiChar === '\\' && i + 1 < seg.length) hiChar = seg[++i];
      const hi = hiChar.charCodeAt(0);
      ranges.push(lo <= hi ? [lo, hi] : [hi, lo]);
    } else ranges.push([lo, lo]);
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Matching

function atomMatches(a: Atom, code: number): boolean {
  if (typeof a === 'string') return a.charCodeAt(0) === code;
  if (code === 47) return false; // '/'
  if ('any' in a) return true;
  let inside = false;
  for (const [lo, hi] of a.ranges) {
    if (code >= lo && code <= hi) {
      inside = true;
      break;
    }
  }
  return inside !== a.negated;
}

/** Whether `piece` matches `text` at `at` (the caller checked that it fits). */
function pieceAt(piece: Atom[], text: string, at: number): boolean {
  for (let k = 0; k < piece.length; k++) if (!atomMatches(piece[k], text.charCodeAt(at + k))) return false;
  return true;
}

/**
 * Whether a segment matches `text[from, to)`: the first piece is anchored at the start, the last at
 * the end, and each piece between is found at its leftmost place after the one before (the leftmost
 * place never loses a match that a later one would find). At most `(to - from) × pieces' length` steps.
 */
function segmentMatches(seg: Segment, text: string, from: number, to: number): boolean {
  const { pieces } = seg;
  const first = pieces[0];
  if (pieces.length === 1) return to - from === first.length && pieceAt(first, text, from);
  const last = pieces[pieces.length - 1];
  if (to - from < first.length + last.length) return false;
  if (!pieceAt(first, text, from) || !pieceAt(last, text, to - last.length)) return false;
  let at = from + first.length;
  const end = to - last.length;
  for (let p = 1; p < pieces.length - 1; p++) {
    const piece = pieces[p];
    let found = -1;
    for (let s = at; s + piece.length <= end; s++) {
      if (pieceAt(piece, text, s)) {
        found = s;
        break;
      }
    }
    if (found < 0) return false;
    at = found + piece.length;
  }
  return true;
}

/**
 * A matcher for one glob. Literal prefixes with `/**` after them (the usual `src/parser/**`) are a
 * string comparison; everything else is matched segment by segment, `**` standing for any number of
 * path segments, as a wildcard over segments (greedy with one restart point, each pair of a pattern
 * segment and a path segment tested at most once).
 */
function matcherOf(glob: Glob): CompiledPattern {
  const literal = literalPrefix(glob);
  if (literal !== undefined) {
    const { prefix, rest } = literal;
    if (rest === 'exact') return (path) => path === prefix;
    return (path) => path === prefix || path.startsWith(`${prefix}/`);
  }
  const last = glob[glob.length - 1];
  if (glob.length === 2 && glob[0] === 'globstar' && last !== 'globstar') {
    // `**/name`: the last segment of the path, whatever comes before it.
    return (path) => segmentMatches(last, path, path.lastIndexOf('/') + 1, path.length);
  }
  if (!glob.includes('globstar')) {
    // As many segments as the pattern, each matching its own.
    const segs = glob as Segment[];
    return (path) => {
      let from = 0;
      for (let g = 0; g < segs.length; g++) {
        const slash = path.indexOf('/', from);
        const end = g === segs.length - 1 ? (slash < 0 ? path.length : -1) : slash;
        if (end < 0 || !segmentMatches(segs[g], path, from, end)) return false;
        from = end + 1;
      }
      return true;
    };
  }
  return (path) => {
    // Segment boundaries of the path.
    const starts = [0];
    const ends: number[] = [];
    for (let i = 0; i < path.length; i++) {
      if (path.charCodeAt(i) === 47) {
        ends.push(i);
        starts.push(i + 1);
      }
    }
    ends.push(path.length);
    const n = starts.length;
    const tested = new Map<number, boolean>();
    const segOk = (gi: number, pi: number): boolean => {
      const key = gi * n + pi;
      let ok = tested.get(key);
      if (ok === undefined) {
        ok = segmentMatches(glob[gi] as Segment, path, starts[pi], ends[pi]);
        tested.set(key, ok);
      }
      return ok;
    };
    // Wildcard matching over segments, `globstar` being the star.
    let g = 0;
    let p = 0;
    let starG = -1;
    let starP = 0;
    while (p < n) {
      if (g < glob.length && glob[g] !== 'globstar' && segOk(g, p)) {
        g++;
        p++;
      } else if (g < glob.length && glob[g] === 'globstar') {
        starG = g++;
        starP = p;
      } else if (starG >= 0) {
        g = starG + 1;
        p = ++starP;
      } else return false;
    }
    while (g < glob.length && glob[g] === 'globstar') g++;
    return g === glob.length;
  };
}

/** `src/parser/**` → `src/parser` and 'below'; `a/b.txt` → `a/b.txt` and 'exact'; otherwise undefined. */
function literalPrefix(glob: Glob): { prefix: string; rest: 'exact' | 'below' } | undefined {
  const below = glob.length > 1 && glob[glob.length - 1] === 'globstar';
  const segs = below ? glob.slice(0, -1) : glob;
  const parts: string[] = [];
  for (const s of segs) {
    if (s === 'globstar' || s.pieces.length !== 1 || !s.pieces[0].every((a) => typeof a === 'string')) return undefined;
    parts.push((s.pieces[0] as string[]).join(''));
  }
  return { prefix: parts.join('/'), rest: below ? 'below' : 'exact' };
}
