/**
 * The runtime checks the panels' protocols build their message guards from. postMessage data is
 * untyped at runtime, so each side checks what it receives against a shape made of these.
 */
import { isIsoDate } from '../core/dates';

export type Check = (x: unknown) => boolean;

export const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
export const str: Check = (x) => typeof x === 'string';
export const id: Check = (x) => typeof x === 'string' && x.length > 0;
export const date: Check = (x) => typeof x === 'string' && isIsoDate(x);
export const bool: Check = (x) => typeof x === 'boolean';
export const count: Check = (x) => Number.isInteger(x) && (x as number) >= 0;
export const amount: Check = (x) => typeof x === 'number' && Number.isFinite(x) && x >= 0;
export const percent: Check = (x) => Number.isInteger(x) && (x as number) >= 0 && (x as number) <= 100;
/** A commit hash, abbreviated or whole. */
export const hash: Check = (x) => typeof x === 'string' && /^[0-9a-f]{4,64}$/i.test(x);

export const oneOf =
  (values: readonly string[]): Check =>
  (x) =>
    typeof x === 'string' && values.includes(x);
export const opt =
  (c: Check): Check =>
  (x) =>
    x === undefined || c(x);
export const list =
  (c: Check): Check =>
  (x) =>
    Array.isArray(x) && x.every(c);

/** An object whose listed fields pass; `exact` also refuses fields not listed. */
export function shape(fields: Record<string, Check>, exact = false): Check {
  return (x) => isRecord(x) && Object.entries(fields).every(([k, c]) => c(x[k])) && (!exact || Object.keys(x).every((k) => Object.hasOwn(fields, k)));
}

/** A person as the panels show one. */
export const person = shape({ id, name: str });

/** A message chosen by its `type` from a table of shapes, one a type (a type not in the table is refused). */
export function byType<M extends { type: string }>(shapes: Record<M['type'], Check>): (x: unknown) => x is M {
  return (x): x is M => (isRecord(x) && typeof x.type === 'string' && Object.hasOwn(shapes, x.type) ? shapes[x.type as M['type']](x) : false);
}
