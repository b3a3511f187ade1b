import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import type { EventBus } from '../../src/server/realtime/event-bus.js';

export type Frame = { type: string; data: any };

/** Opens a user's realtime socket, collects every frame, and waits for the ones a test expects. */
export async function listen(url: string, token: string) {
  const frames: Frame[] = [];
  const onFrame = new Set<() => void>();
  const socket = new WebSocket(`${url.replace('http', 'ws')}/api/v1/realtime?token=${token}`);
  socket.on('message', (raw) => {
    frames.push(JSON.parse(String(raw)));
    for (const check of onFrame) check();
  });
  /** How the server ended the socket: its close code and reason. */
  const closed = new Promise<{ code: number; reason: string }>((resolve) => socket.once('close', (code, reason) => resolve({ code, reason: String(reason) })));
  /** The first frame that matches, checked as each arrives; undefined if none came within `ms`. */
  const waitFor = (predicate: (f: Frame) => boolean, ms = 3000) =>
    new Promise<Frame | undefined>((resolve) => {
      const done = (found: Frame | undefined) => {
        clearTimeout(timer);
        onFrame.delete(check);
        resolve(found);
      };
      const check = () => {
        const found = frames.find(predicate);
        if (found) done(found);
      };
      const timer = setTimeout(() => done(undefined), ms);
      onFrame.add(check);
      check();
    });
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    void waitFor((f) => f.type === 'hello', 15_000).then((hello) => (hello ? resolve() : reject(new Error('the realtime socket never said hello'))));
  });
  /**
   * Everything this socket will get of what was published so far (for a test that expects it got
   * nothing): a probe for `userId` is published now, and a socket hears events in the order
   * published, so the frames before the probe are all of them. The probe is not in `frames` after.
   */
  const framesBefore = async (events: EventBus, userId: string) => {
    const probe = randomUUID();
    events.publish({ type: 'test.probe', audience: { queueId: null, agentId: userId }, data: { probe } });
    const heard = await waitFor((f) => f.type === 'test.probe' && f.data.probe === probe, 10_000);
    if (!heard) throw new Error('the realtime probe never arrived');
    const at = frames.indexOf(heard);
    frames.splice(at, 1);
    return frames.slice(0, at);
  };
  return { frames, waitFor, framesBefore, closed, isOpen: () => socket.readyState === WebSocket.OPEN, close: () => socket.close() };
}
