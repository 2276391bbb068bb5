/**
 * The text of a new mentoring file: a short header explaining the format, then the partners proposed
 * from the repository's authors (or none), ready for partnerships, goals and sessions.
 */
import { parse } from 'yaml';
import { FORMAT_VERSION } from './model';
import { SLUG } from './format';

export interface NewPartner {
  /** The partner id to use (when every person given has one, valid and unique); by default one from the name. */
  id?: string;
  name: string;
  email?: string;
  /** More addresses of the same person (the first is `email`'s). */
  emails?: readonly string[];
}

const HEADER = `# Peer mentoring: who mentors whom, what they work towards and when they meet.
#   partners:     people (id, name, emails as in git, strengths and wants: skill ids)
#   partnerships: partners who meet (members, kind: mutual | one-way with a mentor, cadence in days)
#   goals:        what a partner works towards (partnership, owner, title, status, progress 0-100, due)
#   sessions:     meetings (date, partnership, status: held | cancelled | rescheduled, notes, actions)
`;

const EXAMPLE = `# Add the people who take part, for example:
#   - id: ana
#     name: Ana Lima
#     emails: [ana@example.com]
`;

/**
 * A valid mentoring file listing `people` as partners. People with the same name (case-insensitive)
 * become one partner with all their emails; ids come from first names, made unique.
 */
export function newMentoringFile(people: readonly NewPartner[]): string {
  const merged: { id?: string; name: string; emails: string[] }[] = [];
  for (const p of people) {
    const name = p.name.trim() || p.email?.split('@')[0] || '';
    if (!name) continue;
    const emails = [p.email, ...(p.emails ?? [])].map((e) => e?.trim()).filter((e): e is string => !!e);
    let same = merged.find((m) => m.name.toLowerCase() === name.toLowerCase());
    if (!same) merged.push((same = { ...(p.id ? { id: p.id } : {}), name, emails: [] }));
    for (const email of emails) if (!same.emails.some((e) => e.toLowerCase() === email.toLowerCase())) same.emails.push(email);
  }
  const given = merged.map((m) => m.id);
  const ids = given.every((id, i) => id !== undefined && SLUG.test(id) && given.indexOf(id) === i) ? (given as string[]) : partnerIds(merged);
  const lines = [HEADER + `version: ${FORMAT_VERSION}`];
  if (merged.length === 0) lines.push(EXAMPLE + 'partners: []');
  else {
    lines.push('partners:');
    merged.forEach((m, i) => {
      lines.push(`  - id: ${scalar(ids[i], false)}`, `    name: ${scalar(m.name, false)}`);
      if (m.emails.length) lines.push(`    emails: [${m.emails.map((e) => scalar(e, true)).join(', ')}]`);
    });
  }
  lines.push('partnerships: []', 'goals: []', 'sessions: []');
  return lines.join('\n') + '\n';
}

/** Partner ids for names: the first name as a slug, the full name when first names clash, then a number. */
export function partnerIds(people: readonly { name: string; emails?: string[] }[]): string[] {
  const full = people.map((p) => slug(p.name) || slug(p.emails?.[0]?.split('@')[0] ?? '') || 'partner');
  const first = full.map((s) => s.split('-')[0]);
  const used = new Set<string>();
  return full.map((f, i) => {
    let id = first.filter((x) => x === first[i]).length === 1 ? first[i] : f;
    for (let n = 2; used.has(id); n++) id = `${f}-${n}`;
    used.add(id);
    return id;
  });
}

function slug(text: string): string {
  const s = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return SLUG.test(s) ? s : '';
}

/** A YAML scalar for `text`: plain when it reads back as the same string (in a flow list or not), else double-quoted. */
function scalar(text: string, inFlow: boolean): string {
  try {
    const back: unknown = parse(inFlow ? `[${text}]` : text, { schema: 'core', logLevel: 'silent' });
    if (inFlow ? Array.isArray(back) && back.length === 1 && back[0] === text : back === text) return text;
  } catch {
    // not valid as a plain scalar
  }
  return JSON.stringify(text);
}
