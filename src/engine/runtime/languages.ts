/**
 * Language of parts (WCAG 3.1.2): a scenario lists the phrases it says in another language than English
 * (`phrases:` in its file), and every line, reply or ending that says one is split here into parts, each
 * with its language, for the front end to mark with `lang`. The text itself stays plain, so everything that
 * only reads words (the classroom, the CLI, exports) is unchanged.
 */
export interface Phrase {
  /** A BCP 47 language tag: "es", "es-MX". */
  lang: string;
  text: string;
}

export interface TextPart {
  text: string;
  /** Left out: the scenario's own language (English). */
  lang?: string;
}

const LETTER = /\p{L}/u;

/** Where `phrase` occurs in `text` as whole words (not "sí" inside "así"), from the left, never overlapping. */
function occurrences(text: string, phrase: string): number[] {
  const found: number[] = [];
  for (let at = text.indexOf(phrase); at >= 0; at = text.indexOf(phrase, at + 1)) {
    const before = text[at - 1];
    const after = text[at + phrase.length];
    const wordStart = !(before && LETTER.test(before) && LETTER.test(phrase[0] ?? ''));
    const wordEnd = !(after && LETTER.test(after) && LETTER.test(phrase.at(-1) ?? ''));
    if (wordStart && wordEnd) found.push(at);
  }
  return found;
}

/** Whether the phrase is said anywhere in `text` (the loader checks every listed phrase is used). */
export function saysPhrase(text: string, phrase: string): boolean {
  return occurrences(text, phrase).length > 0;
}

/** `text` as parts, each phrase marked with its language; longer phrases win where two overlap. */
export function languageParts(text: string, phrases: readonly Phrase[] | undefined): TextPart[] {
  if (!phrases || phrases.length === 0) return [{ text }];
  const spans: { start: number; end: number; lang: string }[] = [];
  for (const phrase of [...phrases].sort((a, b) => b.text.length - a.text.length)) {
    for (const start of occurrences(text, phrase.text)) {
      const end = start + phrase.text.length;
      if (spans.some((s) => start < s.end && s.start < end)) continue;
      spans.push({ start, end, lang: phrase.lang });
    }
  }
  spans.sort((a, b) => a.start - b.start);
  const parts: TextPart[] = [];
  let at = 0;
  for (const span of spans) {
    if (span.start > at) parts.push({ text: text.slice(at, span.start) });
    parts.push({ text: text.slice(span.start, span.end), lang: span.lang });
    at = span.end;
  }
  if (at < text.length || parts.length === 0) parts.push({ text: text.slice(at) });
  return parts;
}
