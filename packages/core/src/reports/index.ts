/** What managers monitor monthly and what the landlord returns to its regulator yearly. */

export {
  median,
  percentile,
  proportion,
  twelveMonthsFrom,
  workingDaysToAnswer,
} from './figures.js';
export * from './month-end.js';
export * from './monthly.js';
export * from './regulator.js';
