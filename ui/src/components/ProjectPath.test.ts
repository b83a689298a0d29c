import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import ProjectPath from './ProjectPath.vue'

describe('ProjectPath', () => {
  it('reads as the path and may break only after its slashes', () => {
    const wrapper = mount({ components: { ProjectPath }, template: '<span><ProjectPath path="platform/observability/dashboards" /></span>' })
    expect(wrapper.text()).toBe('platform/observability/dashboards')
    expect(wrapper.html()).toContain('platform/<wbr>observability/<wbr>dashboards')
  })
})
