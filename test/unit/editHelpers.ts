/** Fixtures and line-diff checks shared by the edit tests. */
import * as assert from 'assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { applyEdits, EditResult } from '../../src/core/file';
import { MentoringFile } from '../../src/core/file/model';
import { parseMentoring } from '../../src/core/file/parse';

export const FIXTURES = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'edit');

export function fixture(name: string): string {
  return fs.readFileSync(path.join(FIXTURES, name), 'utf8');
}

export function fixtureNames(): string[] {
  return fs
    .readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.yml'))
    .sort();
}

/** The model of a text that must have no errors. */
export function modelOf(text: string): MentoringFile {
  const parsed = parseMentoring(text);
  const errors = parsed.problems.filter((p) => p.severity === 'error');
  assert.deepEqual(errors, [], 'the file has no errors');
  assert.ok(parsed.model);
  return parsed.model;
}

/** Lines removed and added between two texts, outside their common first and last lines. */
export function lineDiff(before: string, after: string): { removed: string[]; added: string[] } {
  const a = before.split('\n');
  const b = after.split('\n');
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  return { removed: a.slice(head, a.length - tail), added: b.slice(head, b.length - tail) };
}

/**
 * Checks an edit result: the edits turn the old text into the new one, the new text reads without
 * errors, and the only lines that differ are `removed` → `added` (all other bytes identical).
 */
export function assertEdit(before: string, result: EditResult, removed: string[], added: string[]): MentoringFile {
  assert.equal(applyEdits(before, result.edits), result.text, 'the edits produce the text');
  const diff = lineDiff(before.replace(/\r\n/g, '\n'), result.text.replace(/\r\n/g, '\n'));
  assert.deepEqual(diff, { removed, added });
  return modelOf(result.text);
}
