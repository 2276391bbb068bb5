/**
 * Skill areas of repository paths: what someone who changes a file practises.
 *
 * A path gets, in this order:
 *  - `team` areas: every entry of the mentoring file's `skills:` whose globs match it;
 *  - `language` areas by file extension or well-known file name (`src/a.ts` → `typescript`,
 *    `Dockerfile` → `dockerfile`);
 *  - `practice` areas: `tests`, `ci`, `build`, `infra`, `docs`, `database-migrations`, `dependencies`;
 *  - one `module` area, `module:<dir>`: the top folder, or two levels for the folders that hold
 *    modules (`packages/x`, `src/x`, `apps/x`, …). Files at the root and in dot folders have none.
 *
 * The team's areas take precedence over the built-in module: a path inside a team area keeps its
 * language and practice tags (knowing the area and knowing the language are different skills) but
 * not its `module:` tag (the team's area is the module the team talks about).
 *
 * Paths that earn no skill (generated, vendored, lockfiles, release notes: `generated.ts`) get no
 * built-in area; only a team area the team drew around them.
 */
import type { SkillArea } from '../file';
import { isNonSkillPath } from './generated';
import { compileGlobs, normalizePath } from '../glob';

export type SkillKind = 'language' | 'practice' | 'module' | 'team';

export interface SkillTag {
  id: string;
  kind: SkillKind;
  label: string;
}

export const MODULE_PREFIX = 'module:';

const LANGUAGES: Record<string, { label: string; ext?: string[]; names?: string[] }> = {
  typescript: { label: 'TypeScript', ext: ['ts', 'tsx', 'mts', 'cts'] },
  javascript: { label: 'JavaScript', ext: ['js', 'jsx', 'mjs', 'cjs'] },
  python: { label: 'Python', ext: ['py', 'pyi', 'pyx', 'ipynb'] },
  go: { label: 'Go', ext: ['go'] },
  rust: { label: 'Rust', ext: ['rs'] },
  java: { label: 'Java', ext: ['java'] },
  kotlin: { label: 'Kotlin', ext: ['kt', 'kts'] },
  scala: { label: 'Scala', ext: ['scala', 'sc', 'sbt'] },
  groovy: { label: 'Groovy', ext: ['groovy', 'gradle'] },
  c: { label: 'C', ext: ['c', 'h'] },
  cpp: { label: 'C++', ext: ['cc', 'cpp', 'cxx', 'c++', 'hh', 'hpp', 'hxx', 'h++', 'ipp', 'inl'] },
  csharp: { label: 'C#', ext: ['cs', 'csx'] },
  fsharp: { label: 'F#', ext: ['fs', 'fsi', 'fsx'] },
  'objective-c': { label: 'Objective-C', ext: ['m', 'mm'] },
  swift: { label: 'Swift', ext: ['swift'] },
  dart: { label: 'Dart', ext: ['dart'] },
  ruby: { label: 'Ruby', ext: ['rb', 'rake', 'gemspec', 'erb'], names: ['gemfile', 'rakefile'] },
  php: { label: 'PHP', ext: ['php', 'phtml'] },
  perl: { label: 'Perl', ext: ['pl', 'pm'] },
  lua: { label: 'Lua', ext: ['lua'] },
  r: { label: 'R', ext: ['r', 'rmd'] },
  julia: { label: 'Julia', ext: ['jl'] },
  elixir: { label: 'Elixir', ext: ['ex', 'exs', 'heex'] },
  erlang: { label: 'Erlang', ext: ['erl', 'hrl'] },
  haskell: { label: 'Haskell', ext: ['hs', 'lhs'] },
  ocaml: { label: 'OCaml', ext: ['ml', 'mli'] },
  clojure: { label: 'Clojure', ext: ['clj', 'cljs', 'cljc', 'edn'] },
  zig: { label: 'Zig', ext: ['zig'] },
  nim: { label: 'Nim', ext: ['nim'] },
  solidity: { label: 'Solidity', ext: ['sol'] },
  assembly: { label: 'Assembly', ext: ['s', 'asm'] },
  fortran: { label: 'Fortran', ext: ['f', 'f90', 'f95', 'f03'] },
  shell: { label: 'Shell', ext: ['sh', 'bash', 'zsh', 'fish', 'ksh'] },
  powershell: { label: 'PowerShell', ext: ['ps1', 'psm1', 'psd1'] },
  sql: { label: 'SQL', ext: ['sql', 'psql', 'plsql'] },
  css: { label: 'CSS', ext: ['css', 'scss', 'sass', 'less', 'styl'] },
  html: { label: 'HTML', ext: ['html', 'htm', 'xhtml'] },
  vue: { label: 'Vue', ext: ['vue'] },
  svelte: { label: 'Svelte', ext: ['svelte'] },
  graphql: { label: 'GraphQL', ext: ['graphql', 'gql'] },
  protobuf: { label: 'Protocol Buffers', ext: ['proto'] },
  terraform: { label: 'Terraform', ext: ['tf', 'tfvars', 'hcl'] },
  nix: { label: 'Nix', ext: ['nix'] },
  yaml: { label: 'YAML', ext: ['yml', 'yaml'] },
  dockerfile: { label: 'Dockerfile', ext: ['dockerfile'], names: ['dockerfile', 'containerfile'] },
  makefile: { label: 'Makefile', ext: ['mk', 'mak'], names: ['makefile', 'gnumakefile'] },
  cmake: { label: 'CMake', ext: ['cmake'], names: ['cmakelists.txt'] },
};

