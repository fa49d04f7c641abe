"""Two years' plans side by side: which sub-goals match, how their statuses moved, what was written.

`diff_plans(old, new)` aligns two `Plan`s and returns a `PlanDiff` (docs/diff.md):

1. **Sub-goals** are matched within each main goal (by goal number): by sub-goal number, confirmed
   when the titles are similar enough (`DiffSettings.title_threshold`), or by title alone
   (`DiffSettings.renumbered_title_threshold`), which finds a renumbered sub-goal
   (`StatusChange.base_sub_goal` gives its old number); best pairs first, a same-number pair
   getting `DiffSettings.same_number_bonus`. Sub-goals left over are added / removed.
2. **Statuses**: one `StatusChange` per matched sub-goal, with a direction (`status_direction`):
   the stages shown (order and repeats ignored), compared by their lowest and highest in the
   diff's order (`diff_scale`: the packaged vocabulary's when every code of both plans is one of
   its codes, else the newer plan's scale with the older's missing steps merged in); a step
   outside the order gives `changed`.
3. **Statements**, in four passes over each column each sub-goal has (the model's statement
   columns, then its `other_columns` by key):
   a. exact: the same text (`same_text_key`: whitespace normalised, none at a hyphen or dash) and
      the same actors in the same place: unchanged; so is a statement whose text the other plan
      holds as consecutive statements of that place, the same text split differently (their
      actors together the same): each piece is `unchanged` against the whole;
   b. near-identical text (`DiffSettings.moved_threshold`) anywhere in the plan: in the same place
      that is `modified` (a typo fixed, or the actors changed), in another place it is `moved`;
   c. reworded in place: the removed and added statements of one sub-goal and column are paired
      by an optimal assignment (`assign`) over a score of text similarity, shared word stems
      (Snowball's Finnish stemmer, `stems`), actors and position; a pair needs actors in common and
      either similar text (`DiffSettings.modified_threshold`) or, for statements with actors,
      shared stems (`DiffSettings.reworded_stem_threshold`): `modified`;
   d. the rest: `removed` from the old plan, `added` in the new one.
4. **Actions**, in the same passes (without the split pieces), each placed in its sub-goal or, for
   an action listed under a main goal, in the goal itself; an action's actors are its own and the
   responsible ones. A matched action has a direction of its own statuses.

Every place (`goal`, `sub_goal`, `moved_from`) is given in the newer plan's numbering when the
sub-goal exists there; statements and actions of a removed sub-goal keep the older plan's number.

One concern per module:

| module | holds |
|---|---|
| `settings` | `DEFAULT_SETTINGS` (`DiffSettings` is in `lnhs_parse.settings`, as every setting) |
| `scoring` | `similarity`, `stems`, `stem_share`, `same_text_key`, `reworded_score` |
| `solver` | `assign` (the optimal assignment), `best_first` (the best-first pairing) |
| `direction` | `status_direction`: which way statuses went; `diff_scale`: the diff's scale |
| `align` | `match_sub_goals`, the passes (`diff_statements`, `diff_actions`) |
| `plans` | `diff_plans`: the pieces put together into a `PlanDiff` |

The package aligns only: the diff's Markdown report is `lnhs_parse.markdown.diff_markdown`, its rows
for data frames `lnhs_parse.rows`, its words `lnhs_parse.labels`.
"""
from __future__ import annotations

from lnhs_parse.compare.align import (
    SubGoalPair,
    diff_actions,
    diff_statements,
    match_sub_goals,
)
from lnhs_parse.compare.direction import diff_scale, status_direction, vocabulary_order
from lnhs_parse.compare.plans import diff_plans
from lnhs_parse.compare.scoring import (
    STEM_SHARE_WORDS,
    reworded_score,
    same_text_key,
    similarity,
    stem_share,
    stems,
)
from lnhs_parse.compare.settings import DEFAULT_SETTINGS, DiffSettings
from lnhs_parse.compare.solver import assign, best_first

__all__ = [
    "DEFAULT_SETTINGS",
    "STEM_SHARE_WORDS",
    "DiffSettings",
    "SubGoalPair",
    "assign",
    "best_first",
    "diff_actions",
    "diff_plans",
    "diff_scale",
    "diff_statements",
    "match_sub_goals",
    "reworded_score",
    "same_text_key",
    "similarity",
    "status_direction",
    "stem_share",
    "stems",
    "vocabulary_order",
]
