/** Private notes for tests: a note of `.mentoring.yml` with the given text (also its id) and reference. */
import type { PrivateNote } from '../../../src/core/notes/privateNotes';

export function privateNote(over: Partial<PrivateNote>, text: string, written = '2026-03-01T10:00:00Z'): PrivateNote {
  return { id: text, file: '.mentoring.yml', written, text, ...over };
}
