/** What a bearer token may do: read (Get, List, ListVersions), write (Save), delete (Delete). */
export type Scope = "read" | "write" | "delete";
export const scopes: readonly Scope[] = ["read", "write", "delete"];

/** A caller's token and what it may do. */
export interface AccessToken {
  /** Who holds it, for logs; never the token itself. */
  readonly name: string;
  readonly token: string;
  readonly scopes: readonly Scope[];
}
