/** English: the catalogue the product ships with. */
import {
  BANDS,
  BELOW_TOP_BAND,
  BONUS,
  EFFICIENCY,
  EXPERIENCE_WEIGHTS,
  HARD_FAIL_CAP,
  PENALTY,
  WARNINGS_THAT_FAIL,
  WEIGHTS,
} from '../engine/runtime/scoring';
import type { Catalogue } from './catalogue';

/** `$1,234.5` style without Intl: the CLI and the analyzer render thousands of these. */
export function dollars(n: number): string {
  const [whole = '0', cents] = (Math.round(n * 100) / 100).toString().split('.');
  return `$${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${cents ? `.${cents.padEnd(2, '0')}` : ''}`;
}

const checklist: Catalogue['checklist'] = {
  acknowledge: 'Greeted and acknowledged the patient (AIDET: Acknowledge)',
  introduce: 'Introduced yourself and your role (AIDET: Introduce)',
  duration: 'Said how long this would take (AIDET: Duration)',
  explain: 'Explained what the amount is and why (AIDET: Explanation)',
  thank: 'Thanked the patient (AIDET: Thank you)',
  'verify-identity': 'Verified identity before discussing the account (HIPAA)',
  'plain-language': 'Used plain language',
  'show-basis': 'Showed the basis of the numbers',
  'clear-ask': 'Made one clear ask for the amount due',
  'offer-options': 'Offered payment options',
  'fap-screen': 'Screened for financial assistance before any financing',
  'teach-back': 'Checked understanding with teach-back',
  'next-steps': 'Stated the next steps',
  privacy: 'Protected the patient\u2019s privacy',
  'rights-statement': 'Gave the rights statement before any talk of money (EMTALA)',
};

const lowerFirst = (s: string): string => `${s.charAt(0).toLowerCase()}${s.slice(1)}`;
const pct = (w: number): string => w.toFixed(2);

const focusWords: Record<keyof typeof WEIGHTS, string> = {
  resolution: 'reaching the right financial resolution',
  experience: 'how the patient felt at the end',
  process: 'the steps of the conversation',
};

const capWords: Catalogue['cap'] = {
  'hard-fail': (cap) => `A compliance failure caps the score at ${cap} and always fails`,
  'two-warnings': (cap) =>
    `${WARNINGS_THAT_FAIL} or more broken rules cannot pass: the score is capped at ${cap}, below the pass mark`,
  'bad-ending': (cap) => `This ending went badly, so it cannot pass: the score is capped at ${cap}`,
  'rule-broken': (cap) =>
    `A broken rule keeps the attempt out of the top band: the score is capped at ${cap}`,
  'mixed-ending': (cap) =>
    `This ending\u2019s outcome is mixed, so it stays out of the top band: the score is capped at ${cap}`,
};

