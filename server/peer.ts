/**
 * A page as the room's owner sees it: who it is in the room (role, seat) and how to reach it. A page
 * connected to this node is a LocalPeer over its socket. With several nodes, a page connected to another
 * node is a RemotePeer: its requests arrive forwarded, and everything it is sent, and the socket.io rooms
 * it joins, go through the Redis adapter to the node that holds its socket (in order, on one stream).
 */
import type { Server, Socket } from 'socket.io';
import type { Role, ServerEvents, YouState } from '../src/classroom/protocol';
import type { Room } from './room/room';

type Emit = <E extends keyof ServerEvents>(event: E, ...args: Parameters<ServerEvents[E]>) => void;

export interface Peer {
  /** The socket's id (unique across nodes). */
  readonly id: string;
  /** The client's address, for the wrong-code limit. */
  readonly address: string;
  role: Role | undefined;
  room: Room | undefined;
  seat: string | undefined;
  observerReason: YouState['observerReason'];
  emit: Emit;
  join(name: string): void;
  leave(name: string): void;
}

abstract class BasePeer {
  role: Role | undefined = undefined;
  room: Room | undefined = undefined;
  seat: string | undefined = undefined;
  observerReason: YouState['observerReason'] = undefined;
}

export class LocalPeer extends BasePeer implements Peer {
  readonly id: string;
  readonly address: string;

  constructor(private readonly socket: Socket) {
    super();
    this.id = socket.id;
    this.address = socket.handshake.address;
  }

  emit: Emit = (event, ...args) => {
    this.socket.emit(event, ...args);
  };

  join(name: string): void {
    void this.socket.join(name);
  }

  leave(name: string): void {
    void this.socket.leave(name);
  }
}

export class RemotePeer extends BasePeer implements Peer {
  /** Its socket is closed (or its node is dead): nothing is sent to it any more. */
  gone = false;

  constructor(
    private readonly io: Server,
    readonly id: string,
    /** The node that holds the socket. */
    readonly node: string,
    readonly address: string,
  ) {
    super();
  }

  emit: Emit = (event, ...args) => {
    if (!this.gone) this.io.to(this.id).emit(event, ...args);
  };

  join(name: string): void {
    if (!this.gone) this.io.in(this.id).socketsJoin(name);
  }

  leave(name: string): void {
    if (!this.gone) this.io.in(this.id).socketsLeave(name);
  }
}
