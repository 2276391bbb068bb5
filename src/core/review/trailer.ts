/**
 * `Mentoring-Goal: <id>` commit trailers: written when a commit works towards a goal, read back to
 * count a goal's evidence in history. The trailer block is the message's last paragraph when every
 * line of it is a `Token: value` trailer (or an indented continuation), as `git interpret-trailers`
 * sees it; the subject paragraph is never a trailer block.
 */

export const GOAL_TRAILER = 'Mentoring-Goal';

const TRAILER_LINE = /^([A-Za-z0-9][A-Za-z0-9-]*)[ \t]*:[ \t]*(.*)$/;
const CONTINUATION = /^[ \t]+\S/;

interface Parts {
  /** The message without its trailing line breaks. */
  text: string;
  /** The trailer block's lines (empty when the message has none). */
  trailers: string[];
  /** The trailing line breaks (and blank space between them), kept as they were. */
  tail: string;
  eol: string;
}

function split(message: string): Parts {
  const eol = message.includes('\r\n') ? '\r\n' : '\n';
  const tail = /(?:\r?\n\s*)?$/.exec(message)?.[0] ?? '';
  const text = message.slice(0, message.length - tail.length);
  const lines = text.split(/\r?\n/);
  let start = lines.length;
  while (start > 0 && lines[start - 1].trim() !== '') start--;
  const block = lines.slice(start);
  const isTrailerBlock =
    start > 0 &&
    block.length > 0 &&
    TRAILER_LINE.test(block[0]) &&
    block.every((l) => TRAILER_LINE.test(l) || CONTINUATION.test(l));
  return { text, trailers: isTrailerBlock ? block : [], tail, eol };
}

/** The goal ids of a message's `Mentoring-Goal:` trailers, in order, without duplicates. */
export function goalTrailers(message: string): string[] {
  const ids: string[] = [];
  for (const line of split(message).trailers) {
    const m = TRAILER_LINE.exec(line);
    if (!m || m[1].toLowerCase() !== GOAL_TRAILER.toLowerCase()) continue;
    const id = m[2].trim();
    if (id && !ids.includes(id)) ids.push(id);
  }
  return ids;
}

/**
 * The message with a `Mentoring-Goal: <goalId>` trailer: appended to an existing trailer block, or
 * as a new block after a blank line. Unchanged when the trailer is already there. The rest of the
 * message (including its trailing newlines) is kept exactly.
 */
export function addGoalTrailer(message: string, goalId: string): string {
  const id = goalId.trim();
  if (!id || /[\r\n]/.test(id)) throw new Error(`not a goal id: ${JSON.stringify(goalId)}`);
  if (goalTrailers(message).includes(id)) return message;
  const { text, trailers, tail, eol } = split(message);
  const separator = trailers.length ? eol : eol + eol;
  return `${text}${separator}${GOAL_TRAILER}: ${id}${tail}`;
}
