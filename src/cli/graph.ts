/**
 * npm run graph <scenario-id> [--format mermaid|dot]
 * Prints the dialogue graph. Dashed edges are choices that break a rule.
 */
import { toDot, toMermaid } from '../engine/authoring/graph';
import { fail, parseArgs } from './args';
import { bundlesFor } from './bundles';

const { positional, flags } = parseArgs(process.argv.slice(2), ['format']);
const id = positional[0] ?? fail('usage: npm run graph <scenario-id> [--format mermaid|dot]');
const format = flags.get('format') ?? 'mermaid';
if (format !== 'mermaid' && format !== 'dot')
  fail(`unknown --format "${String(format)}": use mermaid or dot`);
const [bundle] = bundlesFor(id);
if (bundle) console.log(format === 'dot' ? toDot(bundle) : toMermaid(bundle));
