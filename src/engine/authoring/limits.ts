/**
 * Limits on what one content file may hold, checked on the parsed YAML before anything expands or
 * validates it, so a hostile or runaway file is refused in milliseconds with a located diagnostic
 * instead of exhausting memory (an alias bomb) or time (a 20,000-node scenario). The shipped scenarios
 * use at most 14 nodes, 10 endings, 48 choices and 650 characters in one text.
 */
import { type Document, isAlias, isCollection, isMap, isPair, isScalar, isSeq, type Node, visit } from 'yaml';

export const LIMITS = {
  /** Characters in one file, checked before parsing. */
  fileChars: 512 * 1024,
  /** Alias nodes (`*name`) in one file: enough to reuse an anchor freely, not to build a bomb. */
  aliases: 1_000,
  /** Values the file expands to once every alias is replaced by what it names. */
  expandedValues: 100_000,
  /** Characters in one text (a line, a reply, feedback). */
  textChars: 4_000,
  nodes: 150,
  endings: 60,
  choicesPerNode: 12,
  choices: 600,
} as const;

export interface LimitProblem {
  /** Character offset in the file of what went over the limit. */
  offset: number;
  message: string;
  hint: string;
}

const kb = (chars: number): string => `${Math.round(chars / 1024)} KB`;

export function fileSizeProblem(text: string): LimitProblem | undefined {
  if (text.length <= LIMITS.fileChars) return undefined;
  return {
    offset: 0,
    message: `this file is ${kb(text.length)}; one content file may hold at most ${kb(LIMITS.fileChars)}`,
    hint: 'split the scenario into shorter ones, or check that this is the file you meant',
  };
}

/**
 * Too many aliases, aliases that expand the file past the value limit (an alias bomb), or an alias
 * inside what it names (a loop). Reported at the first alias that goes over.
 */
export function aliasProblems(doc: Document): LimitProblem[] {
  const aliases: Node[] = [];
  visit(doc, {
    Alias(_, node) {
      aliases.push(node);
    },
  });
  if (aliases.length === 0) return [];
  if (aliases.length > LIMITS.aliases) {
    const over = aliases[LIMITS.aliases];
    return [
      {
        offset: over?.range?.[0] ?? 0,
        message: `more than ${LIMITS.aliases} aliases (*name) in one file`,
        hint: 'write the repeated part out, or reuse it fewer times',
      },
    ];
  }
  // Values after expansion, memoised per anchored node; an alias loop counts as unbounded.
  const sizes = new Map<Node, number>();
  const inProgress = new Set<Node>();
  const sizeOf = (node: unknown): number => {
    if (isAlias(node)) return sizeOf(node.resolve(doc));
    if (!isCollection(node)) return 1;
    const known = sizes.get(node);
    if (known !== undefined) return known;
    if (inProgress.has(node)) return Number.POSITIVE_INFINITY;
    inProgress.add(node);
    let total = 1;
    for (const item of node.items) {
      total += isPair(item) ? sizeOf(item.key) + sizeOf(item.value) : sizeOf(item);
      if (total > LIMITS.expandedValues) break;
    }
    inProgress.delete(node);
    sizes.set(node, total);
    return total;
  };
  const expanded = sizeOf(doc.contents);
  if (expanded <= LIMITS.expandedValues) return [];
  return [
    {
      offset: aliases[0]?.range?.[0] ?? 0,
      message: Number.isFinite(expanded)
        ? `aliases expand this file to more than ${LIMITS.expandedValues.toLocaleString('en-US')} values`
        : 'an alias refers to something that contains it, so it never ends',
      hint: 'aliases (*name) repeat what an anchor (&name) marks; this many repetitions looks like a mistake or an attack. Write the content out',
    },
  ];
}

/** Texts longer than the limit (at most a few reported, each at its place). */
export function textProblems(doc: Document): LimitProblem[] {
  const out: LimitProblem[] = [];
  visit(doc, {
    Scalar(_, node) {
      if (typeof node.value === 'string' && node.value.length > LIMITS.textChars) {
        out.push({
          offset: node.range?.[0] ?? 0,
          message: `this text is ${node.value.length.toLocaleString('en-US')} characters; one text may hold at most ${LIMITS.textChars.toLocaleString('en-US')}`,
          hint: 'a line or a reply is read on screen in a few seconds: shorten it, or split it across turns',
        });
        if (out.length >= 3) return visit.BREAK;
      }
      return undefined;
    },
  });
  return out;
}

/** How many nodes, endings and choices a scenario file declares, against the limits. */
export function scenarioSizeProblems(doc: Document): LimitProblem[] {
  const out: LimitProblem[] = [];
  const root = doc.contents;
  if (!isMap(root)) return out;
  const section = (name: string) => {
    const pair = root.items.find((p) => isScalar(p.key) && p.key.value === name);
    return pair && isMap(pair.value) ? pair.value : undefined;
  };
  const nodes = section('nodes');
  const endings = section('endings');
  const count = (name: string, map: typeof nodes, limit: number): void => {
    if (map && map.items.length > limit)
      out.push({
        offset: map.range?.[0] ?? 0,
        message: `${map.items.length.toLocaleString('en-US')} ${name}; one scenario may have at most ${limit}`,
        hint: 'split it into shorter scenarios; the onboarding path (curriculum.yaml) can chain them',
      });
  };
  count('nodes', nodes, LIMITS.nodes);
  count('endings', endings, LIMITS.endings);
  if (out.length > 0) return out;
  let total = 0;
  for (const pair of nodes?.items ?? []) {
    const choices = isMap(pair.value) ? pair.value.get('choices', true) : undefined;
    if (!isSeq(choices)) continue;
    total += choices.items.length;
    if (choices.items.length > LIMITS.choicesPerNode)
      out.push({
        offset: choices.range?.[0] ?? 0,
        message: `${choices.items.length} choices at one node; at most ${LIMITS.choicesPerNode}`,
        hint: 'a trainee weighs 3 or 4 replies; move the rest to other decisions',
      });
  }
  if (total > LIMITS.choices)
    out.push({
      offset: nodes?.range?.[0] ?? 0,
      message: `${total.toLocaleString('en-US')} choices in the scenario; at most ${LIMITS.choices}`,
      hint: 'split it into shorter scenarios',
    });
  return out;
}
