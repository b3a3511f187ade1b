/** When the agent last looked at each conversation, kept in this browser (for unread counts). */
const MAX_ENTRIES = 500;
const keyFor = (userId: string) => `switchboard.seen.${userId}`;

export function readSeen(userId: string): Record<string, string> {
  try {
    return JSON.parse(localStorage.getItem(keyFor(userId)) ?? '{}') as Record<string, string>;
  } catch {
    return {};
  }
}

export function markSeen(userId: string, conversationId: string, at = new Date().toISOString()): void {
  const seen = readSeen(userId);
  seen[conversationId] = at;
  const newestFirst = Object.entries(seen).sort((a, b) => b[1].localeCompare(a[1])).slice(0, MAX_ENTRIES);
  try {
    localStorage.setItem(keyFor(userId), JSON.stringify(Object.fromEntries(newestFirst)));
  } catch {
    /* storage full or disabled: unread counts just reset */
  }
}
