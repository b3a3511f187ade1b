/**
 * The simulator calls nothing but this Switchboard: webhooks and status callbacks go only to its
 * Twilio webhook URLs, and media is fetched only from its own origin (PUBLIC_URL). Anything else
 * would let whoever drives the simulator make this server call an address of their choosing.
 * Each answers why a URL is refused, or null when it may be called.
 */
export function webhookUrlProblem(publicUrl: string, raw: string): string | null {
  const base = new URL(publicUrl);
  const webhooks = `${base.origin}${base.pathname.replace(/\/+$/, '')}/webhooks/twilio/`;
  const url = parse(raw);
  if (url && !url.username && !url.password && url.origin === base.origin && url.pathname.startsWith(new URL(webhooks).pathname)) return null;
  return `The simulator only calls this Switchboard's own Twilio webhooks (${webhooks}…), not ${shown(raw)}.`;
}

export function mediaUrlProblem(publicUrl: string, raw: string): string | null {
  const origin = new URL(publicUrl).origin;
  const url = parse(raw);
  if (url && !url.username && !url.password && url.origin === origin) return null;
  return `The simulator only fetches media from this Switchboard (${origin}), not ${shown(raw)}.`;
}

function parse(raw: string): URL | null {
  try {
    const url = new URL(raw);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

/** The refused address in the error, without a query string that could carry anything. */
const shown = (raw: string) => JSON.stringify(raw.split('?')[0].slice(0, 200));
