import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as esbuild from 'esbuild';

const ROOT = path.resolve(__dirname, '..', '..', '..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { check, CORE_ORDER } = require(path.join(ROOT, 'scripts', 'architecture.js')) as { check(root?: string): string[]; CORE_ORDER: string[] };

/** A small tree with the project's shape, in a temporary folder: `files` maps paths to their text. */
function tree(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-arch-'));
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

const CLEAN = {
  'src/core/dates.ts': 'export const day = 1;\n',
  'src/core/file/index.ts': "export * from './model';\n",
  'src/core/file/model.ts': "import { day } from '../dates';\nexport const model = day;\n",
  'src/core/mentoring/index.ts': "export * from './cadence';\n",
  'src/core/mentoring/cadence.ts': "import { model } from '../file';\nexport const cadence = model;\n",
  'src/vscode/extension.ts': "import { cadence } from '../core/mentoring';\nexport const x = cadence;\n",
};

describe('architecture check', () => {
  it('passes on the project itself', () => {
    assert.deepStrictEqual(check(ROOT), []);
  });

  it('passes on a clean small tree', () => {
    assert.deepStrictEqual(check(tree(CLEAN)), []);
  });

  it('finds a runtime import circle, naming its files in order', () => {
    const dir = tree({
      ...CLEAN,
      'src/vscode/a.ts': "import { b } from './b';\nexport const a = b;\n",
      'src/vscode/b.ts': "import { c } from './c';\nexport const b = c;\n",
      'src/vscode/c.ts': "import { a } from './a';\nexport const c = a;\n",
    });
    assert.deepStrictEqual(check(dir), ['import circle: src/vscode/a.ts → src/vscode/b.ts → src/vscode/c.ts → src/vscode/a.ts']);
  });

  it('finds a circle made of type-only imports and re-exports', () => {
    const dir = tree({
      ...CLEAN,
      'src/vscode/a.ts': "import type { B } from './b';\nexport type A = B | 1;\n",
      'src/vscode/b.ts': "export type { A as B } from './a';\n",
    });
    assert.deepStrictEqual(check(dir), ['import circle: src/vscode/a.ts → src/vscode/b.ts → src/vscode/a.ts']);
  });

  it('finds a deep import into another room, from the host and from another room', () => {
    const dir = tree({
      ...CLEAN,
      'src/vscode/extension.ts': "import { cadence } from '../core/mentoring/cadence';\nexport const x = cadence;\n",
      'src/core/mentoring/cadence.ts': "import { model } from '../file/model';\nexport const cadence = model;\n",
    });
    assert.deepStrictEqual(check(dir), [
      "src/core/mentoring/cadence.ts: imports src/core/file/model.ts from inside src/core/file/; import '../file' (its index.ts) instead",
      "src/vscode/extension.ts: imports src/core/mentoring/cadence.ts from inside src/core/mentoring/; import '../core/mentoring' (its index.ts) instead",
    ]);
  });

  it('keeps the rooms of the core in their order, and the core free of the layers above', () => {
    const dir = tree({
      ...CLEAN,
      'src/core/file/model.ts': "import { cadence } from '../mentoring';\nimport * as vscode from 'vscode';\nimport { x } from '../../vscode/extension';\nexport const model = [cadence, vscode, x];\n",
    });
    const problems = check(dir);
    assert.ok(problems.includes(`src/core/file/model.ts: src/core/file/ imports src/core/mentoring/, which comes after it (order: ${CORE_ORDER.join(' < ')})`), problems.join('\n'));
    assert.ok(problems.includes("src/core/file/model.ts: the core imports 'vscode': it stays plain TypeScript"), problems.join('\n'));
    assert.ok(problems.includes('src/core/file/model.ts: the core imports src/vscode/extension.ts: the core depends on nothing above it'), problems.join('\n'));
    assert.ok(problems.some((p) => p.startsWith('import circle: ')), problems.join('\n'));
  });

  it('finds files over 500 lines, names in another style, and rooms without an index', () => {
    const dir = tree({
      ...CLEAN,
      'src/vscode/log-session.ts': 'export const x = 1;\n'.repeat(501),
      'src/vscode/steps/steps.ts': 'export const s = 1;\n',
    });
    assert.deepStrictEqual(check(dir), [
      'src/vscode/log-session.ts: 501 lines, over 500: split it by concern',
      'src/vscode/log-session.ts: file names are camelCase (rename to logSession.ts)',
      'src/vscode/steps/: a room without index.ts (its only way in)',
    ]);
  });

  it('the webview bundle takes nothing of the core beyond what it uses (barrels add no code)', async () => {
    const result = await esbuild.build({
      absWorkingDir: ROOT,
      entryPoints: ['webview/review/main.ts'],
      bundle: true,
      write: false,
      metafile: true,
      platform: 'browser',
      format: 'iife',
      outdir: path.join(os.tmpdir(), 'pm-arch-bundle'),
      logLevel: 'silent',
    });
    const output = Object.values(result.metafile.outputs).find((o) => o.entryPoint)!;
    const inputs = Object.keys(output.inputs).filter((f) => output.inputs[f].bytesInOutput > 0);
    const unwanted = inputs.filter((f) => /node_modules\/yaml\/|src\/core\/(disk|expertise|notes)\/|src\/core\/file\/(parse|validate|edit)/.test(f));
    assert.deepStrictEqual(unwanted, [], 'modules the webview does not use');
  });
});

describe('ARCHITECTURE.md', () => {
  const doc = fs.readFileSync(path.join(ROOT, 'ARCHITECTURE.md'), 'utf8');
  const folders = (dir: string): string[] => {
    const out: string[] = [];
    const walk = (rel: string): void => {
      for (const e of fs.readdirSync(path.join(ROOT, rel), { withFileTypes: true })) {
        if (e.isDirectory()) {
          out.push(`${rel}/${e.name}/`);
          walk(`${rel}/${e.name}`);
        }
      }
    };
    walk(dir);
    return out;
  };

  it('names every folder under src/ and webview/', () => {
    const missing = [...folders('src'), ...folders('webview')].filter((f) => !doc.includes(`\`${f}\``));
    assert.deepStrictEqual(missing, [], 'folders ARCHITECTURE.md does not name (as `src/…/`)');
  });

  it('names no folder that is gone', () => {
    const named = [...doc.matchAll(/`((?:src|webview)\/[\w/]+\/)`/g)].map((m) => m[1]);
    const gone = named.filter((f) => !fs.existsSync(path.join(ROOT, f)));
    assert.deepStrictEqual(gone, []);
  });

  it('is linked from the README', () => {
    assert.match(fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8'), /\]\(ARCHITECTURE\.md\)/);
  });
});
