/**
 * Nicknames: a generated two-word name for every seat (nobody has to think of one, and nobody sees a
 * classmate's chosen joke on the projector), which the participant may edit. An edit must be 2-24
 * characters of letters, digits, spaces and simple punctuation, and pass the word filter.
 */
import { randomInt } from 'node:crypto';
import { NICKNAME_LENGTH } from '../src/classroom/protocol';

// biome-ignore format: a word list reads best in rows
const ADJECTIVES = [
  'Agile', 'Bold', 'Brave', 'Bright', 'Calm', 'Careful', 'Cheerful', 'Clever', 'Cosy', 'Curious',
  'Daring', 'Eager', 'Easy', 'Fair', 'Fond', 'Friendly', 'Gentle', 'Glad', 'Golden', 'Good', 'Happy',
  'Honest', 'Humble', 'Jolly', 'Keen', 'Kind', 'Lively', 'Loyal', 'Lucky', 'Merry', 'Mild', 'Modest',
  'Neat', 'Nimble', 'Noble', 'Patient', 'Plucky', 'Polite', 'Proud', 'Quick', 'Quiet', 'Ready',
  'Sharp', 'Smart', 'Steady', 'Sunny', 'Swift', 'Tidy', 'Warm', 'Wise',
];
// biome-ignore format: a word list reads best in rows
const ANIMALS = [
  'Badger', 'Beaver', 'Bison', 'Crane', 'Dolphin', 'Eagle', 'Falcon', 'Finch', 'Fox', 'Gecko',
  'Gibbon', 'Hare', 'Hawk', 'Heron', 'Ibis', 'Jaguar', 'Koala', 'Lark', 'Lemur', 'Lynx', 'Marten',
  'Moose', 'Narwhal', 'Newt', 'Ocelot', 'Otter', 'Owl', 'Panda', 'Pelican', 'Penguin', 'Puffin',
  'Quail', 'Rabbit', 'Raven', 'Robin', 'Salmon', 'Seal', 'Sparrow', 'Stork', 'Swan', 'Tapir',
  'Tiger', 'Toucan', 'Turtle', 'Walrus', 'Whale', 'Wolf', 'Wombat', 'Wren', 'Yak',
];

/** A friendly name not yet used in the room (compared without case). */
export function generateNickname(taken: ReadonlySet<string>): string {
  for (let attempt = 0; attempt < 100; attempt++) {
    const name = `${ADJECTIVES[randomInt(ADJECTIVES.length)]} ${ANIMALS[randomInt(ANIMALS.length)]}`;
    if (!taken.has(name.toLocaleLowerCase('en'))) return name;
  }
  // 2,500 combinations against at most 200 seats: only a crowded room gets here, and a number settles it.
  return `${ADJECTIVES[randomInt(ADJECTIVES.length)]} ${ANIMALS[randomInt(ANIMALS.length)]} ${randomInt(100, 1000)}`;
}

/** Words refused anywhere inside a name: none of them occurs inside an ordinary English word. */
// biome-ignore format: a word list reads best in rows
const BLOCKED_INSIDE = [
  'fuck', 'shit', 'bitch', 'whore', 'slut', 'nigg', 'fagg', 'retard', 'porn', 'wank', 'nazi',
  'hitler', 'rapist', 'asshole', 'motherf', 'jizz', 'dildo', 'kkk',
];
/** Words refused as whole words only (they occur inside innocent ones: Scunthorpe, Dickens, peacock). */
const BLOCKED_WORDS = new Set([
  'ass',
  'arse',
  'anal',
  'anus',
  'bastard',
  'boob',
  'boobs',
  'cock',
  'crap',
  'cum',
  'cunt',
  'dick',
  'fag',
  'hoe',
  'penis',
  'piss',
  'pussy',
  'rape',
  'sex',
  'sexy',
  'tit',
  'tits',
  'twat',
  'vagina',
]);
const LEET: Record<string, string> = {
  '0': 'o',
  '1': 'i',
  '!': 'i',
  '|': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '@': 'a',
  $: 's',
};

/** Lower case, accents and look-alike digits folded, so "Fück" and "sh1t" are caught too. */
function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[01!|3457@$]/g, (c) => LEET[c] ?? c);
}

export function isBlocked(name: string): boolean {
  const folded = fold(name);
  const squashed = folded.replace(/[^a-z]/g, '');
  if (BLOCKED_INSIDE.some((stem) => squashed.includes(stem))) return true;
  return folded.split(/[^a-z]+/).some((word) => BLOCKED_WORDS.has(word));
}

const ALLOWED = /^[\p{L}\p{N}][\p{L}\p{M}\p{N} '’.-]*$/u;

export type NicknameCheck = { ok: true; nickname: string } | { ok: false; reason: string };

export function checkNickname(input: string): NicknameCheck {
  const nickname = input.normalize('NFC').replace(/\s+/g, ' ').trim();
  const length = [...nickname].length;
  if (length < NICKNAME_LENGTH.min || length > NICKNAME_LENGTH.max) {
    return {
      ok: false,
      reason: `A nickname has ${NICKNAME_LENGTH.min} to ${NICKNAME_LENGTH.max} characters.`,
    };
  }
  if (!ALLOWED.test(nickname)) {
    return {
      ok: false,
      reason: 'Use letters, numbers, spaces and . - \u2019 only, starting with a letter or number.',
    };
  }
  if (isBlocked(nickname)) return { ok: false, reason: 'Please pick another nickname.' };
  return { ok: true, nickname };
}
