import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'

import type { Permission } from '@/lib/session'

declare module 'vue-router' {
  interface RouteMeta {
    title?: string
  }
}

/** Every view of the app; each lives in its feature folder and is loaded when first visited. */
export const routes: RouteRecordRaw[] = [
  { path: '/', name: 'dashboard', component: () => import('@/features/dashboard/DashboardView.vue'), meta: { title: 'Dashboard' } },
  { path: '/instances', name: 'instances', component: () => import('@/features/instances/InstancesView.vue'), meta: { title: 'Instances' } },
  { path: '/pairs', name: 'pairs', component: () => import('@/features/pairs/PairsView.vue'), meta: { title: 'Pairs' } },
  { path: '/pairs/:id(\\d+)', name: 'pair', component: () => import('@/features/pairs/PairView.vue'), props: true, meta: { title: 'Pair' } },
  { path: '/group-settings', name: 'group-settings', component: () => import('@/features/group-settings/GroupSettingsView.vue'), meta: { title: 'Group settings' } },
  { path: '/mirrors', name: 'mirrors', component: () => import('@/features/mirrors/MirrorsView.vue'), meta: { title: 'Mirrors' } },
  { path: '/mirrors/:id(\\d+)', name: 'mirror', component: () => import('@/features/mirrors/MirrorView.vue'), props: true, meta: { title: 'Mirror' } },
  { path: '/topology', name: 'topology', component: () => import('@/features/topology/TopologyView.vue'), meta: { title: 'Topology' } },
  { path: '/import-export', name: 'import-export', component: () => import('@/features/imports/ImportExportView.vue'), meta: { title: 'Import/Export' } },
  { path: '/batches', name: 'batches', component: () => import('@/features/batches/BatchesView.vue'), meta: { title: 'Batches' } },
  { path: '/batches/:id', name: 'batch', component: () => import('@/features/batches/BatchView.vue'), props: true, meta: { title: 'Batch' } },
  { path: '/commands/:id', name: 'command', component: () => import('@/features/commands/CommandView.vue'), props: true, meta: { title: 'Command' } },
  { path: '/activity', name: 'activity', component: () => import('@/features/activity/ActivityView.vue'), meta: { title: 'Activity' } },
  { path: '/backup', name: 'backup', component: () => import('@/features/backup/BackupView.vue'), meta: { title: 'Backup', permission: 'backup' } },
  { path: '/migrate', name: 'migrate', component: () => import('@/features/migrate/MigrateView.vue'), meta: { title: 'Move from the original', permission: 'backup' } },
  { path: '/jobs', name: 'jobs', component: () => import('@/features/jobs/JobsView.vue'), meta: { title: 'Jobs' } },
  { path: '/notifications', name: 'notifications', component: () => import('@/features/notifications/NotificationsView.vue'), meta: { title: 'Notifications' } },
  { path: '/schedules', name: 'schedules', component: () => import('@/features/schedules/SchedulesView.vue'), meta: { title: 'Schedules' } },
  { path: '/sign-in', name: 'sign-in', component: () => import('@/features/auth/SignInView.vue'), meta: { title: 'Sign in', public: true } },
  { path: '/users', name: 'users', component: () => import('@/features/users/UsersView.vue'), meta: { title: 'Users', permission: 'users' } },
  { path: '/api-tokens', name: 'api-tokens', component: () => import('@/features/users/ApiTokensView.vue'), meta: { title: 'API tokens' } },
  { path: '/:pathMatch(.*)*', name: 'not-found', component: () => import('@/features/not-found/NotFoundView.vue'), meta: { title: 'Not found' } },
]

/** The main navigation: short groups under a heading each, every group in order. */
export const navigation = [
  {
    heading: 'Estate',
    items: [
      { name: 'dashboard', label: 'Dashboard' },
      { name: 'mirrors', label: 'Mirrors' },
      { name: 'topology', label: 'Topology' },
    ],
  },
  {
    heading: 'Configuration',
    items: [
      { name: 'instances', label: 'Instances' },
      { name: 'pairs', label: 'Pairs' },
      { name: 'group-settings', label: 'Group settings' },
    ],
  },
  {
    heading: 'Operations',
    items: [
      { name: 'activity', label: 'Activity' },
      { name: 'import-export', label: 'Import/Export' },
      { name: 'batches', label: 'Batches' },
      { name: 'jobs', label: 'Jobs' },
      { name: 'schedules', label: 'Schedules' },
      { name: 'notifications', label: 'Notifications' },
    ],
  },
  {
    heading: 'Admin',
    items: [
      { name: 'users', label: 'Users', permission: 'users' },
      { name: 'backup', label: 'Backup', permission: 'backup' },
      { name: 'migrate', label: 'Move from the original', permission: 'backup' },
    ],
  },
] as const satisfies readonly NavigationGroup[]

export interface NavigationGroup {
  heading: string
  items: readonly { name: string; label: string; permission?: Permission }[]
}

/** The groups and entries a user may open: entries needing a permission they lack go, and so do emptied groups. */
export function visibleNavigation(can: (permission: Permission) => boolean): NavigationGroup[] {
  return navigation
    .map((group) => ({
      heading: group.heading,
      items: group.items.filter((item: NavigationGroup['items'][number]) => !item.permission || can(item.permission)),
    }))
    .filter((group) => group.items.length > 0)
}

export function pageTitle(title: string | undefined): string {
  return title ? `${title} · Mirror Maestro` : 'Mirror Maestro'
}

export const router = createRouter({
  history: createWebHistory(import.meta.env.BASE_URL),
  routes,
})

router.afterEach((to) => {
  document.title = pageTitle(to.meta.title)
})
