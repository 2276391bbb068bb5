import * as assert from 'assert/strict';
import { addDays, daysBetween, fromEpochDay, isIsoDate, localToday, parseDateInput, shortDate, toEpochDay } from '../../src/core/dates';

describe('dates', () => {
  it('accepts real calendar dates only', () => {
    assert.equal(isIsoDate('2026-03-10'), true);
    assert.equal(isIsoDate('2024-02-29'), true, 'leap day in a leap year');
    assert.equal(isIsoDate('2000-02-29'), true, '2000 is a leap year (divisible by 400)');
    assert.equal(isIsoDate('1900-02-29'), false, '1900 is not a leap year');
    assert.equal(isIsoDate('2026-02-29'), false);
    assert.equal(isIsoDate('2026-02-30'), false);
    assert.equal(isIsoDate('2026-04-31'), false);
    assert.equal(isIsoDate('2026-12-31'), true);
    for (const bad of ['2026-13-01', '2026-00-10', '2026-01-00', '2026-1-5', '26-01-05', '2026-01-05T00:00', ' 2026-01-05', '', 'today']) {
      assert.equal(isIsoDate(bad), false, bad);
    }
  });

  it('converts to and from epoch days', () => {
    assert.equal(toEpochDay('1970-01-01'), 0);
    assert.equal(toEpochDay('1970-01-02'), 1);
    assert.equal(toEpochDay('1969-12-31'), -1);
    assert.equal(toEpochDay('2026-02-30'), undefined);
    assert.equal(fromEpochDay(toEpochDay('2024-02-29') as number), '2024-02-29');
  });

  it('adds days across month, year and leap-day boundaries', () => {
    assert.equal(addDays('2024-02-28', 1), '2024-02-29');
    assert.equal(addDays('2024-02-29', 1), '2024-03-01');
    assert.equal(addDays('2026-02-28', 1), '2026-03-01');
    assert.equal(addDays('2026-12-31', 1), '2027-01-01');
    assert.equal(addDays('2026-01-01', -1), '2025-12-31');
    assert.equal(addDays('2026-03-10', 0), '2026-03-10');
    assert.throws(() => addDays('2026-02-30', 1), RangeError);
  });

  it('counts whole days between dates, signed, ignoring daylight saving', () => {
    assert.equal(daysBetween('2026-03-01', '2026-03-31'), 30, 'spans the March DST change');
    assert.equal(daysBetween('2026-10-20', '2026-11-05'), 16, 'spans the October DST change');
    assert.equal(daysBetween('2026-03-10', '2026-03-03'), -7);
    assert.equal(daysBetween('2024-01-01', '2025-01-01'), 366);
    assert.throws(() => daysBetween('2026-02-30', '2026-03-01'), /2026-02-30/);
    assert.throws(() => daysBetween('2026-03-01', 'soon'), /soon/);
  });

  it('reads the local calendar date', () => {
    assert.equal(localToday(new Date(2026, 0, 5, 23, 59)), '2026-01-05');
    assert.equal(localToday(new Date(2026, 11, 31, 0, 0)), '2026-12-31');
  });

  it('says a date the way a message does, with the year only when it is another', () => {
    assert.equal(shortDate('2026-11-30', '2026-12-02'), '30 Nov');
    assert.equal(shortDate('2026-01-05', '2026-12-02'), '5 Jan');
    assert.equal(shortDate('2025-12-31', '2026-01-02'), '31 Dec 2025');
    assert.equal(shortDate('not a date', '2026-01-02'), 'not a date');
  });

  describe('parseDateInput', () => {
    const today = '2026-03-01';
    it('understands today, yesterday and explicit dates', () => {
      assert.deepEqual(parseDateInput('today', today), { ok: true, date: today });
      assert.deepEqual(parseDateInput('', today), { ok: true, date: today });
      assert.deepEqual(parseDateInput('  Yesterday ', today), { ok: true, date: '2026-02-28' });
      assert.deepEqual(parseDateInput('yesterday', '2024-03-01'), { ok: true, date: '2024-02-29' });
      assert.deepEqual(parseDateInput('2026-02-14', today), { ok: true, date: '2026-02-14' });
      assert.deepEqual(parseDateInput('2026-03-01', today), { ok: true, date: today });
    });

    it('refuses impossible dates with the date in the message', () => {
      const r = parseDateInput('2026-02-30', today);
      assert.equal(r.ok, false);
      assert.match(r.ok ? '' : r.message, /2026-02-30 is not a real date/);
      const leap = parseDateInput('2025-02-29', today);
      assert.equal(leap.ok, false);
    });

    it('refuses other text with a hint of what to type', () => {
      for (const bad of ['tomorrow', '03/01/2026', '2026-3-1', 'last week']) {
        const r = parseDateInput(bad, today);
        assert.equal(r.ok, false, bad);
        assert.match(r.ok ? '' : r.message, /YYYY-MM-DD/);
      }
    });

    it('refuses future dates unless allowed', () => {
      const r = parseDateInput('2026-03-02', today);
      assert.equal(r.ok, false);
      assert.match(r.ok ? '' : r.message, /2026-03-02 is in the future/);
      assert.deepEqual(parseDateInput('2026-03-02', today, { allowFuture: true }), { ok: true, date: '2026-03-02' });
    });
  });
});
