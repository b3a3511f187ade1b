import type { Executor } from '../db/database.js';
import { ValidationError } from '../http/errors.js';
import { historicalFigures } from './figures.js';
import { loadConversationFacts, loadDeliveryFailures, type FactsFilter } from './store.js';
import { loadCsat } from './csat.js';
import type { HistoryQuery, HistoryView } from './schema.js';

const DAY_MS = 24 * 3600 * 1000;
const MAX_DAYS = 366;

/** The day range as instants: from the first day's midnight to the midnight after the last (UTC). */
export function historyFilter(query: HistoryQuery): FactsFilter {
  const createdFrom = new Date(`${query.from}T00:00:00Z`);
  const createdBefore = new Date(new Date(`${query.to}T00:00:00Z`).getTime() + DAY_MS);
  if (createdBefore <= createdFrom) throw new ValidationError('The last day comes before the first.', 'to');
  if (createdBefore.getTime() - createdFrom.getTime() > MAX_DAYS * DAY_MS) throw new ValidationError(`Choose at most ${MAX_DAYS} days.`, 'to');
  return { createdFrom, createdBefore, queueId: query.queueId, workstreamId: query.workstreamId, agentId: query.agentId };
}

/** Historical figures for conversations started in the range and matching the filters. */
export async function loadHistory(db: Executor, query: HistoryQuery, now: Date): Promise<HistoryView> {
  const filter = historyFilter(query);
  const [facts, deliveryFailures, csat] = [await loadConversationFacts(db, filter), await loadDeliveryFailures(db, filter), await loadCsat(db, filter)];
  return { from: query.from, to: query.to, ...historicalFigures(facts, now), csat, deliveryFailures };
}