const PRACTICES: Record<string, string> = {
  tests: 'Tests',
  ci: 'Continuous integration',
  build: 'Build',
  infra: 'Infrastructure',
  docs: 'Documentation',
  'database-migrations': 'Database migrations',
  dependencies: 'Dependencies',
};

/** Folders whose children are the modules (`packages/x`), rather than being one module themselves. */
const MODULE_CONTAINERS = new Set([
  'src', 'lib', 'libs', 'packages', 'apps', 'app', 'services', 'modules', 'plugins', 'extensions',
  'crates', 'cmd', 'internal', 'pkg', 'components', 'projects', 'tools',
]);

const TEST_DIRS = new Set(['test', 'tests', '__tests__', 'spec', 'specs', 'e2e', 'testing', 'testdata', '__mocks__', 'fixtures']);
const TEST_FILE = /(\.|_|-)(test|tests|spec)\.[^.]+$|^test_.+\.py$|^conftest\.py$|(Test|Tests|Spec|IT)\.(java|kt|scala|cs|groovy|swift)$/;
const CI_FILES = new Set(['.gitlab-ci.yml', '.travis.yml', 'jenkinsfile', 'azure-pipelines.yml', 'bitbucket-pipelines.yml', '.drone.yml', 'appveyor.yml', 'cloudbuild.yaml', 'cloudbuild.yml', 'codecov.yml', '.pre-commit-config.yaml']);
const CI_DIRS = ['.github/workflows/', '.circleci/', '.buildkite/', '.gitlab/', '.azure-pipelines/', '.woodpecker/'];
const BUILD_FILES = new Set([
  'makefile', 'gnumakefile', 'cmakelists.txt', 'meson.build', 'build', 'build.bazel', 'workspace', 'workspace.bazel',
  'module.bazel', 'build.gradle', 'build.gradle.kts', 'settings.gradle', 'settings.gradle.kts', 'gradle.properties',
  'pom.xml', 'build.sbt', 'build.rs', 'rakefile', 'justfile', 'taskfile.yml', 'gulpfile.js', 'gruntfile.js',
  'esbuild.js', 'esbuild.mjs', '.babelrc', 'build.xml', 'directory.build.props', 'directory.build.targets', 'configure.ac',
]);
const BUILD_FILE = /^(tsconfig.*\.json|(webpack|rollup|vite|babel|esbuild|tsup|turbo|nx|jest|vitest|karma|metro)\.config\.[a-z]+|.*\.(cmake|mk|mak|sln|csproj|fsproj|vcxproj|bzl))$/;
const INFRA_FILES = new Set(['vagrantfile', 'chart.yaml', 'values.yaml', 'kustomization.yaml', 'kustomization.yml', 'pulumi.yaml', 'serverless.yml', 'serverless.yaml', '.dockerignore', 'procfile', 'fly.toml', 'app.yaml', 'skaffold.yaml', 'tiltfile']);
const INFRA_FILE = /^(dockerfile(\..+)?|containerfile|.+\.dockerfile|(docker-)?compose(\..+)?\.ya?ml|.+\.(tf|tfvars|hcl))$/;
const INFRA_DIRS = new Set(['terraform', 'k8s', 'kubernetes', 'helm', 'charts', 'ansible', 'deploy', 'deployment', 'deployments', 'infra', 'infrastructure', 'ops', 'manifests', 'puppet', 'chef', '.devcontainer']);
const DOC_FILE = /(\.(md|mdx|rst|adoc|asciidoc|rdoc|textile|tex)$)|^(readme|changelog|contributing|authors|code_of_conduct|history|news)(\..+)?$/;
const DOC_DIRS = new Set(['docs', 'doc', 'documentation', 'man', 'wiki']);
const MIGRATION_DIRS = new Set(['migrations', 'migration', 'migrate', 'alembic', 'flyway', 'liquibase', 'db_migrations']);
const DEPENDENCY_FILES = new Set([
  'package.json', 'package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'pnpm-workspace.yaml', 'bun.lockb', 'bun.lock',
  'go.mod', 'go.sum', 'go.work', 'cargo.toml', 'cargo.lock', 'pipfile', 'pipfile.lock', 'poetry.lock', 'pyproject.toml', 'setup.py',
  'setup.cfg', 'uv.lock', 'environment.yml', 'gemfile', 'gemfile.lock', 'composer.json', 'composer.lock', 'pom.xml', 'build.gradle',
  'build.gradle.kts', 'gradle.lockfile', 'packages.config', 'directory.packages.props', 'packages.lock.json', 'mix.exs', 'mix.lock',
  'pubspec.yaml', 'pubspec.lock', 'podfile', 'podfile.lock', 'package.swift', 'package.resolved', 'cartfile', 'vcpkg.json',
  'conanfile.txt', 'conanfile.py', 'renovate.json', 'dependabot.yml', 'deno.json', 'deno.lock', 'flake.lock', 'stack.yaml', 'cabal.project',
]);
const DEPENDENCY_FILE = /^requirements.*\.(txt|in)$|\.(csproj|fsproj)$/;

