/** Access rules live in core (they are domain rules); re-exported for the routes. */
export { canSeeAllCases, canSeeCase } from '@housing-inbox/core';
