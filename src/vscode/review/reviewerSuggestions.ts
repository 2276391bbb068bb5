/**
 * Reviewer suggestions for the Review prompts view: who knows what is read from the last year of
 * history once per HEAD (and mentoring file), in one streamed `git log` that yields to the editor
 * between chunks; each change set then costs only the suggestion itself. Git runs only where the
 * view already runs it: in a trusted folder on this computer.
 */
import type { MentoringFile } from '../../core/file';
import { coveringGoals, partnerLookup, ReviewerSuggestion, ReviewView, suggestReviewers } from '../../core/review';
import { readHead, readRangeChange, readReviewView, readUser } from '../../git/reviewHistory';
import type { PersonRef } from '../../git/reviewHistory';

interface Cached {
  key: string;
  view: Promise<{ view: ReviewView; at: number } | undefined>;
}

export class ReviewerSuggestions {
  private readonly cache = new Map<string, Cached>();

  /**
   * Suggestions for the change to `files` (paths from the repository's root `root`): the working
   * tree's, by git's `user.name`/`user.email`, or the branch's since `base`, by its commits' authors.
   */
  async suggest(root: string, model: MentoringFile, files: readonly string[], base?: string): Promise<ReviewerSuggestion[]> {
    if (!files.length) return [];
    // A branch is judged by what was known at its base; the working tree by what HEAD knows.
    const head = await readHead(root, base);
    if (!head) return [];
    const key = JSON.stringify([head.head, model.partners, model.partnerships, model.goals.map((g) => [g.id, g.owner, g.partnership, g.status, g.title, g.paths, g.skills]), model.skills]);
    let cached = this.cache.get(root);
    if (cached?.key !== key) {
      const view = readReviewView(root, { goals: coveringGoals(model), revision: head.head }).then((r) => r && { view: r.view, at: r.at });
      view.catch(() => undefined);
      cached = { key, view };
      this.cache.set(root, cached);
    }
    let read: Awaited<Cached['view']>;
    try {
      read = await cached.view;
    } catch (e) {
      this.cache.delete(root);
      throw e;
    }
    if (!read) return [];
    const authors: PersonRef[] = [];
    if (base === undefined) {
      const me = await readUser(root);
      if (me) authors.push(me);
    } else {
      authors.push(...(await readRangeChange(root, base, 'HEAD')).authors);
    }
    return suggestReviewers(read.view, authors, files, { at: read.at, partnerOf: partnerLookup(model) });
  }
}
