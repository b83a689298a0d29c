import { flushPromises } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import { mountApp, type Mounted } from '@/test/mountApp'

import DownloadBackup from './DownloadBackup.vue'

describe('DownloadBackup', () => {
  let fetchMock: ReturnType<typeof vi.fn<typeof fetch>>
  let mounted: Mounted | undefined
  const createObjectURL = vi.fn((_: Blob) => 'blob:backup')

  beforeEach(() => {
    fetchMock = vi.fn<typeof fetch>()
    vi.stubGlobal('fetch', fetchMock)
    URL.createObjectURL = createObjectURL as unknown as typeof URL.createObjectURL
    URL.revokeObjectURL = vi.fn()
  })
  afterEach(() => {
    mounted?.wrapper.unmount()
    mounted = undefined
    createObjectURL.mockClear()
  })

  it('asks for a passphrase of at least 12 characters, twice the same, before asking the server', async () => {
    mounted = await mountApp(DownloadBackup)
    const w = mounted.wrapper
    await w.get('#backup-passphrase').setValue('short')
    await w.get('form').trigger('submit')
    expect(w.text()).toContain('At least 12 characters.')

    await w.get('#backup-passphrase').setValue('long enough passphrase')
    await w.get('#backup-passphrase-repeated').setValue('another passphrase!')
    await w.get('form').trigger('submit')
    expect(w.text()).toContain('The two passphrases differ.')
    expect(fetchMock).not.toHaveBeenCalled()
  })

  it('sends the passphrase in the body, never in the URL, and saves the archive it gets', async () => {
    fetchMock.mockResolvedValueOnce(
      new Response('PK zip bytes', { status: 200, headers: { 'Content-Type': 'application/zip' } }),
    )
    mounted = await mountApp(DownloadBackup)
    const w = mounted.wrapper
    await w.get('#backup-passphrase').setValue('correct horse battery')
    await w.get('#backup-passphrase-repeated').setValue('correct horse battery')
    await w.get('form').trigger('submit')
    await flushPromises()

    const [url, init] = fetchMock.mock.calls[0]!
    expect(String(url)).toBe('/api/backup')
    expect(init?.method).toBe('POST')
    expect(JSON.parse(String(init?.body))).toEqual({ passphrase: 'correct horse battery' })
    expect(createObjectURL).toHaveBeenCalledTimes(1)
    expect(createObjectURL.mock.calls[0]![0].size).toBe('PK zip bytes'.length)
    expect(w.get<HTMLInputElement>('#backup-passphrase').element.value).toBe('')
  })

  it('shows the server refusing the passphrase next to the field', async () => {
    fetchMock.mockResolvedValueOnce(
      new Response(
        JSON.stringify({ status: 422, title: 'Invalid request', detail: 'passphrase: too weak', errors: [{ field: 'passphrase', message: 'too weak' }] }),
        { status: 422, headers: { 'Content-Type': 'application/problem+json' } },
      ),
    )
    mounted = await mountApp(DownloadBackup)
    const w = mounted.wrapper
    await w.get('#backup-passphrase').setValue('correct horse battery')
    await w.get('#backup-passphrase-repeated').setValue('correct horse battery')
    await w.get('form').trigger('submit')
    await flushPromises()
    expect(w.text()).toContain('too weak')
    expect(createObjectURL).not.toHaveBeenCalled()
  })
})
