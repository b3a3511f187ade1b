import { Value } from '@sinclair/typebox/value';
import type { AppContext } from '../context.js';
import type { Executor } from '../db/database.js';
import { readOnce } from '../db/read-once.js';
import { NotFoundError, ValidationError } from '../http/errors.js';
import { assertPublicUrl, OutboundRefusedError } from '../http/outbound-guard.js';
import { patternProblem } from '../routing/safe-pattern.js';
import {
  AutoCloseSettings, BotSettings, SurveySettings,
  type AutomatedMessagesSettings, type BehaviorsView, type UpdateBehaviorsBody,
} from './schema.js';

export type Behaviors = {
  automatedMessages: AutomatedMessagesSettings;
  survey: SurveySettings;
  bot: BotSettings;
  botSecretSealed: string | null;
  autoClose: AutoCloseSettings;
};

const DEFAULT_WAITING_SECONDS = 30 * 24 * 3600;

function withDefaults<T>(schema: Parameters<typeof Value.Default>[0], stored: unknown): T {
  return Value.Default(schema, structuredClone(stored ?? {})) as T;
}

/** A workstream's behaviors with every default filled in; a workstream never configured gets the defaults. */
export async function loadBehaviors(db: Executor, workstreamId: string | null): Promise<Behaviors> {
  const row = workstreamId
    ? await db
        .selectFrom('workstreams as w')
        .leftJoin('workstream_behaviors as b', 'b.workstream_id', 'w.id')
        .select(['w.auto_close_waiting_seconds', 'b.automated_messages', 'b.survey', 'b.bot', 'b.bot_secret_encrypted', 'b.auto_close'])
        .where('w.id', '=', workstreamId)
        .executeTakeFirst()
    : undefined;
  const autoClose = withDefaults<AutoCloseSettings>(AutoCloseSettings, row?.auto_close);
  return {
    automatedMessages: (row?.automated_messages ?? {}) as AutomatedMessagesSettings,
    survey: withDefaults<SurveySettings>(SurveySettings, row?.survey),
    bot: withDefaults<BotSettings>(BotSettings, row?.bot),
    botSecretSealed: row?.bot_secret_encrypted ?? null,
    autoClose: { ...autoClose, waitingSeconds: row?.auto_close_waiting_seconds ?? DEFAULT_WAITING_SECONDS },
  };
}

/** loadBehaviors, read once per transaction (an inbound batch stores many messages of one workstream). */
export function behaviorsOnce(db: Executor, workstreamId: string): Promise<Behaviors> {
  return readOnce(db, `behaviors:${workstreamId}`, () => loadBehaviors(db, workstreamId));
}

export function presentBehaviors(workstreamId: string, b: Behaviors): BehaviorsView {
  return { workstreamId, automatedMessages: b.automatedMessages, survey: b.survey, bot: { ...b.bot, httpSecretSet: b.botSecretSealed !== null }, autoClose: b.autoClose };
}

export async function getBehaviors(db: Executor, workstreamId: string): Promise<BehaviorsView> {
  await assertWorkstream(db, workstreamId);
  return presentBehaviors(workstreamId, await loadBehaviors(db, workstreamId));
}

async function assertWorkstream(db: Executor, id: string) {
  const found = await db.selectFrom('workstreams').select('id').where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
  if (!found) throw new NotFoundError('The workstream');
}

/** Merges what was sent into the stored settings, field by field (a list, and a trigger's settings, are replaced whole). */
export async function updateBehaviors(ctx: AppContext, workstreamId: string, body: UpdateBehaviorsBody): Promise<BehaviorsView> {
  await assertWorkstream(ctx.db, workstreamId);
  const current = await loadBehaviors(ctx.db, workstreamId);
  const { httpSecret, ...botChanges } = body.bot ?? {};
  const next = {
    automatedMessages: { ...current.automatedMessages, ...body.automatedMessages },
    survey: { ...current.survey, ...body.survey },
    bot: { ...current.bot, ...botChanges, rule: { ...current.bot.rule, ...botChanges.rule }, http: { ...current.bot.http, ...botChanges.http } } as BotSettings,
    autoClose: { ...current.autoClose, ...body.autoClose },
  };
  await assertConsistent(ctx.db, next, httpSecret !== undefined || current.botSecretSealed !== null);
  if (botChanges.http?.url) await assertBotUrlAllowed(ctx, botChanges.http.url);
  const { waitingSeconds, ...autoClose } = next.autoClose;
  const values = {
    automated_messages: JSON.stringify(next.automatedMessages),
    survey: JSON.stringify(next.survey),
    bot: JSON.stringify(next.bot),
    auto_close: JSON.stringify(autoClose),
    updated_at: ctx.now(),
    ...(httpSecret !== undefined ? { bot_secret_encrypted: ctx.secrets.seal(httpSecret) } : {}),
  };
  await ctx.db.transaction().execute(async (tx) => {
    await tx.insertInto('workstream_behaviors').values({ workstream_id: workstreamId, ...values }).onConflict((oc) => oc.column('workstream_id').doUpdateSet(values)).execute();
    if (body.autoClose?.waitingSeconds !== undefined) await tx.updateTable('workstreams').set({ auto_close_waiting_seconds: waitingSeconds }).where('id', '=', workstreamId).execute();
  });
  return getBehaviors(ctx.db, workstreamId);
}

/** The bot URL passes the outbound guard; a host name without an address yet is checked again at each call. */
async function assertBotUrlAllowed(ctx: AppContext, url: string) {
  try {
    await assertPublicUrl(url, ctx.config.outboundAllowedHosts);
  } catch (err) {
    if (err instanceof OutboundRefusedError && !err.unresolved) throw new ValidationError(`Switchboard will not call this bot URL: ${err.reason}.`, 'bot.http.url');
    if (!(err instanceof OutboundRefusedError)) throw err;
  }
}

async function assertConsistent(db: Executor, b: Omit<Behaviors, 'botSecretSealed'>, hasSecret: boolean) {
  if (b.survey.templateId) {
    const template = await db.selectFrom('templates').select('id').where('id', '=', b.survey.templateId).executeTakeFirst();
    if (!template) throw new ValidationError('The survey template does not exist.', 'survey.templateId');
  }
  if (b.bot.kind === 'http' && !b.bot.http.url) throw new ValidationError('An HTTP bot needs the URL Switchboard posts messages to.', 'bot.http.url');
  if (b.bot.kind === 'http' && !hasSecret) throw new ValidationError('An HTTP bot needs a signing secret (httpSecret, at least 16 characters).', 'bot.httpSecret');
  b.bot.rule.intents.forEach((intent, i) => {
    if (!intent.keywords.length && !intent.pattern) throw new ValidationError(`Intent "${intent.name}" needs keywords or a pattern.`, `bot.rule.intents.${i}`);
    if (intent.pattern) {
      const problem = patternProblem(intent.pattern);
      if (problem) throw new ValidationError(`Intent "${intent.name}": ${problem}`, `bot.rule.intents.${i}.pattern`);
    }
  });
}
