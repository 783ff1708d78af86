import type { ChannelKind } from './model.js';

/*
 * Channel kinds as small integers for the event loop (engine.ts keeps one per channel in a
 * Uint8Array). Routing (routing.ts) asks two questions of a kind: is it chat (sessions share
 * an agent), and is it deferred (taken only by an agent with nothing in progress, after
 * every real-time line)?
 */

export const enum Kind {
  VOICE = 0,
  VIDEO = 1,
  CHAT = 2,
  DEFERRED = 3,
}

/** The code of a kind: voice 0, video 1, chat 2, deferred 3. */
export function kindCode(kind: ChannelKind): number {
  return kind === 'voice' ? Kind.VOICE : kind === 'video' ? Kind.VIDEO : kind === 'chat' ? Kind.CHAT : Kind.DEFERRED;
}
