import * as assert from 'assert';
import { areaLabel, builtinSkillIds, createClassifier, describeSkill, isBuiltinSkillId, moduleOf } from '../../src/core/expertise/skills';

const ids = (classify: (p: string) => { id: string }[], p: string): string[] => classify(p).map((t) => t.id);

describe('skill classification', () => {
  const classify = createClassifier();

  it('tags languages, practices and the module of a path', () => {
    const cases: [string, string[]][] = [
      ['src/core/model.ts', ['typescript', 'module:src/core']],
      ['packages/web/src/App.tsx', ['typescript', 'module:packages/web']],
      ['test/unit/skills.test.ts', ['typescript', 'tests', 'module:test']],
      ['pkg/api/server_test.go', ['go', 'tests', 'module:pkg/api']],
      ['tests/test_parser.py', ['python', 'tests', 'module:tests']],
      ['app/src/main/java/FooTest.java', ['java', 'tests', 'module:app/src']],
      ['Dockerfile', ['dockerfile', 'infra']],
      ['deploy/Dockerfile.prod', ['dockerfile', 'infra', 'module:deploy']],
      ['docker-compose.yml', ['yaml', 'infra']],
      ['infra/main.tf', ['terraform', 'infra', 'module:infra']],
      ['charts/web/values.yaml', ['yaml', 'infra', 'module:charts']],
      ['Makefile', ['makefile', 'build']],
      ['CMakeLists.txt', ['cmake', 'build']],
      ['tsconfig.json', ['build']],
      ['.github/workflows/ci.yml', ['yaml', 'ci']],
      ['.gitlab-ci.yml', ['yaml', 'ci']],
      ['Jenkinsfile', ['ci']],
      ['README.md', ['docs']],
      ['docs/guide/intro.md', ['docs', 'module:docs']],
      ['db/migrations/001_init.sql', ['sql', 'database-migrations', 'module:db']],
      // Lockfiles, release notes, minified and built files earn no skill (see generated.test).
      ['package-lock.json', []],
      ['History.md', []],
      ['dist/app.min.js', []],
      ['package.json', ['dependencies']],
      ['go.mod', ['dependencies']],
      ['requirements-dev.txt', ['dependencies']],
      ['Cargo.toml', ['dependencies']],
      ['pom.xml', ['build', 'dependencies']],
      ['Gemfile', ['ruby', 'dependencies']],
      ['src/lib.rs', ['rust', 'module:src']],
      ['lib/a/b.rb', ['ruby', 'module:lib/a']],
      ['web/style.SCSS', ['css', 'module:web']],
      ['scripts/release.sh', ['shell', 'module:scripts']],
      ['native/x.cpp', ['cpp', 'module:native']],
      ['native/x.h', ['c', 'module:native']],
      ['LICENSE', []],
      ['.mailmap', []],
    ];
    for (const [p, expected] of cases) assert.deepStrictEqual(ids(classify, p), expected, p);
  });

  it('labels tags and knows its built-in ids', () => {
    assert.deepStrictEqual(classify('src/x/a.cs'), [
      { id: 'csharp', kind: 'language', label: 'C#' },
      { id: 'module:src/x', kind: 'module', label: 'src/x' },
    ]);
    assert.ok(builtinSkillIds().has('typescript'));
    assert.ok(builtinSkillIds().has('database-migrations'));
    assert.ok(!builtinSkillIds().has('parser'));
    assert.strictEqual(isBuiltinSkillId('module:src/core'), true);
    assert.strictEqual(isBuiltinSkillId('module:'), false);
    assert.strictEqual(isBuiltinSkillId('parser'), false);
    assert.deepStrictEqual(describeSkill('sql'), { id: 'sql', kind: 'language', label: 'SQL' });
    assert.deepStrictEqual(describeSkill('module:db'), { id: 'module:db', kind: 'module', label: 'db' });
    assert.deepStrictEqual(describeSkill('parser', [{ id: 'parser', name: 'The parser', paths: [] }]), { id: 'parser', kind: 'team', label: 'The parser' });
  });

  it('puts modules one level down in folders that hold modules', () => {
    assert.strictEqual(moduleOf('packages/x/src/a.ts'), 'packages/x');
    assert.strictEqual(moduleOf('src/a.ts'), 'src');
    assert.strictEqual(moduleOf('backend/a/b.go'), 'backend');
    assert.strictEqual(moduleOf('a.ts'), undefined);
    assert.strictEqual(moduleOf('.vscode/settings.json'), undefined);
  });

  it("gives the team's areas precedence over the module, keeping language and practice tags", () => {
    const team = createClassifier([
      { id: 'parser', name: 'Parser', paths: ['src/parser/**', 'grammar/*.g4'] },
      { id: 'frontend', paths: ['src/ui/'] },
      { id: 'typescript', name: 'Our TypeScript', paths: ['tools/**'] },
    ]);
    assert.deepStrictEqual(ids(team, 'src/parser/lexer.ts'), ['parser', 'typescript']);
    assert.deepStrictEqual(ids(team, 'src/parser/lexer.test.ts'), ['parser', 'typescript', 'tests']);
    assert.deepStrictEqual(ids(team, 'src/ui/app.tsx'), ['frontend', 'typescript']);
    assert.deepStrictEqual(ids(team, 'src/core/a.ts'), ['typescript', 'module:src/core']);
    assert.deepStrictEqual(team('tools/x.py'), [
      { id: 'typescript', kind: 'team', label: 'Our TypeScript' },
      { id: 'python', kind: 'language', label: 'Python' },
    ]);
    assert.deepStrictEqual(ids(team, './src\\parser\\x.ts'), ['parser', 'typescript']);
    // A team area drawn around files that earn no built-in skill still counts them.
    assert.deepStrictEqual(ids(createClassifier([{ id: 'vendor', paths: ['vendor/**'] }]), 'vendor/lib/x.go'), ['vendor']);
  });

  it('shows folders as folders, other areas by name', () => {
    assert.strictEqual(areaLabel({ id: 'module:tests', kind: 'module', label: 'tests' }), 'tests/');
    assert.strictEqual(areaLabel({ id: 'tests', kind: 'practice', label: 'Tests' }), 'Tests');
  });
});
