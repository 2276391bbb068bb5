/**
 * The suggested reviewers as a section of the Source Control "Mentoring" view (scmRows): the same
 * suggestions as the Review prompts view (reviewRows), each with its role, area and reason.
 */
import { reviewerRow } from './changeRows';
import type { ScmFolderInput, ScmRow, ScmSection } from './scmRows';

/** The section, or undefined while no folder's change has a suggestion. */
export function scmReviewerSection(folders: readonly ScmFolderInput[]): ScmSection | undefined {
  const rows: ScmRow[] = [];
  for (const f of folders) {
    if (f.state.kind !== 'ready' || !f.state.files.length) continue;
    for (const [i, r] of (f.state.reviewers ?? []).entries()) {
      const id = `scm:reviewers:${f.key}#${i}-${r.person}`;
      const where = folders.length > 1 ? `${f.name}: ` : '';
      rows.push(reviewerRow(id, f.key, r, ['scmReviewer', 'scmReviewReason'], where));
    }
  }
  if (!rows.length) return undefined;
  return { id: 'reviewers', label: 'Suggested reviewers', icon: { id: 'organization' }, rows };
}
