/**
 * The installed .vsix in a real VS Code: loaded from the extensions folder (not this repository),
 * activates on its own, has the README's pictures, registers what it contributes, shows the fixture's partners, reads
 * the history for Suggestions in its worker thread and reports problems in the mentoring file.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { MentoringApi } from '../../src/vscode/extension';
import { host, waitFor } from '../integration/host';
import { contributedCommands, INTERNAL_COMMANDS, Manifest, nlsPlaceholders, referencedCommands } from '../unit/helpers/manifest';

const EXTENSION_ID = 'peer-mentoring.peer-mentoring';
const SETTLE_MS = 30000;

function extension(): vscode.Extension<MentoringApi> {
  const ext = vscode.extensions.getExtension<MentoringApi>(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is installed`);
  return ext;
}

function mentoringFile(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'a folder is open');
  return vscode.Uri.joinPath(folder.uri, '.mentoring.yml');
}

describe('installed package', () => {
  it('is loaded from the extensions folder, without sources', () => {
    const dir = process.env.PM_EXTENSIONS_DIR;
    assert.ok(dir, 'PM_EXTENSIONS_DIR is set');
    const at = extension().extensionPath;
    assert.ok(path.resolve(at).startsWith(path.resolve(dir) + path.sep), `${at} is under ${dir}`);
    const entries = fs.readdirSync(at).sort();
    for (const unwanted of ['src', 'test', 'node_modules', 'out', 'tsconfig.json']) assert.ok(!entries.includes(unwanted), `no ${unwanted} in the package: ${entries.join(', ')}`);
    assert.ok(!fs.readdirSync(path.join(at, 'dist')).some((f) => f.endsWith('.map')), 'no source maps');
  });

  it('has every picture its README shows (the Extensions view reads them from the package)', () => {
    const at = extension().extensionPath;
    // vsce stores it as readme.md.
    const name = fs.readdirSync(at).find((f) => f.toLowerCase() === 'readme.md');
    assert.ok(name, 'the README is in the package');
    const readme = fs.readFileSync(path.join(at, name), 'utf8');
    const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1]);
    assert.ok(images.length >= 4, `the README shows pictures: ${images.join(', ')}`);
    for (const image of images) {
      assert.ok(!/^[a-z]+:/i.test(image), `${image} is a path inside the package`);
      assert.ok(fs.existsSync(path.join(at, image)), `${image} is in the package`);
    }
    assert.ok(!fs.readdirSync(path.join(at, 'media', 'screenshots')).some((f) => !f.endsWith('.png')), 'only the pictures, not their recorded texts');
  });

  it('is ready to publish: icon, repository, changelog, and what the Open VSX client checks', async () => {
    const at = extension().extensionPath;
    const manifest = extension().packageJSON as Record<string, unknown> & { icon?: string; repository?: { url?: string }; bugs?: { url?: string }; homepage?: string };
    // A 128×128 PNG, as both registries ask.
    assert.ok(manifest.icon, 'an icon');
    const png = fs.readFileSync(path.join(at, manifest.icon));
    assert.strictEqual(png.subarray(1, 4).toString('latin1'), 'PNG');
    assert.deepStrictEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128]);
    for (const url of [manifest.repository?.url, manifest.bugs?.url, manifest.homepage]) assert.match(url ?? '', /^https:\/\/github\.com\/peer-mentoring\/peer-mentoring/);
    // vsce stores the changelog as changelog.md; it has the version packaged, or what is not released yet.
    const changelog = fs.readdirSync(at).find((f) => f.toLowerCase() === 'changelog.md');
    assert.ok(changelog, 'the changelog is in the package');
    assert.match(fs.readFileSync(path.join(at, changelog), 'utf8'), new RegExp(`^## (Unreleased|${String(manifest.version).replace(/\./g, '\\.')} )`, 'm'));
    // The checks `ovsx publish` makes before it uploads a package.
    const vsix = process.env.PM_VSIX_FILE;
    assert.ok(vsix && fs.existsSync(vsix), 'PM_VSIX_FILE names the package');
    /* eslint-disable @typescript-eslint/no-require-imports */
    const zip = require('ovsx/lib/zip') as { readVSIXPackage(file: string): Promise<Record<string, unknown>> };
    const util = require('ovsx/lib/util') as { validateManifest(manifest: unknown): void };
    const license = require('ovsx/lib/check-license') as { isLicenseOk(dir: string, manifest: unknown): Promise<boolean> };
    /* eslint-enable @typescript-eslint/no-require-imports */
    const packed = await zip.readVSIXPackage(vsix);
    util.validateManifest(packed);
    assert.strictEqual(await license.isLicenseOk(at, packed), true);
    assert.deepStrictEqual([packed.publisher, packed.name, packed.version], [manifest.publisher, manifest.name, manifest.version]);
  });

  it('activates on workspaceContains:.mentoring.yml', async () => {
    const ext = extension();
    await waitFor(`${EXTENSION_ID} to activate (its main, ${String(ext.packageJSON.main)}, must load)`, () => ext.isActive, SETTLE_MS);
    await ext.exports.testing.store.ready;
  });

  it('registers every command it contributes, and only those', async () => {
    const manifest = extension().packageJSON as Manifest;
    const all = new Set(await vscode.commands.getCommands(true));
    const contributed = contributedCommands(manifest);
    assert.deepStrictEqual(contributed.filter((c) => !all.has(c)), [], 'contributed but not registered');
    // VS Code adds its own commands for each view (`mentoring.partners.focus`...).
    const viewIds = Object.values(manifest.contributes?.views ?? {}).flatMap((vs) => vs.map((v) => v.id));
    const forView = (c: string) => viewIds.some((v) => /^\.(focus|open|resetViewLocation|toggleVisibility|removeView)$/.test(c.slice(v.length)) && c.startsWith(v));
    const stray = [...all].filter((c) => c.startsWith('mentoring.') && !contributed.includes(c) && !(c in INTERNAL_COMMANDS) && !forView(c));
    assert.deepStrictEqual(stray, [], 'registered but neither contributed nor internal');
    const refs = referencedCommands(manifest, extension().extensionPath);
    assert.deepStrictEqual(nlsPlaceholders(manifest), [], 'every %key% has its text from package.nls.json');
    assert.ok(refs.some((r) => r.where === 'viewsWelcome') && refs.some((r) => r.where === 'walkthrough description'), 'welcome views and walkthrough steps are read');
    const unknown = refs.filter((r) => !all.has(r.command));
    assert.deepStrictEqual(unknown, [], 'menus, welcome views and the walkthrough name only existing commands');
  });

  it('shows the fixture partners in the Partners & Goals view', async () => {
    const { tree } = extension().exports.testing;
    const labels = async () => ((await tree.getChildren()) ?? []).map((r) => r.label);
    await waitFor('the three partners', async () => (await labels()).length === 3, SETTLE_MS);
    assert.deepStrictEqual(await labels(), ['Ana Lima', 'Ben Okafor', 'Chen Wei']);
    if (!host.available) return;
    await vscode.commands.executeCommand('workbench.view.extension.mentoring');
    const rows = await waitFor('the view to render its rows', async () => {
      const texts = await host.domText('.pane-body .monaco-list-row');
      return texts.some((t) => t.includes('Chen Wei')) && texts;
    }, SETTLE_MS);
    assert.ok(rows.some((t) => t.includes('Ana Lima')), rows.join(' | '));
    await host.screenshot('package-tree');
  });

  it('reads the git history for Suggestions in the worker thread it ships', async () => {
    assert.ok(fs.existsSync(path.join(extension().extensionPath, 'dist', 'analysisWorker.js')), 'the analysis worker is in the package');
    const { suggestions } = extension().exports.testing;
    await suggestions.analyze();
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder);
    assert.strictEqual(suggestions.status(folder.uri.toString()), 'done');
    const top = await suggestions.getChildren();
    assert.ok(top.some((r) => r.label === 'Mutual matches'), top.map((r) => r.label).join(' | '));
  });

  it('reports problems in the mentoring file, and clears them when fixed', async () => {
    const file = mentoringFile();
    const original = fs.readFileSync(file.fsPath, 'utf8');
    const ours = () => vscode.languages.getDiagnostics(file).filter((d) => d.source === 'mentoring');
    assert.deepStrictEqual(ours(), [], 'the fixture file is valid');
    fs.writeFileSync(file.fsPath, original.replace('progress: 40', 'progress: 140'));
    try {
      const [d] = await waitFor('a diagnostic', () => ours().length > 0 && ours(), SETTLE_MS);
      assert.strictEqual(d.code, 'invalid-progress');
      assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Error);
    } finally {
      fs.writeFileSync(file.fsPath, original);
    }
    await waitFor('the diagnostic to clear', () => ours().length === 0, SETTLE_MS);
  });
});
