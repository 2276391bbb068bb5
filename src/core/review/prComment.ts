/**
 * The review prompts as a pull request (or merge request) comment: Markdown that GitHub and GitLab
 * show as plain text, whatever a goal's title, a name, a question or a path holds.
 *
 * The comment is built from sections (the goals a change touches, and later others such as
 * suggested reviewers), each a heading and lines; {@link renderComment} puts them under the
 * {@link COMMENT_MARKER} line by which a workflow finds its own comment to update or delete it.
 *
 * Inert text: every ASCII punctuation character of an untrusted value is backslash-escaped, so no
 * Markdown, HTML, image, link or entity can form; and because GitHub and GitLab turn references
 * into links AFTER rendering (`@user`, `#123`, `owner/repo#1`, `GH-1`, `!1`, `~label`, `%milestone`,
 * `&epic`, commit SHAs, URLs, `www.` names, e-mail addresses), an invisible word joiner (U+2060)
 * is put where such a reference would be read: after `@ # ! ~ % $ & ^`, inside `://` and `www.`,
 * after `GH-`, and every six characters of a run of seven or more hexadecimal digits. Paths and ids
 * go into code spans, which neither site links.
 */
import { oneLine } from '../text';
import type { ReviewerSuggestion } from './reviewers';

export const COMMENT_MARKER = '<!-- peer-mentoring:prompts -->';

/** Invisible, keeps the characters around it together, and is no part of a name, number or SHA. */
const WORD_JOINER = '\u2060';
const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/g;
/** Characters that start a reference on GitHub or GitLab when a name or number follows. */
const REFERENCE_STARTS = new Set(['@', '#', '!', '~', '%', '$', '&', '^']);

/** An untrusted value as literal text in a pull request comment, on one line (see the module comment). */
export function prText(value: string): string {
  return oneLine(value)
    .replace(/[0-9a-f]{7,}/gi, (run) => run.replace(/[0-9a-f]{6}(?=[0-9a-f])/gi, (six) => six + WORD_JOINER))
    .replace(/:\/\//g, `:${WORD_JOINER}//`)
    .replace(/\b(www)\./gi, `$1${WORD_JOINER}.`)
    .replace(/\b(gh)-(?=\d)/gi, `$1-${WORD_JOINER}`)
    .replace(ASCII_PUNCTUATION, (c) => `\\${c}${REFERENCE_STARTS.has(c) ? WORD_JOINER : ''}`);
}

/** An untrusted value (a path, an id, a ref) as an inline code span, on one line: shown as it is, never linked. */
export function prCode(value: string): string {
  const text = oneLine(value);
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = /^[` ]|[` ]$/.test(text) ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

export interface CommentSection {
  /** Our own heading text (no untrusted value). */
  heading: string;
  /** Markdown lines, every untrusted value in them already through {@link prText} or {@link prCode}. */
  lines: string[];
}

/** What the comment says about one goal the change touches. */
export interface CommentGoal {
  id: string;
  title: string;
  ownerName: string;
  mentorNames: string[];
  /** 0–100, when the goal says. */
  progress?: number;
  questions: string[];
  /** The changed files related to the goal, repository-relative. */
  files: string[];
}

/** Changed files listed under a goal; the rest are counted. */
export const MAX_FILES_PER_GOAL = 20;
/** GitHub refuses comments over 65,536 characters; the goals that do not fit are counted instead. */
export const MAX_COMMENT_CHARS = 60000;

/** The section of the goals a change touches, or none when it touches no goal. */
export function goalsSection(goals: readonly CommentGoal[], comparedWith: string): CommentSection[] {
  if (!goals.length) return [];
  const n = goals.length;
  const lines = [`This change touches ${n} open mentoring goal${n === 1 ? '' : 's'} (compared with ${prCode(comparedWith)}).`];
  let length = lines[0].length;
  for (const [i, g] of goals.entries()) {
    const block = goalBlock(g);
    length += block.reduce((sum, line) => sum + line.length + 1, 0);
    if (length > MAX_COMMENT_CHARS) {
      const left = n - i;
      lines.push('', `${left} more goal${left === 1 ? '' : 's'} not shown: the comment would be too long.`);
      break;
    }
    lines.push(...block);
  }
  return [{ heading: 'Mentoring goals in this change', lines }];
}

function goalBlock(g: CommentGoal): string[] {
  const who = [`${prText(g.ownerName)}’s goal`];
  if (g.mentorNames.length) who.push(`mentored by ${g.mentorNames.map(prText).join(', ')}`);
  if (g.progress !== undefined) who.push(`${Math.round(g.progress)}% done`);
  who.push(prCode(g.id));
  const lines = ['', `#### ${prText(g.title)}`, '', who.join(' · ')];
  if (g.questions.length) lines.push('', 'Questions for the review:', '', ...g.questions.map((q) => `- ${prText(q)}`));
  const shown = g.files.slice(0, MAX_FILES_PER_GOAL);
  lines.push('', `Changed files under this goal (${g.files.length}):`, '', ...shown.map((f) => `- ${prCode(f)}`));
  if (g.files.length > shown.length) lines.push(`- and ${g.files.length - shown.length} more`);
  return lines;
}

/**
 * The section of suggested reviewers, when one of them is a learner: the change touches files at
 * most one active person knows. A change that only wants an expert adds nothing to the comment.
 */
export function reviewersSection(list: readonly ReviewerSuggestion[]): CommentSection[] {
  if (!list.some((r) => r.role === 'learner')) return [];
  const lines = ['This change touches what at most one active person knows: a learner could review it with the expert.', ''];
  for (const r of list) {
    const goal = r.goal ? ` (goal ${prCode(r.goal)})` : '';
    const area = r.area ? ` for ${prCode(r.area)}` : '';
    lines.push(`- ${prText(r.name)}, ${r.role}${area}: ${prText(r.reason)}${goal}`);
  }
  return [{ heading: 'Suggested reviewers', lines }];
}

/**
 * The comment body: the marker line, then each section under its heading. Empty when there is no
 * section, so that a workflow can delete its comment instead of posting an empty one.
 */
export function renderComment(sections: readonly CommentSection[]): string {
  if (!sections.length) return '';
  const out = [COMMENT_MARKER];
  for (const s of sections) out.push(`### ${s.heading}`, ...s.lines, '');
  out.push('---', 'Review prompts by Peer Mentoring, from the goals in the repository’s mentoring file.');
  return out.join('\n') + '\n';
}
