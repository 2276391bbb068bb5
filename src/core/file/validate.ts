/**
 * Validation of a parsed mentoring file (format v1): reads the YAML tree into a `MentoringFile` and
 * reports every problem at once, each on the offending token with a stable code.
 *
 * The entity tables below are the single source of the format's keys: the reader, the JSON Schema
 * test and the model types (`satisfies Record<keyof T, Field>`) all agree through them.
 */
import { Document, isAlias, isMap, isScalar, isSeq, Node, Pair, YAMLMap } from 'yaml';
import { isIsoDate, looksLikeIsoDate, MAX_DATE, MIN_DATE } from '../dates';
import { globProblem } from '../glob';
import {
  FORMAT_VERSION,
  Goal,
  MentoringFile,
  Partner,
  Partnership,
  Session,
  SkillArea,
} from './model';
import { Problem, Range, Severity } from './problems';
import { quote } from '../text';
import { resolveAlias } from './yamlScan';

import { Entity, FIELDS, LIST_LABEL, MODULE_SKILL, REQUIRED_KEYS, RefKind, SLUG, Spec } from './format';

export type YamlPath = readonly (string | number)[];

export interface ValidateOptions {
  /**
   * Whether a skill id that is not one of the file's own `skills:` is a known built-in area. When
   * given, ids it rejects get an `unknown-skill` warning. Without it the vocabulary is open: any
   * lower-case slug is accepted silently, and only ids that are not slugs are flagged (`invalid-id`).
   */
  knownSkill?: (id: string) => boolean;
}

type Obj = Record<string, unknown>;
interface Ref {
  to: RefKind;
  value: string;
  path: YamlPath;
  /** Label of the entry that refers. */
  from: string;
}

/** The node at `path` in `doc` (map keys and sequence indexes; aliases on the way are followed). */
export function nodeAt(doc: Document, path: YamlPath): Node | undefined {
  let node: unknown = doc.contents;
  for (const seg of path) {
    if (isAlias(node)) node = resolveAlias(doc, node);
    if (isMap(node) && typeof seg === 'string') node = pairOf(node, seg)?.value;
    else if (isSeq(node) && typeof seg === 'number') node = node.items[seg];
    else return undefined;
  }
  return isNodeLike(node) ? node : undefined;
}

function pairOf(map: YAMLMap, key: string): Pair | undefined {
  return map.items.find((p) => isScalar(p.key) && p.key.value === key);
}

function isNodeLike(v: unknown): v is Node {
  return isScalar(v) || isMap(v) || isSeq(v) || isAlias(v);
}

class Validator {
  readonly problems: Problem[] = [];
  private readonly refs: Ref[] = [];
  private readonly skillUses: { value: string; path: YamlPath }[] = [];
  private readonly declared: Record<'partner' | 'partnership' | 'goal' | 'skill', Map<string, number>> = {
    partner: new Map(),
    partnership: new Map(),
    goal: new Map(),
    skill: new Map(),
  };
  readonly paths = new WeakMap<object, YamlPath>();

  constructor(
    private readonly doc: Document.Parsed,
    private readonly lines: Positions,
    private readonly options: ValidateOptions,
  ) {}

  range(node: Node | null | undefined): Range {
    const r = node?.range ?? [0, 0, 0];
    return this.lines.range(r[0], r[1]);
  }

  report(code: string, severity: Severity, message: string, node: Node | null | undefined): void {
    this.problems.push({ code, severity, message, range: this.range(node) });
  }

  at(path: YamlPath): Node | undefined {
    return nodeAt(this.doc, path);
  }

  /** Follows an alias to its anchored node (bombs are refused before validation starts). */
  deref(node: unknown): Node | null {
    if (isAlias(node)) return resolveAlias(this.doc, node) ?? null;
    return isNodeLike(node) ? node : null;
  }

