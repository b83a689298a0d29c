import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'

import ConfirmHost from '@/components/ConfirmHost.vue'
import { mountApp } from '@/test/mountApp'

import { useConfirm } from './confirm'

describe('confirmation dialogs', () => {
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('shows what will be removed and resolves with the answer; Esc cancels', async () => {
    const { wrapper } = await mountApp(ConfirmHost, { attachTo: document.body })
    const confirm = useConfirm()

    const answer = confirm.ask({
      title: 'Delete pair prod-to-backup?',
      message: 'This cannot be undone.',
      details: ['12 mirrors', '2 group defaults'],
      confirmLabel: 'Delete pair',
      danger: true,
    })
    await flushPromises()
    const dialog = document.querySelector('[role="dialog"]')!
    expect(dialog.textContent).toContain('Delete pair prod-to-backup?')
    expect(dialog.textContent).toContain('12 mirrors')
    const buttons = [...dialog.querySelectorAll('button')]
    buttons.find((b) => b.textContent?.trim() === 'Delete pair')!.click()
    await expect(answer).resolves.toBe(true)

    const second = confirm.ask({ title: 'Disable 3 mirrors?', message: 'ok?' })
    await flushPromises()
    document.querySelector('[role="dialog"]')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }))
    await flushPromises()
    await expect(second).resolves.toBe(false)
    wrapper.unmount()
  })
})
