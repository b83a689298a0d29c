/** Whether a key press goes to something the user types into (then `/` is just a character). */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  if (target.isContentEditable) return true
  const tag = target.tagName
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true
  if (tag === 'INPUT') {
    const type = (target as HTMLInputElement).type
    return !['button', 'checkbox', 'radio', 'submit', 'reset', 'range', 'color', 'file', 'image'].includes(type)
  }
  return target.closest('[contenteditable="true"], [role="textbox"], [role="combobox"]') !== null
}

/** The `/` shortcut: a bare slash typed outside any input. */
export function isSearchShortcut(event: KeyboardEvent): boolean {
  return event.key === '/' && !event.ctrlKey && !event.metaKey && !event.altKey && !event.defaultPrevented && !isTypingTarget(event.target)
}
