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

# Colour-blind safe sequential scale (ColorBrewer YlGnBu), light = low, dark = high, for the maps'
# share of target and gain per 10.000. Written out: plotly's named "YlGnBu" runs dark to light,
# which made the best regions fade to white like missing data. It starts at a pale green, not
# white, for the same reason.
PROGRESS_SCALE = [[i / 7, c] for i, c in enumerate(
    ["#edf8b1", "#c7e9b4", "#7fcdbb", "#41b6c4", "#1d91c0", "#225ea8", "#253494", "#081d58"])]
