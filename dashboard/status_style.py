"""How a status looks: a colour-blind safe colour (Okabe-Ito, Paul Tol) and a symbol, so a
status is never told by colour alone (symbols: core/vocabulary.py, words:
core/presentation.py). "Acceleration needed" is yellow, not orange: beside the vermilion of
"limited progress" two oranges were hard to tell apart, also for colour-blind readers
(tests/test_tile_map.py measures every pair under simulated colour blindness)."""

STATUS_COLOURS = {
    "achieved": "#009E73",
    "on_track": "#56B4E9",
    "acceleration_needed": "#F0E442",
    "limited_progress": "#D55E00",
    "deterioration": "#CC79A7",
    "not_achieved": "#882255",
    "no_data": "#BBBBBB",
    "not_started": "#DDDDDD",
}
NO_TARGET_COLOUR = "#F2F2F2"
