import * as assert from 'assert';
import { activeSince, botMatcher, compileBotPattern, MAX_BOT_PATTERN, checkActiveMonths, compactNameKey, fullNameKey, groupPeople, identityKey, isBot, isoDay, mailmapSuggestions, sameFullName, sameIdentityEvidence } from '../../src/core/expertise/people';

const day = (iso: string): number => Date.parse(`${iso}T12:00:00Z`) / 1000;

describe('people: bots, identities, who is active', () => {
  it('knows every shape of bot seen in real histories', () => {
    const bots: [string, string][] = [
      ['dependabot[bot]', '49699333+dependabot[bot]@users.noreply.github.com'],
      ['renovate[bot]', 'bot@renovateapp.com'],
      ['ESLint Bot', 'eslint@users.noreply.github.com'],
      ['jade-bot', 'jade@example.com'],
      ['dependabot', 'support@github.com'],
      ['GitHub Actions Bot', 'noreply@example.com'],
      ['github-actions', '41898282+github-actions[bot]@users.noreply.github.com'],
      ['GitHub Actions', 'actions@github.com'],
      ['Jenkins', 'jenkins@eslint-03'],
      ['Eslint Builder', 'jenkins@eslint.org'],
      ['ESLint Jenkins', 'eslint@googlegroups.com'],
      ['Travis CI', 'travis@travis-ci.org'],
      ['Copilot', '198982749+Copilot@users.noreply.github.com'],
      ['GitHub', 'noreply@github.com'],
      ['Release Robot', 'release-bot@example.com'],
      ['Someone', 'ci-bot@example.com'],
    ];
    for (const [name, email] of bots) assert.strictEqual(isBot(name, email), true, `${name} <${email}>`);
  });

  it('leaves people whose names merely contain such a word', () => {
    const people: [string, string][] = [
      ['Jon Jenkins', 'jon.jenkins@gmail.com'],
      ['Jenkins Smith', 'jsmith@example.com'],
      ['Talbot Abbot', 'talbot@example.com'],
      ['Botond Kiss', 'botond@example.com'],
      ['Kai', '123+kai@users.noreply.github.com'],
      ['Robot Framework Fan', 'fan@example.com'],
    ];
    for (const [name, email] of people) assert.strictEqual(isBot(name, email), false, `${name} <${email}>`);
  });

  it('adds patterns tested against "Name <email>", and refuses broken ones', () => {
    const isBotToo = botMatcher(['^Deploy Key ', '@ci\\.internal>$']);
    assert.strictEqual(isBotToo('Deploy Key 7', 'a@example.com'), true);
    assert.strictEqual(isBotToo('Ana Lima', 'ana@ci.internal'), true);
    assert.strictEqual(isBotToo('Ana Lima', 'ana@example.com'), false);
    assert.throws(() => botMatcher(['(']), /invalid bot pattern "\("/);
  });

  it('runs patterns in linear time: a pattern that backtracks exponentially in JavaScript answers at once', () => {
    // JavaScript's own engine takes minutes on this (each added "a" doubles it); a linear engine does not care.
    const isBotToo = botMatcher(['^(a+)+$', '(x+x+)+y', '((a*)*)*b']);
    assert.strictEqual(isBotToo(`${'a'.repeat(40)}!`, 'a@example.com'), false);
    assert.strictEqual(isBotToo(`${'x'.repeat(5000)}`, 'x@example.com'), false);
    // The documented syntax still works: JavaScript escapes, classes, anchors, case-insensitive.
    assert.strictEqual(botMatcher(['^\\u0044eploy\\s+\\d+ <'])('deploy 7', 'd@example.com'), true);
    assert.strictEqual(botMatcher(['(?<who>ci)@'])('X', 'CI@example.com'), true);
  });

  it('refuses at the pattern what a linear-time engine cannot run, saying why', () => {
    assert.throws(() => compileBotPattern('(?=bot)b'), /invalid bot pattern "\(\?=bot\)b": .*not supported: patterns run in linear time/);
    assert.throws(() => compileBotPattern('(?<!x)bot'), /not supported/);
    assert.throws(() => compileBotPattern('(b)ot\\1'), /not supported/);
    assert.throws(() => compileBotPattern('x'.repeat(MAX_BOT_PATTERN + 1)), /longer than 1000 characters/);
  });

  it('joins the GitHub noreply forms of one handle, and nothing else', () => {
    assert.strictEqual(identityKey('123+Kai@users.noreply.github.com'), 'github:kai');
    assert.strictEqual(identityKey('kai@users.noreply.github.com'), 'github:kai');
    assert.strictEqual(identityKey(' Ana@Example.com '), 'ana@example.com');
    assert.notStrictEqual(identityKey('kai@example.com'), identityKey('kai@users.noreply.github.com'));
  });

  it('compares full names without case, accents or punctuation; one word is not a full name', () => {
    assert.strictEqual(fullNameKey('José  Álvarez-Ruiz'), 'jose alvarez ruiz');
    assert.strictEqual(sameFullName('Aaron Heckmann', 'aaron heckmann'), true);
    assert.strictEqual(sameFullName('admin', 'admin'), false);
    assert.strictEqual(sameFullName('Ana Lima', 'Ana Limas'), false);
  });

  it('groups authors into people: one handle or one full name, most recent name first', () => {
    const groups = groupPeople([
      { name: 'Aaron Heckmann', email: 'aaron@old.example', commits: 3, lastDate: day('2009-01-01') },
      { name: 'aaron heckmann', email: 'aaron.heckmann@gmail.com', commits: 40, lastDate: day('2010-06-14') },
      { name: 'Kai', email: '123+kai@users.noreply.github.com', commits: 2, lastDate: day('2024-02-01') },
      { name: 'kai-dev', email: 'kai@users.noreply.github.com', commits: 1, lastDate: day('2023-01-01') },
      { name: 'Ana Lima', email: 'ana@example.com', commits: 5, lastDate: day('2024-01-01') },
    ]);
    assert.deepStrictEqual(
      groups.map((g) => [g.name, g.email, g.emails, g.commits, isoDay(g.lastDate)]),
      [
        ['aaron heckmann', 'aaron.heckmann@gmail.com', ['aaron.heckmann@gmail.com', 'aaron@old.example'], 43, '2010-06-14'],
        ['Ana Lima', 'ana@example.com', ['ana@example.com'], 5, '2024-01-01'],
        ['Kai', '123+kai@users.noreply.github.com', ['123+kai@users.noreply.github.com', 'kai@users.noreply.github.com'], 3, '2024-02-01'],
      ],
    );
  });

  it('suggests .mailmap lines for one person under several addresses, never for lines it cannot hold', () => {
    assert.deepStrictEqual(
      mailmapSuggestions([
        { name: 'Ana Lima', email: 'ana@old.example', commits: 1, lastDate: day('2020-01-01') },
        { name: 'Ana Lima', email: 'ana@new.example', commits: 1, lastDate: day('2024-01-01') },
        { name: 'Ben <x> Okafor', email: 'ben@a.example', commits: 1, lastDate: day('2024-01-01') },
        { name: 'Ben <x> Okafor', email: 'ben@b.example', commits: 1, lastDate: day('2023-01-01') },
        { name: 'Chen\u001b[2J Wei', email: 'chen@a.example', commits: 1, lastDate: day('2024-01-01') },
        { name: 'Chen\u001b[2J Wei', email: 'chen@b.example', commits: 1, lastDate: day('2023-01-01') },
        { name: 'Dev Patel', email: 'dev@example.com', commits: 1, lastDate: day('2024-01-01') },
      ]),
      [{ name: 'Ana Lima', email: 'ana@new.example', aliases: ['ana@old.example'], lines: ['Ana Lima <ana@new.example> <ana@old.example>'], evidence: ['the same full name'] }],
    );
  });

  it('joins spelling variants of one name, a name that is a handle and a shared personal local part, with evidence', () => {
    const who = (name: string, email: string) => ({ name, email });
    assert.strictEqual(compactNameKey('Anuraag (Rag) Agrawal'), compactNameKey('Anuraag Agrawal'));
    assert.strictEqual(compactNameKey('GuyTempleton'), compactNameKey('Guy Templeton'));
    assert.strictEqual(compactNameKey('Bob'), undefined, 'one short word says too little');
    assert.match(sameIdentityEvidence(who('GuyTempleton', 'guy@home.example'), who('Guy Templeton', 'g@work.example')) ?? '', /differ only in case, accents, spacing or a nickname/);
    assert.match(sameIdentityEvidence(who('Anuraag (Rag) Agrawal', 'a@x.example'), who('Anuraag Agrawal', 'b@y.example')) ?? '', /nickname/);
    assert.match(sameIdentityEvidence(who('pellared', 'robert@x.example'), who('Robert P', '5+pellared@users.noreply.github.com')) ?? '', /^the name pellared is the handle of /);
    assert.match(sameIdentityEvidence(who('George K', 'gkrajcsovits@work.example'), who('György K', 'gkrajcsovits@gmail.com')) ?? '', /same local part \(gkrajcsovits\)/);
    // Common local parts and different people stay apart.
    assert.strictEqual(sameIdentityEvidence(who('Ann Lee', 'info@a.example'), who('Bo Chan', 'info@b.example')), undefined);
    assert.strictEqual(sameIdentityEvidence(who('Ann Lee', 'ann@a.example'), who('Ann Leen', 'al@b.example')), undefined);
    const [guy, ...rest] = groupPeople([
      { name: 'Guy Templeton', email: 'guy@work.example', commits: 3, lastDate: 10 },
      { name: 'GuyTempleton', email: 'guy@home.example', commits: 2, lastDate: 20 },
      { name: 'Ann Lee', email: 'ann@a.example', commits: 1, lastDate: 5 },
    ]);
    assert.deepStrictEqual([guy.emails, guy.evidence.length, rest.map((g) => g.name)], [['guy@home.example', 'guy@work.example'], 1, ['Ann Lee']]);
    const [line] = mailmapSuggestions([
      { name: 'Guy Templeton', email: 'guy@work.example', commits: 3, lastDate: 10 },
      { name: 'GuyTempleton', email: 'guy@home.example', commits: 2, lastDate: 20 },
    ]);
    assert.deepStrictEqual([line.lines, line.evidence.length], [['GuyTempleton <guy@home.example> <guy@work.example>'], 1]);
  });

  it('counts people as active within whole calendar months of the newest commit', () => {
    assert.strictEqual(isoDay(activeSince(day('2025-07-12'))), '2024-07-12');
    assert.strictEqual(isoDay(activeSince(day('2025-03-31'), 1)), '2025-03-03');
    assert.strictEqual(activeSince(Number.NaN), -Infinity);
    assert.strictEqual(checkActiveMonths(6), 6);
    assert.match(String(checkActiveMonths(0)), /not a whole number of months/);
    assert.match(String(checkActiveMonths(1.5)), /not a whole number of months/);
  });
});
