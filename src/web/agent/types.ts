import type { Static } from '@sinclair/typebox';
import type { EventView } from '../../server/conversations/schema';

// The server's schemas are the single source of the API's shapes; the web app only reads their types.
export type { ConversationView as Conversation, MessageView as Message } from '../../server/conversations/schema';
export type { TemplateView as Template } from '../../server/templates/schema';
export type { QueueView as Queue } from '../../server/queues/schema';
export type { UserView as User } from '../../server/users/schema';
export type TimelineEvent = Static<typeof EventView>;
export type Media = import('../../server/conversations/schema').MessageView['media'][number];

export const PRESENCES = ['available', 'busy', 'dnd', 'away', 'offline'] as const;
export type Presence = (typeof PRESENCES)[number] | 'inactive';
