import type { ColumnType, Generated } from 'kysely';
import type { ChannelId } from '../channels/registry.js';

/** Kysely's view of migrations/*.sql. Keep in step with the migrations. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json<T = unknown> = ColumnType<T, T | string | undefined, T | string>;
type Id = Generated<string>;

export type Role = 'admin' | 'supervisor' | 'agent';
export const CONVERSATION_STATES = ['open', 'active', 'waiting', 'wrap-up', 'closed'] as const;
export type ConversationState = (typeof CONVERSATION_STATES)[number];
export type MessageDirection = 'inbound' | 'outbound';
export type MediaStatus = 'pending' | 'stored' | 'blocked' | 'failed';

export interface UsersTable {
  id: Id;
  email: string;
  name: string;
  role: Role;
  password_hash: string;
  capacity: Generated<number>;
  presence: Generated<string>;
  language: Generated<string>;
  created_at: Generated<Date>;
  disabled_at: NullableTimestamp;
  presence_source: Generated<'agent' | 'capacity' | 'system'>;
  presence_changed_at: NullableTimestamp;
  missed_offers: Generated<number>;
  last_assigned_at: NullableTimestamp;
  last_activity_at: NullableTimestamp;
  last_seen_at: NullableTimestamp;
  /** The presence a sign-in that finds the user Offline sets (migration 0027). */
  default_presence: Generated<string>;
}

export interface SignInAccountsTable {
  email: string;
  attempts: Generated<number>;
  lock_level: Generated<number>;
  locked_until: NullableTimestamp;
  last_attempt_at: Timestamp;
}

export interface SignInAddressesTable {
  address: string;
  window_started_at: Timestamp;
  attempts: Generated<number>;
}

export interface SessionsTable {
  id: Id;
  token_hash: string;
  user_id: string;
  created_at: Generated<Date>;
  expires_at: Timestamp;
}

export interface MessagingAccountsTable {
  id: Id;
  name: string;
  provider: 'twilio' | 'simulator';
  account_sid: string;
  auth_token_encrypted: string;
  inbound_key: string;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  deleted_at: NullableTimestamp;
}

export interface NumbersTable {
  id: Id;
  account_id: string;
  name: string;
  number: string;
  messaging_service_sid: string | null;
  max_per_second: Generated<number>;
  channels: Generated<ChannelId[]>;
  created_at: Generated<Date>;
  deleted_at: NullableTimestamp;
}

export interface QueuesTable {
  id: Id;
  name: string;
  priority: Generated<number>;
  assignment_method: Generated<'highest-capacity' | 'round-robin' | 'least-active'>;
  is_default: Generated<boolean>;
  created_at: Generated<Date>;
  time_zone: Generated<string>;
  weekly_hours: Json<unknown> | null;
  holidays: Json<unknown>;
  overflow: Json<unknown>;
  archived_at: Date | null;
}

export interface QueueMembersTable {
  queue_id: string;
  user_id: string;
  last_assigned_at: NullableTimestamp;
}

export interface WorkstreamsTable {
  id: Id;
  name: string;
  channel: ChannelId;
  mode: 'push' | 'pick';
  fallback_queue_id: string;
  capacity_per_conversation: Generated<number>;
  offer_timeout_seconds: Generated<number>;
  number_id: string | null;
  language: Generated<string>;
  customer_attachments: Generated<boolean>;
  agent_attachments: Generated<boolean>;
  created_at: Generated<Date>;
  deleted_at: NullableTimestamp;
  allowed_presences: Json<string[]>;
  skill_matching: Generated<'exact' | 'closest' | 'none'>;
  keep_same_agent: Generated<boolean>;
  wrap_up_blocking: Generated<'always' | 'never' | 'timed'>;
  wrap_up_blocking_seconds: number | null;
  auto_close_waiting_seconds: number | null;
  inactive_after_missed_offers: Generated<number>;
  capacity_profile_id: string | null;
  /** The reasons an agent may give at wrap-up (migration 0030). */
  wrap_up_reasons: Json<string[]>;
  wrap_up_reason_required: Generated<boolean>;
}

export interface LabelsTable {
  id: Id;
  name: string;
  color: string;
  created_at: Generated<Date>;
}

