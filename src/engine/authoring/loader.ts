/**
 * Turns authored YAML text into resolved scenario bundles, or into diagnostics that name the file,
 * line, column and node of every problem at once. Pure: callers pass file names and texts, so the
 * same code serves the Vite plugin, the CLI and the tests.
 */
import { type Document, isNode, LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { isRandomGroup, linesOf } from '../runtime/conditions';
import { saysPhrase } from '../runtime/languages';
import type { ScenarioBundle, ScenarioSummary } from '../runtime/types';
import { listProblems } from './coverage';
import { hashStructure } from './hash';
import { didYouMean, fieldNames, schemaHint, schemaMessage } from './hints';
import {
  aliasProblems,
  fileSizeProblem,
  type LimitProblem,
  scenarioSizeProblems,
  textProblems,
} from './limits';
import {
  type Condition,
  type PersonaDef,
  personasFileSchema,
  type RuleDef,
  rulesFileSchema,
  type ScenarioDef,
  scenarioSchema,
} from './schema';

export interface Diagnostic {
  file: string;
  line: number;
  column: number;
  /** The dialogue node or ending the problem sits in, when there is one. */
  node: string | undefined;
  message: string;
  hint: string | undefined;
  /** Warnings are worth acting on but do not fail `validate`, the analyzer or the tests. */
  severity?: 'warning';
}

export function formatDiagnostic(d: Diagnostic): string {
  const where = `${d.file}:${d.line}:${d.column}`;
  const hint = d.hint ? `\n    hint: ${d.hint}` : '';
  return `${where}  ${d.node ?? '-'}  ${d.severity === 'warning' ? 'warning: ' : ''}${d.message}${hint}`;
}

export const isError = (d: Diagnostic): boolean => d.severity !== 'warning';

export class ContentError extends Error {
  constructor(readonly diagnostics: Diagnostic[]) {
    super(diagnostics.map(formatDiagnostic).join('\n'));
    this.name = 'ContentError';
  }
}

export type Path = readonly (string | number)[];

interface ParsedFile<T> {
  value: T | undefined;
  diagnostics: Diagnostic[];
  /** Diagnostic at the closest YAML node to `path` that exists. */
  at(path: Path, message: string, hint?: string): Diagnostic;
}

function nodeIdOf(path: Path): string | undefined {
  return (path[0] === 'nodes' || path[0] === 'endings') && typeof path[1] === 'string' ? path[1] : undefined;
}

/**
 * Parses YAML and checks it against a schema, keeping source positions for every message. Never throws
 * for bad content: size, alias and text limits (limits.ts, plus `sizeCheck` for the file's kind) are
 * checked before anything expands, and reported like any other problem.
 */
export function parseContentFile<S extends z.ZodType>(
  file: string,
  text: string,
  schema: S,
  sizeCheck?: (doc: Document) => LimitProblem[],
): ParsedFile<z.output<S>> {
  const lineCounter = new LineCounter();
  const tooBig = fileSizeProblem(text);
  const doc = parseDocument(tooBig ? '' : text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const limited = (problems: LimitProblem[]): Diagnostic[] =>
    problems.map((p) => {
      const pos = lineCounter.linePos(p.offset);
      return { file, line: pos.line, column: pos.col, node: undefined, message: p.message, hint: p.hint };
    });

  const at = (path: Path, message: string, hint?: string): Diagnostic => {
    let offset = 0;
    for (let depth = path.length; depth >= 0; depth--) {
      const node = doc.getIn(path.slice(0, depth), true);
      if (isNode(node) && node.range) {
        offset = node.range[0];
        break;
      }
    }
    const pos = lineCounter.linePos(offset);
    return { file, line: pos.line, column: pos.col, node: nodeIdOf(path), message, hint };
  };
  if (tooBig) return { value: undefined, diagnostics: limited([tooBig]), at };

  const yamlProblems = [...doc.errors, ...doc.warnings];
  if (yamlProblems.length > 0) {
    const diagnostics = yamlProblems.map((e) => {
      const pos = e.linePos?.[0] ?? lineCounter.linePos(e.pos[0]);
      return {
        file,
        line: pos.line,
        column: pos.col,
        node: undefined,
        message: `YAML syntax: ${e.message.split('\n')[0]}`,
        hint: 'check indentation (spaces, not tabs), colons after keys, and quotes around text containing ": " or "#"',
      };
    });
    return { value: undefined, diagnostics, at };
  }

  const overLimits = [...aliasProblems(doc), ...textProblems(doc), ...(sizeCheck?.(doc) ?? [])];
  if (overLimits.length > 0) return { value: undefined, diagnostics: limited(overLimits), at };
  let data: unknown;
  try {
    // aliasProblems bounded the expansion already; the library's own count would refuse legitimate reuse.
    data = doc.toJS({ maxAliasCount: -1 });
  } catch (error) {
    const diagnostic = at(
      [],
      `YAML could not be read: ${error instanceof Error ? error.message : String(error)}`,
    );
    return {
      value: undefined,
      diagnostics: [{ ...diagnostic, hint: 'check the anchors (&name) and aliases (*name)' }],
      at,
    };
  }
  const result = schema.safeParse(data);
  if (result.success) return { value: result.data, diagnostics: [], at };
  const fields = fieldNames(schema);
  const diagnostics = result.error.issues
    .flatMap((issue) => unwrapUnion(issue, []))
    .map((issue) => {
      const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
      return at(
        path,
        `${path.join('.') || '(file)'}: ${schemaMessage(issue, data)}`,
        schemaHint(issue, data, fields),
      );
    });
  return { value: undefined, diagnostics, at };
}

type Issue = z.core.$ZodIssue;

/**
 * A value that fits none of a field's forms (say, a line that is neither text, a random group nor a
 * list) gets zod's bare "Invalid input". Report instead the problems of the form it came closest to:
 * the one with the fewest problems that at least has the right shape (text, list or map). A bad record
 * key likewise gets the key's own problem.
 */
function unwrapUnion(issue: Issue, prefix: PropertyKey[]): Issue[] {
  const path = [...prefix, ...issue.path];
  // A record key that is not a valid id: say why, at the key (zod only says "Invalid key in record").
  if (issue.code === 'invalid_key') return issue.issues.map((inner) => ({ ...inner, path }));
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return [{ ...issue, path }];
  const wrongShape = (branch: Issue[]): boolean =>
    branch.length === 1 && branch[0]?.code === 'invalid_type' && branch[0].path.length === 0;
  const shaped = issue.errors.filter((branch) => !wrongShape(branch));
  const first = issue.errors[0]?.[0];
  if (shaped.length === 0 && first?.code === 'invalid_type') {
    const expected = [
      ...new Set(issue.errors.map((b) => (b[0]?.code === 'invalid_type' ? b[0].expected : ''))),
    ].filter(Boolean);
    const received = / received (\w+)$/.exec(first.message)?.[1];
    const message = `Invalid input: expected ${expected.join(' or ')}${received ? `, received ${received}` : ''}`;
    return [{ ...first, path, message }];
  }
  if (shaped.length === 0) return [{ ...issue, path }];
  const closest = shaped.reduce((a, b) => (b.length < a.length ? b : a));
  return closest.flatMap((inner) => unwrapUnion(inner, path));
}

export interface Catalogues {
  personas: Record<string, PersonaDef>;
  rules: Record<string, RuleDef>;
}

export interface SourceFile {
  path: string;
  text: string;
}

export function parseCatalogues(
  personasFile: SourceFile,
  rulesFile: SourceFile,
): {
  catalogues: Catalogues | undefined;
  diagnostics: Diagnostic[];
} {
  const personas = parseContentFile(personasFile.path, personasFile.text, personasFileSchema);
  const rules = parseContentFile(rulesFile.path, rulesFile.text, rulesFileSchema);
  const diagnostics = [...personas.diagnostics, ...rules.diagnostics];
  if (!personas.value || !rules.value) return { catalogues: undefined, diagnostics };
  return { catalogues: { personas: personas.value.personas, rules: rules.value.rules }, diagnostics };
}

function conditionProblems(cond: Condition | undefined): string[] {
  if (!cond) return [];
  const problems: string[] = [];
  for (const meter of ['stress', 'trust'] as const) {
    const band = cond[meter];
    if (band?.gte !== undefined && band.lte !== undefined && band.gte > band.lte) {
      problems.push(`${meter} condition can never hold: gte ${band.gte} is above lte ${band.lte}`);
    }
  }
  const both = (cond.flags ?? []).filter((f) => cond.notFlags?.includes(f));
  if (both.length > 0) problems.push(`condition requires and forbids the same flag: ${both.join(', ')}`);
  return problems;
}

/** Cross-reference checks the schema cannot express. */
/** Every phrase marked with a language is said somewhere, and listed once. */
function phraseProblems(scenario: ScenarioDef, at: ParsedFile<unknown>['at']): Diagnostic[] {
  const said = [
    ...Object.entries(scenario.nodes).flatMap(([nodeId, node]) => [
      ...linesOf(node.line, nodeId).map((l) => l.text),
      ...node.choices.map((c) => c.text),
    ]),
    ...Object.values(scenario.endings).map((e) => e.line),
  ];
  const seen = new Set<string>();
  return (scenario.phrases ?? []).flatMap((phrase, i) => {
    if (seen.has(phrase.text))
      return [at(['phrases', i], `the phrase "${phrase.text}" is listed twice`, 'list each phrase once')];
    seen.add(phrase.text);
    return said.some((text) => saysPhrase(text, phrase.text))
      ? []
      : [
          at(
            ['phrases', i, 'text'],
            `no line, reply or ending says "${phrase.text}" (as whole words)`,
            'copy the words exactly as the line says them, accents and punctuation included',
          ),
        ];
  });
}

export function checkScenarioReferences(
  scenario: ScenarioDef,
  catalogues: Catalogues,
  at: ParsedFile<unknown>['at'],
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const nodeIds = new Set(Object.keys(scenario.nodes));
  const endingIds = new Set(Object.keys(scenario.endings));
  const targets = new Set([...nodeIds, ...endingIds]);
  const targetHint = (id: string): string =>
    `${didYouMean(id, targets)}known nodes and endings (one namespace): ${[...targets].join(', ')}`;

  if (!catalogues.personas[scenario.persona]) {
    out.push(
      at(
        ['persona'],
        `persona "${scenario.persona}" is not in personas.yaml`,
        `${didYouMean(scenario.persona, Object.keys(catalogues.personas))}known personas: ${Object.keys(catalogues.personas).join(', ')}; "Adding a persona" in dialogues/README.md says how to add one`,
      ),
    );
  }
  if (!nodeIds.has(scenario.start)) {
    out.push(at(['start'], `start node "${scenario.start}" does not exist`, targetHint(scenario.start)));
  }
  if (endingIds.size === 0)
    out.push(at(['endings'], 'the scenario has no endings', 'add at least one ending'));
  out.push(...phraseProblems(scenario, at));
  for (const id of nodeIds) {
    if (endingIds.has(id))
      out.push(at(['endings', id], `"${id}" is both a node and an ending`, 'ids must be unique'));
  }

  const setFlags = new Set([
    ...Object.values(scenario.nodes).flatMap((n) => n.choices.flatMap((c) => c.set ?? [])),
    ...scenario.variants.flatMap((v) => v.flags),
  ]);
  const variantIds = new Set<string>();
  scenario.variants.forEach((v, i) => {
    if (variantIds.has(v.id))
      out.push(at(['variants', i, 'id'], `variant id "${v.id}" is used twice`, 'variant ids must be unique'));
    variantIds.add(v.id);
  });
  const checkCondition = (cond: Condition | undefined, path: Path): void => {
    for (const problem of conditionProblems(cond)) {
      out.push(
        at(
          path,
          problem,
          'gte is the lowest value that passes and lte the highest; check which one you meant',
        ),
      );
    }
    for (const flag of [...(cond?.flags ?? []), ...(cond?.notFlags ?? [])]) {
      if (!setFlags.has(flag))
        out.push(
          at(
            path,
            `flag "${flag}" is never set by any choice`,
            `${didYouMean(flag, setFlags)}add it to a choice\u2019s "set" list (or a persona variant's "flags"), or fix the spelling`,
          ),
        );
    }
  };

  scenario.reactions.forEach((reaction, i) => {
    if (!targets.has(reaction.goto))
      out.push(
        at(
          ['reactions', i, 'goto'],
          `reaction goes to unknown "${reaction.goto}"`,
          targetHint(reaction.goto),
        ),
      );
    checkCondition(reaction.when, ['reactions', i, 'when']);
  });

  const choiceIds = new Map<string, string>();
  const lineIds = new Set<string>();
  const checkLineId = (lineId: string, path: Path): void => {
    if (lineIds.has(lineId) || targets.has(lineId)) {
      out.push(
        at(
          path,
          `line id "${lineId}" is used twice`,
          'line ids must be unique in the scenario and differ from node ids',
        ),
      );
    }
    lineIds.add(lineId);
  };
  /** A list read from the top: nothing below full coverage, and something for every state. */
  const checkList = (
    entries: readonly { when?: Condition | undefined }[],
    path: Path,
    what: { one: string; name: (i: number) => string; optional?: boolean },
  ): void => {
    entries.forEach((entry, i) => {
      checkCondition(entry.when, [...path, i, 'when']);
    });
    for (const problem of listProblems(entries.map((e) => e.when))) {
      if (problem.kind === 'never-used') {
        out.push(
          at(
            [...path, problem.index],
            `${what.name(problem.index)} can never be ${what.one === 'line' ? 'said' : 'shown'}: the entries above it already cover every case`,
            `entries are read from the top and the first whose "when" holds is used; move it up, or remove it${what.one === 'line' ? ' (for variety, put lines without "when" in a "pick: random" group)' : ''}`,
          ),
        );
      } else if (!what.optional) {
        out.push(
          at(
            path,
            `in some states no ${what.one} applies (for example: ${problem.example})`,
            `entries are read from the top and the first whose "when" holds is used; end the list with one without "when" (used otherwise), or make the conditions cover every case, like one with "flags: [x]" and one with "notFlags: [x]"`,
          ),
        );
      }
    }
  };
  for (const [nodeId, node] of Object.entries(scenario.nodes)) {
    const linePath = ['nodes', nodeId, 'line'];
    if (typeof node.line !== 'string') {
      const list = Array.isArray(node.line) ? node.line : [node.line];
      list.forEach((entry, i) => {
        const entryPath = Array.isArray(node.line) ? [...linePath, i] : linePath;
        if (isRandomGroup(entry))
          entry.from.forEach((v, j) => {
            checkLineId(v.id, [...entryPath, 'from', j, 'id']);
          });
        else checkLineId(entry.id, [...entryPath, 'id']);
      });
      const name = (i: number): string => {
        const entry = list[i];
        return entry && !isRandomGroup(entry)
          ? `line "${entry.id}"`
          : `the random group at line entry ${i + 1}`;
      };
      // A lone random group is a list of one entry at the line itself.
      checkList(list, linePath, { one: 'line', name });
    }
    if (node.choices.every((c) => c.when)) {
      out.push(
        at(
          ['nodes', nodeId, 'choices'],
          'every choice has a condition, so the trainee can get stuck here',
          'leave at least one choice without "when"',
        ),
      );
    }
    node.choices.forEach((choice, ci) => {
      const path = ['nodes', nodeId, 'choices', ci] as const;
      const seen = choiceIds.get(choice.id);
      if (seen)
        out.push(
          at(
            [...path, 'id'],
            `choice id "${choice.id}" is already used in node "${seen}"`,
            'choice ids must be unique in the scenario',
          ),
        );
      choiceIds.set(choice.id, nodeId);
      checkCondition(choice.when, [...path, 'when']);
      for (const field of ['feedback', 'better'] as const) {
        const said = choice[field];
        if (Array.isArray(said))
          checkList(said, [...path, field], {
            one: field,
            name: (i) => `${field} entry ${i + 1}`,
            // A stronger alternative may apply only in some states; feedback must always say something.
            optional: field === 'better',
          });
      }
      for (const [ri, ruleId] of (choice.rules ?? []).entries()) {
        if (!catalogues.rules[ruleId]) {
          out.push(
            at(
              [...path, 'rules', ri],
              `rule "${ruleId}" is not in rules.yaml`,
              `${didYouMean(ruleId, Object.keys(catalogues.rules))}known rules: ${Object.keys(catalogues.rules).join(', ')}; "Adding a rule" in dialogues/README.md says how to add one`,
            ),
          );
        }
      }
      if (typeof choice.next === 'string') {
        if (!targets.has(choice.next))
          out.push(at([...path, 'next'], `"next" goes to unknown "${choice.next}"`, targetHint(choice.next)));
      } else {
        choice.next.forEach((branch, bi) => {
          if (!targets.has(branch.goto))
            out.push(
              at(
                [...path, 'next', bi, 'goto'],
                `branch goes to unknown "${branch.goto}"`,
                targetHint(branch.goto),
              ),
            );
          checkCondition(branch.when, [...path, 'next', bi, 'when']);
        });
        if (choice.next.at(-1)?.when) {
          out.push(
            at(
              [...path, 'next'],
              'every branch has a condition, so the conversation can stall after this choice',
              'leave the last branch without "when" as the default',
            ),
          );
        }
      }
    });
  }
  return out;
}

export function bundleScenario(scenario: ScenarioDef, catalogues: Catalogues): ScenarioBundle {
  const persona = catalogues.personas[scenario.persona];
  if (!persona) throw new Error(`persona "${scenario.persona}" missing; run checkScenarioReferences first`);
  const ruleIds = new Set(
    Object.values(scenario.nodes).flatMap((n) => n.choices.flatMap((c) => c.rules ?? [])),
  );
  const rules = Object.fromEntries(
    [...ruleIds].sort().flatMap((id) => (catalogues.rules[id] ? [[id, catalogues.rules[id]]] : [])),
  );
  return { scenario, persona, rules, contentHash: hashStructure({ scenario, persona, rules }) };
}

/** Places a message at a path in the file the scenario came from (for checks that run after loading). */
export type Locate = (path: Path, message: string, hint?: string) => Diagnostic;

export type ScenarioLoad =
  | { ok: true; file: string; bundle: ScenarioBundle; at: Locate }
  | { ok: false; file: string; id: string; diagnostics: Diagnostic[] };

/** Parses, checks and resolves one scenario file against the catalogues. */
export function loadScenarioFile(file: SourceFile, catalogues: Catalogues): ScenarioLoad {
  const parsed = parseContentFile(file.path, file.text, scenarioSchema, scenarioSizeProblems);
  const fallbackId = file.path.replace(/^.*\//, '').replace(/\.ya?ml$/, '');
  if (!parsed.value) return { ok: false, file: file.path, id: fallbackId, diagnostics: parsed.diagnostics };
  const diagnostics = checkScenarioReferences(parsed.value, catalogues, parsed.at);
  if (diagnostics.length > 0) return { ok: false, file: file.path, id: parsed.value.id, diagnostics };
  return { ok: true, file: file.path, bundle: bundleScenario(parsed.value, catalogues), at: parsed.at };
}

export function summarize(bundle: ScenarioBundle): ScenarioSummary {
  const { scenario, persona } = bundle;
  return {
    id: scenario.id,
    title: scenario.title,
    summary: scenario.summary,
    setting: scenario.setting,
    domain: scenario.domain,
    difficulty: scenario.difficulty,
    estimatedMinutes: scenario.estimatedMinutes,
    objectives: scenario.objectives,
    personaName: persona.name,
    look: persona.look,
  };
}
