import Fastify, { type FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import websocket from '@fastify/websocket';
import type { AppContext } from './context.js';
import { allowInlineStyles } from './http/content-security-policy.js';
import { registerSecureHeaders } from './http/secure-headers.js';
import { registerErrorHandler } from './http/error-handler.js';
import { requestForLogs } from './http/log-safety.js';
import { registerTextGuard } from './http/text-guard.js';
import { authPlugin } from './auth/plugin.js';
import { authRoutes } from './auth/routes.js';
import { userRoutes } from './users/routes.js';
import { messagingAccountRoutes } from './messaging-accounts/routes.js';
import { whatsappWebhookRoutes } from './channels/twilio/webhook-routes.js';
import { conversationRoutes } from './conversations/routes.js';
import { templateRoutes } from './templates/routes.js';
import { queueRoutes } from './queues/routes.js';
import { workstreamRoutes } from './workstreams/routes.js';
import { routingRoutes } from './routing/routes.js';
import { auditRoutes } from './audit/routes.js';
import { templateImportRoutes } from './templates/import-routes.js';
import { mediaRoutes } from './media/routes.js';
import { realtimeRoutes } from './realtime/routes.js';
import { healthRoutes } from './health/routes.js';
import { metricsRoutes } from './metrics/routes.js';
import { simulatorPlugin } from './simulator/plugin.js';
import { retentionRoutes } from './retention/routes.js';
import { contactRoutes } from './contacts/routes.js';
import { channelRoutes } from './channels/routes.js';
import { transcriptRoutes } from './transcripts/routes.js';
import { cannedResponseRoutes } from './canned-responses/routes.js';
import { labelRoutes } from './labels/routes.js';
import { insightsRoutes } from './insights/routes.js';
import { webAppPlugin } from './web-app.js';
import { behaviorRoutes } from './automation/routes.js';
import { surveyApiRoutes, surveyPageRoutes } from './surveys/routes.js';

export type App = FastifyInstance;

declare module 'fastify' {
  interface FastifyInstance {
    ctx: AppContext;
  }
}

/** Builds the HTTP app: external plugins, then the app context, then the routes of each domain. */
export async function buildApp(ctx: AppContext, opts: { logger?: boolean | object } = {}): Promise<App> {
  const app = Fastify({
    logger: loggerOptions(ctx, opts.logger),
    // Client addresses (sign-in throttling, logs) come from X-Forwarded-For only behind a trusted proxy.
    trustProxy: ctx.config.trustProxy,
    bodyLimit: 1024 * 1024,
    genReqId: () => crypto.randomUUID(),
    // Unknown fields are refused with a 400 naming them, never silently dropped.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorate('ctx', ctx);
  registerErrorHandler(app);
  registerTextGuard(app);
  // The id in every log line of the request, so a user's report can be found in the logs.
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  registerSecureHeaders(app, ctx.config.publicUrl);
  await app.register(cookie);
  await app.register(formbody);
  await app.register(multipart, { limits: { fileSize: 16 * 1024 * 1024, files: 10 } });
  await app.register(websocket);
  await app.register(swagger, {
    openapi: {
      info: { title: 'Switchboard API', version: '1' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', transformStaticCSP: allowInlineStyles });

  await app.register(authPlugin);
  await app.register(healthRoutes);
  await app.register(metricsRoutes);
  await app.register(whatsappWebhookRoutes);
  await app.register(mediaRoutes);
  await app.register(surveyPageRoutes);
  await app.register(
    async (api) => {
      await api.register(authRoutes);
      await api.register(userRoutes);
      await api.register(messagingAccountRoutes);
      await api.register(conversationRoutes);
      await api.register(templateRoutes);
      await api.register(queueRoutes);
      await api.register(workstreamRoutes);
      await api.register(routingRoutes);
      await api.register(auditRoutes);
      await api.register(templateImportRoutes);
      await api.register(realtimeRoutes);
      await api.register(behaviorRoutes);
      await api.register(surveyApiRoutes);
      await api.register(retentionRoutes);
      await api.register(contactRoutes);
      await api.register(channelRoutes);
      await api.register(transcriptRoutes);
      await api.register(cannedResponseRoutes);
      await api.register(labelRoutes);
      await api.register(insightsRoutes);
    },
    { prefix: '/api/v1' },
  );
  if (ctx.config.simulator) await app.register(simulatorPlugin);
  await app.register(webAppPlugin);
  return app;
}

/** The app's log settings; a caller's own (a test capturing the logs) keep the redaction. */
function loggerOptions(ctx: AppContext, logger: boolean | object | undefined) {
  if (logger === false) return false;
  return {
    level: ctx.config.logLevel,
    redact: ['req.headers.authorization', 'req.headers.cookie'],
    serializers: { req: requestForLogs },
    ...(typeof logger === 'object' ? logger : {}),
  };
}
