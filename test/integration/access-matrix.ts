import type { AccessWorld, Role } from './access-world.js';

/**
 * Who may call what, per the product's rules:
 * - user: anyone signed in; supervisor: supervisors and admins; admin: admins only.
 * - conversation-read: the conversation's queue agents, supervisors, admins; an agent of another
 *   queue gets 404, so the conversation's existence is not revealed.
 * - conversation-act: writing to a conversation: its assignee (or added participant), supervisors
 *   and admins; the queue's other agents get 403.
 * - offer: the offer itself authorizes its agent; nobody here holds one, so everyone gets 409.
 * - public: no session needed (checked anonymously only: signing out would end the others' sessions).
 * - twilio: the simulator's fake Twilio takes Twilio's own Basic auth (the simulated account's SID
 *   and token), never a Switchboard session: every session gets Twilio's 401 (20003).
 * - signed-link: the simulator's media CDN answers a signed, expiring link only (403 otherwise).
 */
export type Access = 'public' | 'user' | 'supervisor' | 'admin' | 'conversation-read' | 'conversation-act' | 'offer' | 'twilio' | 'signed-link';
export type Expected = 'allowed' | 'skip' | number;

export const RULES: Record<Access, Record<Role, Expected>> = {
  public: { anonymous: 'allowed', outsider: 'skip', agent: 'skip', supervisor: 'skip', admin: 'skip' },
  user: { anonymous: 401, outsider: 'allowed', agent: 'allowed', supervisor: 'allowed', admin: 'allowed' },
  supervisor: { anonymous: 401, outsider: 403, agent: 403, supervisor: 'allowed', admin: 'allowed' },
  admin: { anonymous: 401, outsider: 403, agent: 403, supervisor: 403, admin: 'allowed' },
  'conversation-read': { anonymous: 401, outsider: 404, agent: 'allowed', supervisor: 'allowed', admin: 'allowed' },
  'conversation-act': { anonymous: 401, outsider: 404, agent: 403, supervisor: 'allowed', admin: 'allowed' },
  offer: { anonymous: 401, outsider: 409, agent: 409, supervisor: 409, admin: 409 },
  twilio: { anonymous: 401, outsider: 401, agent: 401, supervisor: 401, admin: 401 },
  'signed-link': { anonymous: 403, outsider: 403, agent: 403, supervisor: 403, admin: 403 },
};

/** Routes that answer without a Switchboard session (their own credentials, if any, are checked by `credentialed`). */
export const SESSIONLESS: Access[] = ['public', 'twilio', 'signed-link'];

export type Call = { path: string; body?: unknown; headers?: Record<string, string> };
export type Entry = {
  access: Access;
  /** What an allowed caller gets; by default 200 (GET, PUT, PATCH), 200/201 (POST), 204 (DELETE). */
  allowed?: number[];
  /** Builds the request; called once per role, so `fresh…` objects keep one role's writes from the next. */
  call: (w: AccessWorld) => Call | Promise<Call>;
  /** For twilio and signed-link: the call with the route's own credentials, which must be allowed. */
  credentialed?: (w: AccessWorld) => Call | Promise<Call>;
};

const V1 = '/api/v1';
const conv = (id: string) => `${V1}/conversations/${id}`;
const at = (path: string): Entry['call'] => () => ({ path: V1 + path });
const HISTORY = '?from=2025-01-01&to=2025-01-02';
const SIM = '/simulator/api';
const sim = (path: string): Entry['call'] => () => ({ path: SIM + path });
/** A fake Twilio route: the same call, refused with a session and allowed with the account's Basic auth. */
const twilio = (build: (w: AccessWorld) => Call, allowed?: number[]): Entry => ({
  access: 'twilio',
  call: build,
  credentialed: (w) => ({ ...build(w), headers: w.simulator.basic }),
  ...(allowed ? { allowed } : {}),
});

