import WebSocket from 'ws';

export type Frame = { type: string; data: any };

/** Opens a user's realtime socket, collects every frame, and waits for the ones a test expects. */
export async function listen(url: string, token: string) {
  const frames: Frame[] = [];
  const socket = new WebSocket(`${url.replace('http', 'ws')}/api/v1/realtime?token=${token}`);
  socket.on('message', (raw) => frames.push(JSON.parse(String(raw))));
  /** How the server ended the socket: its close code and reason. */
  const closed = new Promise<{ code: number; reason: string }>((resolve) => socket.once('close', (code, reason) => resolve({ code, reason: String(reason) })));
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    const check = () => (frames.some((f) => f.type === 'hello') ? resolve() : setTimeout(check, 10));
    check();
  });
  const waitFor = async (predicate: (f: Frame) => boolean, ms = 3000) => {
    const until = Date.now() + ms;
    while (Date.now() < until) {
      const found = frames.find(predicate);
      if (found) return found;
      await new Promise((r) => setTimeout(r, 10));
    }
    return undefined;
  };
  return { frames, waitFor, closed, isOpen: () => socket.readyState === WebSocket.OPEN, close: () => socket.close() };
}
