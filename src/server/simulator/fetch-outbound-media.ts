import type { Simulator } from './simulator.js';
import { mediaOf, storeMediaData } from './store.js';
import { mediaUrlProblem } from './own-urls.js';

const MAX_BYTES = 16 * 1024 * 1024;
const TIMEOUT_MS = 15_000;

/**
 * Twilio downloads a message's MediaUrl before sending it on. Answers why that failed (the
 * message then fails with 63019), or null when every file is in hand.
 */
export async function fetchOutboundMedia(sim: Simulator, messageSid: string): Promise<string | null> {
  const pending = ((await mediaOf(sim.db, [messageSid])).get(messageSid) ?? []).filter((m) => !m.has_data && m.source_url);
  for (const media of pending) {
    const refused = mediaUrlProblem(sim.ctx.config.publicUrl, media.source_url!);
    if (refused) return `Media failed to download: ${refused}`;
    try {
      // A redirect could lead anywhere: the simulator does not follow one.
      const response = await sim.ctx.fetch(media.source_url!, { redirect: 'manual', signal: AbortSignal.timeout(TIMEOUT_MS) });
      if (!response.ok) return `Media failed to download: ${media.source_url} answered ${response.status}`;
      const data = Buffer.from(await response.arrayBuffer());
      if (data.length > MAX_BYTES) return `Media failed to download: ${media.source_url} is over 16 MB`;
      const contentType = (response.headers.get('content-type') ?? 'application/octet-stream').split(';')[0].trim();
      await storeMediaData(sim.db, media.sid, contentType, data);
    } catch (err) {
      return `Media failed to download: ${(err as Error).message}`;
    }
  }
  return null;
}
