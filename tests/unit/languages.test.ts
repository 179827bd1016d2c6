import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkContent, DIALOGUES_DIR } from '../../src/content/library';
import { isError } from '../../src/engine/authoring/loader';
import { languageParts } from '../../src/engine/runtime/languages';

const S10 = 's10-interpreter-language-access.yaml';

describe('language of parts (WCAG 3.1.2)', () => {
  it('marks each listed phrase with its language, whole words only, the longer phrase first', () => {
    const phrases = [
      { lang: 'es', text: 'Sí' },
      { lang: 'es', text: '¿Sí?' },
      { lang: 'es', text: 'Sra.' },
    ];
    expect(languageParts('Thank you, Sra. Morales. ¿Sí? Así. Sí.', phrases)).toEqual([
      { text: 'Thank you, ' },
      { text: 'Sra.', lang: 'es' },
      { text: ' Morales. ' },
      { text: '¿Sí?', lang: 'es' },
      { text: ' Así. ' },
      { text: 'Sí', lang: 'es' },
      { text: '.' },
    ]);
    expect(languageParts('No Spanish here.', phrases)).toEqual([{ text: 'No Spanish here.' }]);
  });

  it.each([
    ['a phrase no line says', '{ lang: es, text: viveros }', /no line, reply or ending says "viveros"/],
    ['a bad language tag', '{ lang: Spanish, text: vivero }', /language tag like "es"/],
  ])('%s is an error at its own line', (_, entry, message) => {
    const dir = mkdtempSync(join(tmpdir(), 'good-terms-lang-'));
    for (const f of ['personas.yaml', 'rules.yaml']) copyFileSync(join(DIALOGUES_DIR, f), join(dir, f));
    const text = readFileSync(join(DIALOGUES_DIR, S10), 'utf8').replace('{ lang: es, text: vivero }', entry);
    writeFileSync(join(dir, S10), text);
    const line = text.split('\n').findIndex((l) => l.includes(entry)) + 1;
    const errors = checkContent({ targets: [join(dir, S10)] }).diagnostics.filter(isError);
    expect(errors.map((d) => ({ file: d.file, line: d.line, message: d.message }))).toEqual([
      {
        file: expect.stringMatching(/good-terms-lang-.*s10-interpreter/),
        line,
        message: expect.stringMatching(message),
      },
    ]);
  });
});