export interface ConversationLabelsTable {
  conversation_id: string;
  label_id: string;
  added_by: string | null;
  created_at: Generated<Date>;
}

export interface ContactsTable {
  id: Id;
  phone: string;
  name: string | null;
  profile_name: string | null;
  language: string | null;
  attributes: Json<Record<string, string>>;
  created_at: Generated<Date>;
  /** Set when the customer was erased: the row stays, anonymised, for the conversations counted in insights. */
  erased_at: NullableTimestamp;
}

export interface ContactAddressesTable {
  channel: ChannelId;
  address: string;
  contact_id: string;
  created_at: Generated<Date>;
}

export interface OptOutsTable {
  contact_id: string;
  number_id: string;
  channel: ChannelId;
  source: string;
  created_at: Timestamp;
}

export interface ConversationsTable {
  id: Id;
  contact_id: string;
  number_id: string;
  channel: ChannelId;
  workstream_id: string | null;
  queue_id: string | null;
  state: Generated<ConversationState>;
  assigned_agent_id: string | null;
  last_inbound_at: NullableTimestamp;
  last_message_at: Generated<Date>;
  created_at: Generated<Date>;
  closed_at: NullableTimestamp;
  routing_variables: Json<Record<string, unknown>>;
  required_skills: Json<{ name: string; proficiency: number }[]>;
  priority: Generated<number>;
  capacity_required: number | null;
  queued_at: NullableTimestamp;
  wrap_up_at: NullableTimestamp;
  overflowed_at: NullableTimestamp;
  last_agent_id: string | null;
  bot_state: 'active' | 'handed-off' | null;
  /** Raised by a trigger on every update (migration 0019). */
  version: Generated<number>;
  wrap_up_reason: string | null;
  wrap_up_summary: string | null;
}

export interface ConversationEventsTable {
  id: Generated<number>;
  conversation_id: string;
  type: string;
  actor_user_id: string | null;
  data: Json<Record<string, unknown>>;
  created_at: Generated<Date>;
}

