/**
 * package.json against the sources: every contributed command is registered, every registered
 * command is contributed (or deliberately internal), every command a menu, welcome view or
 * walkthrough names exists, every `%key%` has its text in package.nls.json.
 * (The package smoke test checks the same commands against `vscode.commands.getCommands` in VS Code.)
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { contributedCommands, INTERNAL_COMMANDS, nlsPlaceholders, readManifest, readRawManifest, referencedCommands, registeredInSource, ROOT } from './helpers/manifest';

/** Commands of VS Code itself that the manifest links to. */
const BUILTIN_COMMANDS = new Set(['vscode.openFolder', 'workbench.trust.manage', 'workbench.view.extension.mentoring']);

describe('manifest', () => {
  const pkg = readManifest();
  const contributed = contributedCommands(pkg);
  const registered = registeredInSource();
  const registeredIds = new Set(registered.map((r) => r.command));

  it('finds the registrations it checks (literal ids and constants)', () => {
    assert.ok(registeredIds.has('mentoring.refresh'), 'a literal id');
    assert.ok(registeredIds.has('mentoring.reviewGoals'), 'an id held in a constant (REVIEW_COMMAND)');
    assert.ok(contributed.length >= 10, `contributed: ${contributed.join(', ')}`);
  });

  it('registers every contributed command', () => {
    const missing = contributed.filter((c) => !registeredIds.has(c));
    assert.deepStrictEqual(missing, [], 'contributed in package.json but registered nowhere in src/vscode');
  });

  it('contributes every registered command, or lists it as internal', () => {
    const stray = registered.filter((r) => !contributed.includes(r.command) && !(r.command in INTERNAL_COMMANDS)).map((r) => `${r.command} (${r.file})`);
    assert.deepStrictEqual(stray, [], 'registered but neither contributed nor in INTERNAL_COMMANDS');
    for (const id of Object.keys(INTERNAL_COMMANDS)) {
      assert.ok(registeredIds.has(id), `internal command ${id} is registered`);
      assert.ok(!contributed.includes(id), `internal command ${id} is not contributed`);
    }
  });

  it('contributes each command once, with a title and a category', () => {
    assert.deepStrictEqual(contributed.filter((c, i) => contributed.indexOf(c) !== i), [], 'duplicates');
    for (const c of pkg.contributes?.commands ?? []) {
      assert.ok(c.title, `${c.command} has a title`);
      assert.ok(c.category, `${c.command} has a category`);
      assert.ok(c.command.startsWith('mentoring.'), `${c.command} is in the mentoring. namespace`);
    }
  });

  it('refers only to commands that exist (menus, welcome views, walkthrough)', () => {
    const refs = referencedCommands(pkg);
    assert.ok(refs.some((r) => r.where.startsWith('menus.')), 'menus are read');
    const unknown = refs.filter((r) => !contributed.includes(r.command) && !BUILTIN_COMMANDS.has(r.command)).map((r) => `${r.command} in ${r.where}`);
    assert.deepStrictEqual(unknown, []);
  });

  it('has the walkthrough markdown and media it names', () => {
    for (const walk of pkg.contributes?.walkthroughs ?? []) {
      for (const step of walk.steps) {
        const md = step.media?.markdown;
        if (md) assert.ok(fs.existsSync(path.join(ROOT, md)), `${md} exists`);
      }
    }
  });

  it('has a text in package.nls.json for every %key% in package.json, and no unused text', () => {
    const nlsFile = path.join(ROOT, 'package.nls.json');
    const keys = nlsPlaceholders(readRawManifest());
    if (!fs.existsSync(nlsFile)) {
      assert.deepStrictEqual(keys, [], 'package.json uses %keys% but package.nls.json is missing');
      return;
    }
    const nls = JSON.parse(fs.readFileSync(nlsFile, 'utf8')) as Record<string, unknown>;
    assert.deepStrictEqual(keys.filter((k) => typeof nls[k] !== 'string' || !nls[k]), [], 'keys without a text');
    assert.deepStrictEqual(Object.keys(nls).filter((k) => !keys.includes(k)), [], 'texts no key uses');
  });

  it('scans sources for literal ids, constants and local command helpers', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-manifest-'));
    try {
      fs.mkdirSync(path.join(dir, 'sub'));
      fs.writeFileSync(path.join(dir, 'a.ts'), "export const OPEN = 'x.open';\nvscode.commands.registerCommand('x.one', f);\ncommand( 'x.two', g);\nvscode.commands.executeCommand('x.not');\n");
      fs.writeFileSync(path.join(dir, 'sub', 'b.ts'), 'vscode.commands.registerCommand(OPEN, h);\n');
      assert.deepStrictEqual(registeredInSource(dir).map((r) => r.command).sort(), ['x.one', 'x.open', 'x.two']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('shows the localised texts, not their keys', () => {
    const raw = readRawManifest();
    assert.ok(nlsPlaceholders(raw).length > 0, 'the manifest is localised');
    assert.deepStrictEqual(nlsPlaceholders(pkg), [], 'every %key% resolved');
    assert.ok(referencedCommands(pkg).some((r) => r.where === 'viewsWelcome'), 'welcome-view links are read through package.nls.json');
  });

  it('reads %key% placeholders anywhere in the manifest', () => {
    assert.deepStrictEqual(nlsPlaceholders({ a: '%x.y%', b: ['%z%', 'plain 100%'], c: { d: '%w%' } }), ['x.y', 'z', 'w']);
  });
});
