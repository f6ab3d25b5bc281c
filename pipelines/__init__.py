"""Pipelines: the only writer of the warehouse. Never imports Dash."""
import os

# openpyxl switches to lxml when lxml is installed (feedgen brings it, issue 24). The bounded
# workbook reader (xlsx.py) subclasses openpyxl's parser as it runs on the standard library's
# XML, and the demo workbooks are byte-for-byte reproducible only from that writer: keep it.
os.environ["OPENPYXL_LXML"] = "False"
