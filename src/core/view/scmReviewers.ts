/**
 * The suggested reviewers as a section of the Source Control "Mentoring" view (scmRows): the same
 * suggestions as the Review prompts view (reviewRows), each with its role, area and reason.
 */
import type { ScmFolderInput, ScmRow, ScmSection } from './scmRows';

/** The section, or undefined while no folder's change has a suggestion. */
export function scmReviewerSection(folders: readonly ScmFolderInput[]): ScmSection | undefined {
  const rows: ScmRow[] = [];
  for (const f of folders) {
    if (f.state.kind !== 'ready' || !f.state.files.length) continue;
    for (const [i, r] of (f.state.reviewers ?? []).entries()) {
      const id = `scm:reviewers:${f.key}#${i}-${r.person}`;
      const where = folders.length > 1 ? `${f.name}: ` : '';
      rows.push({
        id,
        kind: 'reviewer',
        folder: f.key,
        label: r.name,
        description: `${where}${r.role}${r.area ? ` · ${r.area}` : ''}`,
        tooltip: `${r.name} (${r.role}${r.area ? `, ${r.area}` : ''})\n${r.reason}${r.goal ? `\nGoal: ${r.goal}` : ''}`,
        icon: { id: r.role === 'learner' ? 'mortar-board' : 'star-empty' },
        contextValue: 'scmReviewer',
        children: [{ id: `${id}#reason`, kind: 'reason', folder: f.key, label: r.reason, tooltip: r.reason, icon: { id: 'info' }, contextValue: 'scmReviewReason', children: [] }],
      });
    }
  }
  if (!rows.length) return undefined;
  return { id: 'reviewers', label: 'Suggested reviewers', icon: { id: 'organization' }, rows };
}
