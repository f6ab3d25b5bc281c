"""A submission's and a figure's state in words, for the CLI's reports and every page alike.

Kept apart from core/presentation.py, which reads pandas rows: the pipelines name states in
their reports and progress lines, and importing pandas for that was about half a second of
every `validate` (issue 27; docs/benchmarks.md).
"""
from __future__ import annotations

from core.texts import N_, _

# A submission's status (submission.status, pipelines/loading.FileResult) and state
# (sql/views/75_states.sql v_submission_state; waiting: an upload not loaded yet), in words: the
# Data page, the region page, the upload pages and the CLI's reports say it alike.
SUBMISSION_STATES = {"loaded": N_("loaded"), "partial": N_("partly loaded"), "rejected": N_("rejected"),
                     "unchanged": N_("already loaded, unchanged"), "waiting": N_("waiting to be loaded"),
                     "held": N_("held for review"), "approved": N_("approved by a data steward"),
                     "partly_rejected": N_("partly rejected by a data steward"),
                     "superseded": N_("replaced by later files")}
# A figure's state (v_figure_state), in words.
FIGURE_STATES = {"loaded": N_("loaded"), "approved": N_("approved"), "held": N_("held for review"),
                 "rejected": N_("rejected"), "replaced": N_("replaced"), "withdrawn": N_("withdrawn")}
DEMO_TAG = N_("demonstratiedata (demo)")


def submission_state(status: str, lang: str, is_demo: bool = False) -> str:
    """'geladen', or 'geladen · demonstratiedata' for a generated file."""
    text = _(SUBMISSION_STATES.get(status, status), lang)
    return f"{text} · {_(DEMO_TAG, lang)}" if is_demo else text