export interface TemplatesTable {
  id: Id;
  name: string;
  default_language: string;
  text: string;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface TemplateLocalizationsTable {
  id: Id;
  template_id: string;
  language: string;
  text: string;
  content_sid: string | null;
}

export interface MessagesTable {
  id: Id;
  seq: Generated<string>;
  conversation_id: string;
  direction: MessageDirection;
  kind: Generated<string>;
  body: Generated<string>;
  status: string;
  provider_sid: string | null;
  error_code: number | null;
  error_message: string | null;
  sender_user_id: string | null;
  template_id: string | null;
  content_sid: string | null;
  content_variables: Json<Record<string, string>> | null;
  latitude: number | null;
  longitude: number | null;
  location_label: string | null;
  location_address: string | null;
  button_text: string | null;
  button_payload: string | null;
  replied_to_sid: string | null;
  raw: Json<Record<string, string>> | null;
  created_at: Generated<Date>;
  status_at: Generated<Date>;
  purged_at: NullableTimestamp;
}

export interface MessageEventsTable {
  id: Generated<number>;
  message_id: string;
  type: string;
  status: string | null;
  error_code: number | null;
  detail: string | null;
  created_at: Generated<Date>;
}

export interface MessageMediaTable {
  id: Id;
  message_id: string;
  position: Generated<number>;
  source_url: string | null;
  content_type: string;
  filename: string | null;
  size_bytes: ColumnType<number | null, number | null | undefined, number | null>;
  storage_key: string | null;
  status: MediaStatus;
  error: string | null;
  public_token: string | null;
  public_expires: NullableTimestamp;
  attempts: Generated<number>;
  created_at: Generated<Date>;
  claimed_until: NullableTimestamp;
  claimed_by: string | null;
}

export interface MediaBlobsTable {
  key: string;
  size_bytes: ColumnType<number, number | undefined, number>;
  complete: Generated<boolean>;
  created_at: Generated<Date>;
}

export interface MediaChunksTable {
  key: string;
  seq: number;
  data: Uint8Array;
}

export interface TwilioRedactionsTable {
  id: Generated<string>;
  account_id: string;
  contact_id: string | null;
  message_sid: string;
  state: Generated<'pending' | 'running' | 'done' | 'failed'>;
  attempts: Generated<number>;
  next_attempt_at: Generated<Date>;
  locked_until: NullableTimestamp;
  body_result: 'redacted' | 'not-found' | null;
  body_confirmed_at: NullableTimestamp;
  media_deleted: Generated<number>;
  last_error: string | null;
  created_at: Generated<Date>;
  finished_at: NullableTimestamp;
}

export interface OutboxTable {
  message_id: string;
  number_id: string;
  state: Generated<'pending' | 'in-flight' | 'done'>;
  attempts: Generated<number>;
  next_attempt_at: Generated<Date>;
  locked_until: NullableTimestamp;
  attempt_started_at: NullableTimestamp;
  reconcile_since: NullableTimestamp;
  last_error: string | null;
  created_at: Generated<Date>;
  /** The process (outbox worker) holding the claim while in flight. */
  claimed_by: string | null;
  conversation_id: string;
}

export interface InboundInboxTable {
  id: Generated<string>;
  account_id: string;
  contact_id: string | null;
  message_sid: string;
  sender: string;
  params: Json<Record<string, string | string[] | undefined>>;
  received_at: Date;
  available_at: Date;
  attempts: Generated<number>;
  last_error: string | null;
}

export interface EarlyStatusCallbacksTable {
  id: Generated<number>;
  message_sid: string;
  params: Json<Record<string, string>>;
  received_at: Generated<Date>;
}

export interface UnmatchedInboundTable {
  id: Generated<number>;
  account_id: string;
  contact_id: string | null;
  message_sid: string;
  to_address: string;
  params: Json<Record<string, string>>;
  received_at: Generated<Date>;
}

export interface WebhookSignatureFailuresTable {
  account_id: string;
  hour: Date;
  failures: number;
  last_at: Date;
}

export interface AccountCredentialChecksTable {
  account_id: string;
  refused: boolean;
  message: string;
  twilio_code: number | null;
  checked_at: Date;
}

export interface AuditLogTable {
  id: Generated<number>;
  actor_user_id: string | null;
  actor_name: string;
  action: string;
  entity_type: string;
  entity_id: string | null;
  entity_name: string | null;
  changes: Json<unknown[]>;
  created_at: Generated<Date>;
}

export interface CapacityProfilesTable {
  id: Id;
  name: string;
  default_max_items: Generated<number>;
  created_at: Generated<Date>;
}

export interface UserCapacityProfilesTable {
  user_id: string;
  profile_id: string;
  max_items: number;
}

export interface UserSkillsTable {
  user_id: string;
  name: string;
  proficiency: number;
}

export interface ClassificationRulesetsTable {
  id: Id;
  workstream_id: string;
  name: string;
  position: Generated<number>;
  enabled: Generated<boolean>;
  rules: Json<unknown[]>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface RouteToQueueRulesTable {
  id: Id;
  workstream_id: string;
  name: string;
  position: Generated<number>;
  enabled: Generated<boolean>;
  conditions: Json<unknown[]>;
  queue_id: string | null;
  split: Json<{ queueId: string; percent: number }[]> | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export type OfferState = 'pending' | 'accepted' | 'rejected' | 'expired' | 'cancelled';

export interface OffersTable {
  id: Id;
  conversation_id: string;
  agent_id: string;
  state: Generated<OfferState>;
  created_at: Timestamp;
  expires_at: Timestamp;
  decided_at: NullableTimestamp;
}

export interface ConversationParticipantsTable {
  conversation_id: string;
  user_id: string;
  mode: 'consult' | 'participant';
  invited_by: string | null;
  created_at: Generated<Date>;
}

export interface RealtimeSpillTable {
  id: Generated<string>;
  payload: Json<Record<string, unknown>>;
  created_at: Generated<Date>;
}

export interface OperationsSettingsTable {
  id: Generated<boolean>;
  retention_days: number | null;
  last_purge_at: NullableTimestamp;
  updated_at: Generated<Date>;
}

export interface PresenceHistoryTable {
  id: Generated<string>;
  user_id: string;
  presence: string;
  source: string;
  changed_at: Generated<Date>;
}

export interface WorkstreamBehaviorsTable {
  workstream_id: string;
  automated_messages: Json<Record<string, unknown>>;
  survey: Json<Record<string, unknown>>;
  bot: Json<Record<string, unknown>>;
  bot_secret_encrypted: string | null;
  auto_close: Json<Record<string, unknown>>;
  updated_at: Generated<Date>;
}

export interface ConversationAutomationsTable {
  conversation_id: string;
  trigger: string;
  fired_at: Generated<Date>;
}

export interface SurveyRequestsTable {
  id: Id;
  conversation_id: string;
  contact_id: string;
  number_id: string;
  workstream_id: string | null;
  queue_id: string | null;
  agent_id: string | null;
  channel: 'chat' | 'link';
  status: 'sent' | 'answered' | 'not-sent';
  message_id: string | null;
  reason: string | null;
  created_at: Timestamp;
  expires_at: Timestamp;
  rating: number | null;
  comment: string | null;
  answered_at: NullableTimestamp;
  answered_via: 'chat' | 'link' | null;
}

export interface CannedResponsesTable {
  id: Id;
  shortcut: string;
  title: string;
  body: string;
  language: string | null;
  owner_user_id: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface ConversationReadsTable {
  conversation_id: string;
  user_id: string;
  last_read_message_id: string | null;
  last_read_seq: string;
  read_at: Generated<Date>;
}

export interface BotContentsTable {
  account_id: string;
  content_hash: string;
  content_sid: string;
  created_at: Generated<Date>;
}

export interface BotJobsTable {
  id: Generated<string>;
  message_id: string;
  conversation_id: string;
  state: Generated<'pending' | 'running' | 'done'>;
  attempts: Generated<number>;
  locked_until: NullableTimestamp;
  created_at: Generated<Date>;
  finished_at: NullableTimestamp;
  outcome: string | null;
}

export interface DB {
  canned_responses: CannedResponsesTable;
  conversation_reads: ConversationReadsTable;
  workstream_behaviors: WorkstreamBehaviorsTable;
  bot_contents: BotContentsTable;
  bot_jobs: BotJobsTable;
  conversation_automations: ConversationAutomationsTable;
  survey_requests: SurveyRequestsTable;
  operations_settings: OperationsSettingsTable;
  presence_history: PresenceHistoryTable;
  realtime_spill: RealtimeSpillTable;
  capacity_profiles: CapacityProfilesTable;
  user_capacity_profiles: UserCapacityProfilesTable;
  user_skills: UserSkillsTable;
  classification_rulesets: ClassificationRulesetsTable;
  route_to_queue_rules: RouteToQueueRulesTable;
  offers: OffersTable;
  conversation_participants: ConversationParticipantsTable;
  audit_log: AuditLogTable;
  unmatched_inbound: UnmatchedInboundTable;
  webhook_signature_failures: WebhookSignatureFailuresTable;
  account_credential_checks: AccountCredentialChecksTable;
  users: UsersTable;
  sessions: SessionsTable;
  sign_in_accounts: SignInAccountsTable;
  sign_in_addresses: SignInAddressesTable;
  messaging_accounts: MessagingAccountsTable;
  numbers: NumbersTable;
  contact_addresses: ContactAddressesTable;
  opt_outs: OptOutsTable;
  queues: QueuesTable;
  queue_members: QueueMembersTable;
  workstreams: WorkstreamsTable;
  contacts: ContactsTable;
  conversations: ConversationsTable;
  conversation_events: ConversationEventsTable;
  labels: LabelsTable;
  conversation_labels: ConversationLabelsTable;
  templates: TemplatesTable;
  template_localizations: TemplateLocalizationsTable;
  messages: MessagesTable;
  message_events: MessageEventsTable;
  message_media: MessageMediaTable;
  media_blobs: MediaBlobsTable;
  media_chunks: MediaChunksTable;
  twilio_redactions: TwilioRedactionsTable;
  outbox: OutboxTable;
  inbound_inbox: InboundInboxTable;
  early_status_callbacks: EarlyStatusCallbacksTable;
}
