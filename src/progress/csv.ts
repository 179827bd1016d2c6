/**
 * CSV for spreadsheets: UTF-8 with a byte-order mark (so Excel reads accents and non-Latin names),
 * RFC 4180 quoting and CRLF line ends, and formula-injection neutralising (OWASP): a text cell starting
 * with = + - @ tab or CR gets a leading apostrophe, so a display name like =HYPERLINK(...) is shown as
 * text and never evaluated. Numbers are written as numbers, so negative meter changes stay numeric.
 */
export const BOM = '\uFEFF';

export type Cell = string | number | boolean | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

export function neutralise(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

export function csvCell(value: Cell): string {
  if (value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = neutralise(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A whole CSV document: BOM, header row, rows, each line ended with CRLF. */
export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return BOM + [header, ...rows].map((row) => `${row.map(csvCell).join(',')}\r\n`).join('');
}
