import { describe, expect, it } from 'vitest';
import { WorkingDayCalendar } from '../../shared/calendar/working-days.js';
import { cutOff, expectedGraduation, nextSeason, seasonCompletedOn } from '../../shared/students/season.js';

describe('A5.1 working days on the statutory calendar', () => {
  const calendar = new WorkingDayCalendar();

  it('A5.1: 20 working days from 2026-09-25 cross 中秋 and 国庆 2026 and the 10 October make-up day', () => {
    // 9-25..9-27 and 10-1..10-7 are off, 10-10 (a Saturday) is worked
    expect(calendar.addWorkingDays('2026-09-25', 20)).toEqual({ date: '2026-10-29', provisional: false, missingYears: [] });
    expect(calendar.isWorkingDay('2026-10-10')).toBe(true);
    expect(calendar.isWorkingDay('2026-10-05')).toBe(false);
  });

  it('A5.1: a count into a year without an official schedule is provisional and names the year to load', () => {
    expect(calendar.addWorkingDays('2026-12-10', 20)).toEqual({ date: '2027-01-07', provisional: true, missingYears: [2027] });
  });

  it('A5.1: a schedule the province loaded replaces the assumption', () => {
    const loaded = new WorkingDayCalendar([{ year: 2027, holidays: ['2027-01-01'], makeUpWorkdays: [], source: 'loaded' }]);
    expect(loaded.addWorkingDays('2026-12-10', 20)).toEqual({ date: '2027-01-08', provisional: false, missingYears: [] });
  });

  it('counts working days between two dates', () => {
    expect(calendar.workingDaysBetween('2026-09-25', '2026-10-29')).toBe(20);
  });
});

describe('A5.2 / A5.3 intake seasons', () => {
  it('A5.2: the cut-offs are 20 November (autumn) and 20 April (spring)', () => {
    expect(cutOff({ season: 'autumn', year: 2026 })).toBe('2026-11-20');
    expect(cutOff({ season: 'spring', year: 2027 })).toBe('2027-04-20');
  });
  it('A5.3: a registration completed after the autumn cut-off moves to the next spring, and its graduation moves with it', () => {
    const autumn = { season: 'autumn' as const, year: 2026 };
    expect(seasonCompletedOn(autumn, '2026-11-20')).toEqual(autumn);
    expect(seasonCompletedOn(autumn, '2026-11-21')).toEqual({ season: 'spring', year: 2027 });
    expect(expectedGraduation(autumn, 3)).toBe('2029-07');
    expect(expectedGraduation({ season: 'spring', year: 2027 }, 3)).toBe('2030-01');
  });
  it('A5.3: spring rolls to the autumn of the same year', () => {
    expect(nextSeason({ season: 'spring', year: 2027 })).toEqual({ season: 'autumn', year: 2027 });
    expect(seasonCompletedOn({ season: 'spring', year: 2027 }, '2027-05-01')).toEqual({ season: 'autumn', year: 2027 });
  });
});
