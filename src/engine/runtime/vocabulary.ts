/**
 * The words of the content format: meters, technique tags, settings, domains, checklist steps. Kept apart
 * from the zod schema so the browser build can use them without shipping the schema library.
 */

export const METERS = ['stress', 'trust'] as const;
export type MeterName = (typeof METERS)[number];

/** AIDET: both a set of technique tags and the opening steps of the checklist. */
const AIDET = ['acknowledge', 'introduce', 'duration', 'explain', 'thank'] as const;

/** Empathy (NURSE, HEAT, "I wish"). */
const EMPATHY = [
  'name-emotion',
  'understand',
  'respect',
  'support',
  'explore',
  'apologize',
  'i-wish',
] as const;

const PROCESS = [
  'verify-identity',
  'privacy',
  'plain-language',
  'show-basis',
  'honest-uncertainty',
  'clear-ask',
  'offer-options',
  'fap-screen',
  'teach-back',
  'next-steps',
  'written-summary',
  'rights-statement',
  'take-ownership',
] as const;

const HARMFUL = [
  'pressure',
  'jargon',
  'blame',
  'threat',
  'lecture',
  'dismiss',
  'overpromise',
  'evade',
  'push-financing',
] as const;

/** Technique tags a choice can carry. The patient model and the scorer read these, so they are a closed set. */
export const TECHNIQUES = [...AIDET, ...EMPATHY, ...PROCESS, ...HARMFUL] as const;
export type Technique = (typeof TECHNIQUES)[number];

export const EMPATHY_TECHNIQUES: readonly Technique[] = EMPATHY;
export const ASK_TECHNIQUES: readonly Technique[] = ['clear-ask', 'pressure'];
export const HARMFUL_TECHNIQUES: readonly Technique[] = HARMFUL;

/**
 * Talking about the account or money: identity must be verified first (HIPAA), and in the ED the rights
 * statement comes first (EMTALA).
 */
export const ACCOUNT_TALK_TECHNIQUES: readonly Technique[] = [
  'explain',
  'show-basis',
  'clear-ask',
  'offer-options',
  'push-financing',
  'pressure',
  'threat',
];
/** Financing (plans, loans, cards): the financial-assistance screen comes first (HFMA, 501(r)). */
export const FINANCING_TECHNIQUES: readonly Technique[] = ['offer-options', 'push-financing'];

export const SETTINGS = [
  'front-desk',
  'phone-inbound',
  'phone-outbound',
  'ed-discharge',
  'counselor-office',
] as const;
export type Setting = (typeof SETTINGS)[number];
export const DOMAINS = [
  'pre-service',
  'time-of-service',
  'account-resolution',
  'special-situations',
] as const;

export const checklistItems = [
  ...AIDET,
  'verify-identity',
  'plain-language',
  'show-basis',
  'clear-ask',
  'offer-options',
  'fap-screen',
  'teach-back',
  'next-steps',
  'privacy',
  'rights-statement',
] as const;
export type ChecklistItem = (typeof checklistItems)[number];
