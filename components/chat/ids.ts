/** Element ids that focus moves to across the chat's components (after a change, after Undo). */

/** A message's article (it takes focus: tabIndex -1); its buttons' ids start with it. */
export const messageId = (conversationId: string, key: string) => `${conversationId}-message-${key}`;
/** The "Previous answer" button of the answers kept at entry `at`. */
export const pagerId = (conversationId: string, at: number) => `${conversationId}-answers-${at}`;
/** The Undo button of the notice of the last change. */
export const UNDO_BUTTON_ID = 'undo-last-change';

/** Focus `id` once React has shown what the change made (the button it was on may be gone). */
export function focusSoon(id: string): void {
  requestAnimationFrame(() => document.getElementById(id)?.focus());
}
