/** sessionStorage key of the conversation a tab takes part in (`{ conversationId, lastSeq }`), per Balie origin. */
export function conversationStorageKey(base: string): string {
  return `balie.chat:${base}`;
}

/** Whether this tab has a conversation to resume (read by the launcher without loading the chat code). */
export function hasStoredConversation(base: string): boolean {
  try {
    return sessionStorage.getItem(conversationStorageKey(base)) !== null;
  } catch {
    return false;
  }
}
