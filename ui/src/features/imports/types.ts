/** One mirror line of an import file as the preview shows it. */
export interface ImportLine {
  /** 1-based, as the server numbers lines in its answers */
  line: number
  source_project_path: string
  target_project_path: string
  mirror_direction: string | null
  enabled: boolean
  /** Overrides the line sets (field names), for the preview */
  overrides: string[]
  problems: string[]
}

/** What is wrong with one line (line null: the file as a whole). */
export interface LineProblem {
  line: number | null
  field: string
  message: string
}

export interface ImportCheck {
  /** The file cannot be read at all (not JSON, no `mirrors` array). */
  fatal: string | null
  total: number
  lines: ImportLine[]
  problems: LineProblem[]
  /** The pair the file was exported from, when it says. */
  exportedFrom: string | null
  /** The parsed file, sent as is when the import starts. */
  body: unknown
}

export interface ImportAccepted {
  status: string
  batch_id: string
  total: number
  status_url: string
}
