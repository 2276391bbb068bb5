/**
 * The mentoring file, format version 1: the TypeScript view of `.mentoring.yml`.
 *
 * Key names, shapes and enum values are the format's public contract (people's files and their
 * tools rely on them): fields may be added, never renamed. `media/mentoring.schema.json` describes
 * the same format for the YAML extension; a unit test keeps the two in step.
 */

export const FORMAT_VERSION = 1;
export const DEFAULT_FILE_NAME = '.mentoring.yml';

export const PARTNERSHIP_KINDS = ['mutual', 'one-way'] as const;
export type PartnershipKind = (typeof PARTNERSHIP_KINDS)[number];

export const PARTNERSHIP_STATUSES = ['active', 'paused', 'ended'] as const;
export type PartnershipStatus = (typeof PARTNERSHIP_STATUSES)[number];

export const GOAL_STATUSES = ['proposed', 'active', 'achieved', 'paused', 'dropped'] as const;
export type GoalStatus = (typeof GOAL_STATUSES)[number];

export const SESSION_STATUSES = ['held', 'cancelled', 'rescheduled'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

import type { IsoDate } from '../dates';
export type { IsoDate };

/** A person who takes part in mentoring: can be mentor, mentee, or both. */
export interface Partner {
  id: string;
  name: string;
  /** Matched (case-insensitively) against git author emails. */
  emails?: string[];
  /** Self-declared strengths (skill ids; an open vocabulary). */
  strengths?: string[];
  /** What the person wants to learn (skill ids). */
  wants?: string[];
}

/** Two or more partners who meet. `mutual`: each mentors the other; `one-way`: `mentor` mentors the rest. */
export interface Partnership {
  id: string;
  members: string[];
  kind: PartnershipKind;
  /** Required for (and only meaningful in) a one-way partnership; must be a member. */
  mentor?: string;
  since?: IsoDate;
  /** Days between sessions. */
  cadence?: number;
  status?: PartnershipStatus;
  /** Free text about the partnership (how and where they meet). */
  notes?: string;
}

/** The team's own skill area, defined by path globs; takes precedence over built-in areas. */
export interface SkillArea {
  id: string;
  name?: string;
  paths: string[];
}

/** One look back at a goal: who reviewed it, when, and where it stood. */
export interface GoalReview {
  date: IsoDate;
  by: string;
  progress?: number;
  status?: GoalStatus;
  note?: string;
}

export interface Goal {
  id: string;
  partnership: string;
  /** The partner who works towards the goal (a member of the partnership). */
  owner: string;
  title: string;
  description?: string;
  /** Skill ids: built-in areas (languages, practices, modules) or the team's `skills:`. */
  skills?: string[];
  /** Path globs in the repository where the goal's work happens. */
  paths?: string[];
  /** Questions to ask when reviewing a change in the goal's area. */
  prompts?: string[];
  status: GoalStatus;
  /** 0–100. */
  progress?: number;
  created?: IsoDate;
  due?: IsoDate;
  /** When the goal was achieved (written with status achieved; a file without it goes by the last review's date). */
  achieved?: IsoDate;
  reviews?: GoalReview[];
}

export interface ActionItem {
  /** A partner id. */
  who: string;
  what: string;
  done?: boolean;
  due?: IsoDate;
}

export interface Session {
  date: IsoDate;
  partnership: string;
  status: SessionStatus;
  /** Why a session was cancelled or rescheduled. */
  reason?: string;
  /** For a rescheduled session: the new date. */
  to?: IsoDate;
  minutes?: number;
  /** Goal ids discussed. */
  goals?: string[];
  notes?: string;
  actions?: ActionItem[];
}

export interface MentoringFile {
  version: number;
  partners: Partner[];
  partnerships: Partnership[];
  skills: SkillArea[];
  goals: Goal[];
  sessions: Session[];
}

/** The id of the partner listing `email` (case-insensitively), if any. */
export function partnerByEmail(file: MentoringFile, email: string | undefined): string | undefined {
  const wanted = email?.trim().toLowerCase();
  return wanted ? file.partners.find((p) => p.emails?.some((e) => e.trim().toLowerCase() === wanted))?.id : undefined;
}

/** A goal is open while someone still works on it. */
export function isOpenGoal(goal: Goal): boolean {
  return goal.status === 'proposed' || goal.status === 'active' || goal.status === 'paused';
}

/**
 * Mentors of `partnerId` within a partnership: every other member of a mutual partnership,
 * the mentor of a one-way partnership (unless `partnerId` is that mentor).
 */
export function mentorsOf(partnership: Partnership, partnerId: string): string[] {
  if (!partnership.members.includes(partnerId)) return [];
  if (partnership.kind === 'mutual') return partnership.members.filter((m) => m !== partnerId);
  return partnership.mentor && partnership.mentor !== partnerId ? [partnership.mentor] : [];
}
