import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { defineComponent, h, ref } from 'vue'

import FormField from './FormField.vue'

describe('FormField', () => {
  it('renders an input bound both ways, with the other attributes on it', async () => {
    const value = ref('first')
    const wrapper = mount(
      defineComponent(() => () =>
        h(FormField<string>, {
          id: 'secret',
          label: 'Secret',
          type: 'password',
          autocomplete: 'new-password',
          modelValue: value.value,
          'onUpdate:modelValue': (next: string) => (value.value = next),
        }),
      ),
    )

    const input = wrapper.get<HTMLInputElement>('input#secret')
    expect(wrapper.get('label').attributes('for')).toBe('secret')
    expect(wrapper.get('label').text()).toBe('Secret')
    expect(input.classes()).toEqual(['input'])
    expect(input.attributes('type')).toBe('password')
    expect(input.attributes('autocomplete')).toBe('new-password')
    expect(input.attributes('aria-invalid')).toBe('false')
    expect(input.attributes('aria-describedby')).toBeUndefined()
    expect(input.element.value).toBe('first')
    expect(wrapper.get('.field').attributes('type')).toBeUndefined()

    await input.setValue('second')
    expect(value.value).toBe('second')
  })

  it('ties the hint and the error to the control and marks it invalid', () => {
    const wrapper = mount(FormField<string>, {
      props: { id: 'url', label: 'URL', hint: 'https only', error: 'points to a private address', modelValue: '' },
    })

    const input = wrapper.get('input#url')
    expect(input.attributes('aria-describedby')).toBe('url-hint url-error')
    expect(input.attributes('aria-invalid')).toBe('true')
    expect(wrapper.get('#url-hint').text()).toBe('https only')
    const error = wrapper.get('#url-error')
    expect(error.text()).toBe('points to a private address')
    expect(error.attributes('role')).toBe('alert')
    expect(wrapper.get('.field').classes()).toContain('field--invalid')
  })

  it('renders a select from options and emits the option picked', async () => {
    const wrapper = mount(FormField<'ssl' | 'none'>, {
      props: {
        id: 'tls',
        label: 'TLS',
        modelValue: 'ssl',
        options: [
          { value: 'ssl', label: 'SSL/TLS' },
          { value: 'none', label: 'none' },
        ],
      },
    })

    const select = wrapper.get<HTMLSelectElement>('select#tls')
    expect(select.classes()).toEqual(['select'])
    expect(select.findAll('option').map((o) => [o.attributes('value'), o.text()])).toEqual([
      ['ssl', 'SSL/TLS'],
      ['none', 'none'],
    ])
    expect(select.element.value).toBe('ssl')
    expect(wrapper.find('input').exists()).toBe(false)

    await select.setValue('none')
    expect(wrapper.emitted('update:modelValue')).toEqual([['none']])
  })

  it('hands a slotted control its id, description and validity, keeping other attributes on the field', () => {
    const wrapper = mount(FormField<string>, {
      props: { id: 'notes', label: 'Notes', hint: 'Markdown', error: 'too long' },
      attrs: { class: 'wide' },
      slots: {
        default: (scope: { id: string; describedBy?: string; invalid: boolean }) =>
          h('textarea', { id: scope.id, 'aria-describedby': scope.describedBy, 'data-invalid': String(scope.invalid) }),
      },
    })

    const textarea = wrapper.get('textarea#notes')
    expect(textarea.attributes('aria-describedby')).toBe('notes-hint notes-error')
    expect(textarea.attributes('data-invalid')).toBe('true')
    expect(wrapper.find('input').exists()).toBe(false)
    expect(wrapper.get('.field').classes()).toEqual(['wide', 'field', 'field--invalid'])
  })

  it('groups checkboxes in a fieldset named by its legend, with the error below', () => {
    const wrapper = mount(FormField<string>, {
      props: { id: 'events', label: 'Events', group: true, error: 'pick at least one event' },
      slots: { default: () => h('label', { class: 'checkbox' }, [h('input', { type: 'checkbox' }), ' Mirror failed']) },
    })

    const fieldset = wrapper.get('fieldset#events')
    expect(fieldset.classes()).toEqual(['field', 'field--invalid'])
    expect(fieldset.get('legend').text()).toBe('Events')
    expect(fieldset.attributes('aria-describedby')).toBe('events-error')
    expect(fieldset.get('#events-error').text()).toBe('pick at least one event')
    expect(fieldset.find('label[for]').exists()).toBe(false)
    expect(fieldset.findAll('input[type=checkbox]')).toHaveLength(1)
  })
})
