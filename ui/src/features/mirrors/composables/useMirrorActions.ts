import { ref } from 'vue'

import { useConfirm } from '@/lib/confirm'
import { useToasts } from '@/lib/toasts'

import { mirrorsApi } from '../api'
import type { Mirror } from '../types'

export type RowAction = 'sync' | 'resume' | 'verify' | 'repair' | 'rotate' | 'enable' | 'disable' | 'delete'

/**
 * The one-mirror actions (sync, resume a mirror GitLab paused, verify, repair, rotate credentials, enable/disable, delete), each
 * with its toast; `changed(id)` runs after the API accepted one so the caller refetches the mirror.
 * The outcome arrives later on /topic/activity, and the caller's live refresh shows it.
 */
export function useMirrorActions(changed: (id: number) => void) {
  const toasts = useToasts()
  const confirm = useConfirm()
  /** Ids of mirrors with a request on its way (their buttons are disabled meanwhile). */
  const busy = ref<Set<number>>(new Set())

  async function run(mirror: Mirror, done: string, failed: string, call: () => Promise<unknown>): Promise<void> {
    const path = mirror.source_project_path
    busy.value = new Set(busy.value).add(mirror.id)
    try {
      await call()
      toasts.success(`${done} ${path}`)
      changed(mirror.id)
    } catch (error) {
      toasts.failure(`Could not ${failed} ${path}`, error)
    } finally {
      const next = new Set(busy.value)
      next.delete(mirror.id)
      busy.value = next
    }
  }

  async function remove(mirror: Mirror): Promise<void> {
    const direction = mirror.mirror_direction === 'pull' ? 'pull mirror' : 'push mirror'
    const confirmed = await confirm.ask({
      title: `Delete mirror ${mirror.source_project_path}?`,
      message: 'The mirror is removed from GitLab first, then from Mirror Maestro. The projects stay.',
      details: [
        `GitLab ${direction}: ${mirror.source_project_path} → ${mirror.target_project_path}`,
        'Its settings overrides here',
      ],
      confirmLabel: 'Delete mirror',
      danger: true,
    })
    if (!confirmed) return
    await run(mirror, 'Delete requested for', 'delete', () => mirrorsApi.remove(mirror.id))
  }

  function perform(action: RowAction, mirror: Mirror): Promise<void> {
    switch (action) {
      case 'sync':
        return run(mirror, 'Sync requested for', 'sync', () => mirrorsApi.sync(mirror.id))
      case 'resume':
        return run(mirror, 'Resume requested for', 'resume', () => mirrorsApi.resume(mirror.id))
      case 'verify':
        return run(mirror, 'Verify requested for', 'verify', () => mirrorsApi.verify(mirror.id))
      case 'repair':
        return run(mirror, 'Repair requested for', 'repair', () => mirrorsApi.verify(mirror.id, true))
      case 'rotate':
        return run(mirror, 'Credential rotation requested for', 'rotate the credentials of', () =>
          mirrorsApi.rotate(mirror.id),
        )
      case 'enable':
        return run(mirror, 'Enable requested for', 'enable', () => mirrorsApi.update(mirror.id, { enabled: true }))
      case 'disable':
        return run(mirror, 'Disable requested for', 'disable', () => mirrorsApi.update(mirror.id, { enabled: false }))
      case 'delete':
        return remove(mirror)
    }
  }

  return { busy, perform }
}
