/**
 * The room directory in Redis: which node runs each room. A node holds a room by a lease (a key with its
 * node id that expires unless renewed) and renews all of its leases in one script call twice a second;
 * when a node dies its leases run out and another node claims the room and restores it from the
 * database. Each node also keeps a heartbeat key, so a room's owner can forget the pages of a dead node.
 * A lease is not a fence on its own: the event log refuses a write that does not follow it
 * (LogConflictError), so a node that lost a lease without noticing cannot fork a room.
 */
import type { Redis } from './redis';

/** How long a lease lasts without renewal, and how often it is renewed. */
export const LEASE_MS = 2_000;
export const RENEW_EVERY_MS = 500;

const roomKey = (code: string) => `good-terms:room:${code}`;
const nodeKey = (node: string) => `good-terms:node:${node}`;

/** Renews the leases this node still holds, takes back ones that vanished (Redis restarted), and
 * returns the codes another node holds now. */
const RENEW = `
local lost = {}
for i, key in ipairs(KEYS) do
  local owner = redis.call('GET', key)
  if owner == ARGV[1] then redis.call('PEXPIRE', key, ARGV[2])
  elseif not owner then redis.call('SET', key, ARGV[1], 'PX', ARGV[2])
  else table.insert(lost, i) end
end
return lost`;

const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

export class Directory {
  constructor(
    private readonly redis: Redis,
    readonly node: string,
  ) {}

  async owner(code: string): Promise<string | undefined> {
    return (await this.redis.get(roomKey(code))) ?? undefined;
  }

  async owners(codes: string[]): Promise<(string | undefined)[]> {
    if (codes.length === 0) return [];
    return (await this.redis.mGet(codes.map(roomKey))).map((owner) => owner ?? undefined);
  }

  /** Takes the room's lease if nobody holds it (or this node already does). */
  async claim(code: string): Promise<boolean> {
    const set = await this.redis.set(roomKey(code), this.node, { NX: true, PX: LEASE_MS });
    return set === 'OK' || (await this.owner(code)) === this.node;
  }

  /** Renews the leases on these rooms and this node's heartbeat; returns the rooms now held by others. */
  async renew(codes: string[]): Promise<string[]> {
    await this.redis.set(nodeKey(this.node), '1', { PX: LEASE_MS });
    if (codes.length === 0) return [];
    const lost = (await this.redis.eval(RENEW, {
      keys: codes.map(roomKey),
      arguments: [this.node, String(LEASE_MS)],
    })) as number[];
    return lost.map((i) => codes[i - 1] as string);
  }

  async release(code: string): Promise<void> {
    await this.redis.eval(RELEASE, { keys: [roomKey(code)], arguments: [this.node] });
  }

  /** Which of these nodes have a live heartbeat. */
  async alive(nodes: string[]): Promise<Set<string>> {
    if (nodes.length === 0) return new Set();
    const beats = await this.redis.mGet(nodes.map(nodeKey));
    return new Set(nodes.filter((_, i) => beats[i] !== null));
  }

  async leave(): Promise<void> {
    await this.redis.del(nodeKey(this.node));
  }
}
