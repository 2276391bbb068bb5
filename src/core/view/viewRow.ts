/** What every row of the extension's views carries: the Partners & Goals tree, Suggestions and Review Prompts. */

/** A codicon name and an optional theme colour id. */
export interface RowIcon {
  id: string;
  color?: string;
}

/** A command run when the row is clicked. */
export interface RowCommand {
  command: string;
  title: string;
  arguments: unknown[];
}

export interface ViewRow<Kind extends string = string, Child = unknown> {
  /** Stable across refreshes, so expansion state survives them. */
  id: string;
  kind: Kind;
  /** Key of the workspace folder the row comes from. */
  folder: string;
  label: string;
  description?: string;
  tooltip?: string;
  icon?: RowIcon;
  /** The `viewItem` of menus (`partner`, `match`, `reviewGoal`, `notice-…`, …). */
  contextValue: string;
  command?: RowCommand;
  /** The whole label and description, when the row shows them shortened to fit the side bar. */
  whole?: { label: string; description?: string };
  children: Child[];
}
