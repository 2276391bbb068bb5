/**
 * Ids for new entries: a slug of a name or title, made unique among the ids already taken.
 */

/** A readable id: `Handle async errors` → `handle-async-errors` (empty when nothing is left). */
export function slugify(text: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length <= 40) return slug;
  const cut = slug.slice(0, 41);
  const dash = cut.lastIndexOf('-');
  return (dash > 10 ? cut.slice(0, dash) : cut.slice(0, 40)).replace(/-+$/, '');
}

/** `base`, or `base-2`, `base-3`, ... whichever is not taken. */
export function uniqueId(base: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}-${n}`)) return `${base}-${n}`;
}
