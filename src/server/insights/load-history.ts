import type { Executor } from '../db/database.js';
import { ValidationError } from '../http/errors.js';
import { CHANNEL_IDS, type ChannelId } from '../channels/registry.js';
import { historicalFigures, type ConversationFacts } from './figures.js';
import { loadConversationFacts, loadDeliveryFailures, loadDispositions, type Dispositions, type FactsFilter, type NamedCount } from './store.js';
import { loadCsat, type Csat } from './csat.js';
import type { ChannelFigures, HistoryQuery, HistoryView } from './schema.js';

const DAY_MS = 24 * 3600 * 1000;
const MAX_DAYS = 366;

/** The day range as instants: from the first day's midnight to the midnight after the last (UTC). */
export function historyFilter(query: HistoryQuery): FactsFilter {
  const createdFrom = new Date(`${query.from}T00:00:00Z`);
  const createdBefore = new Date(new Date(`${query.to}T00:00:00Z`).getTime() + DAY_MS);
  if (createdBefore <= createdFrom) throw new ValidationError('The last day comes before the first.', 'to');
  if (createdBefore.getTime() - createdFrom.getTime() > MAX_DAYS * DAY_MS) throw new ValidationError(`Choose at most ${MAX_DAYS} days.`, 'to');
  return { createdFrom, createdBefore, queueId: query.queueId, workstreamId: query.workstreamId, agentId: query.agentId, channel: query.channel };
}

/** Historical figures for conversations started in the range and matching the filters. */
export async function loadHistory(db: Executor, query: HistoryQuery, now: Date): Promise<HistoryView> {
  const filter = historyFilter(query);
  const [facts, deliveryFailures, csat, dispositions] = [await loadConversationFacts(db, filter), await loadDeliveryFailures(db, filter), await loadCsat(db, filter), await loadDispositions(db, filter)];
  return {
    from: query.from,
    to: query.to,
    ...historicalFigures(facts, now),
    csat: csat.all,
    deliveryFailures,
    wrapUpReasons: mostFirst([...dispositions.wrapUpReasons.values()].flat()),
    labels: mostFirst([...dispositions.labels.values()].flat()),
    byChannel: channelFigures(facts, csat.byChannel, dispositions, now),
  };
}

/** Counts summed by name, the most frequent first (then by name, so the order is stable). */
function mostFirst(counts: NamedCount[]): NamedCount[] {
  const sums = new Map<string, number>();
  for (const c of counts) sums.set(c.name, (sums.get(c.name) ?? 0) + c.count);
  return [...sums].map(([name, count]) => ({ name, count })).sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
}

const NO_CSAT: Csat = { responses: 0, averageRating: null, satisfiedPercent: null };

/** The main figures again for each channel with conversations in the range, in the registry's order. */
function channelFigures(facts: ConversationFacts[], csat: Map<ChannelId, Csat>, dispositions: Dispositions, now: Date): ChannelFigures[] {
  return CHANNEL_IDS.flatMap((channel) => {
    const own = facts.filter((f) => f.channel === channel);
    if (!own.length) return [];
    const figures = historicalFigures(own, now);
    return [{
      channel,
      conversations: figures.conversations,
      answered: figures.answered,
      abandoned: figures.abandoned,
      speedToAnswer: figures.speedToAnswer,
      firstResponse: figures.firstResponse,
      serviceLevel: figures.serviceLevel,
      csat: csat.get(channel) ?? NO_CSAT,
      wrapUpReasons: mostFirst(dispositions.wrapUpReasons.get(channel) ?? []),
      labels: mostFirst(dispositions.labels.get(channel) ?? []),
    }];
  });
}
