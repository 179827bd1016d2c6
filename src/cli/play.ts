/**
 * npm run play <scenario-id> [--seed N]
 * Plays a scenario in the terminal: numbered choices, meters and the model's notes after each turn,
 * and the score at the end. For quick authoring checks without a browser.
 */
import { createInterface } from 'node:readline/promises';
import { stressWord, trustWord } from '../engine/runtime/expression';
import { coachingOf } from '../engine/runtime/lookup';
import { scoreAttempt } from '../engine/runtime/scoring';
import { Session } from '../engine/runtime/session';
import { messageContext, modelNoteText, scoreItemText } from '../i18n/catalogue';
import { messages } from '../i18n/en';
import { fail, parseArgs } from './args';
import { bundlesFor } from './bundles';

const { positional, flags } = parseArgs(process.argv.slice(2), ['seed']);
const id = positional[0] ?? fail('usage: npm run play <scenario-id> [--seed N]');
const seed = Number(flags.get('seed') ?? 1);
if (!Number.isInteger(seed) || seed < 1) fail('--seed takes a positive whole number');
const [bundle] = bundlesFor(id);
if (!bundle) fail(`no scenario ${id}`);

const session = Session.start(bundle, seed);
const rl = createInterface({ input: process.stdin, output: process.stdout });
const name = bundle.persona.name;
const words = messageContext(bundle);
const meters = (m: { stress: number; trust: number }): string =>
  `stress ${m.stress} (${stressWord(m.stress)}), trust ${m.trust} (${trustWord(m.trust)})`;

console.log(
  `\n${bundle.scenario.title} (seed ${seed})\n${bundle.scenario.account.facts.map((f) => `  ${f.label}: ${f.value}`).join('\n')}\n`,
);
try {
  for (let view = session.view(); view.status === 'active'; view = session.view()) {
    console.log(`${name}: ${view.line.text}\n  [${meters(view.meters)}]`);
    for (const c of view.choices) console.log(`  ${c.index}. ${c.text}`);
    let picked: string | undefined;
    while (!picked) {
      const answer = (await rl.question('> ')).trim();
      if (answer === 'q') process.exit(0);
      picked = view.choices.find((c) => String(c.index) === answer || c.id === answer)?.id;
      if (!picked) console.log(`  type 1-${view.choices.length}, a choice id, or q to quit`);
    }
    session.choose(picked);
    const turn = session.log().at(-1);
    if (turn) console.log(`  → ${coachingOf(bundle, session.context(), turn).feedback}`);
    for (const note of turn?.modelNotes ?? []) console.log(`  · ${modelNoteText(messages, note, words)}`);
    if (turn?.rules.length) console.log(`  ! broke: ${turn.rules.join(', ')}`);
    console.log('');
  }
} catch (error) {
  if ((error as { code?: string }).code !== 'ABORT_ERR' && !String(error).includes('closed')) throw error;
  process.exit(0);
}
const end = session.view();
if (end.status !== 'ended') fail('the conversation stopped before an ending');
const report = scoreAttempt(bundle, session.context());
console.log(
  `${name}: ${end.line.text}\n\n== ${end.ending.title} (${end.ending.outcome}) ==\n${end.ending.summary}`,
);
console.log(
  `Score ${report.total} (${report.band}): resolution ${report.components.resolution}, experience ${report.components.experience}, process ${report.components.process}`,
);
console.log(messages.verdict(report.verdict));
for (const b of report.breaches)
  console.log(`  ! ${b.severity} at turn ${b.turn}: ${b.statement} (${b.source})`);
for (const item of report.items)
  console.log(
    `  ${item.kind === 'well' ? '+' : '-'} ${scoreItemText(messages, item, words)}${item.turn ? ` (turn ${item.turn})` : ''}`,
  );
rl.close();