  run(): MentoringFile | undefined {
    const root = this.doc.contents;
    if (!isMap(root)) {
      const what = root === null || (isScalar(root) && root.value === null) ? 'the file is empty' : 'the file is not a map of keys';
      this.report('not-a-map', 'error', `${what}; it should start with 'version: ${FORMAT_VERSION}'`, root);
      return undefined;
    }
    const versionPair = pairOf(root, 'version');
    const version = this.deref(versionPair?.value);
    let supported = false;
    if (!versionPair) {
      this.report('missing-version', 'error', `the file has no 'version'; add 'version: ${FORMAT_VERSION}' at the top`, root.items[0]?.key as Node);
    } else if (!isScalar(version) || typeof version.value !== 'number') {
      this.report('unsupported-version', 'error', `version must be a number (this extension supports ${FORMAT_VERSION})`, version ?? (versionPair.key as Node));
      return undefined;
    } else if (version.value !== FORMAT_VERSION) {
      this.report('unsupported-version', 'error', `version ${version.value} is not supported by this extension (supports ${FORMAT_VERSION})`, version);
      return undefined;
    } else supported = true;

    const file = this.readEntity('file', root, [], 'the file');
    this.checkRefs();
    if (!supported || !file) return undefined;
    const model: MentoringFile = {
      version: FORMAT_VERSION,
      partners: (file.partners as Partner[] | undefined) ?? [],
      partnerships: (file.partnerships as Partnership[] | undefined) ?? [],
      skills: (file.skills as SkillArea[] | undefined) ?? [],
      goals: (file.goals as Goal[] | undefined) ?? [],
      sessions: (file.sessions as Session[] | undefined) ?? [],
    };
    this.checkMembership(model);
    return model;
  }

  private readEntity(entity: Entity, raw: Node | null, path: YamlPath, label: string): Obj | undefined {
    const node = this.deref(raw);
    if (!isMap(node)) {
      this.report('wrong-type', 'error', `${label} must be a map of keys`, raw ?? this.at(path));
      return undefined;
    }
    const fields = FIELDS[entity];
    const out: Obj = {};
    const seen = new Set<string>();
    for (const pair of node.items) {
      const key = pair.key as Node | null;
      if (!isScalar(key) || typeof key.value !== 'string') {
        this.report('wrong-type', 'error', `keys must be plain text`, key);
        continue;
      }
      const name = key.value;
      if (seen.has(name)) continue; // the YAML reader reports the duplicate key
      seen.add(name);
      // Own keys only: a key named like an Object member (`constructor`, `toString`) is just unknown.
      const field = Object.prototype.hasOwnProperty.call(fields, name) ? fields[name] : undefined;
      if (!field) {
        this.report('unknown-key', 'warning', `unknown key ${quote(name)} in ${label}`, key);
        continue;
      }
      const value = pair.value as Node | null;
      const target = this.deref(value);
      if (!target || (isScalar(target) && target.value === null)) {
        if (field.required) this.report('missing-field', 'error', `${label} has no value for '${name}'`, key);
        continue;
      }
      const v = this.readField(field.spec, value as Node, target, [...path, name], name, label);
      if (v !== undefined) out[name] = v;
    }
    const firstKey = node.items[0]?.key as Node | undefined;
    for (const k of REQUIRED_KEYS[entity]) {
      if (!seen.has(k) && entity !== 'file') this.report('missing-field', 'error', `${label} has no '${k}'`, firstKey ?? node);
    }
    if (entity === 'partnership') this.checkPartnership(out, node, path, label);
    if (entity === 'session') this.checkSession(out, path, label);
    if (REQUIRED_KEYS[entity].some((k) => out[k] === undefined)) return undefined;
    this.paths.set(out, path);
    return out;
  }

