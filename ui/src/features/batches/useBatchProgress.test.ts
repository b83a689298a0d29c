import { flushPromises } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h, ref } from 'vue'

import { useConfirm } from '@/lib/confirm'
import { jsonResponse } from '@/test/fakeStomp'
import { mountApp, type Mounted } from '@/test/mountApp'

import { summary } from './testFixtures'
import { useBatchProgress, type BatchProgress } from './useBatchProgress'

describe('useBatchProgress', () => {
  let fetchMock: ReturnType<typeof vi.fn<typeof fetch>>
  let mounted: Mounted | undefined
  let progress: BatchProgress
  const batchId = ref<string | null>('b-1')

  const Probe = defineComponent({
    setup() {
      progress = useBatchProgress(batchId)
      return () => h('p', `${progress.status.value} ${progress.percent.value}`)
    },
  })

  beforeEach(() => {
    batchId.value = 'b-1'
    fetchMock = vi.fn<typeof fetch>()
    vi.stubGlobal('fetch', fetchMock)
  })
  afterEach(() => {
    mounted?.wrapper.unmount()
    mounted = undefined
  })

  async function start(first = summary({ sequence: 5, pending: 5, succeeded: 5 })) {
    fetchMock.mockResolvedValueOnce(jsonResponse({ batch: first, lines: [] }))
    mounted = await mountApp(Probe)
    await flushPromises()
    const client = mounted.clients[0]!
    client.connect()
    await flushPromises()
    return client
  }

  it('fetches the counters alone, then applies pushed frames in sequence order only', async () => {
    const client = await start()
    expect(fetchMock.mock.calls[0]![0]).toBe('/api/batches/b-1?lines_page_size=0')
    expect(progress.batch.value?.sequence).toBe(5)
    expect(progress.percent.value).toBe(50)

    client.deliver('/topic/batches/b-1', summary({ sequence: 4, pending: 8, succeeded: 2 }))
    expect(progress.batch.value?.sequence).toBe(5)
    client.deliver('/topic/batches/b-1', summary({ sequence: 7, pending: 1, succeeded: 8, failed: 1 }))
    client.deliver('/topic/batches/b-1', summary({ sequence: 6, pending: 3, succeeded: 7 }))
    expect(progress.counters.value).toMatchObject({ pending: 1, succeeded: 8, failed: 1 })
    expect(progress.percent.value).toBe(90)
    expect(progress.done.value).toBe(false)

    client.deliver('/topic/batches/b-1', summary({ sequence: 8, status: 'completed', pending: 0, succeeded: 9, failed: 1 }))
    await flushPromises()
    expect(progress.done.value).toBe(true)
    expect(mounted!.wrapper.text()).toBe('completed 100')
  })

  it('catches up over REST after a reconnect, keeping a newer pushed state', async () => {
    const client = await start()
    client.deliver('/topic/batches/b-1', summary({ sequence: 9, pending: 2, succeeded: 8 }))
    client.dropSocket()
    fetchMock.mockResolvedValueOnce(jsonResponse({ batch: summary({ sequence: 12, pending: 0, succeeded: 10 }), lines: [] }))
    client.connect()
    await flushPromises()
    expect(fetchMock).toHaveBeenCalledTimes(2)
    expect(progress.batch.value?.sequence).toBe(12)
    expect([...client.subscriptions.keys()]).toContain('/topic/batches/b-1')
  })

  it('follows a new batch id and unsubscribes from the old one', async () => {
    const client = await start()
    fetchMock.mockResolvedValueOnce(jsonResponse({ batch: summary({ batch_id: 'b-2', sequence: 1 }), lines: [] }))
    batchId.value = 'b-2'
    await flushPromises()
    expect([...client.subscriptions.keys()]).toEqual(['/topic/batches/b-2'])
    expect(progress.batch.value?.batch_id).toBe('b-2')
  })

  it('cancels after confirmation and applies the answer; does nothing when the user declines', async () => {
    await start()
    const confirm = useConfirm()

    const declined = progress.cancel({ noun: 'import' })
    await flushPromises()
    expect(confirm.pending?.title).toBe('Cancel this import?')
    confirm.answer(false)
    expect(await declined).toBe(false)
    expect(fetchMock).toHaveBeenCalledTimes(1)

    fetchMock.mockResolvedValueOnce(jsonResponse(summary({ sequence: 6, status: 'cancelling', pending: 5, succeeded: 5 })))
    const accepted = progress.cancel({ noun: 'import' })
    await flushPromises()
    confirm.answer(true)
    expect(await accepted).toBe(true)
    const [url, init] = fetchMock.mock.calls[1]!
    expect(url).toBe('/api/batches/b-1/cancel')
    expect(init?.method).toBe('POST')
    expect(progress.status.value).toBe('cancelling')
  })
})
