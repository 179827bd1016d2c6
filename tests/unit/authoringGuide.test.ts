import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkContent, DIALOGUES_DIR } from '../../src/content/library';
import { formatDiagnostic, isError } from '../../src/engine/authoring/loader';
import { EMPATHY_TECHNIQUES, HARMFUL_TECHNIQUES, TECHNIQUES } from '../../src/engine/runtime/vocabulary';

/** dialogues/README.md is what a designer writes from (issue 18): it must stay complete and correct. */
const readme = readFileSync(join(DIALOGUES_DIR, 'README.md'), 'utf8');
const section = (title: string): string => {
  const start = readme.indexOf(`\n## ${title}\n`);
  if (start < 0) throw new Error(`no section "${title}"`);
  const end = readme.indexOf('\n## ', start + 1);
  return readme.slice(start, end < 0 ? undefined : end);
};

describe('the authoring guide', () => {
  it('defines every tag, once, in its group', () => {
    const tags = section('Tags');
    const rows = [...tags.matchAll(/^\| `([a-z-]+)` \| (.+) \|$/gm)].map((m) => m[1]);
    expect([...rows].sort()).toEqual([...TECHNIQUES].sort());
    const group = (title: string): string[] => {
      const start = tags.indexOf(`**${title}**`);
      const next = tags.indexOf('\n**', start + 1);
      return [...tags.slice(start, next < 0 ? undefined : next).matchAll(/^\| `([a-z-]+)` \|/gm)].map(
        (m) => m[1] ?? '',
      );
    };
    expect(group('Empathy').sort()).toEqual([...EMPATHY_TECHNIQUES].sort());
    expect(group('Harmful').sort()).toEqual([...HARMFUL_TECHNIQUES].sort());
  });

  it('has the sections a designer needs', () => {
    for (const title of [
      'A worked example to copy',
      'Commands',
      'Tags',
      'Cues',
      'How choices land: the patient model',
      'Adding a persona',
      'Adding a rule',
      'How attempts are scored',
      'What the analyzer proves',
      'Test plans',
    ])
      expect(() => section(title), title).not.toThrow();
    expect(readme).toContain('### Which command enforces which rule');
    expect(readme).toContain('### How the strategies pick');
  });

  it('its worked example passes every check but the test plan it tells you to draft next', () => {
    const example = /## A worked example to copy[\s\S]*?```yaml\n([\s\S]*?)```/.exec(readme)?.[1];
    if (!example) throw new Error('no example');
    const id = /^id: (.+)$/m.exec(example)?.[1] ?? '';
    const dir = mkdtempSync(join(tmpdir(), 'good-terms-example-'));
    for (const f of ['personas.yaml', 'rules.yaml']) copyFileSync(join(DIALOGUES_DIR, f), join(dir, f));
    writeFileSync(join(dir, `${id}.yaml`), example);
    const found = checkContent({ targets: [join(dir, `${id}.yaml`)] }).diagnostics;
    expect(found.map(formatDiagnostic).map((d) => d.split('\n')[0]?.replace(/^.*? {2}- {2}/, ''))).toEqual([
      expect.stringMatching(/^no test plan: /),
    ]);
    expect(found.filter(isError)).toHaveLength(1);
  });
});
