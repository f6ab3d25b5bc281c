"""How a status looks: a colour-blind safe colour (Okabe-Ito, Paul Tol) and a symbol, so a
status is never told by colour alone (symbols: core/vocabulary.py, words:
core/presentation.py)."""

STATUS_COLOURS = {
    "achieved": "#009E73",
    "on_track": "#56B4E9",
    "acceleration_needed": "#E69F00",
    "limited_progress": "#D55E00",
    "deterioration": "#CC79A7",
    "not_achieved": "#882255",
    "no_data": "#BBBBBB",
    "not_started": "#DDDDDD",
}
NO_TARGET_COLOUR = "#F2F2F2"
