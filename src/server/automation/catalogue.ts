/**
 * The automated messages Switchboard can send for a business, each with its default text in
 * English, Korean and Spanish. Admins turn each one off or rewrite it per workstream and language.
 */
export const TRIGGERS = [
  'greeting',
  'queue-position',
  'agent-assigned',
  'agent-ended',
  'transfer-started',
  'transfer-done',
  'out-of-hours',
  'holiday',
  'no-agent-available',
  'attachment-not-allowed',
  'file-too-big',
  'unsupported-message-type',
  'window-closed',
  'closed-for-inactivity',
  'survey-question',
  'survey-link',
  'survey-thanks',
  'help',
] as const;
export type Trigger = (typeof TRIGGERS)[number];

export const LANGUAGES = ['en', 'ko', 'es'] as const;

export type TriggerDefinition = {
  trigger: Trigger;
  /** The customer gets it in WhatsApp; the agent sees it on the timeline only. */
  audience: 'customer' | 'agent';
  /** Speaks at most once per conversation, however many messages cause it. */
  oncePerConversation: boolean;
  enabledByDefault: boolean;
  placeholders: string[];
  description: string;
  defaults: Record<(typeof LANGUAGES)[number], string>;
};

const t = (d: TriggerDefinition) => d;

export const CATALOGUE: Record<Trigger, TriggerDefinition> = {
  greeting: t({
    trigger: 'greeting', audience: 'customer', oncePerConversation: true, enabledByDefault: false, placeholders: [],
    description: 'A new conversation starts.',
    defaults: {
      en: 'Hello! Thanks for writing to us. We will be with you shortly.',
      ko: '안녕하세요! 문의해 주셔서 감사합니다. 곧 도와드리겠습니다.',
      es: '¡Hola! Gracias por escribirnos. En breve te atenderemos.',
    },
  }),
  'queue-position': t({
    trigger: 'queue-position', audience: 'customer', oncePerConversation: true, enabledByDefault: false, placeholders: ['Position', 'QueueName'],
    description: 'The customer waits in a queue: their position in it.',
    defaults: {
      en: 'You are number {Position} in the queue. An agent will answer as soon as possible.',
      ko: '현재 대기 순서는 {Position}번입니다. 상담원이 곧 응답해 드리겠습니다.',
      es: 'Eres el número {Position} en la fila. Un agente te responderá lo antes posible.',
    },
  }),
  'agent-assigned': t({
    trigger: 'agent-assigned', audience: 'customer', oncePerConversation: false, enabledByDefault: false, placeholders: ['AgentName'],
    description: 'An agent takes the conversation.',
    defaults: {
      en: '{AgentName} is now helping you.',
      ko: '{AgentName} 상담원이 도와드리겠습니다.',
      es: '{AgentName} te está atendiendo ahora.',
    },
  }),
  'agent-ended': t({
    trigger: 'agent-ended', audience: 'customer', oncePerConversation: false, enabledByDefault: false, placeholders: ['AgentName'],
    description: 'The agent ends the conversation.',
    defaults: {
      en: 'Thanks for contacting us. This conversation has ended; write again any time.',
      ko: '문의해 주셔서 감사합니다. 상담이 종료되었습니다. 언제든지 다시 문의해 주세요.',
      es: 'Gracias por contactarnos. Esta conversación ha terminado; escríbenos cuando quieras.',
    },
  }),
  'transfer-started': t({
    trigger: 'transfer-started', audience: 'customer', oncePerConversation: false, enabledByDefault: false, placeholders: ['QueueName'],
    description: 'The conversation is being transferred.',
    defaults: {
      en: 'We are transferring you to {QueueName}. Please stay with us.',
      ko: '{QueueName}(으)로 연결해 드리고 있습니다. 잠시만 기다려 주세요.',
      es: 'Te estamos transfiriendo a {QueueName}. Por favor, espera un momento.',
    },
  }),
  'transfer-done': t({
    trigger: 'transfer-done', audience: 'customer', oncePerConversation: false, enabledByDefault: false, placeholders: ['AgentName', 'QueueName'],
    description: 'A transferred conversation reaches its new agent.',
    defaults: {
      en: 'You are now connected with {AgentName}.',
      ko: '{AgentName} 상담원과 연결되었습니다.',
      es: 'Ahora estás conectado con {AgentName}.',
    },
  }),
  'out-of-hours': t({
    trigger: 'out-of-hours', audience: 'customer', oncePerConversation: true, enabledByDefault: true, placeholders: ['NextOpening', 'QueueName'],
    description: 'A message arrives outside operating hours (once per conversation).',
    defaults: {
      en: 'We are closed right now. We open again {NextOpening} and will answer you then.',
      ko: '지금은 운영 시간이 아닙니다. {NextOpening}에 다시 열며 그때 답변해 드리겠습니다.',
      es: 'Ahora estamos cerrados. Volvemos a abrir {NextOpening} y te responderemos entonces.',
    },
  }),
  holiday: t({
    trigger: 'holiday', audience: 'customer', oncePerConversation: true, enabledByDefault: true, placeholders: ['NextOpening', 'QueueName'],
    description: 'A message arrives on a holiday (once per conversation).',
    defaults: {
      en: 'We are closed today for a holiday. We open again {NextOpening} and will answer you then.',
      ko: '오늘은 휴무일입니다. {NextOpening}에 다시 열며 그때 답변해 드리겠습니다.',
      es: 'Hoy estamos cerrados por festivo. Volvemos a abrir {NextOpening} y te responderemos entonces.',
    },
  }),
  'no-agent-available': t({
    trigger: 'no-agent-available', audience: 'customer', oncePerConversation: true, enabledByDefault: true, placeholders: ['QueueName'],
    description: 'Overflow ends the conversation: no agent can take it.',
    defaults: {
      en: 'Sorry, no agent is available right now. Please write to us again later.',
      ko: '죄송합니다. 지금은 응대 가능한 상담원이 없습니다. 나중에 다시 문의해 주세요.',
      es: 'Lo sentimos, ahora no hay ningún agente disponible. Por favor, escríbenos más tarde.',
    },
  }),
  'attachment-not-allowed': t({
    trigger: 'attachment-not-allowed', audience: 'customer', oncePerConversation: false, enabledByDefault: true, placeholders: [],
    description: 'The customer sends an attachment where attachments are turned off.',
    defaults: {
      en: 'Sorry, we cannot receive attachments in this chat. Please describe it in a message instead.',
      ko: '죄송합니다. 이 채팅에서는 첨부 파일을 받을 수 없습니다. 내용을 메시지로 설명해 주세요.',
      es: 'Lo sentimos, no podemos recibir archivos adjuntos en este chat. Descríbelo en un mensaje.',
    },
  }),
  'file-too-big': t({
    trigger: 'file-too-big', audience: 'customer', oncePerConversation: false, enabledByDefault: true, placeholders: [],
    description: "The customer's file is larger than WhatsApp allows (16 MB, images 5 MB).",
    defaults: {
      en: 'Sorry, that file is too big for us to receive. Please send a smaller one.',
      ko: '죄송합니다. 파일이 너무 커서 받을 수 없습니다. 더 작은 파일을 보내 주세요.',
      es: 'Lo sentimos, ese archivo es demasiado grande. Por favor, envía uno más pequeño.',
    },
  }),
  'unsupported-message-type': t({
    trigger: 'unsupported-message-type', audience: 'customer', oncePerConversation: false, enabledByDefault: true, placeholders: [],
    description: 'The customer sends a kind of message Switchboard cannot show (e.g. a sticker or a poll).',
    defaults: {
      en: 'Sorry, we cannot read this type of message. Please send text, a photo or a document.',
      ko: '죄송합니다. 이 형식의 메시지는 읽을 수 없습니다. 텍스트, 사진 또는 문서를 보내 주세요.',
      es: 'Lo sentimos, no podemos leer este tipo de mensaje. Envía texto, una foto o un documento.',
    },
  }),
  'window-closed': t({
    trigger: 'window-closed', audience: 'agent', oncePerConversation: false, enabledByDefault: true, placeholders: [],
    description: "To the agent: a message could not be sent because the channel's customer-service window is closed.",
    defaults: {
      en: 'A message could not be sent: the customer-service window is closed (the customer has not written recently). Send an approved template.',
      ko: '메시지를 보낼 수 없습니다. 고객이 최근에 메시지를 보내지 않아 고객 서비스 창이 닫혔습니다. 승인된 템플릿을 보내세요.',
      es: 'No se pudo enviar un mensaje: la ventana de atención al cliente está cerrada (el cliente no ha escrito recientemente). Envía una plantilla aprobada.',
    },
  }),
  'closed-for-inactivity': t({
    trigger: 'closed-for-inactivity', audience: 'customer', oncePerConversation: true, enabledByDefault: true, placeholders: [],
    description: 'The conversation is closed after a period without activity.',
    defaults: {
      en: 'We closed this conversation because it has been quiet for a while. Write again any time.',
      ko: '한동안 응답이 없어 상담을 종료했습니다. 언제든지 다시 문의해 주세요.',
      es: 'Cerramos esta conversación por inactividad. Escríbenos de nuevo cuando quieras.',
    },
  }),
  'survey-question': t({
    trigger: 'survey-question', audience: 'customer', oncePerConversation: true, enabledByDefault: true, placeholders: [],
    description: 'The survey asked in WhatsApp (sent when the survey is on).',
    defaults: {
      en: 'How did we do? Reply with a number from 1 (bad) to 5 (great), and a comment if you like.',
      ko: '상담은 어떠셨나요? 1(나쁨)부터 5(매우 좋음)까지 숫자로 답해 주시고, 원하시면 의견도 남겨 주세요.',
      es: '¿Qué tal lo hicimos? Responde con un número del 1 (mal) al 5 (excelente) y, si quieres, un comentario.',
    },
  }),
  'survey-link': t({
    trigger: 'survey-link', audience: 'customer', oncePerConversation: true, enabledByDefault: true, placeholders: ['SurveyLink'],
    description: 'The survey sent as a link (sent when the survey is on).',
    defaults: {
      en: 'How did we do? Tell us in one minute: {SurveyLink}',
      ko: '상담은 어떠셨나요? 1분만 시간을 내어 알려 주세요: {SurveyLink}',
      es: '¿Qué tal lo hicimos? Cuéntanos en un minuto: {SurveyLink}',
    },
  }),
  'survey-thanks': t({
    trigger: 'survey-thanks', audience: 'customer', oncePerConversation: true, enabledByDefault: true, placeholders: [],
    description: 'Thanks for a survey answer given in WhatsApp.',
    defaults: {
      en: 'Thank you for your feedback!',
      ko: '소중한 의견 감사합니다!',
      es: '¡Gracias por tu opinión!',
    },
  }),
  help: t({
    trigger: 'help', audience: 'customer', oncePerConversation: false, enabledByDefault: true, placeholders: [],
    description: 'The customer sent HELP or INFO (carriers require an answer on SMS).',
    defaults: {
      en: 'You are writing to our customer service; an agent will answer here. Reply STOP to stop receiving messages, START to receive them again.',
      ko: '고객센터에 문의 중입니다. 상담원이 이곳에서 답변해 드립니다. 수신을 원하지 않으시면 STOP, 다시 받으시려면 START를 보내 주세요.',
      es: 'Estás escribiendo a nuestro servicio de atención al cliente; un agente te responderá aquí. Responde STOP para dejar de recibir mensajes y START para volver a recibirlos.',
    },
  }),
};
