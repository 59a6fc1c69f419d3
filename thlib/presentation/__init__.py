"""Presentation: how the figures are shown, in words, numbers, charts, tables and data files.

Everything here reads computed figures (:mod:`thlib.indicators`, :mod:`thlib.stats`) and
writes nothing back: an :class:`~thlib.presentation.exhibit.Exhibit` is what one chart or
table shows, with its title, source and text alternative, and every display of it (the
chart, its data table, the data files) reads from it.
"""
