import type { AppContext } from '../context.js';
import type { SessionUser } from '../auth/sessions.js';
import { createCannedResponse } from '../canned-responses/manage-canned-responses.js';

/** The demo team's shared quick replies, typed as "/shortcut" in the composer. */
const DEMO_QUICK_REPLIES = [
  { shortcut: 'greet', title: 'Greeting', body: 'Hello {CustomerName}, this is {AgentName}. How can I help you today?', language: 'en' },
  { shortcut: 'order', title: 'Ask for the order number', body: 'Could you share your order number, please?', language: 'en' },
  { shortcut: 'moment', title: 'Checking now', body: 'Thank you for your patience, {CustomerName}. I am checking this for you now.', language: 'en' },
  { shortcut: 'hours', title: 'Opening hours', body: 'Our team is available Monday to Friday, 9:00 to 18:00.', language: 'en' },
  { shortcut: 'bye', title: 'Goodbye', body: 'Thanks for contacting us, {CustomerName}. Have a great day!', language: 'en' },
  { shortcut: 'greet-ko', title: '인사', body: '안녕하세요 {CustomerName}님, 상담원 {AgentName}입니다. 무엇을 도와드릴까요?', language: 'ko' },
];

export async function seedDemoQuickReplies(ctx: AppContext, admin: SessionUser): Promise<void> {
  for (const reply of DEMO_QUICK_REPLIES) await createCannedResponse(ctx, admin, { ...reply, scope: 'shared' });
}
