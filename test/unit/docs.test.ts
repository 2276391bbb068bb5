/**
 * The README and the docs/ pages stay true: every relative link reaches its file (and its heading, for
 * `#anchor`s), and the package size they state is within 5% of a .vsix built now, the way
 * `npm run package` builds it.
 */
import * as assert from 'assert/strict';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { tempDir } from './helpers/gitRepo';

const ROOT = path.resolve(__dirname, '..', '..', '..');

interface Link {
  file: string;
  line: number;
  target: string;
  image: boolean;
}

/** The Markdown pages people read: the README and every page under docs/. */
function pages(): string[] {
  const docs = path.join(ROOT, 'docs');
  const found = fs.existsSync(docs) ? fs.readdirSync(docs).filter((f) => f.endsWith('.md')).map((f) => path.join(docs, f)) : [];
  return [path.join(ROOT, 'README.md'), ...found.sort()];
}

/** The page's lines outside fenced code blocks: as written, and with inline code spans blanked out. */
function proseLines(text: string): { line: number; raw: string; text: string }[] {
  const out: { line: number; raw: string; text: string }[] = [];
  let fence: string | undefined;
  text.split(/\r?\n/).forEach((line, i) => {
    const marker = /^\s*(```+|~~~+)/.exec(line)?.[1];
    if (marker && (fence === undefined || marker.startsWith(fence))) {
      fence = fence === undefined ? marker : undefined;
      return;
    }
    if (fence === undefined) out.push({ line: i + 1, raw: line, text: line.replace(/(`+)[^`]*?\1/g, (m) => ' '.repeat(m.length)) });
  });
  return out;
}

function linksOf(file: string): Link[] {
  const links: Link[] = [];
  for (const { line, text } of proseLines(fs.readFileSync(file, 'utf8'))) {
    for (const m of text.matchAll(/(!?)\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) links.push({ file, line, target: m[2], image: m[1] === '!' });
  }
  return links;
}

/** GitHub's anchors for a page's headings: lower case, punctuation dropped, spaces as hyphens, repeats numbered. */
function anchorsOf(text: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const { raw } of proseLines(text)) {
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(raw.replace(/`/g, ''))?.[1];
    if (heading === undefined) continue;
    const words = heading.replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/<[^>]*>/g, '');
    const slug = words
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
      .replace(/ /g, '-');
    const n = seen.get(slug) ?? 0;
    seen.set(slug, n + 1);
    anchors.add(n === 0 ? slug : `${slug}-${n}`);
  }
  return anchors;
}

function problemsOf(link: Link): string | undefined {
  const where = `${path.relative(ROOT, link.file)}:${link.line}: ${link.target}`;
  if (/^[a-z][a-z0-9+.-]*:/i.test(link.target)) return undefined; // https:, mailto: — not a file of ours
  const [filePart, anchor] = link.target.split('#', 2) as [string, string | undefined];
  const target = filePart === '' ? link.file : path.resolve(path.dirname(link.file), decodeURIComponent(filePart));
  if (!target.startsWith(ROOT + path.sep) && target !== ROOT) return `${where}: leaves the repository`;
  if (!fs.existsSync(target)) return `${where}: no such file`;
  if (link.image && !/\.(png|jpe?g|gif|svg)$/i.test(target)) return `${where}: not a picture`;
  if (anchor !== undefined) {
    if (!target.endsWith('.md')) return `${where}: an anchor into a file that is not Markdown`;
    if (!anchorsOf(fs.readFileSync(target, 'utf8')).has(anchor)) return `${where}: no heading "#${anchor}" in ${path.relative(ROOT, target)}`;
  }
  return undefined;
}

