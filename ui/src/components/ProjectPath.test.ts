import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import ProjectPath from './ProjectPath.vue'

describe('ProjectPath', () => {
  it('reads as the path, in parts that each keep their slash', () => {
    const wrapper = mount({ components: { ProjectPath }, template: '<span><ProjectPath path="platform/observability/log-shipper" /></span>' })
    expect(wrapper.text()).toBe('platform/observability/log-shipper')
    expect(wrapper.findAll('.project-path__part').map((p) => p.text())).toEqual(['platform/', 'observability/', 'log-shipper'])
  })
})
