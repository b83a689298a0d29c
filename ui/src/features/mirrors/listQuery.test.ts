import { describe, expect, it } from 'vitest'

import { readQuery, writeQuery } from '@/lib/urlState'

import { batchSelector, filterPatch, inexpressibleFilters, listParams, toApiParams, type ListState } from './listQuery'

const defaults = readQuery({}, listParams)

describe('list query state', () => {
  it('restores the view from a shared URL and asks the API for exactly that page', () => {
    const state = readQuery({ instance_pair_id: '1', status: 'failed', page: '2' }, listParams)
    expect(toApiParams(state)).toEqual({
      instance_pair_id: 1,
      status: 'failed',
      group_path: undefined,
      search: undefined,
      enabled: undefined,
      token_status: undefined,
      order_by: 'id',
      order_dir: 'asc',
      page: 2,
      page_size: 50,
    })
  })

  it('round-trips every field through the query string', () => {
    const state: ListState = {
      instance_pair_id: 3,
      status: 'to_retry',
      group_path: 'platform/core',
      search: 'api gateway',
      enabled: false,
      token_status: 'expiring_soon',
      order_by: 'last_successful_update',
      order_dir: 'desc',
      page: 7,
      page_size: 200,
      selected: [4, 9, 12],
      all_matching: null,
    }
    const query = writeQuery(state, listParams)
    expect(query).toMatchObject({ enabled: 'false', selected: '4,9,12', page: '7', order_dir: 'desc' })
    expect(readQuery(query as Record<string, string>, listParams)).toEqual(state)
    expect(toApiParams(readQuery(query as Record<string, string>, listParams))).toMatchObject({
      instance_pair_id: 3,
      group_path: 'platform/core',
      search: 'api gateway',
      enabled: false,
      token_status: 'expiring_soon',
      order_by: 'last_successful_update',
      page_size: 200,
    })
  })

  it('leaves defaults out of the URL and values the API refuses out of the request', () => {
    expect(writeQuery(defaults, listParams)).toEqual({})
    const odd = readQuery({ order_by: 'drop_table', order_dir: 'sideways', page_size: '5000', token_status: 'x' }, listParams)
    expect(toApiParams(odd)).toMatchObject({ order_by: 'id', order_dir: 'asc', page_size: 200, token_status: undefined })
  })

  it('a filter change goes back to page 1 and empties the selection, and sends only what changed', () => {
    const state = { ...defaults, page: 4, selected: [1, 2], all_matching: true }
    expect(filterPatch(state, { status: 'failed' })).toEqual({ status: 'failed', page: 1, selected: [], all_matching: null })
    expect(filterPatch(defaults, { search: 'api' })).toEqual({ search: 'api' })
  })

  it('knows which filters a batch request cannot express', () => {
    expect(inexpressibleFilters({ ...defaults, instance_pair_id: 1, status: 'failed', group_path: 'platform' })).toEqual([])
    expect(inexpressibleFilters({ ...defaults, search: 'api', enabled: true, status: 'stuck' })).toEqual([
      'search',
      'enabled',
      'status “stuck”',
    ])
    expect(batchSelector({ ...defaults, instance_pair_id: 1, status: 'failed', group_path: 'platform/' })).toEqual({
      instance_pair_id: 1,
      status: 'failed',
      group_path: 'platform/',
    })
    expect(batchSelector(defaults)).toEqual({ all: true })
  })
})
