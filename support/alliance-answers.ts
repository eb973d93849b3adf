// Shared by tests/ and bench/: answers that take a participant through the alliance study.

/** The alliance survey's answers before the vignette: consent and the pre-treatment pages. */
export const PRETREATMENT_ALLIANCE_ANSWERS = {
  consent: true,
  age_group: '45-64',
  gender: 'male',
  education: 'no_college',
  region: 'midwest',
  party: 'republican',
  attention_check: 'television',
};

/** Answers that complete the alliance survey. */
export const COMPLETE_ALLIANCE_ANSWERS = {
  ...PRETREATMENT_ALLIANCE_ANSWERS,
  do_nothing: 2,
  public_criticism: 3,
  economic_sanctions: 1,
  reduce_military_aid: 5,
  suspend_military_support: 2,
  alliance_favorability: 3,
  contribution: 1,
  manipulation_check_regime: 'autocracy',
};