  private readField(spec: Spec, raw: Node, node: Node, path: YamlPath, key: string, label: string): unknown {
    const value: unknown = isScalar(node) ? node.value : undefined;
    const bad = (code: string, message: string): undefined => {
      this.report(code, 'error', message, raw);
      return undefined;
    };
    const show = isScalar(node) ? ` (got ${quote(clip(String(node.source ?? node.value)))})` : '';
    switch (spec.t) {
      case 'version':
        return value;
      case 'id':
      case 'text':
      case 'ref':
      case 'enum':
        if (typeof value !== 'string') return bad('wrong-type', `'${key}' in ${label} must be text${isScalar(node) ? `; quote it: ${quote(clip(String(node.source ?? value)))}` : ''}`);
        if (spec.t === 'id' && !SLUG.test(value)) {
          this.report('invalid-id', 'warning', `id ${quote(value)} should be a lower-case slug (a-z, 0-9, '.', '_', '-')`, raw);
        }
        if (spec.t === 'ref') this.refs.push({ to: spec.to, value, path, from: label });
        if (spec.t === 'enum' && !spec.values.includes(value)) {
          return bad('invalid-enum', `'${key}' in ${label} must be one of: ${spec.values.join(', ')}${show}`);
        }
        return value;
      case 'date':
        if (typeof value !== 'string' || !isIsoDate(value)) {
          const real = typeof value === 'string' && looksLikeIsoDate(value) && isIsoDate(`2000${value.slice(4)}`);
          return bad('invalid-date', `'${key}' in ${label} must be ${real ? `a date from ${MIN_DATE} to ${MAX_DATE}` : 'a real date written YYYY-MM-DD'}${show}`);
        }
        return value;
      case 'progress':
        if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 100) {
          return bad('invalid-progress', `'${key}' in ${label} must be a whole number from 0 to 100${show}`);
        }
        return value;
      case 'positive':
        if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > spec.max) {
          return bad('invalid-number', `'${key}' in ${label} must be a number of ${spec.unit} above 0 and at most ${spec.max}${show}`);
        }
        return value;
      case 'bool':
        if (typeof value !== 'boolean') return bad('wrong-type', `'${key}' in ${label} must be true or false${show}`);
        return value;
      case 'texts':
      case 'globs':
      case 'skills':
      case 'refs': {
        if (!isSeq(node)) return bad('wrong-type', `'${key}' in ${label} must be a list${isScalar(node) ? `, e.g. [${quote(clip(String(node.source ?? value)))}]` : ''}`);
        const out: string[] = [];
        node.items.forEach((item, i) => {
          const n = this.deref(item);
          const v = isScalar(n) ? n.value : undefined;
          if (typeof v !== 'string') {
            this.report('wrong-type', 'error', `items of '${key}' in ${label} must be text`, (item as Node | null) ?? node);
            return;
          }
          if (spec.t === 'refs') this.refs.push({ to: spec.to, value: v, path: [...path, i], from: label });
          if (spec.t === 'skills') this.skillUses.push({ value: v, path: [...path, i] });
          if (spec.t === 'globs') {
            const why = globProblem(v);
            if (why) this.report('invalid-glob', 'warning', `the pattern ${quote(clip(v))} matches nothing: ${why}`, (item as Node | null) ?? node);
          }
          out.push(v);
        });
        return out;
      }
      case 'list': {
        if (!isSeq(node)) return bad('wrong-type', `'${key}' must be a list of ${LIST_LABEL[spec.of]} entries`);
        const out: Obj[] = [];
        node.items.forEach((item, i) => {
          const itemPath = [...path, i];
          const entry = this.readEntity(spec.of, item as Node | null, itemPath, this.label(spec.of, item, i, label));
          if (entry) out.push(entry);
        });
        return out;
      }
    }
  }

  /** A short name for an entry: `goal 'x'`, `session on 2026-02-10`, `partner #3`; registers ids. */
  private label(entity: Entity, raw: unknown, index: number, parent: string): string {
    const node = this.deref(raw);
    const field = (k: string): string | undefined => {
      if (!isMap(node)) return undefined;
      const v = this.deref(pairOf(node, k)?.value);
      return isScalar(v) && typeof v.value === 'string' ? v.value : undefined;
    };
    const kind = LIST_LABEL[entity];
    if (entity === 'partner' || entity === 'partnership' || entity === 'goal' || entity === 'skill') {
      const id = field('id');
      if (id === undefined) return `${kind} #${index + 1}`;
      const seen = this.declared[entity];
      const first = seen.get(id);
      const idNode = isMap(node) ? (pairOf(node, 'id')?.value as Node) : undefined;
      if (first !== undefined) {
        this.report('duplicate-id', 'error', `duplicate ${kind} id ${quote(id)} (first used on line ${first})`, idNode);
      } else seen.set(id, this.range(idNode).start.line);
      return `${kind} ${quote(id)}`;
    }
    if (entity === 'session') {
      const d = field('date');
      return d !== undefined && looksLikeIsoDate(d) ? `session on ${d}` : `session #${index + 1}`;
    }
    return `${kind} #${index + 1} of ${parent}`;
  }

  private checkPartnership(p: Obj, node: YAMLMap, path: YamlPath, label: string): void {
    const members = (p.members as string[] | undefined) ?? [];
    const membersNode = this.at([...path, 'members']);
    if (p.members !== undefined) {
      const unique = new Set(members);
      if (unique.size < 2) this.report('too-few-members', 'error', `${label} needs at least 2 members`, membersNode);
      members.forEach((m, i) => {
        if (members.indexOf(m) !== i) this.report('duplicate-member', 'warning', `${quote(m)} is listed twice in ${label}`, this.at([...path, 'members', i]));
      });
    }
    const mentorNode = this.at([...path, 'mentor']);
    if (p.kind === 'one-way') {
      if (mentorNode === undefined || (isScalar(mentorNode) && mentorNode.value === null)) {
        this.report('missing-mentor', 'error', `one-way ${label} needs a 'mentor' (one of its members)`, this.at([...path, 'kind']));
      } else if (typeof p.mentor === 'string' && p.members !== undefined && !members.includes(p.mentor)) {
        this.report('mentor-not-member', 'error', `mentor ${quote(p.mentor)} is not a member of ${label}`, mentorNode);
      }
    } else if (p.kind === 'mutual' && p.mentor !== undefined) {
      const key = pairOf(node, 'mentor')?.key as Node | undefined;
      this.report('mentor-in-mutual', 'warning', `a mutual partnership has no single mentor; 'mentor' is ignored in ${label}`, key);
    }
  }

  private checkSession(s: Obj, path: YamlPath, label: string): void {
    if ((s.status === 'cancelled' || s.status === 'rescheduled') && s.reason === undefined) {
      this.report('missing-reason', 'warning', `${s.status} ${label} should say why ('reason')`, this.at([...path, 'status']));
    }
  }

  private checkRefs(): void {
    for (const r of this.refs) {
      if (!this.declared[r.to].has(r.value)) {
        this.report(`unknown-${r.to}`, 'error', `${r.from} refers to unknown ${r.to} ${quote(r.value)}`, this.at(r.path));
      }
    }
    const team = this.declared.skill;
    for (const s of this.skillUses) {
      if (team.has(s.value)) continue;
      const known = this.options.knownSkill;
      if (known ? !known(s.value) : !SLUG.test(s.value) && !MODULE_SKILL.test(s.value)) {
        const hint = known ? 'a team skill (skills:) or a built-in area' : `a team skill (skills:) or a lower-case slug like ${quote(slugify(s.value))}`;
        this.report(known ? 'unknown-skill' : 'invalid-id', 'warning', `skill ${quote(s.value)} is not ${hint}`, this.at(s.path));
      }
    }
  }

  /** Who may appear where: goal owners, session goals and action owners belong to the partnership. */
  private checkMembership(model: MentoringFile): void {
    const partnerships = new Map(model.partnerships.map((p) => [p.id, p]));
    const goals = new Map(model.goals.map((g) => [g.id, g]));
    for (const g of model.goals) {
      const p = partnerships.get(g.partnership);
      if (p && this.declared.partner.has(g.owner) && !p.members.includes(g.owner)) {
        this.report('not-a-member', 'error', `goal ${quote(g.id)}: owner ${quote(g.owner)} is not a member of partnership ${quote(p.id)}`, this.pathNode(g, 'owner'));
      }
    }
    for (const s of model.sessions) {
      const p = partnerships.get(s.partnership);
      if (!p) continue;
      const path = this.paths.get(s) ?? [];
      (s.goals ?? []).forEach((gid, i) => {
        const g = goals.get(gid);
        if (g && g.partnership !== p.id && this.declared.partnership.has(g.partnership)) {
          this.report('goal-not-in-partnership', 'error', `session on ${s.date}: goal ${quote(gid)} belongs to partnership ${quote(g.partnership)}, not ${quote(p.id)}`, this.at([...path, 'goals', i]));
        }
      });
      for (const a of s.actions ?? []) {
        if (this.declared.partner.has(a.who) && !p.members.includes(a.who)) {
          this.report('not-a-member', 'error', `session on ${s.date}: action owner ${quote(a.who)} is not a member of partnership ${quote(p.id)}`, this.pathNode(a, 'who'));
        }
      }
    }
  }

  private pathNode(obj: object, key: string): Node | undefined {
    const path = this.paths.get(obj);
    return path ? this.at([...path, key]) : undefined;
  }
}

/** A value shown in a message: at most 60 characters. */
function clip(s: string): string {
  return s.length > 60 ? `${s.slice(0, 59)}…` : s;
}

function slugify(s: string): string {
  return s.trim().toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[^a-z0-9]+/, '') || 'skill';
}

/** Where offsets are in the text: 1-based ranges (a {@link LineIndex} of the text). */
export interface Positions {
  range(start: number, end: number): Range;
}

export interface ValidationResult {
  model: MentoringFile | undefined;
  problems: Problem[];
  /** Where each model entry (partner, goal, review, session, action, ...) came from. */
  paths: WeakMap<object, YamlPath>;
}

/**
 * Reads and checks a parsed document. The model keeps every entry whose required fields are valid
 * (invalid optional fields are left out); entries missing a required field are left out entirely,
 * so consumers never see made-up values. `undefined` when the root is not a map or the version is
 * missing or unsupported.
 */
export function validateDocument(doc: Document.Parsed, lines: Positions, options: ValidateOptions = {}): ValidationResult {
  const v = new Validator(doc, lines, options);
  const model = v.run();
  return { model, problems: v.problems, paths: v.paths };
}
