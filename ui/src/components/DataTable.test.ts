import { mount } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import { h, type VNode } from 'vue'

import DataTable, { type Column } from './DataTable.vue'

interface Fruit {
  id: number
  name: string
  price: number
}

const columns: Column[] = [
  { key: 'name', label: 'Name' },
  { key: 'price', label: 'Price', class: 'num', cellClass: 'mono' },
]
const fruits: Fruit[] = [
  { id: 1, name: 'apple', price: 3 },
  { id: 2, name: 'pear', price: 4 },
]

function render(props: Record<string, unknown>, slots: Record<string, (scope: { row: Fruit }) => VNode> = {}) {
  return mount(DataTable<Fruit>, {
    props: { rows: [], columns, rowKey: (f: Fruit) => f.id, caption: 'Fruits', ...props },
    slots,
    attrs: { 'data-testid': 'fruits', class: 'fruits' },
  })
}

describe('DataTable', () => {
  it('renders a row per item, the key property by default and a slot where one is given', () => {
    const wrapper = render(
      { rows: fruits, rowAttrs: (f: Fruit) => ({ 'data-fruit': f.name }) },
      { 'cell-name': ({ row }: { row: Fruit }) => h('strong', row.name.toUpperCase()) },
    )

    const table = wrapper.get('table')
    expect(table.classes()).toEqual(['fruits', 'table'])
    expect(table.attributes('data-testid')).toBe('fruits')
    expect(wrapper.get('caption').text()).toBe('Fruits')
    expect(wrapper.findAll('th').map((th) => th.text())).toEqual(['Name', 'Price'])
    expect(wrapper.findAll('th')[1]?.classes()).toEqual(['num'])
    expect(wrapper.get('[data-fruit=pear] strong').text()).toBe('PEAR')
    const price = wrapper.findAll('[data-fruit=pear] td')[1]!
    expect(price.text()).toBe('4')
    expect(price.classes()).toEqual(['num', 'mono'])
    expect(wrapper.find('[role=alert]').exists()).toBe(false)
    expect(wrapper.find('.empty').exists()).toBe(false)
  })

  it('adds an actions column, its header for screen readers only, when given the actions slot', () => {
    const wrapper = render(
      { rows: fruits },
      { actions: ({ row }: { row: Fruit }) => h('button', { type: 'button' }, `Eat ${row.name}`) },
    )

    const header = wrapper.findAll('th').at(-1)!
    expect(header.classes()).toContain('actions')
    expect(header.get('.visually-hidden').text()).toBe('Actions')
    expect(wrapper.findAll('td.actions').map((td) => td.text())).toEqual(['Eat apple', 'Eat pear'])
  })

  it('shows the loading text while there are no rows, then the empty text, and no table', async () => {
    const wrapper = render({ loading: true, loadingText: 'Loading fruits…', emptyText: 'No fruit.' })
    expect(wrapper.get('[role=status]').text()).toBe('Loading fruits…')
    expect(wrapper.text()).not.toContain('No fruit.')
    expect(wrapper.find('table').exists()).toBe(false)

    await wrapper.setProps({ loading: false })
    expect(wrapper.find('[role=status]').exists()).toBe(false)
    expect(wrapper.get('p.empty').text()).toBe('No fruit.')
    expect(wrapper.find('table').exists()).toBe(false)
  })

  it('shows nothing while loading without a loading text, and keeps the rows while reloading', async () => {
    const wrapper = render({ loading: true, emptyText: 'No fruit.' })
    expect(wrapper.text()).toBe('')

    await wrapper.setProps({ rows: fruits, loadingText: 'Loading fruits…' })
    expect(wrapper.find('[role=status]').exists()).toBe(false)
    expect(wrapper.get('.table-wrap').attributes('aria-busy')).toBe('true')
    expect(wrapper.findAll('tbody tr')).toHaveLength(2)
  })

  it('takes an empty slot instead of the empty text', () => {
    const wrapper = render({ emptyText: 'No fruit.' }, { empty: () => h('div', { class: 'empty' }, 'Plant a tree.') })
    expect(wrapper.get('.empty').text()).toBe('Plant a tree.')
    expect(wrapper.text()).not.toContain('No fruit.')
  })

  it('shows the error with a Retry that calls retry, instead of the empty text, and keeps rows already shown', async () => {
    const retry = vi.fn()
    const wrapper = render({ error: 'server down', errorText: 'Could not load the fruits', emptyText: 'No fruit.', retry })

    const alert = wrapper.get('[role=alert]')
    expect(alert.text()).toMatch(/^Could not load the fruits: server down\s*Retry$/)
    expect(wrapper.text()).not.toContain('No fruit.')
    await alert.get('button').trigger('click')
    expect(retry).toHaveBeenCalledOnce()

    await wrapper.setProps({ loading: true })
    expect(wrapper.get('[role=alert] button').attributes('disabled')).toBeDefined()

    await wrapper.setProps({ rows: fruits, loading: false })
    expect(wrapper.find('[role=alert]').exists()).toBe(true)
    expect(wrapper.findAll('tbody tr')).toHaveLength(2)
  })

  it('offers no Retry without retry', () => {
    const wrapper = render({ error: 'server down' })
    expect(wrapper.get('[role=alert]').text()).toBe('Could not load: server down')
    expect(wrapper.find('button').exists()).toBe(false)
  })
})
