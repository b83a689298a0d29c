import { flushPromises } from '@vue/test-utils'

/** The form control a `<label>` with exactly this text names (by `for`, or the input inside it). */
export function control(label: string): HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement {
  const element = [...document.querySelectorAll('label')].find((l) => l.textContent?.trim() === label)
  if (!element) throw new Error(`no label ${label}`)
  const target = element.htmlFor ? document.getElementById(element.htmlFor) : element.querySelector('input')
  if (!target) throw new Error(`no control for ${label}`)
  return target as HTMLInputElement
}

/** Types into (or picks in a select) the control named `label`, as a user would. */
export async function set(label: string, value: string): Promise<void> {
  const input = control(label)
  input.value = value
  input.dispatchEvent(new Event(input instanceof HTMLSelectElement ? 'change' : 'input'))
  await flushPromises()
}

/** The button whose text is exactly `text`. */
export function button(text: string): HTMLButtonElement {
  const found = [...document.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent?.trim() === text)
  if (!found) throw new Error(`no button ${text}`)
  return found
}

/** The error a FormField shows under the control named `label` (via its aria-describedby), or null. */
export function errorUnder(label: string): string | null {
  const ids = control(label).getAttribute('aria-describedby')?.split(' ') ?? []
  const error = ids.map((id) => document.getElementById(id)).find((el) => el?.classList.contains('field__error'))
  return error?.textContent ?? null
}
