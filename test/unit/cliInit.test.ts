import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { runCli } from '../../src/cli/main';
import { parseMentoring } from '../../src/core/file/parse';
import { fakeIO } from './helpers/cliIO';
import { buildRepo, RepoStep, tempDir } from './helpers/gitRepo';


interface Row {
  id: string;
  name: string;
  emails: string[];
  checked: boolean;
  reason: string;
}

const month = (m: number, day = 10): string => `2025-${String(m).padStart(2, '0')}-${day}`;

/** Steady Sam (6 commits over 6 months), Guy under two spellings, a one-commit visitor, a bot, an owner with few commits, and someone who left. */
function repo(): string {
  const steps: RepoStep[] = [
    { author: 'Olga Old <olga@example.com>', date: '2020-01-01', files: { 'lib/a.js': 'a' } },
    ...[1, 2, 3, 4, 5, 6].map((m): RepoStep => ({ author: 'Sam Steady <sam@example.com>', date: month(m), files: { [`src/s${m}.ts`]: 's' } })),
    { author: 'Guy Templeton <guy@work.example>', date: month(2), files: { 'src/g1.ts': 'g' } },
    { author: 'GuyTempleton <guy@home.example>', date: month(4), files: { 'src/g2.ts': 'g' } },
    { author: 'Guy Templeton <guy@work.example>', date: month(6), files: { 'src/g3.ts': 'g' } },
    { author: 'GuyTempleton <guy@home.example>', date: month(7), files: { 'src/g4.ts': 'g' } },
    { author: 'Vic Visitor <vic@example.com>', date: month(5), files: { 'docs/typo.md': 't' } },
    { author: 'dependabot[bot] <49699333+dependabot[bot]@users.noreply.github.com>', date: month(6), files: { 'package.json': '{}' } },
    { author: 'Orla Owner <123+orla-o@users.noreply.github.com>', date: month(7), files: { '.github/CODEOWNERS': '/src/ @orla-o @org/team\n' } },
  ];
  return buildRepo(steps);
}

describe('peer-mentoring init', () => {
  it('proposes people with steady recent activity, ownership-file owners and one row per person, each with its reason', async () => {
    const dir = repo();
    const io = fakeIO(dir, { HOME: tempDir() });
    assert.strictEqual(await runCli(['init', '--dry-run', '--json'], io), 0, io.stderr);
    const { partners } = JSON.parse(io.stdout) as { partners: Row[] };
    assert.deepStrictEqual(
      partners.map((p) => [p.id, p.name, p.emails, p.checked]),
      [
        ['sam', 'Sam Steady', ['sam@example.com'], true],
        // One person under two spellings of one name: one row with both addresses.
        ['guytempleton', 'GuyTempleton', ['guy@home.example', 'guy@work.example'], true],
        ['orla', 'Orla Owner', ['123+orla-o@users.noreply.github.com'], true],
        ['vic', 'Vic Visitor', ['vic@example.com'], true],
        ['olga', 'Olga Old', ['olga@example.com'], false],
      ],
    );
    const reason = (id: string): string => partners.find((p) => p.id === id)?.reason ?? '';
    assert.strictEqual(reason('sam'), 'steady: 6 commits in the 12 months before the newest commit, in 6 months of them; last 30 days before it');
    assert.match(reason('orla'), /^listed in \.github\/CODEOWNERS as @orla-o: 1 commit in the 12 months/);
    // Among the five most active of a small team, a single commit is still checked, and says why.
    assert.match(reason('vic'), /^one of the 5 most active: 1 commit in the 12 months before the newest commit, in 1 month of them; last 61 days before it$/);
    assert.match(reason('olga'), /^left: no commit in the 12 months before the newest commit; last on 2020-01-01$/);
    assert.ok(!partners.some((p) => p.name.includes('bot')), 'bots are left out');
    assert.ok(!fs.existsSync(path.join(dir, '.mentoring.yml')), '--dry-run writes nothing');
  });

  it('leaves a single commit unchecked beside five steadier people', async () => {
    const steps: RepoStep[] = ['Ann', 'Bo', 'Cy', 'Di', 'Ed', 'Fay'].flatMap((n) => [1, 3, 5, 7].map((m): RepoStep => ({ author: `${n} Person <${n.toLowerCase()}@example.com>`, date: month(m), files: { [`src/${n}${m}.ts`]: n } })));
    steps.push({ author: 'Vic Visitor <vic@example.com>', date: month(8), files: { 'docs/typo.md': 't' } });
    const io = fakeIO(buildRepo(steps), { HOME: tempDir() });
    assert.strictEqual(await runCli(['init', '--dry-run', '--json'], io), 0, io.stderr);
    const { partners } = JSON.parse(io.stdout) as { partners: Row[] };
    assert.deepStrictEqual(partners.filter((p) => p.checked).map((p) => p.id), ['ann', 'bo', 'cy', 'di', 'ed', 'fay']);
    assert.match(partners.find((p) => p.id === 'vic')?.reason ?? '', /^not steady \(fewer than 4 commits, or in fewer than 3 months\): /);
  });

  it('writes the checked people as partners, and refuses when the file exists', async () => {
    const dir = repo();
    const io = fakeIO(dir, { HOME: tempDir() });
    assert.strictEqual(await runCli(['init'], io), 0, io.stderr);
    assert.match(io.stdout, /\nWrote \.mentoring\.yml with 4 of 5 people as partners\.\n$/);
    const text = fs.readFileSync(path.join(dir, '.mentoring.yml'), 'utf8');
    const parsed = parseMentoring(text);
    assert.deepStrictEqual(parsed.model?.partners.map((p) => [p.id, p.emails]), [
      ['sam', ['sam@example.com']],
      ['guytempleton', ['guy@home.example', 'guy@work.example']],
      ['orla', ['123+orla-o@users.noreply.github.com']],
      ['vic', ['vic@example.com']],
    ]);
    const again = fakeIO(dir, { HOME: tempDir() });
    assert.strictEqual(await runCli(['init'], again), 1);
    assert.strictEqual(again.stderr, 'peer-mentoring init: .mentoring.yml already exists; nothing was written\n');
    assert.strictEqual(fs.readFileSync(path.join(dir, '.mentoring.yml'), 'utf8'), text);
    // --dry-run still proposes.
    assert.strictEqual(await runCli(['init', '--dry-run'], fakeIO(dir, { HOME: tempDir() })), 0);
  });

  it('says clearly when the folder is not a repository, and explains itself', async () => {
    const io = fakeIO(tempDir(), { HOME: tempDir() });
    assert.strictEqual(await runCli(['init', '--dry-run'], io), 2);
    assert.match(io.stderr, /^peer-mentoring init: .* is not a git repository\n$/);
    const help = fakeIO(tempDir(), { HOME: tempDir() });
    assert.strictEqual(await runCli(['init', '--help'], help), 0);
    assert.match(help.stdout, /^usage: peer-mentoring init \[--repo DIR\] \[--file FILE\] \[--dry-run\] \[--json\]/);
  });
});
