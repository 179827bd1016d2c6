import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCurriculum } from '../../src/content/curriculumParse';
import { fileContentSource } from '../../src/content/fileSource';
import { checkContent, loadLibrary } from '../../src/content/library';
import { LIMITS } from '../../src/engine/authoring/limits';
import { type Diagnostic, formatDiagnostic } from '../../src/engine/authoring/loader';
import { FIXTURES, loadEditedMini } from './helpers';

/** Issue 16, items 6, 8 and 16: no content file can crash the tools or the build, or hide in a prototype. */
const mini = readFileSync(join(FIXTURES, 'mini.yaml'), 'utf8');

function folder(files: Record<string, string>, catalogues = true): string {
  const dir = mkdtempSync(join(tmpdir(), 'good-terms-limits-'));
  if (catalogues)
    for (const f of ['personas.yaml', 'rules.yaml']) copyFileSync(join(FIXTURES, f), join(dir, f));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const BOMB = [
  'a: &a [x, x, x, x, x, x, x, x, x, x]',
  'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
  'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
  'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]',
  'e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]',
  'f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]',
].join('\n');

const firstLines = (ds: Diagnostic[]): string[] => ds.map((d) => formatDiagnostic(d).split('\n')[0] ?? '');

describe('YAML aliases (issue 16, item 6)', () => {
  it('an alias bomb is one unavailable scenario with a located diagnostic; the others still load', () => {
    const dir = folder({ 'mini.yaml': mini, 'bomb.yaml': `${mini}\n${BOMB}\n` });
    const library = loadLibrary(dir, undefined, dir);
    const bomb = library.scenarios.find((s) => s.file === 'bomb.yaml');
    if (!bomb || bomb.ok) throw new Error('the bomb loaded');
    expect(firstLines(bomb.diagnostics)).toEqual([
      `bomb.yaml:${mini.split('\n').length + 2}:8  -  aliases expand this file to more than 100,000 values`,
    ]);
    expect(library.scenarios.find((s) => s.file === 'mini.yaml')?.ok).toBe(true);
  });

  it('validate and the build content source report it instead of throwing', () => {
    const dir = folder({ 'mini.yaml': mini, 'bomb.yaml': `${mini}\n${BOMB}\n` });
    const check = checkContent({ dir });
    expect(check.diagnostics.filter((d) => d.file.endsWith('bomb.yaml')).map((d) => d.message)).toEqual([
      'aliases expand this file to more than 100,000 values',
    ]);
    const entries = fileContentSource(`${dir}/`).scenarios();
    expect(entries.map((e) => [e.id, e.errors.length > 0])).toEqual([
      ['bomb', true],
      ['mini', false],
    ]);
  });

  it('a bomb in a catalogue makes the scenarios unavailable, with the catalogue’s diagnostic, and nothing throws', () => {
    const personas = `${readFileSync(join(FIXTURES, 'personas.yaml'), 'utf8')}\n${BOMB}\n`;
    const dir = folder({ 'mini.yaml': mini });
    writeFileSync(join(dir, 'personas.yaml'), personas);
    const library = loadLibrary(dir, undefined, dir);
    expect(firstLines(library.catalogueDiagnostics)).toEqual([
      expect.stringMatching(/^personas\.yaml:\d+:\d+ {2}- {2}aliases expand this file/),
    ]);
    expect(library.scenarios.every((s) => !s.ok)).toBe(true);
  });

  it('an anchor legitimately reused more than 100 times loads', () => {
    const reused = mini.replace(
      'objectives: [Ask clearly]',
      `objectives: [&goal Ask clearly, ${Array(150).fill('*goal').join(', ')}]`,
    );
    const load = loadEditedMini(() => reused);
    expect(load.ok && load.bundle.scenario.objectives.length).toBe(151);
  });

  it('an alias inside what it names is refused, not followed forever', () => {
    const load = loadEditedMini((t) => `${t}\nloop: &loop [1, *loop]\n`);
    if (load.ok) throw new Error('the loop loaded');
    expect(load.diagnostics.map((d) => d.message)).toEqual([
      'an alias refers to something that contains it, so it never ends',
    ]);
  });
});

describe('reserved names as ids (issue 16, item 8)', () => {
  const reserved = (message: string) =>
    expect.stringContaining(
      `"${message}" is a reserved name (every JavaScript object has it), so it cannot be an id`,
    );

  it('rejects constructor as a node, an ending or a choice id, and as a start', () => {
    const messages = (edit: (t: string) => string) => {
      const load = loadEditedMini(edit);
      if (load.ok) throw new Error('accepted');
      return load.diagnostics.map((d) => d.message);
    };
    expect(
      messages((t) => t.replace('  ask:\n', '  constructor:\n').replaceAll('next: ask', 'next: constructor')),
    ).toContainEqual(reserved('constructor'));
    expect(
      messages((t) => t.replace('  paid: {', '  constructor: {').replace('goto: paid', 'goto: constructor')),
    ).toContainEqual(reserved('constructor'));
    expect(messages((t) => t.replace('id: secret', 'id: constructor'))).toContainEqual(
      reserved('constructor'),
    );
    expect(messages((t) => t.replace('start: greet', 'start: constructor'))).toContainEqual(
      reserved('constructor'),
    );
  });

  it('never finds a persona or rule called constructor (or __proto__, toString) in the catalogues', () => {
    for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      const load = loadEditedMini((t) =>
        t
          .replace('persona: sam-test', `persona: ${name}`)
          .replace('rules: [counter-privacy]', `rules: [${name}]`),
      );
      if (load.ok) throw new Error(`${name} accepted`);
      expect(load.diagnostics.length, name).toBeGreaterThanOrEqual(2);
    }
    const personas = readFileSync(join(FIXTURES, 'personas.yaml'), 'utf8').replace(
      '  sam-test:',
      '  constructor:',
    );
    const dir = folder({ 'mini.yaml': mini.replace('persona: sam-test', 'persona: constructor') });
    writeFileSync(join(dir, 'personas.yaml'), personas);
    expect(firstLines(loadLibrary(dir, undefined, dir).catalogueDiagnostics)).toEqual([
      expect.stringContaining('personas.constructor: "constructor" is a reserved name'),
    ]);
  });

  it('rejects a reserved curriculum module id', () => {
    const { diagnostics } = parseCurriculum(
      'curriculum.yaml',
      'title: Path\nmodules:\n  - { id: constructor, title: One, description: First., scenarios: [mini] }\n',
      ['mini'],
    );
    expect(diagnostics.map((d) => d.message)).toEqual([
      expect.stringContaining('"constructor" is a reserved name'),
    ]);
  });

  it('parses id-keyed records without a prototype', () => {
    const load = loadEditedMini((t) => t);
    if (!load.ok) throw new Error('mini did not load');
    expect(Object.getPrototypeOf(load.bundle.scenario.nodes)).toBeNull();
    expect(Object.getPrototypeOf(load.bundle.scenario.endings)).toBeNull();
    expect((load.bundle.scenario.nodes as Record<string, unknown>).constructor).toBeUndefined();
  });
});

