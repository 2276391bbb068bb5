/**
 * The traps real histories set for the analysis, one generated history each (real git repositories):
 * people who left, bots, folders deleted in a merge, subtree merges, reformats and mass changes,
 * generated and vendored files, split identities, tiny and large areas, and partial clones.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { runCli } from '../../src/cli/main';
import type { Expertise } from '../../src/core/expertise';
import { identityFor, suggest, SuggestOptions, Suggestions } from '../../src/core/expertise';
import { analyzeRepository, AnalyzeOptions, MISSING_OBJECTS_NOTICE, PARTIAL_CLONE_NOTICE } from '../../src/git/analyze';
import { applySteps, buildRepo, git, headOf, initRepo, RepoStep, tempDir } from './helpers/gitRepo';

async function analyse(dir: string, options: AnalyzeOptions = {}, suggestOptions: SuggestOptions = {}): Promise<{ expertise: Expertise; result: Suggestions; live: string[]; notices: string[] }> {
  const analysis = await analyzeRepository(dir, options);
  const expertise = analysis.state.compute({ identity: identityFor() });
  return { expertise, result: suggest(expertise, undefined, suggestOptions), live: analysis.state.livePaths().sort(), notices: analysis.notices };
}

const skillsOf = (e: Expertise, name: string): string[] => e.people.find((p) => p.name === name)?.skills.map((k) => k.skill) ?? [];
const topOf = (e: Expertise, skill: string): string | undefined =>
  e.people
    .map((p) => ({ p, s: p.skills.find((k) => k.skill === skill) }))
    .filter((x) => x.s)
    .sort((a, b) => (b.s?.score ?? 0) - (a.s?.score ?? 0))[0]?.p.name;
const files = (prefix: string, n: number, content = 'x'): Record<string, string> => Object.fromEntries(Array.from({ length: n }, (_, i) => [`${prefix}${i}.js`, `${content} ${i}\n`]));

const ANA = 'Ana Lima <ana@example.com>';
const BEN = 'Ben Okafor <ben@example.com>';

describe('analysis traps on generated histories', () => {
  it('a departed expert holds no island and no match: what nobody active maintains is at risk, what someone does is handed over', async () => {
    const dir = buildRepo([
      { author: 'Olga Old <olga@example.com>', date: '2019-03-01', files: { 'lib/a.js': 'a', 'lib/b.js': 'b', 'lib/c.js': 'c', 'lib/d.js': 'd', 'tools/x.py': 'x', 'tools/y.py': 'y', 'tools/z.py': 'z' } },
      { author: 'Olga Old <olga@example.com>', date: '2019-04-01', files: { 'lib/a.js': 'a2', 'lib/d.js': 'd2' } },
      { author: ANA, date: '2025-01-10', files: files('app/', 4) },
      // Ben rewrites lib/d.js: it is his now, not Olga's.
      ...[1, 2, 3, 4].map((n): RepoStep => ({ author: BEN, date: `2025-02-0${n}`, files: { 'lib/d.js': `d by ben ${n}`, 'web/v.ts': `v${n}`, 'web/w.ts': `w${n}`, 'web/z.ts': `z${n}` } })),
      { author: ANA, date: '2025-03-01', files: { 'tools/x.py': 'x by ana' } },
    ]);
    const { expertise, result } = await analyse(dir);
    const olga = expertise.people.find((p) => p.name === 'Olga Old');
    assert.deepStrictEqual([olga?.active, expertise.people.filter((p) => p.active).map((p) => p.name)], [false, ['Ben Okafor', 'Ana Lima']]);
    assert.strictEqual(result.people.at(-1)?.name, 'Olga Old', 'people who left come last');
    // lib/: Olga authored 3 of its 4 files, but Ben made 4 commits there this year: he maintains it
    // now. Not "only people who left know it".
    assert.ok(!result.atRisk.some((a) => a.skill === 'module:lib'));
    const lib = result.handedOver.find((a) => a.skill === 'module:lib');
    assert.deepStrictEqual(lib && [lib.files, lib.areaFiles, lib.formerExperts, lib.maintainers], [3, 4, [{ name: 'Olga Old', email: 'olga@example.com', lastCommit: '2019-04-01', files: 3 }], [{ name: 'Ben Okafor', email: 'ben@example.com', commits: 4 }]]);
    assert.strictEqual(expertise.people.find((p) => p.name === 'Ben Okafor')?.skills.find((k) => k.skill === 'module:lib')?.files, 1);
    // tools/: Ana's one change leaves Olga its author, but Olga is gone and nobody maintains it.
    const tools = result.atRisk.find((a) => a.skill === 'module:tools');
    assert.deepStrictEqual(tools?.candidates.map((c) => c.name), ['Ana Lima']);
    const named = [...result.islands.map((i) => i.name), ...result.matches.flatMap((m) => [m.aName, m.bName]), ...result.islands.flatMap((i) => i.candidates.map((c) => c.name))];
    assert.ok(!named.includes('Olga Old'), named.join(', '));
    // Within six years Olga is active again, and her areas are no longer at risk.
    const wide = analyzeAgain(dir, 84);
    assert.deepStrictEqual([(await wide).atRisk, (await wide).handedOver], [[], []]);
  });

  it('leaves out every shape of bot, and keeps a person whose name only contains one', async () => {
    const bots = [
      'dependabot[bot] <49699333+dependabot[bot]@users.noreply.github.com>',
      'ESLint Bot <eslint@users.noreply.github.com>',
      'jade-bot <jade@example.com>',
      'Jenkins <jenkins@eslint-03>',
      'ESLint Jenkins <eslint@googlegroups.com>',
      'GitHub Actions <actions@github.com>',
      'Copilot <198982749+Copilot@users.noreply.github.com>',
      'GitHub <noreply@github.com>',
      'Deploy Key 7 <deploy@example.com>',
    ];
    const dir = buildRepo([
      ...bots.map((author, i): RepoStep => ({ author, date: `2025-01-0${i + 1}`, files: { 'package.json': `{"v":${i}}`, [`docs/r${i}.md`]: 'release' } })),
      { author: 'Jon Jenkins <jon.jenkins@gmail.com>', date: '2025-02-01', files: { 'src/a.ts': 'a', 'src/b.ts': 'b', 'src/c.ts': 'c' } },
    ]);
    const { expertise } = await analyse(dir, { botPatterns: ['^Deploy Key '] });
    assert.deepStrictEqual(expertise.people.map((p) => p.name), ['Jon Jenkins']);
    // What bots did counts nowhere: their files are there, with no author.
    assert.deepStrictEqual([expertise.areas.get('module:docs')?.files, skillsOf(expertise, 'Jon Jenkins').includes('module:docs')], [9, false]);
  });

  it('has no area for a folder deleted in a merge, however long a branch kept it alive', async () => {
    const dir = buildRepo([
      { author: ANA, date: '2025-01-01', files: { 'lib/router/a.js': 'a', 'lib/router/b.js': 'b', 'lib/router/c.js': 'c', 'lib/app.js': 'app' } },
      { branch: 'v4' },
      { author: BEN, date: '2025-03-01', files: { 'lib/router/a.js': 'a on 4.x' } },
      { checkout: 'main' },
      { author: ANA, date: '2025-02-01', files: { 'lib/app.js': 'app 5' } },
    ]);
    git(dir, ['merge', '-q', '--no-ff', '--no-commit', 'v4'], { GIT_AUTHOR_NAME: 'Ana Lima', GIT_AUTHOR_EMAIL: 'ana@example.com', GIT_AUTHOR_DATE: '2025-03-02T12:00:00Z', GIT_COMMITTER_DATE: '2025-03-02T12:00:00Z' });
    git(dir, ['rm', '-q', '-r', '-f', 'lib/router']);
    git(dir, ['commit', '-q', '-m', 'Merge 4.x, without the router'], { GIT_AUTHOR_NAME: 'Ana Lima', GIT_AUTHOR_EMAIL: 'ana@example.com', GIT_AUTHOR_DATE: '2025-03-02T12:00:00Z', GIT_COMMITTER_DATE: '2025-03-02T12:00:00Z' });
    const { expertise, live } = await analyse(dir, {}, { minAreaFiles: 1 });
    assert.deepStrictEqual(live, ['lib/app.js']);
    assert.ok(![...expertise.areas.keys()].some((k) => k.includes('router')), [...expertise.areas.keys()].join(', '));
  });

  it('counts a subtree-merged folder, with the history of the project merged in', async () => {
    const sixt = 'Johannes Sixt <j6t@example.com>';
    const gui = buildRepo([
      { author: sixt, date: '2024-10-01', files: { 'gui.sh': 'sh', 'lib/blame.tcl': 'b', 'lib/diff.tcl': 'd', 'lib/merge.tcl': 'm' } },
      { author: sixt, date: '2024-11-01', files: { 'lib/blame.tcl': 'b2', 'lib/diff.tcl': 'd2' } },
    ]);
    const dir = buildRepo([{ author: ANA, date: '2024-09-01', files: files('core/', 3) }]);
    const who = { GIT_AUTHOR_NAME: 'Ana Lima', GIT_AUTHOR_EMAIL: 'ana@example.com', GIT_AUTHOR_DATE: '2024-12-01T12:00:00Z', GIT_COMMITTER_DATE: '2024-12-01T12:00:00Z' };
    git(dir, ['fetch', '-q', gui, 'main:gui']);
    git(dir, ['merge', '-q', '-s', 'ours', '--no-commit', '--allow-unrelated-histories', 'gui'], who);
    git(dir, ['read-tree', '--prefix=git-gui/', '-u', 'gui']);
    git(dir, ['commit', '-q', '-m', 'Merge git-gui as a subtree'], who);
    // The project goes on; its new commits are merged again with the subtree strategy.
    applySteps(gui, [{ author: sixt, date: '2025-01-10', files: { 'lib/merge.tcl': 'm2', 'lib/blame.tcl': 'b3' } }]);
    git(dir, ['fetch', '-q', gui, 'main:gui']);
    git(dir, ['merge', '-q', '-X', 'subtree=git-gui', '--no-edit', 'gui'], { ...who, GIT_AUTHOR_DATE: '2025-01-11T12:00:00Z', GIT_COMMITTER_DATE: '2025-01-11T12:00:00Z' });
    const { expertise, live } = await analyse(dir);
    assert.deepStrictEqual(live.filter((p) => p.startsWith('git-gui/')), ['git-gui/gui.sh', 'git-gui/lib/blame.tcl', 'git-gui/lib/diff.tcl', 'git-gui/lib/merge.tcl']);
    assert.strictEqual(expertise.areas.get('module:git-gui')?.files, 4);
    const held = expertise.people.find((p) => p.name === 'Johannes Sixt')?.skills.find((k) => k.skill === 'module:git-gui');
    assert.deepStrictEqual(held && [held.score, held.files, held.commits], [1, 4, 3], JSON.stringify(expertise.people));
    assert.ok(!expertise.areas.has('module:lib'), 'no area for the project’s own paths');
  });

  it('gives a reformat listed in .git-blame-ignore-revs, or one touching 300 files, no authorship', async () => {
    const dir = buildRepo([{ author: ANA, date: '2025-01-01', files: files('src/', 5) }]);
    applySteps(dir, [{ author: 'Zed Prettier <zed@example.com>', date: '2025-02-01', files: files('src/', 5, 'formatted') }]);
    const reformat = headOf(dir);
    applySteps(dir, [{ author: 'Zed Prettier <zed@example.com>', date: '2025-02-02', files: { '.git-blame-ignore-revs': `# Prettier\n${reformat}\n` } }]);
    // A licence header in 300 files at once, by someone else (written and added in one go: quicker).
    for (const [file, text] of Object.entries({ ...files('src/', 5, 'licensed'), ...files('big/', 295) })) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), text);
    }
    git(dir, ['add', '-A']);
    git(dir, ['commit', '-q', '-m', 'Licence headers'], { GIT_AUTHOR_NAME: 'Lou Legal', GIT_AUTHOR_EMAIL: 'lou@example.com', GIT_AUTHOR_DATE: '2025-02-03T12:00:00Z', GIT_COMMITTER_DATE: '2025-02-03T12:00:00Z' });
    const { expertise, result } = await analyse(dir);
    assert.deepStrictEqual(skillsOf(expertise, 'Zed Prettier'), []);
    assert.deepStrictEqual(skillsOf(expertise, 'Lou Legal'), []);
    assert.strictEqual(expertise.people.find((p) => p.name === 'Lou Legal')?.active, true, 'their commits still count as activity');
    assert.strictEqual(topOf(expertise, 'module:src'), 'Ana Lima');
    assert.deepStrictEqual(expertise.people.find((p) => p.name === 'Ana Lima')?.skills.find((k) => k.skill === 'module:src')?.files, 5);
    assert.ok(!result.islands.some((i) => ['Zed Prettier', 'Lou Legal'].includes(i.name)));

    // The same list under another name, through blame.ignoreRevsFile.
    const other = buildRepo([{ author: ANA, date: '2025-01-01', files: files('src/', 5) }]);
    applySteps(other, [{ author: 'Zed Prettier <zed@example.com>', date: '2025-02-01', files: files('src/', 5, 'formatted') }]);
    applySteps(other, [{ author: ANA, date: '2025-02-02', files: { 'meta/ignore.txt': `${headOf(other)}\n` } }]);
    git(other, ['config', 'blame.ignoreRevsFile', 'meta/ignore.txt']);
    assert.deepStrictEqual(skillsOf((await analyse(other)).expertise, 'Zed Prettier'), []);
  });

  it('in a --since window, touching a file first does not make anyone its creator', async () => {
    const dir = buildRepo([
      { author: ANA, date: '2024-01-01', files: files('src/', 3) },
      { author: 'Zed Prettier <zed@example.com>', date: '2025-02-01', files: { 'src/0.js': 'zed' } },
      { author: BEN, date: '2025-02-02', files: { 'src/0.js': 'ben' } },
    ]);
    const { expertise } = await analyse(dir, { since: '2025-01-01' });
    // Had Zed created src/0.js, he would author it (DOA 4.33); as one change among two, nobody does.
    assert.deepStrictEqual(
      expertise.people.map((p) => [p.name, p.skills.find((k) => k.skill === 'module:src')?.files]),
      [
        ['Ben Okafor', 0],
        ['Zed Prettier', 0],
      ],
    );
  });

  it('gives generated, vendored and release files no skill', async () => {
    const dir = buildRepo([
      {
        author: ANA,
        date: '2025-01-01',
        files: {
          '.gitattributes': 'gen/** linguist-generated\nthird/** linguist-vendored\n',
          ...files('gen/', 3),
          ...files('third/', 3),
          ...files('vendor/x/', 3),
          ...files('dist/', 3),
          'package-lock.json': '{}',
          'CHANGELOG.md': '# 1.0',
          'web/app.min.js': 'x',
          'sha1dc/LICENSE.txt': 'MIT',
          'sha1dc/sha1.c': 'c',
          'sha1dc/sha1.h': 'h',
          'sha1dc/ubc.c': 'u',
          ...files('src/', 3),
        },
      },
    ]);
    const { expertise } = await analyse(dir);
    // JavaScript covers the files of src/: one area, the folder.
    assert.deepStrictEqual([...expertise.areas.keys()].sort(), ['module:src']);
    assert.deepStrictEqual([expertise.areas.get('module:src')?.files, expertise.areas.get('module:src')?.merged], [3, ['javascript']]);
  });

  it('joins the two GitHub noreply forms of one person', async () => {
    const dir = buildRepo([
      { author: 'Kai <123+kai@users.noreply.github.com>', date: '2025-01-01', files: files('src/', 3) },
      { author: 'kai <kai@users.noreply.github.com>', date: '2025-01-02', files: { 'src/0.js': 'kai again' } },
    ]);
    const { expertise } = await analyse(dir);
    assert.deepStrictEqual(
      expertise.people.map((p) => [p.name, p.emails, p.commits]),
      [['kai', ['123+kai@users.noreply.github.com', 'kai@users.noreply.github.com'], 2]],
    );
  });

  it('never matches a person with themselves under another address', async () => {
    const dir = buildRepo([
      { author: 'Nico Zed <nico@home.example>', date: '2025-01-01', files: files('front/', 4) },
      { author: 'Nico Zed <nico@work.example>', date: '2025-01-02', files: files('back/', 4) },
    ]);
    const { expertise, result } = await analyse(dir);
    assert.strictEqual(expertise.people.length, 2, 'not merged silently');
    assert.deepStrictEqual(result.matches, []);
    assert.ok(result.islands.every((i) => i.candidates.every((c) => c.name !== 'Nico Zed')));
  });

  it('teaches no area of one or two files', async () => {
    const dir = buildRepo([
      { author: ANA, date: '2025-01-01', files: { 'bin/tool': '#!/bin/sh', 'ops/deploy.sh': 'sh', ...files('app/', 3) } },
      { author: BEN, date: '2025-01-02', files: { 'scripts/x.sh': 'sh', ...files('web/', 3) } },
    ]);
    const { result } = await analyse(dir);
    const taught = result.matches.flatMap((m) => [...m.aTeachesB, ...m.bTeachesA]);
    assert.deepStrictEqual(taught.sort(), ['module:app', 'module:web']);
    assert.ok((await analyse(dir, {}, { minAreaFiles: 1 })).result.matches[0].aTeachesB.includes('module:bin'));
  });

  it('gives every area one label of its own: folders as folders, practices by name, a clash told apart', async () => {
    const dir = buildRepo([
      { author: ANA, date: '2025-01-01', files: { 'Documentation/a.txt': 'a', 'Documentation/b.txt': 'b', 'Documentation/c.txt': 'c', ...files('tests/', 3), ...files('guide/', 3) } },
    ]);
    // The team calls its guide "Tests", as the built-in practice is called.
    const { expertise } = await analyse(dir, { teamSkills: [{ id: 'guide', name: 'Tests', paths: ['guide/**'] }] });
    const labels = [...expertise.areas.values()].map((a) => `${a.tag.id}=${a.label}`).sort();
    // The practices over the same files as a folder are that folder: "Documentation/" and "tests/", once each.
    assert.deepStrictEqual(labels, ['guide=Tests', 'javascript=JavaScript', 'module:Documentation=Documentation/', 'module:tests=tests/']);
    assert.strictEqual(new Set([...expertise.areas.values()].map((a) => a.label)).size, expertise.areas.size);
  });

  it('lets the best people of a large area teach it, though nobody holds a quarter of it', async () => {
    const authors = ['Ana Lima', 'Ben Okafor', 'Chen Wei', 'Dev Patel', 'Eve Adams', 'Fay Brook', 'Gus Hill', 'Hal Ivers'];
    const steps: RepoStep[] = authors.map((name, i) => ({ author: `${name} <${name.split(' ')[0].toLowerCase()}@example.com>`, date: `2025-01-0${i + 1}`, files: files(`core/${i}-`, i === 0 ? 20 : 11) }));
    steps.push({ author: 'Zoe Young <zoe@example.com>', date: '2025-02-01', files: files('infra/', 4) });
    const dir = buildRepo(steps);
    const { expertise, result } = await analyse(dir);
    const ana = expertise.people.find((p) => p.name === 'Ana Lima')?.skills.find((k) => k.skill === 'module:core');
    assert.ok(ana && ana.share < 0.25 && ana.score > 0.9, JSON.stringify(ana));
    const pair = result.matches.find((m) => [m.aName, m.bName].sort().join() === 'Ana Lima,Zoe Young');
    assert.ok(pair, result.matches.map((m) => `${m.aName}/${m.bName}`).join(', '));
    assert.ok([...pair.aTeachesB, ...pair.bTeachesA].includes('module:core'));
  });

  it('reads a blobless partial clone without fetching a file, and says so', async () => {
    const source = buildRepo([
      { author: ANA, date: '2025-01-01', files: { 'src/long.js': Array.from({ length: 40 }, (_, i) => `line ${i}`).join('\n') + '\n', ...files('src/', 3) } },
      { author: BEN, date: '2025-01-02', files: { 'src/long.js': null, 'src/longer.js': Array.from({ length: 40 }, (_, i) => `line ${i}`).join('\n') + '\nmore\n' } },
    ]);
    git(source, ['config', 'uploadpack.allowFilter', 'true']);
    const clone = path.join(tempDir(), 'blobless');
    git(tempDir(), ['clone', '-q', '--no-checkout', '--filter=blob:none', `file://${source}`, clone]);
    const missing = (): number => git(clone, ['rev-list', '--objects', '--all', '--missing=print']).split('\n').filter((l) => l.startsWith('?')).length;
    assert.strictEqual(missing(), 5, 'the clone has none of the five files');
    const { expertise, notices } = await analyse(clone);
    assert.deepStrictEqual(notices, [PARTIAL_CLONE_NOTICE]);
    assert.deepStrictEqual(expertise.people.map((p) => p.name).sort(), ['Ana Lima', 'Ben Okafor']);
    assert.strictEqual(expertise.areas.get('module:src')?.files, 4);
    assert.strictEqual(missing(), 5, 'git fetched nothing, though it could have');
    // With the source gone, any fetch of a missing file would fail the read. The command line says
    // so in one line.
    fs.renameSync(source, `${source}-gone`);
    const io = { cwd: clone, env: { HOME: tempDir(), XDG_CACHE_HOME: tempDir() }, stdout: '', stderr: '', out: (t: string) => void (io.stdout += t), err: (t: string) => void (io.stderr += t) };
    assert.strictEqual(await runCli(['suggest'], io), 0, io.stderr);
    assert.strictEqual(io.stderr, `peer-mentoring suggest: ${PARTIAL_CLONE_NOTICE}\n`);
    assert.match(io.stdout, /^2 commits analysed \(read in full, /);
    assert.strictEqual(missing(), 5);
  });

  it('reads a history with missing objects without content-based renames, and says so', async () => {
    const dir = initRepo();
    const text = Array.from({ length: 40 }, (_, i) => `line ${i}`).join('\n') + '\n';
    applySteps(dir, [
      { author: ANA, date: '2025-01-01', files: { 'src/long.js': text, ...files('src/', 3) } },
      { author: BEN, date: '2025-01-02', files: { 'src/long.js': null, 'src/longer.js': `${text}more\n` } },
    ]);
    const blob = git(dir, ['rev-parse', 'HEAD~1:src/long.js']).trim();
    fs.rmSync(path.join(dir, '.git', 'objects', blob.slice(0, 2), blob.slice(2)));
    const analysis = await analyzeRepository(dir);
    assert.deepStrictEqual([analysis.renames, analysis.notices], ['exact', [MISSING_OBJECTS_NOTICE]]);
    assert.deepStrictEqual(analysis.state.livePaths().sort(), ['src/0.js', 'src/1.js', 'src/2.js', 'src/longer.js']);
  });
});

async function analyzeAgain(dir: string, activeMonths: number): Promise<Suggestions> {
  const analysis = await analyzeRepository(dir);
  return suggest(analysis.state.compute({ activeMonths }));
}
