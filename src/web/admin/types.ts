/**
 * The API's views, taken from the server's TypeBox schemas (the single source), so the admin
 * center cannot drift from what the server answers.
 */
export type { AccountView, NumberView } from '../../server/messaging-accounts/schema';
export type { WorkstreamView } from '../../server/workstreams/schema';
export type { QueueView } from '../../server/queues/schema';
export type { UserView } from '../../server/users/schema';
export type { TemplateView } from '../../server/templates/schema';
export type { ContentTemplateView } from '../../server/templates/import-schema';
export type { AuditEntryView, AuditPage } from '../../server/audit/schema';
export type { CannedResponseView } from '../../server/canned-responses/schema';

export type Items<T> = { items: T[] };
export type Dependent = { id: string; name: string };

import type { NumberChannelView, WorkstreamView as Workstream } from '../../server/workstreams/schema';

const NO_SETTINGS: NumberChannelView = { numberId: null, language: 'en', customerAttachments: true, agentAttachments: true };

/** The workstream's settings on its own channel (the view holds them under the channel's name). */
export function channelSettings(w: Workstream): NumberChannelView {
  return w[w.channel] ?? NO_SETTINGS;
}
