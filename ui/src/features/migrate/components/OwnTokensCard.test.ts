import { flushPromises } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import { useConfirm } from '@/lib/confirm'
import { mountApp, type Mounted } from '@/test/mountApp'

import OwnTokensCard from './OwnTokensCard.vue'

function answer(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' },
  })
}

describe('OwnTokensCard', () => {
  let fetchMock: ReturnType<typeof vi.fn<typeof fetch>>
  let mounted: Mounted | undefined

  beforeEach(() => {
    fetchMock = vi.fn<typeof fetch>()
    vi.stubGlobal('fetch', fetchMock)
  })
  afterEach(() => {
    mounted?.wrapper.unmount()
    mounted = undefined
  })

  it('lists the mirrors with their own tokens and moves them all to group tokens in one batch', async () => {
    fetchMock.mockResolvedValueOnce(
      answer({
        total: 40,
        mirrors: [
          { mirror_id: 11, source_project_path: 'platform/core/proj-0001', target_project_path: 'platform/core/proj-0001', token_name: 'mirror-maestro-1', token_expires_at: '2027-12-07' },
        ],
      }),
    )
    mounted = await mountApp(OwnTokensCard)
    await flushPromises()
    const w = mounted.wrapper
    expect(String(fetchMock.mock.calls[0]![0])).toBe('/api/migrate/original/own-tokens')
    expect(w.text()).toContain('40 mirrors moved over from the original still use')
    expect(w.get('tbody a').attributes('href')).toBe('/mirrors/11')
    expect(w.text()).toContain('2027-12-07')

    fetchMock.mockResolvedValueOnce(answer({ status: 'accepted', batch_id: 'b-1', total: 40 }, 202))
    await w.get('button').trigger('click')
    expect(useConfirm().pending?.title).toBe('Move 40 mirrors to group tokens?')
    useConfirm().answer(true)
    await flushPromises()

    const [url, init] = fetchMock.mock.calls[1]!
    expect(String(url)).toBe('/api/migrate/original/group-tokens')
    expect(init?.method).toBe('POST')
    expect(w.get('.own-tokens__batch a').attributes('href')).toBe('/batches/b-1')
  })

  it('says so when every mirror uses group tokens', async () => {
    fetchMock.mockResolvedValueOnce(answer({ total: 0, mirrors: [] }))
    mounted = await mountApp(OwnTokensCard)
    await flushPromises()
    expect(mounted.wrapper.text()).toContain('Every mirror uses group tokens.')
    expect(mounted.wrapper.find('button').exists()).toBe(false)
  })
})
