/**
 * The outcome ledger, declared once. Every other form is derived from LEDGER_FIELDS: the `Ledger` type,
 * the empty ledger, how a choice's change is applied, the content schema's `ledger:` block
 * (authoring/schema.ts), the stored-record check (progress/migrations.ts) and the table in
 * dialogues/README.md (a test compares them).
 *
 * `sum` fields add up over the conversation; `latest` fields take the last value a choice set (a new
 * plan replaces the old one).
 */

type FieldType = 'money' | 'count' | 'months' | 'flag';
interface FieldSpec {
  type: FieldType;
  combine: 'sum' | 'latest';
  /** For authors: what a choice's value means. */
  describe: string;
}

export const LEDGER_FIELDS = {
  collected: { type: 'money', combine: 'sum', describe: 'dollars paid today' },
  planAmount: { type: 'money', combine: 'latest', describe: 'total dollars committed to a payment plan' },
  planMonths: { type: 'months', combine: 'latest', describe: 'how many months the plan runs' },
  autopay: { type: 'flag', combine: 'latest', describe: 'the plan pays automatically each month' },
  writtenTerms: { type: 'flag', combine: 'latest', describe: 'the plan terms were given in writing' },
  routedToAssistance: { type: 'money', combine: 'sum', describe: 'dollars routed to financial assistance' },
  routedToCoverage: {
    type: 'money',
    combine: 'sum',
    describe: 'dollars routed to insurance or other coverage',
  },
  corrected: { type: 'money', combine: 'sum', describe: 'dollars removed by fixing a billing error' },
  waived: {
    type: 'money',
    combine: 'sum',
    describe: 'dollars waived without a financial-need determination',
  },
  disputes: { type: 'count', combine: 'sum', describe: 'disputes or complaints the patient opens' },
  careDeferred: { type: 'flag', combine: 'latest', describe: 'today\u2019s care was held up or refused' },
} as const satisfies Record<string, FieldSpec>;

export type LedgerField = keyof typeof LEDGER_FIELDS;
type ValueOf<T extends FieldType> = T extends 'flag' ? boolean : number;
export type Ledger = { [K in LedgerField]: ValueOf<(typeof LEDGER_FIELDS)[K]['type']> };
/** What one choice changes: any subset of the fields. */
export type LedgerChange = Partial<Ledger>;

export const LEDGER_KEYS = Object.keys(LEDGER_FIELDS) as LedgerField[];

export const EMPTY_LEDGER: Ledger = Object.freeze(
  Object.fromEntries(LEDGER_KEYS.map((k) => [k, LEDGER_FIELDS[k].type === 'flag' ? false : 0])),
) as Ledger;

/** Sums take amounts; plan terms and yes/no facts take the latest value (a new plan replaces the old). */
export function applyLedger(ledger: Ledger, change: LedgerChange | undefined): Ledger {
  if (!change) return ledger;
  const next = { ...ledger } as Record<LedgerField, number | boolean>;
  for (const key of LEDGER_KEYS) {
    const value = change[key];
    if (value === undefined) continue;
    next[key] = LEDGER_FIELDS[key].combine === 'sum' ? (next[key] as number) + (value as number) : value;
  }
  return next as Ledger;
}