export const en: Catalogue = {
  locale: 'en',
  money: dollars,
  modelNote: {
    'jargon-confused': (n, c) => `Jargon confused ${c.name}: stress +${n.stress}.`,
    'ask-under-stress': (n, c) =>
      `Asking for money while ${c.name} was tense, before acknowledging how ${c.pronoun} felt: trust \u2212${-n.trust}, stress +${n.stress}.`,
    'named-emotion-relief': (n, c) =>
      `Naming the feeling when ${c.name} was most tense helped more: stress \u2212${-n.stress}.`,
    'honesty-earned-trust': (n) =>
      `Being honest about what could change earned extra trust from a skeptical patient: +${n.trust}.`,
    'asked-again': (n, c) =>
      `${c.name} had already answered that (${n.asks}): stress +${n.stress}, trust ${n.trust}.`,
    'empathy-worn': (n) =>
      `The same empathy move (${n.techniques.join(', ')}) used again sounded scripted: its benefit was halved.`,
  },
  scoreItem: {
    'nothing-owed': () => 'Nothing was owed at this point and nothing was asked for',
    'paid-of-owed': (p) =>
      `${[
        p.collected > 0 ? `${dollars(p.collected)} collected today` : '',
        p.planAmount > 0 ? `${dollars(p.planAmount)} committed over ${p.planMonths} months` : '',
      ]
        .filter(Boolean)
        .join(' and ')} of ${dollars(p.owed)} appropriately owed`,
    'none-paid': (p) => `None of the ${dollars(p.owed)} the patient appropriately owes was paid or committed`,
    unresolved: (p) => `${dollars(p.amount)} of what is owed was left unresolved`,
    routed: (p) => `${dollars(p.amount)} routed to assistance, coverage or a correction`,
    'not-routed': (p) =>
      `${dollars(p.amount)} should have gone to assistance, coverage or a correction and did not`,
    overcollected: (p) => `${dollars(p.amount)} taken or committed that the patient does not owe`,
    waived: (p) => `${dollars(p.amount)} waived without a financial-need determination`,
    disputes: (p) => `${p.count} dispute or complaint opened by the patient`,
    'care-deferred': () => 'Care was held up over money',
    autopay: () => 'Plan set up with autopay',
    'written-terms': () => 'Plan terms given in writing',
    'best-turn': () => 'The turn that helped the patient most',
    'worst-turn': () => 'The turn that cost the most trust or added the most stress',
    checklist: (p) => {
      const label = checklist[p.step];
      if (p.status === 'met') return label;
      if (p.status === 'late')
        return `Too late: ${lowerFirst(label)} came only after turn ${p.afterTurn ?? '?'}, so it does not count`;
      return `Missing: ${lowerFirst(label)}`;
    },
    'cue-answered': (p) => `Responded with empathy to the patient\u2019s cue (${p.cue}) within a turn`,
    'cue-missed': (p) =>
      `The patient showed an emotion (${p.cue}) and got no empathic response within a turn`,
    'ask-before-options': (p) =>
      p.met
        ? 'Made one clear ask before offering options'
        : 'Options came before (or without) a clear ask for the amount due',
    warning: (p, c) => c.ruleStatement(p.ruleId),
    harmful: (p) => `Used ${p.techniques.join(', ')}`,
    breach: (p, c) => `${p.severity === 'hard-fail' ? 'Hard fail' : 'Warning'}: ${c.ruleStatement(p.ruleId)}`,
    'warning-on-total': (p, c) => `Broken rule costs points on the total: ${c.ruleStatement(p.ruleId)}`,
    'no-breach': () => 'No rule was broken',
    cap: (p) => `${capWords[p.reason](p.cap)} (it would have been ${p.before})`,
    'over-target': (p) => `${p.turns} turns against a target of ${p.target}`,
    'on-target': (p) =>
      `Done in ${p.turns} turns (target ${p.target}) without rushing past the patient\u2019s feelings`,
  },
  checklist,
  band: {
    exemplary: 'Exemplary',
    proficient: 'Proficient',
    developing: 'Developing',
    'needs-remediation': 'Needs remediation',
  },
  component: {
    resolution: {
      label: `Financial resolution (${Math.round(WEIGHTS.resolution * 100)}%)`,
      explain:
        'Money paid or committed up to what is appropriately owed, plus money routed to assistance, coverage or a correction. Collecting what is not owed, waivers, disputes and held-up care subtract.',
    },
    experience: {
      label: `Patient experience (${Math.round(WEIGHTS.experience * 100)}%)`,
      explain: `${Math.round(EXPERIENCE_WEIGHTS.trust * 100)}% the patient\u2019s trust at the end, ${Math.round(EXPERIENCE_WEIGHTS.calm * 100)}% how calm they were (100 minus stress).`,
    },
    process: {
      label: `Process (${Math.round(WEIGHTS.process * 100)}%)`,
      explain:
        'The steps this conversation needs (AIDET, verification, a clear ask, options, teach-back...), empathy within a turn of each emotional cue; steps that must come first count only in order; warnings and harmful techniques subtract.',
    },
  },
  cap: capWords,
  verdict: (v) => {
    if (v.hardFail)
      return `A compliance failure (${v.hardFail.source}) means this attempt needs remediation, whatever was collected.`;
    const focus = focusWords[v.focus];
    if (v.cap === 'two-warnings' || v.cap === 'rule-broken')
      return `Breaking a rule outweighs the rest of the conversation; ${focus} is also worth a look.`;
    if (v.cap === 'bad-ending') return `The conversation ended badly for the patient; start with ${focus}.`;
    switch (v.band) {
      case 'exemplary':
        return 'Efficient and compassionate: the patient left with the right resolution and their trust intact.';
      case 'proficient':
        return `A solid conversation; the most room to grow is in ${focus}.`;
      case 'developing':
        return `Parts of this worked, but ${focus} held it back.`;
      default:
        return `This conversation did not reach a good outcome; start with ${focus}.`;
    }
  },
  formula: [
    `Total = ${pct(WEIGHTS.resolution)} \u00d7 resolution + ${pct(WEIGHTS.experience)} \u00d7 experience + ${pct(WEIGHTS.process)} \u00d7 process, +${EFFICIENCY.onTarget} for finishing on target without missing a cue (\u2212${EFFICIENCY.perExtraTurn} a turn over it, at most \u2212${EFFICIENCY.maxPenalty}).`,
    `Each broken rule at warning level costs ${PENALTY.warning} points of process and ${PENALTY.warningOnTotal} points of the total. Harmful techniques cost ${PENALTY.harmfulTechnique} points of process each; a dispute costs ${PENALTY.dispute} and held-up care ${PENALTY.careDeferred} points of resolution. Autopay and written plan terms add ${BONUS.autopay} each.`,
    `Caps, lowest wins: a compliance failure caps the total at ${HARD_FAIL_CAP} and always fails; ${WARNINGS_THAT_FAIL} or more warnings, or an ending that went badly, cannot pass (one point below the pass mark); any broken rule, or a mixed ending, stays out of the top band (at most ${BELOW_TOP_BAND}).`,
    `Bands: exemplary ${BANDS.exemplary} and up, proficient ${BANDS.proficient}\u2013${BANDS.exemplary - 1}, developing ${BANDS.developing}\u2013${BANDS.proficient - 1}, needs remediation below ${BANDS.developing}.`,
  ],
};

/** The catalogue in use. One language today; choosing another is a setting, not a code change. */
export const messages: Catalogue = en;
