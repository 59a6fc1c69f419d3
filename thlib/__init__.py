"""thlib: the analysis and reporting toolkit of the Tower Hamlets Partnership.

From open data shipped with it, thlib builds profiles of every ward, neighbourhood and
the borough, and the Tower Hamlets Plan annual report. Data flows one way:

``thlib.data``        loaders: read, validate and tidy the shipped files
``thlib.geography``   areas, lookups and boundaries (EPSG:27700)
``thlib.indicators``  the indicator catalogue and every figure per area and period
``thlib.stats``       published statistical methods (pure functions)
``thlib.presentation``  exhibits (what a chart or table shows), words, numbers, charts,
                      tables and data files; fixed prose in ``thlib/templates/prose``
``thlib.profiles``, ``thlib.annual``  what each report shows, and in which order
``thlib.publish``     ``thlib build``: notebooks to HTML and PDF under ``outputs/``

Main entry points::

    from thlib.profiles import ProfileReport, AreaProfile
    ProfileReport("ward", "E05009331").tenure()   # a profile's sections, shown and returned
    AreaProfile("ward", "E05009331").composition("ts054")   # its figures as frames
    from thlib.annual import AnnualReport          # the annual report's sections
    from thlib.indicators import catalogue, get_indicator, indicator_values, all_values
    all_values("crime-rate")                       # an indicator for every area and comparator
    from thlib.indicators import time_series
    time_series("employment-rate-aps", ["E09000030", "london"])   # tidy, ready to plot
    from thlib.geography import list_areas, get_area
    from thlib.data import census, census_tables   # Census 2021 tables as tidy counts
    from thlib.publish import build                # what ``thlib build`` runs

On the command line: ``thlib build``, ``thlib params`` (papermill parameter files),
``thlib indicators [ID]`` and ``thlib --version``; ``jupyter nbconvert --to thlib_html``
(or ``thlib_pdf``) converts an executed notebook as the build does.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("thlib")
except PackageNotFoundError:  # run from a source tree that was never installed
    __version__ = "0+unknown"

__all__ = ["__version__"]
