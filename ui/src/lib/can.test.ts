import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { describe, expect, it } from 'vitest'
import { defineComponent } from 'vue'

import { vCan } from './can'
import { useSession, type Me } from './session'

const Page = defineComponent({
  directives: { can: vCan },
  template: `<div><button v-can="'write'">Add instance</button><button v-can="'users'">Add user</button><span>Read</span></div>`,
})

function me(role: Me['role'], permissions: string[]): Me {
  return { username: 'u', role, permissions, method: 'session', auth_enabled: true, csrf_token: null }
}

describe('v-can', () => {
  it('hides what the role may not do and shows it again when the role changes', async () => {
    const pinia = createPinia()
    setActivePinia(pinia)
    const session = useSession()
    session.me = me('viewer', ['read'])
    const wrapper = mount(Page, { global: { plugins: [pinia] } })
    const [write, users] = wrapper.findAll('button')

    expect(write!.element.style.display).toBe('none')
    expect(users!.element.style.display).toBe('none')

    session.me = me('operator', ['read', 'write'])
    await flushPromises()
    expect(write!.element.style.display).toBe('')
    expect(users!.element.style.display).toBe('none')
  })

  it('shows everything while nobody is known yet (the API still refuses)', () => {
    const pinia = createPinia()
    setActivePinia(pinia)
    const wrapper = mount(Page, { global: { plugins: [pinia] } })

    expect(wrapper.findAll('button').map((b) => b.element.style.display)).toEqual(['', ''])
  })
})
