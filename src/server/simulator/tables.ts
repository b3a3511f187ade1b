import type { ColumnType, Generated, Kysely, Transaction } from 'kysely';
import type { Db } from '../db/database.js';
import type { DB } from '../db/schema.js';

/** Kysely's view of migrations/0002_simulator.sql: the fake Twilio's own tables. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json<T> = ColumnType<T, T | string | undefined, T | string>;

/** outbound-reply: what the WhatsApp Sandbox itself answers (a join confirmation). */
export type SimDirection = 'inbound' | 'outbound-api' | 'outbound-reply';

export type SimAccountsTable = {
  sid: string;
  auth_token: string;
  friendly_name: string;
  status: Generated<string>;
  channel_install_sid: string;
  date_created: Generated<Date>;
  date_updated: Generated<Date>;
};

export type SimNumbersTable = {
  phone_number: string;
  account_sid: string;
  friendly_name: string;
  sms_url: string | null;
  sandbox: Generated<boolean>;
  sandbox_keyword: string | null;
  date_created: Generated<Date>;
  date_updated: Generated<Date>;
};

export type SimSandboxJoinsTable = {
  phone_number: string;
  customer: string;
  joined_at: Timestamp;
};

export type SimMessagesTable = {
  sid: string;
  seq: Generated<number>;
  account_sid: string;
  direction: SimDirection;
  from_address: string | null;
  to_address: string;
  business_number: string;
  customer: string;
  messaging_service_sid: string | null;
  body: Generated<string>;
  num_media: Generated<number>;
  content_sid: string | null;
  content_variables: string | null;
  status: string;
  error_code: number | null;
  error_message: string | null;
  status_callback: string | null;
  profile_name: string | null;
  latitude: number | null;
  longitude: number | null;
  location_label: string | null;
  location_address: string | null;
  button_text: string | null;
  button_payload: string | null;
  date_created: Timestamp;
  date_sent: NullableTimestamp;
  date_updated: Timestamp;
};

export type SimMediaTable = {
  sid: string;
  message_sid: string;
  position: number;
  content_type: string;
  filename: string | null;
  source_url: string | null;
  data: Buffer | Uint8Array | null;
  date_created: Generated<Date>;
};

export type SimContentsTable = {
  sid: string;
  account_sid: string;
  friendly_name: string;
  language: string;
  variables: Json<Record<string, string>>;
  types: Json<Record<string, unknown>>;
  approval_status: Generated<string>;
  date_created: Generated<Date>;
  date_updated: Generated<Date>;
};

export type SimSettingsTable = {
  id: number;
  settings: Json<Record<string, unknown>>;
  cdn_key: string;
};

export type SimulatorTables = {
  sim_accounts: SimAccountsTable;
  sim_numbers: SimNumbersTable;
  sim_sandbox_joins: SimSandboxJoinsTable;
  sim_messages: SimMessagesTable;
  sim_media: SimMediaTable;
  sim_contents: SimContentsTable;
  sim_settings: SimSettingsTable;
};

export type SimDb = Kysely<DB & SimulatorTables>;
export type SimTx = Transaction<DB & SimulatorTables>;
export type SimExecutor = SimDb | SimTx;

/** The application database seen with the simulator's tables too. */
export const simDb = (db: Db): SimDb => db.withTables<SimulatorTables>();
