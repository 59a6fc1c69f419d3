"""thlib: the analysis and reporting toolkit of the Tower Hamlets Partnership.

From open data shipped with it, thlib builds profiles of every ward, neighbourhood and
the borough, and the Tower Hamlets Plan annual report. Data flows one way:

``thlib.data``        loaders: read, validate and tidy the shipped files
``thlib.geography``   areas, lookups and boundaries (EPSG:27700)
``thlib.indicators``  the indicator catalogue and every figure per area and period
``thlib.stats``       published statistical methods (pure functions)
``thlib.vocabulary``  the words and symbols every report uses for a label
``thlib.formatting``  how every number is written (values with units, counts, levels)
``thlib.prose``       fixed report prose, from templates in ``thlib/templates/prose``
``thlib.display``     showing a report's pieces in a notebook, once
``thlib.charts``, ``thlib.tables``, ``thlib.narrative``  presentation
``thlib.profiles``, ``thlib.annual``  what each report shows, and in which order
``thlib.publish``     ``thlib build``: notebooks to HTML and PDF under ``outputs/``
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("thlib")
except PackageNotFoundError:  # run from a source tree that was never installed
    __version__ = "0+unknown"

__all__ = ["__version__"]