const byExtension = new Map<string, string>();
const byName = new Map<string, string>();
for (const [id, lang] of Object.entries(LANGUAGES)) {
  for (const e of lang.ext ?? []) byExtension.set(e, id);
  for (const n of lang.names ?? []) byName.set(n, id);
}

const builtinTags = new Map<string, SkillTag>();
for (const [id, lang] of Object.entries(LANGUAGES)) builtinTags.set(id, { id, kind: 'language', label: lang.label });
for (const [id, label] of Object.entries(PRACTICES)) builtinTags.set(id, { id, kind: 'practice', label });

const BUILTIN_IDS: ReadonlySet<string> = new Set(builtinTags.keys());

/** Ids of the built-in language and practice areas (`module:<dir>` ids are built in too: see {@link isBuiltinSkillId}). */
export function builtinSkillIds(): ReadonlySet<string> {
  return BUILTIN_IDS;
}

/** True for a built-in language or practice id, or any `module:<dir>`. */
export function isBuiltinSkillId(id: string): boolean {
  return BUILTIN_IDS.has(id) || (id.startsWith(MODULE_PREFIX) && id.length > MODULE_PREFIX.length);
}

/** The tag a skill id stands for (team areas first), for labels in reports. */
export function describeSkill(id: string, teamSkills: readonly SkillArea[] = []): SkillTag {
  const team = teamSkills.find((s) => s.id === id);
  if (team) return { id, kind: 'team', label: team.name ?? team.id };
  const builtin = builtinTags.get(id);
  if (builtin) return builtin;
  if (id.startsWith(MODULE_PREFIX)) return { id, kind: 'module', label: id.slice(MODULE_PREFIX.length) };
  return { id, kind: 'team', label: id };
}