describe('content size limits (issue 16, item 16)', () => {
  const nodes = (count: number): string => {
    const body = Array.from({ length: count }, (_, i) => {
      const next = i + 1 < count ? `n${i + 1}` : 'paid';
      return `  n${i}:\n    line: Hi.\n    choices:\n      - { id: c${i}, text: Go on., feedback: Fine., next: ${next} }`;
    }).join('\n');
    return mini.replace(/start: greet[\s\S]*?\nendings:/, `start: n0\nnodes:\n${body}\nendings:`);
  };

  it('refuses a 20,000-node scenario by its size before parsing it', () => {
    const text = nodes(20_000);
    expect(text.length).toBeGreaterThan(LIMITS.fileChars);
    const load = loadEditedMini(() => text);
    if (load.ok) throw new Error('accepted');
    expect(firstLines(load.diagnostics)).toEqual([
      `mini.yaml:1:1  -  this file is ${Math.round(text.length / 1024)} KB; one content file may hold at most 512 KB`,
    ]);
  });

  it('refuses more nodes than the limit, at the nodes section', () => {
    const text = nodes(LIMITS.nodes + 50);
    expect(text.length).toBeLessThan(LIMITS.fileChars);
    const load = loadEditedMini(() => text);
    if (load.ok) throw new Error('accepted');
    expect(firstLines(load.diagnostics)).toEqual([
      `mini.yaml:${text.split('\n').indexOf('nodes:') + 2}:3  -  200 nodes; one scenario may have at most 150`,
    ]);
  });

  it('refuses too many choices at one node, and a text longer than the limit, each where it is', () => {
    const many = Array.from(
      { length: 13 },
      (_, i) => `      - { id: extra-${i}, text: Hm., feedback: Hm., next: paid }`,
    ).join('\n');
    const load = loadEditedMini((t) =>
      t
        .replace('    choices:\n      - id: ask-copay', `    choices:\n${many}\n      - id: ask-copay`)
        .replace('line: OK, what do I owe?', `line: ${'a'.repeat(LIMITS.textChars + 1)}`),
    );
    if (load.ok) throw new Error('accepted');
    expect(load.diagnostics.map((d) => d.message)).toEqual([
      `this text is ${(LIMITS.textChars + 1).toLocaleString('en-US')} characters; one text may hold at most ${LIMITS.textChars.toLocaleString('en-US')}`,
      '17 choices at one node; at most 12',
    ]);
  });
});
