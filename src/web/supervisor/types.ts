/** The shapes the supervisor area reads from /api/v1/insights and /api/v1/transcripts. */
export type ServiceLevel = { within20s: number | null; within60s: number | null; within120s: number | null };
export type Summary = { count: number; average: number | null; median: number | null };

export type QueueLive = {
  queueId: string;
  name: string;
  waiting: number;
  longestWaitSeconds: number | null;
  active: number;
  onHold: number;
  wrapUp: number;
  waitingByChannel?: Record<string, number>;
  agentsByPresence: Record<string, number>;
  capacity: { used: number; total: number };
  serviceLevel: ServiceLevel;
  averageSpeedToAnswerSeconds: number | null;
};

export type PresenceSegment = { presence: string; from: string; to: string };

export type AgentLive = {
  agentId: string;
  name: string;
  presence: string;
  queueIds: string[];
  capacity: { used: number; total: number };
  conversations: { id: string; state: string; customer: string; queueId: string | null; since: string }[];
  presenceTimeline: PresenceSegment[];
};

export type Live = { at: string; since: string; queues: QueueLive[]; agents: AgentLive[] };

export type History = {
  from: string;
  to: string;
  conversations: number;
  answered: number;
  abandoned: number;
  abandonmentRate: number | null;
  transfers: number;
  speedToAnswer: Summary;
  firstResponse: Summary;
  handle: Summary;
  wrapUp: Summary;
  serviceLevel: ServiceLevel;
  volumeByHour: number[];
  csat: { responses: number; averageRating: number | null; satisfiedPercent: number | null };
  deliveryFailures: { code: number; count: number }[];
  /** Conversations by the reason given at wrap-up, and by label, most first. */
  wrapUpReasons: { name: string; count: number }[];
  labels: { name: string; count: number }[];
  byChannel: ChannelFigures[];
};

/** The main figures of one channel in the range. */
export type ChannelFigures = {
  channel: string;
  conversations: number;
  answered: number;
  abandoned: number;
  speedToAnswer: Summary;
  firstResponse: Summary;
  serviceLevel: ServiceLevel;
  csat: { responses: number; averageRating: number | null; satisfiedPercent: number | null };
};

export type LiveConversation = {
  id: string;
  channel: string;
  state: string;
  customer: { id: string; phone: string; name: string | null; profileName: string | null };
  queueId: string | null;
  assignedAgentId: string | null;
  lastMessageAt: string;
  createdAt: string;
};

export type Message = {
  id: string;
  direction: 'inbound' | 'outbound';
  body: string;
  status: string;
  createdAt: string;
  senderUserId: string | null;
  media: { id: string; url: string | null; contentType: string; filename: string | null }[];
};

export type SearchHit = {
  channel: string;
  conversationId: string;
  state: string;
  customer: { id: string; name: string | null; phone: string };
  queue: string | null;
  agent: string | null;
  createdAt: string;
  closedAt: string | null;
  messageCount: number;
  snippet: string | null;
};

export type Named = { id: string; name: string };
