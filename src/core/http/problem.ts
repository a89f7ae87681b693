/**
 * RFC 9457 problem details (`application/problem+json`). The protocol core reads 409/412/428 bodies
 * into this shape; extension members (such as the current resource and its version) are kept.
 */
export interface ProblemDetails {
  /** A URI reference that identifies the problem type. */
  readonly type?: string
  /** A short, human-readable summary of the problem type. */
  readonly title?: string
  /** The HTTP status code. */
  readonly status?: number
  /** A human-readable explanation specific to this occurrence. */
  readonly detail?: string
  /** A URI reference that identifies this occurrence. */
  readonly instance?: string
  /** Extension members, as sent. */
  readonly [extension: string]: unknown
}
