/**
 * When the self-assessment page asks "leave the page?": only when the navigation leaves the page
 * (another path) while typed input is not saved yet. Switching criteria or tabs changes only the
 * search of the same page: drafts stay in the autosave store and are saved there, so no dialog.
 */
export function confirmBeforeLeaving(current: { pathname: string }, next: { pathname: string }, unsaved: boolean): boolean {
  return unsaved && current.pathname !== next.pathname;
}
