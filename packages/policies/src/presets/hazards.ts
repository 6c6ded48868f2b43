/**
 * The words that suggest a hazard, shared by the presets (residents write the
 * same English on both sides of the border). An officer confirms or rules out
 * each one; the clock runs from receipt either way.
 */

/** Who counts as a vulnerable household, for "no heating or hot water". */
const VULNERABLE = [
  'baby',
  'newborn',
  'infant',
  'toddler',
  'young children',
  'elderly',
  'pensioner',
  'disabled',
  'disability',
  'pregnant',
  'asthma',
  'copd',
  'oxygen',
  'chemotherapy',
  'dementia',
  'wheelchair',
  'vulnerable',
  'frail',
  'terminally ill',
];

export const emergencySigns = [
  { label: 'gas', words: ['smell gas', 'smell of gas', 'gas smell', 'gas leak', 'leaking gas', 'smelling gas'] },
  { label: 'carbon monoxide', words: ['carbon monoxide', 'co alarm', 'co detector'] },
  {
    label: 'electrical danger',
    words: [
      'exposed wires',
      'exposed wiring',
      'bare wires',
      'live wires',
      'sparking',
      'electric shock',
      'socket smoking',
    ],
  },
  {
    label: 'flooding',
    words: ['flooding', 'flooded', 'water pouring', 'burst pipe', 'water coming through the ceiling'],
  },
  {
    label: 'structural danger',
    words: [
      'ceiling collapsed',
      'ceiling has collapsed',
      'ceiling is falling',
      'ceiling falling down',
      'wall collapsed',
      'wall is collapsing',
      'structural damage',
      'roof caved in',
    ],
  },
  {
    label: 'no heating in the cold months for a vulnerable household',
    words: ['no heating', 'heating not working', 'heating is not working', 'heating has broken', 'boiler broken'],
    withAny: VULNERABLE,
    // October to April: the heating season.
    months: [10, 11, 12, 1, 2, 3, 4],
  },
  { label: 'no hot water for a vulnerable household', words: ['no hot water'], withAny: VULNERABLE },
];

export const dampMouldSigns = [
  {
    label: 'damp or mould',
    words: [
      'damp',
      'mould',
      'mouldy',
      'mold',
      'moldy',
      'black spots',
      'black spot',
      'condensation',
      'fungus',
      'fungal',
      'mildew',
      'wet walls',
      'leak into the wall',
      'leaking into the wall',
      'leaking into the walls',
      'water coming through the wall',
      'water in the walls',
    ],
  },
];

/** Phrases that ask for stage 2 after a stage 1 answer. */
export const escalationWords = [
  'escalate',
  'stage 2',
  'stage two',
  'not happy with your response',
  'not satisfied with your response',
  'unhappy with your response',
  'dissatisfied with your response',
  'take this further',
  'take it further',
  'review my complaint',
];
