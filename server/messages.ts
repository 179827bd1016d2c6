/**
 * The boundary: every request a page sends is checked here before anything acts on it. Schemas are
 * strict (unknown keys are refused) and every string and number is bounded, so a malformed or hostile
 * message gets an error reply and never reaches a room.
 */
import { z } from 'zod';
import { NICKNAME_LENGTH, type Request, ROOM_CODE_LENGTH, VOTE_SECONDS } from '../src/classroom/protocol';

const id = z.string().min(1).max(80);
const code = z
  .string()
  .min(ROOM_CODE_LENGTH)
  .max(ROOM_CODE_LENGTH + 4);
const token = z.string().min(16).max(64);
const turn = z.number().int().min(1).max(1000);

const simpleCommands = [
  'open-vote',
  'close-vote',
  'add-time',
  'skip-timer',
  'pause',
  'resume',
  'reveal',
  'accept',
  'revote',
  'lock',
  'unlock',
  'end',
] as const;

export const RequestSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('scenarios') }),
  z.strictObject({
    type: z.literal('create'),
    scenarioId: id,
    mode: z.enum(['practice', 'assessment']),
    seed: z
      .number()
      .int()
      .min(1)
      .max(2 ** 31 - 1)
      .optional(),
    voteSeconds: z.number().int().min(VOTE_SECONDS.min).max(VOTE_SECONDS.max),
  }),
  z.strictObject({ type: z.literal('host'), code, token }),
  z.strictObject({ type: z.literal('watch'), code }),
  z.strictObject({ type: z.literal('join'), code, token: token.optional() }),
  // Length is checked again after normalising (server/nicknames.ts); this bound only stops huge strings.
  z.strictObject({ type: z.literal('rename'), nickname: z.string().max(NICKNAME_LENGTH.max * 4) }),
  z.strictObject({ type: z.literal('vote'), turn, round: z.number().int().min(1).max(1000), choiceId: id }),
  z.strictObject({ type: z.literal('bundle') }),
  z.strictObject({ type: z.literal('export'), format: z.enum(['csv', 'json']) }),
  z.strictObject({ type: z.literal('command'), action: z.enum(simpleCommands) }),
]);

const CommandWithArgument = z.discriminatedUnion('action', [
  z.strictObject({ type: z.literal('command'), action: z.literal('override'), choiceId: id }),
  z.strictObject({ type: z.literal('command'), action: z.literal('rewind'), turn }),
  z.strictObject({ type: z.literal('command'), action: z.literal('remove'), seat: z.string().min(2).max(8) }),
]);

/** Every request type a page may send: an unknown one is answered as such, not as malformed. */
export const REQUEST_TYPES: ReadonlySet<string> = new Set(
  RequestSchema.options.map((o) => o.shape.type.value),
);

export type ParseResult = { ok: true; request: Request } | { ok: false; message: string };

const describe = (error: z.ZodError): string =>
  error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || 'message'}: ${issue.message}`)
    .join('; ');

export function parseRequest(input: unknown): ParseResult {
  const isArgumentCommand =
    typeof input === 'object' &&
    input !== null &&
    (input as { type?: unknown }).type === 'command' &&
    ['override', 'rewind', 'remove'].includes(String((input as { action?: unknown }).action));
  const parsed = isArgumentCommand ? CommandWithArgument.safeParse(input) : RequestSchema.safeParse(input);
  if (!parsed.success) return { ok: false, message: describe(parsed.error) };
  return { ok: true, request: parsed.data as Request };
}
