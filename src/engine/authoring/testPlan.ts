/**
 * Test plans: a scenario's expected behaviour written as data next to it (dialogues/<id>.test.yaml),
 * in the spirit of Yarn Spinner's test plans. Each plan plays choices and checks what the patient
 * says, the meters, rule flags, the ending and the score.
 */
import { z } from 'zod';
import { holds } from '../runtime/compiler';
import { scoreAttempt } from '../runtime/scoring';
import { Session } from '../runtime/session';
import type { ScenarioBundle } from '../runtime/types';
import { type Diagnostic, parseContentFile, type SourceFile } from './loader';
import { conditionSchema } from './schema';

const band = z.object({ gte: z.number().optional(), lte: z.number().optional() }).strict();

export const stepSchema = z.union([
  z.object({ choose: z.string().describe('a choice id offered at this point') }).strict(),
  z.object({ 'expect-node': z.string().describe('the node the patient is at') }).strict(),
  z.object({ 'expect-line': z.string().describe('a line id (a node id, or a variant id)') }).strict(),
  z
    .object({ 'expect-meters': conditionSchema.describe('meter bands and flags that must hold now') })
    .strict(),
  z
    .object({ 'expect-choices': z.array(z.string()).describe('choice ids that must be on offer now') })
    .strict(),
  z.object({ 'expect-rule': z.string().describe('a rule id the attempt has broken so far') }).strict(),
  z.object({ 'expect-no-rules': z.literal(true) }).strict(),
  z.object({ 'expect-ending': z.string() }).strict(),
  z.object({ 'expect-score': band }).strict(),
]);
export type PlanStep = z.infer<typeof stepSchema>;

export const testPlanFileSchema = z
  .object({
    $schema: z.string().optional(),
    scenario: z.string(),
    plans: z
      .array(
        z
          .object({
            name: z.string().min(1),
            seed: z.number().int().min(1).default(1),
            steps: z.array(stepSchema).min(1),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();
export type TestPlanFile = z.infer<typeof testPlanFileSchema>;

export interface StepFailure {
  plan: string;
  step: number;
  message: string;
}

/** Runs one plan; returns the first failure, or undefined when every step held. */
export function runPlan(
  bundle: ScenarioBundle,
  plan: TestPlanFile['plans'][number],
): StepFailure | undefined {
  const session = Session.start(bundle, plan.seed);
  // A failing step returns early: the actor is stopped on every way out.
  try {
    const fail = (step: number, message: string): StepFailure => ({ plan: plan.name, step, message });
    for (const [i, step] of plan.steps.entries()) {
      const view = session.view();
      const offered = view.status === 'active' ? view.choices : [];
      const ending = view.status === 'ended' ? view.ending : undefined;
      const ctx = session.context();
      if ('choose' in step) {
        if (!offered.some((c) => c.id === step.choose)) {
          return fail(
            i,
            `cannot choose "${step.choose}" at ${view.nodeId}; offered: ${offered.map((c) => c.id).join(', ') || 'nothing (ended)'}`,
          );
        }
        session.choose(step.choose);
      } else if ('expect-node' in step) {
        if (view.nodeId !== step['expect-node'])
          return fail(i, `expected node "${step['expect-node']}", at "${view.nodeId}"`);
      } else if ('expect-line' in step) {
        if (view.line.id !== step['expect-line'])
          return fail(i, `expected line "${step['expect-line']}", got "${view.line.id}"`);
      } else if ('expect-meters' in step) {
        if (!holds([step['expect-meters']], ctx)) {
          return fail(
            i,
            `meters/flags do not match ${JSON.stringify(step['expect-meters'])}: stress ${ctx.meters.stress}, trust ${ctx.meters.trust}, flags [${ctx.flags.join(', ')}]`,
          );
        }
      } else if ('expect-choices' in step) {
        const missing = step['expect-choices'].filter((id) => !offered.some((c) => c.id === id));
        if (missing.length) return fail(i, `choices not on offer: ${missing.join(', ')}`);
      } else if ('expect-rule' in step) {
        if (!ctx.breaches.some((b) => b.ruleId === step['expect-rule'])) {
          return fail(
            i,
            `expected rule "${step['expect-rule']}" to be broken; broken so far: ${ctx.breaches.map((b) => b.ruleId).join(', ') || 'none'}`,
          );
        }
      } else if ('expect-no-rules' in step) {
        if (ctx.breaches.length)
          return fail(i, `expected no rule broken; broken: ${ctx.breaches.map((b) => b.ruleId).join(', ')}`);
      } else if ('expect-ending' in step) {
        if (ending?.id !== step['expect-ending'])
          return fail(
            i,
            `expected ending "${step['expect-ending']}", ${ending ? `got "${ending.id}"` : `still at "${view.nodeId}"`}`,
          );
      } else if ('expect-score' in step) {
        const total = scoreAttempt(bundle, ctx).total;
        const { gte, lte } = step['expect-score'];
        if ((gte !== undefined && total < gte) || (lte !== undefined && total > lte)) {
          return fail(i, `score ${total} is outside ${gte ?? 0}..${lte ?? 100}`);
        }
      }
    }
    return undefined;
  } finally {
    session.stop();
  }
}

/** Parses and runs a test plan file; every failure is a diagnostic at the step that failed. */
export function runTestPlanFile(
  source: SourceFile,
  bundles: ReadonlyMap<string, ScenarioBundle>,
): { plans: number; diagnostics: Diagnostic[] } {
  const parsed = parseContentFile(source.path, source.text, testPlanFileSchema);
  if (!parsed.value) return { plans: 0, diagnostics: parsed.diagnostics };
  const file = parsed.value;
  const bundle = bundles.get(file.scenario);
  if (!bundle) {
    return {
      plans: 0,
      diagnostics: [
        parsed.at(
          ['scenario'],
          `scenario "${file.scenario}" is not available (missing or invalid)`,
          'run npm run validate',
        ),
      ],
    };
  }
  const diagnostics = file.plans.flatMap((plan, p) => {
    const failure = runPlan(bundle, plan);
    if (!failure) return [];
    const d = parsed.at(
      ['plans', p, 'steps', failure.step],
      `plan "${plan.name}", step ${failure.step + 1}: ${failure.message}`,
    );
    return [{ ...d, node: bundle.scenario.id }];
  });
  return { plans: file.plans.length, diagnostics };
}
