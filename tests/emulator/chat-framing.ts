/** Prompt tokens the emulator adds for one user message: 3 around the message, 3 to prime the reply. */
export const CHAT_FRAMING = 6;
