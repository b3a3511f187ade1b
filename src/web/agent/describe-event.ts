import type { TFunction } from 'i18next';
import type { TimelineEvent } from './types';

/** A timeline event as a sentence: "You picked the conversation", "Moved to Waiting". */
export function describeEvent(event: TimelineEvent, myId: string, t: TFunction): string {
  const data = event.data as Record<string, unknown>;
  const who = event.actorUserId === null ? t('agent.timeline.system') : event.actorUserId === myId ? t('agent.timeline.you') : t('agent.timeline.anotherAgent');
  const state = (s: unknown) => (typeof s === 'string' ? t(`agent.state.${s}`, { defaultValue: s }) : '');
  switch (event.type) {
    case 'state-changed':
      return t('agent.timeline.stateChanged', { who, from: state(data.from), to: state(data.to) });
    case 'assigned':
      return data.agentId === myId ? t('agent.timeline.assignedToYou', { how: t(`agent.timeline.how.${String(data.how)}`, { defaultValue: String(data.how ?? '') }) }) : t('agent.timeline.assigned', { who });
    case 'created':
    case 'conversation-created':
      return t('agent.timeline.created');
    default:
      return t(`agent.timeline.types.${event.type}`, { defaultValue: event.type.replace(/[-_.]/g, ' '), who, ...stringValues(data) });
  }
}

function stringValues(data: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(data).filter(([, v]) => typeof v === 'string' || typeof v === 'number').map(([k, v]) => [k, String(v)]));
}
