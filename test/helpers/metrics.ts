/** The value of one sample line in Prometheus text format, or 0 when absent. */
export function sample(text: string, name: string, labels = ''): number {
  const line = text.split('\n').find((l) => l.startsWith(`${name}${labels ? `{${labels}}` : ''} `));
  return line ? Number(line.split(' ').at(-1)) : 0;
}

/** The server's /metrics text. */
export async function scrapeMetrics(baseUrl: string): Promise<string> {
  return (await fetch(`${baseUrl}/metrics`)).text();
}

/** Assignment decisions taken so far (the decision-time histogram's count). */
export async function decisionsTaken(baseUrl: string): Promise<number> {
  return sample(await scrapeMetrics(baseUrl), 'switchboard_assignment_duration_seconds_count');
}
