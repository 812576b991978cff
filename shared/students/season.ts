import type { Season } from './reference-data.js';

/**
 * Intake seasons (A5.2, A5.3). An autumn intake must be registered by 20 November, a spring intake by 20 April of
 * its year; a registration completed after its season's cut-off belongs to the next season, and the expected
 * graduation moves with it.
 */
export interface SeasonYear {
  season: Season;
  year: number;
}

/** A5.2: the last day a season's registrations can complete. */
export function cutOff({ season, year }: SeasonYear): string {
  return season === 'autumn' ? `${year}-11-20` : `${year}-04-20`;
}

/** A5.3: autumn Y is followed by spring Y+1, spring Y by autumn Y. */
export function nextSeason({ season, year }: SeasonYear): SeasonYear {
  return season === 'autumn' ? { season: 'spring', year: year + 1 } : { season: 'autumn', year };
}

/** A5.3: the season a registration completed on `date` (Asia/Shanghai) belongs to. */
export function seasonCompletedOn(intended: SeasonYear, date: string): SeasonYear {
  let current = intended;
  while (date > cutOff(current)) current = nextSeason(current);
  return current;
}

/**
 * A5.3: expected graduation, YYYY-MM: the end of the last term of `programLength` years from the start — July for an
 * autumn start, January for a spring start.
 */
export function expectedGraduation(start: SeasonYear, programLength: number): string {
  return start.season === 'autumn' ? `${start.year + programLength}-07` : `${start.year + programLength}-01`;
}
