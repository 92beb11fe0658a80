import { randomUUID } from 'node:crypto';
import type { RawData, WebSocket } from 'ws';
import type { EventPayload } from '../../contract/channels';
import { dataFrameHeaderLength, writeDataFrameHeader, type WireEvent, type WireRequest, type WireResponse } from '../../contract/transport';
import { fail } from '../../contract/result';
import type { BatchDeckApp } from '../app';
import type { Logger } from '../log';

/**
 * Carries the contract over one authenticated WebSocket: requests go through the router (which validates them),
 * events from the bus go out (terminal output as binary frames, everything else as JSON text). A frame that is not a well-formed request gets an error answer (or, without an id,
 * closes the socket with 1003) and reaches no service.
 */
export function attachSocket(ws: WebSocket, app: BatchDeckApp, log: Logger, origin: string): void {
  const connectionId = `web-${randomUUID()}`;
  const disconnect = app.events.connect(connectionId, (event, payload) => {
    if (ws.readyState !== ws.OPEN) return;
    if (event === 'term:data') ws.send(dataFrame(payload as EventPayload<'term:data'>), { binary: true });
    else ws.send(JSON.stringify({ event, payload } satisfies WireEvent));
  });
  const answer = async (data: RawData, isBinary: boolean): Promise<void> => {
    const request = isBinary ? undefined : parseRequest(data.toString());
    if (!request) {
      log.warn('web', `closed ${connectionId}: a frame was not a contract request`);
      ws.close(1003, 'Frames must be JSON {id, channel, payload}');
      return;
    }
    const result =
      typeof request.channel === 'string'
        ? await app.router.dispatch(request.channel, request.payload, { trusted: true, origin, connectionId })
        : fail('UNKNOWN_CHANNEL', 'The request names no channel.');
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ id: request.id, result } satisfies WireResponse));
  };
  ws.on('message', (data, isBinary) => {
    answer(data, isBinary).catch((error: unknown) => log.error('web', `a request on ${connectionId} failed`, error));
  });
  ws.on('close', disconnect);
  ws.on('error', (error) => log.warn('web', `socket ${connectionId} error: ${error.message}`));
}

/** Parses a frame into a request with a numeric id, or undefined. */
function parseRequest(text: string): WireRequest | undefined {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null) return undefined;
    const { id, channel, payload } = value as Record<string, unknown>;
    if (typeof id !== 'number' || !Number.isSafeInteger(id)) return undefined;
    return { id, channel: channel as string, payload };
  } catch {
    return undefined;
  }
}

/** A `term:data` event as one binary frame (layout in contract/transport.ts). */
function dataFrame({ sessionId, seq, data }: EventPayload<'term:data'>): Buffer {
  const start = dataFrameHeaderLength(sessionId.length);
  const frame = Buffer.allocUnsafe(start + Buffer.byteLength(data, 'utf8'));
  writeDataFrameHeader(frame, sessionId, seq, data.length);
  frame.write(data, start, 'utf8');
  return frame;
}
