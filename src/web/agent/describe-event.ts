import type { TFunction } from 'i18next';
import type { TimelineEvent } from './types';

/** Routing's bookkeeping: on the timeline tab, but too noisy for the thread. */
const TIMELINE_ONLY = new Set(['routing.classified', 'routing.waiting', 'automated-message']);
export const isShownInThread = (e: TimelineEvent) => !TIMELINE_ONLY.has(e.type);

/** A timeline event as a sentence: "You picked the conversation", "Routed to Support by rule VIP". */
export type Names = { queues: Record<string, string>; people: Record<string, string> };

export function describeEvent(event: TimelineEvent, myId: string, t: TFunction, names: Names = { queues: {}, people: {} }): string {
  const data = event.data as Record<string, unknown>;
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  const person = (id: unknown, name?: unknown) =>
    id === myId ? t('agent.timeline.you') : text(name) || names.people[text(id)] || (id ? t('agent.timeline.anotherAgent') : t('agent.timeline.system'));
  const who = event.actorUserId === null ? t('agent.timeline.system') : person(event.actorUserId);
  const queue = (id: unknown, name?: unknown) => text(name) || names.queues[text(id)] || t('agent.timeline.aQueue');
  const state = (s: unknown) => (typeof s === 'string' ? t(`common.state.${s}`, { defaultValue: s }) : '');
  switch (event.type) {
    case 'created':
      return t('agent.timeline.created');
    case 'state-changed': {
      const moved = t('agent.timeline.stateChanged', { who, from: state(data.from), to: state(data.to) });
      // The wrap-up given with End or Close, so history shows why a conversation ended.
      const wrapUp = [
        data.reason ? t('agent.timeline.wrapUpReason', { reason: text(data.reason) }) : '',
        Array.isArray(data.labels) && data.labels.length ? t('agent.timeline.wrapUpLabels', { labels: data.labels.join(', ') }) : '',
        data.summary ? t('agent.timeline.wrapUpSummary', { summary: text(data.summary) }) : '',
      ].filter(Boolean);
      return wrapUp.length ? `${moved} · ${wrapUp.join(' · ')}` : moved;
    }
    case 'label-added':
      return t('agent.timeline.labelAdded', { who, name: text(data.name) });
    case 'label-removed':
      return t('agent.timeline.labelRemoved', { who, name: text(data.name) });
    case 'assigned':
      return t('agent.timeline.assigned', { who: person(data.agentId), how: t(`agent.timeline.how.${text(data.how)}`, { defaultValue: text(data.how) }) });
    case 'queued':
      return t('agent.timeline.queued', { queue: queue(data.queueId) });
    case 'routing.routed':
      return data.ruleName
        ? t('agent.timeline.routedByRule', { queue: queue(data.queueId), rule: text(data.ruleName) })
        : t('agent.timeline.routed', { queue: queue(data.queueId), reason: t(`agent.timeline.routeReasons.${text(data.reason)}`, { defaultValue: text(data.reason) }) });
    case 'routing.classified':
      return t('agent.timeline.classified');
    case 'routing.waiting':
      return t('agent.timeline.waiting', { reason: text(data.reason) });
    case 'routing.overflow':
      return t('agent.timeline.overflow', { condition: text(data.condition) });
    case 'offered':
      return t('agent.timeline.offered', { who: person(data.agentId, data.agentName) });
    case 'offer-accepted':
    case 'offer-rejected':
    case 'offer-expired':
      return t(`agent.timeline.${event.type}`, { who: person(data.agentId) });
    case 'transferred':
      return data.toAgentId
        ? t('agent.timeline.transferredToAgent', { who, to: person(data.toAgentId, data.toAgentName) })
        : t('agent.timeline.transferredToQueue', { who, queue: queue(data.toQueueId, data.toQueueName) });
    case 'consult-invited':
      return t('agent.timeline.consultInvited', { who, to: person(data.agentId, data.agentName) });
    case 'participant-added':
      return t('agent.timeline.participantAdded', { who, to: person(data.agentId, data.agentName) });
    case 'participant-removed':
      return t('agent.timeline.participantRemoved', { who, to: person(data.agentId, data.agentName) });
    case 'supervisor-joined':
      return t('agent.timeline.supervisorJoined', { who: person(data.userId, data.name) });
    case 'note':
      return t('agent.timeline.note', { who, body: text(data.body) });
    case 'attachment-blocked':
      return t('agent.timeline.attachmentBlocked');
    case 'survey.answered':
      return data.comment
        ? t('agent.timeline.surveyAnsweredWithComment', { rating: Number(data.rating), comment: text(data.comment) })
        : t('agent.timeline.surveyAnswered', { rating: Number(data.rating) });
    case 'survey.commented':
      return t('agent.timeline.surveyCommented', { comment: text(data.comment) });
    case 'automated-message':
      return t('agent.timeline.automated', { trigger: text(data.trigger) });
    default:
      return event.type.replace(/[-_.]/g, ' ');
  }
}