/** Every API route Fastify registers must have an entry here; the test fails on a route without one. */
export const MATRIX: Record<string, Entry> = {
  'POST /api/v1/auth/login': { access: 'public', call: () => ({ path: `${V1}/auth/login`, body: { email: 'nobody@test.local', password: 'wrong' } }), allowed: [401] },
  'POST /api/v1/auth/logout': { access: 'public', call: at('/auth/logout'), allowed: [204] },
  // A plain GET (no upgrade) reaches no handler; the socket refuses a missing session with 4401 (realtime-and-access.test.ts).
  'GET /api/v1/realtime': { access: 'public', call: at('/realtime'), allowed: [400, 404] },

  'GET /api/v1/me': { access: 'user', call: at('/me') },
  'GET /api/v1/channels': { access: 'user', call: at('/channels') },
  'GET /api/v1/people': { access: 'user', call: at('/people') },
  'GET /api/v1/me/capacity': { access: 'user', call: at('/me/capacity') },
  'PUT /api/v1/me/presence': { access: 'user', call: () => ({ path: `${V1}/me/presence`, body: { presence: 'available' } }) },
  'GET /api/v1/me/offers': { access: 'user', call: at('/me/offers') },
  // Every world user signs in with test-app's password; setting it again ends no session the matrix uses.
  'POST /api/v1/me/password': { access: 'user', call: () => ({ path: `${V1}/me/password`, body: { currentPassword: 'correct horse battery', newPassword: 'correct horse battery' } }), allowed: [204] },
  'GET /api/v1/users': { access: 'supervisor', call: at('/users') },
  'POST /api/v1/users': { access: 'admin', call: (w) => ({ path: `${V1}/users`, body: { email: `${w.unique('new').replace(' ', '')}@test.local`, name: 'New Agent', password: 'long enough password', role: 'agent' } }) },
  'GET /api/v1/users/:id': { access: 'supervisor', call: (w) => ({ path: `${V1}/users/${w.users.admin}` }) },
  'PATCH /api/v1/users/:id': { access: 'admin', call: (w) => ({ path: `${V1}/users/${w.users.spare}`, body: { name: w.unique('Spare') } }) },
  'GET /api/v1/users/:id/impact': { access: 'admin', call: (w) => ({ path: `${V1}/users/${w.users.spare}/impact` }) },
  'DELETE /api/v1/users/:id': { access: 'admin', call: (w) => ({ path: `${V1}/users/${w.disposable.userId}` }), allowed: [200] },

  'GET /api/v1/messaging-accounts': { access: 'supervisor', call: at('/messaging-accounts') },
  'GET /api/v1/configuration-warnings': { access: 'supervisor', call: at('/configuration-warnings') },
  'POST /api/v1/messaging-accounts': { access: 'admin', call: (w) => ({ path: `${V1}/messaging-accounts`, body: { name: w.unique('Account'), channel: 'whatsapp', provider: 'twilio', accountSid: 'AC' + 'e5'.repeat(16), authToken: 'a secret token' } }) },
  'GET /api/v1/messaging-accounts/:id': { access: 'supervisor', call: (w) => ({ path: `${V1}/messaging-accounts/${w.accountId}` }) },
  'PATCH /api/v1/messaging-accounts/:id': { access: 'admin', call: (w) => ({ path: `${V1}/messaging-accounts/${w.accountId}`, body: { name: w.unique('Acme') } }) },
  'GET /api/v1/messaging-accounts/:id/impact': { access: 'admin', call: (w) => ({ path: `${V1}/messaging-accounts/${w.accountId}/impact` }) },
  'DELETE /api/v1/messaging-accounts/:id': { access: 'admin', call: (w) => ({ path: `${V1}/messaging-accounts/${w.disposable.accountId}` }), allowed: [200, 204] },
  'POST /api/v1/messaging-accounts/validate': { access: 'admin', call: () => ({ path: `${V1}/messaging-accounts/validate`, body: { provider: 'twilio', accountSid: 'AC' + 'e5'.repeat(16), authToken: 'a secret token' } }) },
  'POST /api/v1/messaging-accounts/:id/validate': { access: 'admin', call: (w) => ({ path: `${V1}/messaging-accounts/${w.accountId}/validate` }) },
  'POST /api/v1/messaging-accounts/:id/numbers': { access: 'admin', call: (w) => ({ path: `${V1}/messaging-accounts/${w.accountId}/numbers`, body: { name: 'Line', number: w.nextNumber() } }) },
  'PATCH /api/v1/messaging-accounts/:id/numbers/:numberId': { access: 'admin', call: (w) => ({ path: `${V1}/messaging-accounts/${w.accountId}/numbers/${w.numberId}`, body: { name: w.unique('Support') } }) },
  'DELETE /api/v1/messaging-accounts/:id/numbers/:numberId': { access: 'admin', call: (w) => ({ path: `${V1}/messaging-accounts/${w.accountId}/numbers/${w.disposable.numberId}` }), allowed: [200, 204] },
  'GET /api/v1/messaging-accounts/:id/content-templates': { access: 'admin', call: (w) => ({ path: `${V1}/messaging-accounts/${w.accountId}/content-templates` }), allowed: [200, 502] },

  'GET /api/v1/conversations': { access: 'user', call: at('/conversations') },
  'GET /api/v1/conversations/:id': { access: 'conversation-read', call: (w) => ({ path: conv(w.conversationId) }) },
  'GET /api/v1/conversations/:id/messages': { access: 'conversation-read', call: (w) => ({ path: `${conv(w.conversationId)}/messages` }) },
  'GET /api/v1/conversations/:id/timeline': { access: 'conversation-read', call: (w) => ({ path: `${conv(w.conversationId)}/timeline` }) },
  'GET /api/v1/conversations/:id/notes': { access: 'conversation-read', call: (w) => ({ path: `${conv(w.conversationId)}/notes` }) },
  'GET /api/v1/conversations/:id/participants': { access: 'conversation-read', call: (w) => ({ path: `${conv(w.conversationId)}/participants` }) },
  'GET /api/v1/conversations/:id/diagnostics': { access: 'conversation-read', call: (w) => ({ path: `${conv(w.conversationId)}/diagnostics` }) },
  'GET /api/v1/conversations/:id/transcript': { access: 'conversation-read', call: (w) => ({ path: `${conv(w.conversationId)}/transcript` }) },
  'GET /api/v1/media/:id': { access: 'conversation-read', call: (w) => ({ path: `${V1}/media/${w.mediaId}` }) },
  'GET /api/v1/contacts/:id': { access: 'conversation-read', call: (w) => ({ path: `${V1}/contacts/${w.contactId}` }) },
  'PATCH /api/v1/contacts/:id': { access: 'conversation-read', call: (w) => ({ path: `${V1}/contacts/${w.contactId}`, body: { name: w.unique('Ada') } }) },
  'POST /api/v1/conversations/:id/read': { access: 'conversation-read', call: (w) => ({ path: `${conv(w.conversationId)}/read`, body: {} }) },
  'POST /api/v1/conversations/:id/pick': { access: 'conversation-read', call: async (w) => ({ path: `${conv((await w.freshConversation()).conversationId)}/pick` }) },

  'POST /api/v1/conversations/:id/messages': { access: 'conversation-act', call: async (w) => ({ path: `${conv((await w.freshActive()).conversationId)}/messages`, body: { body: 'Hello from the matrix' } }) },
  'POST /api/v1/conversations/:id/notes': { access: 'conversation-act', call: async (w) => ({ path: `${conv((await w.freshActive()).conversationId)}/notes`, body: { body: 'A private note' } }) },
  'POST /api/v1/conversations/:id/end': { access: 'conversation-act', call: async (w) => ({ path: `${conv((await w.freshActive()).conversationId)}/end` }) },
  'POST /api/v1/conversations/:id/wait': { access: 'conversation-act', call: async (w) => ({ path: `${conv((await w.freshActive()).conversationId)}/wait` }) },
  'POST /api/v1/conversations/:id/resume': { access: 'conversation-act', call: async (w) => ({ path: `${conv((await w.freshWaiting()).conversationId)}/resume` }) },
  'POST /api/v1/conversations/:id/close': { access: 'conversation-act', call: async (w) => ({ path: `${conv((await w.freshActive()).conversationId)}/close` }) },
  'POST /api/v1/conversations/:id/transfer': { access: 'conversation-act', call: async (w) => ({ path: `${conv((await w.freshActive()).conversationId)}/transfer`, body: { queueId: w.otherQueueId } }) },
  'POST /api/v1/conversations/:id/consult': { access: 'conversation-act', call: async (w) => ({ path: `${conv((await w.freshActive()).conversationId)}/consult`, body: { agentId: w.users.spare } }) },
  'POST /api/v1/conversations/:id/participants/:userId': { access: 'conversation-act', call: async (w) => ({ path: `${conv((await w.freshConsulted()).conversationId)}/participants/${w.users.spare}` }) },
  'DELETE /api/v1/conversations/:id/participants/:userId': { access: 'conversation-act', call: async (w) => ({ path: `${conv((await w.freshParticipant()).conversationId)}/participants/${w.users.spare}` }), allowed: [200] },
  'POST /api/v1/conversations/:id/messages/:messageId/retry': { access: 'conversation-act', call: async (w) => { const f = await w.freshFailedMessage(); return { path: `${conv(f.conversationId)}/messages/${f.messageId}/retry` }; } },
  'POST /api/v1/conversations/:id/accept': { access: 'offer', call: (w) => ({ path: `${conv(w.conversationId)}/accept` }) },
  'POST /api/v1/conversations/:id/reject': { access: 'offer', call: (w) => ({ path: `${conv(w.conversationId)}/reject` }) },
  'POST /api/v1/conversations/:id/join': { access: 'supervisor', call: async (w) => ({ path: `${conv((await w.freshActive()).conversationId)}/join` }) },
  'POST /api/v1/contacts/:id/erase': { access: 'admin', call: async (w) => ({ path: `${V1}/contacts/${await w.freshContact()}/erase` }) },
  'GET /api/v1/contacts/:id/erasure': { access: 'admin', call: async (w) => ({ path: `${V1}/contacts/${await w.erasedContact()}/erasure` }) },

  'GET /api/v1/templates': { access: 'user', call: at('/templates') },
  'GET /api/v1/templates/:id': { access: 'user', call: (w) => ({ path: `${V1}/templates/${w.templateId}` }) },
  'POST /api/v1/templates': { access: 'admin', call: (w) => ({ path: `${V1}/templates`, body: { name: w.unique('tpl').replace(' ', '_'), defaultLanguage: 'en', text: 'Hi {{1}}' } }) },
  'PATCH /api/v1/templates/:id': { access: 'admin', call: (w) => ({ path: `${V1}/templates/${w.templateId}`, body: { text: `Your order {{1}} ships soon (${w.unique('v')}).` } }) },
  'DELETE /api/v1/templates/:id': { access: 'admin', call: (w) => ({ path: `${V1}/templates/${w.disposable.templateId}` }), allowed: [200, 204] },
  'POST /api/v1/templates/import': { access: 'admin', call: (w) => ({ path: `${V1}/templates/import`, body: { accountId: w.accountId, contentSids: ['HX' + 'f6'.repeat(16)] } }), allowed: [200, 502] },
  'GET /api/v1/labels': { access: 'user', call: at('/labels') },
  'POST /api/v1/labels': { access: 'admin', call: (w) => ({ path: `${V1}/labels`, body: { name: w.unique('Tag'), color: '#aa3300' } }) },
  'PATCH /api/v1/labels/:id': { access: 'admin', call: (w) => ({ path: `${V1}/labels/${w.labelId}`, body: { color: '#1f6feb' } }) },
  'DELETE /api/v1/labels/:id': { access: 'admin', call: async (w) => ({ path: `${V1}/labels/${await w.freshLabel()}` }) },
  'POST /api/v1/conversations/:id/labels': { access: 'conversation-read', allowed: [204], call: (w) => ({ path: `${conv(w.conversationId)}/labels`, body: { labelId: w.labelId } }) },
  'DELETE /api/v1/conversations/:id/labels/:labelId': { access: 'conversation-read', call: (w) => ({ path: `${conv(w.conversationId)}/labels/${w.labelId}` }) },
  'GET /api/v1/canned-responses': { access: 'user', call: at('/canned-responses') },
  'POST /api/v1/canned-responses': { access: 'supervisor', call: (w) => ({ path: `${V1}/canned-responses`, body: { shortcut: w.unique('s').replace(' ', ''), title: 'Thanks', body: 'Thank you!', scope: 'shared' } }) },
  'PATCH /api/v1/canned-responses/:id': { access: 'supervisor', call: (w) => ({ path: `${V1}/canned-responses/${w.cannedId}`, body: { title: w.unique('Hello') } }) },
  'DELETE /api/v1/canned-responses/:id': { access: 'supervisor', call: async (w) => ({ path: `${V1}/canned-responses/${await w.freshShared()}` }) },

  'GET /api/v1/queues': { access: 'user', call: at('/queues') },
  'GET /api/v1/queues/:id': { access: 'user', call: (w) => ({ path: `${V1}/queues/${w.queueId}` }) },
  'POST /api/v1/queues': { access: 'admin', call: (w) => ({ path: `${V1}/queues`, body: { name: w.unique('Queue') } }) },
  'PATCH /api/v1/queues/:id': { access: 'admin', call: (w) => ({ path: `${V1}/queues/${w.otherQueueId}`, body: { priority: 5 } }) },
  'GET /api/v1/queues/:id/impact': { access: 'admin', call: (w) => ({ path: `${V1}/queues/${w.queueId}/impact` }) },
  'DELETE /api/v1/queues/:id': { access: 'admin', call: (w) => ({ path: `${V1}/queues/${w.disposable.queueId}` }), allowed: [200] },
  'GET /api/v1/workstreams': { access: 'supervisor', call: at('/workstreams') },
  'GET /api/v1/workstreams/:id': { access: 'supervisor', call: (w) => ({ path: `${V1}/workstreams/${w.workstreamId}` }) },
  'POST /api/v1/workstreams': { access: 'admin', call: (w) => ({ path: `${V1}/workstreams`, body: { name: w.unique('Stream'), channel: 'whatsapp', mode: 'pick', fallbackQueueId: w.queueId } }) },
  'PATCH /api/v1/workstreams/:id': { access: 'admin', call: (w) => ({ path: `${V1}/workstreams/${w.workstreamId}`, body: { name: w.unique('WhatsApp') } }) },
  'GET /api/v1/workstreams/:id/impact': { access: 'admin', call: (w) => ({ path: `${V1}/workstreams/${w.workstreamId}/impact` }) },
  'DELETE /api/v1/workstreams/:id': { access: 'admin', call: (w) => ({ path: `${V1}/workstreams/${w.disposable.workstreamId}` }), allowed: [200] },
  'GET /api/v1/workstreams/:id/routing-rules': { access: 'supervisor', call: (w) => ({ path: `${V1}/workstreams/${w.workstreamId}/routing-rules` }) },
  'POST /api/v1/workstreams/:id/routing-rules': { access: 'admin', call: (w) => ({ path: `${V1}/workstreams/${w.workstreamId}/routing-rules`, body: { name: w.unique('Rule'), conditions: [], queueId: w.queueId } }) },
  'PATCH /api/v1/workstreams/:id/routing-rules/:ruleId': { access: 'admin', call: (w) => ({ path: `${V1}/workstreams/${w.workstreamId}/routing-rules/${w.ruleId}`, body: { name: w.unique('Everyone') } }) },
  'DELETE /api/v1/workstreams/:id/routing-rules/:ruleId': { access: 'admin', call: (w) => ({ path: `${V1}/workstreams/${w.workstreamId}/routing-rules/${w.disposable.ruleId}` }) },
  'GET /api/v1/workstreams/:id/classification-rulesets': { access: 'supervisor', call: (w) => ({ path: `${V1}/workstreams/${w.workstreamId}/classification-rulesets` }) },
  'POST /api/v1/workstreams/:id/classification-rulesets': { access: 'admin', call: (w) => ({ path: `${V1}/workstreams/${w.workstreamId}/classification-rulesets`, body: { name: w.unique('Set'), rules: [] } }) },
  'PATCH /api/v1/workstreams/:id/classification-rulesets/:rulesetId': { access: 'admin', call: (w) => ({ path: `${V1}/workstreams/${w.workstreamId}/classification-rulesets/${w.rulesetId}`, body: { name: w.unique('Default') } }) },
  'DELETE /api/v1/workstreams/:id/classification-rulesets/:rulesetId': { access: 'admin', call: (w) => ({ path: `${V1}/workstreams/${w.workstreamId}/classification-rulesets/${w.disposable.rulesetId}` }) },
  'POST /api/v1/workstreams/:id/routing/test': { access: 'supervisor', call: (w) => ({ path: `${V1}/workstreams/${w.workstreamId}/routing/test`, body: { customerPhone: '+15550100001', message: 'Hi' } }) },
  'GET /api/v1/workstreams/:id/behaviors': { access: 'supervisor', call: (w) => ({ path: `${V1}/workstreams/${w.workstreamId}/behaviors` }) },
  'PUT /api/v1/workstreams/:id/behaviors': { access: 'admin', call: (w) => ({ path: `${V1}/workstreams/${w.workstreamId}/behaviors`, body: { survey: { enabled: false } } }) },
  'GET /api/v1/automation/triggers': { access: 'supervisor', call: at('/automation/triggers') },
  'GET /api/v1/capacity-profiles': { access: 'supervisor', call: at('/capacity-profiles') },
  'POST /api/v1/capacity-profiles': { access: 'admin', call: (w) => ({ path: `${V1}/capacity-profiles`, body: { name: w.unique('Profile'), defaultMaxItems: 2 } }) },
  'GET /api/v1/capacity-profiles/:id/impact': { access: 'admin', call: (w) => ({ path: `${V1}/capacity-profiles/${w.profileId}/impact` }) },
  'DELETE /api/v1/capacity-profiles/:id': { access: 'admin', call: (w) => ({ path: `${V1}/capacity-profiles/${w.disposable.profileId}` }), allowed: [200] },

  'GET /api/v1/audit-log': { access: 'admin', call: at('/audit-log') },
  'GET /api/v1/retention': { access: 'admin', call: at('/retention') },
  'PUT /api/v1/retention': { access: 'admin', call: () => ({ path: `${V1}/retention`, body: { retentionDays: null } }) },
  'POST /api/v1/retention/purge': { access: 'admin', call: at('/retention/purge') },
  'GET /api/v1/transcripts': { access: 'supervisor', call: at('/transcripts') },
  'GET /api/v1/surveys/csat': { access: 'supervisor', call: at('/surveys/csat?by=agent') },
  'GET /api/v1/insights/live': { access: 'supervisor', call: at('/insights/live') },
  'GET /api/v1/insights/history': { access: 'supervisor', call: at(`/insights/history${HISTORY}`) },
  'GET /api/v1/insights/history.csv': { access: 'supervisor', call: at(`/insights/history.csv${HISTORY}`) },

  // The simulator (mounted in tests; SIMULATOR is off by default in production): its customer phone and console need a session.
  'GET /simulator/api/numbers': { access: 'user', call: sim('/numbers') },
  'POST /simulator/api/phone/messages': { access: 'user', call: (w) => ({ path: `${SIM}/phone/messages`, body: { from: w.simulator.customer, to: w.simulator.number, body: 'Hi from the matrix' } }) },
  'GET /simulator/api/phone/:phone/messages': { access: 'user', call: (w) => ({ path: `${SIM}/phone/${encodeURIComponent(w.simulator.customer)}/messages` }) },
  'POST /simulator/api/messages/:sid/read': { access: 'user', call: (w) => ({ path: `${SIM}/messages/${w.simulator.deliveredSid}/read` }) },
  // A plain GET (no upgrade) reaches no handler once signed in; without a session the upgrade is refused before it.
  'GET /simulator/api/live': { access: 'user', call: (w) => ({ path: `${SIM}/live?phone=${encodeURIComponent(w.simulator.customer)}` }), allowed: [400, 404] },
  'GET /simulator/api/settings': { access: 'user', call: sim('/settings') },
  'PUT /simulator/api/settings': { access: 'user', call: () => ({ path: `${SIM}/settings`, body: { autoRead: false } }) },
  'GET /simulator/api/accounts': { access: 'user', call: sim('/accounts') },
  'POST /simulator/api/accounts': { access: 'user', call: (w) => ({ path: `${SIM}/accounts`, body: { friendlyName: w.unique('Simulated') } }) },
  'PUT /simulator/api/numbers/:phoneNumber': { access: 'user', call: (w) => ({ path: `${SIM}/numbers/${encodeURIComponent(w.simulator.number)}`, body: { accountSid: w.simulator.accountSid, smsUrl: null } }) },
  'POST /simulator/api/content': { access: 'user', call: (w) => ({ path: `${SIM}/content`, body: { accountSid: w.simulator.accountSid, friendlyName: w.unique('content'), language: 'en', body: 'Hi {{1}}' } }) },

  'GET /simulator/twilio/2010-04-01/Accounts/:accountFile': twilio((w) => ({ path: `${w.simulator.twilio}.json` })),
  'GET /simulator/twilio/2010-04-01/Accounts/:AccountSid/Messages.json': twilio((w) => ({ path: `${w.simulator.twilio}/Messages.json` })),
  'POST /simulator/twilio/2010-04-01/Accounts/:AccountSid/Messages.json': twilio(
    (w) => ({ path: `${w.simulator.twilio}/Messages.json`, body: { To: `whatsapp:${w.simulator.customer}`, From: `whatsapp:${w.simulator.number}`, Body: 'Hello from the matrix' } }),
    [201],
  ),
  'GET /simulator/twilio/2010-04-01/Accounts/:AccountSid/Messages/:messageFile': twilio((w) => ({ path: `${w.simulator.twilio}/Messages/${w.simulator.deliveredSid}.json` })),
  'GET /simulator/twilio/2010-04-01/Accounts/:AccountSid/Messages/:MessageSid/Media/:mediaFile': twilio((w) => ({ path: `${w.simulator.twilio}/Messages/${w.simulator.imageSid}/Media/${w.simulator.mediaSid}.json` })),
  'GET /simulator/twilio/v1/Content': twilio(() => ({ path: '/simulator/twilio/v1/Content' })),
  'POST /simulator/twilio/v1/Content': twilio((w) => ({ path: '/simulator/twilio/v1/Content', body: { friendly_name: w.unique('content'), language: 'en', types: { 'twilio/text': { body: 'Hi' } } } }), [200, 201]),
  'GET /simulator/twilio/v1/Content/:Sid': twilio((w) => ({ path: `/simulator/twilio/v1/Content/${w.simulator.contentSid}` })),
  'DELETE /simulator/twilio/v1/Content/:Sid': twilio((w) => ({ path: `/simulator/twilio/v1/Content/${w.simulator.disposableContentSid}` }), [204]),
  'GET /simulator/twilio/v1/Content/:Sid/ApprovalRequests': twilio((w) => ({ path: `/simulator/twilio/v1/Content/${w.simulator.contentSid}/ApprovalRequests` })),
  'POST /simulator/twilio/2010-04-01/Accounts/:AccountSid/Messages/:messageFile': twilio((w) => ({ path: `${w.simulator.twilio}/Messages/${w.simulator.deliveredSid}.json`, body: { Body: '' } })),
  'GET /simulator/twilio/2010-04-01/Accounts/:AccountSid/Messages/:MessageSid/Media.json': twilio((w) => ({ path: `${w.simulator.twilio}/Messages/${w.simulator.imageSid}/Media.json` })),
  // Any other path answers Twilio's JSON 404 (20404) to its account, and 401 (20003) to anyone else.
  'GET /simulator/twilio/*': twilio((w) => ({ path: `${w.simulator.twilio}/Nothing.json` }), [404]),
  'POST /simulator/twilio/*': twilio((w) => ({ path: `${w.simulator.twilio}/Nothing.json`, body: {} }), [404]),
  'DELETE /simulator/twilio/*': twilio((w) => ({ path: `${w.simulator.twilio}/Nothing.json` }), [404]),
  'GET /simulator/cdn/:mediaSid': { access: 'signed-link', call: (w) => ({ path: `/simulator/cdn/${w.simulator.mediaSid}` }), credentialed: (w) => ({ path: w.simulator.signedMediaPath() }) },
  // Last: it deletes the image's file, which the entries before it read.
  'DELETE /simulator/twilio/2010-04-01/Accounts/:AccountSid/Messages/:MessageSid/Media/:mediaFile': twilio((w) => ({ path: `${w.simulator.twilio}/Messages/${w.simulator.imageSid}/Media/${w.simulator.mediaSid}.json` }), [204]),
};
