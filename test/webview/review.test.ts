import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import type { ReviewPanelData, WebviewToHost } from '../../src/protocol/review';
import { privateData, reviewData, XSS_IMG, XSS_SCRIPT } from './fixture';
import { Harness, OUTPUT_DIR } from './harness';
import type { Panel } from './harness';
import { THEMES } from './themes';
import type { ThemeName } from './themes';

describe('goal review webview (built bundle, headless Chromium)', function () {
  this.timeout(20_000);
  let harness: Harness | undefined;
  let panel: Panel | undefined;

  before(async () => {
    harness = await Harness.start();
  });
  after(async () => {
    await harness?.close();
  });
  afterEach(async () => {
    await panel?.close();
    panel = undefined;
  });

  async function show(data: ReviewPanelData = reviewData(), theme: ThemeName = 'dark'): Promise<Panel> {
    assert.ok(harness);
    panel = await harness.open(theme);
    await panel.send({ type: 'data', data });
    await panel.page.locator('#g0').waitFor();
    return panel;
  }

  async function expectNoProblems(p: Panel): Promise<void> {
    assert.deepEqual(await p.problems(), []);
  }

  /** Posted messages after the first `skip`. */
  async function postedSince(p: Panel, skip: number): Promise<WebviewToHost[]> {
    return ((await p.posted()) as WebviewToHost[]).slice(skip);
  }

  it('lets the reader choose the timeline’s range, whole history first, never an empty chart while sessions exist', async () => {
    // A partnership gone quiet: its sessions two years and ten months ago, nothing since.
    const data = reviewData();
    data.timeline = {
      from: '2024-03-01',
      sessions: [
        { date: '2024-04-10', status: 'held', minutes: 60, goals: [] },
        { date: '2024-05-08', status: 'cancelled', goals: [] },
        { date: '2025-07-20', status: 'held', minutes: 45, goals: [] },
      ],
    };
    const p = await show(data);
    const { page } = p;
    assert.equal(await page.locator('#timeline-title').innerText(), 'Sessions since 2024-03-01');
    assert.equal(await page.locator('.timeline-chart .mark').count(), 3, 'the whole history by default');
    const buttons = page.locator('.ranges button');
    assert.deepEqual(await buttons.allInnerTexts(), ['Last 6 months', 'Last 12 months', 'All']);
    assert.deepEqual(await buttons.evaluateAll((bs) => bs.map((b) => [(b as HTMLButtonElement).disabled, b.getAttribute('aria-pressed')])), [
      [true, 'false'],
      [false, 'false'],
      [false, 'true'],
    ]);
    assert.equal(await page.locator('.ranges button[data-range="6"]').getAttribute('title'), 'No session in this range');
    await page.locator('.ranges button[data-range="12"]').click();
    assert.equal(await page.locator('#timeline-title').innerText(), 'Sessions in the last 12 months');
    assert.deepEqual(await page.locator('.timeline-chart .mark').evaluateAll((ms) => ms.map((m) => m.getAttribute('data-date'))), ['2025-07-20']);
    // The choice survives a new data message (a save elsewhere), as the panel's state.
    await p.send({ type: 'data', data });
    await page.locator('.ranges button[data-range="12"][aria-pressed="true"]').waitFor();
    assert.equal(await page.locator('.timeline-chart .mark').count(), 1);
    await page.locator('.ranges button[data-range="all"]').click();
    assert.equal(await page.locator('.timeline-chart .mark').count(), 3);
    await expectNoProblems(p);
  });

  it('offers no range for a history of six months or less', async () => {
    const data = reviewData();
    data.timeline = { ...data.timeline, from: '2026-01-10', sessions: data.timeline.sessions.filter((t) => t.date >= '2026-01-10') };
    const p = await show(data);
    assert.equal(await p.page.locator('.ranges button').count(), 0);
    assert.equal(await p.page.locator('#timeline-title').innerText(), 'Sessions since 2026-01-10');
    assert.equal(await p.page.locator('.timeline-chart .mark').count(), data.timeline.sessions.length);
  });

  it('sends ready once on load and shows only a loading line until data arrives', async () => {
    assert.ok(harness);
    panel = await harness.open();
    await panel.page.waitForTimeout(100);
    assert.deepEqual(await panel.posted(), [{ type: 'ready' }]);
    assert.equal(await panel.page.locator('#app').getAttribute('aria-busy'), 'true');
    assert.match(await panel.page.locator('#app').innerText(), /Loading the review/);
    await expectNoProblems(panel);
  });

  describe('after one data message', () => {
    let sharedPanel: Panel | undefined;
    const shared = (): Panel => {
      assert.ok(sharedPanel, 'the panel did not open');
      return sharedPanel;
    };
    before(async () => {
      assert.ok(harness);
      sharedPanel = await harness.open();
      await sharedPanel.send({ type: 'data', data: reviewData() });
      await sharedPanel.page.locator('#g0').waitFor();
    });
    after(async () => {
      await sharedPanel?.close();
    });

    it('renders the summary, the timeline and every goal from a data message', async () => {
      const p = shared();
      const { page } = p;
      assert.equal(await page.locator('h1').innerText(), `Goal review: Ada Lovelace & Grace ${XSS_IMG}`, 'the people, by name');
      assert.match(await page.locator('.members').innerText(), /· ada-grace$/);
      assert.equal(await page.locator('#app').getAttribute('aria-busy'), 'false');
      const stats = await page.locator('.stat').allInnerTexts();
      assert.deepEqual(stats.slice(0, 5).map((t) => t.replace(/\s+/g, ' ')), ['7 held', '2 cancelled', '1 rescheduled', '6.5 hours together', '2026-05-04 last session']);
      assert.match(await page.locator('.stat.is-overdue').innerText(), /2026-05-18[\s\S]*overdue by 8 days/);
      assert.match(await page.locator('.stat.is-warning').innerText(), /2\s+cancelled in a row/);
      assert.equal(await page.locator('.actions li').count(), 2);

      const marks = page.locator('.timeline-chart .mark');
      assert.equal(await marks.count(), 10);
      assert.equal(await page.locator('.timeline-chart .mark.held').count(), 7);
      assert.equal(await page.locator('.timeline-chart .mark.cancelled').count(), 2);
      assert.equal(await page.locator('.timeline-chart .mark.rescheduled').count(), 1);
      const monthLabels = await page.locator('.timeline-chart text[text-anchor=middle]').allTextContents();
      assert.deepEqual(monthLabels, ['Dec', 'Jan', 'Feb', 'Mar', 'Apr', 'May']);

      assert.equal(await page.locator('vscode-collapsible.goal').count(), 2);
      assert.equal(await page.locator('#g0').evaluate((c) => (c as HTMLElementTagNameMap['vscode-collapsible']).heading), 'Write async Rust with confidence');
      const g0 = await page.locator('#g0 .goal-body .facts').innerText();
      assert.match(g0, /Owner\s+Grace/);
      assert.match(g0, /Mentors\s+Ada Lovelace/);
      assert.match(g0, /Progress\s+60%/);
      assert.match(g0, /Due\s+2026-05-01 overdue/);
      assert.equal(await page.locator('#g0 .reviews li').count(), 4);
      assert.equal(await page.locator('#g0 .sessions li').count(), 2);
      // Sessions and reviews in one order: newest first.
      const firstDate = async (list: string): Promise<string> => (await page.locator(`#g0 ${list} li strong`).first().innerText()).trim();
      assert.deepEqual([await firstDate('.reviews'), await firstDate('.sessions')], ['2026-05-04', '2026-05-04']);
      assert.equal(await page.locator('#g0 .commits li').count(), 2);
      assert.equal(await page.locator('#g0 .commits .trailer').count(), 1);
      assert.equal(await page.locator('#g1 .evidence-unavailable').innerText(), 'Commits are not shown in an untrusted workspace.');
      assert.equal(await page.locator('#g1 .progress-chart').count(), 0);
      await expectNoProblems(p);
    });

    it('draws one progress point per review with progress, placed by date and value', async () => {
      const p = shared();
      const points = await p.page.locator('#g0 .progress-chart circle.point').evaluateAll((els) =>
        els.map((e) => ({ date: e.getAttribute('data-date'), progress: Number(e.getAttribute('data-progress')), cx: Number(e.getAttribute('cx')), cy: Number(e.getAttribute('cy')) })),
      );
      // Four reviews, one without progress.
      assert.deepEqual(points.map((pt) => [pt.date, pt.progress]), [['2025-12-08', 10], ['2026-02-18', 35], ['2026-05-04', 60]]);
      // Later is further right; more progress is higher (smaller y), in proportion.
      const [a, b, c] = points;
      assert.ok(a.cx < b.cx && b.cx < c.cx);
      assert.ok(a.cy > b.cy && b.cy > c.cy);
      const days = (d: string): number => Date.parse(`${d}T00:00:00Z`) / 86_400_000;
      const xRatio = (b.cx - a.cx) / (c.cx - a.cx);
      const dateRatio = (days('2026-02-18') - days('2025-12-08')) / (days('2026-05-04') - days('2025-12-08'));
      assert.ok(Math.abs(xRatio - dateRatio) < 0.01, `x ${xRatio} vs dates ${dateRatio}`);
      assert.ok(Math.abs((a.cy - b.cy) / (a.cy - c.cy) - 25 / 50) < 0.01);
      const line = await p.page.locator('#g0 .progress-chart polyline').getAttribute('points');
      assert.equal(line, points.map((pt) => `${pt.cx},${pt.cy}`).join(' '));
      await expectNoProblems(p);
    });

    it('shows names, notes and titles containing markup literally, running none of it', async () => {
      const p = shared();
      const { page } = p;
      assert.equal(await page.evaluate(() => window.__xss), undefined);
      assert.match(await page.locator('.members').innerText(), /Grace <img src=x onerror="window.__xss=1">/);
      assert.ok((await page.locator('.actions li').nth(1).innerText()).includes(XSS_SCRIPT));
      assert.ok((await page.locator('#g0 .reviews li').nth(0).innerText()).includes(XSS_SCRIPT));
      assert.ok((await page.locator('#g0 .reviews li').nth(2).innerText()).includes(XSS_IMG));
      assert.ok((await page.locator('#g0 .commits .subject').nth(0).innerText()).includes(XSS_SCRIPT));
      assert.equal(await page.locator('#g1').evaluate((c) => (c as HTMLElementTagNameMap['vscode-collapsible']).heading), `Faster code reviews ${XSS_SCRIPT}`);
      // The reviewer option shows the name as text too.
      assert.equal(await page.locator('#g0-by vscode-option[value=grace]').textContent(), `Grace ${XSS_IMG}`);
      // No element came from the payloads, in the page or in any shadow root.
      const injected = await page.evaluate(() => {
        const found: string[] = [];
        const walk = (root: Document | ShadowRoot): void => {
          root.querySelectorAll('img, script').forEach((e) => found.push(e.outerHTML.slice(0, 80)));
          root.querySelectorAll('*').forEach((e) => e.shadowRoot && walk(e.shadowRoot));
        };
        walk(document);
        return found.filter((f) => !f.startsWith('<script nonce='));
      });
      assert.deepEqual(injected, []);
      await page.waitForTimeout(50);
      assert.equal(await page.evaluate(() => window.__xss), undefined);
      await expectNoProblems(p);
    });
  });

  it('posts the exact saveReview message, shows it pending, then the saved result', async () => {
    const p = await show();
    const { page } = p;
    await page.locator('#g0-progress input').fill('75');
    // By keyboard: open the list, move from 'active' to 'achieved', choose it.
    await page.locator('#g0-status').focus();
    for (const key of ['Enter', 'ArrowDown', 'Enter']) await page.keyboard.press(key);
    await page.locator('#g0-note textarea').fill('  Ships <b>async</b> code alone now.\n');
    const before = (await p.posted()).length;
    await page.locator('#g0-save').click();
    const [sent, ...rest] = await postedSince(p, before);
    assert.equal(rest.length, 0);
    assert.ok(sent.type === 'saveReview');
    assert.match(sent.requestId, /\S/);
    assert.deepEqual(sent, {
      type: 'saveReview',
      requestId: sent.requestId,
      goalId: 'rust-async',
      review: { progress: 75, status: 'achieved', note: 'Ships <b>async</b> code alone now.', by: 'ada' },
    });
    assert.equal(await page.locator('#g0-save').evaluate((b) => (b as HTMLElementTagNameMap['vscode-button']).disabled), true);
    assert.equal(await page.locator('#g0-save-status').innerText(), 'Saving…');
    assert.equal(await page.locator('#g0 .busy').isVisible(), true);
    // A second click while pending posts nothing.
    await page.locator('#g0-save').click({ force: true });
    assert.equal((await postedSince(p, before)).length, 1);

    await p.send({ type: 'saveResult', requestId: sent.requestId, ok: true });
    await page.locator('#g0-save-status', { hasText: 'Review saved.' }).waitFor();
    assert.equal(await page.locator('#g0-save').evaluate((b) => (b as HTMLElementTagNameMap['vscode-button']).disabled), false);
    assert.equal(await page.locator('#g0 .busy').isVisible(), false);
    assert.equal(await page.locator('#g0-note textarea').inputValue(), '');
    await expectNoProblems(p);
  });

  it('shows the host refusing a save, keeps the input, and ignores answers to unknown requests', async () => {
    const p = await show();
    const { page } = p;
    await page.locator('#g1-progress input').fill('5');
    await page.locator('#g1-note textarea').fill('First look.');
    const before = (await p.posted()).length;
    await page.locator('#g1-progress input').press('Enter');
    const [sent] = await postedSince(p, before);
    assert.ok(sent?.type === 'saveReview');
    assert.deepEqual(sent.review, { progress: 5, status: 'proposed', note: 'First look.', by: 'ada' });

    await p.send({ type: 'saveResult', requestId: 'someone-else', ok: true });
    await p.send({ type: 'saveResult', requestId: sent.requestId, ok: false, message: 'The mentoring file changed on disk.' });
    await page.locator('#g1-save-error', { hasText: 'Not saved: The mentoring file changed on disk.' }).waitFor();
    assert.equal(await page.locator('#g1-save-error').getAttribute('role'), 'alert');
    assert.equal(await page.locator('#g1-note textarea').inputValue(), 'First look.');
    assert.equal(await page.locator('#g1-save-status').innerText(), '');
    await expectNoProblems(p);
  });

  it('refuses progress that is not a whole number from 0 to 100, posting nothing', async () => {
    const p = await show();
    const { page } = p;
    const before = (await p.posted()).length;
    for (const bad of ['120', '-5', 'abc', '12.5', '']) {
      await page.locator('#g0-progress input').fill(bad);
      await page.locator('#g0-save').click();
      const error = page.locator('#g0-progress-error');
      await error.waitFor();
      assert.match(await error.innerText(), /0 to 100/, `message for ${JSON.stringify(bad)}`);
      assert.equal(await page.locator('#g0-progress').evaluate((f) => (f as HTMLElementTagNameMap['vscode-textfield']).invalid), true);
    }
    assert.match(await page.locator('#g0-progress-error').innerText(), /Enter progress/);
    assert.deepEqual(await postedSince(p, before), []);
    // Fixing the value clears the message as one types.
    await page.locator('#g0-progress input').fill('100');
    assert.equal(await page.locator('#g0-progress-error').isVisible(), false);
    assert.equal(await page.locator('#g0-progress').evaluate((f) => (f as HTMLElementTagNameMap['vscode-textfield']).invalid), false);
    await expectNoProblems(p);
  });

  it('posts prepareSession, logSession, openGoal and openCommit from its buttons', async () => {
    const p = await show();
    const { page } = p;
    const before = (await p.posted()).length;
    await page.locator('#prepare-session').click();
    await page.locator('#log-session').click();
    await page.locator('#g0-log').click();
    await page.locator('#g1-reveal').click();
    await page.locator('#g0 .commits button.hash').first().click();
    assert.deepEqual(await postedSince(p, before), [
      { type: 'prepareSession', partnershipId: 'ada-grace' },
      { type: 'logSession', partnershipId: 'ada-grace' },
      { type: 'logSession', partnershipId: 'ada-grace', goalId: 'rust-async' },
      { type: 'openGoal', goalId: 'review-speed' },
      { type: 'openCommit', hash: '3f2a9c1d8e7b6a5f4e3d2c1b0a9f8e7d6c5b4a39' },
    ]);
    await expectNoProblems(p);
  });

  it('labels every form control and reaches it by keyboard', async () => {
    const p = await show();
    const { page } = p;
    const labels = await page.evaluate(() =>
      ['g0-progress', 'g0-status', 'g0-by', 'g0-note'].map((id) => {
        const el = document.getElementById(id);
        const inner = el?.shadowRoot?.querySelector('input, textarea, [role=combobox]');
        return inner?.getAttribute('aria-label');
      }),
    );
    assert.deepEqual(labels, ['Progress (0–100)', 'Status', 'Reviewer', 'Note (in the file)']);
    // Tab from the top through the page: the first goal's controls are all reached, in order.
    const reached: string[] = [];
    await page.locator('#log-session').focus();
    for (let i = 0; i < 40 && !reached.includes('g0-save'); i++) {
      await page.keyboard.press('Tab');
      reached.push(await page.evaluate(() => document.activeElement?.id || document.activeElement?.tagName.toLowerCase() || ''));
    }
    const order = ['g0', 'g0-reveal', 'g0-log', 'g0-progress', 'g0-status', 'g0-by', 'g0-note', 'g0-save'];
    assert.deepEqual(reached.filter((id) => order.includes(id)), order, reached.join(' '));
    // Enter on a goal's header closes it.
    await page.locator('#g1 .collapsible-header').focus();
    await page.keyboard.press('Enter');
    assert.equal(await page.locator('#g1').evaluate((c) => (c as HTMLElementTagNameMap['vscode-collapsible']).open), false);
    await expectNoProblems(p);
  });

  it('keeps open sections, unsaved input and the scroll position across a reload', async () => {
    const p = await show();
    const { page } = p;
    await page.locator('#g1 .collapsible-header').click();
    assert.equal(await page.locator('#g1').evaluate((c) => (c as HTMLElementTagNameMap['vscode-collapsible']).open), false);
    await page.locator('#g0-progress input').fill('42');
    await page.locator('#g0-note textarea').fill('Half-way <there>');
    await page.locator('#g0-by').focus();
    for (const key of ['Enter', 'ArrowDown', 'Enter']) await page.keyboard.press(key);
    await page.mouse.wheel(0, 700);
    await page.waitForFunction(() => window.scrollY >= 600);
    await page.waitForTimeout(100);
    const scrolled = await page.evaluate(() => window.scrollY);

    await page.reload();
    await page.waitForFunction(() => window.__posted.length > 0);
    assert.deepEqual(await p.posted(), [{ type: 'ready' }]);
    await p.send({ type: 'data', data: reviewData() });
    await page.locator('#g0').waitFor();
    assert.equal(await page.locator('#g0-progress input').inputValue(), '42');
    assert.equal(await page.locator('#g0-note textarea').inputValue(), 'Half-way <there>');
    assert.equal(await page.locator('#g0-by').evaluate((s) => (s as HTMLElementTagNameMap['vscode-single-select']).value), 'grace');
    assert.equal(await page.locator('#g1').evaluate((c) => (c as HTMLElementTagNameMap['vscode-collapsible']).open), false);
    assert.equal(await page.locator('#g0').evaluate((c) => (c as HTMLElementTagNameMap['vscode-collapsible']).open), true);
    await page.waitForFunction((y) => Math.abs(window.scrollY - y) <= 2, scrolled);
    await expectNoProblems(p);
  });

  it('gives goals with ids named like object members (constructor, __proto__) their own form and unsaved input', async () => {
    const data = reviewData();
    data.goals[0].id = 'constructor';
    data.goals[1].id = '__proto__';
    const p = await show(data);
    const { page } = p;
    // A fresh form: the goal's own progress and status, an empty note (not what Object.prototype holds).
    assert.equal(await page.locator('#g0-progress input').inputValue(), '60');
    assert.equal(await page.locator('#g0-status').evaluate((s) => (s as HTMLElementTagNameMap['vscode-single-select']).value), 'active');
    assert.equal(await page.locator('#g0-note textarea').inputValue(), '');
    assert.equal(await page.locator('#g1-progress input').inputValue(), '');
    assert.equal(await page.locator('#g1-status').evaluate((s) => (s as HTMLElementTagNameMap['vscode-single-select']).value), 'proposed');
    await page.locator('#g1-note textarea').fill('Kept for __proto__');
    await page.reload();
    await page.waitForFunction(() => window.__posted.length > 0);
    await p.send({ type: 'data', data });
    await page.locator('#g1').waitFor();
    assert.equal(await page.locator('#g1-note textarea').inputValue(), 'Kept for __proto__');
    assert.equal(await page.locator('#g0-note textarea').inputValue(), '');
    const before = (await p.posted()).length;
    await page.locator('#g0-save').click();
    const [sent] = await postedSince(p, before);
    assert.ok(sent?.type === 'saveReview');
    assert.deepEqual([sent.goalId, sent.review], ['constructor', { progress: 60, status: 'active', by: 'ada' }]);
    await expectNoProblems(p);
  });

  describe('private notes', () => {
    it('shows them in their own labelled block and beside their goal, as text, and nothing of them without private data', async () => {
      const p = await show({ ...reviewData(), private: privateData() });
      const { page } = p;
      const block = page.locator('section.private');
      assert.equal(await block.locator('h2').innerText(), 'Private notes — only on this machine');
      assert.equal(await block.locator('h2 svg.lock').count(), 1);
      assert.match(await block.locator('.private-where').innerText(), /Never written to the mentoring file or to git\. Kept in \/home\/ada\/.*\.yml\./);
      assert.deepEqual(await block.locator('h3').allInnerTexts(), ['Session 2026-05-04 · held', 'Session 2026-01-19 · cancelled', 'No longer in the file: session 2025-12-01 (held)']);
      assert.deepEqual(await block.locator('.note').allInnerTexts(), [`I froze when Grace asked about pinning.\n${XSS_IMG}`, 'Cancelled because I was exhausted.', 'About a session that was removed.']);
      // The block comes after the timeline and before the goals, apart from what is in the file.
      assert.deepEqual(await page.locator('main > section, #app > section').evaluateAll((els) => els.map((e) => e.className)), ['summary', 'timeline', 'private', 'goals']);
      const reflections = page.locator('#g0 .private-reflections');
      assert.match(await reflections.locator('h4').textContent() ?? '', /Private reflections — only on this machine/);
      assert.equal(await reflections.locator('.note').innerText(), `Not sure I am the right mentor. ${XSS_SCRIPT}`);
      assert.equal(await page.locator('#g1 .private-reflections').count(), 0);
      assert.equal(await page.evaluate(() => window.__xss), undefined);
      await expectNoProblems(p);

      await p.send({ type: 'data', data: reviewData() });
      await page.locator('#g0').waitFor();
      assert.equal(await page.locator('.private').count(), 0);
      assert.equal(await page.locator('#g0-reflection').count(), 0);
      // None yet: no block, but the form offers a private reflection.
      await p.send({ type: 'data', data: { ...reviewData(), private: { ...privateData(), sessions: [], goals: [], detached: [] } } });
      await page.locator('#g0-reflection').waitFor();
      assert.equal(await page.locator('section.private').count(), 0);
    });

    it('says when they cannot be read, and offers no private reflection then', async () => {
      const p = await show({ ...reviewData(), private: { ...privateData(), sessions: [], goals: [], detached: [], error: '/home/ada/notes/x.yml:4:1: unknown key "txet"' } });
      assert.equal(await p.page.locator('.private-error').innerText(), 'They cannot be read: /home/ada/notes/x.yml:4:1: unknown key "txet"');
      assert.equal(await p.page.locator('#g0-reflection').count(), 0);
      await expectNoProblems(p);
    });

    it('posts a private reflection beside the review, keeps it out of the webview state, and keeps it when the host could not', async () => {
      const p = await show({ ...reviewData(), private: privateData() });
      const { page } = p;
      assert.match(await page.locator('#g0 .private-field vscode-label').innerText(), /Private reflection — only on this machine/);
      await page.locator('#g0-note textarea').fill('Shared note');
      const before = (await p.posted()).length;
      await page.locator('#g0-reflection textarea').fill('  Between us: I doubt myself.  ');
      const drafts = await postedSince(p, before);
      assert.deepEqual(drafts.at(-1), { type: 'reflectionDraft', goalId: 'rust-async', text: '  Between us: I doubt myself.  ' });
      assert.ok(!JSON.stringify(await page.evaluate(() => sessionStorage.getItem('vscode-state'))).includes('doubt'), 'not in the state VS Code keeps on disk');

      const beforeSave = (await p.posted()).length;
      await page.locator('#g0-save').click();
      const [sent] = (await postedSince(p, beforeSave)).filter((m) => m.type === 'saveReview');
      assert.ok(sent?.type === 'saveReview');
      assert.deepEqual(sent, { type: 'saveReview', requestId: sent.requestId, goalId: 'rust-async', review: { progress: 60, status: 'active', note: 'Shared note', by: 'ada' }, reflection: 'Between us: I doubt myself.' });

      await p.send({ type: 'saveResult', requestId: sent.requestId, ok: true, warning: 'The review was saved, but the private reflection was not kept: disk full.' });
      await page.locator('#g0-save-error', { hasText: 'the private reflection was not kept' }).waitFor();
      assert.equal(await page.locator('#g0-save-status').innerText(), 'Review saved.');
      assert.equal(await page.locator('#g0-note textarea').inputValue(), '');
      assert.equal(await page.locator('#g0-reflection textarea').inputValue(), '  Between us: I doubt myself.  ');

      // Saved again, fully this time: the reflection goes.
      const again = (await p.posted()).length;
      await page.locator('#g0-save').click();
      const [second] = (await postedSince(p, again)).filter((m) => m.type === 'saveReview');
      assert.ok(second?.type === 'saveReview');
      await p.send({ type: 'saveResult', requestId: second.requestId, ok: true });
      await page.locator('#g0-save-status', { hasText: 'Review saved.' }).waitFor();
      assert.equal(await page.locator('#g0-save-error').innerText(), '');
      assert.equal(await page.locator('#g0-reflection textarea').inputValue(), '');
      await expectNoProblems(p);
    });

    it('gets an unsaved reflection back from the host after the page was torn down', async () => {
      const p = await show({ ...reviewData(), private: privateData() });
      const { page } = p;
      await page.locator('#g0-reflection textarea').fill('half a thought');
      await page.reload();
      await page.waitForFunction(() => window.__posted.length > 0);
      await p.send({ type: 'data', data: { ...reviewData(), private: { ...privateData(), drafts: [{ goal: 'rust-async', text: 'half a thought' }] } } });
      await page.locator('#g0').waitFor();
      assert.equal(await page.locator('#g0-reflection textarea').inputValue(), 'half a thought');
      await expectNoProblems(p);
    });
  });

  it('keeps its partnership and folder in the state the host restores it from, and opens a goal the host reveals', async () => {
    const p = await show({ ...reviewData(), folder: 'file:///work/team' });
    const { page } = p;
    const saved = (): Promise<Record<string, unknown>> => page.evaluate(() => JSON.parse(sessionStorage.getItem('vscode-state') ?? '{}') as Record<string, unknown>);
    await page.waitForFunction(() => sessionStorage.getItem('vscode-state')?.includes('ada-grace'));
    assert.deepEqual([(await saved()).partnershipId, (await saved()).folder], ['ada-grace', 'file:///work/team']);
    await page.locator('#g1 .collapsible-header').click();
    assert.deepEqual((await saved()).closed, ['review-speed']);
    await p.send({ type: 'revealGoal', goalId: 'review-speed' });
    await page.waitForFunction(() => (document.getElementById('g1') as HTMLElementTagNameMap['vscode-collapsible']).open);
    assert.deepEqual((await saved()).closed, []);
    await p.send({ type: 'revealGoal', goalId: 'no-such-goal' });
    await expectNoProblems(p);
  });

  it('shows host errors and ignores malformed messages', async () => {
    const p = await show();
    const { page } = p;
    await page.evaluate(() => {
      window.postMessage({ type: 'data', data: { goals: 'not a list' } }, '*');
      window.postMessage({ type: 'saveResult' }, '*');
      window.postMessage('hello', '*');
    });
    await page.waitForTimeout(50);
    assert.equal(await page.locator('vscode-collapsible.goal').count(), 2);
    await p.send({ type: 'error', message: 'The mentoring file has 2 errors: <see> the Problems view.' });
    assert.equal(await page.locator('.banner').innerText(), 'The mentoring file has 2 errors: <see> the Problems view.');
    await expectNoProblems(p);
  });

  it('runs under the real CSP: inline script and style are blocked, and that is noticed', async () => {
    const p = await show();
    const { page } = p;
    const csp = await page.locator('meta[http-equiv=Content-Security-Policy]').getAttribute('content');
    assert.match(csp ?? '', /^default-src 'none'; script-src 'nonce-[A-Za-z0-9+/=]+'; style-src http:\/\/127\.0\.0\.1:\d+;/);
    // The elements styled themselves with constructable stylesheets, which CSP allows.
    const buttonBg = await page.locator('#g0-save').evaluate((b) => getComputedStyle(b.shadowRoot!.querySelector('.base') ?? b).backgroundColor);
    assert.equal(buttonBg, 'rgb(0, 120, 212)');
    assert.deepEqual(await p.problems(), []);
    // A negative control: the collector sees violations when they happen.
    await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__xss = 2';
      document.body.append(s);
      document.body.setAttribute('style', 'color: red');
    });
    await page.waitForFunction(() => window.__violations.length >= 2);
    assert.equal(await page.evaluate(() => window.__xss), undefined);
    const problems = await p.problems();
    assert.ok(problems.some((x) => x.startsWith('CSP violation: script-src')), problems.join('\n'));
    assert.ok(problems.some((x) => x.startsWith('CSP violation: style-src')), problems.join('\n'));
  });

  it('wraps a 5,000-character word instead of widening the panel', async () => {
    const word = 'x'.repeat(5000);
    const data = reviewData();
    data.partnership.members[0].name = `Ada ${word}`;
    data.partnership.id = `ada-${word}`;
    data.summary.openActions[0].what = word;
    data.goals[0].title = word;
    data.goals[0].reviews[0].note = word;
    data.goals[0].sessions[0].notes = word;
    if (data.goals[0].evidence.available) data.goals[0].evidence.commits[0].subject = word;
    const p = await show(data, 'dark');
    const { page } = p;
    const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, view: document.documentElement.clientWidth }));
    assert.ok(widths.page <= widths.view, `the page is ${widths.page} px wide in a ${widths.view} px view`);
    // Nothing inside sticks out of the view either (shadow roots of the goal sections included).
    const wide = await page.evaluate(() => {
      const out: string[] = [];
      const walk = (root: Document | ShadowRoot): void => {
        for (const el of root.querySelectorAll('*')) {
          if (el.getBoundingClientRect().right > document.documentElement.clientWidth + 1) out.push(`${el.tagName.toLowerCase()}.${el.className}`);
          if (el.shadowRoot) walk(el.shadowRoot);
        }
      };
      walk(document);
      return out;
    });
    assert.deepEqual(wide, []);
    fs.mkdirSync(OUTPUT_DIR, { recursive: true });
    await page.screenshot({ path: path.join(OUTPUT_DIR, 'review-long-words.png') });
    await expectNoProblems(p);
  });

  it('keeps each date in the summary cards on one line, in a narrow dark panel', async () => {
    assert.ok(harness);
    panel = await harness.open('dark');
    await panel.page.setViewportSize({ width: 380, height: 900 });
    await panel.send({ type: 'data', data: reviewData() });
    await panel.page.locator('#g0').waitFor();
    const values = await panel.page.locator('.stat-value').evaluateAll((els) =>
      els.map((e) => ({ text: (e as HTMLElement).innerText, lines: Math.round(e.getBoundingClientRect().height / parseFloat(getComputedStyle(e).fontSize) / 1.15), right: e.getBoundingClientRect().right })),
    );
    for (const v of values) assert.equal(v.lines, 1, `"${v.text}" is on ${v.lines} lines`);
    assert.ok(values.some((v) => /^\d{4}-\d\d-\d\d$/.test(v.text)), 'dates are among them');
    const view = await panel.page.evaluate(() => document.documentElement.clientWidth);
    assert.ok(values.every((v) => v.right <= view), 'and inside the view');
    await expectNoProblems(panel);
  });

  it('follows the light, dark and high-contrast themes (screenshots in test/.output)', async () => {
    const p = await show({ ...reviewData(), private: privateData() }, 'light');
    const { page } = p;
    fs.mkdirSync(OUTPUT_DIR, { recursive: true });
    for (const name of ['light', 'dark', 'high-contrast'] as const) {
      await p.theme(name);
      const v = THEMES[name].vars;
      const colours = await page.evaluate(() => ({
        text: getComputedStyle(document.body).color,
        background: getComputedStyle(document.body).backgroundColor,
        held: getComputedStyle(document.querySelector('.timeline-chart .mark.held')!).fill,
        cancelled: getComputedStyle(document.querySelector('.timeline-chart .mark.cancelled')!).stroke,
      }));
      const rgb = (hex: string): string => `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;
      assert.deepEqual(colours, { text: rgb(v.foreground), background: rgb(v['editor-background']), held: rgb(v['charts-green']), cancelled: rgb(v['charts-red']) }, name);
      const file = path.join(OUTPUT_DIR, `review-${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      assert.ok(fs.statSync(file).size > 10_000);
    }
    await expectNoProblems(p);
  });
});
