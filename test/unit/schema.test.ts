import * as assert from 'assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { FORMAT_VERSION, GOAL_STATUSES, PARTNERSHIP_KINDS, PARTNERSHIP_STATUSES, SESSION_STATUSES } from '../../src/core/file/model';
import { ENUM_KEYS, Entity, KNOWN_KEYS, REQUIRED_KEYS, SLUG } from '../../src/core/file';

interface SchemaNode {
  $ref?: string;
  type?: string;
  description?: string;
  enum?: unknown[];
  pattern?: string;
  required?: string[];
  additionalProperties?: boolean;
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  definitions?: Record<string, SchemaNode>;
}

const ROOT = path.join(__dirname, '../../..');
const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'media/mentoring.schema.json'), 'utf8')) as SchemaNode;

/** The node itself, merged over what its `$ref` points to (as the YAML extension reads it). */
function resolve(node: SchemaNode): SchemaNode {
  if (!node.$ref) return node;
  const name = /^#\/definitions\/(.+)$/.exec(node.$ref)?.[1];
  const target = name ? schema.definitions?.[name] : undefined;
  assert.ok(target, `unresolved $ref ${node.$ref}`);
  return { ...resolve(target), ...node, $ref: undefined };
}

function entitySchema(entity: Entity): SchemaNode {
  const node = entity === 'file' ? schema : schema.definitions?.[entity];
  assert.ok(node, `the schema has no definition for ${entity}`);
  return node;
}

const ENTITIES = Object.keys(KNOWN_KEYS) as Entity[];

describe('mentoring.schema.json', () => {
  it('is draft-07 and contributed for .mentoring.yml', () => {
    assert.equal((schema as { $schema?: string }).$schema, 'http://json-schema.org/draft-07/schema#');
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      contributes: { yamlValidation: { fileMatch: string[]; url: string }[] };
    };
    const entry = pkg.contributes.yamlValidation.find((v) => v.fileMatch.includes('.mentoring.yml'));
    assert.equal(entry?.url, './media/mentoring.schema.json');
  });

  it('covers every entity of the format', () => {
    assert.deepEqual(ENTITIES.sort(), ['action', 'file', 'goal', 'partner', 'partnership', 'review', 'session', 'skill']);
  });

  for (const entity of ENTITIES) {
    describe(entity, () => {
      it('has exactly the known keys, and no others', () => {
        const node = entitySchema(entity);
        assert.equal(node.type, 'object');
        assert.equal(node.additionalProperties, false);
        assert.deepEqual(Object.keys(node.properties ?? {}).sort(), [...KNOWN_KEYS[entity]].sort());
      });

      it('requires exactly the required keys', () => {
        assert.deepEqual([...(entitySchema(entity).required ?? [])].sort(), [...REQUIRED_KEYS[entity]].sort());
      });

      it('lists the same enum values', () => {
        const props = entitySchema(entity).properties ?? {};
        for (const [key, node] of Object.entries(props)) {
          const values = resolve(node).enum;
          const expected = ENUM_KEYS[entity][key];
          if (key === 'version') continue;
          assert.deepEqual(values, expected && [...expected], `${entity}.${key}`);
        }
      });

      it('describes every key', () => {
        for (const [key, node] of Object.entries(entitySchema(entity).properties ?? {})) {
          assert.ok(resolve(node).description, `${entity}.${key} has no description`);
        }
      });
    });
  }

  it('agrees with the enum arrays of the model', () => {
    assert.deepEqual(ENUM_KEYS.partnership, { kind: PARTNERSHIP_KINDS, status: PARTNERSHIP_STATUSES });
    assert.deepEqual(ENUM_KEYS.goal, { status: GOAL_STATUSES });
    assert.deepEqual(ENUM_KEYS.review, { status: GOAL_STATUSES });
    assert.deepEqual(ENUM_KEYS.session, { status: SESSION_STATUSES });
    assert.deepEqual(schema.properties?.version.enum, [FORMAT_VERSION]);
  });

  it('uses the same id pattern as the validator', () => {
    assert.equal(schema.definitions?.id.pattern, SLUG.source);
  });

  it('types lists of entries as lists of their definitions', () => {
    const lists: [Entity, string, Entity][] = [
      ['file', 'partners', 'partner'],
      ['file', 'partnerships', 'partnership'],
      ['file', 'skills', 'skill'],
      ['file', 'goals', 'goal'],
      ['file', 'sessions', 'session'],
      ['goal', 'reviews', 'review'],
      ['session', 'actions', 'action'],
    ];
    for (const [entity, key, item] of lists) {
      const node = resolve(entitySchema(entity).properties?.[key] ?? {});
      assert.equal(node.type, 'array', `${entity}.${key}`);
      assert.equal(node.items?.$ref, `#/definitions/${item}`, `${entity}.${key}`);
    }
  });
});
