/**
 * Types for the npm package `diff3` (0.0.4), which ships none. At build and test time the import is
 * served by `build/diff3-strict.ts`, a strict-mode-safe copy of the package.
 */
declare module 'diff3' {
  /** A stable run: lines every side agrees on. */
  export interface Diff3OkBlock<T> {
    ok: T[]
  }
  /** A conflicting run: what each side holds. `a` = the first side, `o` = the ancestor, `b` = the second side. */
  export interface Diff3ConflictBlock<T> {
    conflict: { a: T[]; aIndex: number; o: T[]; oIndex: number; b: T[]; bIndex: number }
  }
  export type Diff3Block<T> = Diff3OkBlock<T> | Diff3ConflictBlock<T>
  /** Three-way merge of sequences `a` and `b` derived from ancestor `o`. */
  export default function diff3Merge<T>(a: T[], o: T[], b: T[]): Array<Diff3Block<T>>
}
