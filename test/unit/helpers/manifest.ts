/**
 * What package.json promises about commands and localised strings, read the same way by the
 * manifest unit test (plain Node, source scan) and the package smoke test (inside VS Code).
 */
import * as fs from 'fs';
import * as path from 'path';

export const ROOT = path.resolve(__dirname, '..', '..', '..', '..');

/**
 * Commands the extension registers without contributing them (no title, never in a menu): each
 * with the reason. Empty today; an entry here is a deliberate choice, not a forgotten title.
 */
export const INTERNAL_COMMANDS: Readonly<Record<string, string>> = {};

export interface Manifest {
  contributes?: {
    commands?: { command: string; title: string; category?: string }[];
    menus?: Record<string, { command?: string; submenu?: string }[]>;
    views?: Record<string, { id: string }[]>;
    viewsWelcome?: { contents: string }[];
    walkthroughs?: { steps: { completionEvents?: string[]; description?: string; media?: { markdown?: string } }[] }[];
  };
  [key: string]: unknown;
}

/** package.json as written, with its `%key%` placeholders. */
export function readRawManifest(root = ROOT): Manifest {
  return JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as Manifest;
}

/** package.json as VS Code shows it: each `%key%` replaced by its text in package.nls.json. */
export function readManifest(root = ROOT): Manifest {
  const nlsFile = path.join(root, 'package.nls.json');
  const nls = fs.existsSync(nlsFile) ? (JSON.parse(fs.readFileSync(nlsFile, 'utf8')) as Record<string, string>) : {};
  const text = (value: unknown): unknown => {
    if (typeof value === 'string') {
      const m = /^%([^%\s]+)%$/.exec(value);
      return m && m[1] in nls ? nls[m[1]] : value;
    }
    if (Array.isArray(value)) return value.map(text);
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, text(v)]));
    return value;
  };
  return text(readRawManifest(root)) as Manifest;
}

export function contributedCommands(pkg: Manifest): string[] {
  return (pkg.contributes?.commands ?? []).map((c) => c.command);
}

/** `command:ID` links in markdown-ish text (welcome views, walkthrough steps). */
function commandLinks(text: string): string[] {
  return [...text.matchAll(/\(command:([\w.-]+)/g)].map((m) => m[1]);
}

/**
 * Every command the manifest refers to, with where: menus, welcome-view and walkthrough links,
 * and walkthrough completion events (`onCommand:ID`). `root` finds walkthrough markdown files.
 */
export function referencedCommands(pkg: Manifest, root = ROOT): { command: string; where: string }[] {
  const refs: { command: string; where: string }[] = [];
  for (const [menu, items] of Object.entries(pkg.contributes?.menus ?? {})) {
    for (const item of items) if (item.command) refs.push({ command: item.command, where: `menus.${menu}` });
  }
  for (const w of pkg.contributes?.viewsWelcome ?? []) for (const c of commandLinks(w.contents)) refs.push({ command: c, where: 'viewsWelcome' });
  for (const walk of pkg.contributes?.walkthroughs ?? []) {
    for (const step of walk.steps) {
      for (const ev of step.completionEvents ?? []) if (ev.startsWith('onCommand:')) refs.push({ command: ev.slice('onCommand:'.length), where: 'walkthrough completionEvents' });
      for (const c of commandLinks(step.description ?? '')) refs.push({ command: c, where: 'walkthrough description' });
      const md = step.media?.markdown;
      if (md && fs.existsSync(path.join(root, md))) {
        for (const c of commandLinks(fs.readFileSync(path.join(root, md), 'utf8'))) refs.push({ command: c, where: md });
      }
    }
  }
  return refs;
}

/** Every `%key%` placeholder among the manifest's string values. */
export function nlsPlaceholders(value: unknown, found: string[] = []): string[] {
  if (typeof value === 'string') {
    const m = /^%([^%\s]+)%$/.exec(value);
    if (m) found.push(m[1]);
  } else if (Array.isArray(value)) {
    for (const v of value) nlsPlaceholders(v, found);
  } else if (value && typeof value === 'object') {
    for (const v of Object.values(value)) nlsPlaceholders(v, found);
  }
  return found;
}

/**
 * Command ids registered in the host's sources: `registerCommand('id'` or the files' local
 * `command('id'` helper, and `registerCommand(NAME` where `NAME = 'id'` is a constant in src/vscode.
 */
export function registeredInSource(dir = path.join(ROOT, 'src', 'vscode')): { command: string; file: string }[] {
  const files = fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => path.join(dir, f));
  const texts = new Map(files.map((f) => [f, fs.readFileSync(f, 'utf8')]));
  const constants = new Map<string, string>();
  for (const text of texts.values()) {
    for (const m of text.matchAll(/\bconst ([A-Z][A-Z0-9_]*)\s*=\s*'([\w.-]+)'/g)) constants.set(m[1], m[2]);
  }
  const found: { command: string; file: string }[] = [];
  for (const [file, text] of texts) {
    for (const m of text.matchAll(/\b(?:registerCommand|registerTextEditorCommand|command)\(\s*(?:'([\w.-]+)'|([A-Z][A-Z0-9_]*)\b)/g)) {
      const id = m[1] ?? constants.get(m[2]);
      if (id) found.push({ command: id, file: path.relative(ROOT, file) });
    }
  }
  return found;
}
