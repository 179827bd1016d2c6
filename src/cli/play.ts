/**
 * npm run play <scenario-id> [-- --seed N] [--choices a,b,c] [--json]
 * Plays a scenario in the terminal. With --choices (choice ids or the numbers shown), or with answers
 * piped in one per line, it plays without asking and prints each turn and the full score breakdown
 * (--json for machines). Otherwise it asks at each turn. For quick authoring checks without a browser.
 */
import { createInterface } from 'node:readline/promises';
import { Session } from '../engine/runtime/session';
import { fail, parseArgs } from './args';
import { bundlesFor } from './bundles';
import {
  AnswerError,
  endText,
  headerText,
  outcomeText,
  playAnswers,
  resolveAnswer,
  turnText,
} from './player';

const { positional, flags } = parseArgs(process.argv.slice(2), ['seed', 'choices']);
const id =
  positional[0] ?? fail('usage: npm run play <scenario-id> [-- --seed N] [--choices a,b,c] [--json]');
const seed = Number(flags.get('seed') ?? 1);
if (!Number.isInteger(seed) || seed < 1) fail('--seed takes a positive whole number');
const bundle = bundlesFor(id)[0] ?? fail(`no scenario ${id}`);

/** Answers from --choices, or from piped input (one per line; blank lines and "q" end it). */
async function scriptedAnswers(): Promise<string[] | undefined> {
  const listed = flags.get('choices');
  if (typeof listed === 'string')
    return listed
      .split(',')
      .map((a) => a.trim())
      .filter(Boolean);
  if (listed === true) fail('--choices takes a comma-separated list, like --choices open-aidet,2,verify-dob');
  if (process.stdin.isTTY) return undefined;
  let text = '';
  for await (const chunk of process.stdin) text += chunk;
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  const end = lines.indexOf('q');
  return (end < 0 ? lines : lines.slice(0, end)).filter(Boolean);
}

function printScripted(answers: string[]): void {
  try {
    const result = playAnswers(bundle, seed, answers);
    if (flags.has('json')) console.log(JSON.stringify(result, null, 2));
    else {
      console.log(`${headerText(bundle, seed, result.variant)}\n`);
      for (const turn of result.turns) console.log(`${turnText(bundle, turn)}\n`);
      console.log(endText(bundle, result));
    }
    process.exitCode = result.ending ? 0 : 1;
  } catch (error) {
    if (error instanceof AnswerError) fail(error.message);
    throw error;
  }
}

async function playInteractively(): Promise<void> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  const answers: string[] = [];
  console.log(`${headerText(bundle, seed, Session.start(bundle, seed).context().variant)}\n`);
  try {
    for (;;) {
      const session = Session.replay(bundle, seed, answers);
      const view = session.view();
      session.stop();
      if (view.status !== 'active') break;
      console.log(`${bundle.persona.name}: ${view.line.text}`);
      for (const c of view.choices) console.log(`  ${c.index}. ${c.text}`);
      let picked: string | undefined;
      while (!picked) {
        const answer = (await rl.question('> ')).trim();
        if (answer === 'q') return;
        picked = resolveAnswer(view, answer);
        if (!picked) console.log(`  type 1-${view.choices.length}, a choice id, or q to quit`);
      }
      answers.push(picked);
      const turn = playAnswers(bundle, seed, answers).turns.at(-1);
      if (turn) console.log(`${outcomeText(turn)}\n`);
    }
    console.log(endText(bundle, playAnswers(bundle, seed, answers)));
  } finally {
    rl.close();
  }
}

const answers = await scriptedAnswers();
if (answers) printScripted(answers);
else await playInteractively();