/** How an area is shown: folders as folders (`lib/`, apart from the practice "Tests" and a folder `tests/`), others by name. */
export function areaLabel(tag: SkillTag): string {
  return tag.kind === 'module' ? `${tag.label}/` : tag.label;
}

/** Folder of the module a path belongs to (`src/core/a.ts` → `src/core`), or undefined at the root. */
export function moduleOf(path: string): string | undefined {
  const first = path.indexOf('/');
  // Dot folders (`.github`, `.vscode`) hold tool settings, not a module.
  if (first <= 0 || path.charCodeAt(0) === 46) return undefined;
  const top = path.slice(0, first);
  if (MODULE_CONTAINERS.has(top.toLowerCase())) {
    const second = path.indexOf('/', first + 1);
    if (second > first + 1) return path.slice(0, second);
  }
  return top;
}

function practicesOf(path: string, dirs: string[], name: string, lower: string): string[] {
  const out: string[] = [];
  const lowerDirs = dirs.map((d) => d.toLowerCase());
  if (lowerDirs.some((d) => TEST_DIRS.has(d)) || TEST_FILE.test(name)) out.push('tests');
  const lowerPath = path.toLowerCase();
  if (CI_FILES.has(lower) || CI_DIRS.some((d) => lowerPath.startsWith(d))) out.push('ci');
  if (BUILD_FILES.has(lower) || BUILD_FILE.test(lower)) out.push('build');
  if (INFRA_FILES.has(lower) || INFRA_FILE.test(lower) || lowerDirs.some((d) => INFRA_DIRS.has(d))) out.push('infra');
  if (DOC_FILE.test(lower) || (lowerDirs.length > 0 && DOC_DIRS.has(lowerDirs[0]))) out.push('docs');
  if (lowerDirs.some((d) => MIGRATION_DIRS.has(d))) out.push('database-migrations');
  if (DEPENDENCY_FILES.has(lower) || DEPENDENCY_FILE.test(lower)) out.push('dependencies');
  return out;
}

function languageOf(lower: string): string | undefined {
  const named = byName.get(lower);
  if (named) return named;
  if (lower.startsWith('dockerfile.') || lower.startsWith('containerfile.')) return 'dockerfile';
  const dot = lower.lastIndexOf('.');
  if (dot < 0) return undefined;
  return byExtension.get(lower.slice(dot + 1));
}

/**
 * A classifier for repository paths (forward slashes, relative to the repository root). Team areas
 * are compiled once; the classifier holds no per-path state, so callers cache results per path.
 * `noSkill` tells paths that earn no built-in area (default: the built-in rules of `generated.ts`;
 * the analysis passes the repository's own, with its `.gitattributes`).
 */
export function createClassifier(teamSkills: readonly SkillArea[] = [], options: { noSkill?: (path: string) => boolean } = {}): (path: string) => SkillTag[] {
  const noSkill = options.noSkill ?? isNonSkillPath;
  const team = teamSkills.map((s) => ({ tag: { id: s.id, kind: 'team', label: s.name ?? s.id } as SkillTag, match: compileGlobs(s.paths) }));
  const moduleTags = new Map<string, SkillTag>();
  return (rawPath: string): SkillTag[] => {
    const path = normalizePath(rawPath);
    const tags: SkillTag[] = [];
    const seen = new Set<string>();
    const add = (tag: SkillTag | undefined): void => {
      if (tag && !seen.has(tag.id)) {
        seen.add(tag.id);
        tags.push(tag);
      }
    };
    for (const t of team) if (t.match(path)) add(t.tag);
    const inTeamArea = tags.length > 0;
    if (noSkill(path)) return tags;
    const parts = path.split('/');
    const name = parts.pop() ?? '';
    const lower = name.toLowerCase();
    const lang = languageOf(lower);
    if (lang) add(builtinTags.get(lang));
    for (const p of practicesOf(path, parts, name, lower)) add(builtinTags.get(p));
    if (!inTeamArea) {
      const dir = moduleOf(path);
      if (dir !== undefined) {
        let tag = moduleTags.get(dir);
        if (!tag) {
          tag = { id: MODULE_PREFIX + dir, kind: 'module', label: dir };
          moduleTags.set(dir, tag);
        }
        add(tag);
      }
    }
    return tags;
  };
}
