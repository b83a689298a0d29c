import { flushPromises, mount } from '@vue/test-utils'
import { defineComponent, h } from 'vue'
import { createMemoryHistory, createRouter } from 'vue-router'
import { describe, expect, it } from 'vitest'

import { param, readQuery, useQueryState, writeQuery, type Params } from './urlState'

interface State {
  page: number
  search: string
  enabled: boolean | null
  ids: number[]
}

const params: Params<State> = {
  page: param.int(1, 1),
  search: param.string(),
  enabled: param.tristate(),
  ids: param.ids(),
}

describe('URL state', () => {
  it('round-trips a state through the query, leaving defaults out', () => {
    const state: State = { page: 3, search: 'platform/core', enabled: false, ids: [4, 9] }
    const query = writeQuery(state, params)
    expect(query).toEqual({ page: '3', search: 'platform/core', enabled: 'false', ids: '4,9' })
    expect(readQuery(query as Record<string, string>, params)).toEqual(state)
    expect(writeQuery<State>({ page: 1, search: '', enabled: null, ids: [] }, params)).toEqual({})
  })

  it('reads garbage as the defaults and clamps numbers', () => {
    expect(readQuery({ page: 'x', enabled: 'maybe', ids: '1,a,3' }, params)).toEqual({
      page: 1,
      search: '',
      enabled: null,
      ids: [1, 3],
    })
    expect(readQuery({ page: '-4' }, params).page).toBe(1)
  })

  it('pushes history for filters so back restores the view, and replaces for typing', async () => {
    const router = createRouter({
      history: createMemoryHistory(),
      routes: [{ path: '/mirrors', component: { render: () => null } }],
    })
    await router.push('/mirrors?other=kept')
    let state!: ReturnType<typeof useQueryState<State>>
    const Probe = defineComponent({
      setup() {
        state = useQueryState(params, { replace: ['search'] })
        return () => h('span', String(state.page.value))
      },
    })
    mount(Probe, { global: { plugins: [router] } })

    state.page.value = 2
    await flushPromises()
    expect(router.currentRoute.value.fullPath).toBe('/mirrors?other=kept&page=2')
    state.search.value = 'api'
    await flushPromises()
    expect(router.currentRoute.value.query).toEqual({ other: 'kept', page: '2', search: 'api' })

    router.back()
    await flushPromises()
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(router.currentRoute.value.query).toEqual({ other: 'kept' })
    expect(state.page.value).toBe(1)
  })
})
