import { mount } from '@vue/test-utils'
import { createPinia } from 'pinia'
import { describe, expect, it } from 'vitest'
import { createMemoryHistory, createRouter } from 'vue-router'

import { mirror } from '../testFixtures'
import MirrorRow from './MirrorRow.vue'

describe('MirrorRow', () => {
  it('reads the direction and the target path apart, each path in parts that wrap whole', async () => {
    const router = createRouter({
      history: createMemoryHistory(),
      routes: [{ path: '/mirrors/:id', name: 'mirror', component: { template: '<div />' } }],
    })
    const row = mount(
      { components: { MirrorRow }, props: ['m'], template: '<table><tbody><MirrorRow :mirror="m" :selected="false" /></tbody></table>' },
      {
        props: { m: mirror(5, { source_project_path: 'platform/core/api', target_project_path: 'mirror/core/api', mirror_direction: 'push' }) },
        global: { plugins: [createPinia(), router] },
      },
    )
    const cell = row.find('.cell-path__target')
    expect(cell.text().replace(/\s+/g, ' ')).toBe('→ push mirror/core/api')
    expect(row.find('.cell-path__source').findAll('.project-path__part').map((p) => p.text())).toEqual(['platform/', 'core/', 'api'])
  })
})
