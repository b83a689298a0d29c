import type { Problem } from '@/lib/http'

export interface ConflictExplanation {
  title: string
  message: string
  /** The mirror we already have, to link to. */
  mirrorId: number | null
}

/** A 409 from `POST /api/mirrors`, in plain words. */
export function explainConflict(problem: Problem): ConflictExplanation {
  const existing = Number(problem.existing_mirror_id)
  if (Number.isInteger(existing) && existing > 0) {
    return {
      title: 'This mirror already exists',
      message: `Mirror Maestro already mirrors these projects (mirror #${existing}). A second mirror would only duplicate it; open the existing one instead, or change its settings there.`,
      mirrorId: existing,
    }
  }
  return { title: 'This mirror cannot be created', message: problem.detail, mirrorId: null }
}