describe('README and docs/', () => {
  it('reads the links and headings of a page as GitHub does', () => {
    const dir = tempDir();
    const page = path.join(dir, 'page.md');
    fs.writeFileSync(page, '# Peer Mentoring in VS Code\n\n## suggest --json\n\n## Read query plans — stalled\n\n## Goals\n\n## Goals\n\n```md\n# Not a heading\n[x](nowhere.md)\n```\n\nSee [a](other.md#goals-1), `[b](code.md)` and ![c](pic.png).\n');
    assert.deepEqual([...anchorsOf(fs.readFileSync(page, 'utf8'))], ['peer-mentoring-in-vs-code', 'suggest---json', 'read-query-plans--stalled', 'goals', 'goals-1']);
    assert.deepEqual(
      linksOf(page).map((l) => [l.line, l.target, l.image]),
      [
        [16, 'other.md#goals-1', false],
        [16, 'pic.png', true],
      ],
    );
    // A broken link or anchor is found.
    fs.writeFileSync(path.join(dir, 'other.md'), '# Other\n');
    const [link] = linksOf(page);
    assert.ok(link);
    assert.match(problemsOf({ ...link, file: path.join(ROOT, 'README.md'), target: 'docs/nowhere.md' }) ?? '', /no such file/);
    assert.match(problemsOf({ ...link, file: path.join(ROOT, 'README.md'), target: 'README.md#no-such-heading' }) ?? '', /no heading/);
  });

  it('has the newcomer README and the reference pages it links to', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const words = readme.split(/\s+/).filter(Boolean).length;
    assert.ok(words <= 1600, `the README is for newcomers: ${words} words, keep it under about 1,500 and move reference text to docs/`);
    for (const page of ['file-format.md', 'cli.md', 'expertise.md', 'vscode.md', 'trust-and-safety.md', 'development.md']) {
      assert.ok(
        linksOf(path.join(ROOT, 'README.md')).some((l) => l.target.split('#')[0] === `docs/${page}`),
        `the README links docs/${page}`,
      );
    }
    assert.ok(linksOf(path.join(ROOT, 'README.md')).some((l) => l.target === 'ARCHITECTURE.md'), 'the README links ARCHITECTURE.md');
  });

  it('links only to files and headings that exist', () => {
    const links = pages().flatMap(linksOf);
    assert.ok(links.length > 20, `links found: ${links.length}`);
    const problems = links.map(problemsOf).filter((p): p is string => p !== undefined);
    assert.deepEqual(problems, [], problems.join('\n'));
  });

  it('the packaged README links its other pages on GitHub and keeps its pictures inside the package', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { packagedReadme } = require(path.join(ROOT, 'scripts', 'package.js')) as { packagedReadme(text: string, url: string): string };
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { repository: { url: string } };
    const dir = tempDir();
    const packaged = path.join(dir, 'README.md');
    fs.writeFileSync(packaged, packagedReadme(fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8'), manifest.repository.url));
    const links = linksOf(packaged);
    const base = `${manifest.repository.url.replace(/\.git$/, '')}/blob/HEAD/`;
    assert.deepEqual(
      links.filter((l) => !l.image && !l.target.startsWith('#') && !l.target.startsWith('https://')).map((l) => l.target),
      [],
      'every link to another file is a web link',
    );
    const original = linksOf(path.join(ROOT, 'README.md'));
    assert.deepEqual(
      links.map((l) => (l.image || !l.target.startsWith(base) ? l.target : l.target.slice(base.length))),
      original.map((l) => l.target),
      'the same links, in the same order; pictures unchanged',
    );
    assert.ok(links.filter((l) => l.image).length >= 4 && links.filter((l) => l.image).every((l) => l.target.startsWith('media/screenshots/')));
  });

  it('states the size of the .vsix that `npm run package` builds, within 5%', function () {
    this.timeout(180000);
    const development = fs.readFileSync(path.join(ROOT, 'docs', 'development.md'), 'utf8');
    const stated = /`npm run package` builds `peer-mentoring-<version>\.vsix` \(about ([\d,]+) KB/.exec(development)?.[1];
    assert.ok(stated, 'docs/development.md says how large the package is: "`npm run package` builds `peer-mentoring-<version>.vsix` (about N KB"');
    const out = path.join(tempDir(), 'measured.vsix');
    const run = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'package.js'), '--out', out], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(run.status, 0, `npm run package failed:\n${run.stdout}\n${run.stderr}`);
    const kb = fs.statSync(out).size / 1024;
    const claimed = Number(stated.replace(/,/g, ''));
    assert.ok(
      Math.abs(kb - claimed) <= claimed * 0.05,
      `docs/development.md says the package is about ${claimed} KB; it is ${kb.toFixed(1)} KB: measure it again (npm run package) and say so`,
    );
  });
});
