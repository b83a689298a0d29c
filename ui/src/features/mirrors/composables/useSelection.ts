import { computed, type Ref, type WritableComputedRef } from 'vue'

/** The part of the list's query state the selection lives in. */
export interface SelectionState {
  selected: WritableComputedRef<number[]>
  all_matching: WritableComputedRef<boolean | null>
  update: (patch: { selected?: number[]; all_matching?: boolean | null }) => void
}

/**
 * Checkbox selection over a server-side list: explicit ids (kept across pages), or "all matching
 * the filters" (every mirror the filters match, on every page). Both live in the query string.
 */
export function useSelection(state: SelectionState, pageIds: Ref<readonly number[]>, total: Ref<number>) {
  const ids = computed(() => new Set(state.selected.value))
  const allMatching = computed(() => state.all_matching.value === true)

  const pageFullySelected = computed(
    () => pageIds.value.length > 0 && (allMatching.value || pageIds.value.every((id) => ids.value.has(id))),
  )
  const pagePartlySelected = computed(
    () => !pageFullySelected.value && pageIds.value.some((id) => ids.value.has(id)),
  )
  const count = computed(() => (allMatching.value ? total.value : state.selected.value.length))
  /** Offer "select all N matching" when this page is fully selected and there is more than this page. */
  const canOfferAllMatching = computed(
    () => !allMatching.value && pageFullySelected.value && total.value > pageIds.value.length,
  )

  function isSelected(id: number): boolean {
    return allMatching.value || ids.value.has(id)
  }

  function toggle(id: number): void {
    if (allMatching.value) {
      // "all but one" cannot be sent to the batch endpoint: fall back to this page without it
      state.update({ all_matching: null, selected: pageIds.value.filter((other) => other !== id) })
      return
    }
    const next = ids.value.has(id) ? state.selected.value.filter((other) => other !== id) : [...state.selected.value, id]
    state.update({ selected: next })
  }

  function togglePage(): void {
    if (pageFullySelected.value) {
      const onPage = new Set(pageIds.value)
      state.update({ all_matching: null, selected: allMatching.value ? [] : state.selected.value.filter((id) => !onPage.has(id)) })
    } else {
      const next = [...state.selected.value]
      for (const id of pageIds.value) if (!ids.value.has(id)) next.push(id)
      state.update({ selected: next })
    }
  }

  function selectAllMatching(): void {
    state.update({ all_matching: true, selected: [] })
  }

  function clear(): void {
    state.update({ all_matching: null, selected: [] })
  }

  return {
    allMatching,
    count,
    pageFullySelected,
    pagePartlySelected,
    canOfferAllMatching,
    isSelected,
    toggle,
    togglePage,
    selectAllMatching,
    clear,
  }
}
