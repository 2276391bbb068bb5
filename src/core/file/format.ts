/**
 * The format of the mentoring file: every entry's fields, the kind of value each holds, which are
 * required, and the limits the validator enforces. The JSON schema in media/ says the same for editors.
 */
import {
  ActionItem,
  Goal,
  GOAL_STATUSES,
  GoalReview,
  MentoringFile,
  Partner,
  Partnership,
  PARTNERSHIP_KINDS,
  PARTNERSHIP_STATUSES,
  Session,
  SESSION_STATUSES,
  SkillArea,
} from './model';

/** Ids, and skill ids: lower-case letters and digits, then also `.`, `_` and `-`. */
export const SLUG = /^[a-z0-9][a-z0-9._-]*$/;

/** The built-in module areas, `module:<folder>` (`module:src`, `module:packages/api`), as suggestions write them. */
// eslint-disable-next-line no-control-regex
export const MODULE_SKILL = /^module:[^\u0000-\u001f\u007f/\s][^\u0000-\u001f\u007f]*$/;

export type Entity = 'file' | 'partner' | 'partnership' | 'skill' | 'goal' | 'review' | 'session' | 'action';
export type RefKind = 'partner' | 'partnership' | 'goal';
export type Spec =
  | { t: 'id' | 'text' | 'date' | 'progress' | 'bool' | 'texts' | 'globs' | 'skills' | 'version' }
  /** A number above 0 and at most `max` `unit`. */
  | { t: 'positive'; max: number; unit: string }
  | { t: 'enum'; values: readonly string[] }
  | { t: 'ref' | 'refs'; to: RefKind }
  | { t: 'list'; of: Entity };
interface Field {
  spec: Spec;
  required?: true;
}

/** The longest cadence: a year between sessions. */
export const MAX_CADENCE_DAYS = 365;
/** The longest session: a day. */
export const MAX_SESSION_MINUTES = 24 * 60;

const id: Field = { spec: { t: 'id' }, required: true };
const text: Field = { spec: { t: 'text' } };
const date: Field = { spec: { t: 'date' } };
const texts: Field = { spec: { t: 'texts' } };
const globs: Field = { spec: { t: 'globs' } };
const skills: Field = { spec: { t: 'skills' } };
const progress: Field = { spec: { t: 'progress' } };
const req = (f: Field): Field => ({ ...f, required: true });
const ref = (to: RefKind, required = true): Field => (required ? { spec: { t: 'ref', to }, required } : { spec: { t: 'ref', to } });

const PARTNER = {
  id,
  name: req(text),
  emails: texts,
  strengths: skills,
  wants: skills,
} satisfies Record<keyof Partner, Field>;

const PARTNERSHIP = {
  id,
  members: { spec: { t: 'refs', to: 'partner' }, required: true },
  kind: { spec: { t: 'enum', values: PARTNERSHIP_KINDS }, required: true },
  mentor: ref('partner', false),
  since: date,
  cadence: { spec: { t: 'positive', max: MAX_CADENCE_DAYS, unit: 'days' } },
  status: { spec: { t: 'enum', values: PARTNERSHIP_STATUSES } },
  notes: text,
} satisfies Record<keyof Partnership, Field>;

const SKILL = { id, name: text, paths: req(globs) } satisfies Record<keyof SkillArea, Field>;

const REVIEW = {
  date: req(date),
  by: ref('partner'),
  progress,
  status: { spec: { t: 'enum', values: GOAL_STATUSES } },
  note: text,
} satisfies Record<keyof GoalReview, Field>;

const GOAL = {
  id,
  partnership: ref('partnership'),
  owner: ref('partner'),
  title: req(text),
  description: text,
  skills,
  paths: globs,
  prompts: texts,
  status: { spec: { t: 'enum', values: GOAL_STATUSES }, required: true },
  progress,
  created: date,
  due: date,
  achieved: date,
  reviews: { spec: { t: 'list', of: 'review' } },
} satisfies Record<keyof Goal, Field>;

const ACTION = {
  who: ref('partner'),
  what: req(text),
  done: { spec: { t: 'bool' } },
  due: date,
} satisfies Record<keyof ActionItem, Field>;

const SESSION = {
  date: req(date),
  partnership: ref('partnership'),
  status: { spec: { t: 'enum', values: SESSION_STATUSES }, required: true },
  reason: text,
  to: date,
  minutes: { spec: { t: 'positive', max: MAX_SESSION_MINUTES, unit: 'minutes' } },
  goals: { spec: { t: 'refs', to: 'goal' } },
  notes: text,
  actions: { spec: { t: 'list', of: 'action' } },
} satisfies Record<keyof Session, Field>;

const FILE = {
  version: { spec: { t: 'version' }, required: true },
  partners: { spec: { t: 'list', of: 'partner' } },
  partnerships: { spec: { t: 'list', of: 'partnership' } },
  skills: { spec: { t: 'list', of: 'skill' } },
  goals: { spec: { t: 'list', of: 'goal' } },
  sessions: { spec: { t: 'list', of: 'session' } },
} satisfies Record<keyof MentoringFile, Field>;

export const FIELDS: Record<Entity, Record<string, Field>> = {
  file: FILE,
  partner: PARTNER,
  partnership: PARTNERSHIP,
  skill: SKILL,
  goal: GOAL,
  review: REVIEW,
  session: SESSION,
  action: ACTION,
};

function perEntity<T>(f: (fields: Record<string, Field>) => T): Record<Entity, T> {
  const out: Partial<Record<Entity, T>> = {};
  for (const e of Object.keys(FIELDS) as Entity[]) out[e] = f(FIELDS[e]);
  return out as Record<Entity, T>;
}

/** The keys each entity of the format knows, in the order the format documents them. */
export const KNOWN_KEYS: Record<Entity, readonly string[]> = perEntity((fields) => Object.keys(fields));

/** The keys each entity requires. */
export const REQUIRED_KEYS: Record<Entity, readonly string[]> = perEntity((fields) =>
  Object.keys(fields).filter((k) => fields[k].required),
);

/** Allowed values of each enum-valued key, per entity (`partnership.kind`, `goal.status`, ...). */
export const ENUM_KEYS: Record<Entity, Record<string, readonly string[]>> = perEntity((fields) => {
  const enums: Record<string, readonly string[]> = {};
  for (const [k, f] of Object.entries(fields)) if (f.spec.t === 'enum') enums[k] = f.spec.values;
  return enums;
});

export const LIST_LABEL: Record<Entity, string> = {
  file: 'file',
  partner: 'partner',
  partnership: 'partnership',
  skill: 'skill',
  goal: 'goal',
  review: 'review',
  session: 'session',
  action: 'action',
};
