/**
 * Path globs as the mentoring file writes them (`src/parser/**`, `*.sql`), matched against
 * repository-relative paths with forward slashes. Compiled once per pattern list.
 */
import picomatch from 'picomatch';

export type PathMatcher = (path: string) => boolean;

const cache = new Map<string, PathMatcher>();

/** A matcher for any of `patterns`; an empty list matches nothing. A bare directory `src/x/` means `src/x/**`. */
export function compileGlobs(patterns: readonly string[]): PathMatcher {
  const key = patterns.join('\0');
  let m = cache.get(key);
  if (!m) {
    const normalized = patterns.map((p) => (p.endsWith('/') ? `${p}**` : p).replace(/^\.\//, ''));
    // `windows: false`: paths here always use forward slashes (and picomatch then does not probe the
    // platform through `navigator`, which VS Code's extension host reports as deprecated).
    m = normalized.length ? picomatch(normalized, { dot: true, windows: false }) : () => false;
    if (cache.size > 500) cache.clear();
    cache.set(key, m);
  }
  return m;
}

/** Forward slashes, no leading `./`. */
export function normalizePath(path: string): string {
  return path.replace(/\\/g, '/').replace(/^\.\//, '');
}
